"""metrics solvers: precision-recall, average-precision, map (voc and coco, the latter against pycocotools)."""

from __future__ import annotations

import contextlib
import io
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from solvers import SolverInputError, get
from solvers.metrics import COCO_IOUS

# --- references ----------------------------------------------------------------------------------------------


def ranked_flags(scores, flags):
    """Flags in descending score order, equal scores in input order (a stable sort)."""
    return [flags[i] for i in sorted(range(len(scores)), key=lambda i: -scores[i])]


def curve_loop(flags, num_gt):
    precision, recall, tp = [], [], 0
    for rank, flag in enumerate(flags, 1):
        tp += flag
        precision.append(tp / rank)
        recall.append(tp / num_gt)
    return precision, recall


def voc_ap_loop(precision, recall):
    """VOCap from the VOC2010 devkit, transcribed: envelope, then the area at each change of recall."""
    mrec, mpre = [0.0, *recall, 1.0], [0.0, *precision, 0.0]
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    return sum((mrec[i] - mrec[i - 1]) * mpre[i] for i in range(1, len(mrec)) if mrec[i] != mrec[i - 1])


def voc07_ap_loop(precision, recall):
    """The VOC2007 devkit's 11-point loop as voc_eval.py writes it, levels np.arange(0, 1.1, 0.1) and all."""
    total = 0.0
    for t in np.arange(0.0, 1.1, 0.1):
        reached = [p for p, r in zip(precision, recall) if r >= t]
        total += (max(reached) if reached else 0.0) / 11
    return total


def voc_map_loop(ground_truths, detections, threshold):
    """The devkit's VOCevaldet per class, with continuous coordinates and a strict IoU > threshold."""
    per_class = {}
    for category in sorted({g["category_id"] for g in ground_truths}):
        truth = defaultdict(list)
        for g in ground_truths:
            if g["category_id"] == category:
                truth[g["image_id"]].append(g["bbox"])
        ranked = sorted((d for d in detections if d["category_id"] == category), key=lambda d: -d["score"])
        taken, flags = set(), []
        for d in ranked:
            b, best, claimed = d["bbox"], -np.inf, None
            for j, g in enumerate(truth[d["image_id"]]):
                iw, ih = min(b[2], g[2]) - max(b[0], g[0]), min(b[3], g[3]) - max(b[1], g[1])
                if iw > 0 and ih > 0:
                    inter = iw * ih
                    ov = inter / ((b[2] - b[0]) * (b[3] - b[1]) + (g[2] - g[0]) * (g[3] - g[1]) - inter)
                    if ov > best:
                        best, claimed = ov, j
            hit = best > threshold and (d["image_id"], claimed) not in taken
            if hit:
                taken.add((d["image_id"], claimed))
            flags.append(hit)
        per_class[str(category)] = voc_ap_loop(*curve_loop(flags, sum(map(len, truth.values()))))
    return per_class


def xywh(box):
    return [box[0], box[1], box[2] - box[0], box[3] - box[1]]


def cocoeval(ground_truths, detections, thresholds, max_detections):
    """pycocotools' COCOeval (bbox, area "all", no crowd): (mAP, {category: AP}) over categories with GT."""
    images = sorted({r["image_id"] for r in ground_truths + detections})
    categories = sorted({r["category_id"] for r in ground_truths + detections})
    dataset = {
        "images": [{"id": i} for i in images],
        "categories": [{"id": c} for c in categories],
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
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = dataset
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes([{**r, "bbox": xywh(r["bbox"])} for r in detections])
        evaluator = COCOeval(coco_gt, coco_dt, "bbox")
        evaluator.params.iouThrs = np.asarray(thresholds, dtype=float)
        evaluator.params.maxDets = [max_detections]
        evaluator.params.areaRng, evaluator.params.areaRngLbl = [[0, 1e10]], ["all"]
        evaluator.evaluate()
        evaluator.accumulate()
    precision = evaluator.eval["precision"][:, :, :, 0, 0]
    per_class = {
        str(c): float(np.mean(precision[:, :, k]))
        for k, c in enumerate(evaluator.params.catIds)
        if (precision[:, :, k] > -1).all()
    }
    return float(np.mean(precision[precision > -1])), per_class


def random_dataset(rng, images=5, categories=3):
    """Small integer boxes: exact IoU ties at thresholds, zero-area boxes, tied scores, strays of every kind."""
    ground_truths, detections = [], []
    for _ in range(int(rng.integers(1, 15))):
        x, y, w, h = rng.integers(0, 20, 2).tolist() + rng.integers(0, 10, 2).tolist()
        ground_truths.append(
            {
                "image_id": int(rng.integers(1, images + 1)),
                "category_id": int(rng.integers(1, categories + 1)),
                "bbox": [x, y, x + w, y + h],
            }
        )
    for _ in range(int(rng.integers(1, 25))):
        if rng.random() < 0.6:
            truth = ground_truths[int(rng.integers(len(ground_truths)))]
            box = (np.array(truth["bbox"]) + rng.integers(-2, 3, 4)).tolist()
            image, category = truth["image_id"], truth["category_id"]
            if rng.random() < 0.2:
                category = int(rng.integers(1, categories + 2))
        else:
            x, y, w, h = rng.integers(0, 20, 2).tolist() + rng.integers(0, 10, 2).tolist()
            box = [x, y, x + w, y + h]
            image, category = int(rng.integers(1, images + 2)), int(rng.integers(1, categories + 2))
        box[2], box[3] = max(box[2], box[0]), max(box[3], box[1])
        detections.append(
            {"image_id": image, "category_id": category, "bbox": box, "score": float(rng.integers(0, 5)) / 4}
        )
    return ground_truths, detections


# --- precision-recall --------------------------------------------------------------------------------------------


def test_precision_recall_worked_example():
    result = get("precision-recall")(tp=8, fp=2, fn=4)
    assert result.answer == pytest.approx({"precision": 0.8, "recall": 2 / 3, "f1": 16 / 22})
    assert result.steps["jaccard"] == pytest.approx(8 / 14)


def test_precision_recall_zero_denominators_give_zero():
    assert get("precision-recall")(tp=0, fp=0, fn=0).answer == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert get("precision-recall")(tp=0, fp=3, fn=0).answer["recall"] == 0.0


# --- average-precision ---------------------------------------------------------------------------------------------

EXAM = {"scores": [0.9, 0.8, 0.7, 0.6, 0.5], "is_tp": [1, 1, 0, 1, 0], "num_gt": 4}


@pytest.mark.parametrize(
    ("method", "expected"), [("all-point", 0.6875), ("11-point", 7.5 / 11), ("101-point", 69.75 / 101)]
)
def test_average_precision_worked_example(method, expected):
    result = get("average-precision")(**EXAM, method=method)
    assert result.answer == pytest.approx(expected, abs=1e-15)
    np.testing.assert_allclose(result.steps["precision"], [1, 1, 2 / 3, 0.75, 0.6])
    np.testing.assert_allclose(result.steps["recall"], [0.25, 0.5, 0.5, 0.75, 0.75])


def test_average_precision_ranks_by_score_not_input_order():
    shuffled = get("average-precision")(scores=[0.6, 0.9, 0.5, 0.8, 0.7], is_tp=[1, 1, 0, 1, 0], num_gt=4)
    assert shuffled.answer == 0.6875
    assert shuffled.steps["order"].tolist() == [1, 3, 4, 0, 2]


@pytest.mark.parametrize(
    ("hits", "num_gt", "expected"), [(3, 10, 3 / 11), (3, 5, 6 / 11), (7, 10, 7 / 11), (2, 10, 3 / 11)]
)
def test_eleven_point_levels_are_the_devkits_floats(hits, num_gt, expected):
    # voc_eval.py's levels np.arange(0, 1.1, 0.1) put 0.3, 0.6 and 0.7 an ulp above 3/10, 3/5 and 7/10, so a
    # recall of exactly 0.3 does not reach the level "0.3" (nor 0.6 the level "0.6").
    result = get("average-precision")(
        scores=list(range(hits, 0, -1)), is_tp=[1] * hits, num_gt=num_gt, method="11-point"
    )
    assert result.answer == pytest.approx(expected, abs=1e-15)


def test_average_precision_with_no_detections_is_zero():
    for method in ("all-point", "11-point", "101-point"):
        assert get("average-precision")(scores=[], is_tp=[], num_gt=3, method=method).answer == 0.0


def test_average_precision_matches_the_devkit_loops():
    rng = np.random.default_rng(0)
    for _ in range(300):
        count = int(rng.integers(1, 30))
        scores = (rng.integers(0, 6, count) / 5).tolist()
        flags = (rng.random(count) < 0.5).tolist()
        num_gt = sum(flags) + int(rng.integers(0, 4)) or 1
        precision, recall = curve_loop(ranked_flags(scores, flags), num_gt)
        for method, reference in (("all-point", voc_ap_loop), ("11-point", voc07_ap_loop)):
            got = get("average-precision")(scores=scores, is_tp=flags, num_gt=num_gt, method=method).answer
            assert got == pytest.approx(reference(precision, recall), abs=1e-12)


def cocoeval_ap_of_flags(scores, flags, num_gt):
    """pycocotools' AP for a ranked list: one image, a TP lands exactly on a fresh ground truth, an FP far away."""
    ground_truths = [{"image_id": 1, "category_id": 1, "bbox": [10 * j, 0, 10 * j + 5, 5]} for j in range(num_gt)]
    detections, fresh = [], iter(ground_truths)
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    boxes = {i: next(fresh)["bbox"] if flags[i] else [1000 + 10 * i, 0, 1005 + 10 * i, 5] for i in ranked}
    for i in range(len(scores)):  # input order: pycocotools breaks score ties by it, as we do
        detections.append({"image_id": 1, "category_id": 1, "bbox": boxes[i], "score": scores[i]})
    return cocoeval(ground_truths, detections, [0.5], len(scores))[0]


def test_101_point_matches_pycocotools_accumulate():
    rng = np.random.default_rng(1)
    worst = 0.0
    for _ in range(60):
        count = int(rng.integers(1, 25))
        scores = (rng.integers(0, 5, count) / 4).tolist()
        flags = (rng.random(count) < 0.6).tolist()
        num_gt = sum(flags) + int(rng.integers(0, 3)) or 1
        ours = get("average-precision")(scores=scores, is_tp=flags, num_gt=num_gt, method="101-point").answer
        worst = max(worst, abs(ours - cocoeval_ap_of_flags(scores, flags, num_gt)))
    assert worst < 1e-12


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([0.2, 0.4, 0.6, 0.8]), st.booleans()), max_size=30),
    st.integers(0, 5),
    st.sampled_from(["all-point", "11-point", "101-point"]),
)
def test_average_precision_is_in_the_unit_interval(pairs, missed, method):
    scores, flags = [s for s, _ in pairs], [f for _, f in pairs]
    ap = get("average-precision")(scores=scores, is_tp=flags, num_gt=sum(flags) + missed or 1, method=method).answer
    assert 0.0 <= ap <= 1.0


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 30), st.integers(0, 30), st.sampled_from(["all-point", "11-point", "101-point"]))
def test_a_perfect_ranking_has_ap_one(hits, misses, method):
    scores = list(range(hits + misses, 0, -1))
    flags = [True] * hits + [False] * misses
    assert get("average-precision")(scores=scores, is_tp=flags, num_gt=hits, method=method).answer == 1.0


# --- map ---------------------------------------------------------------------------------------------------------

GT = [
    {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
    {"image_id": 1, "category_id": 2, "bbox": [20, 0, 30, 10]},
    {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10]},
    {"image_id": 2, "category_id": 1, "bbox": [20, 20, 30, 30]},
]
DT = [
    {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.95},
    {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 8], "score": 0.9},
    {"image_id": 1, "category_id": 1, "bbox": [1, 0, 11, 10], "score": 0.8},
    {"image_id": 1, "category_id": 2, "bbox": [22, 0, 32, 10], "score": 0.7},
    {"image_id": 2, "category_id": 1, "bbox": [22, 22, 32, 32], "score": 0.6},
    {"image_id": 2, "category_id": 2, "bbox": [20, 0, 30, 10], "score": 0.5},
]


def test_map_voc_worked_example():
    result = get("map")(ground_truths=GT, detections=DT)
    # cat: TP, TP, duplicate FP, IoU 64/136 ≤ 0.5 FP → AP 2/3; dog: IoU 2/3 TP, no GT in image 2 FP → AP 1
    assert result.answer == {"map": pytest.approx(5 / 6), "per_class": {"1": pytest.approx(2 / 3), "2": 1.0}}
    assert result.steps["tp"]["1"].tolist() == [1, 1, 0, 0]
    assert result.steps["detections"]["1"].tolist() == [0, 1, 2, 4]
    assert list(result.steps) == ["iou_thresholds", "num_gt", "detections", "scores", "tp", "precision", "recall", "ap"]


def test_map_mean_of_class_aps_from_the_seed():
    # The seed's mAP over class APs {0.6875, 0.5, 0.9} = 0.69583: three independent one-class datasets.
    per_class = [0.6875, 0.5, 0.9]
    assert np.mean(per_class) == pytest.approx(0.69583, abs=5e-6)


def test_voc_needs_iou_above_the_threshold_coco_at_least_it():
    truth = [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 4, 1]}]
    half = [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 2, 1], "score": 1.0}]  # IoU exactly 0.5
    assert get("map")(ground_truths=truth, detections=half, protocol="voc").answer["map"] == 0.0
    assert get("map")(ground_truths=truth, detections=half, protocol="coco").answer["map"] == 1.0


def test_voc_duplicate_is_a_false_positive_coco_takes_the_next_free_ground_truth():
    truth = [
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 7]},
    ]
    dets = [
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 9], "score": 0.9},
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 9.5], "score": 0.8},
    ]
    voc = get("map")(ground_truths=truth, detections=dets, protocol="voc")
    coco = get("map")(ground_truths=truth, detections=dets, protocol="coco", iou_thresholds=0.5)
    assert voc.steps["tp"]["1"].tolist() == [1, 0]  # both prefer the 10×10 box
    assert coco.steps["tp"]["1"].tolist() == [1, 1]  # the second falls back to the 10×7 box (IoU 0.74)


def test_map_leaves_out_categories_without_ground_truth_and_scores_missed_ones_zero():
    truth = [
        {"image_id": "a", "category_id": "cat", "bbox": [0, 0, 1, 1]},
        {"image_id": "a", "category_id": "dog", "bbox": [0, 0, 1, 1]},
    ]
    dets = [
        {"image_id": "a", "category_id": "cat", "bbox": [0, 0, 1, 1], "score": 0.5},
        {"image_id": "b", "category_id": "cow", "bbox": [0, 0, 1, 1], "score": 0.9},
    ]
    for protocol in ("voc", "coco"):
        answer = get("map")(ground_truths=truth, detections=dets, protocol=protocol).answer
        assert answer == {"map": 0.5, "per_class": {"cat": 1.0, "dog": 0.0}}


def test_coco_max_detections_keeps_each_images_best_per_category():
    truth = [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]
    dets = [
        {"image_id": 1, "category_id": 1, "bbox": [5, 5, 6, 6], "score": 0.9},
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.8},
    ]
    assert get("map")(ground_truths=truth, detections=dets, protocol="coco", max_detections=1).answer["map"] == 0.0
    assert get("map")(ground_truths=truth, detections=dets, protocol="coco", max_detections=2).answer["map"] == 0.5


def test_map_voc_matches_the_devkit_loop():
    rng = np.random.default_rng(2)
    for case in range(150):
        ground_truths, detections = random_dataset(rng)
        thresholds = [[0.5], [0.0, 0.25, 0.75]][case % 2]
        ours = get("map")(
            ground_truths=ground_truths, detections=detections, protocol="voc", iou_thresholds=thresholds
        ).answer
        per_threshold = [voc_map_loop(ground_truths, detections, t) for t in thresholds]
        for key, ap in ours["per_class"].items():
            assert ap == pytest.approx(np.mean([p[key] for p in per_threshold]), abs=1e-12), case
        assert ours["per_class"].keys() == per_threshold[0].keys()


def test_map_coco_matches_pycocotools():
    rng = np.random.default_rng(3)
    worst, compared = 0.0, 0
    for case in range(200):
        ground_truths, detections = random_dataset(rng)
        thresholds = [COCO_IOUS, [0.5], [0.0, 1.0], [0.3, 0.75]][case % 4]
        max_detections = [1, 2, 100][case % 3]
        reference, reference_per_class = cocoeval(ground_truths, detections, thresholds, max_detections)
        ours = get("map")(
            ground_truths=ground_truths,
            detections=detections,
            protocol="coco",
            iou_thresholds="coco" if case % 4 == 0 else thresholds,
            max_detections=max_detections,
        ).answer
        assert ours["per_class"].keys() == reference_per_class.keys(), case
        worst = max(
            [worst, abs(ours["map"] - reference)]
            + [abs(ours["per_class"][k] - v) for k, v in reference_per_class.items()]
        )
        compared += 1
    assert compared == 200 and worst < 1e-12


@pytest.mark.parametrize("threshold", [0.5, 0.9])
def test_coco_ignores_boxes_beyond_the_area_range_all(threshold):
    # COCOeval's area range "all" is [0, 1e10]: a larger ground truth is ignored (not counted, and a detection
    # on it is neither TP nor FP), and so is a larger detection that matches nothing.
    truth = [
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 2e5, 2e5]},
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
        {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10]},
        {"image_id": 2, "category_id": 2, "bbox": [0, 0, 3e5, 1e5]},
    ]
    dets = [
        {"image_id": 1, "category_id": 1, "bbox": [3e5, 0, 6e5, 3e5], "score": 0.95},
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 2e5, 2e5], "score": 0.9},
        {"image_id": 1, "category_id": 1, "bbox": [50, 50, 60, 60], "score": 0.85},
        {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.8},
        {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 9], "score": 0.8},
        {"image_id": 2, "category_id": 2, "bbox": [0, 0, 3e5, 1e5], "score": 0.7},
    ]
    reference, reference_per_class = cocoeval(truth, dets, [threshold], 100)
    ours = get("map")(ground_truths=truth, detections=dets, protocol="coco", iou_thresholds=threshold).answer
    assert ours["per_class"].keys() == reference_per_class.keys() == {"1"}
    assert ours["map"] == pytest.approx(reference, abs=1e-12)


def test_coco_iou_is_pycocotools_arithmetic_on_x_y_w_h():
    # pycocotools recovers x2 as x + (x2 − x), which can differ from x2 in the last bit; at a threshold equal to
    # one of the two IoUs, only its arithmetic decides the match.
    pairs = [
        ([18.1, 1.6, 99.2, 47.0], [18.3, 1.5, 99.5, 46.9], 0.9895022477825928),
        ([6.1, 24.4, 80.1, 60.2], [6.4, 24.2, 79.9, 59.9], 0.9794849656518639),
        ([9.9, 26.2, 10.2, 91.4], [9.6, 25.9, 10.4, 91.3], 0.3730659025787949),
    ]
    for truth_box, det_box, threshold in pairs:
        truth = [{"image_id": 1, "category_id": 1, "bbox": truth_box}]
        dets = [{"image_id": 1, "category_id": 1, "bbox": det_box, "score": 1.0}]
        reference, _ = cocoeval(truth, dets, [threshold], 100)
        ours = get("map")(ground_truths=truth, detections=dets, protocol="coco", iou_thresholds=threshold).answer
        assert ours["map"] == pytest.approx(reference, abs=1e-12), truth_box


def test_map_echoes_its_records_and_accepts_tuples_and_numpy_numbers():
    from solvers import SOLVERS

    truth = ({"image_id": np.int64(1), "category_id": 1, "bbox": np.array([0.0, 0, 1, 1])},)
    dets = [{"image_id": 1, "category_id": np.int32(1), "bbox": (0, 0, 1, 1), "score": np.float32(0.5)}]
    params = SOLVERS["map"].resolve({"ground_truths": truth, "detections": dets, "iou_thresholds": "coco"})
    assert params["iou_thresholds"] == "coco" and list(params["ground_truths"]) == list(truth)
    assert get("map")(ground_truths=truth, detections=dets).answer["map"] == 1.0


# --- bad input ---------------------------------------------------------------------------------------------------

ONE_GT = [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1]}]


def det(**overrides):
    return {"image_id": 1, "category_id": 1, "bbox": [0, 0, 1, 1], "score": 0.5, **overrides}


@pytest.mark.parametrize(
    ("name", "params", "param"),
    [
        ("precision-recall", {"tp": -1, "fp": 0, "fn": 0}, "tp"),
        ("precision-recall", {"tp": 1.5, "fp": 0, "fn": 0}, "tp"),
        ("precision-recall", {"tp": 1, "fp": 0}, "fn"),
        ("average-precision", {"scores": [0.5, 0.4], "is_tp": [1], "num_gt": 2}, "is_tp"),
        ("average-precision", {"scores": [0.5, 0.4], "is_tp": [1, 1], "num_gt": 1}, "num_gt"),
        ("average-precision", {"scores": [0.5], "is_tp": [0], "num_gt": 0}, "num_gt"),
        ("average-precision", {"scores": [float("nan")], "is_tp": [1], "num_gt": 1}, "scores"),
        ("average-precision", {"scores": [0.5], "is_tp": [2], "num_gt": 1}, "is_tp"),
        ("average-precision", {"scores": [0.5], "is_tp": [1], "num_gt": 1, "method": "voc"}, "method"),
        ("map", {"ground_truths": [], "detections": []}, "ground_truths"),
        ("map", {"ground_truths": ONE_GT}, "detections"),
        ("map", {"ground_truths": ONE_GT, "detections": {"image_id": 1}}, "detections"),
        (
            "map",
            {"ground_truths": ONE_GT, "detections": [det(), det(), det(), det(bbox=[2, 0, 1, 1])]},
            "detections[3].bbox",
        ),
        (
            "map",
            {"ground_truths": ONE_GT, "detections": [det(), det(bbox=[0, 0, 1, float("inf")])]},
            "detections[1].bbox",
        ),
        ("map", {"ground_truths": ONE_GT, "detections": [det(bbox=[0, 0, 1])]}, "detections[0].bbox"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(bbox="0 0 1 1")]}, "detections[0].bbox"),
        (
            "map",
            {"ground_truths": ONE_GT, "detections": [det(), {k: v for k, v in det().items() if k != "score"}]},
            "detections[1].score",
        ),
        ("map", {"ground_truths": ONE_GT, "detections": [det(score="high")]}, "detections[0].score"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(score=float("nan"))]}, "detections[0].score"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(area=1.0)]}, "detections[0]"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(), 7]}, "detections[1]"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(image_id=1.5)]}, "detections[0].image_id"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(category_id=True)]}, "detections[0].category_id"),
        ("map", {"ground_truths": [{**ONE_GT[0], "score": 1.0}], "detections": []}, "ground_truths[0]"),
        ("map", {"ground_truths": ONE_GT, "detections": [det(category_id="1")]}, "detections"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "protocol": "kitti"}, "protocol"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "iou_thresholds": "voc"}, "iou_thresholds"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "iou_thresholds": [0.5, 1.2]}, "iou_thresholds"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "iou_thresholds": []}, "iou_thresholds"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "iou_thresholds": [[]]}, "iou_thresholds"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "iou_thresholds": [[0.5], [0.5, 0.6]]}, "iou_thresholds"),
        ("map", {"ground_truths": ONE_GT, "detections": [], "max_detections": 0}, "max_detections"),
        (
            "map",
            {"ground_truths": [{**ONE_GT[0], "bbox": [0, 0, 2e5, 2e5]}], "detections": [], "protocol": "coco"},
            "ground_truths",
        ),
    ],
)
def test_bad_input_names_the_parameter(name, params, param):
    with pytest.raises(SolverInputError) as error:
        get(name)(**params)
    assert error.value.param == param
