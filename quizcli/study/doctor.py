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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizcli.i18n import t

DISTRIBUTION = "quiz-eshikaku"
# Used when quiz runs from a checkout that is not installed, so its metadata cannot list them.
FALLBACK_PACKAGES = (
    "click",
    "rich",
    "numpy",
    "pyyaml",
    "jsonschema",
    "fastjsonschema",
    "fsrs",
    "platformdirs",
    "pylatexenc",
    "plotext",
    "genanki",
)
# Sections and rows are named by their --json keys, which stay English; on screen these are translated (the
# other rows are named by a package or a directory).
HEADINGS = ("versions", "data", "content", "directory", "database", "integrity", "schema", "reviews", "banks")


@dataclass
class Report:
    """Sections of (label, value) rows, and one line per problem; healthy when there are none.

    Values and problems are written in ``lang``; --json asks for English.
    """

    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    lang: str = "en"

    @property
    def healthy(self) -> bool:
        return not self.problems

    def add(self, section: str, label: str, value: str) -> None:
        self.sections.setdefault(section, []).append((label, value))

    def message(self, key: str, **values: object) -> str:
        return t(self.lang, key, **values)


def diagnose(content_dirs: Sequence[Path], full: bool = False, lang: str = "en") -> Report:
    report = Report(lang=lang)
    check_versions(report)
    check_data(report)
    check_content(report, content_dirs, full)
    return report


# ---------------------------------------------------------------- versions


def check_versions(report: Report) -> None:
    import platform
    from importlib import metadata

    try:
        report.add("versions", "quiz", metadata.version(DISTRIBUTION))
        requirements = [r for r in metadata.requires(DISTRIBUTION) or [] if "extra ==" not in r]
    except metadata.PackageNotFoundError:
        report.add("versions", "quiz", report.message("doctor_not_installed"))
        requirements = list(FALLBACK_PACKAGES)
    report.add("versions", "Python", f"{platform.python_version()} ({sys.executable})")
    report.add("versions", "SQLite", sqlite3.sqlite_version)
    for requirement in requirements:
        name, minimum = _requirement(requirement)
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            report.add("versions", name, report.message("doctor_missing"))
            report.problems.append(report.message("doctor_missing_package", name=name, requirement=requirement))
            continue
        report.add("versions", name, version)
        if minimum and _release(version) < _release(minimum):
            report.problems.append(
                report.message("doctor_old_package", name=name, version=version, requirement=requirement)
            )


def _requirement(text: str) -> tuple[str, str | None]:
    """ "numpy>=1.26; python_version>'3'" → ("numpy", "1.26"); only a lower bound is checked."""
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
    from quizcli.paths import HOME_VARIABLE, data_dir, database_path

    home = data_dir()
    origin = report.message("doctor_from_env") if os.environ.get(HOME_VARIABLE) else ""
    if home.is_dir():
        writable = os.access(home, os.W_OK | os.X_OK)
        access = report.message("doctor_writable" if writable else "doctor_read_only")
        report.add("data", "directory", f"{home}{origin}: {access}")
        if not writable:
            report.problems.append(report.message("doctor_not_writable", path=home))
    elif home.exists():
        report.add("data", "directory", f"{home}{origin}")
        report.problems.append(report.message("doctor_not_a_directory", path=home))
        return
    else:
        report.add("data", "directory", f"{home}{origin}: {report.message('doctor_not_created')}")
        parent = _existing_ancestor(home)
        if not os.access(parent, os.W_OK | os.X_OK):
            report.problems.append(report.message("doctor_cannot_create", path=home, parent=parent))
    path = database_path(home)
    report.add("data", "database", str(path) if path.exists() else f"{path}: {report.message('doctor_no_db')}")
    if path.exists():
        check_database(report, path)


def _existing_ancestor(path: Path) -> Path:
    for candidate in path.absolute().parents:
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def check_database(report: Report, path: Path) -> None:
    """Schema version, counts and integrity of the database at ``path``, read without writing a byte."""
    from quizcli.study.store import MIGRATIONS, DatabaseFile

    if path.stat().st_size == 0:  # SQLite would read it as a sound, blank database
        report.problems.append(report.message("store_empty", path=path))
        return
    try:
        database = DatabaseFile(path)
    except sqlite3.Error as error:
        report.problems.append(report.message("doctor_unreadable_db", path=path, error=error))
        return
    try:
        rows = database.integrity_check()
        detail = " ".join("; ".join(rows).split())  # its messages span lines; a problem is one line
        report.add("data", "integrity", report.message("doctor_integrity_ok") if rows == ["ok"] else detail)
        if rows != ["ok"]:
            report.problems.append(report.message("doctor_integrity_failed", path=path, detail=detail))
            return
        version = database.schema_version()
        tables = database.tables()
        current = len(MIGRATIONS)
        if version > current:
            report.add("data", "schema", str(version))
            report.problems.append(report.message("doctor_newer_schema", path=path, version=version, current=current))
        elif "reviews" not in tables:
            report.add("data", "schema", str(version))
            report.problems.append(report.message("doctor_not_quiz_db", path=path))
        else:
            key = "doctor_schema_current" if version == current else "doctor_schema_older"
            report.add("data", "schema", report.message(key, version=version, current=current))
            reviews = database.review_count()
            cards = database.card_count() if "cards" in tables else 0
            report.add("data", "reviews", report.message("doctor_reviews_count", reviews=reviews, cards=cards))
    except sqlite3.Error as error:
        report.problems.append(report.message("doctor_unreadable_db", path=path, error=error))
    finally:
        database.close()


# ---------------------------------------------------------------- content


def check_content(report: Report, content_dirs: Sequence[Path], full: bool) -> None:
    from quizcli.bank.catalog import check_bank, iter_bank_files

    first_seen: dict[str, str] = {}
    problems: list[str] = []
    present = []
    for directory in content_dirs:
        if not directory.is_dir():
            report.add("content", str(directory), report.message("doctor_missing"))
            report.problems.append(report.message("doctor_missing_content", path=directory))
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
                    problems.append(
                        report.message(
                            "doctor_duplicate_id", where=question.where, qid=question.id, first=first_seen[question.id]
                        )
                    )
                else:
                    first_seen[question.id] = question.where
        report.add("content", str(directory), report.message("doctor_banks_count", banks=len(banks), questions=count))
    if full and present:
        from quizcli.bank.validate import validate

        problems = validate(present).problems
    if problems:
        report.add("content", "banks", report.message("doctor_banks_bad", count=len(problems)))
        report.problems += problems
    else:
        report.add("content", "banks", report.message("doctor_banks_ok_full" if full else "doctor_banks_ok_fast"))


# ---------------------------------------------------------------- output


LEAST_VALUE = 20  # cells


def as_text(report: Report, width: int = 80) -> str:
    """The report in columns, each value typeset into the room its column leaves in ``width`` cells and its
    further lines hung under its first. A section whose labels leave a value less than :data:`LEAST_VALUE` cells
    (a long content path on a narrow terminal) puts each value under its label instead."""
    from rich.cells import cell_len  # a Japanese heading is twice as wide as it is long

    from quizcli.typeset import wrap

    def heading(name: str) -> str:
        return report.message(f"doctor_{name}") if name in HEADINGS else name

    lines = []
    for title, rows in report.sections.items():
        lines.append(heading(title))
        labels = [heading(label) for label, _ in rows]
        column = max(cell_len(label) for label in labels)
        indent = 2 + column + 2
        for label, (_, value) in zip(labels, rows):
            if width - indent < LEAST_VALUE:
                lines.append("  " + label)  # a path whole, to be copied, even if the terminal folds it
                lines += ["      " + line for line in wrap(str(value), max(width - 6, LEAST_VALUE))]
                continue
            first, *rest = wrap(str(value), width - indent) or [""]
            lines.append(f"  {label}{' ' * (column - cell_len(label))}  {first}")
            lines += [" " * indent + line for line in rest]
    return "\n".join(lines)


def as_json(report: Report) -> str:
    document: dict[str, Any] = {title: dict(rows) for title, rows in report.sections.items()}
    document["problems"] = report.problems
    document["healthy"] = report.healthy
    return json.dumps(document, ensure_ascii=False, indent=2)
