"""The session engine with a real SQLite store, a fixed clock and a seeded generator — no terminal."""

import json
import random
from datetime import timedelta
from pathlib import Path

import fsrs
import pytest

from quizcli.bank.catalog import load_catalog
from quizcli.clock import iso
from quizcli.study.grading import Unclear
from quizcli.study.session import Item, Session, content_hash, plan, rating_for
from quizcli.study.store import open_store
from tests.conftest import T0, Clock

STUDY = Path(__file__).parent / "banks" / "study"


@pytest.fixture
def catalog():
    return load_catalog([STUDY])


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def logged(store, columns):
    """Columns of the review log, read straight from the file (the store has no query for tests)."""
    return store.db.execute(f"SELECT {columns} FROM reviews").fetchall()


def session_for(store, items, clock, mode="review", time_limit=None):
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    return Session(store, items, mode=mode, clock=clock, scheduler=scheduler, time_limit=time_limit)


def planned(catalog, store, clock):
    """A review session's items by question id (their order is tests/test_review.py's business)."""
    items = plan(catalog, store.cards(), mode="review", now=clock(), rng=random.Random(0), limit=None)
    return {item.question.id: item for item in items}


def test_review_plan_is_due_cards_then_new_ones(catalog, store):
    clock = Clock()
    items = planned(catalog, store, clock)
    assert sorted(items) == ["study-choice", "study-code", "study-numeric", "study-shape", "study-text"]
    assert all(item.is_new for item in items.values())
    session = session_for(store, list(items.values()), clock)
    session.record(items["study-code"], "1", 3, True, 20.0)
    clock.now = T0 + timedelta(days=30)
    due_first = plan(catalog, store.cards(), mode="review", now=clock(), rng=random.Random(0), limit=3)
    assert due_first[0].question.id == "study-code" and not due_first[0].is_new
    assert len(due_first) == 3 and all(item.is_new for item in due_first[1:])


def test_record_moves_the_card_and_logs_the_review(catalog, store):
    clock = Clock()
    item = planned(catalog, store, clock)["study-choice"]
    session = session_for(store, [item], clock)
    session.record(item, "2", 3, True, 12.5)
    card, due, digest = store.cards()["study-choice"]
    assert fsrs.Card.from_dict(json.loads(card)).due.isoformat() == "2026-11-01T09:10:00+00:00"
    assert due == iso(T0 + timedelta(minutes=10))
    assert digest == content_hash(item.question)
    row = logged(store, "question_id, rating, correct, answer, duration_ms, area, mode")
    assert row == [("study-choice", 3, 1, "2", 12500, "rnn", "review")]


def test_undo_restores_the_card_exactly(catalog, store):
    clock = Clock()
    item = planned(catalog, store, clock)["study-choice"]
    session = session_for(store, [item], clock)
    session.record(item, "1", 3, True, 30)
    before = store.cards()["study-choice"]
    clock.now = T0 + timedelta(hours=1)
    session.record(item, "1", 1, False, 30)
    assert session.undo() is item
    assert store.cards()["study-choice"] == before
    assert logged(store, "COUNT(*)") == [(1,)]
    assert session.undo() is item
    assert "study-choice" not in store.cards()
    assert session.undo() is None


def test_rerate_reschedules_from_the_previous_state(catalog, store):
    clock = Clock()
    item = planned(catalog, store, clock)["study-choice"]
    session = session_for(store, [item], clock)
    session.record(item, "1", 1, False, 5)
    again_due = store.cards()["study-choice"][1]
    session.rerate(4)
    easy_due = store.cards()["study-choice"][1]
    assert easy_due > again_due
    assert logged(store, "rating") == [(4,)]
    direct = fsrs.Scheduler(enable_fuzzing=False).review_card(
        fsrs.Card(card_id=1), fsrs.Rating.Easy, review_datetime=T0
    )[0]
    assert easy_due == iso(direct.due)


def test_edited_question_is_flagged_but_keeps_its_history(catalog, store):
    clock = Clock()
    item = planned(catalog, store, clock)["study-choice"]
    session_for(store, [item], clock).record(item, "1", 1, False, 5)
    edited = catalog.questions["study-choice"]
    edited.spec["prompt"] = {"ja": "書き直した", "en": "reworded"}
    clock.now = T0 + timedelta(days=5)
    (item,) = [
        i
        for i in plan(catalog, store.cards(), mode="review", now=clock(), rng=random.Random(0), limit=None)
        if i.question.id == "study-choice"
    ]
    assert item.edited and not item.is_new


def test_drill_plan_draws_seeds_and_records_them(catalog, store):
    items = plan(catalog, {}, mode="drill", now=T0, rng=random.Random(3), limit=None)
    assert {i.question.kind for i in items} <= {"numeric", "shape", "code-choice"}
    assert items[0].question.id == "study-numeric" and items[0].seed is not None
    params = items[0].instance().params
    session = session_for(store, items, Clock(), mode="drill")
    session.record(items[0], "0", 1, False, 3)
    assert logged(store, "seed") == [(items[0].seed,)]
    again = plan(catalog, {}, mode="drill", now=T0, rng=random.Random(3), limit=None)[0]
    assert again.instance().params == params  # the seed reproduces the numbers


def test_exam_plan_spreads_across_areas(catalog):
    items = plan(catalog, {}, mode="exam", now=T0, rng=random.Random(1), limit=2)
    assert len({i.question.tags[0] for i in items}) == 2
    assert all(
        i.question.kind != "text" for i in plan(catalog, {}, mode="exam", now=T0, rng=random.Random(1), limit=None)
    )


@pytest.mark.parametrize(
    "correct, seconds, help_taken, rating",
    [
        (False, 1, {}, 1),
        (True, 30, {}, 3),
        (True, 3, {}, 4),
        (True, None, {}, 3),  # piped: the time says nothing
        (True, 3, {"hinted": True}, 2),
        (True, 3, {"feedback_seen": True}, 1),
        (True, 3, {"hinted": True, "feedback_seen": True}, 1),
    ],
)
def test_rating_rule(catalog, correct, seconds, help_taken, rating):
    item = Item(catalog.questions["study-shape"], **help_taken)
    assert rating_for(item, correct, seconds) == rating


def test_answer_grades_rates_and_records(catalog, store):
    clock = Clock()
    items = planned(catalog, store, clock)
    session = session_for(store, list(items.values()), clock)
    fast = session.answer(items["study-shape"], "3x3", 4.0)
    wrong = session.answer(items["study-numeric"], "7", 30.0)
    shown_second = session.answer(items["study-choice"], "2", 30.0, option_order=[2, 0, 1])
    assert (fast.correct, fast.rating, fast.given) == (True, 4, "3×3")
    assert (wrong.correct, wrong.rating) == (False, 1)
    assert (shown_second.correct, shown_second.rating, shown_second.given) == (True, 3, "2")
    assert logged(store, "question_id, rating, correct, answer") == [
        ("study-shape", 4, 1, "3×3"),
        ("study-numeric", 1, 0, "7"),
        ("study-choice", 3, 1, "2"),
    ]


def test_an_unreadable_answer_is_refused_and_nothing_is_recorded(catalog, store):
    clock = Clock()
    items = planned(catalog, store, clock)
    session = session_for(store, list(items.values()), clock)
    with pytest.raises(Unclear):
        session.answer(items["study-numeric"], "seven", 5.0)
    assert session.answered == [] and logged(store, "COUNT(*)") == [(0,)]


def test_a_session_without_a_time_limit_never_runs_out(catalog, store):
    clock = Clock()
    session = session_for(store, [], clock)
    clock.now = T0 + timedelta(days=1)
    assert session.time_left() is None
