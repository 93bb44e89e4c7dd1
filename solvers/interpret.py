"""Explaining and embedding: Grad-CAM, Shapley values, graph convolution, metric-learning losses."""

from __future__ import annotations

import math
from typing import Annotated

import numpy as np

from solvers.errors import NOTHING, OVERFLOW, Outcome, SolverInputError
from solvers.params import Array, Bool, Choice, Number, Optional
from solvers.registry import Lookup, Result, solver

Vectors = Array(ndim=(1, 2), shape="[D] or [N, D]")
NEGATIVE_ENTRY = Outcome("a negative entry", "負の要素がありました")
A_VALUE = Outcome("a value", "指定がありました")


class Similar(Array):
    """Whether each pair is similar: one true/false, or a list [N] of them for a batch."""

    def __init__(self) -> None:
        super().__init__(ndim=(0, 1), dtype="bool")

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return "true か false、バッチならその長さ N のリスト"
        return "true/false, or a list [N] of them for a batch"


GCN_LAYER_LOOKUP = Lookup(
    keywords=(
        "gcn",
        "graph convolution",
        "グラフ畳み込み",
        "グラフニューラルネットワーク",
        "gnn",
        "隣接行列",
        "adjacency",
    ),
    example={  # a path graph 0 – 1 – 2 with scalar features: degrees with self-loops 2, 3, 2
        "adjacency": [[0, 1, 0], [1, 0, 1], [0, 1, 0]],
        "features": [[1.0], [2.0], [3.0]],
        "weight": [[1.0]],
    },
    summary_ja=(
        "GCN の 1 層 H′ = σ(D̂^−½ Â D̂^−½ X W)（Kipf & Welling）。Â = A + I は各ノードに自己ループを "
        "1 本加えた隣接行列、D̂ は Â の行和（次数）を並べた対角行列で、辺 (i, j) は 1/√(d̂_i d̂_j) で重みづけされ"
        "る。σ は ReLU（出力層では恒等）。"
    ),
)


@solver("gcn-layer", GCN_LAYER_LOOKUP)
def gcn_layer(
    adjacency: Annotated[np.ndarray, Array(ndim=2, shape="[N, N]")],
    features: Annotated[np.ndarray, Array(ndim=2, shape="[N, F]")],
    weight: Annotated[np.ndarray, Array(ndim=2, shape="[F, F′]")],
    self_loops: Annotated[bool, Bool()] = True,
    activation: Annotated[str, Choice("relu", "none")] = "relu",
) -> Result:
    """One GCN layer (Kipf & Welling): H′ = σ(D̂^−½ Â D̂^−½ X W), Â = A + I, D̂_ii = Σ_j Â_ij.

    Â = A + I adds one self-loop to every node, as the paper writes it, even where A already has one
    (PyG's GCNConv adds only the missing ones). The degrees are the row sums of Â (A may be weighted, with
    non-negative weights; for a symmetric A rows and columns agree). A node of degree 0 (possible only
    with self_loops false) gets D̂^−½ = 0, PyG's convention, instead of a division by zero. σ is ReLU, or
    none for the output layer. Steps: Â, the degrees, the normalized adjacency, XW, then the aggregation.
    """
    nodes = adjacency.shape[0]
    if adjacency.shape != (nodes, nodes):
        raise SolverInputError("adjacency", "a square matrix [N, N]", list(adjacency.shape), ja="[N, N] の正方行列")
    if (adjacency < 0).any():
        raise SolverInputError("adjacency", "non-negative edge weights", NEGATIVE_ENTRY, ja="非負の辺の重み")
    if features.shape[0] != nodes:
        raise SolverInputError(
            "features",
            f"one row per node ([{nodes}, F])",
            list(features.shape),
            ja=f"ノードごとに 1 行（[{nodes}, F]）",
        )
    if weight.shape[0] != features.shape[1]:
        raise SolverInputError(
            "weight",
            f"[{features.shape[1]}, F′] (one row per feature)",
            list(weight.shape),
            ja=f"形 [{features.shape[1]}, F′]（特徴量ごとに 1 行）",
        )
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # overflow is reported just below
        a_hat = adjacency + np.eye(nodes) if self_loops else adjacency
        degree = a_hat.sum(axis=1)
        d_inv_sqrt = np.where(degree > 0, 1.0 / np.sqrt(degree), 0.0)
        a_norm = d_inv_sqrt[:, None] * a_hat * d_inv_sqrt[None, :]
        xw = features @ weight
        aggregated = a_norm @ xw
    if not np.isfinite(degree).all():
        raise SolverInputError(
            "adjacency", "edge weights whose row sums are finite", OVERFLOW, ja="行和が有限になる辺の重み"
        )
    if not np.isfinite(aggregated).all():
        raise SolverInputError(
            "features", "values whose products and sums are finite", OVERFLOW, ja="積と和が有限になる値"
        )
    output = np.maximum(aggregated, 0.0) if activation == "relu" else aggregated
    steps = {"a_hat": a_hat, "degree": degree, "d_inv_sqrt": d_inv_sqrt, "a_norm": a_norm, "xw": xw}
    return Result(output, steps={**steps, "aggregated": aggregated, "output": output})


GRAD_CAM_LOOKUP = Lookup(
    keywords=(
        "grad-cam",
        "gradcam",
        "cam",
        "説明可能性",
        "xai",
        "explainability",
        "判断根拠",
        "ヒートマップ",
        "heatmap",
    ),
    example={  # two 2×2 channels; the class score rises with channel 0 and falls with channel 1
        "activations": [[[1.0, 2.0], [0.0, 1.0]], [[0.0, 1.0], [2.0, 3.0]]],
        "gradients": [[[0.5, 0.5], [0.5, 0.5]], [[-0.25, 0.0], [-0.25, 0.0]]],
    },
    summary_ja=(
        "Grad-CAM のヒートマップ L^c = ReLU(Σ_k α_k^c A^k)、α_k^c = (1/Z) Σ_i Σ_j ∂y^c/∂A^k_ij（クラス "
        "c のソフトマックス前のスコアの勾配を、最後の畳み込み層の特徴マップ A^k の縦横で平均したもの）"
        "。画像サイズへの拡大と [0, 1] への正規化の前の H×W のマップ。"
    ),
)


@solver("grad-cam", GRAD_CAM_LOOKUP)
def grad_cam(
    activations: Annotated[np.ndarray, Array(ndim=3, shape="[K, H, W]")],
    gradients: Annotated[np.ndarray, Array(ndim=3, shape="[K, H, W]")],
) -> Result:
    """Grad-CAM: L = ReLU(Σ_k α_k A^k), α_k = (1/Z) Σ_i Σ_j ∂y^c/∂A^k_ij (global average of the gradients).

    A^k are the K feature maps of the last convolutional layer and the gradients those of the class score
    y^c (before softmax) with respect to them. α_k says how much channel k matters for class c; the ReLU
    keeps the regions that raise the score. The map is H×W, as the feature map (implementations then
    upsample it to the image and scale it to [0, 1] for display; this is the map before that). With a
    global-average-pooling head, α_k = w_k^c/Z and Grad-CAM is CAM divided by Z = H·W. Extra ``weights``: α.
    """
    if gradients.shape != activations.shape:
        raise SolverInputError(
            "gradients",
            f"the activations' shape {list(activations.shape)}",
            list(gradients.shape),
            ja=f"activations と同じ形（{list(activations.shape)}）",
        )
    if activations.shape[1] * activations.shape[2] == 0:
        raise SolverInputError(
            "activations", "feature maps of at least 1×1", list(activations.shape), ja="1×1 以上の特徴マップ"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        weights = gradients.mean(axis=(1, 2))
        weighted_sum = np.tensordot(weights, activations, axes=1)
    if not (np.isfinite(weights).all() and np.isfinite(weighted_sum).all()):
        raise SolverInputError(
            "activations", "values whose weighted sum is finite", OVERFLOW, ja="重み付き和が有限になる値"
        )
    cam = np.maximum(weighted_sum, 0.0)
    return Result(
        cam, extras={"weights": weights}, steps={"weights": weights, "weighted_sum": weighted_sum, "cam": cam}
    )


SHAPLEY_LOOKUP = Lookup(
    keywords=("shap", "shapley value", "シャープレイ値", "協力ゲーム", "cooperative game", "説明可能性", "xai"),
    # The glove game: player 0 holds a left glove, players 1 and 2 a right one; a pair is worth 1.
    example={"values": [0, 0, 0, 1, 0, 1, 0, 1]},
    summary_ja=(
        "シャープレイ値 φ_i = Σ_{S ⊆ N∖{i}} |S|!(n − |S| − 1)!/n! · (v(S ∪ {i}) − v(S))：プレイヤー（特徴量）"
        "i の限界貢献を、加わる順番 n! 通りで平均したもの。values の添字は組 S のビットマスク（ビット "
        "i が立てば i を含む）で、φ の和は v(N) − v(∅)（効率性）。"
    ),
)


@solver("shapley", SHAPLEY_LOOKUP)
def shapley(values: Annotated[np.ndarray, Array(ndim=1, shape="[2ⁿ]")]) -> Result:
    """Shapley values φ_i = Σ_{S ⊆ N∖{i}} |S|!(n − |S| − 1)!/n! · (v(S ∪ {i}) − v(S)).

    values[S] is v(S) for the coalition whose bitmask is S (bit i set = player i in it), so values[0] is
    v(∅) and values[2ⁿ − 1] is v(N). φ_i is player i's marginal contribution averaged over the n! orders
    in which the players can join; the weight counts the orders in which exactly S comes before i. The
    values add up to v(N) − v(∅) (efficiency). Glove game [0, 0, 0, 1, 0, 1, 0, 1]: (2/3, 1/6, 1/6).
    """
    players = len(values).bit_length() - 1
    if not len(values) or len(values) != 1 << players:
        raise SolverInputError(
            "values",
            "2ⁿ values, one per coalition (1, 2, 4, 8, …)",
            len(values),
            ja="提携ごとに 1 つ、計 2ⁿ 個の値（1, 2, 4, 8, …）",
        )
    masks = np.arange(len(values))
    sizes = np.bitwise_count(masks)
    # |S|!(n − |S| − 1)!/n! = 1/(n·C(n − 1, |S|)), exact in integers before the one division
    size_weights = np.array([1.0 / (players * math.comb(players - 1, k)) for k in range(players)])
    phi = np.empty(players)
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(players):  # one pass per player, vectorized over the 2ⁿ⁻¹ coalitions without i
            without = masks[(masks >> i) & 1 == 0]
            phi[i] = np.sum(size_weights[sizes[without]] * (values[without | (1 << i)] - values[without]))
        total = values[-1] - values[0]
    if not (np.isfinite(phi).all() and np.isfinite(total)):
        raise SolverInputError(
            "values", "coalition values whose differences are finite", OVERFLOW, ja="差が有限になる提携の値"
        )
    steps = {
        "players": players,
        "size_weights": size_weights,
        "v_empty": float(values[0]),
        "v_all": float(values[-1]),
        "shapley": phi,
        "total": float(total),
    }
    return Result(phi, steps=steps)


METRIC_LOSS_LOOKUP = Lookup(
    keywords=(
        "triplet loss",
        "contrastive loss",
        "トリプレット損失",
        "対照損失",
        "距離学習",
        "metric learning",
        "siamese",
        "シャムネットワーク",
        "facenet",
    ),
    example={"kind": "triplet", "anchor": [0.0, 0.0], "positive": [0.3, 0.4], "negative": [0.6, 0.8]},
    summary_ja=(
        "距離学習の損失（d はユークリッド距離、m はマージン）。対照損失：似ている組は ½d²、似ていない組は "
        "½max(0, m − d)²。トリプレット損失：max(0, d(a, p) − d(a, n) + m)（torch の triplet_margin_loss "
        "で eps = 0 としたもの）。バッチでは平均をとる。"
    ),
)


def _distance(name: str, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(d, d²) along the last axis, d² summed as torch's 2-norm sums it; b must have a's shape."""
    if b.shape != a.shape:
        raise SolverInputError(
            name, f"the anchor's shape {list(a.shape)}", list(b.shape), ja=f"anchor と同じ形（{list(a.shape)}）"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        squared = np.sum((a - b) ** 2, axis=-1)
    if not np.isfinite(squared).all():
        raise SolverInputError(
            name,
            "vectors whose squared distance to the anchor is finite",
            OVERFLOW,
            ja="anchor との距離の 2 乗が有限になるベクトル",
        )
    return np.sqrt(squared), squared


@solver("metric-loss", METRIC_LOSS_LOOKUP)
def metric_loss(
    anchor: Annotated[np.ndarray, Vectors],
    kind: Annotated[str, Choice("contrastive", "triplet")] = "contrastive",
    other: Annotated[np.ndarray | None, Optional(Vectors)] = None,
    positive: Annotated[np.ndarray | None, Optional(Vectors)] = None,
    negative: Annotated[np.ndarray | None, Optional(Vectors)] = None,
    similar: Annotated[np.ndarray | None, Optional(Similar())] = None,
    margin: Annotated[float, Number(min=0, exclusive_min=True)] = 1.0,
) -> Result:
    """Metric learning, d = ‖x − y‖₂: contrastive ½d² or ½max(0, m − d)²; triplet max(0, d(a,p) − d(a,n) + m).

    contrastive (Siamese networks, Hadsell et al.): a pair anchor/other is pulled together when similar and
    pushed apart until at least the margin m otherwise. triplet (FaceNet): the anchor must be closer to the
    positive than to the negative by m. Vectors [D], or a batch [N, D] (similar then [N]); a batch's loss is
    the mean, torch's default reduction. The triplet equals torch.nn.functional.triplet_margin_loss with
    eps=0: torch's default eps = 1e-6 is added to every difference (‖a − p + ε‖), which moves each distance
    by at most ε·√D. Like torch, the margin must be positive.
    """
    wrong = {
        "contrastive": {"positive": positive, "negative": negative},
        "triplet": {"other": other, "similar": similar},
    }[kind]
    for name, value in wrong.items():
        if value is not None:
            raise SolverInputError(
                name, f"no {name} for kind={kind}", A_VALUE, ja=f"kind={kind} では {name} の指定なし"
            )
    if anchor.ndim == 2 and anchor.shape[0] == 0:
        raise SolverInputError(
            "anchor", "at least one vector in the batch", list(anchor.shape), ja="バッチ内に 1 つ以上のベクトル"
        )
    if kind == "triplet":
        return _triplet(anchor, positive, negative, margin)
    return _contrastive(anchor, other, similar, margin)


def _mean(losses: np.ndarray) -> float:
    loss = float(np.mean(losses))
    if not np.isfinite(losses).all() or not math.isfinite(loss):
        raise SolverInputError(
            "margin", "a margin and distances whose losses are finite", OVERFLOW, ja="損失が有限になるマージンと距離"
        )
    return loss


def _required(name: str, value: np.ndarray | None, kind: str) -> np.ndarray:
    if value is None:
        raise SolverInputError(name, f"a value for kind={kind}", NOTHING, ja=f"kind={kind} での値")
    return value


def _triplet(anchor: np.ndarray, positive: np.ndarray | None, negative: np.ndarray | None, margin: float) -> Result:
    d_ap, _ = _distance("positive", anchor, _required("positive", positive, "triplet"))
    d_an, _ = _distance("negative", anchor, _required("negative", negative, "triplet"))
    with np.errstate(over="ignore"):
        losses = np.maximum(d_ap - d_an + margin, 0.0)
        loss = _mean(losses)
    return Result(loss, steps={"d_positive": d_ap, "d_negative": d_an, "losses": losses, "loss": loss})


def _contrastive(anchor: np.ndarray, other: np.ndarray | None, similar: np.ndarray | None, margin: float) -> Result:
    d, squared = _distance("other", anchor, _required("other", other, "contrastive"))
    similar = _required("similar", similar, "contrastive")
    if similar.shape != d.shape:
        raise SolverInputError(
            "similar",
            f"one true/false per pair (shape {list(d.shape)})",
            list(similar.shape),
            ja=f"組ごとに 1 つの true/false（形 {list(d.shape)}）",
        )
    with np.errstate(over="ignore"):
        losses = np.where(similar, 0.5 * squared, 0.5 * np.maximum(margin - d, 0.0) ** 2)
        loss = _mean(losses)
    return Result(loss, steps={"d": d, "similar": similar, "losses": losses, "loss": loss})
