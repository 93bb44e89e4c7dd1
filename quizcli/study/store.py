"""Progress in SQLite: one card per question (FSRS state), an append-only review log, and sessions.

Every answer is one transaction, so an answer acknowledged on screen survives Ctrl-C, SIGKILL and a
concurrent session in another terminal (WAL, busy timeout). A file that is not our database is never
overwritten or deleted. All of quiz's SQL is here: the rest of quiz asks :class:`Store` (and `quiz doctor`
asks :class:`DatabaseFile`) in Python terms.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from quizcli.errors import QuizError
from quizcli.paths import data_dir, database_path

BUSY_TIMEOUT_MS = 30_000

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


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = _connect(path)

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
            self._put_card(db, review.question_id, card, due, content_hash)
        assert cursor.lastrowid is not None  # sqlite3 sets it on every successful INSERT
        return cursor.lastrowid

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

    @staticmethod
    def _put_card(db: sqlite3.Connection, question_id: str, card: str, due: str, content_hash: str) -> None:
        db.execute(
            "INSERT INTO cards (question_id, card, due, content_hash) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (question_id) DO UPDATE SET card = excluded.card, due = excluded.due,"
            " content_hash = excluded.content_hash",
            (question_id, card, due, content_hash),
        )

    def answers_by_area(self) -> dict[str, tuple[int, int, int]]:
        """Syllabus area → (answers, correct answers, graded answers), areas in order; self-rated answers are
        not graded."""
        with _user_facing(self.path):
            rows = self.db.execute(
                "SELECT area, COUNT(*), COALESCE(SUM(correct), 0), COUNT(correct) FROM reviews GROUP BY area"
                " ORDER BY area"
            ).fetchall()
        return {area: (answered, correct, graded) for area, answered, correct, graded in rows}

    def answers_per_day(self) -> dict[str, int]:
        """UTC day (YYYY-MM-DD) → answers given that day, for every day with any."""
        with _user_facing(self.path):
            rows = self.db.execute("SELECT substr(reviewed_at, 1, 10), COUNT(*) FROM reviews GROUP BY 1").fetchall()
        return dict(rows)


@contextmanager
def _user_facing(path: Path) -> Iterator[None]:
    """SQLite's errors about the file itself (damaged, read-only, disk full) as one line naming it and what to do.

    The file is opened lazily, page by page, so a damaged one may only show itself at a query, not at open.
    Errors that mean a bug in this module (IntegrityError, ProgrammingError) are left alone.
    """
    try:
        yield
    except sqlite3.OperationalError as error:
        if "readonly" in str(error):
            raise QuizError(
                f"cannot write to {path} ({error}); make it and its directory writable or set "
                "QUIZ_HOME to another directory"
            ) from None
        raise QuizError(f"cannot use {path}: {error}") from None
    except sqlite3.DatabaseError as error:
        if type(error) is not sqlite3.DatabaseError:
            raise
        raise QuizError(
            f"{path} is damaged ({error}); quiz did not change it. Move it aside (or set QUIZ_HOME "
            "to another directory) and quiz will start a new one"
        ) from None


class DatabaseFile:
    """A database file opened only to be looked at (`quiz doctor`): it may be damaged or another program's, so
    nothing here writes a byte, and every method may raise sqlite3.Error.

    It is opened with mode=ro, and also immutable=1 when no journal or log is pending, since a read-only open of
    a WAL database would otherwise leave -wal and -shm files behind.
    """

    def __init__(self, path: Path) -> None:
        pending = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
        uri = path.absolute().as_uri() + ("?mode=ro" if pending else "?mode=ro&immutable=1")
        self.db = sqlite3.connect(uri, uri=True)
        try:
            self.db.execute("PRAGMA query_only = ON")
        except sqlite3.Error:
            self.db.close()
            raise

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
    home = home or data_dir()
    path = database_path(home)
    try:
        home.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create(path)
        return Store(path)
    except PermissionError as error:
        raise QuizError(
            f"cannot write to the data directory {home} ({error.strerror}); "
            "make it writable or set QUIZ_HOME to another directory"
        ) from None


def _create(path: Path) -> None:
    """Build the schema in a temporary file and link it into place, so a half-made database is never seen
    and two first runs at once cannot overwrite each other."""
    fd, temporary = tempfile.mkstemp(prefix=".quiz-", suffix=".db", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(temporary)
        try:
            _migrate(db)
        finally:
            db.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
    finally:
        os.unlink(temporary)


def _connect(path: Path) -> sqlite3.Connection:
    advice = (
        f"{path} is not a readable quiz database; nothing was changed. Move it aside (or set QUIZ_HOME "
        "to another directory) and quiz will start a new one"
    )
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as error:
        raise QuizError(f"cannot open {path}: {error}") from None
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if (
            not db.execute("PRAGMA user_version").fetchone()[0]
            and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        ):
            raise sqlite3.DatabaseError("it is another program's SQLite database")  # not even WAL mode for it
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA foreign_keys = ON")
        _migrate(db)
    except sqlite3.DatabaseError as error:
        db.close()
        if "readonly" in str(error) or "unable to open" in str(error):
            raise QuizError(
                f"cannot write to {path} ({error}); make the data directory writable or set "
                "QUIZ_HOME to another directory"
            ) from None
        raise QuizError(f"{advice} ({error})") from None
    except QuizError as error:
        db.close()
        raise QuizError(f"{path}: {error}") from None
    return db


def _migrate(db: sqlite3.Connection) -> None:
    """Apply the migrations this database lacks, each in its own write transaction (re-reading the version
    under the lock, so two processes opening a new database at once migrate it once)."""
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise QuizError(f"the database was written by a newer quiz (schema {version}); upgrade quiz")
            if version < len(MIGRATIONS):
                for statement in filter(str.strip, MIGRATIONS[version].split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        if version >= len(MIGRATIONS) - 1:
            return
