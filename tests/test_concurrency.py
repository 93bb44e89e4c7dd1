"""Concurrency: four processes drilling into one database at once; no "database is locked", no lost review.

Each process runs `quiz start --mode drill --limit 60` sessions back to back, answers piped on stdin: 3 sessions
by default (and under CI), 12 with QUIZ_LONG=1. A count, not a time, so that a slow machine does the same work.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from contextlib import closing
from pathlib import Path

STUDY_BANK = Path(__file__).parent / "banks" / "study" / "bank.yaml"
PROCESSES = 4
SESSIONS = 12 if os.environ.get("QUIZ_LONG") == "1" else 3
COPIES = 20  # the study bank's three drills, twenty times over: 60 questions, so sessions are answer-bound
ACKNOWLEDGED = re.compile(r"rated [1-4] ")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def drill_bank(folder: Path) -> Path:
    """The study bank's drills, copied under new ids (the YAML text itself, so nothing is re-serialised)."""
    text = STUDY_BANK.read_text(encoding="utf-8")
    head, body = text.split("questions:\n", 1)
    questions = ["  - id: " + chunk for chunk in body.split("  - id: ")[1:]]
    drills = [q for q in questions if re.search(r"^    kind: (numeric|shape|code-choice)$", q, re.MULTILINE)]
    copies = [q.replace("  - id: study-", f"  - id: copy{n}-study-", 1) for n in range(COPIES) for q in drills]
    folder.mkdir()
    (folder / "drills.yaml").write_text(head + "questions:\n" + "".join(copies), encoding="utf-8")
    return folder


def drill(env: dict[str, str], runs: list[tuple[int, int, str]]) -> None:
    """One learner: SESSIONS sessions back to back; each run's (exit code, answers seen, stderr)."""
    for _ in range(SESSIONS):
        result = subprocess.run(
            [sys.executable, "-m", "quizcli", "start", "--mode", "drill", "--limit", "60"],
            input="1\n" * 60,
            capture_output=True,
            text=True,
            env=env,
        )
        runs.append((result.returncode, len(ACKNOWLEDGED.findall(result.stdout)), result.stderr))


def test_four_processes_drilling_at_once_lose_nothing(tmp_path):
    env = {
        **ENV,
        "QUIZ_HOME": str(tmp_path / "home"),
        "QUIZ_CONTENT_DIR": str(drill_bank(tmp_path / "bank")),
        "QUIZ_LANG": "en",
        "NO_COLOR": "1",
    }
    runs: list[list[tuple[int, int, str]]] = [[] for _ in range(PROCESSES)]
    learners = [threading.Thread(target=drill, args=(env, runs[n])) for n in range(PROCESSES)]
    for learner in learners:
        learner.start()
    for learner in learners:
        learner.join()

    every_run = [run for learner in runs for run in learner]
    assert len(every_run) == PROCESSES * SESSIONS, "a learner stopped early"
    for code, _, stderr in every_run:
        assert "locked" not in stderr and "busy" not in stderr, stderr
        assert code == 0 and stderr == "", stderr
    with closing(sqlite3.connect(tmp_path / "home" / "quiz.db")) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        per_session = Counter(
            n
            for (n,) in db.execute(
                "SELECT count(reviews.id) FROM sessions LEFT JOIN reviews ON reviews.session_id = sessions.id"
                " GROUP BY sessions.id"
            )
        )
        cards = db.execute("SELECT count(*) FROM cards").fetchone()[0]
    # every session's acknowledged answers are its reviews in the database: none lost, none doubled
    assert per_session == Counter(seen for _, seen, _ in every_run)
    assert sum(seen for _, seen, _ in every_run) == PROCESSES * SESSIONS * 60
    assert cards == 3 * COPIES
