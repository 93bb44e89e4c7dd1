"""Benchmark: `quiz`'s mAP (coco protocol) against pycocotools' COCOeval and faster-coco-eval, paired runs.

    uv run --group bench python bench/bench_map.py [--runs 5] [--quick]

Two synthetic COCO-like sets: 5,000 images of 80 categories (about 55 detections per image, so the cap of 100
detections per image and category never binds), and 1,000 images of 2 categories with up to 400 detections per
image, where most (image, category) pairs have more than 100 detections and the cap binds. Each set is evaluated
--runs times by each implementation in turn (ours, pycocotools, faster-coco-eval), and the medians printed with
their ratios; every run must give the same AP.

All evaluate the same data (boxes x1, y1, x2, y2 for us, x, y, w, h for COCOeval; coordinates are multiples of 1/4,
so the conversion is exact and all compute bit-identical IoUs). COCOeval runs evaluate() + accumulate() with area
range "all" only, maxDets [100], iouType bbox, useCats 1; building its COCO objects and loading the results
(loadRes) is not timed, while our time includes checking the input records. faster-coco-eval is skipped when it
does not import. Budget: ours ≤ 0.25× pycocotools' time on each set (at least 4× as fast).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from solvers import get  # noqa: E402

BUDGET = 0.25


def synthetic(
    images: int, categories: int, seed: int = 0, per_image: int = 100, clutter: int = 100
) -> tuple[list[dict], list[dict]]:
    """COCO-like data: ~7 objects per image, jittered true detections, misclassified and spurious ones (fewer than
    ``clutter`` detections per image in all); at most ``per_image`` detections per image (a detector's own cap)."""
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
        for _ in range(rng.integers(0, clutter - min(len(dets), clutter - 1))):
            corner, size = rng.uniform(0, 640, 2), rng.uniform(4, 200, 2)
            dets.append((int(rng.integers(1, categories + 1)), quarter(np.r_[corner, corner + size]), rng.beta(2, 5)))
        for label, box, score in dets[:per_image]:
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


def cocoeval(module: str, gt: dict, dt: list[dict]) -> tuple[float, np.ndarray, list[int]]:
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


def importable(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def capped_pairs(detections: list[dict], cap: int = 100) -> tuple[int, int]:
    """(image and category pairs with more than ``cap`` detections, detections beyond the cap)."""
    counts: dict[tuple[object, object], int] = {}
    for record in detections:
        key = (record["image_id"], record["category_id"])
        counts[key] = counts.get(key, 0) + 1
    return sum(n > cap for n in counts.values()), sum(max(n - cap, 0) for n in counts.values())


def compare(title: str, ground_truths: list[dict], detections: list[dict], categories: int, runs: int) -> None:
    """Time every implementation on one set, in turn, ``runs`` times; print medians, ratios and AP differences."""
    gt, dt = coco_datasets(ground_truths, detections, categories)
    modules = [m for m in ("pycocotools", "faster_coco_eval") if importable(m)]
    samples: dict[str, list[float]] = {name: [] for name in ["quiz", *modules]}
    differences = {module: 0.0 for module in modules}
    mean_ap = 0.0
    for _ in range(runs):
        start = time.perf_counter()
        ours = get("map")(
            ground_truths=ground_truths,
            detections=detections,
            protocol="coco",
            iou_thresholds="coco",
            max_detections=100,
        ).answer
        samples["quiz"].append(time.perf_counter() - start)
        mean_ap = ours["map"]
        for module in modules:
            seconds, precision, category_ids = cocoeval(module, gt, dt)
            samples[module].append(seconds)
            reference, reference_per_class = per_class(precision, category_ids)
            assert reference_per_class.keys() == ours["per_class"].keys(), f"{module}: the categories differ"
            difference = max(
                [abs(ours["map"] - reference)] + [abs(ours["per_class"][k] - v) for k, v in reference_per_class.items()]
            )
            differences[module] = max(differences[module], difference)
    pairs, beyond = capped_pairs(detections)
    print(
        f"{title}: {len(ground_truths):,} ground truths, {len(detections):,} detections; {pairs:,} image-category "
        f"pairs over the cap of 100 ({beyond:,} detections beyond it); medians of {runs} interleaved runs"
    )
    ours_median = statistics.median(samples["quiz"])
    print(f"  quiz map (coco)    {ours_median:8.3f} s   mAP {mean_ap:.12f}")
    for module in modules:
        median = statistics.median(samples[module])
        paired = [theirs / ours for theirs, ours in zip(samples[module], samples["quiz"])]
        low, high = min(paired), max(paired)
        verdict = ""
        if module == "pycocotools":
            verdict = f"   budget ours ≤ {BUDGET:g}×: {'met' if ours_median <= BUDGET * median else 'NOT MET'}"
        print(
            f"  {module:18} {median:8.3f} s   ours is {median / ours_median:5.1f}× faster "
            f"(paired runs {low:.1f}–{high:.1f}×)   largest AP difference {differences[module]:.1e}{verdict}"
        )
    for module in {"pycocotools", "faster_coco_eval"} - set(modules):
        print(f"  {module:18} not importable; skipped (uv run --group bench)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired runs per set (median taken)")
    parser.add_argument("--quick", action="store_true", help="a tenth of the images")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    images = 5000 // scale
    compare(f"{images:,} images, 80 categories", *synthetic(images, 80), 80, args.runs)
    images = 1000 // scale
    compare(
        f"{images:,} images, 2 categories, up to 400 detections per image (the cap binds)",
        *synthetic(images, 2, seed=1, per_image=400, clutter=400),
        2,
        args.runs,
    )


if __name__ == "__main__":
    main()
