"""`quiz new-question`: a complete bank file with one question of a kind, valid as it stands, ready to edit.

Solver questions get the solver's own example (its ``Lookup.example``, the values of a course question) and the
topic, section and tags of the built-in questions on it, a ``pick`` when the solver's answer is a structure, and
a tolerance when the answer is not an integer.
The text itself is left as TODO lines for the author, in both languages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizcli.errors import BadInput, QuizError
from quizcli.i18n import AUTHOR_MESSAGES

KINDS = ("choice", "numeric", "shape", "code-choice", "text")
SOLVER_KINDS = ("numeric", "shape", "code-choice")
DEFAULT_SOLVERS = {"numeric": "gradient-clipping", "shape": "conv-output", "code-choice": "gradient-clipping"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TOLERANCE = {"abs": 0.0005}  # the prompt asks for 3 decimals

# Comments written into the bank file itself: part of the scaffold's content, like its TODO lines.
COMMENTS = {
    "header": (
        "# A new question for quiz: replace every TODO, then check the file with `quiz validate FILE`.\n"
        "# The bank format is described in content/README.md."
    ),
    "drill_hint": "    # To make it a drill, add `variants` to draw fresh numbers (content/README.md, kind numeric).",
    "optional": "optional, default {default}: {describe}",
    "optional_none": "optional: {describe}",
    "pick_number": "the solver's answer is {structure}; pick chooses the number asked for",
    "pick_size": "the solver's answer is {structure}; pick chooses the size asked for",
}


# A section the scaffold can name before the author has chosen one; a TODO comment beside it says so.
PLACEHOLDER_SECTION = "feedforward"


@dataclass(frozen=True)
class CodeTemplate:
    """A code-choice question on one solver: inputs, setup, params, the key first, then the distractors."""

    topic: str
    section: str
    tags: tuple[str, ...]
    inputs: dict[str, Any]
    setup: dict[str, str]
    params: dict[str, str]
    options: tuple[str, ...]
    pick: str | None = None


CODE_TEMPLATES: dict[str, CodeTemplate] = {
    "gradient-clipping": CodeTemplate(
        "lstm",
        "rnn",
        ("rnn", "lstm"),
        {"grad": [3.0, 4.0], "threshold": 2.0},
        {"gradient": "grad", "norm": "np.linalg.norm(grad)", "rate": "threshold / norm"},
        {"grad": "$grad", "threshold": "$threshold"},
        ("gradient * rate", "gradient / norm", "gradient / threshold", "np.maximum(gradient, threshold)"),
    ),
    "softmax": CodeTemplate(
        "attention",
        "transformer",
        ("attention",),
        {"x": [1.0, 2.0, 3.0]},
        {"shifted": "x - x.max()"},
        {"x": "$x"},
        (
            "np.exp(shifted) / np.exp(shifted).sum()",
            "np.exp(x) / x.sum()",
            "shifted / shifted.sum()",
            "np.exp(shifted)",
        ),
    ),
    "lstm-cell-update": CodeTemplate(
        "lstm",
        "rnn",
        ("lstm",),
        {
            "input_gate": [0.5, 0.2],
            "forget_gate": [0.9, 0.4],
            "output_gate": [0.6, 0.7],
            "a": [0.8, -0.5],
            "c_prev": [1.0, 2.0],
        },
        {},
        {
            "input_gate": "$input_gate",
            "forget_gate": "$forget_gate",
            "output_gate": "$output_gate",
            "cell_input": "$a",
            "c_prev": "$c_prev",
        },
        (
            "forget_gate * c_prev + input_gate * a",
            "input_gate * c_prev + forget_gate * a",
            "forget_gate * c_prev + output_gate * a",
            "(forget_gate + input_gate) * a",
        ),
        pick="c",
    ),
}


def new_question(kind: str, solver: str | None = None, question_id: str | None = None) -> str:
    """The YAML text of a bank holding one question of ``kind``; refuses what it cannot build."""
    if kind not in KINDS:
        raise BadInput(AUTHOR_MESSAGES["unknown_kind"].format(kind=kind, kinds=", ".join(KINDS)))
    if solver is not None and kind not in SOLVER_KINDS:
        raise BadInput(AUTHOR_MESSAGES["solver_not_for_kind"].format(kind=kind))
    if kind in SOLVER_KINDS:
        solver = _known_solver(solver or DEFAULT_SOLVERS[kind])
    if question_id is not None and not SLUG.match(question_id):
        raise BadInput(AUTHOR_MESSAGES["bad_id"].format(id=question_id))
    if question_id is None:
        question_id = f"my-{solver}-{kind}" if solver else f"my-{kind}-question"
    build = {"choice": _choice, "text": _text, "code-choice": _code_choice}.get(kind, _solved)
    lines = build(kind, solver, question_id)
    return "\n".join([COMMENTS["header"], "format_version: 1", "questions:", *lines]) + "\n"


def write(text: str, path: Path, force: bool = False) -> None:
    """Write the scaffold to ``path``; an existing file is kept unless ``force``."""
    try:
        with open(path, "w" if force else "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise QuizError(AUTHOR_MESSAGES["exists"].format(path=path)) from None
    except OSError as error:
        raise QuizError(AUTHOR_MESSAGES["cannot_write"].format(path=path, reason=error.strerror or error)) from None


def _known_solver(name: str) -> str:
    import solvers

    if name in solvers.SOLVERS:
        return name
    from difflib import get_close_matches

    close = get_close_matches(name, solvers.SOLVERS, n=1)
    hint = AUTHOR_MESSAGES["did_you_mean"].format(close=close[0]) if close else AUTHOR_MESSAGES["list_solvers"]
    raise BadInput(AUTHOR_MESSAGES["unknown_solver"].format(name=name, hint=hint))


# ---------------------------------------------------------------- the kinds


def _head(question_id: str, topic: str, section: str, tags: tuple[str, ...], source: str, kind: str) -> list[str]:
    return [
        f"  - id: {question_id}",
        f"    topic: {topic}",
        f"    section: {section}"
        + ("  # TODO: the syllabus section, an id from content/syllabus.yaml" * (topic == "todo")),
        f"    tags: [{', '.join(tags)}]",
        f"    source: {source}",
        f"    kind: {kind}",
        "    difficulty: 1",
    ]


def _bilingual(name: str, ja: str, en: str) -> list[str]:
    return [f"    {name}:", f"      ja: {_quote(ja)}", f"      en: {_quote(en)}"]


def _choice(kind: str, solver: str | None, question_id: str) -> list[str]:
    return [
        *_head(question_id, "todo", PLACEHOLDER_SECTION, ("todo",), "concept", kind),
        *_bilingual("prompt", "TODO: 問題文を書く。", "TODO: write the question."),
        "    options:",
        f"      - text: {{ja: {_quote('TODO: 正しい選択肢')}, en: {_quote('TODO: the correct option')}}}",
        "        correct: true",
        f"      - text: {{ja: {_quote('TODO: 誤りの選択肢')}, en: {_quote('TODO: a wrong option')}}}",
        f"        why: {{ja: {_quote('TODO: なぜ誤りか。')}, en: {_quote('TODO: why it is wrong.')}}}",
        f"      - text: {{ja: {_quote('TODO: 別の誤りの選択肢')}, en: {_quote('TODO: another wrong option')}}}",
        f"        why: {{ja: {_quote('TODO: なぜ誤りか。')}, en: {_quote('TODO: why it is wrong.')}}}",
        *_bilingual(
            "explanation",
            "TODO: 正解の理由と、各選択肢の誤りを説明する。",
            "TODO: explain the answer and what is wrong with each other option.",
        ),
    ]


def _text(kind: str, solver: str | None, question_id: str) -> list[str]:
    return [
        *_head(question_id, "todo", PLACEHOLDER_SECTION, ("todo",), "確認テスト", kind),
        *_bilingual("prompt", "TODO: 問題文を書く。", "TODO: write the question."),
        *_bilingual("model_answer", "TODO: 模範解答を書く。", "TODO: write the model answer."),
        "    keywords:",
        f"      ja: [{_quote('TODO キーワード')}]",
        f"      en: [{_quote('TODO keyword')}]",
        *_bilingual("explanation", "TODO: 解説を書く。", "TODO: write the explanation."),
    ]


def _solved(kind: str, solver: str | None, question_id: str) -> list[str]:
    """A numeric or shape question on ``solver`` with its example parameters."""
    import solvers

    assert solver is not None
    spec = solvers.SOLVERS[solver]
    params = dict(spec.lookup.example)
    topic, section, tags = _home(solver)
    try:
        result = spec(**params)
    except solvers.SolverInputError as error:
        raise QuizError(AUTHOR_MESSAGES["no_example"].format(name=solver, error=error)) from None
    pick, value = _size_pick(solver, result) if kind == "shape" else _number_pick(solver, result)
    given = ", ".join(f"{name} = {{{{{name}}}}}" for name in params)
    what_en, what_ja = (f"`{_reading(pick)}`",) * 2 if pick else ("the answer", "答え")
    lines = [
        *_head(question_id, topic, section, tags, "drill", kind),
        f"    solver: {solver}",
        *_params_block(spec, params),
    ]
    if pick:
        comment = COMMENTS["pick_size" if kind == "shape" else "pick_number"].format(
            structure=_structure(result.answer)
        )
        lines.append(f"    pick: {pick if pick[0].isalpha() else _quote(pick)}  # {comment}")
    decimals = kind == "numeric" and not _is_integer(value)
    if decimals:
        lines.append(f"    tolerance: {_flow(TOLERANCE)}")
    precision_ja, precision_en = ("小数第3位まで答えよ。", " Give it to 3 decimals.") if decimals else ("", "")
    context_ja, context_en = (f"（{given}）", f" with {given}") if given else ("", "")
    lines += [
        *_bilingual(
            "prompt",
            f"TODO: 問題文を書く。{solver}{context_ja}の{what_ja}を求めよ。{precision_ja}",
            f"TODO: write the question. {solver}{context_en}: what is {what_en}?{precision_en}",
        ),
        *_bilingual("explanation", f"TODO: 解き方を書く。{spec.summary}", f"TODO: explain the steps. {spec.summary}"),
        COMMENTS["drill_hint"],
    ]
    return lines


def _code_choice(kind: str, solver: str | None, question_id: str) -> list[str]:
    assert solver is not None
    if solver not in CODE_TEMPLATES:
        raise BadInput(AUTHOR_MESSAGES["no_code_template"].format(name=solver, names=", ".join(sorted(CODE_TEMPLATES))))
    template = CODE_TEMPLATES[solver]
    given = ", ".join(f"`{name}` = {{{{{name}}}}}" for name in template.inputs)
    lines = [
        *_head(question_id, template.topic, template.section, template.tags, "コード演習", kind),
        f"    solver: {solver}",
        "    inputs:",
        *[f"      {name}: {_flow(value)}" for name, value in template.inputs.items()],
    ]
    if template.setup:
        lines += ["    setup:", *[f"      {name}: {_quote(code)}" for name, code in template.setup.items()]]
    lines += ["    params:", *[f"      {name}: {_quote(value)}" for name, value in template.params.items()]]
    if template.pick:
        lines.append(f"    pick: {template.pick}")
    lines.append("    options:")
    for index, code in enumerate(template.options):
        lines.append(f"      - code: {_quote(code)}")
        lines.append(
            "        correct: true"
            if index == 0
            else f"        why: {{ja: {_quote('TODO: なぜ誤りか。')}, en: {_quote('TODO: why it is wrong.')}}}"
        )
    lines += [
        *_bilingual(
            "prompt",
            f"TODO: コードの文脈を書く（{given}）。空欄に入るものはどれか。",
            f"TODO: describe the code ({given}). Which expression completes it?",
        ),
        *_bilingual(
            "explanation",
            "TODO: 正しいコードの理由と、各選択肢の誤りを説明する。",
            "TODO: explain the correct code and what is wrong with each other option.",
        ),
    ]
    return lines


# ---------------------------------------------------------------- params and pick


def _params_block(spec: Any, params: Mapping[str, Any]) -> list[str]:
    """Given parameters with their description; the others commented out with their defaults."""
    lines = ["    params:" if params else "    params: {}"]
    for param in spec.params:
        if param.name in params:
            lines.append(f"      {param.name}: {_flow(params[param.name])}  # {param.param.describe()}")
        elif param.default is None:
            describe = param.param.describe().removesuffix(" (optional)")
            lines.append(f"      # {param.name}: …  # {COMMENTS['optional_none'].format(describe=describe)}")
        else:
            note = COMMENTS["optional"].format(default=_flow(param.default), describe=param.param.describe())
            lines.append(f"      # {param.name}: {_flow(param.default)}  # {note}")
    return lines


def _home(solver: str) -> tuple[str, str, tuple[str, ...]]:
    """The topic, section and tags of the first built-in question on ``solver``: where a new one belongs."""
    from quizcli.bank.catalog import builtin_content_dir, load_catalog

    questions = load_catalog([builtin_content_dir()]).questions.values()
    home = next((q for q in questions if q.solver == solver), None)
    return (home.topic, home.section, home.tags) if home else ("todo", PLACEHOLDER_SECTION, ("todo",))


def _number_pick(solver: str, result: Any) -> tuple[str | None, Any]:
    """The path to the first number in the answer: none for a number, ``c.0`` for {"c": [..]}."""
    value, path = _jsonable(result.answer), []
    while not _is_number(value):
        if isinstance(value, Mapping) and value:
            key = next((k for k, v in value.items() if _has_number(v)), None)
            if key is None:
                break
            path.append(str(key))
            value = value[key]
        elif isinstance(value, list) and value:
            path.append("0")
            value = value[0]
        else:
            break
    if not _is_number(value):
        raise BadInput(AUTHOR_MESSAGES["no_number"].format(name=solver))
    return ".".join(path) or None, value


def _reading(pick: str) -> str:
    """``h.0`` → ``h[0]``; ``0.1`` (into a list answer) → ``answer[0][1]``."""
    head, *rest = pick.split(".")
    if head.isdigit():
        head, rest = "answer", [head, *rest]
    return head + "".join(f"[{step}]" for step in rest)


def _size_pick(solver: str, result: Any) -> tuple[str | None, Any]:
    """The answer when it is a size, else a step or extra named like one (conv2d's output_size)."""
    from quizcli.bank.validate import _is_shape

    answer = _jsonable(result.answer)
    if _is_shape(answer):
        return None, answer
    for source in (result.extras, result.steps):
        for name, value in source.items():
            if name.endswith(("size", "shape")) and _is_shape(_jsonable(value)):
                return name, _jsonable(value)
    raise BadInput(AUTHOR_MESSAGES["not_a_size"].format(name=solver, answer=_structure(result.answer)))


def _jsonable(value: Any) -> Any:
    from solvers import jsonable

    return jsonable(value)


def _is_number(value: Any) -> bool:
    import math

    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _has_number(value: Any) -> bool:
    if isinstance(value, Mapping):
        return any(_has_number(v) for v in value.values())
    if isinstance(value, list):
        return bool(value) and _has_number(value[0])
    return _is_number(value)


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _structure(answer: Any) -> str:
    import numpy as np

    if isinstance(answer, Mapping):
        return "a record of " + ", ".join(map(str, answer))
    shape = np.shape(answer)
    return f"an array of shape {list(shape)}" if shape else "a number"


# ---------------------------------------------------------------- YAML text


def _flow(value: Any) -> str:
    """A value as YAML flow text (JSON is YAML); floats keep a decimal point so YAML reads them as numbers."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, float):
        text = repr(value)
        return text if "." in text or "inf" in text or "nan" in text else text.replace("e", ".0e")
    return json.dumps(value, ensure_ascii=False)


def _quote(text: str) -> str:
    """A double-quoted YAML string (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)
