"""Time `quiz validate` refusing each big hostile bank, against it refusing a trivial bank in the same run.

Budget: a hostile bank (bench/hostile_banks.py, and the committed setup bomb) is refused in at most 3 × the time
`quiz validate` takes to refuse `questions: []`, start-up and schema check included: its size, depth or value
count must cost little more than reading a few bytes. tests/test_hostile.py checks the messages and the memory;
the time is measured here, where machine speed cancels out of the ratio.

Run: `uv run python bench/bench_hostile.py`.
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

sys.path.insert(0, str(Path(__file__).parent))
import hostile_banks  # noqa: E402
from common import ENV, PYTHON, interleaved, report  # noqa: E402

LIMIT = 3.0
SETUP_BOMB = Path(__file__).resolve().parent.parent / "tests" / "hostile" / "setup-bomb.yaml"


def refusal(bank: Path, env: dict[str, str]) -> Callable[[], float]:
    """Seconds for `quiz validate BANK` to exit 1; a bank that is not refused would make the timing meaningless."""

    def run() -> float:
        started = time.perf_counter()
        result = subprocess.run([PYTHON, "-m", "quizcli", "validate", str(bank)], env=env, capture_output=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 1:
            raise SystemExit(f"{bank.name}: expected a refusal (exit 1), got exit {result.returncode}")
        return elapsed

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timings per bank and baseline (median taken)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="quiz-hostile-"))
    env = {**ENV, "QUIZ_HOME": str(work / "home")}
    trivial = work / "trivial.yaml"
    trivial.write_text("format_version: 1\nquestions: []\n", encoding="utf-8")
    banks = {**hostile_banks.write(work, hostile_banks.BIG), "setup-bomb": SETUP_BOMB}
    for name, bank in banks.items():
        medians = interleaved({"figure": refusal(bank, env), "baseline": refusal(trivial, env)}, args.runs)
        print(
            report(
                f"quiz validate {name}",
                medians["figure"],
                medians["baseline"],
                "refusing questions: []",
                f"≤ {LIMIT:g}× baseline",
                medians["figure"] <= LIMIT * medians["baseline"],
            ),
            flush=True,
        )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
