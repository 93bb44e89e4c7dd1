"""`quiz validate`: everything the schema cannot see, checked by running the content the safe way."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizcli.bank.catalog import BankCache, BankError, Question, check_bank, iter_bank_files
from quizcli.bank.instances import Instance, InstanceError, instantiate, placeholders
from quizcli.errors import QuizError

DRAWS = 50
DOUBLED_BACKSLASH = re.compile(r"\\\\[A-Za-z]")
DRAW_ATTEMPTS = 500


@dataclass(frozen=True)
class Report:
    files: int
    questions: int
    problems: list[str]


@dataclass(frozen=True)
class CheckedQuestion:
    """What validate keeps of a checked question: where it is, and what is wrong with it. Small on purpose:
    it comes back from a worker process, and a whole Question costs more to unpickle than to check."""

    id: str
    path: Path
    line: int
    problems: list[str]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class FileCheck:
    """One bank file checked on its own: what is wrong with the file, and each of its questions."""

    file_problems: list[str]
    questions: list[CheckedQuestion]


def validate(
    paths: Iterable[Path],
    draws: int = DRAWS,
    alongside: Iterable[Path] = (),
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Check the banks under ``paths``; their ids must also be new to the banks under ``alongside``
    (the other banks quiz loads, which are checked as far as ids go). ``jobs`` processes check files side by
    side; ``progress(done, total)`` hears of each file checked."""
    problems: list[str] = []
    seen: dict[str, str] = {}  # id → where it is
    files = list(iter_bank_files(paths))
    checked = {path.resolve() for path in files}
    lenders = [path for path in iter_bank_files(alongside) if path.resolve() not in checked]
    if lenders:  # banks that are not being checked only lend their ids: unchanged ones are cached
        cache = BankCache.open()
        for path in lenders:
            for lent in cache.get(path) or check_bank(path)[0]:
                seen.setdefault(lent.id, lent.where)
    already_loaded = len(seen)
    for result in _check_files(files, draws, jobs, progress or (lambda done, total: None)):
        problems += result.file_problems
        for question in result.questions:
            if question.id in seen:
                problems.append(
                    str(
                        BankError(
                            question.path,
                            question.line,
                            f"id is already used at {seen[question.id]}",
                            question.id,
                            "id",
                        )
                    )
                )
                continue
            seen[question.id] = question.where
            problems += question.problems
    return Report(len(files), len(seen) - already_loaded, problems)


def check_file(path: Path, draws: int = DRAWS) -> FileCheck:
    questions, errors = check_bank(path)
    return FileCheck(
        [str(e) for e in errors], [CheckedQuestion(q.id, q.path, q.line, check_question(q, draws)) for q in questions]
    )


def _check_files(files: list[Path], draws: int, jobs: int, progress: Callable[[int, int], None]) -> list[FileCheck]:
    """Every file's check, in the order of ``files``."""
    if jobs <= 1 or len(files) <= 1:
        results = []
        for path in files:
            results.append(check_file(path, draws))
            progress(len(results), len(files))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    # Spawned, not forked: a forked copy of a process that has threads (NumPy's, say) can deadlock.
    pool = ProcessPoolExecutor(
        min(jobs, len(files)), mp_context=multiprocessing.get_context("spawn"), initializer=_leave_interrupts_to_parent
    )
    done: dict[Path, FileCheck] = {}
    try:
        # The largest files first, so that no worker is left with a big one at the end.
        futures = {pool.submit(check_file, path, draws): path for path in sorted(files, key=_size, reverse=True)}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            progress(len(done), len(files))
    except BrokenProcessPool:
        raise QuizError("a process checking the banks died (out of memory?); try --jobs 1") from None
    except BaseException:
        _stop_now(pool)
        raise
    pool.shutdown()
    return [done[path] for path in files]


def _stop_now(pool: Any) -> None:
    """Stop the workers mid-file (Ctrl-C): a plain shutdown would wait for the files they are on."""
    workers = list((pool._processes or {}).values())  # ProcessPoolExecutor.terminate_workers() is 3.14+
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # check_bank says what is wrong with it


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent stops the pool, workers stay quiet."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


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
        problems.append(
            f"{where}: a {question.kind} question needs {expected[1]}, got {_short(instance.answer)}"
            " (use pick to choose one field)"
        )
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
                problems.append(
                    f"{where}: '\\\\' before a LaTeX command; in a >- block or single quotes "
                    "write one backslash (only double quotes need two)"
                )
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
    return [
        f"{question.where}: {question.id}: variants: only {len(distinct)} distinct draws in "
        f"{DRAW_ATTEMPTS} seeds; widen the ranges so at least {draws} differ"
    ]


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "…"
