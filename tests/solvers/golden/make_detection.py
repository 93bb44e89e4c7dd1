"""Regenerate detection_torchvision.json: torchvision.ops.box_iou's and torchvision.ops.nms's answers (CPU,
float64) for the iou and nms solvers of solvers/detection.py.

Needs torch + torchvision, so it is not part of the test run; the tests read the JSON it writes. Run it from the
repo root with a Python that has them:

    python tests/solvers/golden/make_detection.py

Each case is {"solver", "params", "answer"}. Seeded: the same cases every run. The edge cases: score ties
(torchvision's CPU kernel sorts stably, so equal scores keep input order), IoU exactly at the threshold (kept:
only IoU > threshold suppresses), thresholds 0 and 1, zero-area and duplicate boxes, empty input, the default
threshold (omitted from params), and box_iou where the union is 0 — torchvision's NaN, which the solver answers
as 0 (recorded as "nan_as_zero").
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torchvision
from torchvision.ops import box_iou, nms

HERE = Path(__file__).parent


def nms_case(boxes: list, scores: list, threshold: float | None) -> dict:
    params: dict = {"boxes": boxes, "scores": scores}
    if threshold is not None:
        params["iou_threshold"] = threshold
    b = torch.tensor(boxes, dtype=torch.float64).reshape(-1, 4)
    kept = nms(b, torch.tensor(scores, dtype=torch.float64), 0.5 if threshold is None else threshold)
    return {"solver": "nms", "params": params, "answer": kept.tolist()}


def iou_case(a: list, b: list) -> dict:
    matrix = box_iou(
        torch.tensor(a, dtype=torch.float64).reshape(-1, 4), torch.tensor(b, dtype=torch.float64).reshape(-1, 4)
    )
    answer = matrix.numpy()
    if np.shape(a) == (4,):
        answer = answer[0]
    if np.shape(b) == (4,):
        answer = answer[..., 0]
    nan = np.isnan(answer)
    return {
        "solver": "iou",
        "params": {"boxes_a": a, "boxes_b": b},
        "answer": np.where(nan, 0.0, answer).tolist(),
        "nan_as_zero": int(nan.sum()),
    }


def cases(rng: np.random.Generator) -> list[dict]:
    out = [
        nms_case([[0, 0, 4, 1], [0, 0, 2, 1]], [0.9, 0.8], 0.5),  # IoU = 0.5 exactly: kept
        nms_case([[0, 0, 4, 1], [0, 0, 2, 1]], [0.9, 0.8], None),  # the default threshold 0.5
        nms_case([[0, 0, 3, 1], [0, 0, 1, 1]], [0.5, 0.5], 1 / 3),  # IoU 1/3 in floats vs threshold 1/3
        nms_case([[0, 0, 2, 2], [0, 0, 2, 2], [0, 0, 2, 2]], [0.5, 0.5, 0.5], 0.5),  # duplicates, tied scores
        nms_case([[0, 0, 2, 2], [0, 0, 2, 2]], [0.5, 0.5], 1.0),  # IoU 1 is not > 1
        nms_case([[0, 0, 2, 2], [2, 0, 4, 2], [1, 1, 1, 1]], [0.3, 0.3, 0.9], 0.0),  # touching, zero area, t = 0
        nms_case([[1, 1, 1, 1], [1, 1, 1, 1]], [0.2, 0.7], 0.0),  # 0/0: NaN never exceeds
        nms_case([], [], 0.5),
        nms_case([[0, 0, 1, 1]], [0.0], None),
        iou_case([0, 0, 2, 2], [1, 1, 3, 3]),
        iou_case([[1, 1, 1, 1], [0, 0, 0, 5]], [[1, 1, 1, 1], [0, 0, 2, 5]]),
        iou_case([[0, 0, 2, 2]], [0, 0, 2, 2]),
        iou_case([0, 0, 2, 2], []),
    ]
    for k in range(24):  # tied scores, integer and tenth coordinates: many IoUs land on the thresholds
        n = int(rng.integers(2, 30))
        corner = rng.integers(0, 10, (n, 2)) / (10 if k % 2 else 1)
        side = rng.integers(0, 5, (n, 2)) / (10 if k % 2 else 1)
        boxes = np.hstack([corner, corner + side]).tolist()
        scores = (rng.integers(0, 3, n) / 2).tolist()
        out.append(nms_case(boxes, scores, [0.0, 0.25, 1 / 3, 0.5, 0.7, 1.0][k % 6]))
    for _ in range(4):
        a = np.hstack([c := rng.integers(0, 6, (3, 2)), c + rng.integers(0, 3, (3, 2))]).astype(float).tolist()
        b = np.hstack([c := rng.integers(0, 6, (4, 2)), c + rng.integers(0, 3, (4, 2))]).astype(float).tolist()
        out.append(iou_case(a, b))
    return out


def main() -> None:
    document = {
        "generator": Path(__file__).name,
        "numpy": np.__version__,
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "cases": cases(np.random.default_rng(20240901)),
    }
    (HERE / "detection_torchvision.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"detection_torchvision.json: {len(document['cases'])} cases")


if __name__ == "__main__":
    main()
