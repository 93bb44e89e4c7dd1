"""The mock-exam engine with a real SQLite store and a fixed clock — no terminal."""

import json
import random
import sqlite3
from datetime import timedelta
from pathlib import Path

import fsrs
import pytest

from quizcli.bank.catalog import load_catalog
from quizcli.errors import BadInput
from quizcli.study.exam import Exam, TimeUp, exam_time_limit
from quizcli.study.grading import Unclear
from quizcli.study.session import area_of, plan
from quizcli.study.stats import compute
from quizcli.study.store import MIGRATIONS, open_store
from tests.conftest import T0, Clock

EXAM_BANK = Path(__file__).parent / "banks" / "exam"  # five choice questions; option 1 is right in bank order
LIMIT = timedelta(minutes=5)


@pytest.fixture
def store(isolated_home):
    opened = open_store(isolated_home)
    yield opened
    opened.close()


def sit(store, clock, pass_mark=None):
    items = plan(load_catalog([EXAM_BANK]), {}, mode="exam", now=T0, rng=random.Random(1), limit=5)
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    return Exam(store, items, time_limit=LIMIT, pass_mark=pass_mark, clock=clock, scheduler=scheduler)


def rows(store, sql):
    """Read straight from the file (the store has no query for tests)."""
    return store.db.execute(sql).fetchall()


def right_wrong_skipped_late_unseen(exam, clock):
    exam.show(0)
    exam.answer(0, "1", 20)
    exam.show(1)
    exam.answer(1, "2", 20)
    exam.show(2)  # and skipped
    exam.show(3)
    clock.now = T0 + LIMIT + timedelta(seconds=1)
    with pytest.raises(TimeUp):
        exam.answer(3, "1", 20)  # right, but too late


def test_every_drawn_question_counts_and_a_late_answer_is_not_scored(store):
    clock = Clock()
    exam = sit(store, clock)
    right_wrong_skipped_late_unseen(exam, clock)
    result = exam.submit()
    assert (result.right, result.total, result.percent) == (1, 5, 20)
    assert [o.status for o in result.outcomes] == ["right", "wrong", "skipped", "timed_out", "unseen"]
    assert [o.number for o in result.to_review] == [2, 3, 4, 5]
    assert {area: drawn for area, (_, drawn) in result.areas.items()} == {"cnn": 2, "rnn": 2, "optimization": 1}
    assert {area: right for area, (right, _) in result.areas.items() if right} == {area_of(exam.items[0].question): 1}
    assert (result.used, result.allowed) == (LIMIT, LIMIT)  # the exam ended at its limit, not at the late answer
    assert result.passed is None


def test_fsrs_hears_of_the_answers_given_in_time_once_at_submission(store):
    clock = Clock()
    exam = sit(store, clock)
    right_wrong_skipped_late_unseen(exam, clock)
    answered = [item.question.id for item in exam.items[:2]]
    pending = rows(store, "SELECT question_id, answer, correct FROM exam_answers WHERE answer IS NOT NULL")
    assert pending == [(answered[0], "1", 1), (answered[1], "2", 0)]
    assert rows(store, "SELECT COUNT(*) FROM reviews") == [(0,)] and store.cards() == {}
    exam.submit()
    assert rows(store, "SELECT question_id, rating, correct, mode FROM reviews ORDER BY id") == [
        (answered[0], 3, 1, "exam"),
        (answered[1], 1, 0, "exam"),
    ]
    assert sorted(store.cards()) == sorted(answered)
    assert rows(store, "SELECT status, review_id IS NOT NULL FROM exam_answers ORDER BY position") == [
        ("right", 1),
        ("wrong", 1),
        ("skipped", 0),
        ("timed_out", 0),
        ("unseen", 0),
    ]
    [record] = store.exam_history()
    assert (record.status, record.correct, record.questions, record.seconds_used) == ("submitted", 1, 5, 300)


def test_an_interrupted_exam_keeps_its_answers_unscored(store):
    clock = Clock()
    exam = sit(store, clock)
    exam.answer(0, "1", 20)
    clock.now = T0 + timedelta(minutes=1)
    exam.interrupt()
    [record] = store.exam_history()
    assert (record.status, record.correct, record.seconds_used) == ("interrupted", None, 60)
    assert rows(store, "SELECT answer FROM exam_answers WHERE answer IS NOT NULL") == [("1",)]
    assert rows(store, "SELECT COUNT(*) FROM reviews") == [(0,)]


def test_a_new_answer_replaces_the_earlier_one(store):
    exam = sit(store, Clock())
    exam.answer(0, "2", 20)
    exam.answer(0, "1", 20)
    assert exam.submit().right == 1
    assert rows(store, "SELECT answer FROM exam_answers WHERE position = 0") == [("1",)]
    assert rows(store, "SELECT COUNT(*) FROM reviews") == [(1,)]


def test_an_unreadable_answer_keeps_nothing(store):
    exam = sit(store, Clock())
    with pytest.raises(Unclear):
        exam.answer(0, "seven", 20)
    assert exam.unanswered() == [0, 1, 2, 3, 4]


def test_skipped_questions_come_back_in_order(store):
    exam = sit(store, Clock())
    exam.answer(1, "1", 20)
    exam.answer(3, "1", 20)
    assert exam.unanswered() == [0, 2, 4]
    assert [exam.next_unanswered(after) for after in range(5)] == [2, 2, 4, 4, None]


def test_the_time_left_counts_down_to_zero(store):
    clock = Clock()
    exam = sit(store, clock)
    clock.now = T0 + timedelta(minutes=2)
    assert exam.time_left() == timedelta(minutes=3)
    exam.check_time(0)
    clock.now = T0 + timedelta(hours=1)
    assert exam.time_left() == timedelta(0)
    with pytest.raises(TimeUp):
        exam.check_time(None)  # on the review screen: no question times out
    assert exam.submit().outcomes[0].status == "unseen"


@pytest.mark.parametrize(("mark", "passed"), [(20, True), (21, False)])
def test_the_pass_mark_is_a_percentage_of_every_question_drawn(store, mark, passed):
    clock = Clock()
    exam = sit(store, clock, pass_mark=mark)
    right_wrong_skipped_late_unseen(exam, clock)
    assert exam.submit().passed is passed


def test_time_limits(monkeypatch):
    assert exam_time_limit(100, limit_given=False) == timedelta(minutes=120)
    assert exam_time_limit(5, limit_given=True) == timedelta(minutes=6)
    monkeypatch.setenv("QUIZ_EXAM_SECONDS", "1.5")
    assert exam_time_limit(4, limit_given=False) == timedelta(seconds=6)
    monkeypatch.setenv("QUIZ_EXAM_SECONDS", "soon")
    with pytest.raises(BadInput, match="QUIZ_EXAM_SECONDS"):
        exam_time_limit(4, limit_given=True)


def test_stats_show_the_history_of_mock_exams(store, run_quiz):
    clock = Clock()
    exam = sit(store, clock, pass_mark=60)
    right_wrong_skipped_late_unseen(exam, clock)
    exam.submit()
    sit(store, Clock(T0 + timedelta(days=1))).interrupt()
    assert compute(T0 + timedelta(days=2))["exams"] == [
        {
            "started_at": "2026-11-01T09:00:00.000000Z",
            "status": "submitted",
            "correct": 1,
            "questions": 5,
            "seconds_used": 300.0,
            "seconds_allowed": 300.0,
            "pass_mark": 60,
        },
        {
            "started_at": "2026-11-02T09:00:00.000000Z",
            "status": "interrupted",
            "correct": None,
            "questions": 5,
            "seconds_used": 0.0,
            "seconds_allowed": 300.0,
            "pass_mark": None,
        },
    ]
    document = json.loads(run_quiz("stats", "--json").stdout)
    assert len(document["exams"]) == 2 and "areas" in document
    english = run_quiz("stats", "--lang", "en").stdout
    assert "Mock exams" in english and T0.astimezone().strftime("%Y-%m-%d %H:%M") in english and "1/5" in english
    assert "0:05:00 / 0:05:00" in english and "failed" in english and "interrupted" in english
    japanese = run_quiz("stats", "--lang", "ja").stdout
    assert "模擬試験の履歴" in japanese and "不合格" in japanese and "中断" in japanese


def test_a_database_from_before_exams_gains_their_tables(isolated_home):
    path = isolated_home / "quiz.db"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.execute("INSERT INTO sessions (started_at, mode, planned) VALUES ('2026-01-01', 'review', 1)")
    db.close()
    store = open_store(isolated_home)
    try:
        assert store.exam_history() == []
        assert rows(store, "SELECT COUNT(*) FROM sessions") == [(1,)]
    finally:
        store.close()


# --- the mock exam follows the syllabus --------------------------------------------------------------------


def test_a_mock_exam_shares_its_questions_by_syllabus_weight():
    """Over many seeds, each section gets its weight's share of 100 questions (within one seat, as Sainte-Laguë
    guarantees), except where the bank runs out; at least 80 % of the covered sections appear every time."""
    from quizcli.bank.catalog import syllabus

    catalog = load_catalog()
    weights = {s.id: s.weight for s in syllabus().sections.values()}
    available: dict[str, int] = {}
    for question in catalog.questions.values():
        if question.kind != "text":
            available[question.section] = available.get(question.section, 0) + 1
    for seed in range(20):
        items = plan(catalog, {}, mode="exam", now=T0, rng=random.Random(seed), limit=100)
        drawn: dict[str, int] = {}
        for item in items:
            drawn[item.question.section] = drawn.get(item.question.section, 0) + 1
        assert len(items) == min(100, sum(available.values()))
        assert len(drawn) >= 0.8 * len(available)
        full = {s for s in available if drawn.get(s, 0) == available[s]}  # sections the bank ran out of
        rest = [s for s in available if s not in full]
        seats = len(items) - sum(available[s] for s in full)
        total = sum(weights[s] for s in rest)
        for section in rest:
            assert abs(drawn.get(section, 0) - seats * weights[section] / total) <= 1, section


def test_apportion_is_proportional_and_respects_capacity():
    from quizcli.study.session import apportion

    rng = random.Random(0)
    assert apportion({"a": 5, "b": 3, "c": 2}, {"a": 99, "b": 99, "c": 99}, 10, rng) == {"a": 5, "b": 3, "c": 2}
    assert apportion({"a": 5, "b": 3, "c": 2}, {"a": 1, "b": 99, "c": 99}, 10, rng) == {"a": 1, "b": 5, "c": 4}
    assert apportion({"a": 1, "b": 1}, {"a": 2, "b": 1}, 10, rng) == {"a": 2, "b": 1}


def test_a_mock_exam_mixes_difficulties_three_five_two():
    """Within a section with plenty of each level, 10 seats go 3 basic, 5 standard, 2 hard."""
    from pathlib import Path

    from quizcli.bank.catalog import Catalog, Question

    questions = {}
    for difficulty in (1, 2, 3):
        for number in range(10):
            qid = f"d{difficulty}-{number}"
            spec = {"prompt": {"ja": qid, "en": qid}, "options": [{"text": "a", "correct": True}, {"text": "b"}]}
            questions[qid] = Question(qid, "cnn", "cnn", ("cnn",), "concept", "choice", difficulty, spec, Path("x"), 1)
    for seed in range(5):
        items = plan(Catalog(questions, ()), {}, mode="exam", now=T0, rng=random.Random(seed), limit=10)
        levels = [item.question.difficulty for item in items]
        assert (levels.count(1), levels.count(2), levels.count(3)) == (3, 5, 2)
