"""The start-up and scale budgets, each figure the median of --runs timings interleaved with its baseline.

    quiz --help                                      ≤ 2 × python -c "import click"
    quiz solve conv-output …                         ≤ 1.5 × python -c "import numpy, click"
    quiz start → first question, 5k / 200k, warm     ≤ 1.5 × the same with the shipped bank and 20k reviews
    quiz start → first question, 5k / 200k, cold     ≤ 1 s (issue 20); baseline the shipped bank's warm start
    quiz stats, 200,000 reviews                      ≤ 0.5 s (issue 9); baseline import click
    quiz validate, 20k pack, second run, unchanged   ≤ 3 s (issue 20); baseline the first run (--no-cache)

The banks and histories are bench/synthetic.py's (see bench/bench_start.py, which times every start case: 20,000
questions and a million reviews, warm, cold and after an edit; bench/bench_stats.py has issue 20's stats budget).
Run: `uv run python bench/bench_budgets.py [--runs 5] [--work DIR]`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402
from bench_start import prepare  # noqa: E402
from common import ENV, PYTHON, interleaved, report, wall  # noqa: E402

QUIZ = [str(Path(PYTHON).with_name("quiz"))] if Path(PYTHON).with_name("quiz").exists() else [PYTHON, "-m", "quizcli"]
SOLVE = ["solve", "conv-output", "--input", "7", "--kernel", "3", "--stride", "2", "--padding", "1"]


def quiz(*args: str, env: dict[str, str] | None = None) -> Callable[[], float]:
    """Seconds for `quiz ARGS` to succeed (a failure would make the timing meaningless)."""

    def run() -> float:
        started = time.perf_counter()
        done = subprocess.run([*QUIZ, *args], env={**ENV, **(env or {})}, capture_output=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"quiz {' '.join(args)}: exit {done.returncode}: {done.stderr.decode()[-500:]}")
        return elapsed

    return run


def python(code: str) -> Callable[[], float]:
    return lambda: wall([PYTHON, "-c", code])


def budget(
    title: str,
    measure: Callable[[], float],
    baseline_name: str,
    baseline: Callable[[], float],
    runs: int,
    *,
    ratio: float | None = None,
    seconds: float | None = None,
) -> str:
    """One figure against its baseline; the budget a ratio to the baseline, or (as the issue states it) a time."""
    medians = interleaved({"figure": measure, "baseline": baseline}, runs)
    figure, base = medians["figure"], medians["baseline"]
    if ratio is not None:
        return report(title, figure, base, baseline_name, f"≤ {ratio:g}× baseline", figure <= ratio * base)
    assert seconds is not None
    limit = f"≤ {seconds * 1000:.0f} ms" if seconds < 1 else f"≤ {seconds:g} s"
    return report(title, figure, base, baseline_name, limit, figure <= seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timings per figure and baseline (median taken)")
    parser.add_argument("--work", type=Path, help="keep the banks and histories in DIR and reuse them")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="quiz-budgets-"))
    work.mkdir(parents=True, exist_ok=True)
    scales = prepare(work, ("shipped", "5k"))
    shipped, five = scales["shipped"], scales["5k"]
    big = work / "bank-20k"
    if not big.is_dir():
        synthetic.write_bank(big, 100)
    checks = {"QUIZ_HOME": str(work / "home-validate"), "QUIZ_CONTENT_DIR": str(big)}
    quiz("validate", env=checks)()  # so that the first "second run" has a first run before it
    print(f"shipped bank and 20,000 reviews; 5,000 questions and 200,000 reviews; 20,000 questions ({work})")

    budgets = [
        lambda: budget("quiz --help", quiz("--help"), "import click", python("import click"), args.runs, ratio=2),
        lambda: budget(
            "quiz " + " ".join(SOLVE),
            quiz(*SOLVE),
            "import numpy, click",
            python("import numpy, click"),
            args.runs,
            ratio=1.5,
        ),
        lambda: budget(
            "quiz start → first question (5,000 questions, 200,000 reviews, warm)",
            five.warm([]),
            "the same, shipped bank, 20,000 reviews",
            shipped.warm([]),
            args.runs,
            ratio=1.5,
        ),
        lambda: budget(
            "quiz start → first question (5,000 questions, 200,000 reviews, cold)",
            five.cold([]),
            "the shipped bank's warm start",
            shipped.warm([]),
            args.runs,
            seconds=1,
        ),
        lambda: budget(
            "quiz stats (200,000 reviews)",
            quiz("stats", env={"QUIZ_HOME": str(five.home), **five.env}),
            "import click",
            python("import click"),
            args.runs,
            seconds=0.5,
        ),
        lambda: budget(
            "quiz validate, second run (20,000 questions, unchanged)",
            quiz("validate", env=checks),
            "the first run (--no-cache)",
            quiz("validate", "--no-cache", env=checks),
            args.runs,
            seconds=3,
        ),
    ]
    for line in budgets:
        print(line(), flush=True)
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
