"""Time of `nms` on 20,000 random boxes, against a plain NumPy argsort of the same scores timed in the same run.

Budget: under 1 s per call on this 2-core machine. Run: `uv run python bench/bench_nms.py`.
Two layouts of random boxes, threshold 0.5 (the default): "spread" (sides 10–110 anywhere in a 1000×1000
image: few overlaps, nearly every box kept) and "piled" (torchvision's test boxes, corners and sides
uniform in [0, 100): every box overlaps most others).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import interleaved, report  # noqa: E402

from solvers import get  # noqa: E402

COUNT = 20_000


def layouts(rng: np.random.Generator) -> dict[str, np.ndarray]:
    centers, sides = rng.uniform(0, 1000, (COUNT, 2)), rng.uniform(10, 110, (COUNT, 2))
    piled = rng.uniform(0, 100, (COUNT, 4))
    piled[:, 2:] += piled[:, :2]
    return {"spread": np.hstack([centers - sides / 2, centers + sides / 2]), "piled": piled}


def timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def main() -> None:
    rng = np.random.default_rng(0)
    scores = rng.random(COUNT)
    nms = get("nms")
    for name, boxes in layouts(rng).items():
        kept = len(nms(boxes=boxes, scores=scores).answer)
        medians = interleaved(
            {
                "nms": lambda boxes=boxes: timed(lambda: nms(boxes=boxes, scores=scores, iou_threshold=0.5)),
                "argsort": lambda: timed(np.argsort, -scores),
            },
            runs=5,
        )
        print(
            report(
                f"nms, {COUNT:,} {name} boxes ({kept:,} kept)",
                medians["nms"],
                medians["argsort"],
                "np.argsort",
                "< 1 s",
                medians["nms"] < 1.0,
            )
        )


if __name__ == "__main__":
    main()
