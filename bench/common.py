"""Shared timing helpers: interleaved runs, medians, and a ratio against a baseline timed in the same run."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

PYTHON = sys.executable
# A learner's Python caches bytecode; a sandbox may forbid it (PYTHONDONTWRITEBYTECODE), which would time the
# compiler instead of the program.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: Sequence[str], **kwargs: object) -> float:
    started = time.perf_counter()
    kwargs.setdefault("env", ENV)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - started


def interleaved(measures: dict[str, Callable[[], float]], runs: int = 7) -> dict[str, float]:
    """Median of ``runs`` timings of each measure, taken in turn so that machine noise hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return {name: statistics.median(values) for name, values in samples.items()}


def report(title: str, figure: float, baseline: float, baseline_name: str, budget: str, met: bool) -> str:
    verdict = "met" if met else "NOT MET"
    return (
        f"{title}: {figure * 1000:.0f} ms; baseline {baseline_name} {baseline * 1000:.0f} ms; "
        f"ratio {figure / baseline:.2f}; budget {budget}: {verdict}"
    )
