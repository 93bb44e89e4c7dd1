"""Activation functions, their derivatives, and softmax."""

from __future__ import annotations

from solvers.registry import Result, solver


@solver("sigmoid-derivative-max")
def sigmoid_derivative_max() -> Result:
    """Largest value of the sigmoid's derivative: σ′(x) = σ(x)(1 − σ(x)) peaks at x = 0 with 0.5 × 0.5 = 0.25."""
    x = 0.0
    sigma = 1.0 / (1.0 + _exp(-x))
    peak = sigma * (1.0 - sigma)
    return Result(peak, extras={"x": x}, steps={"x": x, "sigmoid": sigma, "one_minus_sigmoid": 1.0 - sigma,
                                                 "derivative": peak})


def _exp(x: float) -> float:
    import math

    return math.exp(x)
