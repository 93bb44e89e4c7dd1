"""`nms` on 20,000 random boxes, against torchvision.ops.nms and a plain NumPy greedy loop, timed in the same run.

    uv run python bench/bench_nms.py [--runs 7] [--torch-python PATH]

Two layouts of random boxes, threshold 0.5 (the default): "spread" (sides 10–110 anywhere in a 1000×1000 image:
each box overlaps a few neighbours, about half are kept) and "piled" (torchvision's test boxes, corners and sides
uniform in [0, 100): every box overlaps most others). For each, three measures are taken in turn, --runs times, and
their medians printed:
- ours: ``solvers.get("nms")(boxes=…, scores=…)``, in this process (parameter checks included);
- NumPy greedy: the textbook loop (keep the best box left, drop the boxes it overlaps, repeat), vectorised over the
  boxes left, in this process;
- torchvision.ops.nms on float64 tensors of the same boxes (its CPU kernel), in a separate Python that has torch and
  torchvision: the project does not depend on torch, and `uv` would fetch the multi-GB CUDA build of it, so
  torchvision runs from --torch-python (default $QUIZ_TORCH_PYTHON, else /tmp/tvenv/bin/python). That process is
  started once, loads the boxes once, and times one call each time it is asked, in turn with the other two; the
  times exclude the pipe. It is skipped, and says so, when that Python is missing.

All three must keep the same boxes. Budgets, on both layouts: ours ≤ 1× torchvision, the implementation whose
answers it copies; and ours ≤ 1.25× the NumPy greedy loop (on piled boxes ours is that loop, since listing the
overlapping pairs would cost more; elsewhere the pruning must never cost more than the loop it replaces).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import interleaved  # noqa: E402

from solvers import get  # noqa: E402

COUNT = 20_000
THRESHOLD = 0.5
BUDGET_TORCHVISION = 1.0
BUDGET_GREEDY = 1.25
TORCH_PYTHON = os.environ.get("QUIZ_TORCH_PYTHON", "/tmp/tvenv/bin/python")

# The torchvision side: reads "LAYOUT" lines, answers with the seconds one nms call took; "kept LAYOUT" answers with
# the kept indices.
TORCH_SERVER = """
import sys, time
import numpy as np, torch, torchvision
torch.set_num_threads(1)
data = np.load(sys.argv[1])
cases = {name[:-6]: (torch.from_numpy(data[name]), torch.from_numpy(data[name[:-6] + "_scores"]))
         for name in data.files if name.endswith("_boxes")}
print(torch.__version__, torchvision.__version__, flush=True)
for line in sys.stdin:
    words = line.split()
    boxes, scores = cases[words[-1]]
    started = time.perf_counter()
    kept = torchvision.ops.nms(boxes, scores, float(sys.argv[2]))
    elapsed = time.perf_counter() - started
    print(" ".join(map(str, kept.tolist())) if words[0] == "kept" else elapsed, flush=True)
"""


def layouts(rng: np.random.Generator) -> dict[str, np.ndarray]:
    centers, sides = rng.uniform(0, 1000, (COUNT, 2)), rng.uniform(10, 110, (COUNT, 2))
    piled = rng.uniform(0, 100, (COUNT, 4))
    piled[:, 2:] += piled[:, :2]
    return {"spread": np.hstack([centers - sides / 2, centers + sides / 2]), "piled": piled}


def greedy_nms(boxes: np.ndarray, scores: np.ndarray, threshold: float) -> np.ndarray:
    """The plain loop: take the best box left, keep it, drop every box left whose IoU with it exceeds the threshold
    (torchvision's rule: IoU > t goes, 0/0 stays), repeat."""
    x1, y1, x2, y2 = (boxes[:, k] for k in range(4))
    areas = (x2 - x1) * (y2 - y1)
    order = np.argsort(-scores, kind="stable")
    kept = []
    while order.size:
        best, rest = order[0], order[1:]
        kept.append(best)
        width = np.maximum(np.minimum(x2[best], x2[rest]) - np.maximum(x1[best], x1[rest]), 0.0)
        height = np.maximum(np.minimum(y2[best], y2[rest]) - np.maximum(y1[best], y1[rest]), 0.0)
        inter = width * height
        with np.errstate(invalid="ignore"):
            overlaps = inter / (areas[best] + areas[rest] - inter) > threshold
        order = rest[~overlaps]
    return np.asarray(kept, dtype=np.int64)


class Torchvision:
    """torchvision.ops.nms in its own Python, asked for one timed call at a time."""

    def __init__(self, python: str, cases: dict[str, tuple[np.ndarray, np.ndarray]], folder: Path) -> None:
        data = folder / "boxes.npz"
        arrays = {f"{name}_boxes": boxes for name, (boxes, _) in cases.items()}
        arrays.update({f"{name}_scores": scores for name, (_, scores) in cases.items()})
        np.savez(data, **arrays)  # type: ignore[arg-type]
        self.process = subprocess.Popen(
            [python, "-c", TORCH_SERVER, str(data), str(THRESHOLD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.versions = self.read()

    def read(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the torchvision process ended")
        return line.strip()

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.read()

    def kept(self, layout: str) -> np.ndarray:
        return np.array(self.ask(f"kept {layout}").split(), dtype=np.int64)

    def time(self, layout: str) -> float:
        return float(self.ask(layout))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timings per measure (median taken)")
    parser.add_argument("--torch-python", default=TORCH_PYTHON, help="a Python with torch and torchvision")
    args = parser.parse_args()

    rng = np.random.default_rng(0)
    scores = rng.random(COUNT)
    cases = {name: (boxes, scores) for name, boxes in layouts(rng).items()}
    nms = get("nms")
    folder = Path(tempfile.mkdtemp(prefix="quiz-nms-"))
    torchvision = Torchvision(args.torch_python, cases, folder) if Path(args.torch_python).exists() else None
    print(
        f"{COUNT:,} boxes, IoU threshold {THRESHOLD}; medians of {args.runs} interleaved runs; torchvision: "
        + (
            f"torch {torchvision.versions.replace(' ', ', torchvision ')} in {args.torch_python}, 1 thread"
            if torchvision
            else f"skipped ({args.torch_python} not found)"
        )
    )
    try:
        for name, (boxes, _) in cases.items():
            ours = nms(boxes=boxes, scores=scores, iou_threshold=THRESHOLD).answer
            assert np.array_equal(ours, greedy_nms(boxes, scores, THRESHOLD)), name
            measures = {
                "ours": lambda boxes=boxes: timed(lambda: nms(boxes=boxes, scores=scores, iou_threshold=THRESHOLD)),
                "greedy": lambda boxes=boxes: timed(lambda: greedy_nms(boxes, scores, THRESHOLD)),
            }
            if torchvision:
                assert np.array_equal(ours, torchvision.kept(name)), name
                measures["torchvision"] = lambda name=name: torchvision.time(name)
            medians = interleaved(measures, args.runs)
            greedy_ratio = medians["ours"] / medians["greedy"]
            line = (
                f"nms, {name} ({len(ours):,} kept): {ms(medians['ours'])}; NumPy greedy loop {ms(medians['greedy'])}, "
                f"ratio {greedy_ratio:.2f}, budget ≤ {BUDGET_GREEDY:g}×: {verdict(greedy_ratio <= BUDGET_GREEDY)}"
            )
            if torchvision:
                torch_ratio = medians["ours"] / medians["torchvision"]
                line += (
                    f"; torchvision {ms(medians['torchvision'])}, ratio {torch_ratio:.2f}, "
                    f"budget ≤ {BUDGET_TORCHVISION:g}×: {verdict(torch_ratio <= BUDGET_TORCHVISION)}"
                )
            print(line, flush=True)
    finally:
        if torchvision:
            torchvision.close()


if __name__ == "__main__":
    main()
