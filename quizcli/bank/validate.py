"""`quiz validate`: everything the schema cannot see, checked by running the content the safe way."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from quizcli.bank import fairness
from quizcli.bank.catalog import (
    BankCache,
    BankError,
    Question,
    builtin_content_dir,
    check_bank,
    iter_bank_files,
    leave_interrupts_to_parent,
    stop_now,
)
from quizcli.bank.fairness import KeyLengths
from quizcli.bank.instances import Instance, InstanceError, instantiate, interesting_cases, placeholders
from quizcli.bank.syllabus import SYLLABUS_FILE
from quizcli.errors import QuizError
from quizcli.paths import atomic_write, validate_cache_dir

DRAWS = 50
DOUBLED_BACKSLASH = re.compile(r"\\\\[A-Za-z]")
DRAW_ATTEMPTS = 500
CHECK_CACHE_FORMAT = 1


@dataclass(frozen=True)
class Report:
    files: int
    questions: int
    problems: list[str]
    key_lengths: dict[Path, KeyLengths]


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
    key_lengths: KeyLengths


def validate(
    paths: Iterable[Path],
    draws: int = DRAWS,
    alongside: Iterable[Path] = (),
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool = True,
) -> Report:
    """Check the banks under ``paths``; their ids must also be new to the banks under ``alongside``
    (the other banks quiz loads, which are checked as far as ids go). ``jobs`` processes check files side by
    side; ``progress(done, total)`` hears of each file checked. A file checked before, with the same content and
    the same checking code, is not checked again: its result comes from the cache, unless ``use_cache`` is
    False (every file is then checked, and the cache refreshed)."""
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
    key_lengths = {}
    results = _cached_or_checked(files, draws, jobs, progress or (lambda done, total: None), use_cache)
    for path, result in zip(files, results):
        problems += result.file_problems
        key_lengths[path] = result.key_lengths
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
    return Report(len(files), len(seen) - already_loaded, problems, key_lengths)


def check_file(path: Path, draws: int = DRAWS) -> FileCheck:
    questions, errors = check_bank(path)
    return FileCheck(
        [str(e) for e in errors] + fairness.file_problems(path, questions),
        [CheckedQuestion(q.id, q.path, q.line, check_question(q, draws)) for q in questions],
        fairness.key_lengths(questions),
    )


def _cached_or_checked(
    files: list[Path], draws: int, jobs: int, progress: Callable[[int, int], None], use_cache: bool
) -> list[FileCheck]:
    """Every file's check, in the order of ``files``: from the cache where the file and the code are unchanged,
    checked (and cached) otherwise."""
    cache = CheckCache(validate_cache_dir(), draws)
    digests = {path: cache.digest(path) for path in files}
    known: dict[Path, FileCheck] = {}
    if use_cache:
        for path in files:
            found = cache.get(path, digests[path])
            if found is not None:
                known[path] = found
                progress(len(known), len(files))
    unknown = [path for path in files if path not in known]
    checked = _check_files(unknown, draws, jobs, lambda done, total: progress(len(known) + done, len(files)))
    for path, result in zip(unknown, checked):
        known[path] = result
        cache.put(path, digests[path], result)
    return [known[path] for path in files]


class CheckCache:
    """What validate found in each bank file, kept in the data directory (cache/validate/, one file per bank
    path) and keyed by the file's content, the number of draws and the checking code (:func:`code_version`), never
    by modification time. Reading and writing are best effort: a missing, torn or foreign entry is checked
    afresh, and a read-only or full disk only costs speed."""

    def __init__(self, folder: Path, draws: int) -> None:
        self.folder, self.draws, self.writable = folder, draws, True

    @staticmethod
    def digest(path: Path) -> str | None:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None  # the check says what is wrong with it, every time

    def _entry(self, path: Path) -> Path:
        return self.folder / f"{hashlib.sha256(str(path).encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.json"

    def _key(self, path: Path, digest: str) -> dict[str, Any]:
        return {
            "format": CHECK_CACHE_FORMAT,
            "code": code_version(),
            "path": str(path),
            "digest": digest,
            "draws": self.draws,
        }

    def get(self, path: Path, digest: str | None) -> FileCheck | None:
        if digest is None:
            return None
        try:
            entry = json.loads(self._entry(path).read_bytes())
            if entry["key"] != self._key(path, digest):
                return None  # another content, code, number of draws or path (one sharing the name)
            return _file_check(path, entry["check"])
        except (OSError, ValueError, LookupError, TypeError, AttributeError):
            return None

    def put(self, path: Path, digest: str | None, check: FileCheck) -> None:
        if digest is None or not self.writable:
            return
        entry = {"key": self._key(path, digest), "check": _plain(check)}
        data = json.dumps(entry).encode("ascii")  # \u escapes carry any text, even a path's lone surrogates
        target = self._entry(path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, lambda out: out.write(data))
        except OSError:
            self.writable = False
            for folder in (target.parent, target.parent.parent):
                with suppress(OSError):  # no empty cache folder is left (rmdir removes only an empty one)
                    folder.rmdir()


def _plain(check: FileCheck) -> dict[str, Any]:
    lengths = check.key_lengths
    return {
        "file_problems": check.file_problems,
        "questions": [[q.id, q.line, q.problems] for q in check.questions],
        "key_lengths": [lengths.questions, lengths.longest, lengths.shortest],
    }


def _file_check(path: Path, plain: dict[str, Any]) -> FileCheck:
    questions, longest, shortest = plain["key_lengths"]
    return FileCheck(
        [str(problem) for problem in plain["file_problems"]],
        [
            CheckedQuestion(str(qid), path, int(line), [str(p) for p in problems])
            for qid, line, problems in plain["questions"]
        ],
        KeyLengths(int(questions), dict(longest), dict(shortest)),
    )


@cache
def code_version() -> str:
    """A digest of everything a file's check depends on besides the file: :func:`code_sources`, and the versions
    of Python and of the libraries that read, draw and measure."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(sys.version.encode())
    for library in ("numpy", "rich", "PyYAML", "jsonschema", "fastjsonschema"):
        with suppress(PackageNotFoundError):
            digest.update(f"{library} {version(library)}".encode())
    for path in code_sources():
        with suppress(OSError):
            digest.update(f"{path.parent.name}/{path.name}".encode() + path.read_bytes())
    return digest.hexdigest()


def code_sources() -> list[Path]:
    """The bank code and the solvers (every .py and .json file), the formats, the languages and the syllabus."""
    from importlib.util import find_spec

    here = Path(__file__).resolve().parent
    solvers = find_spec("solvers")
    roots = [here] + ([Path(solvers.origin).parent] if solvers and solvers.origin else [])
    sources = [path for root in roots for path in sorted(root.rglob("*")) if path.suffix in (".py", ".json")]
    return [*sources, here.parent / "formats.py", here.parent / "i18n.py", builtin_content_dir() / SYLLABUS_FILE]


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
        min(jobs, len(files)), mp_context=multiprocessing.get_context("spawn"), initializer=leave_interrupts_to_parent
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
        stop_now(pool)
        raise
    pool.shutdown()
    return [done[path] for path in files]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # check_bank says what is wrong with it


def check_question(question: Question, draws: int = DRAWS) -> list[str]:
    """Problems of one schema-valid question: its solver, its key, its options, its drill variants."""
    try:
        instance = instantiate(question)
        problems = _check_instance(instance)
    except InstanceError as error:
        return [str(error)]
    problems += _check_placeholders(question, instance) + fairness.question_problems(question)
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
    shown: list[list[bool]] = []  # for each distinct draw, which of the interesting cases it shows
    for seed in range(DRAW_ATTEMPTS):
        try:
            instance = instantiate(question, seed)
            drawn = repr((instance.params, instance.inputs))
            if drawn not in distinct:
                shown.append(interesting_cases(instance))
        except InstanceError as error:
            return [f"{error} (seed {seed})"]
        problems = _check_instance(instance)
        if problems:
            return [f"{p} (seed {seed})" for p in problems]
        distinct.add(drawn)
        if len(distinct) >= draws:
            return _check_shares(question, shown)
    return [
        f"{question.where}: {question.id}: variants: only {len(distinct)} distinct draws in "
        f"{DRAW_ATTEMPTS} seeds; widen the ranges so at least {draws} differ"
    ]


def _check_shares(question: Question, shown: list[list[bool]]) -> list[str]:
    """Each ``variants.interesting`` rule against its ``share``: the fraction of the distinct draws it holds in."""
    problems = []
    for index, rule in enumerate(question.spec["variants"].get("interesting", [])):
        low, high = rule["share"]
        where = f"{question.where}: {question.id}: variants.interesting[{index}]"
        if low > high:
            problems.append(f"{where}: share [{low}, {high}] is empty (the low end comes first)")
            continue
        hits = sum(holds[index] for holds in shown)
        share = hits / len(shown)
        if not low <= share <= high:
            problems.append(
                f"{where}: {rule['when']!r} holds in {hits} of {len(shown)} draws ({share:.0%}), "
                f"outside its share [{low}, {high}]"
            )
    return problems


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 80 else text[:77] + "…"
