"""`quiz doctor`: what quiz runs on and whether its data and banks are healthy, without changing anything.

The database is opened read-only (and, when no write-ahead log is pending, as immutable, so not even the
-wal/-shm side files appear); a damaged file is reported, never repaired or replaced.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DISTRIBUTION = "quiz-eshikaku"
# Used when quiz runs from a checkout that is not installed, so its metadata cannot list them.
FALLBACK_PACKAGES = ("click", "rich", "numpy", "pyyaml", "jsonschema", "fastjsonschema", "fsrs", "platformdirs",
                     "pylatexenc", "plotext", "genanki")

MESSAGES = {
    "missing_package": "package {name} is not installed (quiz needs {requirement}); reinstall quiz",
    "old_package": "package {name} {version} is older than quiz needs ({requirement})",
    "not_a_directory": "the data directory {path} is not a directory",
    "not_writable": "the data directory {path} is not writable; make it writable or set QUIZ_HOME",
    "cannot_create": "the data directory {path} cannot be created ({parent} is not writable); set QUIZ_HOME",
    "unreadable_db": "{path} is not a readable quiz database ({error}); nothing was changed: move it aside "
                     "(or set QUIZ_HOME to another directory) and quiz will start a new one",
    "not_quiz_db": "{path} is an SQLite file but not a quiz database (no reviews table); move it aside",
    "newer_schema": "{path} has schema {version}, newer than this quiz reads ({current}); upgrade quiz",
    "integrity": "{path} failed PRAGMA integrity_check: {detail}; back it up and move it aside",
    "missing_content": "content directory {path} does not exist (check QUIZ_CONTENT_DIR / QUIZ_CONTENT_PATH)",
    "duplicate_id": "{where}: {qid}: id is already used at {first}",
    "writable": "writable",
    "not_created": "not created yet (quiz start creates it)",
    "from_env": " (QUIZ_HOME)",
    "no_db": "none yet (quiz start creates it)",
    "schema_current": "{version} (current)",
    "schema_older": "{version} (upgraded to {current} on the next quiz start)",
    "reviews": "{reviews} (cards {cards})",
    "banks": "{banks} bank(s), {questions} question(s)",
    "banks_ok_fast": "valid (schema and ids; quiz doctor --full also runs every solver and drill)",
    "banks_ok_full": "valid (full check: schema, ids, solvers, options, drill draws)",
    "banks_bad": "{count} problem(s) (quiz validate shows them with their lines)",
}


@dataclass
class Report:
    """Sections of (label, value) rows, and one line per problem; healthy when there are none."""

    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def add(self, section: str, label: str, value: str) -> None:
        self.sections.setdefault(section, []).append((label, value))


def diagnose(full: bool = False) -> Report:
    report = Report()
    check_versions(report)
    check_data(report)
    check_content(report, full)
    return report


# ---------------------------------------------------------------- versions


def check_versions(report: Report) -> None:
    import platform
    from importlib import metadata

    try:
        report.add("versions", "quiz", metadata.version(DISTRIBUTION))
        requirements = [r for r in metadata.requires(DISTRIBUTION) or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        report.add("versions", "quiz", "not installed (running from a checkout)")
        requirements = list(FALLBACK_PACKAGES)
    report.add("versions", "Python", f"{platform.python_version()} ({sys.executable})")
    report.add("versions", "SQLite", sqlite3.sqlite_version)
    for requirement in requirements:
        name, minimum = _requirement(requirement)
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            report.add("versions", name, "missing")
            report.problems.append(MESSAGES["missing_package"].format(name=name, requirement=requirement))
            continue
        report.add("versions", name, version)
        if minimum and _release(version) < _release(minimum):
            report.problems.append(MESSAGES["old_package"].format(name=name, version=version,
                                                                  requirement=requirement))


def _requirement(text: str) -> tuple[str, str | None]:
    """"numpy>=1.26; python_version>'3'" → ("numpy", "1.26"); only a lower bound is checked."""
    match = re.match(r"\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*(?:>=\s*([0-9][0-9.]*))?", text)
    if match is None:
        return text.strip(), None
    return match.group(1), match.group(2)


def _release(version: str) -> tuple[int, ...]:
    """The leading numbers of a version: "2.4.6rc1" → (2, 4, 6)."""
    numbers = []
    for part in version.split("."):
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        numbers.append(int(digits.group()))
        if digits.group() != part:
            break
    return tuple(numbers)


# ---------------------------------------------------------------- data directory and database


def check_data(report: Report) -> None:
    from quizcli.store import DB_NAME, data_dir

    home = data_dir()
    origin = MESSAGES["from_env"] if os.environ.get("QUIZ_HOME") else ""
    if home.is_dir():
        writable = os.access(home, os.W_OK | os.X_OK)
        report.add("data", "directory", f"{home}{origin}: " + (MESSAGES["writable"] if writable else "read-only"))
        if not writable:
            report.problems.append(MESSAGES["not_writable"].format(path=home))
    elif home.exists():
        report.add("data", "directory", f"{home}{origin}")
        report.problems.append(MESSAGES["not_a_directory"].format(path=home))
        return
    else:
        report.add("data", "directory", f"{home}{origin}: {MESSAGES['not_created']}")
        parent = _existing_ancestor(home)
        if not os.access(parent, os.W_OK | os.X_OK):
            report.problems.append(MESSAGES["cannot_create"].format(path=home, parent=parent))
    path = home / DB_NAME
    report.add("data", "database", str(path) if path.exists() else f"{path}: {MESSAGES['no_db']}")
    if path.exists():
        check_database(report, path)


def _existing_ancestor(path: Path) -> Path:
    for candidate in path.absolute().parents:
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def check_database(report: Report, path: Path) -> None:
    """Schema version, counts and integrity of the database at ``path``, read without writing a byte."""
    from quizcli.store import MIGRATIONS

    try:
        db = _open_read_only(path)
    except sqlite3.Error as error:
        report.problems.append(MESSAGES["unreadable_db"].format(path=path, error=error))
        return
    try:
        rows = [row[0] for row in db.execute("PRAGMA integrity_check(20)")]
        detail = " ".join("; ".join(rows).split())  # its messages span lines; a problem is one line
        report.add("data", "integrity", detail)
        if rows != ["ok"]:
            report.problems.append(MESSAGES["integrity"].format(path=path, detail=detail))
            return
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        current = len(MIGRATIONS)
        if version > current:
            report.add("data", "schema", str(version))
            report.problems.append(MESSAGES["newer_schema"].format(path=path, version=version, current=current))
        elif "reviews" not in tables:
            report.add("data", "schema", str(version))
            report.problems.append(MESSAGES["not_quiz_db"].format(path=path))
        else:
            key = "schema_current" if version == current else "schema_older"
            report.add("data", "schema", MESSAGES[key].format(version=version, current=current))
            reviews = db.execute("SELECT count(*) FROM reviews").fetchone()[0]
            cards = db.execute("SELECT count(*) FROM cards").fetchone()[0] if "cards" in tables else 0
            report.add("data", "reviews", MESSAGES["reviews"].format(reviews=reviews, cards=cards))
    except sqlite3.Error as error:
        report.problems.append(MESSAGES["unreadable_db"].format(path=path, error=error))
    finally:
        db.close()


def _open_read_only(path: Path) -> sqlite3.Connection:
    """mode=ro; and immutable=1 when no journal or log is pending, since a read-only open of a WAL database
    would otherwise leave -wal and -shm files behind."""
    pending = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    uri = path.absolute().as_uri() + ("?mode=ro" if pending else "?mode=ro&immutable=1")
    db = sqlite3.connect(uri, uri=True)
    db.execute("PRAGMA query_only = ON")
    return db


# ---------------------------------------------------------------- content


def check_content(report: Report, full: bool) -> None:
    from quizcli.banks import check_bank, content_dirs, iter_bank_files

    directories = content_dirs()
    first_seen: dict[str, str] = {}
    problems: list[str] = []
    present = []
    for directory in directories:
        if not directory.is_dir():
            report.add("content", str(directory), "missing")
            report.problems.append(MESSAGES["missing_content"].format(path=directory))
            continue
        present.append(directory)
        banks = list(iter_bank_files([directory]))
        count = 0
        for bank in banks:
            questions, errors = check_bank(bank)
            problems += [str(error) for error in errors]
            count += len(questions)
            for question in questions:
                if question.id in first_seen:
                    problems.append(MESSAGES["duplicate_id"].format(where=question.where, qid=question.id,
                                                                    first=first_seen[question.id]))
                else:
                    first_seen[question.id] = question.where
        report.add("content", str(directory), MESSAGES["banks"].format(banks=len(banks), questions=count))
    if full and present:
        from quizcli.validate import validate

        problems = validate(present).problems
    if problems:
        report.add("content", "banks", MESSAGES["banks_bad"].format(count=len(problems)))
        report.problems += problems
    else:
        report.add("content", "banks", MESSAGES["banks_ok_full" if full else "banks_ok_fast"])


# ---------------------------------------------------------------- output


def as_text(report: Report) -> str:
    lines = []
    for title, rows in report.sections.items():
        lines.append(title)
        width = max(len(label) for label, _ in rows)
        lines += [f"  {label:<{width}}  {value}" for label, value in rows]
    return "\n".join(lines)


def as_json(report: Report) -> str:
    document: dict[str, Any] = {title: dict(rows) for title, rows in report.sections.items()}
    document["problems"] = report.problems
    document["healthy"] = report.healthy
    return json.dumps(document, ensure_ascii=False, indent=2)
