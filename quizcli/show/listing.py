"""`quiz list`: what the banks hold."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizcli.bank.catalog import Question, load_catalog
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
    from rich.table import Table

    by_topic: dict[str, Counter[str]] = {}
    for q in selected:
        by_topic.setdefault(q.topic, Counter())[q.kind] += 1
    kinds = ["choice", "numeric", "shape", "code-choice", "text"]
    table = Table(
        t(lang, "topic"),
        *[t(lang, f"kind_{k}") for k in kinds],
        t(lang, "total"),
        title=t(lang, "list_title", count=len(selected)),
        title_justify="left",
    )
    for topic, counts in sorted(by_topic.items()):
        table.add_row(topic, *[str(counts[k] or "") for k in kinds], str(sum(counts.values())))
    return table
