"""Launch-to-first-question time of `quiz start`, against `python -c "import click"` timed in the same run.

Budget (issue 5): under 0.5 s with the shipped bank on this 2-core machine. Run: `uv run python bench/bench_start.py`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).parent))
from common import ENV, PYTHON, interleaved, report, wall  # noqa: E402


def first_question(home: str, env_extra: dict[str, str] | None = None) -> float:
    env = {**ENV, "QUIZ_HOME": home, "NO_COLOR": "1", **(env_extra or {})}
    started = time.perf_counter()
    child = pexpect.spawn(PYTHON, ["-m", "quizcli", "start"], env=env, encoding="utf-8", timeout=30)
    child.expect(["answer> ", "your answer> "])
    elapsed = time.perf_counter() - started
    child.sendintr()
    child.expect(pexpect.EOF)
    return elapsed


def main() -> None:
    home = tempfile.mkdtemp(prefix="quiz-bench-")
    first_question(home)  # a first run creates the database and warms the bank cache, as any second launch has
    medians = interleaved(
        {
            "start": lambda: first_question(home),
            "click": lambda: wall([PYTHON, "-c", "import click"]),
        }
    )
    print(
        report(
            "quiz start → first question",
            medians["start"],
            medians["click"],
            "import click",
            "< 500 ms",
            medians["start"] < 0.5,
        )
    )


if __name__ == "__main__":
    main()
