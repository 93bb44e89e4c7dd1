"""LaTeX in the banks, shown as readable Unicode in a terminal.

pylatexenc does the macro work (Greek, operators, accents); two things it renders ambiguously are handled
here: scripts (``z^{t-1}`` must not read as ``z^t-1``) and fractions (``\\frac{H+2P-F}{S}`` needs brackets).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

SUPERSCRIPTS = str.maketrans(
    "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW",
    "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ",
)
SUBSCRIPTS = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\[A-Za-z]+|[A-Za-z0-9]))")
_FUNCTION = re.compile(r"\\(arg|cos|det|exp|lim|ln|log|max|min|sin|tanh|tan)(?![A-Za-z])\s*(?=[A-Za-z0-9\\])")
# Operator names pylatexenc does not know: it would drop them ("\det A" read as "A").
_OPERATORS = ("det", "dim", "ker", "rank", "sup", "inf", "deg", "gcd", "Pr", "sinh", "cosh", "lg", "tr")
# An accent on a single letter without braces ("\bar x"): braced, or the space rule below would cut it off.
_DISPLAY_FRACTION = re.compile(r"\\[dt]frac(?![A-Za-z])")
_BARE_ACCENT = re.compile(r"\\(bar|hat|tilde|vec|dot|ddot|check|breve)\s+([A-Za-z0-9])")
_SPACED = re.compile(r"(\\(?!partial\b)[A-Za-z]+)(?=\s)")
_MATH = re.compile(r"\$([^$]+)\$")
# \left( and \right) size a delimiter, which a terminal cannot: the bare delimiter, without the space
# pylatexenc would keep after it ("exp (−x )"); \left. and \right. show nothing.
_SIZED = re.compile(r"\\(?:left|right)(?![A-Za-z])\s*(\.)?")
_BARS = re.compile(r"\\lvert(?![A-Za-z])\s*|\s*\\rvert(?![A-Za-z])")
_INNER_SPACE = re.compile(r"(?<=[(\[])\s+|\s+(?=[)\]])")
_SYMBOLS = {
    r"^\top": "ᵀ",
    r"^{\top}": "ᵀ",
    r"\top": "ᵀ",
    r"\prime": "′",
    "'": "′",
    r"\|": "‖",
    r"\lVert": "‖",
    r"\rVert": "‖",
    r"\arg": "arg",
}


def to_text(text: str) -> str:
    """Replace every ``$…$`` span of ``text`` by its Unicode reading."""
    return to_text_and_formulas(text)[0]


def to_text_and_formulas(text: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`to_text`, and where each formula is in the result: a line should not break inside one, and once
    read as Unicode a formula no longer says where it starts and ends."""
    parts, formulas, done, length = [], [], 0, 0
    for match in _MATH.finditer(text):
        before, formula = text[done : match.start()], latex_to_unicode(match.group(1))
        formulas.append((length + len(before), length + len(before) + len(formula)))
        parts += [before, formula]
        length += len(before) + len(formula)
        done = match.end()
    parts.append(text[done:])
    return "".join(parts), formulas


def latex_to_unicode(latex: str) -> str:
    for macro, symbol in _SYMBOLS.items():
        latex = latex.replace(macro, symbol)
    latex = _BARS.sub("|", _SIZED.sub("", latex))
    latex = _DISPLAY_FRACTION.sub(r"\\frac", latex)  # the parser knows only \frac's two arguments
    latex = _BARE_ACCENT.sub(r"\\\1{\2}", latex)
    latex = _FUNCTION.sub(r"\\\1\\ ", latex)  # pylatexenc drops the space in "\log p"
    latex = _SPACED.sub(r"\1{}", latex)  # "\odot a" keeps its space: a macro otherwise swallows it
    latex = _SCRIPT.sub(_script, latex)
    text = _INNER_SPACE.sub("", " ".join(_converter().latex_to_text(latex).split()))
    return text.replace("-", "−")  # in a formula a hyphen is a minus sign, and a book prints it as one


def _script(match: re.Match[str]) -> str:
    mark, body = match.group(1), match.group(2) if match.group(2) is not None else match.group(3)
    table = SUPERSCRIPTS if mark == "^" else SUBSCRIPTS
    plain = body.replace(" ", "")
    if body in ("ᵀ", "′"):
        return body
    if plain and not plain.startswith("\\") and all(ch in "".join(map(chr, table)) for ch in plain):
        return "{}" + plain.translate(table)  # {} ends a preceding macro name: \delta_t must stay δₜ
    # Not every character has a Unicode script form: keep the marker and bracket anything longer than one,
    # except a word of letters and digits that no letter follows: D_KL(…) reads as D_KL, not D_(KL).
    if plain.isascii() and plain.isalnum() and not re.match(r"[A-Za-z0-9]", match.string[match.end() :]):
        return f"{mark}{plain}"
    return f"{mark}{body}" if len(plain) == 1 or plain.startswith("\\") and " " not in body else f"{mark}({body})"


@cache
def _converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category(
        "quiz",
        prepend=True,
        macros=[
            MacroTextSpec("frac", simplify_repl=_fraction),
            *(MacroTextSpec(name, simplify_repl=name) for name in _OPERATORS),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="text")


def _fraction(node: Any, l2tobj: Any) -> str:
    numerator, denominator = (l2tobj.nodelist_to_text([arg]).strip() for arg in node.nodeargd.argnlist[:2])
    return f"{_bracket(numerator)}/{_bracket(denominator)} "  # a space apart from what follows


def _bracket(text: str) -> str:
    return f"({text})" if re.search(r"[+\-−×·/=]", _top_level(text)) else text


def _top_level(text: str) -> str:
    """``text`` without its bracketed parts: (x − μ)² and |x − μ| need no second pair of brackets."""
    while True:
        inner = re.sub(r"\([^()]*\)|\[[^\[\]]*\]|\|[^|]*\|", "", text)
        if inner == text:
            return text
        text = inner
