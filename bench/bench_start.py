"""Launch to first question of `quiz start`, warm and cold, with the shipped bank and at scale.

    uv run python bench/bench_start.py [--runs 5] [--work DIR]

Each case is a real process in a pseudo-terminal (pexpect), timed from its launch to its first answer prompt. All
cases and the baselines are timed in turn, round after round, and each figure is the median of --runs rounds, so
that the machine's drift (1.9× on this one) hits them all alike:

    shipped   the shipped bank (674 questions), a history of 20,000 reviews
    5k        bench/synthetic.py's bank, 5,000 questions in 25 files, 200,000 reviews
    20k       the same at 20,000 questions in 100 files, 1,000,000 reviews

each warm (the bank cache filled by an earlier launch) and cold (the cache deleted first: a first launch, an
upgrade, a read-only data directory), and the 20k pack after one of its files was edited (a comment line added,
so that file alone is read and checked again). Baselines: `python -c "import click"` and the warm shipped start.

Budgets (issue 20): 20k warm ≤ 1.5 × shipped warm; 20k after an edit ≤ 1.5 × 20k warm; 5k cold ≤ 1 s.

The histories are written by bench/synthetic.py's write_history (about a minute for a million reviews); --work DIR
keeps them there for the next run. A review asks due cards first, so each case opens on the card due earliest; a
drill whose numbers are drawn loads NumPy before its first screen, and a drill against a plain choice question would
measure that, not the scale. So in every history the bank's first multiple-choice question is made the card due
earliest, and the script prints which question each case opens on.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pexpect

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import synthetic  # noqa: E402
from common import ENV, PYTHON, interleaved, wall  # noqa: E402

CONTENT = Path(__file__).resolve().parent.parent / "content"
PROMPTS = ["answer> ", "your answer> "]


def first_question(home: str, env_extra: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> float:
    """Seconds from launching `quiz start ARGS` to its first answer prompt."""
    return launch(home, env_extra, args)[0]


def launch(home: str, env_extra: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> tuple[float, int]:
    """(seconds to the first answer prompt, the process's peak memory in KiB by then, 0 where unknown)."""
    env = {**ENV, "QUIZ_HOME": home, "NO_COLOR": "1", **(env_extra or {})}
    started = time.perf_counter()
    child = pexpect.spawn(PYTHON, ["-m", "quizcli", "start", *args], env=env, encoding="utf-8", timeout=120)
    child.expect(PROMPTS)
    elapsed = time.perf_counter() - started
    peak = _peak_kib(child.pid)
    # q, not Ctrl-C: a SIGINT that reaches the thread importing NumPy in the background leaves the prompt waiting
    child.sendline("q")
    child.expect(pexpect.EOF)
    return elapsed, peak


def _peak_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


@dataclass
class Scale:
    name: str
    bank: Path  # the content directory
    home: Path  # the data directory, with its history
    reviews: int
    files: int = 0  # synthetic bank files to write into ``bank`` (0: the bank is there already)

    @property
    def env(self) -> dict[str, str]:
        return {"QUIZ_CONTENT_DIR": str(self.bank)}

    def warm(self, peaks: list[int]) -> Callable[[], float]:
        def run() -> float:
            elapsed, peak = launch(str(self.home), self.env, ("--seed", "1"))
            peaks.append(peak)
            return elapsed

        return run

    def cold(self, peaks: list[int]) -> Callable[[], float]:
        warm = self.warm(peaks)

        def run() -> float:
            shutil.rmtree(self.home / "cache" / "banks", ignore_errors=True)
            return warm()

        return run

    def edited(self, peaks: list[int]) -> Callable[[], float]:
        """A launch after one bank file gained a comment line: that file alone is read and checked again."""
        warm, files = self.warm(peaks), sorted(self.bank.glob("*.yaml"))
        target, edits = files[len(files) // 2], iter(range(1_000_000))

        def run() -> float:
            with target.open("a", encoding="utf-8") as bank:
                bank.write(f"# edit {next(edits)}\n")
            return warm()

        return run

    def ask_first_a_plain_choice(self) -> None:
        """Make the first multiple-choice question of the bank the card due earliest, in every history alike: each
        case then opens on the same kind of screen, one that needs no NumPy."""
        import os

        os.environ["QUIZ_HOME"] = str(self.home)
        from quizcli.bank.catalog import load_catalog

        questions = load_catalog([self.bank]).questions.values()
        choice = next(q for q in questions if q.kind == "choice" and q.solver is None and not q.has_variants)
        with closing(sqlite3.connect(self.home / "quiz.db")) as db, db:
            db.execute("UPDATE cards SET due = '2000-01-01T00:00:00.000000Z' WHERE question_id = ?", (choice.id,))

    def first_card(self) -> str:
        """The question asked first (the card due earliest), its kind, and whether its numbers are drawn."""
        import os

        os.environ["QUIZ_HOME"] = str(self.home)
        from quizcli.bank.catalog import load_catalog

        with closing(sqlite3.connect(self.home / "quiz.db")) as db:
            ids = [qid for (qid,) in db.execute("SELECT question_id FROM cards ORDER BY due")]
        questions = load_catalog([self.bank]).questions
        qid = next(qid for qid in ids if qid in questions)
        question = questions[qid]
        drawn = "drawn numbers, NumPy before the first screen" if question.has_variants else "no drawn numbers"
        return f"{qid} ({question.kind}, {drawn})"


SCALES = {  # name: (content directory under the work directory, or the shipped one; reviews; synthetic files)
    "shipped": (None, 20_000, 0),
    "5k": ("bank-5k", 200_000, 25),
    "20k": ("bank-20k", 1_000_000, 100),
}


def prepare(work: Path, names: tuple[str, ...] = tuple(SCALES)) -> dict[str, Scale]:
    """The scales ``names``, their banks and histories written into ``work`` unless already there, their caches
    filled."""
    scales = {}
    for name in names:
        bank, reviews, files = SCALES[name]
        scale = Scale(name, work / bank if bank else CONTENT, work / f"home-{name}", reviews, files)
        if scale.files and not scale.bank.is_dir():
            synthetic.write_bank(scale.bank, scale.files)
        if not (scale.home / "quiz.db").exists():
            started = time.perf_counter()
            synthetic.write_history(scale.home, scale.bank, reviews=scale.reviews)
            print(
                f"wrote {scale.reviews:,} reviews in {time.perf_counter() - started:.0f} s ({scale.home})", flush=True
            )
        scale.ask_first_a_plain_choice()
        launch(str(scale.home), scale.env)  # fills the bank cache
        scales[name] = scale
    return scales


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds; each figure is the median over them")
    parser.add_argument("--work", type=Path, help="keep the banks and histories in DIR and reuse them")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="quiz-start-"))
    work.mkdir(parents=True, exist_ok=True)
    shipped, five, twenty = prepare(work).values()

    peaks: dict[str, list[int]] = {}
    measures: dict[str, Callable[[], float]] = {}
    for scale in (shipped, five, twenty):
        measures[f"{scale.name} warm"] = scale.warm(peaks.setdefault(f"{scale.name} warm", []))
        measures[f"{scale.name} cold"] = scale.cold(peaks.setdefault(f"{scale.name} cold", []))
    measures["20k edited"] = twenty.edited(peaks.setdefault("20k edited", []))
    measures["import click"] = lambda: wall([PYTHON, "-c", "import click"])
    medians = interleaved(measures, args.runs)

    print(f"quiz start → first question; medians of {args.runs} interleaved rounds")
    for scale in (shipped, five, twenty):
        print(f"  {scale.name}: first question {scale.first_card()}")
    base, click = medians["shipped warm"], medians["import click"]
    for name, figure in medians.items():
        if name == "import click":
            continue
        peak = sorted(peaks[name])[len(peaks[name]) // 2] / 1024
        print(
            f"{name:>13}: {ms(figure):>8}  {figure / base:5.2f}× shipped warm  {figure / click:5.2f}× import click"
            f"  peak {peak:.0f} MiB"
        )
    print(f"import click: {ms(click)}")
    budgets = [
        ("20k warm ≤ 1.5× shipped warm", medians["20k warm"] <= 1.5 * base),
        ("20k after an edit ≤ 1.5× 20k warm", medians["20k edited"] <= 1.5 * medians["20k warm"]),
        ("5k cold ≤ 1 s", medians["5k cold"] <= 1.0),
    ]
    for budget, met in budgets:
        print(f"budget {budget}: {'met' if met else 'NOT MET'}")
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
