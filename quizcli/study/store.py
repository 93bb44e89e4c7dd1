"""Progress in SQLite: one card per question (FSRS state), an append-only review log, and sessions.

Every answer is one transaction, so an answer acknowledged on screen survives Ctrl-C, SIGKILL and a
concurrent session in another terminal (WAL, busy timeout). A file that is not our database is never
overwritten or deleted. All of quiz's SQL is here: the rest of quiz asks :class:`Store` (and `quiz doctor`
asks :class:`DatabaseFile`) in Python terms.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from quizcli.errors import Translatable
from quizcli.paths import data_dir, database_path

BUSY_TIMEOUT_MS = 30_000
# SQLite's words for its result codes (sqlite3_errstr); Python's sqlite3 gives the code itself only from 3.11 on.
# A failed write can show a full disk as either of the first two (an I/O error: the -shm map, a file size limit).
DISK_FULL = ("database or disk is full", "disk I/O error")
NOT_WRITABLE = ("readonly", "unable to open database file", "access permission denied")

MIGRATIONS = [
    """
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        card TEXT NOT NULL,
        due TEXT NOT NULL,
        content_hash TEXT NOT NULL
    );
    CREATE INDEX cards_due ON cards (due);
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        mode TEXT NOT NULL,
        planned INTEGER NOT NULL
    );
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        session_id INTEGER REFERENCES sessions (id),
        question_id TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        correct INTEGER,
        answer TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        seed INTEGER,
        area TEXT NOT NULL,
        mode TEXT NOT NULL,
        card_before TEXT
    );
    CREATE INDEX reviews_question ON reviews (question_id);
    CREATE INDEX reviews_time ON reviews (reviewed_at);
    """,
    # Mock exams: one row per sitting and one per drawn question. An answer fills its question's row the moment it
    # is given (pending); submission sets every row's status and links the answered ones to their review.
    """
    CREATE TABLE exams (
        session_id INTEGER PRIMARY KEY REFERENCES sessions (id),
        status TEXT NOT NULL CHECK (status IN ('open', 'submitted', 'interrupted')),
        questions INTEGER NOT NULL,
        seconds_allowed REAL NOT NULL,
        pass_mark INTEGER,
        correct INTEGER,
        seconds_used REAL
    );
    CREATE TABLE exam_answers (
        session_id INTEGER NOT NULL REFERENCES exams (session_id),
        position INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        seed INTEGER,
        area TEXT NOT NULL,
        answer TEXT,
        correct INTEGER,
        duration_ms INTEGER,
        answered_at TEXT,
        status TEXT CHECK (status IN ('right', 'wrong', 'skipped', 'timed_out', 'unseen')),
        review_id INTEGER REFERENCES reviews (id),
        PRIMARY KEY (session_id, position)
    );
    """,
    # Counts kept beside the review log, so that `quiz stats` and `quiz syllabus` read a row per question and per
    # day instead of scanning every review. Triggers keep them exact whoever writes the log (a session, an undo, an
    # exam's submission, a repair by hand), in the writer's own transaction; a count that falls to 0 loses its row,
    # so the tables always equal a GROUP BY over the log.
    """
    CREATE TABLE answer_counts (
        question_id TEXT NOT NULL,
        area TEXT NOT NULL,
        answers INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        graded INTEGER NOT NULL,
        PRIMARY KEY (question_id, area)
    ) WITHOUT ROWID;
    CREATE TABLE daily_answers (
        day TEXT PRIMARY KEY,
        answers INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO answer_counts (question_id, area, answers, correct, graded)
        SELECT question_id, area, COUNT(*), COALESCE(SUM(correct), 0), COUNT(correct) FROM reviews
        GROUP BY question_id, area;
    INSERT INTO daily_answers (day, answers) SELECT substr(reviewed_at, 1, 10), COUNT(*) FROM reviews GROUP BY 1;
    CREATE TRIGGER reviews_count_insert AFTER INSERT ON reviews BEGIN
        INSERT INTO answer_counts (question_id, area, answers, correct, graded)
            VALUES (new.question_id, new.area, 1, COALESCE(new.correct, 0), new.correct IS NOT NULL)
            ON CONFLICT DO UPDATE SET answers = answers + 1, correct = correct + excluded.correct,
            graded = graded + excluded.graded;
        INSERT INTO daily_answers (day, answers) VALUES (substr(new.reviewed_at, 1, 10), 1)
            ON CONFLICT DO UPDATE SET answers = answers + 1;
    END;
    CREATE TRIGGER reviews_count_delete AFTER DELETE ON reviews BEGIN
        UPDATE answer_counts SET answers = answers - 1, correct = correct - COALESCE(old.correct, 0),
            graded = graded - (old.correct IS NOT NULL)
            WHERE question_id = old.question_id AND area = old.area;
        DELETE FROM answer_counts WHERE question_id = old.question_id AND area = old.area AND answers = 0;
        UPDATE daily_answers SET answers = answers - 1 WHERE day = substr(old.reviewed_at, 1, 10);
        DELETE FROM daily_answers WHERE day = substr(old.reviewed_at, 1, 10) AND answers = 0;
    END;
    CREATE TRIGGER reviews_count_update AFTER UPDATE OF question_id, area, correct, reviewed_at ON reviews BEGIN
        UPDATE answer_counts SET answers = answers - 1, correct = correct - COALESCE(old.correct, 0),
            graded = graded - (old.correct IS NOT NULL)
            WHERE question_id = old.question_id AND area = old.area;
        DELETE FROM answer_counts WHERE question_id = old.question_id AND area = old.area AND answers = 0;
        UPDATE daily_answers SET answers = answers - 1 WHERE day = substr(old.reviewed_at, 1, 10);
        DELETE FROM daily_answers WHERE day = substr(old.reviewed_at, 1, 10) AND answers = 0;
        INSERT INTO answer_counts (question_id, area, answers, correct, graded)
            VALUES (new.question_id, new.area, 1, COALESCE(new.correct, 0), new.correct IS NOT NULL)
            ON CONFLICT DO UPDATE SET answers = answers + 1, correct = correct + excluded.correct,
            graded = graded + excluded.graded;
        INSERT INTO daily_answers (day, answers) VALUES (substr(new.reviewed_at, 1, 10), 1)
            ON CONFLICT DO UPDATE SET answers = answers + 1;
    END;
    """,
]


@dataclass(frozen=True)
class Review:
    question_id: str
    reviewed_at: str
    rating: int
    correct: bool | None
    answer: str
    duration_ms: int
    seed: int | None
    area: str
    mode: str
    card_before: str | None


@dataclass(frozen=True)
class CardMove:
    """A review to log and the card it moves to."""

    review: Review
    card: str
    due: str
    content_hash: str


@dataclass(frozen=True)
class ExamRecord:
    """One mock exam in the history; ``correct`` and ``seconds_used`` are None until it ends."""

    started_at: str
    status: str  # open (running, or its process was killed), submitted, interrupted
    correct: int | None
    questions: int
    seconds_used: float | None
    seconds_allowed: float
    pass_mark: int | None


class Store:
    """The learner's progress; made by :func:`open_store` (to study) or :func:`read_store` (to read)."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path, self.db = path, db

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: take the write lock up front, so a busy database waits instead of failing midway."""
        with _user_facing(self.path):
            try:
                self.db.execute("BEGIN IMMEDIATE")
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                if self.db.in_transaction:
                    with suppress(sqlite3.Error):  # a damaged file may refuse even this; nothing was committed
                        self.db.execute("ROLLBACK")
                raise

    def cards(self) -> dict[str, tuple[str, str, str]]:
        """question id → (card JSON, due, content hash)."""
        with _user_facing(self.path):
            rows = self.db.execute("SELECT question_id, card, due, content_hash FROM cards").fetchall()
        return {qid: (card, due, digest) for qid, card, due, digest in rows}

    def card_memory(self) -> list[tuple[str, str, str | None, str | None]]:
        """(question id, due, FSRS stability as written in the card's JSON, last review) of every card, picked out
        of the JSON by SQLite: what `quiz stats` needs of a card, without parsing the whole of it in Python. The
        stability stays text ("null" when unset) so that Python reads it exactly as ``json.loads`` would."""
        with _user_facing(self.path):
            return self.db.execute(
                "SELECT question_id, due, card -> '$.stability', card ->> '$.last_review' FROM cards"
            ).fetchall()

    def start_session(self, started_at: str, mode: str, planned: int) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (started_at, mode, planned) VALUES (?, ?, ?)", (started_at, mode, planned)
            )
        assert cursor.lastrowid is not None  # sqlite3 sets it on every successful INSERT
        return cursor.lastrowid

    def end_session(self, session_id: int, ended_at: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (ended_at, session_id))

    def record(self, session_id: int, review: Review, card: str, due: str, content_hash: str) -> int:
        """Append the review and move the card, in one transaction."""
        with self.transaction() as db:
            review_id = self._append_review(db, session_id, review)
            self._put_card(db, review.question_id, card, due, content_hash)
        return review_id

    def undo(
        self, review_id: int, question_id: str, card_before: str | None, due_before: str | None, content_hash: str
    ) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if card_before is None:
                db.execute("DELETE FROM cards WHERE question_id = ?", (question_id,))
            else:
                self._put_card(db, question_id, card_before, due_before or "", content_hash)

    def rerate(self, review_id: int, question_id: str, rating: int, card: str, due: str, content_hash: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE reviews SET rating = ? WHERE id = ?", (rating, review_id))
            self._put_card(db, question_id, card, due, content_hash)

    def start_exam(
        self,
        session_id: int,
        questions: list[tuple[str, int | None, str]],
        seconds_allowed: float,
        pass_mark: int | None,
    ) -> None:
        """The exam of session ``session_id`` and its drawn questions, as (question id, seed, area) in the order
        asked, before any is answered."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO exams (session_id, status, questions, seconds_allowed, pass_mark)"
                " VALUES (?, 'open', ?, ?, ?)",
                (session_id, len(questions), seconds_allowed, pass_mark),
            )
            db.executemany(
                "INSERT INTO exam_answers (session_id, position, question_id, seed, area) VALUES (?, ?, ?, ?, ?)",
                [(session_id, position, *question) for position, question in enumerate(questions)],
            )

    def save_exam_answer(
        self, session_id: int, position: int, answer: str, correct: bool, duration_ms: int, answered_at: str
    ) -> None:
        """Keep an exam answer, pending until the exam is submitted; a later answer to the question replaces it."""
        with self.transaction() as db:
            db.execute(
                "UPDATE exam_answers SET answer = ?, correct = ?, duration_ms = ?, answered_at = ?"
                " WHERE session_id = ? AND position = ?",
                (answer, int(correct), duration_ms, answered_at, session_id, position),
            )

    def submit_exam(
        self,
        session_id: int,
        statuses: dict[int, str],
        moves: dict[int, CardMove],
        correct: int,
        seconds_used: float,
    ) -> None:
        """Score the exam (position → status), log the review of each answered question (position → move) and
        move its card, all in one transaction: FSRS sees an exam once, whole."""
        with self.transaction() as db:
            for position, move in moves.items():
                review_id = self._append_review(db, session_id, move.review)
                self._put_card(db, move.review.question_id, move.card, move.due, move.content_hash)
                db.execute(
                    "UPDATE exam_answers SET review_id = ? WHERE session_id = ? AND position = ?",
                    (review_id, session_id, position),
                )
            db.executemany(
                "UPDATE exam_answers SET status = ? WHERE session_id = ? AND position = ?",
                [(status, session_id, position) for position, status in statuses.items()],
            )
            db.execute(
                "UPDATE exams SET status = 'submitted', correct = ?, seconds_used = ? WHERE session_id = ?",
                (correct, seconds_used, session_id),
            )

    def interrupt_exam(self, session_id: int, seconds_used: float) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE exams SET status = 'interrupted', seconds_used = ? WHERE session_id = ?",
                (seconds_used, session_id),
            )

    def exam_history(self) -> list[ExamRecord]:
        """Every mock exam, oldest first."""
        with _user_facing(self.path):
            rows = self.db.execute(
                "SELECT sessions.started_at, status, correct, questions, seconds_used, seconds_allowed, pass_mark"
                " FROM exams JOIN sessions ON sessions.id = exams.session_id ORDER BY sessions.started_at"
            ).fetchall()
        return [ExamRecord(*row) for row in rows]

    @staticmethod
    def _append_review(db: sqlite3.Connection, session_id: int, review: Review) -> int:
        cursor = db.execute(
            "INSERT INTO reviews (session_id, question_id, reviewed_at, rating, correct, answer, duration_ms,"
            " seed, area, mode, card_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                session_id,
                review.question_id,
                review.reviewed_at,
                review.rating,
                None if review.correct is None else int(review.correct),
                review.answer,
                review.duration_ms,
                review.seed,
                review.area,
                review.mode,
                review.card_before,
            ),
        )
        assert cursor.lastrowid is not None  # sqlite3 sets it on every successful INSERT
        return cursor.lastrowid

    @staticmethod
    def _put_card(db: sqlite3.Connection, question_id: str, card: str, due: str, content_hash: str) -> None:
        db.execute(
            "INSERT INTO cards (question_id, card, due, content_hash) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (question_id) DO UPDATE SET card = excluded.card, due = excluded.due,"
            " content_hash = excluded.content_hash",
            (question_id, card, due, content_hash),
        )

    def answers_by_question(self) -> dict[tuple[str, str], tuple[int, int, int]]:
        """(question id, the area it was answered under) → (answers, correct answers, graded answers);
        self-rated answers are not graded. Read from the counts the triggers keep, a row per question."""
        with _user_facing(self.path):
            rows = self.db.execute("SELECT question_id, area, answers, correct, graded FROM answer_counts").fetchall()
        return {
            (question_id, area): (answered, correct, graded) for question_id, area, answered, correct, graded in rows
        }

    def answers_per_day(self) -> dict[str, int]:
        """UTC day (YYYY-MM-DD) → answers given that day, for every day with any; a row per day."""
        with _user_facing(self.path):
            rows = self.db.execute("SELECT day, answers FROM daily_answers").fetchall()
        return dict(rows)

    def recount(self) -> tuple[dict[tuple[str, str], tuple[int, int, int]], dict[str, int]]:
        """What :meth:`answers_by_question` and :meth:`answers_per_day` would say if counted afresh over the whole
        log: how the tests check the kept counts, never the figures' source."""
        with _user_facing(self.path):
            by_question = self.db.execute(
                "SELECT question_id, area, COUNT(*), COALESCE(SUM(correct), 0), COUNT(correct) FROM reviews"
                " GROUP BY question_id, area"
            ).fetchall()
            per_day = self.db.execute("SELECT substr(reviewed_at, 1, 10), COUNT(*) FROM reviews GROUP BY 1").fetchall()
        return {(q, area): (n, right, graded) for q, area, n, right, graded in by_question}, dict(per_day)


@contextmanager
def _user_facing(path: Path) -> Iterator[None]:
    """SQLite's errors about the file itself (damaged, read-only, disk full) as one line naming it and what to do.

    The file is opened lazily, page by page, so a damaged one may only show itself at a query, not at open.
    Errors that mean a bug in this module (IntegrityError, ProgrammingError) are left alone.
    """
    try:
        yield
    except sqlite3.OperationalError as error:
        reason = str(error)
        if any(words in reason for words in DISK_FULL):
            raise Translatable("store_disk_full", path=path, reason=reason) from None
        if any(words in reason for words in NOT_WRITABLE):
            raise Translatable("store_read_only", path=path, reason=reason) from None
        raise Translatable("store_unusable", path=path, reason=reason) from None
    except sqlite3.DatabaseError as error:
        if type(error) is not sqlite3.DatabaseError:
            raise
        raise Translatable("store_damaged", path=path, reason=str(error)) from None


def _data_dir_problem(error: OSError, home: Path, path: Path) -> Translatable:
    """An OSError met while making the data directory or the database file, as what the learner can do."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return Translatable("store_disk_full", path=path, reason=reason)
    return Translatable("store_dir_unwritable", path=home, reason=reason)


def _refuse_empty(path: Path) -> None:
    """SQLite takes a 0-byte file for a new database. Quiz never leaves one (a new database is built aside and
    linked in whole), so an empty quiz.db means the learner's history was lost, and they must hear so."""
    if path.stat().st_size == 0:
        raise Translatable("store_empty", path=path)


def _refuse_read_only(path: Path) -> None:
    """SQLite would open a file it may not write read-only and fail only at the first write, leaving -wal and
    -shm files behind; opening it for writing (which changes nothing) says why up front."""
    try:
        os.close(os.open(path, os.O_RDWR))
    except OSError as error:
        raise Translatable("store_read_only", path=path, reason=error.strerror or str(error)) from None


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """``path`` opened so that nothing can write a byte to it or beside it.

    mode=ro, and also immutable=1 when no journal or log is pending: a read-only open of a WAL database would
    otherwise leave -wal and -shm files behind, or, on a read-only disk, fail for want of them.
    """
    pending = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    uri = path.absolute().as_uri() + ("?mode=ro" if pending else "?mode=ro&immutable=1")
    db = sqlite3.connect(uri, uri=True)
    try:
        db.execute("PRAGMA query_only = ON")
    except sqlite3.Error:
        db.close()
        raise
    return db


class DatabaseFile:
    """A database file opened only to be looked at (`quiz doctor`): it may be damaged or another program's, so
    nothing here writes a byte, and every method may raise sqlite3.Error.
    """

    def __init__(self, path: Path) -> None:
        self.db = _read_only_connection(path)

    def close(self) -> None:
        self.db.close()

    def integrity_check(self) -> list[str]:
        """SQLite's findings, at most 20 of them; ["ok"] when the file is sound."""
        return [row[0] for row in self.db.execute("PRAGMA integrity_check(20)")]

    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def tables(self) -> set[str]:
        return {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def review_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM reviews").fetchone()[0])

    def card_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM cards").fetchone()[0])


def open_store(home: Path | None = None) -> Store:
    """The learner's progress, to study: created on the first run, upgraded when an older quiz wrote it."""
    home = home or data_dir()
    path = database_path(home)
    try:
        home.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path)
        _refuse_empty(path)
        _refuse_read_only(path)
    except OSError as error:
        raise _data_dir_problem(error, home, path) from None
    return Store(path, _connect(path))


def read_store(home: Path | None = None) -> Store:
    """The learner's progress, to read (`quiz stats`), never creating a file: before the first session it is an
    empty database in memory.

    A database quiz may write is opened as for a session (so an older one is upgraded); one it may not, on a
    read-only disk or behind read-only permissions, is read without writing a byte (an older one is upgraded in
    a copy in memory).
    """
    home = home or data_dir()
    path = database_path(home)
    try:
        if not path.exists():
            return Store(path, _in_memory(path))
        _refuse_empty(path)
        writable = os.access(path, os.W_OK) and os.access(home, os.W_OK | os.X_OK)
    except OSError as error:
        raise _data_dir_problem(error, home, path) from None
    if writable:
        return Store(path, _connect(path))
    with _user_facing(path):
        db = _read_only_connection(path)
        try:
            if _schema_version(db, path) < len(MIGRATIONS):
                upgraded = _in_memory(path, db)
                db.close()
                db = upgraded
        except BaseException:
            db.close()
            raise
    return Store(path, db)


def _in_memory(path: Path, original: sqlite3.Connection | None = None) -> sqlite3.Connection:
    """A copy of ``original`` (or a blank database) in memory, with this quiz's schema; no file is made or changed."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if original is not None:
            original.backup(db)
        _migrate(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _create(path: Path) -> None:
    """Build the schema in a temporary file and link it into place, so a half-made database is never seen
    and two first runs at once cannot overwrite each other."""
    fd, temporary = tempfile.mkstemp(prefix=".quiz-", suffix=".db", dir=path.parent)
    os.close(fd)
    try:
        with _user_facing(path):
            db = sqlite3.connect(temporary, isolation_level=None)
            try:
                # A failed build is thrown away whole: a journal file would only be one more file to leave behind.
                db.execute("PRAGMA journal_mode = MEMORY")
                _migrate(db, path)
            finally:
                db.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
    finally:
        os.unlink(temporary)


def _connect(path: Path) -> sqlite3.Connection:
    """A connection for a session: WAL, so that sessions in two terminals work at once, and the schema current."""
    with _user_facing(path):
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _schema_version(db, path)  # before anything is written: another program's file gets not even WAL mode
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            _migrate(db, path)
        except BaseException:
            db.close()
            raise
    return db


def _schema_version(db: sqlite3.Connection, path: Path) -> int:
    """The version of quiz's schema in ``db``, which must be quiz's database and no newer than this quiz."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if not version and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise Translatable("store_foreign", path=path)
    if version > len(MIGRATIONS):
        raise Translatable("store_newer", path=path, version=version)
    return version


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply the migrations this database lacks, each in its own write transaction (re-reading the version
    under the lock, so two processes opening a new database at once migrate it once)."""
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = _schema_version(db, path)
            if version < len(MIGRATIONS):
                for statement in _statements(MIGRATIONS[version]):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # after some errors (a full disk) SQLite has already rolled back
                with suppress(sqlite3.Error):  # the first error is the one worth reporting
                    db.execute("ROLLBACK")
            raise
        if version >= len(MIGRATIONS) - 1:
            return


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of ``script`` one by one (executescript would commit the migration's transaction); a
    trigger's body keeps its semicolons."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip("; \t\n"):
                yield pending
            pending = ""
    if pending.strip("; \t\n"):
        raise ValueError(f"a migration ends in an incomplete statement: {pending!r}")
