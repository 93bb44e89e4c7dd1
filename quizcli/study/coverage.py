"""`quiz syllabus`: the E資格 syllabus beside what this bank holds for each section and how the learner does there."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
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


# Below this width the table keeps only the section, its weight, its questions and the learner's accuracy.
NARROW = 72


def renderable(figures: dict[str, Any], lang: str) -> Any:
    """One table, chapter by chapter, as wide as the terminal allows; a section with no question is red."""
    from rich.console import Group

    from quizcli.typeset import Paragraph

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

    return Group(_Fitted(figures, lang), summary)


class _Fitted:
    """The table with the columns the width Rich offers at render time has room for."""

    def __init__(self, figures: dict[str, Any], lang: str) -> None:
        self.figures, self.lang = figures, lang

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield _table(self.figures, self.lang, narrow=options.max_width < NARROW)


def _table(figures: dict[str, Any], lang: str, *, narrow: bool) -> Any:
    from rich.table import Table

    from quizcli.typeset import Paragraph

    columns = (
        ["weight", "questions", "accuracy"]
        if narrow
        else ["weight", "questions", "drills", "answered", "accuracy", "due"]
    )
    headers = {
        "weight": "syllabus_weight",
        "questions": "syllabus_questions",
        "drills": "syllabus_drills",
        "answered": "answered",
        "accuracy": "accuracy",
        "due": "syllabus_due",
    }
    table = Table(t(lang, "section"), *(t(lang, headers[c]) for c in columns), title=t(lang, "syllabus_title"))
    chapter_names = {chapter["id"]: chapter["name"][lang] for chapter in figures["chapters"]}
    chapter = None
    for row in figures["sections"]:
        if row["chapter"] != chapter:
            chapter = row["chapter"]
            table.add_row(Paragraph(chapter_names[chapter]), style="bold")
        cells = {
            "weight": f"{row['weight']:g}%",
            "questions": str(row["questions"]),
            "drills": str(row["drills"] or ""),
            "answered": str(row["answered"] or ""),
            "accuracy": f"{100 * row['accuracy']:.0f}%" if row["accuracy"] is not None else "",
            "due": str(row["due"] or ""),
        }
        style = "" if row["questions"] else "red"
        table.add_row(Paragraph("· " + row["name"][lang]), *(cells[c] for c in columns), style=style)
    return table
