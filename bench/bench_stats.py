"""`quiz stats` and `quiz syllabus` with 1,000,000 reviews, against the same commands with 20,000 reviews.

    uv run python bench/bench_stats.py [--runs 7] [--work DIR]

Budget (issue 20): each command at 1,000,000 reviews ≤ 2× the same command at 20,000 reviews, both timed as whole
processes, interleaved, median of --runs. The two histories are made by bench/synthetic.py's write_history over the
shipped bank (a card per question, the reviews spread over 400 days), in databases created by quiz itself, so the
counts kept beside the log are filled by the same triggers as a learner's answers. Writing the large one takes
about 40 s; --work DIR keeps both there and reuses them on the next run.

Two figures in one process give the baselines of what changed, interleaved the same way:
- the review counts at 1,000,000 reviews: the kept counts (what stats reads now) against the two GROUP BY scans
  of the whole log that stats ran before;
- the retention estimate over 20,000 cards: the loop over stability and last review read in SQL (now) against one
  fsrs Card object per card and Scheduler.get_card_retrievability (before).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import synthetic  # noqa: E402
from common import ENV, PYTHON, interleaved, wall  # noqa: E402

CONTENT = Path(__file__).resolve().parent.parent / "content"
SMALL, LARGE = 20_000, 1_000_000
CARDS = 20_000
BUDGET = 2.0


def history(work: Path, reviews: int) -> Path:
    """A data directory with ``reviews`` reviews of the shipped bank, made once and kept in ``work``."""
    home = work / f"home-{reviews}"
    if not (home / "quiz.db").exists():
        started = time.perf_counter()
        synthetic.write_history(home, CONTENT, reviews=reviews)
        print(f"wrote {reviews:,} reviews in {time.perf_counter() - started:.0f} s ({home})", flush=True)
    return home


def command(home: Path, *args: str) -> Callable[[], float]:
    env = {**ENV, "QUIZ_HOME": str(home), "NO_COLOR": "1"}
    return lambda: wall([PYTHON, "-m", "quizcli", *args], env=env)


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


Counts = tuple[dict[tuple[str, str], tuple[int, int, int]], dict[str, int]]


def counts_now(db: sqlite3.Connection) -> Counts:
    return counted(
        db.execute("SELECT question_id, area, answers, correct, graded FROM answer_counts").fetchall(),
        db.execute("SELECT day, answers FROM daily_answers").fetchall(),
    )


def counts_before(db: sqlite3.Connection) -> Counts:
    return counted(
        db.execute(
            "SELECT question_id, area, COUNT(*), COALESCE(SUM(correct), 0), COUNT(correct) FROM reviews"
            " GROUP BY question_id, area"
        ).fetchall(),
        db.execute("SELECT substr(reviewed_at, 1, 10), COUNT(*) FROM reviews GROUP BY 1").fetchall(),
    )


def counted(by_question: list[tuple[str, str, int, int, int]], per_day: list[tuple[str, int]]) -> Counts:
    return {(q, area): (n, right, graded) for q, area, n, right, graded in by_question}, dict(per_day)


def card_database(count: int, now: datetime, seed: int = 20) -> sqlite3.Connection:
    """``count`` cards in memory, as fsrs writes them (stability, last review with its UTC offset)."""
    rng = random.Random(seed)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE cards (question_id TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL)")
    rows = []
    for index in range(count):
        stability = rng.uniform(0.5, 120)
        last = now - timedelta(days=rng.uniform(0, 200))
        due = last + timedelta(days=stability)
        state = {
            "card_id": index + 1,
            "state": 2,
            "step": None,
            "stability": stability,
            "difficulty": rng.uniform(1, 10),
            "due": due.isoformat(),
            "last_review": last.isoformat(),
        }
        rows.append((f"q{index}", json.dumps(state), due.isoformat()))
    db.executemany("INSERT INTO cards VALUES (?, ?, ?)", rows)
    return db


def retention_now(db: sqlite3.Connection, now: datetime) -> float | None:
    from quizcli.study.stats import _retention

    rows = db.execute("SELECT card -> '$.stability', card ->> '$.last_review' FROM cards").fetchall()
    return _retention(rows, now)


def retention_before(db: sqlite3.Connection, now: datetime) -> float | None:
    import fsrs

    scheduler = fsrs.Scheduler()
    cards = [fsrs.Card.from_dict(json.loads(card)) for (card,) in db.execute("SELECT card FROM cards")]
    return round(sum(scheduler.get_card_retrievability(c, current_datetime=now) for c in cards) / len(cards), 4)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timings per figure (median taken)")
    parser.add_argument("--work", type=Path, help="keep the histories in DIR and reuse them")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="quiz-stats-"))
    work.mkdir(parents=True, exist_ok=True)
    small, large = history(work, SMALL), history(work, LARGE)
    for home in (small, large):  # the first launch fills the bank cache, as every launch but the first finds it
        command(home, "stats")()

    measures = {
        f"{name} {reviews}": command(home, name)
        for name in ("stats", "syllabus")
        for reviews, home in ((SMALL, small), (LARGE, large))
    }
    measures["import click"] = lambda: wall([PYTHON, "-c", "import click"])
    medians = interleaved(measures, args.runs)
    print(f"shipped bank, {SMALL:,} and {LARGE:,} reviews; medians of {args.runs} interleaved runs")
    for name in ("stats", "syllabus"):
        at_small, at_large = medians[f"{name} {SMALL}"], medians[f"{name} {LARGE}"]
        verdict = "met" if at_large <= BUDGET * at_small else "NOT MET"
        print(
            f"quiz {name}: {ms(at_large)} at {LARGE:,} reviews; baseline {ms(at_small)} at {SMALL:,} reviews; "
            f"ratio {at_large / at_small:.2f}; budget ≤ {BUDGET:g}× baseline: {verdict}"
        )
    print(f"(import click: {ms(medians['import click'])})")

    with closing(sqlite3.connect(large / "quiz.db")) as db:
        assert counts_now(db) == counts_before(db)
        counts = interleaved(
            {"now": lambda: timed(lambda: counts_now(db)), "before": lambda: timed(lambda: counts_before(db))},
            args.runs,
        )
    print(
        f"review counts at {LARGE:,} reviews: kept counts {ms(counts['now'])}; before, GROUP BY over the log "
        f"{ms(counts['before'])} ({counts['before'] / counts['now']:.0f}× as long)"
    )

    now = datetime.now(timezone.utc)
    cards = card_database(CARDS, now)
    assert retention_now(cards, now) == retention_before(cards, now)
    retention = interleaved(
        {
            "now": lambda: timed(lambda: retention_now(cards, now)),
            "before": lambda: timed(lambda: retention_before(cards, now)),
        },
        args.runs,
    )
    print(
        f"retention over {CARDS:,} cards: {ms(retention['now'])}; before, an fsrs Card per card "
        f"{ms(retention['before'])} ({retention['before'] / retention['now']:.1f}× as long); the same figure"
    )
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
