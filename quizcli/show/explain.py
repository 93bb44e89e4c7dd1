"""`quiz explain`: walk through a result by running the solver's own code on the question's numbers."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizcli.bank.catalog import Question
from quizcli.bank.instances import Instance, fill, instantiate
from quizcli.formats import format_answer, format_shape, format_value, shape_of
from quizcli.i18n import t


@dataclass(frozen=True)
class Step:
    name: str
    value: Any
    shape: list[int]


@dataclass(frozen=True)
class Explanation:
    """Everything an explanation shows, as data: the terminal and --json render the same thing."""

    id: str
    answer: Any
    solver: str | None = None
    doc: str = ""
    source: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    steps: list[Step] = field(default_factory=list)
    options: list[dict[str, Any]] = field(default_factory=list)
    question: Question | None = None
    instance: Instance | None = None


def explain_question(question: Question, seed: int | None = None) -> Explanation:
    instance = instantiate(question, seed)
    answer = instance.answer if question.solver else _stored_answer(question)
    base = _solver_parts(question.solver, instance.params, instance.result) if question.solver else {}
    options = [
        {"text": run.code, **({"error": run.error} if run.error else {"value": run.value}), "correct": run.matches}
        for run in instance.options
    ]
    return Explanation(id=question.id, answer=answer, options=options, question=question, instance=instance, **base)


def run(
    target: str, *, content_dirs: Iterable[Path], seed: int | None, extra: list[str], params_file: Any
) -> Explanation:
    """A question id in the banks under ``content_dirs`` (when no solver parameters follow), else a solver name
    with its parameters."""
    from quizcli.bank.catalog import load_catalog
    from quizcli.errors import TranslatableBadInput

    if not extra and params_file is None:
        catalog = load_catalog(content_dirs)
        if target in catalog.questions:
            return explain_question(catalog.questions[target], seed)
    if seed is not None:
        raise TranslatableBadInput("explain_seed_not_drill")
    from quizcli.show import solve

    _, params, result = solve.run(target, _pairs(extra), params_file)
    return explain_solver(target, params, result)


def _pairs(extra: list[str]) -> dict[str, str]:
    """["--grad", "[3, 4]", "--threshold=1"] → {"grad": "[3, 4]", "threshold": "1"}."""
    from quizcli.errors import TranslatableBadInput

    options: dict[str, str] = {}
    words = iter(extra)
    for word in words:
        if not word.startswith("--") or len(word) < 3:
            raise TranslatableBadInput("explain_unexpected_argument", word=word)
        name, _, value = word[2:].partition("=")
        if not value:
            following = next(words, None)
            if following is None:
                raise TranslatableBadInput("explain_needs_value", option=f"--{name}")
            value = following
        options[name.replace("-", "_")] = value
    return options


def explain_solver(name: str, params: Mapping[str, Any], result: Any) -> Explanation:
    return Explanation(id=name, answer=result.answer, **_solver_parts(name, params, result))


def _solver_parts(name: str, params: Mapping[str, Any], result: Any) -> dict[str, Any]:
    import solvers

    spec = solvers.SOLVERS[name]
    steps = [Step(key, value, shape_of(value)) for key, value in result.steps.items()]
    from quizcli.show.solve import with_defaults

    return {
        "solver": name,
        "doc": spec.doc,
        "source": shown_source(spec.function),
        "params": with_defaults(params, result),
        "steps": steps,
    }


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def shown_source(function: Any) -> str:
    """A solver's source as a learner reads it: the computation as it runs, with the arguments of each call that
    words a message for bad input (which carries its Japanese beside its English) shown as "...", so that
    neither language's screen shows the other's words, and the code reads as the computation it is."""
    import ast

    source = inspect.getsource(function)
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, column: int) -> int:  # ast columns count UTF-8 bytes
        return starts[line - 1] + len(lines[line - 1].encode()[:column].decode())

    def words_a_message(node: ast.Call) -> bool:
        constants = (child for child in ast.walk(node) if isinstance(child, ast.Constant))
        return any(isinstance(c.value, str) and _JAPANESE.search(c.value) for c in constants)

    calls = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call) and words_a_message(node)]
    spans = sorted(
        (
            offset(call.func.end_lineno or 0, call.func.end_col_offset or 0),
            offset(call.end_lineno or 0, call.end_col_offset or 0),
        )
        for call in calls
    )
    shown, done = [], 0
    for start, end in spans:
        if start >= done:  # an outer call's arguments, inner calls in them included, are elided once
            shown += [source[done:start], "(...)"]
            done = end
    return "".join([*shown, source[done:]])


def _stored_answer(question: Question) -> Any:
    """Choice and text questions have no solver: their key is the marked option(s) or the model answer."""
    if question.kind == "text":
        return question.spec["model_answer"]
    return [option["text"] for option in question.spec["options"] if option.get("correct")]


def as_json(explanation: Explanation, lang: str) -> str:
    """What the screen shows, as data: the question in ``lang``, the answer (for a code question, the key's
    code and value), the formula, the inputs, every step, every option with its value and why, the why, and
    the solver's source."""
    from solvers import jsonable

    document: dict[str, Any] = {"id": explanation.id, "lang": lang}
    question, instance = explanation.question, explanation.instance
    if question is not None and instance is not None:
        document.update(
            kind=question.kind,
            topic=question.topic,
            section=question.section,
            source=question.source,
            difficulty=question.difficulty,
            prompt=fill(question.text("prompt", lang), instance.names),
        )
    document["answer"] = jsonable(explanation.answer)
    key_code = _key_code(explanation)
    if key_code is not None:
        document["answer_code"] = key_code
    if explanation.solver:
        document["solver"] = explanation.solver
        document["formula"] = formula_text(explanation, lang)
        document["params"] = jsonable(explanation.params)
        document["steps"] = [{"name": s.name, "value": jsonable(s.value), "shape": s.shape} for s in explanation.steps]
        document["source_code"] = explanation.source
    if question is not None and "options" in question.spec:
        document["options"] = _options_data(explanation, lang)
    if question is not None and instance is not None:
        document["why"] = fill(question.text("explanation", lang), instance.names)
    return json.dumps(document, ensure_ascii=False)


def _options_data(explanation: Explanation, lang: str) -> list[dict[str, Any]]:
    """Each option as written (text or code, whether it is a key, its why) and, for code, what it computed."""
    from solvers import jsonable

    assert explanation.question is not None
    runs = iter(explanation.options)
    data = []
    for option in explanation.question.spec["options"]:
        text = option.get("text", option.get("code"))
        entry: dict[str, Any] = {
            "text": text if isinstance(text, str) else text[lang],
            "correct": bool(option.get("correct")),
        }
        if "code" in option:
            run = next(runs)
            entry.update({k: jsonable(v) for k, v in run.items() if k in ("value", "error")})
            entry["matches_reference"] = run["correct"]
        if "why" in option:
            entry["why"] = option["why"][lang]
        data.append(entry)
    return data


def _key_code(explanation: Explanation) -> str | None:
    """A code question's key: the code of the option marked correct."""
    question = explanation.question
    if question is None or question.kind != "code-choice":
        return None
    return next(str(option["code"]) for option in question.spec["options"] if option.get("correct"))


def renderable(explanation: Explanation, lang: str, *, with_source: bool = True) -> Any:
    """The question and answer, the formula, the solver's source (unless not ``with_source``), the inputs, every
    step, the result, why."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text

    from quizcli.show import prose
    from quizcli.typeset import Paragraph, TitledPanel

    parts: list[Any] = []
    question, instance = explanation.question, explanation.instance
    if question is not None and instance is not None:
        parts.append(prose.paragraph(fill(question.text("prompt", lang), instance.names)))
    answer = Table.grid(padding=(0, 1))  # a long answer hangs under itself, clear of the label
    answer.add_row(
        Text(t(lang, "explain_answer") + ":", style="bold"),
        prose.paragraph(_answer_markup(explanation, lang), style="bold green"),
    )
    parts.append(answer)
    if explanation.doc:
        formula = Paragraph(Text(formula_text(explanation, lang), style="cyan"))
        parts += [Rule(t(lang, "explain_formula"), align="left"), formula]
    if explanation.source and with_source:
        parts += [Rule(t(lang, "explain_code"), align="left"), _source(explanation)]
    if explanation.params:
        inputs = Table(*_columns(lang, "input", "value", "shape"), box=None, header_style="bold")
        for name, value in explanation.params.items():
            inputs.add_row(name, Text(_clip(format_value(value))), _shape(value, lang))
        parts += [Rule(t(lang, "explain_inputs"), align="left"), inputs]
    if explanation.steps:
        steps = Table("#", *_columns(lang, "step", "value", "shape"), box=None, header_style="bold")
        for number, step in enumerate(explanation.steps, 1):
            steps.add_row(str(number), step.name, Text(_clip(format_value(step.value))), _shape(step.value, lang))
        parts += [Rule(t(lang, "explain_steps"), align="left"), steps]
    if explanation.options:
        parts += [Rule(t(lang, "explain_options"), align="left"), _options_table(explanation, lang)]
    from quizcli.show import pictures

    picture = pictures.for_explanation(explanation, lang)
    if picture is not None:
        parts += [Rule(t(lang, "explain_picture"), align="left"), picture]
    if question is not None and instance is not None:
        why = prose.paragraph(fill(question.text("explanation", lang), instance.names))
        parts += [Rule(t(lang, "explain_why"), align="left"), why]
    return TitledPanel(Group(*parts), f"quiz explain {explanation.id}", explanation.id)


def source_renderable(explanation: Explanation, lang: str) -> Any:
    """The solver's source on its own, for a study session that keeps it out of the explanation."""
    from quizcli.typeset import TitledPanel

    title = f"{explanation.solver}: {t(lang, 'explain_code')}"
    return TitledPanel(_source(explanation), title, t(lang, "explain_code"))


def _source(explanation: Explanation) -> Any:
    from rich.syntax import Syntax

    return Syntax(explanation.source, "python", theme="ansi_dark", background_color="default", word_wrap=True)


def _options_table(explanation: Explanation, lang: str) -> Any:
    from rich.table import Table
    from rich.text import Text

    table = Table(*_columns(lang, "option", "result", "shape"), "", box=None, header_style="bold")
    for option in explanation.options:
        if "error" in option:
            table.add_row(Text(option["text"]), Text(option["error"]), "", t(lang, "option_raises"), style="red")
        else:
            mark = t(lang, "option_matches" if option["correct"] else "option_differs")
            table.add_row(
                Text(option["text"]),
                Text(_clip(format_value(option["value"]))),
                _shape(option["value"], lang),
                mark,
                style="green" if option["correct"] else "",
            )
    return table


def _answer_markup(explanation: Explanation, lang: str) -> str:
    """The answer as a bank writes text: formulas still in `$…$`, for prose.paragraph to read."""
    answer = explanation.answer
    kind = explanation.question.kind if explanation.question is not None else None
    if kind == "text":
        return str(answer[lang])
    if kind == "choice":
        return " / ".join(text if isinstance(text, str) else text[lang] for text in answer)
    key_code = _key_code(explanation)
    if key_code is not None:  # the option to choose, then what it computes
        return f"`{key_code}` → {format_answer(answer, kind)}"
    tolerance = explanation.question.spec.get("tolerance") if explanation.question is not None else None
    return format_answer(answer, kind, tolerance=tolerance)


def formula_text(explanation: Explanation, lang: str) -> str:
    import solvers
    from quizcli.show.render import formula

    return formula(solvers.SOLVERS[explanation.solver], lang) if explanation.solver else ""


def _columns(lang: str, *names: str) -> list[str]:
    return [t(lang, f"column_{name}") for name in names]


def _shape(value: Any, lang: str) -> str:
    return format_shape(shape_of(value)) or t(lang, "scalar")


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
