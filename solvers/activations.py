"""Activation functions, their derivatives, and softmax.

Values and derivatives follow PyTorch (forward functions and autograd), including the points where the
derivative is a convention: relu′(0) = 0 and leaky_relu′(0) = negative_slope.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import Array, Bool, Choice, Int, Number
from solvers.registry import Lookup, Result, solver

# Below −709.78, e^(−x) overflows float64 and torch's 1/(1 + e^(−x)) is exactly 0; the true value is
# subnormal there, so returning 0 as well costs nothing and matches torch bit for bit.
_SIGMOID_ZERO_BELOW = -np.log(np.finfo(np.float64).max)


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    """σ(x) = 1 / (1 + e^(−x)), evaluated so that e^(…) never overflows (a 0-d array for a number)."""
    z = np.exp(-np.abs(x))  # ≤ 1, so no overflow for x = ±1000; it may underflow to 0, which is right
    s = np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))
    return np.where(x < _SIGMOID_ZERO_BELOW, 0.0, s)


# Each returns f(x) or f′(x), and the intermediates worth showing.
def _sigmoid_steps(x: np.ndarray, derivative: bool, negative_slope: float) -> tuple[np.ndarray, dict[str, Any]]:
    s = sigmoid(x)
    if not derivative:
        return s, {}
    # σ(1 − σ) from the output, as torch's sigmoid_backward computes it (so σ′(40) is exactly 0 in both).
    return s * (1.0 - s), {"sigmoid": s, "one_minus_sigmoid": 1.0 - s}


def _tanh_steps(x: np.ndarray, derivative: bool, negative_slope: float) -> tuple[np.ndarray, dict[str, Any]]:
    t = np.tanh(x)
    return (1.0 - t * t, {"tanh": t}) if derivative else (t, {})


def _relu_steps(x: np.ndarray, derivative: bool, negative_slope: float) -> tuple[np.ndarray, dict[str, Any]]:
    positive = x > 0  # strict: relu′(0) = 0 in torch autograd
    result = positive.astype(np.float64) if derivative else np.where(positive, x, 0.0)
    return result, {"positive": positive}


def _leaky_relu_steps(x: np.ndarray, derivative: bool, negative_slope: float) -> tuple[np.ndarray, dict[str, Any]]:
    positive = x > 0  # strict: leaky_relu′(0) = negative_slope in torch autograd
    result = np.where(positive, 1.0, negative_slope) if derivative else np.where(positive, x, negative_slope * x)
    return result, {"positive": positive}


_ACTIVATIONS = {
    "sigmoid": _sigmoid_steps,
    "tanh": _tanh_steps,
    "relu": _relu_steps,
    "leaky_relu": _leaky_relu_steps,
}


ACTIVATION_LOOKUP = Lookup(
    keywords=("活性化関数", "activation function", "rnn", "lstm"),
    presets={
        "sigmoid": {"name": "sigmoid"},
        "シグモイド": {"name": "sigmoid"},
        "シグモイド関数": {"name": "sigmoid"},
        "tanh": {"name": "tanh"},
        "双曲線正接": {"name": "tanh"},
        "relu": {"name": "relu"},
        "ランプ関数": {"name": "relu"},
        "leaky relu": {"name": "leaky_relu"},
    },
    example={"name": "tanh", "x": [-1.0, 0.5, 2.0], "derivative": True},  # 実装演習 rnn-d-tanh-code
    summary_ja=(
        "活性化関数 f(x) またはその導関数 f′(x) を要素ごとに計算する。sigmoid: σ(x) = 1/(1 + e^(−x))、"
        "σ′ = σ(1 − σ)（最大 0.25）。tanh′ = 1 − tanh²（最大 1）。ReLU: max(0, x)、x = 0 での微分は PyTorch "
        "の autograd と同じく 0（Leaky ReLU は傾き a）。"
    ),
)


@solver("activation", ACTIVATION_LOOKUP)
def activation(
    name: Annotated[str, Choice(*_ACTIVATIONS)],
    x: Annotated[np.ndarray, Array()],
    derivative: Annotated[bool, Bool()] = False,
    negative_slope: Annotated[float, Number()] = 0.01,
) -> Result:
    """An activation function f(x), or its derivative f′(x), elementwise (same shape as x).

    sigmoid: σ(x) = 1/(1 + e^(−x)),          σ′(x) = σ(x)(1 − σ(x))      (max 0.25 at x = 0)
    tanh:    tanh(x),                         tanh′(x) = 1 − tanh²(x)     (max 1 at x = 0)
    relu:    max(0, x),                       relu′(x) = 1 if x > 0 else 0
    leaky_relu: x if x > 0 else a·x,          leaky_relu′(x) = 1 if x > 0 else a   (a = negative_slope)

    At x = 0 the ReLU family is not differentiable; this follows PyTorch autograd: relu′(0) = 0 and
    leaky_relu′(0) = a. (Some textbooks take 1 there.)
    """
    with np.errstate(over="ignore"):  # only a·x can overflow; reported just below
        result, steps = _ACTIVATIONS[name](x, derivative, negative_slope)
    if not np.isfinite(result).all():
        raise SolverInputError(
            "negative_slope", "a slope whose product with x is finite", negative_slope, ja="x との積が有限になる傾き"
        )
    return Result(result, steps={"x": x, **steps, "derivative" if derivative else "value": result})


SOFTMAX_LOOKUP = Lookup(
    keywords=("ソフトマックス", "ソフトマックス関数", "attention"),
    example={"x": [1.0, 2.0, 3.0, 0.5]},  # attention-softmax-drill
    summary_ja=(
        "ソフトマックス関数 softmax(x)_k = e^(x_k − max x) / Σ_j e^(x_j − max x)。最大値を引いても値は変わらず（平"
        "行移動不変）、指数のオーバーフローを防げる。"
    ),
)


@solver("softmax", SOFTMAX_LOOKUP)
def softmax(x: Annotated[np.ndarray, Array()], axis: Annotated[int, Int()] = -1) -> Result:
    """Softmax along an axis: softmax(x)_k = e^(x_k − max x) / Σ_j e^(x_j − max x).

    Subtracting the maximum (as torch.softmax does) changes nothing mathematically, because softmax is
    shift-invariant, but keeps every exponent ≤ 0 so nothing overflows.
    """
    lowest = -max(x.ndim, 1)
    if not lowest <= axis < max(x.ndim, 1):
        raise SolverInputError(
            "axis",
            f"an axis from {lowest} to {-lowest - 1} for an array of rank {x.ndim}",
            axis,
            ja=f"{lowest}〜{-lowest - 1} の軸（{x.ndim} 次元の配列）",
        )
    if x.size == 0:
        return Result(x.copy(), steps={"x": x})
    values = x.reshape(1) if x.ndim == 0 else x  # a single number is a distribution over one outcome
    shifted = values - values.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    total = exps.sum(axis=axis, keepdims=True)
    result = (exps / total).reshape(x.shape)
    return Result(result, steps={"x": x, "shifted": shifted, "exp": exps, "sum": total, "softmax": result})


SIGMOID_DERIVATIVE_MAX_LOOKUP = Lookup(
    keywords=("シグモイド", "勾配消失", "vanishing gradient", "lstm"),
    summary_ja="シグモイド関数の導関数 σ′(x) = σ(x)(1 − σ(x)) の最大値。x = 0 で 0.5 × 0.5 = 0.25。",
)


@solver("sigmoid-derivative-max", SIGMOID_DERIVATIVE_MAX_LOOKUP)
def sigmoid_derivative_max() -> Result:
    """Largest value of the sigmoid's derivative: σ′(x) = σ(x)(1 − σ(x)) peaks at x = 0 with 0.5 × 0.5 = 0.25.

    σ(1 − σ) is a downward parabola in σ with its top at σ = 1/2, and σ(x) = 1/2 exactly at x = 0.
    """
    x = np.float64(0.0)
    sigma = sigmoid(x)
    peak = sigma * (1.0 - sigma)
    return Result(
        float(peak),
        extras={"x": float(x)},
        steps={
            "x": float(x),
            "sigmoid": float(sigma),
            "one_minus_sigmoid": float(1.0 - sigma),
            "derivative": float(peak),
        },
    )
