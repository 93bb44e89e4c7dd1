"""A bank's prose as a typeset paragraph: its `$…$` formulas read as Unicode, and neither they nor its `code`
spans broken across lines."""

from __future__ import annotations

from quizcli.show.mathtext import to_text_and_formulas
from quizcli.typeset import INLINE_CODE, Paragraph, Span

CODE_STYLE = "bold cyan"  # `code` spans in prose on a screen: the backticks dropped, this style instead


def paragraph(text: str, *, style: str = "", code_style: str | None = CODE_STYLE) -> Paragraph:
    """``text`` as written in a bank. `code` spans lose their backticks and take ``code_style`` instead; with
    ``code_style=None`` they keep the backticks, which also keep them whole."""
    from rich.text import Text

    plain, formulas = to_text_and_formulas(text)
    if code_style is None:
        return Paragraph(Text(plain, style=style), keep=formulas)
    shown, done, code_spans, dropped = Text(style=style), 0, [], []
    for match in INLINE_CODE.finditer(plain):
        shown.append(plain[done : match.start()])
        code_spans.append((len(shown), len(shown) + len(match.group()) - 2))
        shown.append(match.group()[1:-1], style=code_style)
        dropped += [match.start(), match.end() - 1]
        done = match.end()
    shown.append(plain[done:])
    return Paragraph(shown, keep=[*code_spans, *(_shifted(span, dropped) for span in formulas)])


def _shifted(span: Span, dropped: list[int]) -> Span:
    """``span`` once the characters at ``dropped`` (sorted, none inside it) are gone."""
    start, end = span
    before = sum(1 for index in dropped if index < start)
    return start - before, end - before
