"""Object detection: box IoU, non-maximum suppression and SSD's default boxes and offsets.

Boxes are corners (x1, y1, x2, y2) in continuous coordinates: a box's width is x2 − x1, with no "+1 pixel"
(torchvision.ops, COCO). Zero-width or zero-height boxes are allowed, as torchvision allows them; a box with
x2 < x1 or y2 < y1 is an error (torchvision calls it undefined; its "area" would be negative).
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np
import numpy.typing as npt

from solvers.errors import SolverInputError
from solvers.params import Array, Int, IntList, Number, Param, Size
from solvers.registry import Lookup, Result, solver

# Keeps every area, sum of areas and product below float64's range, so no IoU is ever inf/inf.
MAX_COORDINATE = 1e100

# Above this many box pairs that overlap along x, NMS stops listing pairs and runs torchvision's greedy loop.
_NMS_PAIR_BUDGET = 30_000_000
_NMS_CHUNK = 1 << 18


def check_corners(name: str, boxes: np.ndarray) -> None:
    """Raise naming ``name[i]`` for the first box (rows of [..., 4]) that is not x1 ≤ x2, y1 ≤ y2 or too large."""
    rows = boxes.reshape(-1, 4)
    bad = (rows[:, 2] < rows[:, 0]) | (rows[:, 3] < rows[:, 1]) | (np.abs(rows) > MAX_COORDINATE).any(axis=1)
    if bad.any():
        index = int(np.argmax(bad))
        where = f"{name}[{index}]" if boxes.ndim == 2 else name
        raise SolverInputError(
            where,
            f"corners [x1, y1, x2, y2] with x1 ≤ x2, y1 ≤ y2 and |coordinates| ≤ {MAX_COORDINATE:g}",
            rows[index].tolist(),
            ja=f"x1 ≤ x2、y1 ≤ y2、|座標| ≤ {MAX_COORDINATE:g} を満たす角の座標 [x1, y1, x2, y2]",
        )


class Boxes(Array):
    """Corner boxes [N, 4] (an empty list is no boxes), or with ``single`` also one box [4]."""

    def __init__(self, single: bool = False) -> None:
        super().__init__(ndim=(1, 2), shape="[N, 4] or [4]" if single else "[N, 4]")
        self.single = single

    def coerce(self, name: str, value: Any) -> np.ndarray:
        boxes = super().coerce(name, value)
        if boxes.shape == (0,):
            boxes = boxes.reshape(0, 4)
        if boxes.shape[-1] != 4 or (boxes.ndim == 1 and not self.single):
            raise SolverInputError(
                name,
                f"boxes (x1, y1, x2, y2) of shape {self.shape}",
                list(boxes.shape),
                ja=f"形が {self.shape_ja} のボックス (x1, y1, x2, y2)",
            )
        check_corners(name, boxes)
        return boxes


def box_area(boxes: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return (boxes[..., 2] - boxes[..., 0]) * (boxes[..., 3] - boxes[..., 1])


def pair_iou(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(intersection, union, IoU) of boxes a and b, broadcast against each other over their leading axes.

    The arithmetic is torchvision's box_iou term for term (areas, clamped overlap, area_a + area_b − inter),
    so both give bit-identical numbers. Where the union is 0 (two boxes of zero area) torchvision divides
    0 by 0 and gets NaN; here the IoU is 0, as pycocotools' maskUtils.iou gives, and NMS is unaffected
    (NaN > t and 0 > t are both false).
    """
    area_a, area_b = box_area(a), box_area(b)
    width = np.minimum(a[..., 2], b[..., 2]) - np.maximum(a[..., 0], b[..., 0])
    height = np.minimum(a[..., 3], b[..., 3]) - np.maximum(a[..., 1], b[..., 1])
    inter = np.maximum(width, 0.0) * np.maximum(height, 0.0)
    union = area_a + area_b - inter
    iou = np.divide(inter, union, out=np.zeros(np.shape(inter)), where=union > 0)
    return inter, union, iou


IOU_LOOKUP = Lookup(
    keywords=("jaccard", "intersection over union", "物体検出", "detection"),
    example={"boxes_a": [0, 0, 2, 2], "boxes_b": [1, 1, 3, 3]},  # iou-worked-drill
    summary_ja=(
        "ボックスの IoU（Jaccard 係数）= |A ∩ B| / |A ∪ B| = 交差 / (面積A + 面積B − 交差)。座標は連続値（+1 "
        "しない）で torchvision.ops.box_iou と同じ。"
    ),
)


@solver("iou", IOU_LOOKUP)
def iou(
    boxes_a: Annotated[np.ndarray, Boxes(single=True)],
    boxes_b: Annotated[np.ndarray, Boxes(single=True)],
) -> Result:
    """IoU (Jaccard index) of boxes: |A ∩ B| / |A ∪ B| = inter / (area_A + area_B − inter).

    inter = max(0, min(x2) − max(x1)) · max(0, min(y2) − max(y1)), with corners (x1, y1, x2, y2) in
    continuous coordinates (no +1 pixel), exactly as torchvision.ops.box_iou. [N, 4] × [M, 4] gives an
    [N, M] matrix; a single box [4] drops its axis, so two single boxes give a number. Two boxes of zero
    area have IoU 0 (torchvision: NaN). (0,0,2,2) and (1,1,3,3): 1 / (4 + 4 − 1) = 1/7.
    """
    a = boxes_a[:, np.newaxis, :] if boxes_a.ndim == 2 and boxes_b.ndim == 2 else boxes_a
    inter, union, value = pair_iou(a, boxes_b)
    steps = {
        "area_a": _plain(box_area(boxes_a)),
        "area_b": _plain(box_area(boxes_b)),
        "intersection": _plain(inter),
        "union": _plain(union),
        "iou": _plain(value),
    }
    return Result(_plain(value), steps=steps)


def _plain(value: np.ndarray) -> float | np.ndarray:
    """A 0-d result as a Python float (one box, one number), arrays as they are."""
    return float(value) if np.ndim(value) == 0 else value


NMS_LOOKUP = Lookup(
    keywords=("non-maximum suppression", "非最大値抑制", "物体検出", "detection"),
    example={  # nms-kept-drill
        "boxes": [[0, 0, 2, 2], [1, 1, 3, 3], [0, 0, 2, 2.2]],
        "scores": [0.9, 0.8, 0.7],
        "iou_threshold": 0.5,
    },
    summary_ja=(
        "非最大値抑制（torchvision.ops.nms と同じ）: スコアの高い順にボックスを残し、残したボックスとの "
        "IoU がしきい値を超えるものを除く。残すボックスの番号をスコアの降順で返す。"
    ),
)


@solver("nms", NMS_LOOKUP)
def nms(
    boxes: Annotated[np.ndarray, Boxes()],
    scores: Annotated[np.ndarray, Array(ndim=1, shape="[N]")],
    iou_threshold: Annotated[float, Number(min=0, max=1)] = 0.5,
) -> Result:
    """Non-maximum suppression, exactly as torchvision.ops.nms: kept indices in descending score order.

    Go down the boxes by descending score; keep a box unless a kept box overlaps it with IoU strictly
    greater than the threshold (IoU = threshold survives). Equal scores keep their input order, as
    torchvision's CPU kernel does (a stable sort). The step ``suppressed_by`` names, for each box, the kept
    box that removed it (−1 for kept boxes). A(0,0,2,2) 0.9, B(1,1,3,3) 0.8, C(0,0,2,2.2) 0.7 at 0.5:
    IoU(A,B) = 1/7, IoU(A,C) ≈ 0.909, so A and B stay and C goes.
    """
    count = boxes.shape[0]
    if scores.shape != (count,):
        raise SolverInputError(
            "scores",
            f"{count} scores, one per box",
            list(scores.shape),
            ja=f"ボックスごとに 1 つのスコア（計 {count} 個）",
        )
    order = np.argsort(-scores, kind="stable")
    by_x = np.argsort(boxes[:, 0], kind="stable")
    sorted_boxes = boxes[by_x]
    reach_x, reach_y = _reach(sorted_boxes, iou_threshold)
    ends = np.searchsorted(sorted_boxes[:, 0], reach_x, side="left")
    pairs = np.cumsum(np.maximum(ends - np.arange(1, count + 1), 0))
    # Listing pairs is cheap while boxes are spread out. When nearly all overlap, the pair list is huge, but
    # then each kept box suppresses many and torchvision's greedy rounds are cheap.
    if count and pairs[-1] <= _NMS_PAIR_BUDGET and _reach_is_safe(sorted_boxes, iou_threshold):
        suppressed_by = _nms_by_pairs(boxes, order, iou_threshold, by_x, pairs, reach_y)
    else:
        suppressed_by = _nms_greedy(boxes, order, iou_threshold)
    kept = order[suppressed_by[order] < 0]
    return Result(kept, steps={"order": order, "kept": kept, "suppressed_by": suppressed_by})


class _Columns:
    """x1, y1, x2, y2 and area as contiguous arrays, for IoU between gathered pairs of boxes."""

    def __init__(self, boxes: np.ndarray) -> None:
        self.x1, self.y1, self.x2, self.y2 = (np.ascontiguousarray(boxes[:, k]) for k in range(4))
        self.area = box_area(boxes)

    def exceeds(self, p: np.ndarray | int, q: np.ndarray, threshold: float) -> np.ndarray:
        """IoU(p, q) > threshold, with pair_iou's arithmetic (so torchvision's); 0/0 is NaN, i.e. false."""
        width = np.minimum(self.x2[p], self.x2[q]) - np.maximum(self.x1[p], self.x1[q])
        height = np.minimum(self.y2[p], self.y2[q]) - np.maximum(self.y1[p], self.y1[q])
        inter = np.maximum(width, 0.0) * np.maximum(height, 0.0)
        with np.errstate(invalid="ignore"):
            # numpy's stubs type indexing by a scalar as Any, so the comparison's type is declared here.
            hit: np.ndarray = inter / (self.area[p] + self.area[q] - inter) > threshold
        return hit


def _reach(boxes: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """How far each box reaches along x and y: a partner q can only have IoU > t with box p if
    x1_q < reach_x[p] and y1_q < reach_y[p] (when q starts at or after p), and vice versa.

    Exactly, IoU > t forces the overlap along each axis past t times each box's extent, e.g. x2_p − x1_q > t·w_p
    (the overlap's width times its height exceeds t times p's area, and the height is at most h_p). The float
    IoU differs from the exact one by a relative 1e-15 at most, so a slightly lower t and a margin of a few
    ulps of the coordinates keep every pair whose float IoU can exceed t: the pruning never drops a hit.
    """
    t = threshold * (1 - 1e-9)
    x1, y1, x2, y2 = boxes.T
    margin_x = 8 * np.spacing(np.abs(x1) + np.abs(x2))
    margin_y = 8 * np.spacing(np.abs(y1) + np.abs(y2))
    return x2 - t * (x2 - x1) + margin_x, y2 - t * (y2 - y1) + margin_y


def _reach_is_safe(boxes: np.ndarray, threshold: float) -> bool:
    """_reach's error bound holds away from float64's subnormal range (tiny areas or thresholds)."""
    if threshold == 0:
        return True  # IoU > 0 needs x1_q < x2_p, an exact comparison
    areas = box_area(boxes)
    return threshold >= 1e-6 and bool((areas[areas > 0] >= 1e-200).all())


def _nms_greedy(boxes: np.ndarray, order: np.ndarray, threshold: float) -> np.ndarray:
    """torchvision's loop, with one vectorized IoU per kept box against the boxes still standing below it."""
    columns = _Columns(boxes[order])
    suppressed_by_rank = np.full(len(order), -1, dtype=np.int64)
    remaining = np.arange(len(order))
    while remaining.size:
        top, rest = remaining[0], remaining[1:]
        hit = columns.exceeds(top, rest, threshold)
        suppressed_by_rank[rest[hit]] = top
        remaining = rest[~hit]
    return _to_indices(suppressed_by_rank, order)


def _nms_by_pairs(
    boxes: np.ndarray, order: np.ndarray, threshold: float, by_x: np.ndarray, pairs: np.ndarray, reach_y: np.ndarray
) -> np.ndarray:
    """The same result from the sparse list of pairs whose IoU exceeds the threshold.

    A sweep along x lists the pairs within each other's reach (see _reach), in chunks to bound memory; the
    IoU test keeps the hits; one pass down the score order lets each kept box suppress its hits. Pruning
    never drops a pair whose float IoU exceeds t, so the hits, and the result, are torchvision's.
    """
    count = len(order)
    rank = np.empty(count, dtype=np.int64)
    rank[order] = np.arange(count)
    columns = _Columns(boxes[by_x])
    # A float32 prefilter moves half the bytes; rounding is monotone, so `<` in float64 implies `<=` in
    # float32 and no pair within reach is lost. Coordinates beyond float32's range stay in float64.
    narrow = np.float32 if np.abs(reach_y).max() < 1e38 and np.abs(columns.y1).max() < 1e38 else np.float64
    y1, reach_y = columns.y1.astype(narrow), reach_y.astype(narrow)
    counts = np.diff(pairs, prepend=0)
    winners, losers = [], []
    start = 0
    while start < count:
        done = pairs[start - 1] if start else 0
        stop = min(max(int(np.searchsorted(pairs, done + _NMS_CHUNK, side="right")), start + 1), count)
        per_box = counts[start:stop]
        total = int(per_box.sum())
        if total:
            local_ends = np.cumsum(per_box)
            shift = (local_ends - per_box - np.arange(start + 1, stop + 1)).astype(np.int32)
            q = np.arange(total, dtype=np.int32) - np.repeat(shift, per_box)
            near = np.flatnonzero(
                (y1[q] <= np.repeat(reach_y[start:stop], per_box)) & (reach_y[q] >= np.repeat(y1[start:stop], per_box))
            )
            p = start + np.searchsorted(local_ends, near, side="right")
            q = q[near]
            hit = columns.exceeds(p, q, threshold)
            rp, rq = rank[by_x[p[hit]]], rank[by_x[q[hit]]]
            winners.append(np.minimum(rp, rq))
            losers.append(np.maximum(rp, rq))
        start = stop
    winner = np.concatenate(winners) if winners else np.zeros(0, dtype=np.int64)
    loser = np.concatenate(losers) if losers else np.zeros(0, dtype=np.int64)
    by_winner = np.argsort(winner, kind="stable")
    winner, loser = winner[by_winner], loser[by_winner]
    bounds = np.searchsorted(winner, np.arange(count + 1))
    suppressed_by_rank = np.full(count, -1, dtype=np.int64)
    for r in np.flatnonzero(bounds[1:] > bounds[:-1]).tolist():
        if suppressed_by_rank[r] < 0:  # only kept boxes suppress; the first kept one to reach a box names it
            victims = loser[bounds[r] : bounds[r + 1]]
            victims = victims[suppressed_by_rank[victims] < 0]
            suppressed_by_rank[victims] = r
    return _to_indices(suppressed_by_rank, order)


def _to_indices(suppressed_by_rank: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Ranks (positions in score order) of suppressors → input indices, per input box; −1 stays −1."""
    suppressed_by = np.full(len(order), -1, dtype=np.int64)
    hit = suppressed_by_rank >= 0
    suppressed_by[order[hit]] = order[suppressed_by_rank[hit]]
    return suppressed_by


class FeatureMaps(Param):
    """A non-empty list of feature-map sizes, each a side m (an m×m map) or a pair [m, n]."""

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return "特徴マップのサイズのリスト（それぞれ 1 以上の整数か [m, n] の組）"
        return "a list of feature-map sizes, each an integer ≥ 1 or a pair [m, n]"

    def coerce(self, name: str, value: Any) -> tuple[int | tuple[int, int], ...]:
        if not isinstance(value, (list, tuple)) or not value:
            raise self.refused(name, value)
        size = Size()
        return tuple(size.coerce(f"{name}[{i}]", v) for i, v in enumerate(value))


SSD_BOX_COUNT_LOOKUP = Lookup(
    keywords=("default box", "デフォルトボックス", "物体検出", "detection"),
    example={"feature_maps": [38, 19, 10, 5, 3, 1], "boxes_per_location": [4, 6, 6, 6, 4, 4]},  # ssd-box-count-drill
    summary_ja="SSD のデフォルトボックスの総数 Σ k·m·n（特徴マップ m×n、位置ごとに k 個）。SSD300 では 8732。",
)


@solver("ssd-box-count", SSD_BOX_COUNT_LOOKUP)
def ssd_box_count(
    feature_maps: Annotated[tuple[int | tuple[int, int], ...], FeatureMaps()] = (38, 19, 10, 5, 3, 1),
    boxes_per_location: Annotated[tuple[int, ...], IntList(min=1)] = (4, 6, 6, 6, 4, 4),
    num_classes: Annotated[int, Int(min=1)] = 21,
) -> Result:
    """Number of SSD default boxes: Σ k·m·n over the feature maps (8732 for SSD300).

    An m×n feature map with k default boxes per location has k·m·n boxes, and each box outputs #Class
    confidences (background included: 21 on VOC) plus 4 offsets (Δx, Δy, Δw, Δh), so the map outputs
    k(#Class + 4)mn values. SSD300: maps 38, 19, 10, 5, 3, 1 with k = 4, 6, 6, 6, 4, 4 give
    5776 + 2166 + 600 + 150 + 36 + 4 = 8732 boxes and 8732 × 25 = 218300 outputs; SSD512 (maps 64 … 1,
    k = 4, 6, 6, 6, 6, 4, 4) gives 24564. Extras: ``per_map`` box counts and ``outputs``.
    """
    if len(boxes_per_location) != len(feature_maps):
        raise SolverInputError(
            "boxes_per_location",
            f"{len(feature_maps)} counts, one per feature map",
            list(boxes_per_location),
            ja=f"特徴マップごとに 1 つの数（計 {len(feature_maps)} 個）",
        )
    locations = [m * m if isinstance(m, int) else m[0] * m[1] for m in feature_maps]
    per_map = [k * cells for k, cells in zip(boxes_per_location, locations)]
    total = sum(per_map)
    outputs = total * (num_classes + 4)
    steps = {
        "locations": locations,
        "per_map": per_map,
        "outputs_per_box": num_classes + 4,
        "outputs_per_map": [n * (num_classes + 4) for n in per_map],
        "boxes": total,
        "outputs": outputs,
    }
    return Result(total, extras={"per_map": per_map, "outputs": outputs}, steps=steps)


class Variances(Array):
    """SSD's variances: [v_center, v_size], or one per coordinate [v_cx, v_cy, v_w, v_h]; all positive."""

    def __init__(self) -> None:
        super().__init__(ndim=1, shape="[2] or [4]")

    def coerce(self, name: str, value: Any) -> np.ndarray:
        variances = super().coerce(name, value)
        if variances.shape not in ((2,), (4,)) or (variances <= 0).any():
            raise SolverInputError(
                name, "2 or 4 positive numbers, e.g. [0.1, 0.2]", value, ja="正の数 2 個か 4 個（[0.1, 0.2] など）"
            )
        return variances


SSD_DECODE_LOOKUP = Lookup(
    keywords=("default box", "デフォルトボックス", "offset", "オフセット", "物体検出", "detection"),
    example={"default_boxes": [0.5, 0.5, 0.2, 0.2], "offsets": [1.0, -0.5, 0.5, 0.0]},  # ssd-decode-drill
    summary_ja=(
        "SSD のオフセットの復元: cx = d_cx + v₀Δx·d_w、cy = d_cy + v₀Δy·d_h、w = d_w·exp(v₁Δw)、h = d_h·exp(v₁Δh)"
        "（v₀ = 0.1、v₁ = 0.2）。"
    ),
)


@solver("ssd-decode", SSD_DECODE_LOOKUP)
def ssd_decode(
    default_boxes: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[N, 4] or [4]")],
    offsets: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[N, 4] or [4]")],
    variances: Annotated[np.ndarray | tuple[float, float], Variances()] = (0.1, 0.2),
) -> Result:
    """Decode SSD offsets against default boxes (cx, cy, w, h) with variances v₀ = 0.1, v₁ = 0.2.

    cx = d_cx + v₀·Δx·d_w,  cy = d_cy + v₀·Δy·d_h,  w = d_w·exp(v₁·Δw),  h = d_h·exp(v₁·Δh)
    (the inverse of the encoding Δx = (g_cx − d_cx)/(v₀ d_w), Δw = log(g_w/d_w)/v₁). The course notes'
    "y = y₀ + 0.1·Δx·h₀" is a typo for Δy. The answer keeps the input's layout (cx, cy, w, h); the steps add
    the corners (cx ± w/2, cy ± h/2). Default box (0.5, 0.5, 0.2, 0.2) with Δ = (1.0, −0.5, 0.5, 0.0):
    (0.52, 0.49, 0.22103, 0.2).
    """
    variances = np.asarray(variances, dtype=np.float64)  # the default arrives uncoerced
    for name, array in (("default_boxes", default_boxes), ("offsets", offsets)):
        if array.shape[-1:] != (4,):
            raise SolverInputError(
                name,
                "rows of 4 numbers, shape [N, 4] or [4]",
                list(array.shape),
                ja="4 つの数からなる行（形 [N, 4] か [4]）",
            )
    if offsets.shape != default_boxes.shape:
        raise SolverInputError(
            "offsets",
            f"the shape of default_boxes {list(default_boxes.shape)}",
            list(offsets.shape),
            ja=f"default_boxes と同じ形 {list(default_boxes.shape)}",
        )
    if (default_boxes[..., 2:] <= 0).any():
        raise SolverInputError(
            "default_boxes",
            "boxes (cx, cy, w, h) with positive w and h",
            default_boxes.tolist(),
            ja="w と h が正のボックス (cx, cy, w, h)",
        )
    scale = variances if variances.shape == (4,) else np.repeat(variances, 2)
    with np.errstate(over="ignore", invalid="ignore"):
        shift = scale[:2] * offsets[..., :2] * default_boxes[..., 2:]
        growth = np.exp(scale[2:] * offsets[..., 2:])
        center = default_boxes[..., :2] + shift
        size = default_boxes[..., 2:] * growth
        decoded = np.concatenate([center, size], axis=-1)
        corners = np.concatenate([center - size / 2, center + size / 2], axis=-1)
    if not (np.isfinite(decoded).all() and np.isfinite(corners).all()):
        raise SolverInputError(
            "offsets",
            "offsets small enough that the decoded box is finite",
            offsets.tolist(),
            ja="復元したボックスが有限になる程度に小さいオフセット",
        )
    steps = {
        "center_shift": shift,
        "size_scale": growth,
        "cx": _plain(decoded[..., 0]),
        "cy": _plain(decoded[..., 1]),
        "w": _plain(decoded[..., 2]),
        "h": _plain(decoded[..., 3]),
        "corners": corners,
    }
    return Result(decoded, steps=steps)
