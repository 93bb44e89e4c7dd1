"""`quiz list`: what the banks hold."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizcli.bank.catalog import Question, load_catalog, syllabus
from quizcli.i18n import LANGS, t


def questions(content_dirs: Iterable[Path], topic: str | None = None) -> list[Question]:
    return load_catalog(content_dirs).select(topic=topic)


def as_json(selected: list[Question]) -> str:
    return json.dumps(
        [
            {
                "id": q.id,
                "topic": q.topic,
                "section": q.section,
                "kind": q.kind,
                "source": q.source,
                "langs": [lang for lang in LANGS if lang in q.spec["prompt"]],
                "solver": q.solver,
            }
            for q in selected
        ],
        ensure_ascii=False,
        indent=1,
    )


def table(selected: list[Question], lang: str) -> Any:
    """How many questions, and how many drills with fresh numbers, each syllabus section has (in syllabus
    order), with the topics there: the words `quiz start --topic` takes."""
    from rich import box
    from rich.console import Group
    from rich.table import Column, Table
    from rich.text import Text

    from quizcli.typeset import Fitted, Paragraph

    questions: Counter[str] = Counter(q.section for q in selected)
    drills: Counter[str] = Counter(q.section for q in selected if "variants" in q.spec)
    topics: dict[str, set[str]] = {}
    for q in selected:
        topics.setdefault(q.section, set()).add(q.topic)
    title = t(lang, "list_title", count=len(selected))

    def numbers() -> list[Column]:  # a Column holds its cells: one list for each table
        return [
            Column(t(lang, key), justify="right", no_wrap=True) for key in ("syllabus_questions", "syllabus_drills")
        ]

    table = Table(t(lang, "section"), t(lang, "topic"), *numbers(), title=title, title_justify="left")
    # Narrow: the topics under their section, so each name keeps its words on a third of the width more.
    narrow = Table(t(lang, "section"), *numbers(), title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for section in sorted(questions, key=syllabus().position):
        name, words = syllabus().section_name(section, lang), " ".join(sorted(topics[section]))
        counts = (str(questions[section]), str(drills[section] or ""))
        table.add_row(Paragraph(name), Paragraph(words), *counts)
        narrow.add_row(Group(Paragraph(name), Paragraph(Text(words, style="dim"))), *counts)
    return Fitted(table, narrow)
