"""`quiz stats` figures from a real database with a fixed clock."""

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs

from quizcli.bank.catalog import load_catalog
from quizcli.study.session import Session, plan
from quizcli.study.stats import compute

STUDY = Path(__file__).parent / "banks" / "study"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def answer(store, clock_value, correct_pattern):
    catalog = load_catalog([STUDY])
    items = plan(catalog, store.cards(), mode="review", now=clock_value, rng=random.Random(0), limit=None)
    bank_order = list(catalog.questions)  # new questions come interleaved by topic; these days follow the bank
    items.sort(key=lambda item: (item.is_new, bank_order.index(item.question.id)))
    session = Session(
        store, items, mode="review", clock=lambda: clock_value, scheduler=fsrs.Scheduler(enable_fuzzing=False)
    )
    for item, correct in zip(items, correct_pattern):
        session.record(item, "x", 3 if correct else 1, correct if item.question.kind != "text" else None, 20)


def test_figures_after_three_days_of_study(isolated_home, run_quiz):
    from quizcli.study.store import open_store

    store = open_store()
    answer(store, NOW - timedelta(days=2), [True, False])
    answer(store, NOW - timedelta(days=1), [True, True, True])
    store.close()
    figures = compute(NOW)
    assert figures["reviews_total"] == 5
    assert figures["cards"] == 3  # day 2 reviewed the two due cards, then one new question
    assert figures["streak"] == 2  # yesterday and the day before; none yet today
    assert figures["per_day"]["2026-11-18"] == 2 and figures["per_day"]["2026-11-19"] == 3
    assert figures["areas"]["lstm"] == {"answered": 2, "correct": 2, "accuracy": 1.0}
    assert figures["areas"]["cnn"] == {"answered": 3, "correct": 2, "accuracy": 0.6667}
    assert figures["due_now"] <= figures["due_today"] <= figures["due_week"] <= 3
    assert 0 < figures["retention"] <= 1
    document = json.loads(run_quiz("stats", "--json").stdout)
    assert document["reviews_total"] == 5 and "due_now" in document


def test_empty_history(run_quiz):
    assert run_quiz("stats").stdout.startswith("Nothing recorded yet")
    assert json.loads(run_quiz("stats", "--json").stdout)["reviews_total"] == 0
    assert "まだ記録がありません" in run_quiz("stats", "--lang", "ja").stdout
