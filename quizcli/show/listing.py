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
    from quizcli.errors import BadInput

    catalog = load_catalog(content_dirs)
    selected = catalog.select(topic=topic)
    if topic and not selected:
        topics = sorted({q.topic for q in catalog.questions.values()})
        raise BadInput(f"no questions on topic {topic!r}; topics: {', '.join(topics)}")
    return selected


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
    from rich.table import Table

    from quizcli.typeset import Paragraph

    questions: Counter[str] = Counter(q.section for q in selected)
    drills: Counter[str] = Counter(q.section for q in selected if "variants" in q.spec)
    topics: dict[str, set[str]] = {}
    for q in selected:
        topics.setdefault(q.section, set()).add(q.topic)
    table = Table(
        t(lang, "section"),
        t(lang, "topic"),
        t(lang, "syllabus_questions"),
        t(lang, "syllabus_drills"),
        title=t(lang, "list_title", count=len(selected)),
        title_justify="left",
    )
    for section in sorted(questions, key=syllabus().position):
        table.add_row(
            Paragraph(syllabus().section_name(section, lang)),
            Paragraph(" ".join(sorted(topics[section]))),
            str(questions[section]),
            str(drills[section] or ""),
        )
    return table
