"""`quiz syllabus`: the E資格 syllabus beside what this bank holds for each section and how the learner does there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from itertools import groupby
from typing import Any

from quizcli.bank.catalog import Catalog, syllabus
from quizcli.clock import iso, utc_now
from quizcli.i18n import t
from quizcli.study.stats import answers_by_section
from quizcli.study.store import read_store


def compute(catalog: Catalog, now: datetime | None = None) -> dict[str, Any]:
    """Every syllabus section, in order: its exam weight, its questions, drills and solvers in ``catalog``, and the
    learner's answers, accuracy and due cards there."""
    now_stamp = iso(now or utc_now())
    section_of = {q.id: q.section for q in catalog.questions.values()}
    store = read_store()
    try:
        answers = answers_by_section(store, section_of)
        cards = store.cards()
    finally:
        store.close()
    due = Counter(section_of[qid] for qid, (_, when, _) in cards.items() if qid in section_of and when <= now_stamp)
    sections = []
    for chapter in syllabus().chapters:
        for section in chapter.sections:
            questions = [q for q in catalog.questions.values() if q.section == section.id]
            answered, correct, graded = answers.get(section.id, (0, 0, 0))
            sections.append(
                {
                    "id": section.id,
                    "chapter": chapter.id,
                    "name": section.names,
                    "weight": section.weight,
                    "questions": len(questions),
                    "drills": sum("variants" in q.spec for q in questions),
                    "solvers": sorted({q.solver for q in questions if q.solver}),
                    "answered": answered,
                    "accuracy": round(correct / graded, 4) if graded else None,
                    "due": due[section.id],
                }
            )
    chapters = [{"id": chapter.id, "name": chapter.names} for chapter in syllabus().chapters]
    return {"chapters": chapters, "sections": sections}


def renderable(figures: dict[str, Any], lang: str) -> Any:
    """Chapter by chapter, every section with its figures, as much as the width allows: a table of all the
    figures, of three, or a list with each section's figures under its name. A section with
    no question is red."""
    from rich.console import Group

    from quizcli.typeset import Fitted, Paragraph

    covered = [row for row in figures["sections"] if row["questions"]]
    summary = Paragraph(
        t(
            lang,
            "syllabus_summary",
            covered=len(covered),
            sections=len(figures["sections"]),
            weight=sum(row["weight"] for row in covered),
        )
    )
    layouts = (_table(figures, lang, ALL_FIGURES), _table(figures, lang, FEW_FIGURES), _list(figures, lang))
    return Group(Fitted(*layouts), summary)


ALL_FIGURES = ("weight", "questions", "drills", "answered", "accuracy", "due")
FEW_FIGURES = ("weight", "questions", "accuracy")
_HEADERS = {
    "weight": "syllabus_weight",
    "questions": "syllabus_questions",
    "drills": "syllabus_drills",
    "answered": "answered",
    "accuracy": "accuracy",
    "due": "syllabus_due",
}


def _cells(row: dict[str, Any]) -> dict[str, str]:
    return {
        "weight": f"{row['weight']:g}%",
        "questions": str(row["questions"]),
        "drills": str(row["drills"] or ""),
        "answered": str(row["answered"] or ""),
        "accuracy": f"{100 * row['accuracy']:.0f}%" if row["accuracy"] is not None else "",
        "due": str(row["due"] or ""),
    }


def _by_chapter(figures: dict[str, Any], lang: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    names = {chapter["id"]: chapter["name"][lang] for chapter in figures["chapters"]}
    for chapter, rows in groupby(figures["sections"], key=lambda row: row["chapter"]):
        yield names[chapter], list(rows)


def _table(figures: dict[str, Any], lang: str, columns: tuple[str, ...]) -> Any:
    from rich import box
    from rich.table import Column, Table

    from quizcli.typeset import Paragraph

    figures_columns = (Column(t(lang, _HEADERS[c]), justify="right", no_wrap=True) for c in columns)
    # Rules under the header only, no edge padding: the full table fits 80 columns in Japanese, whose longest
    # section name (リカレントニューラルネットワーク) is one unbreakable word of 32 cells.
    table = Table(
        t(lang, "section"),
        *figures_columns,
        title=t(lang, "syllabus_title"),
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
    )
    for chapter, rows in _by_chapter(figures, lang):
        table.add_row(Paragraph(chapter), style="bold")
        for row in rows:
            cells = _cells(row)
            style = "" if row["questions"] else "red"
            table.add_row(Paragraph("· " + row["name"][lang]), *(cells[c] for c in columns), style=style)
    return table


def _list(figures: dict[str, Any], lang: str) -> Any:
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from quizcli.typeset import Paragraph

    lines: list[Any] = [Text(t(lang, "syllabus_title"), style="bold")]
    for chapter, rows in _by_chapter(figures, lang):
        lines.append(Paragraph(Text(chapter, style="bold")))
        for row in rows:
            cells = _cells(row)
            said = "  ".join(f"{t(lang, _HEADERS[c])} {cells[c]}" for c in FEW_FIGURES if cells[c])
            lines.append(
                Padding(Paragraph(Text(row["name"][lang], style="" if row["questions"] else "red")), (0, 0, 0, 2))
            )
            lines.append(Padding(Paragraph(Text(said, style="dim")), (0, 0, 0, 4)))
    return Group(*lines)
