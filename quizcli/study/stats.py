"""`quiz stats`: what the review log says about the learner, summed up in SQL so it stays fast on long histories."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from quizcli.bank.catalog import syllabus
from quizcli.clock import iso, utc_now
from quizcli.formats import format_duration
from quizcli.i18n import t
from quizcli.study.store import Store, read_store

DAYS_SHOWN = 14
EXAMS_SHOWN = 10  # the table's latest; --json has them all


def compute(now: datetime | None = None, section_of: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``section_of`` maps a question id to its syllabus section, so that answers given before a question
    changed section count where it is now; a question no longer in the bank counts under the area stored
    with its answers."""
    now = now or utc_now()
    store = read_store()
    try:
        return _figures(store, now, section_of or {})
    finally:
        store.close()


def _figures(store: Store, now: datetime, section_of: Mapping[str, str]) -> dict[str, Any]:
    today = now.astimezone(timezone.utc).date()
    end_of_today = datetime.combine(today + timedelta(days=1), datetime.min.time(), timezone.utc)
    areas = {
        area: {
            "answered": answered,
            "correct": correct,
            "accuracy": round(correct / graded, 4) if graded else None,
        }
        for area, (answered, correct, graded) in sorted(
            answers_by_section(store, section_of).items(), key=lambda item: syllabus().position(item[0])
        )
    }
    days = store.answers_per_day()
    first_day = today - timedelta(days=DAYS_SHOWN - 1)
    shown = [str(first_day + timedelta(days=d)) for d in range(DAYS_SHOWN)]
    cards = store.card_memory()
    dues = [due for _, due, _, _ in cards]  # stored as iso() text, which compares as time does
    now_stamp, tomorrow, next_week = iso(now), iso(end_of_today), iso(now + timedelta(days=7))
    return {
        "reviews_total": sum(days.values()),
        "cards": len(cards),
        "due_now": sum(due <= now_stamp for due in dues),
        "due_today": sum(due < tomorrow for due in dues),
        "due_week": sum(due < next_week for due in dues),
        "retention": _retention([(stability, last) for _, _, stability, last in cards], now),
        "streak": _streak(set(days), today),
        "per_day": {day: days.get(day, 0) for day in shown},
        "areas": areas,
        "exams": [
            {
                "started_at": exam.started_at,
                "status": exam.status,
                "correct": exam.correct,
                "questions": exam.questions,
                "seconds_used": exam.seconds_used,
                "seconds_allowed": exam.seconds_allowed,
                "pass_mark": exam.pass_mark,
            }
            for exam in store.exam_history()
        ],
    }


def answers_by_section(store: Store, section_of: Mapping[str, str]) -> dict[str, tuple[int, int, int]]:
    """Syllabus section → (answers, correct answers, graded answers). An answer counts under the section its
    question has now (``section_of``); one to a question the bank no longer has, under the area it was logged
    with."""
    totals: dict[str, tuple[int, int, int]] = {}
    for (question_id, logged_area), (answered, correct, graded) in store.answers_by_question().items():
        area = section_of.get(question_id, logged_area)
        before = totals.get(area, (0, 0, 0))
        totals[area] = (before[0] + answered, before[1] + correct, before[2] + graded)
    return totals


def _retention(memory: list[tuple[str | None, str | None]], now: datetime) -> float | None:
    """The mean FSRS probability of recall, now, over every card studied, from each card's (stability as JSON
    text, last review) as :meth:`Store.card_memory` gives them."""
    if not memory:
        return None
    decay, factor = forgetting_curve()
    return round(sum(retrievability(s, last, now, decay=decay, factor=factor) for s, last in memory) / len(memory), 4)


def retrievability(
    stability: str | None, last_review: str | None, now: datetime, *, decay: float, factor: float
) -> float:
    """fsrs's ``Scheduler.get_card_retrievability`` without building a Card: R = (1 + FACTOR·t/S)^DECAY, t the
    whole days since the last review (never below 0), in the same operations and order, so the same float to
    the last bit (tests/test_stats.py checks it on many cards).

    A plain loop over these is faster than NumPy here: at 20,000 cards NumPy would save 5 ms of arithmetic and
    cost 60 ms to import, and its AVX-512 power differs from C's pow in the last bit (docs/performance.md)."""
    if last_review is None or stability is None or stability == "null":
        return 0.0
    value = float(stability)
    if not value:  # Card.from_dict reads a stability of 0 as none
        return 0.0
    elapsed_days = max(0, (now - datetime.fromisoformat(last_review)).days)
    return float((1 + factor * elapsed_days / value) ** decay)


def forgetting_curve() -> tuple[float, float]:
    """(DECAY, FACTOR) of fsrs's default scheduler, the one sessions schedule with: DECAY = −w₂₀ and FACTOR =
    0.9^(1/DECAY) − 1, as ``fsrs.Scheduler.__init__`` sets them."""
    import fsrs

    decay = -fsrs.Scheduler().parameters[20]
    return decay, 0.9 ** (1 / decay) - 1


def _streak(days: set[str], today: Any) -> int:
    """Consecutive days with at least one answer, ending today (or yesterday, if today has none yet)."""
    day = today if str(today) in days else today - timedelta(days=1)
    streak = 0
    while str(day) in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def renderable(figures: dict[str, Any], lang: str) -> Any:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from quizcli.typeset import Paragraph

    if not figures["reviews_total"] and not figures["exams"]:  # an exam left blank logs no review
        return Paragraph(t(lang, "no_reviews"))
    summary = Table(box=None, show_header=False, title=t(lang, "stats_title"), title_justify="left")
    retention = figures["retention"]
    for key, value in [
        ("reviews_total", figures["reviews_total"]),
        ("due_now", figures["due_now"]),
        ("due_today", figures["due_today"]),
        ("due_week", figures["due_week"]),
        ("retention", f"{100 * retention:.1f}%" if retention is not None else "-"),
        ("streak", figures["streak"]),
    ]:
        summary.add_row(t(lang, key), str(value))
    areas = Table(t(lang, "section"), t(lang, "answered"), t(lang, "accuracy"))
    for area, row in figures["areas"].items():
        accuracy = f"{100 * row['accuracy']:.0f}%" if row["accuracy"] is not None else "-"
        areas.add_row(Paragraph(syllabus().section_name(area, lang)), str(row["answered"]), accuracy)
    parts = [summary, areas, Text(t(lang, "per_day"), style="bold"), _bars(figures["per_day"])]
    if figures["exams"]:
        parts.append(_exams(figures["exams"][-EXAMS_SHOWN:], lang))
    return Group(*parts)


def _exams(exams: list[dict[str, Any]], lang: str) -> Any:
    """The latest mock exams: when, the score over every question drawn, the time taken, how it ended; a table,
    or on a narrow terminal two lines an exam, so that no date or time is cut."""
    from rich.console import Group
    from rich.table import Column, Table
    from rich.text import Text

    from quizcli.typeset import Fitted

    headers = (t(lang, key) for key in ("exam_date", "score"))
    table = Table(
        *(Column(header, no_wrap=True) for header in headers),
        "%",
        Column(t(lang, "exam_time"), no_wrap=True),
        t(lang, "exam_state"),
        title=t(lang, "exams_title"),
        title_justify="left",
    )
    stacked: list[Any] = [Text(t(lang, "exams_title"), style="italic")]
    for exam in exams:
        scored = exam["correct"] is not None
        used = format_duration(timedelta(seconds=exam["seconds_used"])) if exam["seconds_used"] is not None else "-"
        when, state = _local_time(exam["started_at"]), _exam_state(exam, lang)
        score = f"{exam['correct']}/{exam['questions']}" if scored else f"-/{exam['questions']}"
        percent = f"{100 * exam['correct'] / exam['questions']:.0f}" if scored else "-"
        time = f"{used} / {format_duration(timedelta(seconds=exam['seconds_allowed']))}"
        table.add_row(when, score, percent, time, state)
        stacked += [Text(f"{when}  {score} ({percent}%)  {state}"), Text(f"  {time}", style="dim")]
    return Fitted(table, Group(*stacked))


def _local_time(stamp: str) -> str:
    """A stored UTC moment as the learner's clock showed it."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")


def _exam_state(exam: dict[str, Any], lang: str) -> str:
    """Passed or failed against the pass mark set for it, else how the exam ended."""
    if exam["status"] == "submitted" and exam["pass_mark"] is not None:
        passed = 100 * exam["correct"] >= exam["pass_mark"] * exam["questions"]
        return t(lang, "exam_passed" if passed else "exam_failed")
    return t(lang, f"exam_state_{exam['status']}")


def _bars(per_day: dict[str, int]) -> Any:
    from rich.table import Table

    peak = max(per_day.values()) or 1
    chart = Table(box=None, show_header=False, pad_edge=False)
    for day, answered in per_day.items():
        chart.add_row(day[5:], "█" * round(30 * answered / peak) or ("▏" if answered else ""), str(answered))
    return chart
