"""Filesystem failures, made for real: a full disk (a small tmpfs, and a file size limit, RLIMIT_FSIZE), a
read-only disk (a read-only bind mount, else the immutable attribute), an empty or truncated database.

Each gets one line on stderr naming the file and what to do, in Japanese and English, and exit 1; no temporary
file is left behind and the database is never changed. `quiz stats`, `list`, `explain` and `doctor` read a
read-only database and never create one. Every quiz here is a real process on real files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from quizcli.study.store import MIGRATIONS
from tests.conftest import database_with_history

STUDY = Path(__file__).parent / "banks" / "study"
ACKNOWLEDGED = re.compile(r"rated [1-4] ")  # printed after an answer, only once it is committed
# A learner's Python caches bytecode; the sandbox may forbid it, which would slow every start-up here.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "QUIZ_DEBUG", "QUIZ_LANG")}
# What quiz writes for a moment and must never leave: the database being built, the bank cache being replaced.
TEMPORARY = re.compile(r"^\.quiz-.*\.db|^\.[0-9a-f]+\.jsonl?\.")
# SQLite's own write-ahead log and its index, which SQLite replays or rebuilds on the next open.
SQLITE_SIDE_FILES = {"quiz.db-wal", "quiz.db-shm"}

DISK_FULL = {
    "en": "free some disk space, or set QUIZ_HOME to a directory on another disk, and try again",
    "ja": "ディスクの空きを増やすか、QUIZ_HOME で別のディスクのディレクトリを指定して、もう一度実行してください。",
}
MOVE_IT_ASIDE = {  # after "Restore it from a backup if you have one; otherwise" for an empty file
    "en": "move it aside (or set QUIZ_HOME to another directory) and quiz will start a new one",
    "ja": "別の場所へ移す（または QUIZ_HOME で別のディレクトリを指定する）と、quiz は新しいデータベースを作ります。",
}


def quiz(
    home: Path,
    *args: str,
    lang: str = "en",
    answers: str = "1\n1\n1\n",
    file_size_limit: int | None = None,
    content: Path | None = STUDY,
) -> subprocess.CompletedProcess[str]:
    """`python -m quizcli ARGS --lang LANG` on ``home``; with ``file_size_limit``, no file it writes may grow past
    that many bytes (RLIMIT_FSIZE: the write fails with EFBIG, as on a full disk; Python ignores SIGXFSZ)."""

    def limit() -> None:
        if file_size_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    env = {**ENV, "QUIZ_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb"}
    if content is None:
        env.pop("QUIZ_CONTENT_DIR", None)
    else:
        env["QUIZ_CONTENT_DIR"] = str(content)
    return subprocess.run(
        [sys.executable, "-m", "quizcli", *args, "--lang", lang],
        input=answers,
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=limit,
        timeout=120,
    )


ERROR = {"en": "Error: ", "ja": "エラー: "}  # the CLI's one line starts so, in the command's language


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    """The failure's one line on stderr, checked to be just that: exit 1, no traceback, no internal error."""
    assert result.returncode == 1, (result.returncode, result.stdout[-2000:], result.stderr)
    message = result.stderr.strip()
    assert message.startswith(tuple(ERROR.values())) and "\n" not in message, message
    assert "internal error" not in message and "Traceback" not in message, message
    return message


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path → SHA-256 of its bytes), and every directory."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        for path in folder.rglob("*")
    }


def outside_cache(home: Path) -> set[str]:
    """What is in ``home`` besides the cache (which only costs speed when it cannot be written)."""
    return {name for name in snapshot(home) if name != "cache" and not name.startswith("cache/")}


def temporaries(folder: Path) -> list[str]:
    return [name for name in snapshot(folder) if TEMPORARY.match(Path(name).name)]


def answered_once(home: Path) -> None:
    """A real database with one acknowledged answer, written by quiz itself."""
    result = quiz(home, "start", "--mode", "drill", "--limit", "1", answers="1\n")
    assert result.returncode == 0 and ACKNOWLEDGED.search(result.stdout), result.stderr


def reviews_in(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(db.execute("SELECT count(*) FROM reviews").fetchone()[0])


# -- real small disks and real read-only ones ---------------------------------------------------------------------


def _command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True)


@contextmanager
def small_disk(folder: Path, kilobytes: int) -> Iterator[Path]:
    """A tmpfs of ``kilobytes`` mounted on ``folder``; the test is skipped where mounting is not permitted."""
    folder.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    mounted = _command("mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder))
    if mounted.returncode:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        _command("umount", str(folder))


def fill(disk: Path, leave: int) -> None:
    """Empty ``disk``, then take all but ``leave`` bytes of its space."""
    for entry in disk.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    status = os.statvfs(disk)
    (disk / "filler").write_bytes(bytes(max(0, status.f_bavail * status.f_frsize - leave)))


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """``folder`` made read-only even to root (chmod is not: the tests run as root): a read-only bind mount onto
    itself, else the immutable attribute on it and on everything in it; the test is skipped when neither works.
    Yields the error its files give on a write."""
    if shutil.which("mount") and not _command("mount", "--bind", str(folder), str(folder)).returncode:
        if not _command("mount", "-o", "remount,bind,ro", str(folder)).returncode:
            try:
                yield os.strerror(30)  # EROFS
            finally:
                _command("umount", str(folder))
            return
        _command("umount", str(folder))
    if shutil.which("chattr") and not _command("chattr", "-R", "+i", str(folder)).returncode:
        try:
            yield os.strerror(1)  # EPERM
        finally:
            _command("chattr", "-R", "-i", str(folder))
        return
    pytest.skip("neither a read-only bind mount nor chattr +i is permitted here")


# -- a full disk ---------------------------------------------------------------------------------------------------


def test_a_full_disk_at_any_point_of_the_first_run_gets_one_line_and_leaves_no_temporary_file(tmp_path):
    """The first run on a small disk, with 0 KB free, then 16 KB more each time until a session fits: every failure
    (building the database, switching it to WAL, mapping the log's index, recording an answer) is one line naming
    quiz.db, and leaves either no database or a sound one holding every acknowledged answer."""
    outcomes = []
    with small_disk(tmp_path / "disk", 512) as disk:
        home = disk / "home"
        for free in range(0, 256 * 1024, 16 * 1024):
            fill(disk, free)
            result = quiz(home, "start", "--mode", "drill", "--limit", "1", answers="1\n")
            assert temporaries(disk) == [], free
            assert outside_cache(home) <= {"quiz.db"} | SQLITE_SIDE_FILES, free
            if (home / "quiz.db").exists():  # checked on a copy: SQLite needs room for the -shm to open it
                copy = shutil.copytree(home, tmp_path / f"copy-{free}")
                assert reviews_in(copy / "quiz.db") == len(ACKNOWLEDGED.findall(result.stdout)), free
            if result.returncode == 0:
                break
            message = one_line(result)
            assert message.startswith(f"Error: cannot write to {home / 'quiz.db'} ("), message
            assert message.endswith(DISK_FULL["en"]), message
            outcomes.append(message)
    assert outcomes, "the smallest disk did not fail"
    assert result.returncode == 0, "no session fitted on the disk"


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_full_disk_is_told_in_both_languages(lang, tmp_path):
    with small_disk(tmp_path / "disk", 256) as disk:
        fill(disk, 0)
        home = disk / "home"
        message = one_line(quiz(home, "start", lang=lang))
    expected = {
        "en": f"Error: cannot write to {home / 'quiz.db'} (database or disk is full); {DISK_FULL['en']}",
        "ja": f"エラー: {home / 'quiz.db'} に書き込めません（database or disk is full）。{DISK_FULL['ja']}",
    }
    assert message == expected[lang]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_file_size_limit_at_the_first_run(lang, tmp_path):
    """No mount needed: the database being built cannot grow past 8 KB (SQLite says "disk I/O error")."""
    home = tmp_path / "home"
    message = one_line(quiz(home, "start", "--mode", "drill", lang=lang, file_size_limit=8192))
    assert str(home / "quiz.db") in message and message.endswith(DISK_FULL[lang]), message
    assert outside_cache(home) == set()  # no database, half-built or not


def test_a_file_size_limit_mid_session_keeps_every_acknowledged_answer(tmp_path):
    """The log of an existing database cannot grow past the limit: the session stops at the answer that does not
    fit, with one line, and every answer acknowledged before it is in a sound database."""
    home = tmp_path / "home"
    answered_once(home)
    stopped = 0
    for limit in (8192, 16384, 24576, 32768, 49152):
        before = reviews_in(home / "quiz.db")
        result = quiz(home, "start", "--mode", "drill", "--limit", "3", file_size_limit=limit)
        assert reviews_in(home / "quiz.db") == before + len(ACKNOWLEDGED.findall(result.stdout)), limit
        assert temporaries(home) == []
        if result.returncode:
            assert one_line(result).endswith(DISK_FULL["en"])
            stopped += 1
    assert stopped, "no limit stopped a session"


def test_a_bank_cache_that_cannot_be_written_costs_only_speed(tmp_path):
    """Some built-in banks' cache entries are larger than the file size limit: the session and the listing go on,
    and no temporary file is left."""
    limit = 128 * 1024
    home = tmp_path / "home"
    session = quiz(home, "start", "--mode", "drill", "--limit", "1", answers="1\n", content=None, file_size_limit=limit)
    assert session.returncode == 0 and session.stderr == "", session.stderr
    assert ACKNOWLEDGED.search(session.stdout)
    listing = quiz(home, "list", content=None, file_size_limit=limit)
    assert listing.returncode == 0 and listing.stderr == "", listing.stderr
    assert temporaries(home) == [] and outside_cache(home) <= {"quiz.db"} | SQLITE_SIDE_FILES
    limited = set(snapshot(home))
    assert quiz(home, "list", content=None).returncode == 0
    entries = {name: (home / name).stat().st_size for name in snapshot(home) if name.endswith(".jsonl")}
    assert any(size > limit for size in entries.values())  # so the limited runs could not have written them all
    assert not limited >= set(entries)


def test_a_full_disk_does_not_stop_a_listing(tmp_path):
    with small_disk(tmp_path / "disk", 256) as disk:
        fill(disk, 0)
        home = disk / "home"
        home.mkdir()
        for _ in range(3):  # a temporary file left by each run would keep the disk full for good
            result = quiz(home, "list")
            assert result.returncode == 0 and result.stderr == "", result.stderr
        assert snapshot(home) == {}


# -- a read-only disk ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_read_only_database_is_read_and_never_written(lang, tmp_path):
    home = tmp_path / "home"
    answered_once(home)
    before = snapshot(home)
    with read_only(home) as reason:
        stats = quiz(home, "stats", lang=lang)
        assert stats.returncode == 0 and stats.stderr == "", stats.stderr
        assert ("answers recorded" if lang == "en" else "回答数の合計") in stats.stdout
        figures = quiz(home, "stats", "--json", lang=lang)
        assert figures.returncode == 0 and json.loads(figures.stdout)["reviews_total"] == 1
        for command in (["list"], ["explain", "study-numeric"]):
            result = quiz(home, *command, lang=lang)
            assert result.returncode == 0 and result.stderr == "", (command, result.stderr)
        doctor = quiz(home, "doctor", lang=lang)  # healthy, but a session could not be saved here
        assert doctor.returncode == 1 and "Error" not in doctor.stderr and "Traceback" not in doctor.stderr
        assert str(home) in doctor.stderr and ("not writable" if lang == "en" else "書き込めません") in doctor.stderr
        session = one_line(quiz(home, "start", lang=lang))
        expected = {
            "en": f"Error: cannot write to {home / 'quiz.db'} ({reason}); make it and its directory writable or set "
            "QUIZ_HOME to another directory",
            "ja": f"エラー: {home / 'quiz.db'} に書き込めません（{reason}）。このファイルとそのディレクトリを書き込める"
            "ようにするか、QUIZ_HOME で別のディレクトリを指定してください。",
        }
        assert session == expected[lang]
    assert snapshot(home) == before


@pytest.mark.skipif(len(MIGRATIONS) < 2, reason="only one schema version so far: no older database to read")
def test_an_older_read_only_database_is_upgraded_in_memory_only(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with closing(sqlite3.connect(home / "quiz.db")) as db:
        for migration in MIGRATIONS[:-1]:
            db.executescript(migration)
        db.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
        db.execute(
            "INSERT INTO reviews (question_id, reviewed_at, rating, answer, duration_ms, area, mode)"
            " VALUES ('study-numeric', '2026-11-01T00:00:00.000000Z', 3, '6', 1000, 'cnn', 'drill')"
        )
        db.commit()
    before = snapshot(home)
    with read_only(home):
        result = quiz(home, "stats", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reviews_total"] == 1
    assert snapshot(home) == before


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_an_empty_read_only_data_directory(lang, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    with read_only(home) as reason:
        stats = quiz(home, "stats", lang=lang)
        assert stats.returncode == 0 and stats.stderr == "", stats.stderr
        assert ("Nothing recorded yet" if lang == "en" else "まだ記録がありません") in stats.stdout
        assert quiz(home, "list", lang=lang).returncode == 0
        session = one_line(quiz(home, "start", lang=lang))
        expected = {
            "en": f"Error: cannot write to the data directory {home} ({reason}); make it a writable directory or set "
            "QUIZ_HOME to another directory",
            "ja": f"エラー: データディレクトリ {home} に書き込めません（{reason}）。書き込めるディレクトリにするか、"
            "QUIZ_HOME で別のディレクトリを指定してください。",
        }
        assert session == expected[lang]
    assert snapshot(home) == {}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_data_directory_that_cannot_be_one(lang, tmp_path):
    """QUIZ_HOME below a file: no directory can be made there."""
    (tmp_path / "a-file").write_text("not a directory\n")
    home = tmp_path / "a-file" / "quiz"
    message = one_line(quiz(home, "start", lang=lang))
    assert str(home) in message and "QUIZ_HOME" in message and os.strerror(20) in message  # ENOTDIR
    assert (tmp_path / "a-file").read_text() == "not a directory\n"


# -- stats before the first session ----------------------------------------------------------------------------


def test_stats_before_the_first_session_shows_empty_figures_and_creates_nothing(tmp_path):
    home = tmp_path / "not-yet"
    for lang, words in (("en", "Nothing recorded yet"), ("ja", "まだ記録がありません")):
        result = quiz(home, "stats", lang=lang)
        assert result.returncode == 0 and words in result.stdout, result.stderr
    figures = quiz(home, "stats", "--json")
    assert json.loads(figures.stdout)["reviews_total"] == 0
    assert not home.exists()


# -- an empty or truncated database -------------------------------------------------------------------------------


def _long_history(path: Path) -> bytes:
    """The bytes of a real quiz database several pages long, its file removed."""
    data = database_with_history(path.parent)
    path.unlink()
    return data


CUT: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "header-only": lambda data: data[:100],
    "first-page": lambda data: data[:4096],
    "half": lambda data: data[: len(data) // 2],
}


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("command", [["start", "--mode", "drill"], ["stats"]])
@pytest.mark.parametrize("cut", sorted(CUT))
def test_an_empty_or_truncated_database_is_refused_and_left_as_it_is(cut, command, lang, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "quiz.db").write_bytes(CUT[cut](_long_history(home / "quiz.db")))
    before = snapshot(home)
    message = one_line(quiz(home, *command, lang=lang))
    assert message.startswith(f"{ERROR[lang]}{home / 'quiz.db'} "), message
    assert message.lower().endswith(MOVE_IT_ASIDE[lang].lower()), message
    if cut == "empty":
        assert ("is empty (0 bytes)" if lang == "en" else "は空（0 バイト）") in message
    after = {name: digest for name, digest in snapshot(home).items() if not name.startswith("cache")}
    assert after == before  # byte-identical, and no -wal, -shm or new database beside it


def test_a_write_through_a_link_replaces_the_file_it_points_to_and_keeps_the_link(tmp_path):
    from quizcli.paths import atomic_write

    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to("real.json")
    atomic_write(tmp_path / "link.json", lambda out: out.write(b"new"))
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "new"


def test_a_pipe_is_written_to_never_replaced(tmp_path):
    """`quiz export json FIFO` (or a device such as /dev/null) streams into it; a file put in its place would
    break whatever reads it."""
    from quizcli.paths import atomic_write

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # so that opening it to write does not wait
    try:
        atomic_write(fifo, lambda out: out.write(b"streamed"))
        assert fifo.is_fifo() and os.read(reader, 100) == b"streamed"
    finally:
        os.close(reader)
