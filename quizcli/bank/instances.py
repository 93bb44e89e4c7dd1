"""Turn a question into a concrete instance: its numbers (drawn for a seed, for drills), the solver's result
and the answer key. Everything shown as an answer comes from here, computed, never stored.

The safe evaluator (and so NumPy) is imported only when a question has code to run: a session's first
screen must not wait for it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from quizcli.bank.catalog import Question
from quizcli.bank.variants import NoValidDraw, draw
from quizcli.errors import QuizError
from quizcli.formats import format_value

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)((?:\.[0-9]+)*)\s*\}\}")


class InstanceError(QuizError):
    """The question cannot be instantiated; ``field`` says which part of it is at fault."""

    def __init__(self, question: Question, field_path: str, message: str) -> None:
        super().__init__(f"{question.where}: {question.id}: {field_path}: {message}")
        self.question, self.field_path = question, field_path


@dataclass(frozen=True)
class OptionRun:
    """What one code option gives on the question's inputs: a value, or the error it raises."""

    code: str
    value: Any = None
    error: str | None = None
    correct: bool = False  # the option the bank marks as the key
    matches: bool = False  # its value equals the reference answer


@dataclass(frozen=True)
class Instance:
    question: Question
    seed: int | None
    params: dict[str, Any]
    inputs: dict[str, Any]
    setup: dict[str, Any]
    result: Any = None  # the solver's Result, when the question has a solver
    answer: Any = None
    options: list[OptionRun] = field(default_factory=list)

    @property
    def names(self) -> dict[str, Any]:
        return {**self.params, **self.inputs, **self.setup}


def instantiate(question: Question, seed: int | None = None) -> Instance:
    """The question with its numbers; a drill with ``seed`` gets freshly drawn ones."""
    spec = question.spec
    params, inputs = dict(spec.get("params", {})), dict(spec.get("inputs", {}))
    if seed is None or "variants" not in spec:
        return _build(question, seed, params, inputs)
    built: list[Instance] = []  # the accepted draw's instance, so it is not built twice

    def accept(drawn_params: dict[str, Any], drawn_inputs: dict[str, Any]) -> bool:
        instance = _acceptable(question, seed, {**params, **drawn_params}, {**inputs, **drawn_inputs})
        built[:] = [instance] if instance else []
        return instance is not None

    try:
        draw(spec["variants"], question.id, seed, accept)
    except NoValidDraw as error:
        raise InstanceError(question, "variants", str(error)) from None
    return built[0]


def _acceptable(question: Question, seed: int, params: dict[str, Any], inputs: dict[str, Any]) -> Instance | None:
    """The instance for a draw, or None when a constraint or the solver refuses its numbers."""
    from quizcli.bank.safe_eval import SnippetError, UnsafeExpression, as_values, evaluate

    names = as_values({**params, **inputs})
    for constraint in question.spec["variants"].get("constraints", []):
        try:
            if not bool(evaluate(constraint, names)):
                return None
        except SnippetError:
            return None
        except UnsafeExpression as error:
            raise InstanceError(question, "variants.constraints", f"{constraint!r}: {error}") from None
    try:
        return _build(question, seed, params, inputs)
    except InstanceError as error:
        if error.field_path == "params":  # the solver refused these numbers: draw again
            return None
        raise


def _is_truth(value: Any) -> bool:
    """A single true/false (or number) a rule may give: not an array, a record or a list."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return value.ndim == 0
    return isinstance(value, (bool, int, float, np.bool_, np.number))


RESERVED = ("answer", "steps")  # the names a rule of ``variants.interesting`` sees besides the question's own


def interesting_cases(instance: Instance) -> list[bool]:
    """Whether this draw shows each of the drill's ``variants.interesting`` cases, in order. A rule is an
    expression, as a constraint is, over the draw's names, ``answer`` (the key) and ``steps`` (the solver's
    named steps, ``steps.m_hat``); a rule that cannot be evaluated, or gives an array, is the bank's error."""
    from quizcli.bank.safe_eval import SnippetError, UnsafeExpression, as_values, evaluate, record

    rules = instance.question.spec.get("variants", {}).get("interesting", [])
    if not rules:
        return []
    names = instance.names
    for reserved in RESERVED:
        if reserved in names:
            raise InstanceError(
                instance.question,
                "variants.interesting",
                f"a parameter is named {reserved!r}, the name a rule uses for the solver's {reserved}",
            )
    steps, answer = instance.result.steps if instance.result is not None else {}, instance.answer
    scope = {
        **as_values(names),
        "answer": record("answer", answer) if isinstance(answer, Mapping) else as_values({"a": answer})["a"],
        "steps": record("steps", steps),
    }
    holds = []
    for index, rule in enumerate(rules):
        where = f"variants.interesting[{index}]"
        try:
            value = evaluate(rule["when"], scope)
        except (UnsafeExpression, SnippetError) as error:
            raise InstanceError(instance.question, where, f"{rule['when']!r}: {error}") from None
        if not _is_truth(value):
            raise InstanceError(
                instance.question,
                where,
                f"{rule['when']!r} gives {type(value).__name__}, not true or false (np.all or np.any make one)",
            )
        holds.append(bool(value))
    return holds


def _build(question: Question, seed: int | None, params: dict[str, Any], inputs: dict[str, Any]) -> Instance:
    setup = _run_setup(question, inputs)
    solver = question.solver
    if solver is None:
        return Instance(question, seed, params, inputs, setup)
    names = {**inputs, **setup}
    resolved = {name: _dereference(question, value, names) for name, value in params.items()}
    result = _solve(question, solver, resolved)
    answer = _pick(question, result)
    instance = Instance(question, seed, resolved, inputs, setup, result, answer)
    if question.kind == "code-choice":
        instance = Instance(question, seed, resolved, inputs, setup, result, answer, _run_options(instance))
    return instance


def _run_setup(question: Question, inputs: Mapping[str, Any]) -> dict[str, Any]:
    if not question.spec.get("setup"):
        return {}
    from quizcli.bank.safe_eval import SnippetError, UnsafeExpression, as_values, evaluate

    names = as_values(inputs)
    values: dict[str, Any] = {}
    for name, source in question.spec.get("setup", {}).items():
        try:
            values[name] = evaluate(source, names)
            names.update(as_values({name: values[name]}))
        except (UnsafeExpression, SnippetError) as error:
            raise InstanceError(question, f"setup.{name}", str(error)) from None
    return values


def _dereference(question: Question, value: Any, names: Mapping[str, Any]) -> Any:
    """``$name`` in params stands for an input or setup value."""
    if isinstance(value, str) and value.startswith("$"):
        if value[1:] not in names:
            raise InstanceError(question, "params", f"{value} names no input or setup value")
        bound = names[value[1:]]
        return bound.tolist() if hasattr(bound, "tolist") else bound
    return value


def _solve(question: Question, solver: str, params: dict[str, Any]) -> Any:
    import solvers

    try:
        spec = solvers.SOLVERS[solver]
    except KeyError:
        raise InstanceError(question, "solver", f"no solver named {solver!r}") from None
    try:
        return spec(**params)
    except solvers.SolverInputError as error:
        raise InstanceError(question, "params", str(error)) from None


def _pick(question: Question, result: Any) -> Any:
    """``pick: c.0`` → answer["c"][0]; the first segment may also name an extra or a step, or index a list answer."""
    path = question.spec.get("pick")
    if not path:
        return result.answer
    value: Any = {"answer": result.answer}
    head, *rest = path.split(".")
    for source in (result.answer, result.extras, result.steps):
        if isinstance(source, Mapping) and head in source:
            value = source[head]
            break
    else:
        value, rest = result.answer, [head, *rest]
    for step in rest:
        try:
            value = value[step] if isinstance(value, Mapping) else value[int(step)]
        except (KeyError, IndexError, TypeError, ValueError):
            raise InstanceError(question, "pick", f"the solver's result has no {path!r}") from None
    return value


def _run_options(instance: Instance) -> list[OptionRun]:
    from quizcli.bank.safe_eval import SnippetError, UnsafeExpression, as_values, evaluate, same_value

    runs = []
    names = as_values({**instance.inputs, **instance.setup})
    for index, option in enumerate(instance.question.spec["options"]):
        code, correct = option["code"], bool(option.get("correct"))
        try:
            value = evaluate(code, names)
        except UnsafeExpression as error:
            raise InstanceError(instance.question, f"options[{index}].code", f"{code!r}: {error}") from None
        except SnippetError as error:
            runs.append(OptionRun(code, error=str(error), correct=correct))
            continue
        runs.append(OptionRun(code, value, correct=correct, matches=same_value(value, instance.answer)))
    return runs


def fill(template: str, names: Mapping[str, Any]) -> str:
    """Put a question's numbers into ``{{name}}`` / ``{{name.0}}`` placeholders."""

    def replace(match: re.Match[str]) -> str:
        value = names[match.group(1)]
        for index in filter(None, match.group(2).split(".")):
            value = value[int(index)]
        return format_value(value)

    return PLACEHOLDER.sub(replace, template)


def placeholders(template: str) -> set[str]:
    return {match.group(1) for match in PLACEHOLDER.finditer(template)}
