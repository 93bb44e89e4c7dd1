"""`quiz stats`: what the review log says about the learner, summed up in SQL so it stays fast on long histories."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from quizcli.clock import iso, utc_now
from quizcli.formats import format_duration
from quizcli.i18n import t
from quizcli.study.store import Store, read_store

DAYS_SHOWN = 14
EXAMS_SHOWN = 10  # the table's latest; --json has them all


def compute(now: datetime | None = None) -> dict[str, Any]:
    now = now or utc_now()
    store = read_store()
    try:
        return _figures(store, now)
    finally:
        store.close()


def _figures(store: Store, now: datetime) -> dict[str, Any]:
    today = now.astimezone(timezone.utc).date()
    end_of_today = datetime.combine(today + timedelta(days=1), datetime.min.time(), timezone.utc)
    areas = {
        area: {
            "answered": answered,
            "correct": correct,
            "accuracy": round(correct / graded, 4) if graded else None,
        }
        for area, (answered, correct, graded) in store.answers_by_area().items()
    }
    days = store.answers_per_day()
    first_day = today - timedelta(days=DAYS_SHOWN - 1)
    shown = [str(first_day + timedelta(days=d)) for d in range(DAYS_SHOWN)]
    cards = store.cards()
    dues = [due for _, due, _ in cards.values()]  # stored as iso() text, which compares as time does
    now_stamp, tomorrow, next_week = iso(now), iso(end_of_today), iso(now + timedelta(days=7))
    return {
        "reviews_total": sum(days.values()),
        "cards": len(cards),
        "due_now": sum(due <= now_stamp for due in dues),
        "due_today": sum(due < tomorrow for due in dues),
        "due_week": sum(due < next_week for due in dues),
        "retention": _retention([card for card, _, _ in cards.values()], now),
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


def _retention(card_states: list[str], now: datetime) -> float | None:
    """The mean FSRS probability of recall, now, over every card studied."""
    import fsrs

    scheduler = fsrs.Scheduler()
    cards = [fsrs.Card.from_dict(json.loads(card)) for card in card_states]
    if not cards:
        return None
    return round(sum(scheduler.get_card_retrievability(c, current_datetime=now) for c in cards) / len(cards), 4)


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

    if not figures["reviews_total"] and not figures["exams"]:  # an exam left blank logs no review
        return Text(t(lang, "no_reviews"))
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
    areas = Table(t(lang, "area"), t(lang, "answered"), t(lang, "accuracy"))
    for area, row in figures["areas"].items():
        accuracy = f"{100 * row['accuracy']:.0f}%" if row["accuracy"] is not None else "-"
        areas.add_row(area, str(row["answered"]), accuracy)
    parts = [summary, areas, Text(t(lang, "per_day"), style="bold"), _bars(figures["per_day"])]
    if figures["exams"]:
        parts.append(_exams(figures["exams"][-EXAMS_SHOWN:], lang))
    return Group(*parts)


def _exams(exams: list[dict[str, Any]], lang: str) -> Any:
    """The latest mock exams: when, the score over every question drawn, the time taken, how it ended."""
    from rich.table import Table

    table = Table(
        t(lang, "exam_date"),
        t(lang, "score"),
        "%",
        t(lang, "exam_time"),
        t(lang, "exam_state"),
        title=t(lang, "exams_title"),
        title_justify="left",
    )
    for exam in exams:
        scored = exam["correct"] is not None
        used = format_duration(timedelta(seconds=exam["seconds_used"])) if exam["seconds_used"] is not None else "-"
        table.add_row(
            _local_time(exam["started_at"]),
            f"{exam['correct']}/{exam['questions']}" if scored else f"-/{exam['questions']}",
            f"{100 * exam['correct'] / exam['questions']:.0f}" if scored else "-",
            f"{used} / {format_duration(timedelta(seconds=exam['seconds_allowed']))}",
            _exam_state(exam, lang),
        )
    return table


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
