"""Find the question banks, load them through the schema, and index every question by its id."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from itertools import islice
from pathlib import Path
from typing import Any

from quizcli.bank.yamlsafe import Located, YamlError, load, read_text
from quizcli.errors import QuizError
from quizcli.paths import atomic_write, bank_cache_path

FORMAT_VERSION = 1
MAX_SCHEMA_ERRORS = 20


@dataclass(frozen=True)
class Question:
    """One question as written in its bank; ``spec`` keeps every field of the YAML."""

    id: str
    topic: str
    tags: tuple[str, ...]
    source: str
    kind: str
    difficulty: int
    spec: dict[str, Any] = field(repr=False, compare=False)
    path: Path = field(compare=False)
    line: int = field(compare=False)

    @property
    def solver(self) -> str | None:
        return self.spec.get("solver")

    def text(self, name: str, lang: str) -> str:
        """A bilingual field ('prompt', 'explanation', 'hint', …) in ``lang``."""
        return self.spec[name][lang] if name in self.spec else ""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Catalog:
    questions: dict[str, Question]
    bank_files: tuple[Path, ...]

    def select(self, topic: str | None = None, tags: Sequence[str] = ()) -> list[Question]:
        return [
            q for q in self.questions.values() if (topic is None or q.topic == topic) and all(t in q.tags for t in tags)
        ]


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
            yield from sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        elif path.is_file():
            yield path
        else:
            raise QuizError(f"{path}: no such file or directory")


def load_catalog(paths: Iterable[Path] | None = None) -> Catalog:
    """Every question under ``paths`` (default: :func:`content_dirs`); the first error stops loading.

    Banks that have not changed since they were last checked come from the cache, without YAML or schema work.
    """
    bank_files = tuple(iter_bank_files(content_dirs() if paths is None else paths))
    cache = BankCache.open()
    questions: dict[str, Question] = {}
    for bank_file in bank_files:
        loaded = cache.get(bank_file)
        if loaded is None:
            loaded = load_bank(bank_file)
            cache.put(bank_file, loaded)
        for question in loaded:
            add_unique(questions, question)
    cache.save()
    return Catalog(questions, bank_files)


class BankCache:
    """Validated banks as JSON, keyed by each file's path, size and modification time (and this code's)."""

    def __init__(self, path: Path | None, entries: dict[str, Any]) -> None:
        self.path, self.entries, self.changed = path, entries, False

    @classmethod
    def open(cls) -> BankCache:
        path = bank_cache_path()
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            if document.get("code") == _code_stamp():
                return cls(path, document["banks"])
        except (OSError, ValueError, KeyError, AttributeError):
            pass  # no cache, or an unreadable one: start afresh
        return cls(path, {})

    def get(self, bank_file: Path) -> list[Question] | None:
        entry = self.entries.get(str(bank_file.resolve()))
        if entry is None or entry["stamp"] != _file_stamp(bank_file):
            return None
        return [_question(bank_file, spec, line) for spec, line in entry["questions"]]

    def put(self, bank_file: Path, questions: list[Question]) -> None:
        self.entries[str(bank_file.resolve())] = {
            "stamp": _file_stamp(bank_file),
            "questions": [[q.spec, q.line] for q in questions],
        }
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        document = json.dumps({"code": _code_stamp(), "banks": self.entries}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, lambda out: out.write(document.encode("utf-8")))
        except OSError:  # a read-only or full disk only costs speed
            with suppress(OSError):  # and leaves no empty cache folder (rmdir removes only an empty one)
                self.path.parent.rmdir()


def _file_stamp(path: Path) -> list[int]:
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


@cache
def _code_stamp() -> list[Any]:
    """Cached banks are only as good as the code that checked them: a change to it empties the cache."""
    here = Path(__file__).parent
    return [FORMAT_VERSION, *(_file_stamp(here / name) for name in ("catalog.py", "schema.json", "yamlsafe.py"))]


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
    problems = _schema_problems(path, data) or _second_keys(path, data)
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


_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
_FOLDED_CJK_SPACE = re.compile(rf"(?<={_CJK}) (?={_CJK})")


def _join_folded_japanese(value: Any, japanese: bool = False) -> Any:
    """YAML folds a line break into a space, which is wrong between two Japanese characters; drop it."""
    if isinstance(value, str):
        return _FOLDED_CJK_SPACE.sub("", value) if japanese else value
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = _join_folded_japanese(item, japanese or key == "ja")
    elif isinstance(value, list):
        value[:] = [_join_folded_japanese(item, japanese) for item in value]
    return value


def _question(path: Path, spec: dict[str, Any], line: int) -> Question:
    _join_folded_japanese(spec)
    return Question(
        id=spec["id"],
        topic=spec["topic"],
        tags=tuple(spec["tags"]),
        source=spec["source"],
        kind=spec["kind"],
        difficulty=spec["difficulty"],
        spec=spec,
        path=path,
        line=line,
    )


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((Path(__file__).parent / "schema.json").read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema())


@cache
def _fast_validator() -> Any:
    import fastjsonschema

    # Compiled as draft-07, the newest it reads: the schema keeps to keywords that draft-07 has.
    return fastjsonschema.compile(_schema(), use_default=False)


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
