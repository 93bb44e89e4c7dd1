"""Layers of a feed-forward network, forward and backward: affine, losses, dropout, regularization.

Each follows PyTorch where the contract names it (autograd for the gradients, F.cross_entropy, MSELoss, BCELoss,
F.dropout) and the course (ゼロから作る Deep Learning) where it names the course's convention. Weights are in the
course's layout, y = xW + b with W of shape [D, M] (torch.nn.Linear stores the transpose).
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from solvers.errors import OVERFLOW, SolverInputError
from solvers.params import Array, Bool, Choice, Number
from solvers.registry import Lookup, Result, solver

# torch's BCELoss backward divides by max(y(1 − y), EPSILON), with EPSILON a float literal: 1e-12 rounded to
# float32 (9.999999960041972e-13). Using the float64 1e-12 would move the gradient at y = 0 or 1 by 4e-9 relative.
_BCE_GRAD_EPSILON = float(np.float32(1e-12))
# A soft target row must sum to 1 within this (typed decimals such as 0.1 + 0.2 + 0.7 are off by an ulp or so).
_ROW_SUM_TOLERANCE = 1e-6


def _check_shape(name: str, array: np.ndarray, shape: tuple[int, ...], layout: str) -> None:
    if array.shape != shape:
        raise SolverInputError(
            name, f"shape {list(shape)}, as {layout}", list(array.shape), ja=f"{layout} に合う形 {list(shape)}"
        )


AFFINE_BACKWARD_LOOKUP = Lookup(
    keywords=("affine", "アフィン", "全結合層", "linear layer", "逆伝播", "backpropagation", "誤差逆伝播法"),
    # ゼロから作る §5.6: a batch of two inputs through a 2 → 3 affine layer, upstream gradient all ones.
    example={
        "x": [[1.0, 2.0], [3.0, 4.0]],
        "weight": [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
        "bias": [0.1, 0.2, 0.3],
        "dout": [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]],
    },
    summary_ja=(
        "Affine レイヤ Y = XW + b（X は [N, D] で各行が 1 サンプル、W は [D, M]）の逆伝播：∂L/∂X = (∂L/∂Y)"
        "Wᵀ、∂L/∂W = Xᵀ(∂L/∂Y)、∂L/∂b = Σ_n (∂L/∂Y)_n（バッチ方向の和）。W の並びはゼロから作る Deep "
        "Learning の形で、torch.nn.Linear はその転置 [M, D] を持つ（勾配の値は同じ）。"
    ),
)


@solver("affine-backward", AFFINE_BACKWARD_LOOKUP)
def affine_backward(
    x: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[N, D] or [D]")],
    weight: Annotated[np.ndarray, Array(ndim=2, shape="[D, M]")],
    bias: Annotated[np.ndarray, Array(ndim=1, shape="[M]")],
    dout: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[N, M] or [M]")],
) -> Result:
    """Affine backward for y = xW + b: ∂L/∂x = (∂L/∂y)Wᵀ, ∂L/∂W = xᵀ(∂L/∂y), ∂L/∂b = Σ_n (∂L/∂y).

    Course layout (ゼロから作る Affine): W is [D, M], a row of x is one sample. torch.nn.Linear keeps the
    transpose [M, D]; the gradients are the same numbers as torch autograd's (dW transposed). db sums dout over
    the batch because b was added to every row. A single sample x [D] with dout [M] gives dx [D].
    """
    d, m = weight.shape
    batched = x.ndim == 2
    n = x.shape[0] if batched else 1
    _check_shape("x", x, (n, d) if batched else (d,), "[N, D]" if batched else "[D]")
    _check_shape("bias", bias, (m,), "[M]")
    _check_shape("dout", dout, (n, m) if batched else (m,), "[N, M]" if batched else "[M]")
    rows, upstream = x.reshape(n, d), dout.reshape(n, m)
    with np.errstate(over="ignore", invalid="ignore"):  # reported below, naming the input
        out = rows @ weight + bias
        dx = upstream @ weight.T
        dw = rows.T @ upstream
        db = upstream.sum(axis=0)
    if not (np.isfinite(dx).all() and np.isfinite(dw).all() and np.isfinite(db).all()):
        raise SolverInputError(
            "dout",
            "an upstream gradient whose products with x and W are finite",
            OVERFLOW,
            ja="x との積も W との積も有限になる上流の勾配",
        )
    dx = dx.reshape(x.shape)
    answer = {"dx": dx, "dW": dw, "db": db}
    # The forward output is only shown; it may overflow (a bias of 1e308) where the gradients do not.
    forward = {"out": out.reshape(dout.shape)} if np.isfinite(out).all() else {}
    return Result(answer, steps={**forward, "dout": dout, "dx": dx, "dW": dw, "db": db})


SOFTMAX_CROSS_ENTROPY_LOOKUP = Lookup(
    keywords=(
        "交差エントロピー誤差",
        "softmax with loss",
        "softmax-with-loss",
        "ソフトマックス",
        "cross entropy loss",
    ),
    presets={"label smoothing": {"label_smoothing": 0.1}, "ラベル平滑化": {"label_smoothing": 0.1}},
    # The classic logits [2.0, 1.0, 0.1] (softmax 0.659, 0.242, 0.099) with class 0 correct, and a second sample.
    example={"logits": [[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], "target": [0, 1]},
    summary_ja=(
        "ソフトマックス関数と交差エントロピー誤差 L = −(1/N) Σ_n Σ_k t_nk log softmax(x_n)_k（バッチ平均）"
        "。ロジットに対する勾配は (y − t)/N で、torch.nn.functional.cross_entropy と同じ；ラベル平滑化 "
        "ε では目標を t′ = (1 − ε)t + ε/K に置き換える。"
    ),
)


@solver("softmax-cross-entropy", SOFTMAX_CROSS_ENTROPY_LOOKUP)
def softmax_cross_entropy(
    logits: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[N, K] or [K]")],
    target: Annotated[
        np.ndarray,
        Array(
            ndim=(0, 1, 2),
            shape="class indices [N] (an int for [K] logits) or [N, K]",
            shape_ja="クラス番号 [N]（logits が [K] なら整数 1 つ）か [N, K]",
        ),
    ],
    label_smoothing: Annotated[float, Number(min=0, max=1)] = 0.0,
) -> Result:
    """Softmax cross-entropy L = −(1/N) Σ_n Σ_k t′_nk log softmax(x_n)_k, ∂L/∂x = (softmax(x) − t′)/N.

    Exactly torch.nn.functional.cross_entropy (reduction "mean") and its autograd gradient: the course's
    Softmax-with-Loss, whose backward is (y − t)/N. The target is class indices ([N] for [N, K] logits, one int
    for [K] logits) or, when it has the logits' shape, one-hot rows or probabilities. Label smoothing ε mixes in
    the uniform distribution: t′ = (1 − ε)t + ε/K, for indices and probabilities alike, as torch does.
    torch accepts any real soft target; here a soft row must be a distribution (entries in [0, 1], sum 1 within
    1e-6), and torch's ignore_index (−100) is refused as an index like any other out of range. The gradient is
    written (softmax·Σt′ − t′)/N, which is torch's log_softmax backward and equals (softmax − t′)/N when Σt′ = 1.
    """
    k = logits.shape[-1]
    if k == 0 or logits.size == 0:
        raise SolverInputError(
            "logits",
            "at least one sample and one class",
            list(logits.shape),
            ja="少なくとも 1 つのサンプルと 1 つのクラス",
        )
    rows = logits.reshape(-1, k)
    smoothed = (1.0 - label_smoothing) * _target_distribution(target, logits.shape) + label_smoothing / k
    with np.errstate(over="ignore", invalid="ignore"):
        shifted = rows - rows.max(axis=-1, keepdims=True)  # ≤ 0, so exp never overflows
        if not np.isfinite(shifted).all():
            raise SolverInputError(
                "logits",
                "logits whose spread (max − min) is finite",
                OVERFLOW,
                ja="広がり（max − min）が有限のロジット",
            )
        exps = np.exp(shifted)
        log_softmax = shifted - np.log(exps.sum(axis=-1, keepdims=True))
        probs = np.exp(log_softmax)
        per_sample = -(smoothed * log_softmax).sum(axis=-1)
        loss = float(per_sample.mean())
    if not np.isfinite(loss):
        raise SolverInputError("logits", "logits whose loss is finite", OVERFLOW, ja="損失が有限になるロジット")
    grad = ((probs * smoothed.sum(axis=-1, keepdims=True) - smoothed) / len(rows)).reshape(logits.shape)
    steps = {
        "softmax": probs.reshape(logits.shape),
        "log_softmax": log_softmax.reshape(logits.shape),
        "target": smoothed.reshape(logits.shape),
        "per_sample": per_sample if logits.ndim == 2 else float(per_sample[0]),
        "loss": loss,
        "grad": grad,
    }
    return Result({"loss": loss, "grad": grad}, steps=steps)


def _target_distribution(target: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The target as rows [N, K] of a distribution: one-hot rows for class indices, or the given rows."""
    k = shape[-1]
    if target.shape == shape:
        rows = target.reshape(-1, k)
        if ((rows < 0) | (rows > 1)).any() or (np.abs(rows.sum(axis=-1) - 1.0) > _ROW_SUM_TOLERANCE).any():
            raise SolverInputError(
                "target",
                "one-hot rows or probabilities in [0, 1] summing to 1",
                target.tolist(),
                ja="one-hot の行、または [0, 1] の値で和が 1 になる確率",
            )
        return rows
    if target.shape != shape[:-1]:
        expected = f"class indices of shape {list(shape[:-1])} or probabilities of shape {list(shape)}"
        ja = f"形が {list(shape[:-1])} のクラス番号、または形が {list(shape)} の確率"
        raise SolverInputError("target", expected, list(target.shape), ja=ja)
    indices = target.reshape(-1)
    if not ((indices == np.round(indices)) & (indices >= 0) & (indices < k)).all():
        raise SolverInputError("target", f"class indices 0 … {k - 1}", target.tolist(), ja=f"0 … {k - 1} のクラス番号")
    one_hot = np.zeros((len(indices), k))
    one_hot[np.arange(len(indices)), indices.astype(np.int64)] = 1.0
    return one_hot


_LOSSES = ("mse", "sse-half", "binary-cross-entropy")

LOSS_LOOKUP = Lookup(
    keywords=("損失関数", "loss function", "誤差関数", "error function"),
    presets={
        "mse": {"name": "mse"},
        "平均二乗誤差": {"name": "mse"},
        "mean squared error": {"name": "mse"},
        "二乗和誤差": {"name": "sse-half"},
        "sum of squared errors": {"name": "sse-half"},
        "bce": {"name": "binary-cross-entropy"},
        "binary cross entropy": {"name": "binary-cross-entropy"},
        "2値交差エントロピー": {"name": "binary-cross-entropy"},
        "二値交差エントロピー": {"name": "binary-cross-entropy"},
    },
    # ゼロから作る §4.2.1: the 10-class output y with the correct class 2 (one-hot t); its sum of squares is 0.0975.
    example={
        "name": "sse-half",
        "y": [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0],
        "t": [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
    },
    summary_ja=(
        "損失関数と予測 y に対する勾配。mse = (1/n)Σ(y − t)²（torch の MSELoss、勾配 2(y − t)/n）、sse-half "
        "= ½Σ(y − t)²（ゼロから作るの二乗和誤差、勾配 y − t）、binary-cross-entropy = −(1/n)Σ[t log y "
        "+ (1 − t) log(1 − y)]（torch の BCELoss、log は −100 で下限を切る）。"
    ),
)


@solver("loss", LOSS_LOOKUP)
def loss(
    *,
    name: Annotated[str, Choice(*_LOSSES)] = "mse",
    y: Annotated[np.ndarray, Array()],
    t: Annotated[np.ndarray, Array()],
) -> Result:
    """A loss of prediction y against target t, and ∂L/∂y: mse = (1/n)Σ(y − t)², sse-half = ½Σ(y − t)², BCE.

    mse: torch.nn.MSELoss (mean over all n entries), ∂L/∂y = 2(y − t)/n.
    sse-half: the course's sum of squares ½Σ(y − t)² (ゼロから作る sum_squared_error), ∂L/∂y = y − t.
    binary-cross-entropy: torch.nn.BCELoss, mean of −[t log y + (1 − t) log(1 − y)] with each log clamped at
    −100 (so y = 0 or 1 gives a finite loss of 100 per entry); ∂L/∂y = (y − t) / max(y(1 − y), ε) / n with torch's
    ε = 1e-12 as a float32, exactly its backward (which does not see the clamp). y must be in [0, 1], as torch
    requires; t in [0, 1] too (torch does not check it, but outside it the loss is no cross-entropy).
    """
    _check_shape("t", t, y.shape, "y")
    if y.size == 0:
        raise SolverInputError(
            "y",
            "at least one value (the mean of nothing is undefined)",
            [],
            ja="少なくとも 1 つの値（空の平均は定義されない）",
        )
    if name == "binary-cross-entropy":
        return _binary_cross_entropy(y, t)
    with np.errstate(over="ignore", invalid="ignore"):
        diff = y - t
        squared = diff * diff
        total = float(squared.sum())
    if not (np.isfinite(diff).all() and np.isfinite(total)):
        raise SolverInputError(
            "y", "predictions whose squared error from t is finite", OVERFLOW, ja="t との二乗誤差が有限になる予測"
        )
    if name == "mse":
        value, grad = total / y.size, (2.0 / y.size) * diff  # torch's mse_loss_backward: (2/n)·(y − t)
    else:
        value, grad = 0.5 * total, diff
    steps = {"diff": diff, "squared": squared, "loss": value, "grad": grad}
    return Result({"loss": value, "grad": grad}, steps=steps)


def _binary_cross_entropy(y: np.ndarray, t: np.ndarray) -> Result:
    if ((y < 0) | (y > 1)).any():
        raise SolverInputError("y", "probabilities in [0, 1]", y.tolist(), ja="[0, 1] の範囲の確率")
    if ((t < 0) | (t > 1)).any():
        raise SolverInputError("t", "targets in [0, 1]", t.tolist(), ja="[0, 1] の範囲の目標値")
    with np.errstate(divide="ignore"):  # log 0 = −inf, clamped at −100 just below
        log_y = np.maximum(np.log(y), -100.0)
        log_one_minus_y = np.maximum(np.log1p(-y), -100.0)  # log1p, as torch's kernel
    per_element = (t - 1.0) * log_one_minus_y - t * log_y  # torch's order of operations
    value = float(per_element.mean())
    grad = (y - t) / np.maximum((1.0 - y) * y, _BCE_GRAD_EPSILON) / y.size
    steps = {"log_y": log_y, "log_one_minus_y": log_one_minus_y, "per_element": per_element, "loss": value}
    return Result({"loss": value, "grad": grad}, steps={**steps, "grad": grad})


DROPOUT_LOOKUP = Lookup(
    keywords=("ドロップアウト", "過学習", "overfitting", "inverted dropout"),
    presets={"inverted dropout": {"scaling": "inverted"}},
    # ゼロから作る §6.4.3: drop ratio 0.5; the 1st and 4th units are dropped.
    example={"x": [1.0, 2.0, 3.0, 4.0], "p": 0.5, "keep_mask": [0, 1, 1, 0]},
    summary_ja=(
        "ドロップアウト（p はユニットを消す確率、keep_mask の 1 が残すユニット）。inverted（torch の "
        "nn.Dropout）は訓練時 y = x·m/(1 − p)、テスト時 y = x；course（ゼロから作る）は訓練時 y = x·m、"
        "テスト時 y = x·(1 − p) で期待値をそろえる。"
    ),
)


@solver("dropout", DROPOUT_LOOKUP)
def dropout(
    x: Annotated[np.ndarray, Array()],
    p: Annotated[float, Number(min=0, max=1)],
    keep_mask: Annotated[np.ndarray, Array(dtype="bool")],
    scaling: Annotated[str, Choice("inverted", "course")] = "inverted",
    training: Annotated[bool, Bool()] = True,
) -> Result:
    """Dropout with drop probability p and a given keep mask m: inverted x·m/(1 − p), course x·m (test x·(1 − p)).

    inverted (torch.nn.functional.dropout, nn.Dropout): in training y = x·(m/(1 − p)), so the expected output
    equals x and the test-time layer is the identity; p = 1 drops everything (y = x·0, torch's special case).
    course (ゼロから作る Dropout): y = x·m in training, and at test time every unit is scaled by the keep rate,
    y = x·(1 − p). keep_mask (1 = kept) has x's shape and stands for the random draw; at test time it is unused.
    """
    _check_shape("keep_mask", keep_mask, x.shape, "x")
    if not training:
        scale = 1.0 if scaling == "inverted" else 1.0 - p
    elif scaling == "inverted":
        scale = 1.0 / (1.0 - p) if p < 1 else 0.0
    else:
        scale = 1.0
    factor = keep_mask * scale if training else np.full(x.shape, scale)
    with np.errstate(over="ignore"):  # 1/(1 − p) is huge for p just below 1
        y = x * factor
    if not np.isfinite(y).all():
        raise SolverInputError(
            "p",
            "a drop rate whose scale 1/(1 − p) keeps x finite",
            p,
            ja="x に倍率 1/(1 − p) を掛けても有限のままになるドロップアウト率",
        )
    steps: dict[str, Any] = {"keep_mask": keep_mask, "scale": scale} if training else {"scale": scale}
    return Result(y, steps={**steps, "y": y})


REGULARIZATION_LOOKUP = Lookup(
    keywords=("正則化", "regularization", "weight decay", "荷重減衰", "ノルム正則化", "ridge", "lasso"),
    presets={
        "l2": {"norm": "l2"},
        "l2正則化": {"norm": "l2"},
        "weight decay": {"norm": "l2"},
        "荷重減衰": {"norm": "l2"},
        "ridge": {"norm": "l2"},
        "l1": {"norm": "l1"},
        "l1正則化": {"norm": "l1"},
        "lasso": {"norm": "l1"},
    },
    example={"w": [0.5, -1.0, 0.0, 2.0], "lam": 0.1, "norm": "l2"},  # weight decay with λ = 0.1
    summary_ja=(
        "ノルム正則化項とその勾配。l2 は (λ/2)‖w‖²、勾配 λw（荷重減衰、torch の SGD(weight_decay=λ) が勾配に足す量"
        "）；l1 は λ‖w‖₁、勾配 λ·sign(w)（w = 0 では 0）。"
    ),
)


@solver("regularization", REGULARIZATION_LOOKUP)
def regularization(
    w: Annotated[np.ndarray, Array()],
    lam: Annotated[float, Number(min=0)],
    norm: Annotated[str, Choice("l2", "l1")] = "l2",
) -> Result:
    """Norm penalty and its gradient: l2 (λ/2)‖w‖², ∇ = λw; l1 λ‖w‖₁, ∇ = λ·sign(w).

    l2 is the course's weight decay (ゼロから作る: 0.5·λ·ΣW² added to the loss, λW to the gradient), the same
    λw that torch.optim.SGD(weight_decay=λ) adds to a gradient. l1 (Lasso) takes sign(0) = 0 at 0, as the
    subgradient torch autograd gives for |w|. The sums run over every entry of w, whatever its shape.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        if norm == "l2":
            squared_norm = float(np.sum(w * w))
            penalty, grad = 0.5 * lam * squared_norm, lam * w
            steps: dict[str, Any] = {"squared_norm": squared_norm}
        else:
            abs_sum = float(np.sum(np.abs(w)))
            penalty, grad = lam * abs_sum, lam * np.sign(w)
            steps = {"abs_sum": abs_sum, "sign": np.sign(w)}
    if not (np.isfinite(penalty) and np.isfinite(grad).all()):
        raise SolverInputError("w", "weights whose penalty is finite", OVERFLOW, ja="正則化項が有限になる重み")
    return Result({"penalty": penalty, "grad": grad}, steps={**steps, "penalty": penalty, "grad": grad})
