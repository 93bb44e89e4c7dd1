import os
import re
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test gets its own data directory and no stray content path or language from the environment."""
    home = tmp_path_factory.mktemp("quiz-home")
    monkeypatch.setenv("QUIZ_HOME", str(home))
    for name in ("QUIZ_CONTENT_DIR", "QUIZ_CONTENT_PATH", "QUIZ_DEBUG", "QUIZ_LANG"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def run_quiz():
    """Invoke the CLI in-process; returns click's Result with stdout and stderr apart."""
    from quizcli.cli import cli

    def run(*args, input=None, env=None):
        return CliRunner().invoke(cli, list(args), input=input, env=env, catch_exceptions=False)

    return run


def quiz_process(*args, env=None, cwd=None, **kwargs):
    """Run `python -m quizcli` as a real process (for start-up and exit-code behaviour)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "quizcli", *args], capture_output=True, text=True, env=full_env, cwd=cwd, **kwargs
    )


@pytest.fixture
def content_with(tmp_path, monkeypatch):
    """Point quiz at a fresh content directory holding one bank with the given YAML text."""

    def make(text, name="bank.yaml"):
        content = tmp_path / "content"
        content.mkdir(exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
        monkeypatch.setenv("QUIZ_CONTENT_DIR", str(content))
        return content

    return make


def database_with_history(home: Path) -> bytes:
    """The bytes of a real quiz database in ``home``, several pages long, its log checkpointed into it."""
    from quizcli.study.store import open_store

    store = open_store(home)
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO reviews (question_id, reviewed_at, rating, answer, duration_ms, area, mode)"
            " VALUES (?, '2026-11-01T00:00:00.000000Z', 3, '1', 1000, 'cnn', 'drill')",
            [(f"q{i}",) for i in range(2000)],
        )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return (home / "quiz.db").read_bytes()


T0 = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)  # the engine tests' fixed "now"


class Clock:
    """A clock the test moves by hand: ``clock.now = T0 + timedelta(...)``."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def solver_words(spec) -> list[str]:
    """The words of a solver's interface: its parameters' names and the values they choose from."""
    from solvers.params import Choice, Optional

    kinds = [p.param.inner if isinstance(p.param, Optional) else p.param for p in spec.params]
    return [p.name for p in spec.params] + [c for kind in kinds if isinstance(kind, Choice) for c in kind.choices]


# English words a Japanese phrase of the program must not contain; a word joined to code (x.shape, one-hot,
# kind=) or one of the names in ``allowed`` (a parameter's name) is code, not prose.
_ENGLISH_PROSE = re.compile(
    r"(?<![\w.\[=*-])(?:an|the|of|or|and|with|whose|expected|got|least|most|must|than|for|each|from|is|are|same|"
    r"number|numbers|integer|integers|array|list|value|values|finite|between|only|not|larger|smaller|positive|"
    r"shape|matrix|vector|probability|probabilities|sum|size|sizes|entries|given|alone|at)(?![\w.\]=(-])",
    re.IGNORECASE,
)


def english_prose(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English prose words in ``text``, a phrase shown to a Japanese reader; text in double quotes is an
    example of input ("the cat sat")."""
    text = re.sub(r'"[^"]*"', " ", text)
    for name in sorted(allowed, key=len, reverse=True):
        text = re.sub(rf"(?<![\w.]){re.escape(name)}(?!\w)", " ", text)
    return _ENGLISH_PROSE.findall(text)
