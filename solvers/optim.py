"""Gradients and training mechanics: the chain rule, gradient clipping, weight-initialisation scales."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import Array, Choice, Int, Number
from solvers.registry import Lookup, Result, solver

CHAIN_RULE_LOOKUP = Lookup(
    keywords=("連鎖律", "誤差逆伝播", "backpropagation", "backprop", "bptt"),
    example={"x": 1.0, "y": 2.0},  # chain-rule-dzdx-drill
    summary_ja="連鎖律: z = t²、t = x + y のとき dz/dx = (dz/dt)(dt/dx) = 2t · 1 = 2(x + y)。",
)


@solver("chain-rule", CHAIN_RULE_LOOKUP)
def chain_rule(x: Annotated[float, Number()], y: Annotated[float, Number()]) -> Result:
    """Chain rule for z = t², t = x + y: dz/dx = (dz/dt)(dt/dx) = 2t · 1 = 2(x + y).

    The exam's example: x = 1, y = 2 gives t = 3, dz/dt = 6, dt/dx = 1, so dz/dx = 6.
    """
    t = x + y
    dz_dt, dt_dx = 2.0 * t, 1.0
    dz_dx = dz_dt * dt_dx
    if not math.isfinite(dz_dx):
        raise SolverInputError("x", "values whose sum stays finite when doubled", x, ja="和を 2 倍しても有限になる値")
    z = t * t
    steps = {"t": t, "z": z} if math.isfinite(z) else {"t": t}  # z itself may overflow where dz/dx does not
    steps.update(dz_dt=dz_dt, dt_dx=dt_dx, dz_dx=dz_dx)
    return Result(dz_dx, extras={"dz_dt": dz_dt, "dt_dx": dt_dx}, steps=steps)


# Inside this range of max|g| the squares neither overflow nor underflow, so √(Σ g²) needs no rescaling.
_PLAIN_NORM_RANGE = (1e-150, 1e150)


def _l2_norm(values: np.ndarray) -> float:
    """‖g‖₂ = √(Σ g²) over every entry, as torch.linalg.vector_norm sums it.

    Plain squares round the same way torch's do, so a threshold equal to torch's norm gives rate exactly 1
    (not clipped); dividing by max|g| first is kept for the magnitudes where g² would overflow or underflow.
    """
    scale = float(np.max(np.abs(values), initial=0.0))
    if scale == 0.0:
        return 0.0
    if _PLAIN_NORM_RANGE[0] < scale < _PLAIN_NORM_RANGE[1]:
        return float(np.sqrt(np.sum(np.square(values))))
    return scale * float(np.sqrt(np.sum(np.square(values / scale))))


GRADIENT_CLIPPING_LOOKUP = Lookup(
    keywords=("勾配クリッピング", "クリッピング", "勾配爆発", "exploding gradient", "lstm"),
    example={"grad": [6.0, 8.0], "threshold": 2.0},  # 演習チャレンジ gradient-clipping
    summary_ja=(
        "ノルムによる勾配クリッピング: rate = θ/‖g‖₂ が 1 未満なら g ← g · rate、そうでなければ g のまま。"
        "ノルムは配列全体で 1 つ。"
    ),
)


@solver("gradient-clipping", GRADIENT_CLIPPING_LOOKUP)
def gradient_clipping(
    grad: Annotated[np.ndarray, Array()],
    threshold: Annotated[float, Number(min=0, exclusive_min=True)],
) -> Result:
    """Gradient clipping by norm: g ← g · θ/‖g‖₂ when the rate θ/‖g‖₂ < 1, otherwise g is unchanged.

    One L2 norm over all entries of the array, whatever its shape (as torch.nn.utils.clip_grad_norm_
    treats all its gradients as one vector). Clipping keeps the direction and caps the length at θ.
    torch adds 1e-6 to the norm in the rate; this solver uses the exam's exact rate. A zero gradient is
    never clipped, and its rate θ/0 is reported as null rather than divided out.
    """
    norm = _l2_norm(grad)
    rate = threshold / norm if norm > 0 else math.inf
    clipped = rate < 1.0
    result = grad * rate if clipped else grad.copy()
    shown_rate = rate if math.isfinite(rate) else None  # θ/0 has no value, and JSON has no infinity
    return Result(
        result,
        extras={"norm": norm, "rate": shown_rate, "clipped": clipped},
        steps={"norm": norm, "rate": shown_rate, "clipped": clipped, "result": result},
    )


INIT_STD_LOOKUP = Lookup(
    keywords=("初期化", "重みの初期値", "initialization", "init", "rnn", "cnn-arch"),
    presets={
        "xavier": {"method": "xavier"},
        "xavierの初期値": {"method": "xavier"},
        "he": {"method": "he"},
        "heの初期値": {"method": "he"},
    },
    example={"fan_in": 16, "method": "xavier"},  # rnn-init-std-drill
    summary_ja="重みの初期値の標準偏差: Xavier σ = 1/√n（講座の定義）、He σ = √(2/n)。n は前の層のノード数（fan_in）。",
)


@solver("init-std", INIT_STD_LOOKUP)
def init_std(
    fan_in: Annotated[int, Int(min=1)],
    method: Annotated[str, Choice("xavier", "he")] = "xavier",
) -> Result:
    """Standard deviation of a weight initialisation: Xavier σ = 1/√n (course), He σ = √(2/n), n = fan_in.

    "xavier" is the course's code, randn(n_in, n_out) / √n_in, i.e. σ = 1/√fan_in (LeCun's form), suited
    to sigmoid and tanh. Glorot & Bengio's paper uses σ = √(2/(fan_in + fan_out)) instead (PyTorch's
    xavier_normal_): a different number whenever fan_out ≠ fan_in. He (for ReLU) doubles the variance
    to make up for ReLU zeroing half of the inputs: σ = √(2/fan_in) (PyTorch's kaiming_normal_ default).
    """
    gain = {"xavier": 1.0, "he": 2.0}[method]
    variance = gain / fan_in
    std = math.sqrt(variance)
    steps: dict[str, Any] = {"fan_in": fan_in, "variance": variance, "std": std}
    return Result(std, steps=steps)
