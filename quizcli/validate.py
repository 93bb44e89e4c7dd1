"""`quiz validate`: everything the schema cannot see, checked by running the content the safe way."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizcli.banks import BankCache, BankError, Question, check_bank, iter_bank_files
from quizcli.instances import Instance, InstanceError, instantiate, placeholders

DRAWS = 50
DOUBLED_BACKSLASH = re.compile(r"\\\\[A-Za-z]")
DRAW_ATTEMPTS = 500


@dataclass(frozen=True)
class Report:
    files: int
    questions: int
    problems: list[str]


def validate(paths: Iterable[Path], draws: int = DRAWS, alongside: Iterable[Path] = ()) -> Report:
    """Check the banks under ``paths``; their ids must also be new to the banks under ``alongside``
    (the other banks quiz loads, which are checked as far as ids go)."""
    problems: list[str] = []
    seen: dict[str, Question] = {}
    files = list(iter_bank_files(paths))
    checked = {path.resolve() for path in files}
    cache = BankCache.open()  # banks that are not being checked only lend their ids: unchanged ones are cached
    for path in iter_bank_files(alongside):
        if path.resolve() not in checked:
            for question in cache.get(path) or check_bank(path)[0]:
                seen.setdefault(question.id, question)
    already_loaded = len(seen)
    for path in files:
        questions, errors = check_bank(path)
        problems += [str(e) for e in errors]
        for question in questions:
            if question.id in seen:
                problems.append(str(BankError(question.path, question.line,
                                              f"id is already used at {seen[question.id].where}", question.id, "id")))
                continue
            seen[question.id] = question
            problems += check_question(question, draws)
    return Report(len(files), len(seen) - already_loaded, problems)


def check_question(question: Question, draws: int = DRAWS) -> list[str]:
    """Problems of one schema-valid question: its solver, its key, its options, its drill variants."""
    try:
        instance = instantiate(question)
        problems = _check_instance(instance)
    except InstanceError as error:
        return [str(error)]
    problems += _check_placeholders(question, instance)
    if "variants" in question.spec and not problems:
        problems += _check_variants(question, draws)
    return problems


def _check_instance(instance: Instance) -> list[str]:
    question = instance.question
    problems = []
    expected = ANSWER_TYPES.get(question.kind)
    if expected and not expected[0](instance.answer):
        where = f"{question.where}: {question.id}: {'pick' if 'pick' in question.spec else 'solver'}"
        problems.append(f"{where}: a {question.kind} question needs {expected[1]}, got {_short(instance.answer)}"
                        " (use pick to choose one field)")
    for index, run in enumerate(instance.options):
        where = f"{question.where}: {question.id}: options[{index}].code"
        if run.correct and not run.matches:
            got = run.error or f"a different value ({_short(run.value)})"
            problems.append(f"{where}: the key {run.code!r} does not reproduce the solver's answer: {got}")
        elif not run.correct and run.matches:
            problems.append(f"{where}: the distractor {run.code!r} also reproduces the answer")
    return problems


def _is_numeric(value: object) -> bool:
    import numpy as np

    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return False
    return array.dtype.kind in "iuf" and array.size > 0 and bool(np.isfinite(array).all())


def _is_shape(value: object) -> bool:
    values = value if isinstance(value, (list, tuple)) else [value]
    return bool(values) and all(isinstance(v, int) and not isinstance(v, bool) and v > 0 for v in values)


ANSWER_TYPES = {
    "numeric": (_is_numeric, "a finite number or array of numbers"),
    "shape": (_is_shape, "a positive integer or a list of them"),
}


def _check_placeholders(question: Question, instance: Instance) -> list[str]:
    known = set(instance.names)
    problems = []
    for name in ("prompt", "explanation", "hint"):
        for lang, text in question.spec.get(name, {}).items():
            where = f"{question.where}: {question.id}: {name}.{lang}"
            for unknown in sorted(placeholders(text) - known):
                problems.append(f"{where}: unknown placeholder {{{{{unknown}}}}}")
            if DOUBLED_BACKSLASH.search(text):
                problems.append(f"{where}: '\\\\' before a LaTeX command; in a >- block or single quotes "
                                "write one backslash (only double quotes need two)")
    return problems


def _check_variants(question: Question, draws: int) -> list[str]:
    distinct = set()
    for seed in range(DRAW_ATTEMPTS):
        try:
            instance = instantiate(question, seed)
        except InstanceError as error:
            return [f"{error} (seed {seed})"]
        problems = _check_instance(instance)
        if problems:
            return [f"{p} (seed {seed})" for p in problems]
        distinct.add(repr((instance.params, instance.inputs)))
        if len(distinct) >= draws:
            return []
    return [f"{question.where}: {question.id}: variants: only {len(distinct)} distinct draws in "
            f"{DRAW_ATTEMPTS} seeds; widen the ranges so at least {draws} differ"]


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "…"
