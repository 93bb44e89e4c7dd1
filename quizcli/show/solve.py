"""`quiz solve`: find the solvers a word names, call one with parameters from the command line, a file or the
course's example, and list several when a word names more than one."""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizcli.errors import BadInput, TranslatableBadInput
from quizcli.i18n import t

if TYPE_CHECKING:
    from solvers.errors import SolverInputError

# A spelt-out example longer than this is left to the bare call (which runs it): it would not fit a terminal line.
EXAMPLE_WIDTH = 110
SUGGESTIONS = 5


class UnknownSolver(BadInput):
    """No solver has this name; the caller, which knows what else the name could have been, may say more."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown solver or question {name!r}; quiz solve --help lists the solvers")
        self.name = name


class RefusedInput(TranslatableBadInput):
    """A solver refused a parameter. The solver words what it expected in both languages (solvers import nothing
    from quizcli); the CLI shows the one of the command's language."""

    def __init__(self, name: str, error: SolverInputError) -> None:
        from solvers.errors import Outcome

        self.solver, self.error = name, error
        if error.got is None:
            key = "solver_refused"
        else:
            key = "solver_refused_outcome" if isinstance(error.got, Outcome) else "solver_refused_value"
        super().__init__(key)

    def values_in(self, lang: str) -> dict[str, object]:
        expected = self.error.expected_ja if lang == "ja" else self.error.expected
        if lang == "ja" and expected[-1:].isascii():  # 形 [N, 4] が: a space between scripts
            expected += " "
        got = self.error.got_text(lang)
        return {"solver": self.solver, "param": self.error.param, "expected": expected, "got": got}


def parse_option(text: str) -> Any:
    """A command-line value: JSON where it parses (numbers, arrays, true/false), else the text itself.

    Full-width digits and brackets (５, ［５，５］) are read as their ASCII forms.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    try:
        return json.loads(text)
    except ValueError:
        return text


def read_params_file(path: Path) -> dict[str, Any]:
    from quizcli.bank.yamlsafe import YamlError, load, read_text

    try:
        text = read_text(path)
    except OSError as error:
        raise TranslatableBadInput("params_file_unreadable", path=path, reason=error.strerror or error) from None
    except YamlError as error:
        raise TranslatableBadInput("params_file_bad", path=path, reason=error) from None
    try:
        data = json.loads(text)
    except ValueError:
        try:
            data = load(text)
        except YamlError as error:
            raise TranslatableBadInput("params_file_not_data", path=path, reason=error) from None
    if not isinstance(data, dict):
        raise TranslatableBadInput("params_file_not_object", path=path)
    return dict(data)


def is_bare(options: Mapping[str, str | bool | None], params_file: Path | None) -> bool:
    """A call that gives no parameter at all: it runs the course's example."""
    return params_file is None and all(value is None for value in options.values())


def call_params(
    spec: Any, options: Mapping[str, str | bool | None], params_file: Path | None, preset: Mapping[str, Any]
) -> dict[str, Any]:
    """The raw parameters of a call: for a bare call the course's example with the word's preset on it; else the
    preset, the file, then the options, each overriding the one before."""
    if is_bare(options, params_file):
        return {**spec.lookup.example, **preset}
    given = {k: v if isinstance(v, bool) else parse_option(v) for k, v in options.items() if v is not None}
    return {**preset, **(read_params_file(params_file) if params_file else {}), **given}


def run(
    name: str,
    options: Mapping[str, str | bool | None],
    params_file: Path | None,
    preset: Mapping[str, Any] | None = None,
) -> tuple[Any, dict[str, Any], Any]:
    """(solver spec, resolved params, result); bad input raises BadInput naming the parameter."""
    import solvers

    if name not in solvers.SOLVERS:
        raise UnknownSolver(name)
    spec = solvers.SOLVERS[name]
    raw = call_params(spec, options, params_file, preset or {})
    try:
        params = spec.resolve(raw)
        return spec, params, spec.function(**params)
    except solvers.SolverInputError as error:
        raise RefusedInput(name, error) from None


def with_defaults(params: Mapping[str, Any], result: Any) -> dict[str, Any]:
    """The parameters as the solver used them: defaults that depend on other parameters filled in."""
    return {**params, **{k: v for k, v in result.defaults.items() if params.get(k) is None}}


def as_json(name: str, params: Mapping[str, Any], result: Any, steps: str = "full") -> bytes:
    """`quiz solve --json` as UTF-8: the solver, its parameters, the answer, the contract's extra fields and the
    steps (``steps="summary"``: each large array summed up, see :func:`summarised`). Bytes, so that a large document
    goes to stdout as orjson wrote it (click.echo would scan a text for ANSI codes)."""
    document = {"solver": name, "params": with_defaults(params, result), "answer": result.answer}
    document.update(result.extras)
    document["steps"] = summarised(result.steps) if steps == "summary" else result.steps
    return encode(document)


# A step array with more entries than this is shown as its shape, min, max and mean by --steps summary.
SUMMARY_ENTRIES = 1_000
# A --json document shorter than this keeps json.dumps's spacing (", ", ": "), which a person reads; a longer one,
# which nobody reads by eye, is written compact by orjson, with the same content.
SPACED_BYTES = 65_536


def summarised(steps: Any, limit: int = SUMMARY_ENTRIES) -> Any:
    """``steps`` with every numeric array (or list of numbers) of more than ``limit`` entries replaced by
    {"shape", "min", "max", "mean"}; everything else as it is."""
    import numpy as np

    if isinstance(steps, Mapping):
        return {key: summarised(value, limit) for key, value in steps.items()}
    array = steps
    if isinstance(steps, (list, tuple)):
        try:
            array = np.asarray(steps)
        except ValueError:  # ragged: its parts may still be large
            array = None
        if array is None or array.dtype.kind not in "biuf":
            return [summarised(value, limit) for value in steps]
    if isinstance(array, np.ndarray) and array.dtype.kind in "biuf" and array.size > limit:
        return {
            "shape": list(array.shape),
            "min": array.min().item(),
            "max": array.max().item(),
            "mean": float(np.mean(array, dtype=np.float64)),
        }
    return steps


def encode(document: Any, spaced_bytes: int = SPACED_BYTES) -> bytes:
    """``document`` as UTF-8 JSON with the content ``json.dumps(solvers.jsonable(document))`` gives it: arrays as
    nested lists, NumPy numbers as Python's, ±inf and NaN as the strings "inf", "-inf" and "nan", every float
    written so that it reads back to the same bits.

    orjson writes it, arrays through ``tolist`` as jsonable does: a 12 MB mAP result takes 40 ms instead of 600 ms
    (docs/performance.md). It writes NaN and ±inf as null, so a document in which it wrote a null, or one it
    refuses (an integer beyond 64 bits, a key that is not text, an unpaired surrogate), goes through jsonable
    first. Under ``spaced_bytes`` the text is json.dumps's, spacing and all."""
    import orjson

    from solvers import jsonable

    # Subclasses of str, int, dict and list, dataclasses and datetimes go to _plain, which treats them as
    # json.dumps does.
    passthrough = orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
    try:
        fast: bytes | None = orjson.dumps(document, default=_plain, option=passthrough)
    except TypeError:  # orjson.JSONEncodeError is one
        fast = None
    if fast is not None and b"null" not in fast and len(fast) >= spaced_bytes:
        return fast
    plain = jsonable(document)
    if fast is not None and len(fast) >= spaced_bytes:
        with suppress(TypeError):
            return orjson.dumps(plain)
    return json.dumps(plain, ensure_ascii=False).encode("utf-8", "surrogateescape")  # as argv decoded them


def _plain(value: Any) -> Any:
    """What orjson cannot write itself, as jsonable and json.dumps see it; anything else is refused."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# -- command lines: the examples in --help, in the list of several solvers and in the note of a bare call -----


def command_line(spec: Any, params: Mapping[str, Any]) -> str:
    """`quiz solve NAME --option VALUE …` for ``params``, each value written as the command line takes it."""
    words = ["quiz", "solve", spec.name]
    for name, value in params.items():
        words += _option_words(spec.param(name), value)
    return " ".join(words)


def _option_words(param: Any, value: Any) -> list[str]:
    from solvers.params import Bool, Size

    if value is None:
        return []
    if isinstance(param.param, Bool):
        return [param.option if value else param.no_option]
    if isinstance(param.param, Size) and isinstance(value, (list, tuple)):
        return [param.option, "x".join(map(str, value))]
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return [param.option, shlex.quote(text)]


def spelt_example(spec: Any, preset: Mapping[str, Any]) -> str | None:
    """The course's example (with a word's preset) as a command line, or None when it is too long for one."""
    spelt = command_line(spec, {**spec.lookup.example, **preset})
    return spelt if len(spelt) <= EXAMPLE_WIDTH else None


def example_call(spec: Any, preset: Mapping[str, Any]) -> str:
    """A command that runs the course's example: spelt out when it fits a line, else the bare call."""
    return spelt_example(spec, preset) or f"quiz solve {spec.name}"


def help_examples(spec: Any) -> list[str]:
    """The last lines of a solver's --help: the bare call, then the example it runs spelt out, when they differ."""
    return list(dict.fromkeys([f"quiz solve {spec.name}", example_call(spec, {})]))


def example_note(spec: Any, preset: Mapping[str, Any], lang: str) -> str:
    """What says a bare call ran the course's example, with the command spelt out below when it fits (the output
    shows its values anyway), on a line of its own to copy."""
    if preset:
        changed = " ".join(word for name, value in preset.items() for word in _option_words(spec.param(name), value))
        said = t(lang, "solve_preset_example", preset=changed)
    else:
        said = t(lang, "solve_course_example")
    spelt = spelt_example(spec, preset)
    return f"{said}:\n  {spelt}" if spelt else said


# -- several solvers for one word -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    """The solvers a word names, each with its one-line formula over an example command. Plain text on a terminal
    too: a long example folds there and still copies as one line."""

    title: str
    rows: list[tuple[str, str, str]]

    def text(self, width: int | None = None) -> str:
        """The list; with a terminal's ``width``, each summary is broken to it, hung under its first line (an
        example stays one line, to copy)."""
        from quizcli.typeset import wrap

        column = max(len(name) for name, _, _ in self.rows)
        hang = " " * (column + 4)
        lines = wrap(self.title, width) if width else [self.title]
        for name, summary, example in self.rows:
            first, *rest = wrap(summary, max(width - len(hang), 20)) if width else [summary]
            lines += [f"  {name.ljust(column)}  {first}", *(hang + line for line in rest), f"{hang}{example}"]
        return "\n".join(lines)


def choices(word: str, matches: list[Any], lang: str) -> Choices:
    return Choices(
        title=t(lang, "solve_several", word=word, count=len(matches)),
        rows=[(m.spec.name, _summary(m.spec, lang), example_call(m.spec, m.preset)) for m in matches],
    )


def _summary(spec: Any, lang: str) -> str:
    """A solver in one line: its docstring's first line, or in Japanese its summary's first sentence."""
    from quizcli.show.render import formula

    text = formula(spec, lang)
    return text.split("。")[0] + "。" if lang == "ja" and "。" in text else text.splitlines()[0]


def choices_json(matches: list[Any]) -> str:
    rows = [
        {"solver": m.spec.name, "summary": m.spec.summary, "command": example_call(m.spec, m.preset)} for m in matches
    ]
    return json.dumps(rows, ensure_ascii=False)


# -- a word that names nothing --------------------------------------------------------------------------------


def unknown(key: str, word: str, candidates: Iterable[str], lang: str, fallback: str) -> BadInput:
    """The error for a word that names nothing: message ``key``, with the closest candidates or ``fallback``."""
    close = did_you_mean(word, candidates)
    hint = t(lang, "solve_did_you_mean", close=", ".join(close)) if close else t(lang, fallback)
    return BadInput(t(lang, key, word=word, hint=hint))


def matches(word: str, content_dirs: Iterable[Path] | None = None) -> list[Any]:
    """The solvers ``word`` names: by the solvers' own words (a name, a keyword, a preset), and, for a topic or a
    syllabus section of the banks, every solver its questions use, in name order. A solver's own name names it
    alone, without reading the banks."""
    import solvers

    found = solvers.find(word)
    if len(found) == 1 and found[0].spec.name == solvers.normal_word(word):
        return found
    from quizcli.bank.catalog import load_catalog

    wanted = solvers.normal_word(word)
    questions = load_catalog(content_dirs).questions.values()
    used = {q.solver for q in questions if q.solver and wanted in (q.topic, q.section)}
    named = {match.spec.name for match in found}
    extra = [solvers.Match(solvers.SOLVERS[name], {}) for name in used - named]
    return sorted([*found, *extra], key=lambda match: match.spec.name)


def unknown_word(word: str, lang: str) -> BadInput:
    import solvers

    words = [w for spec in solvers.SOLVERS.values() for w in spec.words]
    return unknown("solve_unknown", word, words, lang, "solve_list_hint")


def did_you_mean(word: str, candidates: Iterable[str], limit: int = SUGGESTIONS) -> list[str]:
    """The candidates a mistyped word most likely meant: those it begins, then those that contain it, then those a
    few edits away (about one edit in three letters, closest first); shortest first within each."""
    from solvers.registry import normal_word

    wanted = normal_word(word)
    if not wanted:
        return []
    spellings = {normal_word(c): c for c in reversed(list(candidates))}  # the first spelling of a word wins
    allowed = max(1, len(wanted) * 3 // 10)
    ranked = []
    for form, spelling in spellings.items():
        if form.startswith(wanted):
            ranked.append((0, 0, len(form), spelling))
        elif wanted in form:
            ranked.append((1, 0, len(form), spelling))
        elif (distance := _edit_distance(wanted, form)) <= allowed:
            ranked.append((2, distance, len(form), spelling))
    return [spelling for *_, spelling in sorted(ranked)][:limit]


def _edit_distance(a: str, b: str) -> int:
    """Insertions, deletions, substitutions and swaps of neighbours ("outptu" → "output" is one)."""
    two_back: list[int] = []
    one_back = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(one_back[j] + 1, row[j - 1] + 1, one_back[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], two_back[j - 2] + 1)
        two_back, one_back = one_back, row
    return one_back[-1]


# -- a solver's --help ----------------------------------------------------------------------------------------


def _help_paragraphs(doc: str) -> str:
    """A docstring for click to fill to the terminal: each paragraph's lines joined into one, except a table
    (columns aligned by runs of spaces), kept as written (click's \\b)."""
    paragraphs = doc.split("\n\n")
    return "\n\n".join("\b\n" + p if re.search(r"\S {3,}\S", p) else " ".join(p.split()) for p in paragraphs)


def help_words(spec: Any, key: str, lang: str) -> str:
    """The words of a solver's --help (quizcli.commands.solve.SolverCommand): ``solver.help`` its docstring, in
    Japanese its summary_ja (the formula and conventions; the English prose is not shown); ``solver.summary`` its
    line in `quiz solve --help`; ``solver.examples`` the examples; ``solver.param.NAME`` a parameter's kind and its
    default (or that it is required)."""
    from quizcli.helptext import help_text

    if key == "solver.help":
        return str(spec.lookup.summary_ja) if lang == "ja" else _help_paragraphs(str(spec.doc))
    if key == "solver.summary":
        return _summary(spec, lang)
    if key == "solver.examples":
        return "\n".join(["\b", help_text(lang, "solve.examples"), *(f"  {line}" for line in help_examples(spec))])
    param = spec.param(key.removeprefix("solver.param."))
    from solvers.params import Bool

    if isinstance(param.param, Bool):
        default = param.option if param.default else param.no_option
        return f"[{help_text(lang, 'solve.default', default=default)}]"
    described = param.param.describe(lang)
    if param.required:
        return f"{described}  [{help_text(lang, 'solve.required')}]"
    return f"{described}  [{help_text(lang, 'solve.default', default=param.default)}]"
