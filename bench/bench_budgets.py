"""The five start-up and scale budgets of issue 9, each against a baseline timed in the same run.

    quiz --help                          ≤ 2 × python -c "import click"
    quiz solve conv-output …             ≤ 1.5 × python -c "import numpy, click"
    quiz start → first question          ≤ 0.5 s   with 5,000 questions and 200,000 reviews
    quiz validate (those 5,000)          ≤ 10 s
    quiz stats (200,000 reviews)         ≤ 0.5 s

Timings are interleaved with their baseline, median of --runs (default 7). The synthetic bank and history come from
bench/synthetic.py, written to a temporary directory first. Run: `uv run python bench/bench_budgets.py`.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import synthetic  # noqa: E402
from bench_start import first_question  # noqa: E402
from common import ENV, PYTHON, interleaved, report, wall  # noqa: E402

QUIZ = [str(Path(PYTHON).with_name("quiz"))] if Path(PYTHON).with_name("quiz").exists() else [PYTHON, "-m", "quizcli"]
SOLVE = ["solve", "conv-output", "--input", "7", "--kernel", "3", "--stride", "2", "--padding", "1"]


def quiz(*args: str, env: dict[str, str] | None = None) -> Callable[[], float]:
    return lambda: wall([*QUIZ, *args], env={**ENV, **(env or {})})


def python(code: str) -> Callable[[], float]:
    return lambda: wall([PYTHON, "-c", code])


def ratio_budget(
    title: str, measure: Callable[[], float], baseline_name: str, baseline: Callable[[], float], limit: float, runs: int
) -> str:
    medians = interleaved({"figure": measure, "baseline": baseline}, runs)
    return report(
        title,
        medians["figure"],
        medians["baseline"],
        baseline_name,
        f"≤ {limit:g}× baseline",
        medians["figure"] <= limit * medians["baseline"],
    )


def time_budget(
    title: str,
    measure: Callable[[], float],
    baseline_name: str,
    baseline: Callable[[], float],
    seconds: float,
    runs: int,
) -> str:
    medians = interleaved({"figure": measure, "baseline": baseline}, runs)
    budget = f"≤ {seconds * 1000:.0f} ms" if seconds < 1 else f"≤ {seconds:g} s"
    return report(title, medians["figure"], medians["baseline"], baseline_name, budget, medians["figure"] <= seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timings per figure and baseline (median taken)")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic bank and history")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quiz-budgets-"))
    bank, home = work / "bank", work / "home"
    questions = synthetic.write_bank(bank)
    synthetic.write_history(home, bank)
    scale = {"QUIZ_CONTENT_DIR": str(bank), "QUIZ_HOME": str(home), "NO_COLOR": "1"}
    print(
        f"synthetic: {questions:,} questions in {synthetic.FILES} files, {synthetic.REVIEWS:,} reviews ({work})",
        flush=True,
    )
    first_question(str(home), scale)  # a first launch fills the bank cache, as any launch after an edit does

    budgets = [
        lambda: ratio_budget("quiz --help", quiz("--help"), "import click", python("import click"), 2, args.runs),
        lambda: ratio_budget(
            "quiz " + " ".join(SOLVE),
            quiz(*SOLVE),
            "import numpy, click",
            python("import numpy, click"),
            1.5,
            args.runs,
        ),
        lambda: time_budget(
            "quiz start → first question (5,000 questions, 200,000 reviews)",
            lambda: first_question(str(home), scale),
            "import click",
            python("import click"),
            0.5,
            args.runs,
        ),
        lambda: time_budget(
            "quiz stats (200,000 reviews)",
            quiz("stats", env=scale),
            "import click",
            python("import click"),
            0.5,
            args.runs,
        ),
        lambda: time_budget(
            "quiz validate (5,000 questions)",
            quiz("validate", env=scale),
            "import numpy, click, jsonschema",
            python("import numpy, click, jsonschema"),
            10,
            args.runs,
        ),
    ]
    for budget in budgets:
        print(budget(), flush=True)
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
