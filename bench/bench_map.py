"""Benchmark: `quiz`'s mAP (coco protocol) against pycocotools' COCOeval on one synthetic COCO-like set.

    uv run --group bench python bench/bench_map.py [--quick]

Both evaluate the same data in one run (boxes x1, y1, x2, y2 for us, x, y, w, h for COCOeval; coordinates
are multiples of 1/4, so the conversion is exact and both compute bit-identical IoUs). COCOeval runs
evaluate() + accumulate() with area range "all" only, maxDets [100], iouType bbox, useCats 1; loading the
results (loadRes) is not timed, while our time includes checking the input records. faster-coco-eval is
timed too when it imports. Prints the times, the speed-up and the largest AP difference.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from solvers import get  # noqa: E402


def synthetic(images: int, categories: int, seed: int = 0) -> tuple[list[dict], list[dict]]:
    """COCO-like data: ~7 objects per image, jittered true detections, misclassified and spurious ones."""
    rng = np.random.default_rng(seed)
    quarter = lambda v: np.round(np.asarray(v) * 4) / 4  # noqa: E731
    ground_truths, detections = [], []
    for image in range(1, images + 1):
        count = rng.poisson(7)
        size = rng.uniform(8, 200, (count, 2))
        corner = rng.uniform(0, 640, (count, 2))
        boxes = quarter(np.hstack([corner, corner + size]))
        labels = rng.integers(1, categories + 1, count)
        for box, label in zip(boxes, labels):
            ground_truths.append({"image_id": image, "category_id": int(label), "bbox": box.tolist()})
        dets = []
        for box, label in zip(boxes, labels):
            for _ in range(rng.integers(0, 4)):
                jitter = rng.normal(0, 0.08, 4) * np.r_[box[2:] - box[:2], box[2:] - box[:2]]
                guess = quarter(box + jitter)
                guess[2:] = np.maximum(guess[2:], guess[:2])
                wrong = rng.random() < 0.1
                dets.append((int(rng.integers(1, categories + 1)) if wrong else int(label), guess, rng.beta(5, 2)))
        for _ in range(rng.integers(0, 100 - min(len(dets), 99))):
            corner, size = rng.uniform(0, 640, 2), rng.uniform(4, 200, 2)
            dets.append((int(rng.integers(1, categories + 1)), quarter(np.r_[corner, corner + size]), rng.beta(2, 5)))
        for label, box, score in dets[:100]:
            detections.append(
                {"image_id": image, "category_id": label, "bbox": box.tolist(), "score": round(float(score), 3)}
            )  # rounded: ties across images, as in real output
    return ground_truths, detections


def xywh(box: list[float]) -> list[float]:
    return [box[0], box[1], box[2] - box[0], box[3] - box[1]]


def coco_datasets(ground_truths: list[dict], detections: list[dict], categories: int):
    images = sorted({r["image_id"] for r in ground_truths} | {r["image_id"] for r in detections})
    gt = {
        "images": [{"id": i} for i in images],
        "categories": [{"id": c} for c in range(1, categories + 1)],
        "annotations": [
            {
                "id": k + 1,
                "image_id": r["image_id"],
                "category_id": r["category_id"],
                "bbox": xywh(r["bbox"]),
                "iscrowd": 0,
                "area": (r["bbox"][2] - r["bbox"][0]) * (r["bbox"][3] - r["bbox"][1]),
            }
            for k, r in enumerate(ground_truths)
        ],
    }
    dt = [
        {"image_id": r["image_id"], "category_id": r["category_id"], "bbox": xywh(r["bbox"]), "score": r["score"]}
        for r in detections
    ]
    return gt, dt


def run_cocoeval(module: str, gt: dict, dt: list[dict]) -> tuple[float, np.ndarray, list[int]]:
    """(seconds for evaluate + accumulate, precision [T, R, K], category ids) with one COCO-style package."""
    if module == "pycocotools":
        from pycocotools.coco import COCO
        from pycocotools.cocoeval import COCOeval
    else:
        from faster_coco_eval import COCO
        from faster_coco_eval import COCOeval_faster as COCOeval
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = gt
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(dt)
        evaluator = COCOeval(coco_gt, coco_dt, "bbox")
        evaluator.params.maxDets = [100]
        evaluator.params.areaRng = [[0, 1e10]]
        evaluator.params.areaRngLbl = ["all"]
        start = time.perf_counter()
        evaluator.evaluate()
        evaluator.accumulate()
        seconds = time.perf_counter() - start
    return seconds, evaluator.eval["precision"][:, :, :, 0, 0], list(evaluator.params.catIds)


def per_class(precision: np.ndarray, category_ids: list[int]) -> tuple[float, dict[str, float]]:
    values = {
        str(c): float(np.mean(precision[:, :, k]))
        for k, c in enumerate(category_ids)
        if (precision[:, :, k] > -1).all()
    }
    return float(np.mean(precision[precision > -1])), values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 images instead of 5,000")
    args = parser.parse_args()
    images, categories = (500, 80) if args.quick else (5000, 80)
    ground_truths, detections = synthetic(images, categories)
    print(
        f"{images:,} images, {categories} categories, {len(ground_truths):,} ground truths, "
        f"{len(detections):,} detections"
    )

    start = time.perf_counter()
    ours = get("map")(
        ground_truths=ground_truths, detections=detections, protocol="coco", iou_thresholds="coco", max_detections=100
    ).answer
    ours_seconds = time.perf_counter() - start
    print(f"quiz map (coco)        {ours_seconds:8.3f} s   mAP {ours['map']:.12f}")

    gt, dt = coco_datasets(ground_truths, detections, categories)
    for module in ("pycocotools", "faster_coco_eval"):
        try:
            seconds, precision, category_ids = run_cocoeval(module, gt, dt)
        except ImportError:
            print(f"{module:22} not importable; skipped")
            continue
        reference, reference_per_class = per_class(precision, category_ids)
        difference = max(
            [abs(ours["map"] - reference)] + [abs(ours["per_class"][k] - v) for k, v in reference_per_class.items()]
        )
        same_classes = reference_per_class.keys() == ours["per_class"].keys()
        print(
            f"{module:22} {seconds:8.3f} s   mAP {reference:.12f}   ours is {seconds / ours_seconds:5.1f}× "
            f"faster   largest AP difference {difference:.1e}{'' if same_classes else '  (categories differ!)'}"
        )


if __name__ == "__main__":
    main()
