"""Find the question banks, load them through the schema, and index every question by its id."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import sys
from collections.abc import Hashable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from itertools import islice
from pathlib import Path
from typing import Any

import orjson

from quizcli.bank.syllabus import SYLLABUS_FILE, Syllabus, read_syllabus
from quizcli.bank.yamlsafe import Located, YamlError, load, read_text
from quizcli.errors import QuizError, TranslatableBadInput
from quizcli.i18n import t
from quizcli.paths import atomic_write, bank_cache_dir

FORMAT_VERSION = 1
CACHE_FORMAT = 2  # the bank cache's layout (1: one JSON document for every bank)
PARALLEL_BYTES = 512 * 1024  # banks to read before forked processes pay (the shipped ones are 2.2 MB)
MAX_SCHEMA_ERRORS = 20


class Question:
    """One question as written in its bank; ``spec`` keeps every field of the YAML.

    A question read from the bank cache carries only what a plan needs (id, topic, section, tags, source, kind,
    difficulty, solver, whether it has variants); its ``spec`` is read from the cache the first time it is asked
    for, so a session of 20 questions decodes 20 specs, not the whole bank. Questions compare and hash by the
    fields before ``spec``."""

    def __init__(
        self,
        id: str,
        topic: str,
        section: str,
        tags: tuple[str, ...],
        source: str,
        kind: str,
        difficulty: int,
        spec: dict[str, Any] | None = None,
        path: Path = Path(),
        line: int = 0,
        *,
        entry: CachedBank | None = None,
        index: int = 0,
    ) -> None:
        self.id, self.topic, self.section, self.tags = id, topic, section, tags
        self.source, self.kind, self.difficulty = source, kind, difficulty
        self.path, self.line = path, line
        self.entry, self.index = entry, index  # where the spec is, until it is read
        if spec is not None:
            self.__dict__["spec"] = spec  # what the cached property would have put there
        elif entry is None:
            raise TypeError("a Question needs its spec, or the cache entry that holds it")

    @cached_property
    def spec(self) -> dict[str, Any]:
        assert self.entry is not None  # __init__ stores the spec when there is no entry
        return self.entry.spec(self.index)

    def _loaded(self) -> bool:
        return "spec" in self.__dict__ or self.entry is None

    @property
    def solver(self) -> str | None:
        if self._loaded():
            return self.spec.get("solver")
        assert self.entry is not None
        return self.entry.solver(self.index)

    @property
    def has_variants(self) -> bool:
        """A drill whose numbers are drawn afresh (its spec has ``variants``)."""
        if self._loaded():
            return "variants" in self.spec
        assert self.entry is not None
        return self.entry.has_variants(self.index)

    def text(self, name: str, lang: str) -> str:
        """A bilingual field ('prompt', 'explanation', 'hint', …) in ``lang``."""
        return self.spec[name][lang] if name in self.spec else ""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def _key(self) -> tuple[Any, ...]:
        return (self.id, self.topic, self.section, self.tags, self.source, self.kind, self.difficulty)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Question)
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Question(id={self.id!r}, topic={self.topic!r}, section={self.section!r}, tags={self.tags!r}, "
            f"source={self.source!r}, kind={self.kind!r}, difficulty={self.difficulty!r}, path={self.path!r}, "
            f"line={self.line!r})"
        )


@dataclass(frozen=True)
class Catalog:
    questions: dict[str, Question]
    bank_files: tuple[Path, ...]

    def select(self, topic: str | None = None, tags: Sequence[str] = ()) -> list[Question]:
        """The questions on ``topic`` with every tag in ``tags``, whatever the case they are typed in; a topic or tag
        that no question has raises :class:`UnknownName`."""
        if topic is None and not tags:
            return list(self.questions.values())
        questions = self.questions.values()
        if topic is not None:
            topic = _as_spelled("unknown_topic", topic, (q.topic for q in questions))
        tags = [_as_spelled("unknown_tag", tag, (tag for q in questions for tag in q.tags)) for tag in tags]
        return [q for q in questions if (topic is None or q.topic == topic) and all(tag in q.tags for tag in tags)]


class UnknownName(TranslatableBadInput):
    """A --topic or --tag that no question has: worded with the close ones and the first of the known ones."""

    SHOWN = 20  # names listed; the rest are a `quiz list` away

    def __init__(self, key: str, name: str, close: list[str], known: list[str]) -> None:
        self.name, self.close, self.known = name, close, known
        super().__init__(key)

    def values_in(self, lang: str) -> dict[str, object]:
        separator = t(lang, "separator")
        close = t(lang, "did_you_mean", close=separator.join(self.close)) if self.close else ""
        known = self.known
        if len(known) > self.SHOWN:
            known = [*known[: self.SHOWN], f"… (+{len(known) - self.SHOWN})"]
        return {"name": self.name, "close": close, "known": separator.join(known)}


def _as_spelled(unknown: str, name: str, names: Iterable[str]) -> str:
    """``name`` as the banks spell it; a name they do not have raises ``unknown``, with the close ones."""
    import difflib

    spellings = {known.casefold(): known for known in names}
    if name.casefold() in spellings:
        return spellings[name.casefold()]
    close = difflib.get_close_matches(name.casefold(), spellings, n=3)
    raise UnknownName(unknown, name, [spellings[c] for c in close], sorted(spellings.values()))


class BankError(QuizError):
    """A problem in a bank file; the message starts with file:line and names the question id and field."""

    def __init__(
        self, path: Path | str, line: int | None, message: str, qid: str | None = None, field_path: str | None = None
    ) -> None:
        where = f"{path}:{line}" if line else f"{path}"
        parts = [where]
        if qid:
            parts.append(qid)
        if field_path:
            parts.append(field_path)
        super().__init__(": ".join(parts + [message]))
        self.path, self.line, self.qid, self.field_path = Path(path), line, qid, field_path


def builtin_content_dir() -> Path:
    """The shipped banks: inside the installed wheel, or the checkout's content/ under an editable install."""
    packaged = Path(str(files("quizcli") / "content"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def content_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Built-in banks (or QUIZ_CONTENT_DIR instead), then QUIZ_CONTENT_PATH entries, then ``extra`` (--content)."""
    base = os.environ.get("QUIZ_CONTENT_DIR")
    dirs = [Path(base) if base else builtin_content_dir()]
    dirs += [Path(p) for p in os.environ.get("QUIZ_CONTENT_PATH", "").split(os.pathsep) if p]
    return [*dirs, *extra]


def iter_bank_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file() and p.name != SYLLABUS_FILE
            )
        elif path.is_file():
            yield path
        else:
            raise QuizError(f"{path}: no such file or directory")


def load_catalog(paths: Iterable[Path] | None = None) -> Catalog:
    """Every question under ``paths`` (default: :func:`content_dirs`); the first error stops loading.

    Banks that have not changed since they were last checked come from the cache: their index only, without
    YAML or schema work; each question's spec is read when it is first asked for.
    """
    bank_files = tuple(iter_bank_files(content_dirs() if paths is None else paths))
    cache = BankCache.open()
    questions: dict[str, Question] = {}
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of objects that all live on: collecting in between only finds nothing
    try:
        cached = {bank_file: cache.get(bank_file) for bank_file in bank_files}
        read = cache.load_all([bank_file for bank_file, loaded in cached.items() if loaded is None])
        for bank_file in bank_files:
            loaded = cached[bank_file] or read[bank_file]
            if isinstance(loaded, QuizError):
                raise loaded
            for question in loaded:
                add_unique(questions, question)
    finally:
        if collecting:
            gc.enable()
    return Catalog(questions, bank_files)


# The bank cache: one file per bank file, in the data directory's cache/banks/. Its first line is a JSON header:
# the bank's path, size, modification time and content digest, the code stamp, and the index of its questions,
# by column (a column of few distinct values as those values and each question's position among them); then one
# line per question, its spec as JSON, the Japanese text already joined. A launch reads the first lines only, and
# decodes a spec when it is asked for.
_TEXT_COLUMNS = ("topic", "section", "source", "kind", "solver")


class BankCache:
    """Checked banks, one cache file per bank file, keyed by the file's path, size and modification time (or,
    when those moved, its content) and by this code's stamp. Writing is best effort: a read-only or full disk
    only costs speed."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.writable = folder is not None
        self.tidied = False

    @classmethod
    def open(cls) -> BankCache:
        return cls(bank_cache_dir())

    def entry_path(self, bank_file: Path, absolute: str | None = None) -> Path | None:
        if self.folder is None:
            return None
        absolute = absolute or os.path.abspath(bank_file)
        return self.folder / f"{_digest(absolute.encode('utf-8', 'surrogatepass'))}.jsonl"

    def get(self, bank_file: Path) -> list[Question] | None:
        """The questions of ``bank_file`` as cached, or None when the cache has no sound entry for it as it is."""
        absolute = os.path.abspath(bank_file)
        target = self.entry_path(bank_file, absolute)
        if target is None:
            return None
        try:
            with open(target, "rb") as handle:
                first = handle.readline()
            header = orjson.loads(first)  # its numbers are small: orjson reads it as exactly as json, twice as fast
            if header["format"] != CACHE_FORMAT or header["code"] != _code_stamp():
                return None
            if header["bank"] != absolute:
                return None  # another file's entry under the same name: never trusted
            stamp = _file_stamp(bank_file)
            if header["stamp"] != stamp:
                # Touched, copied back, checked out again: the same bytes need no new check.
                if header["digest"] != _digest(bank_file.read_bytes()):
                    return None
                first = self._restamp(target, first, header, stamp)
            return CachedBank(self, target, first, header["index"], bank_file).questions()
        except (OSError, ValueError, LookupError, TypeError, AttributeError):
            return None  # no entry, or one that is torn, foreign or of another version: check the bank afresh

    def load(self, bank_file: Path) -> list[Question]:
        """``bank_file`` read and checked (:func:`load_bank`), and its entry written to the cache."""
        try:
            stamp = _file_stamp(bank_file)  # taken before reading: a change while it is read moves it
            digest = _digest(bank_file.read_bytes())
        except OSError:
            stamp, digest = None, None  # load_bank says what is wrong
        questions = load_bank(bank_file)
        if stamp is not None and digest is not None:
            self.put(bank_file, questions, stamp, digest)
        return questions

    def load_all(self, bank_files: list[Path]) -> dict[Path, list[Question] | QuizError]:
        """Each of ``bank_files`` read and checked (or what is wrong with it), and cached. When they are many and
        large, forked processes read some side by side, and this one takes their questions from the cache entries
        they wrote; it reads again any they could not load or cache, so that what it returns is its own."""
        shares = self._shares(bank_files)
        if len(shares) == 1:
            return {bank_file: self._load_or_error(bank_file) for bank_file in bank_files}
        _fast_validator(), syllabus()  # made once, here, and inherited by the workers
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # Forked: no thread to fork with (checked), and no interpreter to start. The workers leave Ctrl-C to this one.
        context = multiprocessing.get_context("fork")
        pool = ProcessPoolExecutor(len(shares) - 1, mp_context=context, initializer=leave_interrupts_to_parent)
        try:
            others = {
                bank_file: pool.submit(self.cached_quietly, bank_file) for share in shares[1:] for bank_file in share
            }
            loaded = {bank_file: self._load_or_error(bank_file) for bank_file in shares[0]}
            for bank_file, written in others.items():
                try:
                    cached = written.result() and self.get(bank_file)
                except BrokenProcessPool:  # a worker died (out of memory?): this process reads the rest
                    cached = None
                loaded[bank_file] = cached or self._load_or_error(bank_file)
        except BaseException:
            stop_now(pool)
            raise
        pool.shutdown()
        return loaded

    def cached_quietly(self, bank_file: Path) -> bool:
        """In a worker: whether ``bank_file`` was loaded and its entry written."""
        try:
            self.load(bank_file)
        except Exception:  # the parent reads it again and reports what is wrong
            return False
        return self.writable

    def _load_or_error(self, bank_file: Path) -> list[Question] | QuizError:
        try:
            return self.load(bank_file)
        except QuizError as error:
            return error

    def _shares(self, bank_files: list[Path]) -> list[list[Path]]:
        """The files this process reads, then those of each worker: one share per CPU, the largest files dealt
        first, when a fork is safe (Linux, no other thread), the cache can be written, and the files are large
        enough to repay a process."""
        import threading

        sizes = {bank_file: _size(bank_file) for bank_file in bank_files}
        cpus = min(_usable_cpus(), len(bank_files))
        if (
            cpus < 2
            or sum(sizes.values()) < PARALLEL_BYTES
            or not sys.platform.startswith("linux")
            or threading.active_count() > 1
            or not self._can_write()
        ):
            return [bank_files]
        shares: list[list[Path]] = [[] for _ in range(cpus)]
        for number, bank_file in enumerate(sorted(bank_files, key=sizes.__getitem__, reverse=True)):
            shares[number % cpus].append(bank_file)
        return shares

    def _can_write(self) -> bool:
        if self.folder is None or not self.writable:
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return os.access(self.folder, os.W_OK)

    def put(self, bank_file: Path, questions: list[Question], stamp: list[int], digest: str) -> None:
        """The entry of ``bank_file``, whose content had ``digest`` and whose stat had ``stamp`` before it was
        read."""
        target = self.entry_path(bank_file)
        if target is None or not self.writable:
            return
        try:
            lines = [json.dumps(q.spec, ensure_ascii=False).encode("utf-8") for q in questions]
            header = {
                "format": CACHE_FORMAT,
                "code": _code_stamp(),
                "bank": os.path.abspath(bank_file),
                "stamp": stamp,
                "digest": digest,
                "index": _index(questions),
            }
            head = json.dumps(header, ensure_ascii=False).encode("utf-8")
        except (TypeError, ValueError):
            return  # a value JSON cannot hold (a lone surrogate in a file name): this bank is read afresh each time
        self._write(target, b"\n".join([head, *lines, b""]))

    def _restamp(self, target: Path, first: bytes, header: dict[str, Any], stamp: list[int]) -> bytes:
        """The entry again with the bank's new stamp, so that the next launch need not read the bank; the first
        line the entry has now."""
        try:
            body = target.read_bytes() if self.writable else b""
        except OSError:
            return first
        if not body.startswith(first):  # not writable, or another quiz replaced it meanwhile
            return first
        head = json.dumps({**header, "stamp": stamp}, ensure_ascii=False).encode("utf-8") + b"\n"
        return head if self._write(target, head + body[len(first) :]) else first

    def _write(self, target: Path, data: bytes) -> bool:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, lambda out: out.write(data))
        except OSError:  # a read-only or full disk only costs speed
            self.writable = False  # and is not tried again for every other bank of this launch
            for folder in (target.parent, target.parent.parent):
                with suppress(OSError):  # nor leaves an empty cache folder (rmdir removes only an empty one)
                    folder.rmdir()
            return False
        if not self.tidied:  # the one-document cache of earlier versions (cache/banks.json) is stale for good
            self.tidied = True
            with suppress(OSError):
                (target.parent.parent / "banks.json").unlink()
        return True


def _index(questions: list[Question]) -> dict[str, Any]:
    """What a plan needs of each question, by column."""
    index: dict[str, Any] = {
        "id": [q.id for q in questions],
        "difficulty": [q.difficulty for q in questions],
        "line": [q.line for q in questions],
        "variants": [q.has_variants for q in questions],
        "tags": _column([q.tags for q in questions]),
    }
    for name in _TEXT_COLUMNS:
        index[name] = _column([getattr(q, name) for q in questions])
    return index


def _column(values: list[Hashable]) -> list[list[Any]]:
    """[the distinct values, each value's position among them]."""
    distinct: dict[Hashable, int] = {}
    positions = [distinct.setdefault(value, len(distinct)) for value in values]
    return [list(distinct), positions]


def _expand(column: list[list[Any]], count: int, convert: Any = None) -> list[Any]:
    distinct, positions = column
    if len(positions) != count:
        raise ValueError("an index column of another length")
    if convert is not None:
        distinct = [convert(value) for value in distinct]
    return [distinct[position] for position in positions]


class CachedBank:
    """One bank's cache entry as a launch found it: the index, and on demand the specs that follow it."""

    def __init__(self, cache: BankCache, target: Path, first: bytes, index: dict[str, Any], bank_file: Path) -> None:
        self.cache, self.target, self.first, self.bank_file = cache, target, first, bank_file
        self.ids: list[str] = index["id"]
        count = len(self.ids)
        self.columns = {name: _expand(index[name], count) for name in _TEXT_COLUMNS}
        self.columns["tags"] = _expand(index["tags"], count, tuple)
        for name in ("difficulty", "line", "variants"):
            if len(index[name]) != count:
                raise ValueError("an index column of another length")
            self.columns[name] = index[name]
        self._lines: list[bytes] | None = None
        self._read = False
        self._from_bank: dict[str, dict[str, Any]] | None = None

    def questions(self) -> list[Question]:
        columns, path = self.columns, self.bank_file
        rows = zip(
            self.ids,
            columns["topic"],
            columns["section"],
            columns["tags"],
            columns["source"],
            columns["kind"],
            columns["difficulty"],
            columns["line"],
        )
        return [
            Question(qid, topic, section, tags, source, kind, difficulty, None, path, line, entry=self, index=number)
            for number, (qid, topic, section, tags, source, kind, difficulty, line) in enumerate(rows)
        ]

    def solver(self, index: int) -> str | None:
        solver: str | None = self.columns["solver"][index]
        return solver

    def has_variants(self, index: int) -> bool:
        return bool(self.columns["variants"][index])

    def spec(self, index: int) -> dict[str, Any]:
        """Question ``index``'s spec, from the entry; from the bank itself if the entry changed under this launch
        or is torn."""
        if not self._read:
            self._lines, self._read = self._entry_lines(), True
        if self._lines is not None:
            try:
                spec = json.loads(self._lines[index + 1])
                if isinstance(spec, dict) and spec.get("id") == self.ids[index]:
                    return spec
            except (ValueError, IndexError):
                pass
            self._lines = None
        return self._bank_spec(index)

    def _entry_lines(self) -> list[bytes] | None:
        """The entry's lines, if its file is still the one whose index this launch read (another quiz may have
        replaced it since, after an edit of the bank)."""
        try:
            data = self.target.read_bytes()
        except OSError:
            return None
        return data.split(b"\n") if data.startswith(self.first) else None

    def _bank_spec(self, index: int) -> dict[str, Any]:
        if self._from_bank is None:  # read once, and the entry rewritten: a torn one is mended
            self._from_bank = {q.id: q.spec for q in self.cache.load(self.bank_file)}
        qid = self.ids[index]
        if qid not in self._from_bank:
            message = f"question {qid} is gone: the bank changed while quiz was running; start it again"
            raise BankError(self.bank_file, None, message, qid)
        return self._from_bank[qid]


def leave_interrupts_to_parent() -> None:
    """In a worker process: Ctrl-C reaches every process of the terminal's group; the parent stops the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_now(pool: Any) -> None:
    """Stop a process pool's workers at once (Ctrl-C): a plain shutdown would wait for the files they are on."""
    workers = list((pool._processes or {}).values())  # ProcessPoolExecutor.terminate_workers() is 3.14+
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _usable_cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


@cache
def _code_stamp() -> list[Any]:
    """Cached banks are only as good as the code that checked them: a change to it, or to the syllabus whose
    sections a bank must name, empties the cache."""
    here = Path(__file__).parent
    code = [here / name for name in ("catalog.py", *SCHEMA_FILES, "yamlsafe.py", "syllabus.py")]
    return [CACHE_FORMAT, *(_file_stamp(path) for path in [*code, builtin_content_dir() / SYLLABUS_FILE])]


def add_unique(questions: dict[str, Question], question: Question) -> None:
    if question.id in questions:
        first = questions[question.id]
        raise BankError(question.path, question.line, f"id is already used at {first.where}", question.id, "id")
    questions[question.id] = question


def load_bank(path: Path) -> list[Question]:
    """One bank file, checked against the schema; raises :class:`BankError` at the first problem."""
    questions, errors = check_bank(path)
    if errors:
        raise errors[0]
    return questions


def check_bank(path: Path) -> tuple[list[Question], list[BankError]]:
    """The questions of a valid bank, or every schema problem it has."""
    try:
        data = load(read_text(path))
    except YamlError as error:
        return [], [BankError(path, error.line, str(error))]
    except OSError as error:
        return [], [BankError(path, None, f"cannot read: {error.strerror or error}")]
    version = data.get("format_version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        message = f"format_version {version} needs a newer quiz (this one reads version {FORMAT_VERSION}); upgrade quiz"
        return [], [BankError(path, _line_of(data, ["format_version"]), message)]
    problems = _schema_problems(path, data) or [*_second_keys(path, data), *_unknown_sections(path, data)]
    if problems:
        return [], problems
    return [_question(path, spec, spec.line) for spec in data["questions"]], []


def _schema_problems(path: Path, data: Any) -> list[BankError]:
    """The schema's objections to ``data``, in line order.

    A compiled validator answers "valid or not" some fifteen times faster than jsonschema; jsonschema is asked
    only about a bank that fails, since only it says where and why (and it has the last word)."""
    from fastjsonschema import JsonSchemaValueException

    try:
        _fast_validator()(data)
        return []
    except JsonSchemaValueException:
        pass
    # A broken file can have thousands of errors (20,000 bad list items): the first few say what to fix.
    errors = islice(_validator().iter_errors(data), MAX_SCHEMA_ERRORS)
    return sorted((_schema_error(path, data, e) for e in errors), key=lambda e: e.line or 0)


def _second_keys(path: Path, data: Located) -> list[BankError]:
    """A code-choice question has exactly one key. The schema says "at least one"; "at most one" needs
    maxContains (JSON Schema 2019-09), which the fast validator does not read."""
    problems = []
    for spec in data["questions"]:
        if spec["kind"] == "code-choice":
            keys = [index for index, option in enumerate(spec["options"]) if option.get("correct") is True]
            if len(keys) > 1:
                second = keys[1]
                problems.append(
                    BankError(
                        path,
                        spec["options"][second].line,
                        "more than one option is marked correct: true",
                        spec["id"],
                        f"options[{second}].correct",
                    )
                )
    return problems


def _unknown_sections(path: Path, data: Located) -> list[BankError]:
    sections = syllabus().sections
    return [
        BankError(
            path,
            spec.line,
            f"unknown syllabus section {spec['section']!r}; the sections are {', '.join(sections)}",
            spec["id"],
            "section",
        )
        for spec in data["questions"]
        if spec["section"] not in sections
    ]


@cache
def syllabus() -> Syllabus:
    return read_syllabus(builtin_content_dir() / SYLLABUS_FILE)


_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
# A folded space between two Japanese characters, or after Japanese punctuation ("である。 d_model" reads as a
# stray gap; Japanese puts no space after 。、）」).
_FOLDED_CJK_SPACE = re.compile(rf"(?<={_CJK}) (?={_CJK})|(?<=[、。，．）」』】]) (?=\S)")


def _join_folded_japanese(value: Any, japanese: bool = False) -> Any:
    """YAML folds a line break into a space, which is wrong between two Japanese characters; drop it. Done once,
    when a bank is read: the cache keeps the joined text."""
    if isinstance(value, str):
        return _FOLDED_CJK_SPACE.sub("", value) if japanese and " " in value else value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        inner = japanese or key == "ja"
        if isinstance(item, str):
            if inner and " " in item:
                value[key] = _FOLDED_CJK_SPACE.sub("", item)
        elif isinstance(item, (dict, list)):
            _join_folded_japanese(item, inner)
    return value


def _question(path: Path, spec: dict[str, Any], line: int) -> Question:
    _join_folded_japanese(spec)
    return Question(
        id=spec["id"],
        topic=spec["topic"],
        section=spec["section"],
        tags=tuple(spec["tags"]),
        source=spec["source"],
        kind=spec["kind"],
        difficulty=spec["difficulty"],
        spec=spec,
        path=path,
        line=line,
    )


SCHEMA_FILES = ("schema.json", "lab_args.json")  # the bank schema, and the arguments of each lab (quizcli.labs.schema)


@cache
def _schema() -> dict[str, Any]:
    """schema.json with each lab's arguments filled in: a question's ``lab`` names a lab and gives only arguments
    it takes, each of the kind and in the range the lab accepts."""
    here = Path(__file__).parent
    schema: dict[str, Any] = json.loads((here / "schema.json").read_text(encoding="utf-8"))
    labs: dict[str, Any] = json.loads((here / "lab_args.json").read_text(encoding="utf-8"))
    lab = schema["$defs"]["lab"]
    lab["properties"]["name"] = {"enum": sorted(labs)}
    lab["allOf"] = [
        {
            "if": {"properties": {"name": {"const": name}}},
            "then": {"properties": {"args": {"type": "object", "additionalProperties": False, "properties": args}}},
        }
        for name, args in sorted(labs.items())
    ]
    return schema


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema())


@cache
def _fast_validator() -> Any:
    """The schema compiled to Python by fastjsonschema (as draft-07, the newest it reads: the schema keeps to
    keywords that draft-07 has). Compiling takes 40 ms, a third of a start after one bank was edited, so the code is
    shipped compiled, in schema_check.py; compiled here only if that is not of this schema and this fastjsonschema."""
    import fastjsonschema

    from quizcli.bank import schema_check

    if schema_check.SCHEMA_SHA256 == _schema_sha256() and schema_check.VERSION == fastjsonschema.VERSION:
        return schema_check.validate
    return fastjsonschema.compile(_schema(), use_default=False)


def _schema_sha256() -> str:
    digest = hashlib.sha256()
    for name in SCHEMA_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def schema_check_source() -> str:
    """The text of schema_check.py for the current schema.json and fastjsonschema: its compiled validator, without
    the schema fragments it would attach to an error (only whether a bank passes is asked of it; jsonschema says
    why one fails), which makes it a third the size."""
    import ast

    import fastjsonschema

    tree = ast.parse(fastjsonschema.compile_to_code(_schema(), use_default=False))
    entry = next(node.name for node in tree.body if isinstance(node, ast.FunctionDef))
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "definition":
            node.value = ast.Constant(None)
    return (
        "# Generated from schema.json and lab_args.json by `uv run python -m quizcli.bank.catalog`\n"
        "# (fastjsonschema.compile_to_code, the schema fragments of its errors left out); regenerate it after\n"
        "# changing the schema. Not edited by hand.\n"
        "# mypy: ignore-errors\n# ruff: noqa\n# fmt: off\n"
        f"SCHEMA_SHA256 = {_schema_sha256()!r}\n"
        f"{ast.unparse(tree)}\n"
        f"validate = {entry}\n"
    )


def write_schema_check() -> None:
    (Path(__file__).parent / "schema_check.py").write_text(schema_check_source(), encoding="utf-8")


if __name__ == "__main__":
    write_schema_check()


def _schema_error(path: Path, data: Any, error: Any) -> BankError:
    # oneOf/anyOf errors are vague at the top; the most specific sub-error says what to fix.
    from jsonschema.exceptions import best_match

    if error.context:
        error = best_match([error]) or error
    location = list(error.absolute_path)
    qid = None
    if len(location) >= 2 and location[0] == "questions" and isinstance(data, dict):
        question = data["questions"][location[1]]
        qid = question.get("id") if isinstance(question, dict) and isinstance(question.get("id"), str) else None
        field_path = _field_path(location[2:]) or None
    else:
        field_path = _field_path(location) or None
    return BankError(path, _line_of(data, location), _message(error), qid, field_path)


def _field_path(location: Sequence[Any]) -> str:
    text = ""
    for step in location:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _line_of(data: Any, location: Sequence[Any]) -> int | None:
    """The line of the deepest key on ``location`` that the YAML reader recorded."""
    line = getattr(data, "line", None)
    node = data
    for step in location:
        if isinstance(node, Located) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            line = getattr(node, "line", line)
        else:
            break
    return line


def _message(error: Any) -> str:
    message: str = error.message  # a jsonschema ValidationError's message is text
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return f"missing required field {', '.join(map(repr, missing))}"
    if error.validator == "additionalProperties":
        return message.replace("Additional properties are not allowed", "unknown field")
    if error.validator == "not":
        return "has a field that this kind of question does not take"
    if error.validator == "contains":
        return "no option is marked correct: true"
    if error.validator == "const" and error.absolute_path and error.absolute_path[-1] == "format_version":
        return f"format_version must be {FORMAT_VERSION}"
    return message if len(message) < 200 else message[:197] + "…"
