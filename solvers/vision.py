"""Vision architectures by the numbers: focal loss, EfficientNet scaling, ViT patches, YOLO outputs, anchors.

focal-loss is torchvision.ops.sigmoid_focal_loss term for term; the others are the closed forms of the papers
(EfficientNet's compound scaling, ViT's patch embedding, YOLOv1's output tensor, Faster R-CNN's anchors).
"""

from __future__ import annotations

from typing import Annotated

import numpy as np

from solvers.activations import sigmoid
from solvers.errors import OVERFLOW, Outcome, SolverInputError
from solvers.params import Array, Bool, Choice, Int, Number, Size
from solvers.registry import Lookup, Result, solver

Count = Annotated[int, Int(min=1)]
Side = Annotated[int | tuple[int, int], Size()]


def _pair(size: int | tuple[int, int]) -> tuple[int, int]:
    return (size, size) if isinstance(size, int) else size


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    """log σ(x) = min(x, 0) − log(1 + e^(−|x|)), the form torch's log_sigmoid uses (no overflow for any x)."""
    result: np.ndarray = np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))
    return result


FOCAL_LOSS_LOOKUP = Lookup(
    keywords=("focal loss", "フォーカルロス", "焦点損失", "retinanet", "クラス不均衡", "class imbalance", "detection"),
    # One easy negative (p = 0.119), one hard positive (p = 0.269), one easy positive (p = 0.953).
    example={"logits": [-2.0, -1.0, 3.0], "targets": [0, 1, 1]},
    summary_ja=(
        "RetinaNet の focal loss FL(p_t) = −α_t (1 − p_t)^γ log p_t。p = σ(ロジット)、p_t は正解クラスの確率（正例"
        "で p、負例で 1 − p）、α_t は正例で α、負例で 1 − α（既定 α = 0.25、γ = 2）。torchvision.ops.sigmoid_foca"
        "l_loss と同じで、reduction の既定はこのツールでは mean（torchvision は none）。"
    ),
)


@solver("focal-loss", FOCAL_LOSS_LOOKUP)
def focal_loss(
    logits: Annotated[np.ndarray, Array()],
    targets: Annotated[np.ndarray, Array()],
    alpha: Annotated[float, Number()] = 0.25,
    gamma: Annotated[float, Number(min=0)] = 2.0,
    reduction: Annotated[str, Choice("mean", "none", "sum")] = "mean",
) -> Result:
    """Focal loss FL(p_t) = −α_t (1 − p_t)^γ log p_t, p = σ(logit), p_t = p if t = 1 else 1 − p (RetinaNet).

    Exactly torchvision.ops.sigmoid_focal_loss: the log term is binary_cross_entropy_with_logits (stable for
    any logit), p_t = p·t + (1 − p)(1 − t), α_t = α·t + (1 − α)(1 − t), so α weighs the positives and 1 − α
    the negatives. α = −1 switches the weighting off (α_t = 1); any other α outside [0, 1] is refused, as
    torchvision refuses it. γ = 0 with α = −1 is plain binary cross-entropy. Targets are labels 0/1; values
    in between are soft labels, computed by the same formulas as torchvision does.
    reduction: mean (this tool's default) | sum | none (torchvision's own default is "none").
    """
    if logits.shape != targets.shape:
        raise SolverInputError(
            "targets",
            f"an array of the logits' shape {list(logits.shape)}",
            list(targets.shape),
            ja=f"logits と同じ形 {list(logits.shape)} の配列",
        )
    if ((targets < 0) | (targets > 1)).any():
        raise SolverInputError(
            "targets",
            "labels 0 or 1 (or soft labels between them)",
            targets.tolist(),
            ja="0 か 1 のラベル（またはその間のソフトラベル）",
        )
    if not (0 <= alpha <= 1 or alpha == -1):
        raise SolverInputError(
            "alpha",
            "a weight in [0, 1], or −1 for no weighting (torchvision)",
            alpha,
            ja="[0, 1] の重み、または重み付けなしを表す −1（torchvision と同じ）",
        )
    if reduction == "mean" and logits.size == 0:
        raise SolverInputError(
            "logits",
            "at least one logit for reduction=mean",
            Outcome("an empty array", "配列が空でした"),
            ja="reduction=mean では 1 つ以上のロジット",
        )
    with np.errstate(over="ignore", invalid="ignore"):  # only a sum of huge losses can overflow; checked below
        p = sigmoid(logits)
        ce = (1.0 - targets) * logits - _log_sigmoid(logits)
        p_t = p * targets + (1.0 - p) * (1.0 - targets)
        modulating = (1.0 - p_t) ** gamma
        alpha_t = alpha * targets + (1.0 - alpha) * (1.0 - targets) if alpha >= 0 else np.ones_like(targets)
        losses = alpha_t * (ce * modulating)  # torchvision's order of products
        loss = {"none": losses, "mean": np.mean(losses), "sum": np.sum(losses)}[reduction]
    if not np.isfinite(loss).all():
        raise SolverInputError(
            "logits", "logits whose losses add up to a finite number", OVERFLOW, ja="損失の合計が有限の数になるロジット"
        )
    answer = loss if reduction == "none" else float(loss)
    steps = {"p": p, "p_t": p_t, "ce": ce, "modulating": modulating, "alpha_t": alpha_t, "losses": losses}
    return Result(answer, steps={**steps, "loss": answer})


EFFICIENTNET_SCALING_LOOKUP = Lookup(
    keywords=("efficientnet", "compound scaling", "複合スケーリング", "スケーリング", "cnn-arch"),
    example={"phi": 2},  # from B0, two doublings of FLOPs
    summary_ja=(
        "EfficientNet の複合スケーリング：深さ α^φ、幅 β^φ、解像度 γ^φ 倍、FLOPs は (α·β²·γ²)^φ 倍。FLOPs "
        "は深さに比例し、幅（入出力チャネル）と解像度（縦横）には 2 乗で比例する。原論文の値は α = 1.2、"
        "β = 1.1、γ = 1.15（α·β²·γ² ≈ 2）。"
    ),
)


@solver("efficientnet-scaling", EFFICIENTNET_SCALING_LOOKUP)
def efficientnet_scaling(
    phi: Annotated[float, Number()],
    alpha: Annotated[float, Number(min=0, exclusive_min=True)] = 1.2,
    beta: Annotated[float, Number(min=0, exclusive_min=True)] = 1.1,
    gamma: Annotated[float, Number(min=0, exclusive_min=True)] = 1.15,
) -> Result:
    """EfficientNet compound scaling: depth d = α^φ, width w = β^φ, resolution r = γ^φ, FLOPs × (α·β²·γ²)^φ.

    The FLOPs of a convolution grow linearly with depth and with the square of width (channels in and out)
    and of resolution (height and width), hence β² and γ². The paper's grid search at φ = 1 found α = 1.2,
    β = 1.1, γ = 1.15 under α·β²·γ² ≈ 2, so each step of φ roughly doubles the FLOPs (1.2·1.21·1.3225 =
    1.92027). These are the exact multipliers; the released B1–B7 round them (and the channel counts).
    """
    with np.errstate(over="ignore", under="ignore"):
        base = np.float64(alpha) * np.float64(beta) ** 2 * np.float64(gamma) ** 2
        factors = np.power(np.array([alpha, beta, gamma, base]), np.float64(phi))
    if not np.isfinite(base):
        raise SolverInputError(
            "alpha",
            "α, β, γ whose product α·β²·γ² is finite",
            [alpha, beta, gamma],
            ja="積 α·β²·γ² が有限になる α、β、γ の値",
        )
    if not np.isfinite(factors).all():
        raise SolverInputError(
            "phi", "an exponent for which every multiplier is a finite number", phi, ja="どの倍率も有限の数になる指数"
        )
    depth, width, resolution, flops = (float(f) for f in factors)
    answer = {"depth": depth, "width": width, "resolution": resolution, "flops": flops}
    return Result(answer, steps={"flops_per_step": float(base), **answer})


VIT_PATCHES_LOOKUP = Lookup(
    keywords=("vit", "vision transformer", "パッチ", "patch embedding", "パッチ埋め込み", "cls token", "transformer"),
    presets={"vit-b/16": {"image": 224, "patch": 16}, "vit-b/32": {"image": 224, "patch": 32}},
    example={"image": 224, "patch": 16},  # ViT-B/16 at 224×224
    summary_ja=(
        "ViT のパッチ分割：パッチ数 N = HW/P²、1 パッチのベクトルの次元 P²·C、系列長は [class] トークンを加えて "
        "N + 1。画像がパッチの大きさで割り切れない場合は受け付けない（torchvision の VisionTransformer "
        "と同じ）。"
    ),
)


@solver("vit-patches", VIT_PATCHES_LOOKUP)
def vit_patches(
    image: Side,
    patch: Side,
    channels: Count = 3,
    cls_token: Annotated[bool, Bool()] = True,
) -> Result:
    """ViT patches: N = HW/P² patches, each a vector of P²·C values; the sequence has N + 1 tokens with [class].

    An H×W×C image is cut into non-overlapping P×P patches, flattened and projected (torchvision's
    VisionTransformer does it with a P×P convolution of stride P). A size given as one number is square; a
    rectangular patch [p_h, p_w] gives p_h·p_w·C. An image that the patch does not tile exactly is refused,
    as torchvision's VisionTransformer refuses it. ViT-B/16 at 224: 14×14 = 196 patches, 197 tokens, 768
    values per patch.
    """
    (height, width), (patch_h, patch_w) = _pair(image), _pair(patch)
    if height % patch_h or width % patch_w:
        raise SolverInputError(
            "patch",
            f"a patch size that divides the image {height}×{width}",
            patch,
            ja=f"画像 {height}×{width} を割り切るパッチサイズ",
        )
    grid = [height // patch_h, width // patch_w]
    num_patches = grid[0] * grid[1]
    patch_dim = patch_h * patch_w * channels
    sequence_length = num_patches + int(cls_token)
    answer = {"num_patches": num_patches, "sequence_length": sequence_length, "patch_dim": patch_dim}
    return Result(answer, steps={"grid": grid, "num_patches": num_patches, "patch_dim": patch_dim, **answer})


YOLO_OUTPUT_LOOKUP = Lookup(
    keywords=("yolo", "yolov1", "グリッド", "grid cell", "物体検出", "detection"),
    presets={"yolov1": {"grid": 7, "boxes": 2, "classes": 20}},
    example={"grid": 7, "boxes": 2, "classes": 20},  # YOLOv1 on PASCAL VOC: 7×7×30
    summary_ja=(
        "YOLOv1 の出力の要素数 S·S·(B·5 + C)。各セルが B 個のボックス（x, y, w, h, 信頼度の 5 値）と、"
        "そのセルで共有する C クラスの確率を出す。形は [S, S, B·5 + C]（VOC では 7×7×30）。"
    ),
)


@solver("yolo-output", YOLO_OUTPUT_LOOKUP)
def yolo_output(grid: Count, boxes: Count, classes: Count) -> Result:
    """YOLOv1 output size: S·S·(B·5 + C) for an S×S grid, B boxes per cell and C classes.

    Each cell predicts B boxes of 5 numbers (x, y, w, h, confidence) and one set of C class probabilities
    shared by its boxes (v1; from YOLOv2 on, the class scores are per anchor box). S = 7, B = 2, C = 20:
    7×7×30 = 1470. The extra ``shape`` is [S, S, B·5 + C].
    """
    per_cell = boxes * 5 + classes
    total = grid * grid * per_cell
    shape = [grid, grid, per_cell]
    steps = {"cells": grid * grid, "box_values": boxes * 5, "per_cell": per_cell, "shape": shape, "outputs": total}
    return Result(total, extras={"shape": shape}, steps=steps)


ANCHOR_COUNT_LOOKUP = Lookup(
    keywords=("anchor", "anchor box", "アンカー", "アンカーボックス", "rpn", "faster r-cnn", "物体検出", "detection"),
    example={"feature_map": [40, 60]},  # VGG-16 on a ~600×1000 image: ~2,400 locations, 9 anchors each
    summary_ja=(
        "Faster R-CNN の RPN のアンカー数 = 特徴マップの位置数 h·w × 1 位置あたりの k（= 大きさの数 × "
        "縦横比の数、原論文は 3 × 3 = 9）。RPN は各位置で 2k 個のスコアと 4k 個のボックスの補正量を出す。"
    ),
)


@solver("anchor-count", ANCHOR_COUNT_LOOKUP)
def anchor_count(feature_map: Side, scales: Count = 3, ratios: Count = 3) -> Result:
    """Anchors of a Faster R-CNN RPN: h·w·k with k = scales·ratios anchors per feature-map location.

    Each location of an h×w feature map carries one anchor per (scale, aspect ratio) pair: 3 scales
    (128², 256², 512²) × 3 ratios (1:2, 1:1, 2:1) = 9 in the paper, and the RPN predicts 2k scores and 4k
    offsets there. A 40×60 map has 2,400 locations and 21,600 anchors. Same count as torchvision's
    AnchorGenerator with one feature map. The extra ``per_location`` is k.
    """
    height, width = _pair(feature_map)
    per_location = scales * ratios
    total = height * width * per_location
    steps = {"locations": height * width, "per_location": per_location, "anchors": total}
    return Result(total, extras={"per_location": per_location}, steps=steps)
