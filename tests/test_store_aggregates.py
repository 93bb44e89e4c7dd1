"""The counts kept beside the review log (migration 3: answer_counts, daily_answers) always equal a full recount
of the log, whatever writes it: answers, undos, re-ratings, exam submissions, repairs by hand; and a database from
before them gains them, counted from its history."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizcli.clock import iso
from quizcli.study.store import (
    MIGRATIONS,
    CardMove,
    Review,
    Store,
    _in_memory,
    _read_only_connection,
    _statements,
    open_store,
)

START = datetime(2026, 11, 1, 22, 0, tzinfo=timezone.utc)  # answers cross UTC midnights
QUESTIONS = ["q-a", "q-b", "q-c", "q-d"]
AREAS = ["cnn", "rnn", "math"]

moments = st.integers(min_value=0, max_value=4 * 24 * 60).map(lambda minutes: START + timedelta(minutes=minutes))
answers = st.tuples(st.sampled_from(QUESTIONS), st.sampled_from(AREAS), st.sampled_from([True, False, None]), moments)
picks = st.integers(min_value=0, max_value=1_000)  # which review still in the log, modulo their number
operations = st.lists(
    st.one_of(
        st.tuples(st.just("record"), answers),
        st.tuples(st.just("undo"), picks),
        st.tuples(st.just("rerate"), st.tuples(picks, st.integers(min_value=1, max_value=4))),
        st.tuples(st.just("exam"), st.lists(st.tuples(answers, st.booleans()), min_size=1, max_size=5)),
        st.tuples(st.just("move"), st.tuples(picks, st.sampled_from(AREAS))),
        st.tuples(st.just("rename"), st.tuples(picks, st.sampled_from(QUESTIONS))),
        st.tuples(st.just("regrade"), st.tuples(picks, st.sampled_from([1, 0, None]))),
        st.tuples(st.just("retime"), st.tuples(picks, moments)),
    ),
    max_size=30,
)


def review(question_id: str, area: str, correct: bool | None, at: datetime) -> Review:
    return Review(question_id, iso(at), 3 if correct else 1, correct, "x", 1000, None, area, "review", None)


def kept(store: Store) -> tuple[dict[tuple[str, str], tuple[int, int, int]], dict[str, int]]:
    return store.answers_by_question(), store.answers_per_day()


class Log:
    """A store and the ids of the reviews still in its log, driven by the operations above."""

    def __init__(self, store: Store) -> None:
        self.store, self.ids, self.undoable = store, [], []
        self.session = store.start_session(iso(START), "review", 0)

    def pick(self, index: int) -> int | None:
        return self.ids[index % len(self.ids)] if self.ids else None

    def apply(self, name: str, argument: object) -> None:
        getattr(self, name)(argument)

    def record(self, answer: tuple[str, str, bool | None, datetime]) -> None:
        review_id = self.store.record(self.session, review(*answer), "{}", iso(answer[3]), "hash")
        self.ids.append(review_id)
        self.undoable.append(review_id)

    def undo(self, index: int) -> None:
        """Undo an answer of a session (an exam's answers are never undone: its rows point at their reviews)."""
        if self.undoable:
            review_id = self.undoable.pop(index % len(self.undoable))
            self.store.undo(review_id, self.question_of(review_id), None, None, "hash")
            self.ids.remove(review_id)

    def rerate(self, argument: tuple[int, int]) -> None:
        if (review_id := self.pick(argument[0])) is not None:
            self.store.rerate(review_id, self.question_of(review_id), argument[1], "{}", iso(START), "hash")

    def exam(self, drawn: list[tuple[tuple[str, str, bool | None, datetime], bool]]) -> None:
        """A mock exam: every drawn question stored, the answered ones logged at submission, in one transaction."""
        session = self.store.start_session(iso(START), "exam", len(drawn))
        self.store.start_exam(session, [(q, None, area) for (q, area, _, _), _ in drawn], 600.0, None)
        moves = {
            position: CardMove(review(q, area, bool(correct), at), "{}", iso(at), "hash")
            for position, ((q, area, correct, at), answered) in enumerate(drawn)
            if answered
        }
        statuses = {p: "right" if p in moves and moves[p].review.correct else "wrong" for p in range(len(drawn))}
        self.store.submit_exam(session, statuses, moves, sum(m.review.correct is True for m in moves.values()), 60.0)
        logged = self.store.db.execute(
            "SELECT review_id FROM exam_answers WHERE session_id = ? AND review_id IS NOT NULL ORDER BY position",
            (session,),
        ).fetchall()
        self.ids += [review_id for (review_id,) in logged]

    def move(self, argument: tuple[int, str]) -> None:
        self.repair("area", argument)

    def rename(self, argument: tuple[int, str]) -> None:
        self.repair("question_id", argument)

    def regrade(self, argument: tuple[int, int | None]) -> None:
        self.repair("correct", argument)

    def retime(self, argument: tuple[int, datetime]) -> None:
        self.repair("reviewed_at", (argument[0], iso(argument[1])))

    def repair(self, column: str, argument: tuple[int, object]) -> None:
        """A change made to the log by hand, outside quiz (as tests/test_stats.py does to an area)."""
        if (review_id := self.pick(argument[0])) is not None:
            with self.store.transaction() as db:
                db.execute(f"UPDATE reviews SET {column} = ? WHERE id = ?", (argument[1], review_id))

    def question_of(self, review_id: int) -> str:
        return str(self.store.db.execute("SELECT question_id FROM reviews WHERE id = ?", (review_id,)).fetchone()[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operations)
def test_the_kept_counts_equal_a_recount_after_any_sequence_of_writes(steps):
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder))
        try:
            log = Log(store)
            for name, argument in steps:
                log.apply(name, argument)
                assert kept(store) == store.recount(), (name, argument)
            by_question, per_day = kept(store)
            assert sum(per_day.values()) == len(log.ids) == sum(n for n, _, _ in by_question.values())
            assert all(n > 0 for n in per_day.values()) and all(n > 0 for n, _, _ in by_question.values())
        finally:
            store.close()


def test_a_failed_write_leaves_the_counts_as_they_were(isolated_home):
    """The triggers run inside the writer's transaction: a write that fails takes its counts with it."""
    store = open_store()
    try:
        log = Log(store)
        log.record(("q-a", "cnn", True, START))
        before = kept(store)
        with pytest.raises(sqlite3.IntegrityError), store.transaction() as db:
            db.execute(
                "INSERT INTO reviews (question_id, reviewed_at, rating, answer, duration_ms, area, mode)"
                " VALUES ('q-b', ?, 3, 'x', 1, 'rnn', 'review')",
                (iso(START),),
            )
            db.execute("INSERT INTO reviews (id, question_id) VALUES (1, 'q-c')")  # a duplicate id, missing columns
        assert kept(store) == before == store.recount()
    finally:
        store.close()


def older_database(path: Path, reviews: list[tuple[str, str, int | None, str]]) -> None:
    """A database as the quiz before the kept counts left it (schema 2), with ``reviews`` in its log."""
    with closing(sqlite3.connect(path)) as db:
        for migration in MIGRATIONS[:2]:
            db.executescript(migration)
        db.execute("PRAGMA user_version = 2")
        db.executemany(
            "INSERT INTO reviews (question_id, area, correct, reviewed_at, rating, answer, duration_ms, mode)"
            " VALUES (?, ?, ?, ?, 3, 'x', 1000, 'review')",
            reviews,
        )
        db.commit()


HISTORY = [
    ("q-a", "cnn", 1, "2026-10-30T23:59:59.999999Z"),
    ("q-a", "cnn", 0, "2026-10-31T00:00:00.000000Z"),
    ("q-a", "lstm", None, "2026-10-31T08:00:00.000000Z"),
    ("q-b", "rnn", None, "2026-11-02T12:00:00.000000Z"),
]


def test_an_older_database_gains_the_counts_of_its_history(isolated_home):
    older_database(isolated_home / "quiz.db", HISTORY)
    store = open_store(isolated_home)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 3
        assert kept(store) == store.recount()
        assert kept(store) == (
            {("q-a", "cnn"): (2, 1, 2), ("q-a", "lstm"): (1, 0, 0), ("q-b", "rnn"): (1, 0, 0)},
            {"2026-10-30": 1, "2026-10-31": 2, "2026-11-02": 1},
        )
        Log(store).record(("q-b", "rnn", True, datetime(2026, 11, 2, 13, tzinfo=timezone.utc)))
        assert kept(store)[0][("q-b", "rnn")] == (2, 1, 1) and kept(store)[1]["2026-11-02"] == 2
    finally:
        store.close()


def test_an_older_database_read_without_writing_is_counted_in_a_copy(isolated_home):
    """What read_store does with an older database it may not write (tests/test_filesystem.py makes one read-only
    even to root): the copy in memory gains the counts, the file stays at schema 2."""
    older_database(isolated_home / "quiz.db", HISTORY)
    original = _read_only_connection(isolated_home / "quiz.db")
    store = Store(isolated_home / "quiz.db", _in_memory(isolated_home / "quiz.db", original))
    original.close()
    try:
        assert kept(store) == store.recount() and sum(kept(store)[1].values()) == 4
    finally:
        store.close()
    with closing(sqlite3.connect(isolated_home / "quiz.db")) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2


def test_migrations_split_into_statements_with_trigger_bodies_whole():
    statements = [s.strip() for migration in MIGRATIONS for s in _statements(migration)]
    triggers = [s for s in statements if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 3 and all(s.endswith("END;") and s.count(";") > 2 for s in triggers)
    assert all(sqlite3.complete_statement(s) for s in statements)
    with pytest.raises(ValueError, match="incomplete"):
        list(_statements("CREATE TABLE t (x); CREATE TRIGGER g AFTER INSERT ON t BEGIN DELETE FROM t;"))
