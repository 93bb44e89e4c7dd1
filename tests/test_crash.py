"""Crash safety: SIGKILL anywhere in a session loses no acknowledged answer and leaves a sound database; a file
that is not our database, or a data directory we cannot write, gets one clear line and is left exactly as it was.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pexpect
import pytest

from quizcli.study.store import open_store
from tests.conftest import database_with_history

STUDY = Path(__file__).parent / "banks" / "study"
KILLS = 20  # each run is short (three drill answers at most), so CI runs them all
ACKNOWLEDGED = re.compile(r"rated [1-4] ")  # printed after an answer, only once it is committed
# A learner's Python caches bytecode; the sandbox may forbid it, which would slow every start-up here.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def spawn(home: Path, seed: int) -> pexpect.spawn:
    env = {
        **ENV,
        "QUIZ_HOME": str(home),
        "QUIZ_CONTENT_DIR": str(STUDY),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "QUIZ_LANG": "en",
    }
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizcli", "start", "--mode", "drill", "--limit", "3", "--seed", str(seed)],
        env=env,
        encoding="utf-8",
        timeout=60,  # only a hang waits this long, however busy the machine
        dimensions=(50, 200),
    )
    child.delaybeforesend = None
    child.logfile_read = io.StringIO()  # everything the screen showed
    return child


def one_killed_session(home: Path, rng: random.Random, run: int) -> tuple[int, int]:
    """Answer 0-3 drill questions and SIGKILL the process at a random moment; (answers sent, acknowledged)."""
    child = spawn(home, run)
    planned = rng.randint(0, 3)
    if planned == 0:
        time.sleep(rng.uniform(0, 0.6))  # somewhere in start-up: opening, migrating, planning, first screen
    for answer in range(planned):
        child.expect("answer> ")
        child.sendline(rng.choice(["1", "2", "3"]))  # an option, a number or a size: read by every kind
        if answer < planned - 1:
            child.expect(ACKNOWLEDGED)
    if planned:  # the last answer: killed while grading, committing, printing feedback, or after
        time.sleep(rng.choice([0, rng.uniform(0, 0.005), rng.uniform(0, 0.03), rng.uniform(0.05, 0.2)]))
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)  # drain what reached the terminal before the kill
    child.close()
    assert child.signalstatus == signal.SIGKILL
    return planned, len(ACKNOWLEDGED.findall(child.logfile_read.getvalue()))


def test_sigkill_at_random_points_keeps_every_acknowledged_answer(tmp_path, run_quiz, monkeypatch):
    rng = random.Random(20261123)
    sent = acknowledged = 0
    for run in range(KILLS):
        answers, seen = one_killed_session(tmp_path, rng, run)
        sent, acknowledged = sent + answers, acknowledged + seen
        with closing(sqlite3.connect(tmp_path / "quiz.db")) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            reviews = db.execute("SELECT count(*) FROM reviews").fetchone()[0]
        assert acknowledged <= reviews <= sent, (run, acknowledged, reviews, sent)
    assert acknowledged >= KILLS // 2, "too few kills landed after an answer to prove anything"
    monkeypatch.setenv("QUIZ_HOME", str(tmp_path))
    stats = run_quiz("stats", "--json")  # quiz itself opens what the kills left (WAL and all)
    assert stats.exit_code == 0
    assert f'"reviews_total": {reviews}' in stats.stdout


# -- files that are not our database ---------------------------------------------------------------------------


def _damaged(path: Path) -> None:
    """A real quiz database, several pages long, whose b-tree pages (all but the first) are overwritten."""
    data = bytearray(database_with_history(path.parent))
    for page in range(1, len(data) // 4096):
        data[page * 4096 : page * 4096 + 16] = b"\x07" * 16
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('my own data')")
        db.commit()


def _newer(path: Path) -> None:
    open_store(path.parent).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")
        db.commit()


NOT_OURS = {
    "random-bytes": (lambda p: p.write_bytes(random.Random(1).randbytes(50_000)), "file is not a database"),
    "text-file": (lambda p: p.write_text("my notes, not a database\n"), "file is not a database"),
    "damaged-pages": (_damaged, "is not a readable quiz database (database disk image is malformed)"),
    "another-programs-sqlite": (_foreign, "it is another program's SQLite database"),
    "newer-schema": (_newer, "written by a newer quiz (schema 99); upgrade quiz"),
}


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("command", [["start", "--mode", "drill"], ["stats"]])
@pytest.mark.parametrize("kind", sorted(NOT_OURS))
def test_a_file_that_is_not_our_database_is_named_and_left_alone(kind, command, tmp_path, monkeypatch, run_quiz):
    home = tmp_path / "home"
    home.mkdir()
    make, reason = NOT_OURS[kind]
    make(home / "quiz.db")
    before = _snapshot(home)
    monkeypatch.setenv("QUIZ_HOME", str(home))
    monkeypatch.setenv("QUIZ_CONTENT_DIR", str(STUDY))
    result = run_quiz(*command, input="1\n1\n1\n")
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.startswith(f"Error: {home / 'quiz.db'}") and reason in message, message
    assert "\n" not in message and "internal error" not in message
    if kind != "newer-schema":
        assert "Move it aside (or set QUIZ_HOME to another directory)" in message
    assert _snapshot(home) == before  # not overwritten, not deleted, no -wal or -shm left beside it


# -- a data directory we cannot write ---------------------------------------------------------------------------


def _without_root_powers() -> None:
    """As root, drop the capabilities that ignore file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):
            if libc.prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP; exec then leaves them out
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def quiz(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**ENV, "QUIZ_HOME": str(home), "QUIZ_CONTENT_DIR": str(STUDY), "QUIZ_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "quizcli", *args],
        input="1\n1\n1\n",
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_without_root_powers,
        timeout=60,
    )


def _read_only_home(tmp_path: Path, with_database: bool) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    if with_database:
        assert quiz(home, "start", "--mode", "drill").returncode == 0
    home.chmod(0o555)
    return home


@pytest.mark.parametrize("with_database", [False, True], ids=["empty", "with-database"])
def test_a_read_only_data_directory_gets_a_clear_message(with_database, tmp_path):
    home = _read_only_home(tmp_path, with_database)
    before = _snapshot(home)
    try:
        result = quiz(home, "start", "--mode", "drill")
        assert result.returncode == 1, result.stdout
        message = result.stderr.strip()
        prefix = f"Error: cannot write to {'' if with_database else 'the data directory '}{home}"
        assert message.startswith(prefix), message
        assert "set QUIZ_HOME to another directory" in message and "\n" not in message
        stats = quiz(home, "stats")  # reading needs no write access
        assert stats.returncode == 0 and stats.stderr == "", stats.stderr
        assert ("answers recorded" if with_database else "Nothing recorded yet") in stats.stdout
        assert _snapshot(home) == before
    finally:
        home.chmod(0o755)


def test_a_read_only_database_file_gets_a_clear_message(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    assert quiz(home, "start", "--mode", "drill").returncode == 0
    (home / "quiz.db").chmod(0o444)
    before = _snapshot(home)
    result = quiz(home, "start", "--mode", "drill")
    assert result.returncode == 1
    assert result.stderr.strip().startswith(
        f"Error: cannot write to {home / 'quiz.db'} (Permission denied); make it and its directory writable"
    ), result.stderr
    assert quiz(home, "stats").returncode == 0  # reading needs no write access
    assert _snapshot(home) == before


@pytest.mark.parametrize("delay", [0.0, 0.03, 0.06, 0.1, 0.2])
def test_ctrl_c_while_the_program_starts_never_shows_a_traceback(delay, tmp_path):
    """A learner who changes their mind at once: whenever the Ctrl-C lands, the program stops without a
    traceback, with exit 130 once Python runs it (before that, the signal itself ends the process)."""
    env = {**os.environ, "QUIZ_HOME": str(tmp_path), "QUIZ_LANG": "en"}
    script = Path(sys.executable).with_name("quiz")
    process = subprocess.Popen([script, "stats"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr.decode(), stderr.decode()
    assert process.returncode in (0, 130, -signal.SIGINT), stderr.decode()
