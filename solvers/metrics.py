"""Detection metrics: precision and recall, the average precision of a ranked list, and mAP over a dataset.

Two conventions, named wherever they differ:

- VOC (the PASCAL devkit's rule): a detection goes to the ground truth of highest IoU and matches when
  IoU > threshold, strictly, as the contract settles and the devkit's Python port (voc_eval.py) does (the
  MATLAB VOCevaldet.m writes ≥ and counts pixels with +1); a ground truth already taken makes it a false
  positive; AP is all-point (VOC2010+) or 11-point (VOC2007). No "difficult" flags.
- COCO (pycocotools' COCOeval): a detection matches when IoU ≥ threshold; it goes to the best ground
  truth still unmatched; AP samples the precision envelope at 101 recall levels, averaged over IoU
  thresholds 0.50:0.05:0.95.

Detections are ranked by descending score; equal scores keep a stable order (pycocotools'
``np.argsort(-scores, kind="mergesort")``, MATLAB's stable ``sort``), never an arbitrary one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

import numpy as np

from solvers.detection import MAX_COORDINATE, box_area, pair_iou
from solvers.errors import NOTHING, SolverInputError
from solvers.params import Array, Choice, Int, Number, Param
from solvers.registry import Lookup, Result, solver

Count = Annotated[int, Int(min=0)]

# pycocotools' recall levels, built the way COCOeval's Params builds them (the floats matter to searchsorted).
COCO_RECALLS = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1, endpoint=True)
COCO_IOUS = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True)
# VOC2007's recall levels as the devkit's Python port (voc_eval.py) builds them: np.arange gives k·0.1, so the
# levels 0.3, 0.6 and 0.7 sit an ulp above 3/10, 3/5 and 7/10, and a recall of exactly 0.3 does not reach "0.3".
VOC07_RECALLS = np.arange(0.0, 1.1, 0.1)
# COCOeval's area range "all": a box of area (w·h) above 1e10 is ignored (neither counted nor a miss).
COCO_MAX_AREA = 1e5**2

MAX_RECORDS = 2_000_000
MAX_PAIRS = 10_000_000


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


PRECISION_RECALL_LOOKUP = Lookup(
    keywords=("precision", "recall", "適合率", "再現率", "f1", "f値", "物体検出", "detection"),
    example={"tp": 8, "fp": 2, "fn": 4},  # detection-precision-drill
    summary_ja="適合率 TP/(TP + FP)、再現率 TP/(TP + FN)、F1 = 2TP/(2TP + FP + FN)。分母が 0 の比は 0 とする。",
)


@solver("precision-recall", PRECISION_RECALL_LOOKUP)
def precision_recall(tp: Count, fp: Count, fn: Count) -> Result:
    """Precision TP/(TP + FP), recall TP/(TP + FN) and F1 = 2TP/(2TP + FP + FN) from counts.

    Precision is the share of positive predictions that are right; recall the share of actual positives
    found; F1 their harmonic mean. A ratio whose denominator is 0 is 0. The step ``jaccard`` is
    TP/(TP + FP + FN), IoU in confusion-matrix terms. TP 8, FP 2, FN 4: precision 0.8, recall 0.6667.
    """
    answer = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "f1": _ratio(2 * tp, 2 * tp + fp + fn)}
    steps = {"predicted_positive": tp + fp, "actual_positive": tp + fn, **answer, "jaccard": _ratio(tp, tp + fp + fn)}
    return Result(answer, steps=steps)


# --- average precision of one ranked list ----------------------------------------------------------------


def envelope(precision: np.ndarray) -> np.ndarray:
    """The monotone precision envelope: at each rank, the best precision at this or any later rank."""
    return np.maximum.accumulate(precision[..., ::-1], axis=-1)[..., ::-1]


def _sample(interpolated: np.ndarray, recall: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """Envelope precision at the first rank whose recall reaches each level (searchsorted left); 0 past the end."""
    index = np.searchsorted(recall, levels, side="left")
    reached = index < len(recall)
    return np.where(reached, interpolated[np.minimum(index, len(recall) - 1)] if len(recall) else 0.0, 0.0)


def pr_curve(
    flags: np.ndarray, num_gt: int, counted: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(cumulative TP, cumulative FP, precision, recall) down a ranked list of TP flags (last axis = rank).

    Precision is TP/(TP + FP) exactly; pycocotools adds np.spacing(1) to the denominator to dodge 0/0,
    which moves APs by about 1e-16 at most. ``counted`` false marks COCO's ignored detections, neither TP
    nor FP; before the first counted one the precision is 0 (pycocotools' 0/spacing).
    """
    if counted is None:
        counted = np.ones(flags.shape, dtype=bool)
    tp = np.cumsum(flags & counted, axis=-1)
    fp = np.cumsum(~flags & counted, axis=-1)
    seen = tp + fp
    precision = np.divide(tp, seen, out=np.zeros(tp.shape), where=seen > 0)
    return tp, fp, precision, tp / num_gt


def ap_all_point(flags: np.ndarray, num_gt: int) -> tuple[float, dict[str, Any]]:
    """VOC2010+: Σ_k (R_k − R_{k−1}) · max_{j ≥ k} P_j, the exact area under the precision envelope.

    Recall grows by exactly 1/num_gt at each TP, so the sum is taken as Σ_{TP ranks} envelope / num_gt:
    the devkit's value, without the rounding of recall differences (a perfect ranking gives exactly 1).
    """
    _, _, precision, _ = pr_curve(flags, num_gt)
    interpolated = envelope(precision)
    return float(np.sum(interpolated[flags]) / num_gt), {
        "interpolated_precision": interpolated,
        "recall_steps": flags / num_gt,
    }


def ap_11_point(flags: np.ndarray, num_gt: int) -> tuple[float, dict[str, Any]]:
    """VOC2007: (1/11) Σ_{t = 0, 0.1, …, 1} max {P : R ≥ t}, with 0 where no rank reaches t.

    The levels t are voc_eval.py's np.arange(0, 1.1, 0.1), floats and all (see VOC07_RECALLS).
    """
    _, _, precision, recall = pr_curve(flags, num_gt)
    sampled = _sample(envelope(precision), recall, VOC07_RECALLS)
    return float(np.mean(sampled)), {"recall_levels": VOC07_RECALLS, "sampled_precision": sampled}


def ap_101_point(flags: np.ndarray, num_gt: int) -> tuple[float, dict[str, Any]]:
    """COCO: the mean envelope precision at recall levels np.linspace(0, 1, 101), as pycocotools' accumulate."""
    _, _, precision, recall = pr_curve(flags, num_gt)
    sampled = _sample(envelope(precision), recall, COCO_RECALLS)
    return float(np.mean(sampled)), {"sampled_precision": sampled}


AP_METHODS: dict[str, Callable[[np.ndarray, int], tuple[float, dict[str, Any]]]] = {
    "all-point": ap_all_point,
    "11-point": ap_11_point,
    "101-point": ap_101_point,
}


AVERAGE_PRECISION_LOOKUP = Lookup(
    keywords=("ap", "平均適合率", "pr curve", "pr曲線", "物体検出", "detection"),
    example={  # ap-all-point-drill
        "scores": [0.9, 0.8, 0.7, 0.6, 0.5],
        "is_tp": [True, True, False, True, False],
        "num_gt": 4,
        "method": "all-point",
    },
    summary_ja=(
        "スコア順に並べた検出の平均適合率 AP = ∫₀¹ P(R) dR。全点補間（VOC2010 以降）、11 点補間（VOC2007）"
        "、101 点補間（COCO）の 3 通り。"
    ),
)


@solver("average-precision", AVERAGE_PRECISION_LOOKUP)
def average_precision(
    scores: Annotated[np.ndarray, Array(ndim=1, shape="[N]")],
    is_tp: Annotated[np.ndarray, Array(ndim=1, shape="[N]", dtype="bool")],
    num_gt: Annotated[int, Int(min=1)],
    method: Annotated[str, Choice(*AP_METHODS)] = "all-point",
) -> Result:
    """Average precision of detections ranked by score: AP = ∫₀¹ P(R) dR, interpolated three ways.

    Rank by descending score (equal scores keep input order); at rank k, P_k = TP_k/k and
    R_k = TP_k/num_gt. all-point (VOC2010+): Σ_k (R_k − R_{k−1})·max_{j≥k} P_j. 11-point (VOC2007 devkit):
    mean over t = 0, 0.1, …, 1 of max {P : R ≥ t} (0 if none). 101-point (COCO): pycocotools' accumulate,
    the envelope sampled at recall np.linspace(0, 1, 101) with searchsorted(side="left"). Flags
    [1, 1, 0, 1, 0] with 4 ground truths: all-point 0.6875, 11-point 0.6818, 101-point 0.6906.
    """
    if is_tp.shape != scores.shape:
        raise SolverInputError(
            "is_tp",
            f"{len(scores)} flags, one per score",
            len(is_tp),
            ja=f"スコアごとに 1 つ、計 {len(scores)} 個のフラグ",
        )
    if int(is_tp.sum()) > num_gt:
        positives = int(is_tp.sum())
        raise SolverInputError(
            "num_gt",
            f"at least the number of true positives ({positives})",
            num_gt,
            ja=f"真陽性の数（{positives}）以上の値",
        )
    order = np.argsort(-scores, kind="stable")
    flags = is_tp[order]
    tp, fp, precision, recall = pr_curve(flags, num_gt)
    ap, detail = AP_METHODS[method](flags, num_gt)
    steps = {
        "order": order,
        "ranked_scores": scores[order],
        "tp": flags.astype(np.int64),
        "tp_cumsum": tp,
        "fp_cumsum": fp,
        "precision": precision,
        "recall": recall,
        **detail,
        "ap": ap,
    }
    return Result(ap, steps=steps)


# --- mAP over a dataset --------------------------------------------------------------------------------


class BoxRecords(tuple[Any, ...]):
    """Validated records, kept as given (so they echo back as JSON), plus their columns for vectorized work."""

    image_ids: list[Any]
    category_ids: list[Any]
    boxes: np.ndarray
    scores: np.ndarray | None

    def __new__(
        cls, records: Any, image_ids: list[Any], category_ids: list[Any], boxes: np.ndarray, scores: np.ndarray | None
    ) -> BoxRecords:
        self = super().__new__(cls, records)
        self.image_ids, self.category_ids, self.boxes, self.scores = image_ids, category_ids, boxes, scores
        return self


# A list of records as columns: image ids, category ids, boxes [N, 4], scores [N] (None when unscored).
RecordColumns = tuple[list[Any], list[Any], np.ndarray, np.ndarray | None]


class Records(Param):
    """A list of {image_id, category_id, bbox: [x1, y1, x2, y2]} (+ score) records; ids are integers or text.

    Unknown fields are refused: a COCO annotation pasted as is (bbox as x, y, w, h, with "area",
    "iscrowd") would otherwise be read silently wrong.
    """

    def __init__(self, scored: bool) -> None:
        self.fields = ("image_id", "category_id", "bbox") + (("score",) if scored else ())

    def describe(self, lang: str = "en") -> str:
        fields = "{" + ", ".join(self.fields).replace("bbox", "bbox: [x1, y1, x2, y2]") + "}"
        return f"レコードのリスト {fields}" if lang == "ja" else f"a list of records {fields}"

    def coerce(self, name: str, value: Any) -> BoxRecords:
        if not isinstance(value, (list, tuple)):
            raise self.refused(name, value)
        if len(value) > MAX_RECORDS:
            raise SolverInputError(
                name, f"at most {MAX_RECORDS:,} records", f"{len(value):,}", ja=f"{MAX_RECORDS:,} 件以下のレコード"
            )
        columns = self._fast_columns(value)
        if columns is None:
            columns = self._checked_columns(name, value)
        self._check_values(name, *columns)
        return BoxRecords(value, *columns)

    def _fast_columns(self, records: Any) -> RecordColumns | None:
        """Columns by bulk conversion when every record is plainly well-formed; None sends to the slow path."""
        fields = set(self.fields)
        if set(map(type, records)) - {dict} or not all(r.keys() == fields for r in records):
            return None
        images, categories = [r["image_id"] for r in records], [r["category_id"] for r in records]
        if not (_plain_ids(images) and _plain_ids(categories)):
            return None
        boxes = _numeric([r["bbox"] for r in records], (len(records), 4))
        scores = _numeric([r["score"] for r in records], (len(records),)) if "score" in fields else None
        if boxes is None or ("score" in fields and scores is None):
            return None
        return images, categories, boxes, scores

    def _checked_columns(self, name: str, records: Any) -> RecordColumns:
        """Record by record, raising at the first bad one with its index and field."""
        images, categories, boxes, scores = [], [], [], []
        fields = ", ".join(self.fields)
        for i, record in enumerate(records):
            where = f"{name}[{i}]"
            if not isinstance(record, Mapping):
                raise SolverInputError(where, "a record {" + fields + "}", record, ja="レコード {" + fields + "}")
            for key in record:
                if key not in self.fields:
                    raise SolverInputError(where, "only the fields " + fields, key, ja=f"フィールド {fields} のみ")
            for key in self.fields:
                if key not in record:
                    raise _field_error(f"{where}.{key}", key, NOTHING)
            images.append(_record_id(f"{where}.image_id", record["image_id"]))
            categories.append(_record_id(f"{where}.category_id", record["category_id"]))
            box = _numeric(record["bbox"], (4,)) if not isinstance(record["bbox"], (str, bytes)) else None
            if box is None:
                raise _field_error(f"{where}.bbox", "bbox", record["bbox"])
            boxes.append(box)
            if "score" in self.fields:
                score = _numeric(record["score"], ()) if not isinstance(record["score"], (str, bytes)) else None
                if score is None:
                    raise _field_error(f"{where}.score", "score", record["score"])
                scores.append(score)
        box_array = np.array(boxes, dtype=np.float64).reshape(-1, 4)
        return images, categories, box_array, np.array(scores, dtype=np.float64) if "score" in self.fields else None

    def _check_values(
        self, name: str, images: list[Any], categories: list[Any], boxes: np.ndarray, scores: np.ndarray | None
    ) -> None:
        with np.errstate(invalid="ignore"):
            bad = (
                ~np.isfinite(boxes).all(axis=1)
                | (boxes[:, 2] < boxes[:, 0])
                | (boxes[:, 3] < boxes[:, 1])
                | (np.abs(boxes) > MAX_COORDINATE).any(axis=1)
            )
        if bad.any():
            i = int(np.argmax(bad))
            raise _field_error(f"{name}[{i}].bbox", "bbox", boxes[i].tolist())
        if scores is not None and not np.isfinite(scores).all():
            i = int(np.argmax(~np.isfinite(scores)))
            raise _field_error(f"{name}[{i}].score", "score", float(scores[i]))


_FIELD_TEXT = {
    "image_id": "an integer or a string",
    "category_id": "an integer or a string",
    "bbox": f"corners [x1, y1, x2, y2] with x1 ≤ x2, y1 ≤ y2 and finite |coordinates| ≤ {MAX_COORDINATE:g}",
    "score": "a finite number",
}
_FIELD_TEXT_JA = {
    "image_id": "整数または文字列",
    "category_id": "整数または文字列",
    "bbox": f"角の座標 [x1, y1, x2, y2]（x1 ≤ x2、y1 ≤ y2、座標は有限で |座標| ≤ {MAX_COORDINATE:g}）",
    "score": "有限の数",
}


def _field_error(where: str, key: str, got: object) -> SolverInputError:
    """The error for a record's field ``key`` that is missing or not what the field holds."""
    return SolverInputError(where, _FIELD_TEXT[key], got, ja=_FIELD_TEXT_JA[key])


def _plain_ids(values: list[Any]) -> bool:
    return set(map(type, values)) <= {int, str}


def _record_id(where: str, value: Any) -> int | str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return int(value)
    raise _field_error(where, "image_id", value)


def _numeric(value: Any, shape: tuple[int, ...]) -> np.ndarray | None:
    """value as a float64 array of this shape if it is made of plain numbers (no text, no lone true/false)."""
    if isinstance(value, (bool, np.bool_)):
        return None
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        return None
    if array.size == 0 and shape and shape[0] == 0:
        return np.zeros(shape)
    if array.shape != shape or array.dtype.kind not in "iuf":
        return None
    return array.astype(np.float64)


class IouThresholds(Param):
    """One IoU threshold in [0, 1], a list of them, or "coco" for pycocotools' 0.50:0.05:0.95."""

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return 'IoU のしきい値（0〜1）、そのリスト、または "coco"（0.50:0.05:0.95）'
        return 'an IoU threshold in [0, 1], a list of them, or "coco" (0.50:0.05:0.95)'

    def coerce(self, name: str, value: Any) -> str | float | tuple[float, ...]:
        if isinstance(value, str) and value == "coco":
            return "coco"
        number = Number(min=0, max=1)
        try:
            if isinstance(value, (list, tuple, np.ndarray)):
                thresholds = tuple(number.coerce(name, v) for v in np.ravel(value).tolist())
                if thresholds:  # [[]] flattens to nothing: no threshold to average over
                    return thresholds
            return number.coerce(name, value)
        except (SolverInputError, ValueError):  # ValueError: NumPy refuses to flatten a ragged list
            raise self.refused(name, value) from None


def _thresholds(value: str | float | tuple[float, ...]) -> np.ndarray:
    if isinstance(value, str):
        return COCO_IOUS
    return np.atleast_1d(np.asarray(value, dtype=np.float64))


def coco_pair_iou(dt: np.ndarray, gt: np.ndarray) -> np.ndarray:
    """IoU of detection and ground-truth corner boxes with pycocotools' arithmetic (maskUtils.iou, bbIou).

    COCO stores (x, y, w, h) with w = x2 − x1 and recovers the far edge as x + w, which can differ from x2 in
    the last bit; the overlap is min(x + w) − max(x), 0 unless both sides are positive, and the union
    w_d·h_d + w_g·h_g − overlap. The bit matters when an IoU lands exactly on a threshold. 0/0 (overlap and
    union underflow to 0) stays NaN, as in pycocotools, and never passes a threshold.
    """
    dw, dh = dt[..., 2] - dt[..., 0], dt[..., 3] - dt[..., 1]
    gw, gh = gt[..., 2] - gt[..., 0], gt[..., 3] - gt[..., 1]
    width = np.minimum(dw + dt[..., 0], gw + gt[..., 0]) - np.maximum(dt[..., 0], gt[..., 0])
    height = np.minimum(dh + dt[..., 1], gh + gt[..., 1]) - np.maximum(dt[..., 1], gt[..., 1])
    positive = (width > 0) & (height > 0)
    overlap = np.where(positive, width * height, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        iou: np.ndarray = np.where(positive, overlap / (dw * dh + gw * gh - overlap), 0.0)
    return iou


def _factorize(values: list[Any]) -> tuple[np.ndarray, list[Any]]:
    """Codes numbering the distinct values in sorted order (numbers before text), and those values."""
    if set(map(type, values)) <= {int}:
        try:
            uniques, codes = np.unique(np.array(values, dtype=np.int64), return_inverse=True)
            return codes.reshape(-1), uniques.tolist()
        except OverflowError:
            pass
    distinct = sorted(set(values), key=lambda v: (isinstance(v, str), v))
    index = {v: i for i, v in enumerate(distinct)}
    return np.array([index[v] for v in values], dtype=np.int64), distinct


class _Pairs:
    """Every (detection, ground truth) pair in the same image and category, with its IoU.

    ``det_keys`` are image·category group keys of the detections, in an order where each group is
    contiguous; ground truths are grouped the same way, in input order within a group (which is
    pycocotools' order, and decides its ties).
    """

    def __init__(
        self,
        det_keys: np.ndarray,
        det_boxes: np.ndarray,
        gt_keys: np.ndarray,
        gt_boxes: np.ndarray,
        iou: Callable[[np.ndarray, np.ndarray], np.ndarray] = lambda a, b: pair_iou(a, b)[2],
    ):
        self.gt_order = np.argsort(gt_keys, kind="stable")
        sorted_keys = gt_keys[self.gt_order]
        low = np.searchsorted(sorted_keys, det_keys, side="left")
        self.counts = np.searchsorted(sorted_keys, det_keys, side="right") - low
        total = int(self.counts.sum())
        if total > MAX_PAIRS:
            raise SolverInputError(
                "detections",
                f"at most {MAX_PAIRS:,} detection–ground-truth pairs in the same image and category",
                f"{total:,}",
                ja=f"同じ画像・同じカテゴリ内の検出と正解の組 {MAX_PAIRS:,} 個以下",
            )
        self.starts = np.cumsum(self.counts) - self.counts
        self.det = np.repeat(np.arange(len(det_keys)), self.counts)
        self.gt = np.repeat(low, self.counts) + np.arange(total) - np.repeat(self.starts, self.counts)
        self.iou = iou(det_boxes[self.det], gt_boxes[self.gt_order][self.gt])


def _match_voc(pairs: _Pairs, count: int, thresholds: np.ndarray) -> np.ndarray:
    """TP flags [T, D] for detections in class rank order, by the devkit rule.

    Each detection's candidate is its highest-IoU ground truth (the first of equals, as the devkit's
    strict ``ov > ovmax``); it is a TP when that IoU exceeds the threshold and no earlier-ranked
    detection claimed the same ground truth.
    """
    flags = np.zeros((len(thresholds), count), dtype=bool)
    has = pairs.counts > 0
    if not has.any():
        return flags
    best = np.maximum.reduceat(pairs.iou, pairs.starts[has])
    is_best = np.flatnonzero(pairs.iou == np.repeat(best, pairs.counts[has]))
    first = is_best[np.r_[True, pairs.det[is_best][1:] != pairs.det[is_best][:-1]]]
    dets, claimed = pairs.det[first], pairs.gt[first]
    for t, threshold in enumerate(thresholds):
        above = best > threshold
        # dets are in rank order, so np.unique's first occurrence is the earliest claim on each ground truth
        _, winners = np.unique(claimed[above], return_index=True)
        flags[t, dets[above][winners]] = True
    return flags


def _match_coco(
    pairs: _Pairs, group_rank: np.ndarray, gt_ignored: np.ndarray, thresholds: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(matched, matched to an ignored ground truth), each [T, D], for detections sorted by (category, image,
    rank in the image), by pycocotools' rule; ``gt_ignored`` is per ground truth in pairs' grouped order.

    Down the ranks of each image and category, a detection takes the unmatched ground truth of highest
    IoU ≥ min(t, 1 − 1e-10), the last of equals (COCOeval.evaluateImg's loop); an ignored ground truth
    (area beyond the range) only when no regular one qualifies, since evaluateImg sorts them last and
    stops at them once it holds a regular match. Groups are independent, so all detections of the same
    rank in their groups are matched at once.
    """
    flags = np.zeros((len(thresholds), len(group_rank)), dtype=bool)
    on_ignored = np.zeros_like(flags)
    level = group_rank[pairs.det]
    by_level = np.argsort(level, kind="stable")
    det, gt, iou = pairs.det[by_level], pairs.gt[by_level], pairs.iou[by_level]
    regular = ~gt_ignored[gt]
    bounds = np.searchsorted(level[by_level], np.arange(int(level.max(initial=-1)) + 2))
    for t, threshold in enumerate(thresholds):
        passes = iou >= min(threshold, 1 - 1e-10)
        matched = np.zeros(len(gt_ignored), dtype=bool)
        for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
            open_ = np.flatnonzero(passes[lo:hi] & ~matched[gt[lo:hi]]) + lo
            if not open_.size:
                continue
            owners = det[open_]
            new = np.r_[True, owners[1:] != owners[:-1]]
            has_regular = np.logical_or.reduceat(regular[open_], np.flatnonzero(new))[np.cumsum(new) - 1]
            open_ = open_[regular[open_] | ~has_regular]
            owners, values = det[open_], iou[open_]
            new = np.r_[True, owners[1:] != owners[:-1]]
            best = np.maximum.reduceat(values, np.flatnonzero(new))[np.cumsum(new) - 1]
            tied = open_[values == best]
            chosen = tied[np.r_[det[tied][1:] != det[tied][:-1], True]]
            matched[gt[chosen]] = True
            flags[t, det[chosen]] = True
            on_ignored[t, det[chosen]] = ~regular[chosen]
    return flags, on_ignored


MAP_LOOKUP = Lookup(
    keywords=("mean average precision", "平均適合率の平均", "物体検出", "detection"),
    example={  # map-voc-two-images-drill
        "ground_truths": [
            {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10]},
            {"image_id": 1, "category_id": 2, "bbox": [20, 0, 30, 10]},
            {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10]},
            {"image_id": 2, "category_id": 1, "bbox": [20, 20, 30, 30]},
        ],
        "detections": [
            {"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.95},
            {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 8], "score": 0.9},
            {"image_id": 1, "category_id": 1, "bbox": [1, 0, 11, 10], "score": 0.8},
            {"image_id": 1, "category_id": 2, "bbox": [22, 0, 32, 10], "score": 0.7},
            {"image_id": 2, "category_id": 1, "bbox": [22, 22, 32, 32], "score": 0.6},
            {"image_id": 2, "category_id": 2, "bbox": [20, 0, 30, 10], "score": 0.5},
        ],
        "protocol": "voc",
        "iou_thresholds": 0.5,
    },
    summary_ja=(
        "mAP: カテゴリごとの AP の平均を IoU しきい値について平均したもの。voc は最大 IoU の正解に割り当て、"
        "coco は pycocotools の規則に従う。"
    ),
)


@solver("map", MAP_LOOKUP)
def mean_average_precision(
    ground_truths: Annotated[BoxRecords, Records(scored=False)],
    detections: Annotated[BoxRecords, Records(scored=True)],
    protocol: Annotated[str, Choice("voc", "coco")] = "voc",
    iou_thresholds: Annotated[Any, IouThresholds()] = 0.5,
    max_detections: Annotated[int, Int(min=1)] = 100,
) -> Result:
    """mAP of detections against ground truth: the mean over categories of AP, averaged over IoU thresholds.

    Per category, detections are ranked by descending score over all images; each is a TP or an FP by
    matching it with the ground truths of its image and category (boxes x1, y1, x2, y2, no +1), then
    AP_c = mean_t AP(ranked flags at threshold t) and mAP = (1/C) Σ_c AP_c over the categories that have
    ground truth (detections of other categories are ignored).
    voc (devkit): by descending score, a detection goes to the ground truth of highest IoU; IoU > t
    (strict) makes it a TP unless that ground truth is taken (a duplicate: FP); all-point AP; equal scores
    keep input order. coco (pycocotools COCOeval, area "all", no crowd): the best still-unmatched ground
    truth with IoU ≥ t (IoU in pycocotools' x, y, w, h arithmetic); boxes of area above 1e10 are ignored, as
    the area range "all" does; at most max_detections per image and category (highest scores first); 101-point
    AP; equal scores rank by image id, then input order, as COCOeval.accumulate. iou_thresholds "coco"
    means np.linspace(0.5, 0.95, 10). Answer {"map", "per_class": {category_id: AP}}.
    """
    gt, dt = ground_truths, detections
    if not gt:
        raise SolverInputError("ground_truths", "at least one ground-truth box", [], ja="1 個以上の正解ボックス")
    thresholds = _thresholds(iou_thresholds)
    image_codes, _ = _factorize(gt.image_ids + dt.image_ids)
    category_codes, categories = _factorize(gt.category_ids + dt.category_ids)
    if len({str(c) for c in categories}) < len(categories):
        raise SolverInputError(
            "detections",
            'category ids that stay distinct as text (1 and "1" collide)',
            categories,
            ja='文字列にしても互いに区別できるカテゴリ ID（1 と "1" は衝突する）',
        )
    images = int(image_codes.max()) + 1
    gt_image, dt_image = image_codes[: len(gt)], image_codes[len(gt) :]
    gt_category, dt_category = category_codes[: len(gt)], category_codes[len(gt) :]
    # COCO's area range "all" ignores ground truths of area above 1e10: they leave the count and the mean.
    gt_ignored = box_area(gt.boxes) > COCO_MAX_AREA if protocol == "coco" else np.zeros(len(gt), dtype=bool)
    num_gt = np.bincount(gt_category[~gt_ignored], minlength=len(categories))
    if not num_gt.any():
        raise SolverInputError(
            "ground_truths",
            f'a box of area ≤ {COCO_MAX_AREA:g} (COCO ignores larger ones: area range "all")',
            ja=f'面積が {COCO_MAX_AREA:g} 以下のボックス（COCO は面積範囲 "all" でこれより大きいものを無視する）',
        )
    scores = dt.scores if dt.scores is not None else np.zeros(0)
    index = np.flatnonzero(num_gt[dt_category] > 0) if len(dt) else np.zeros(0, dtype=np.int64)
    gt_keys = gt_category * images + gt_image

    if protocol == "voc":
        counted = None
        ranked = index[np.lexsort((index, -scores[index], dt_category[index]))]
        pairs = _Pairs(dt_category[ranked] * images + dt_image[ranked], dt.boxes[ranked], gt_keys, gt.boxes)
        flags = _match_voc(pairs, len(ranked), thresholds)
    else:
        grouped = index[np.lexsort((index, -scores[index], dt_image[index], dt_category[index]))]
        keys = dt_category[grouped] * images + dt_image[grouped]
        new = np.r_[True, keys[1:] != keys[:-1]] if len(keys) else np.zeros(0, dtype=bool)
        group_rank = np.arange(len(keys)) - np.flatnonzero(new)[np.cumsum(new) - 1]
        kept = group_rank < max_detections
        grouped, keys, group_rank = grouped[kept], keys[kept], group_rank[kept]
        pairs = _Pairs(keys, dt.boxes[grouped], gt_keys, gt.boxes, coco_pair_iou)
        matched, on_ignored = _match_coco(pairs, group_rank, gt_ignored[pairs.gt_order], thresholds)
        by_class = np.lexsort((group_rank, dt_image[grouped], -scores[grouped], dt_category[grouped]))
        ranked, flags = grouped[by_class], matched[:, by_class]
        # Ignored, neither TP nor FP: a match to an ignored ground truth, or an unmatched box beyond the range.
        too_large = box_area(dt.boxes[ranked]) > COCO_MAX_AREA
        counted = ~(on_ignored[:, by_class] | (~flags & too_large))

    ap_method = ap_all_point if protocol == "voc" else ap_101_point
    bounds = np.searchsorted(dt_category[ranked], np.arange(len(categories) + 1))
    per_class: dict[str, float] = {}
    steps: dict[str, Any] = {
        "iou_thresholds": thresholds.tolist(),
        "num_gt": {},
        "detections": {},
        "scores": {},
        "tp": {},
        "precision": {},
        "recall": {},
        "ap": {},
    }
    squeeze: Callable[[np.ndarray], np.ndarray] = (lambda a: a[0]) if len(thresholds) == 1 else (lambda a: a)
    for code in np.flatnonzero(num_gt).tolist():
        key = str(categories[code])
        members = slice(bounds[code], bounds[code + 1])
        class_flags = flags[:, members]
        class_counted = np.ones(class_flags.shape, dtype=bool) if counted is None else counted[:, members]
        _, _, precision, recall = pr_curve(class_flags, int(num_gt[code]), class_counted)
        # An ignored detection repeats its predecessor's point of the curve, so dropping it leaves the AP as is.
        aps = np.array([ap_method(row[keep], int(num_gt[code]))[0] for row, keep in zip(class_flags, class_counted)])
        per_class[key] = float(np.mean(aps))
        for name, value in (
            ("num_gt", int(num_gt[code])),
            ("detections", ranked[members]),
            ("scores", scores[ranked[members]]),
            ("tp", squeeze(class_flags.astype(np.int64))),
            ("precision", squeeze(precision)),
            ("recall", squeeze(recall)),
            ("ap", float(aps[0]) if len(aps) == 1 else aps),
        ):
            steps[name][key] = value
    answer = {"map": float(np.mean(list(per_class.values()))), "per_class": per_class}
    return Result(answer, steps=steps)
