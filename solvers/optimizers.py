"""Optimizers, one step at a time, exactly as torch.optim."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np

from solvers.errors import OVERFLOW, SolverInputError
from solvers.params import Array, Choice, Number, Optional, Param
from solvers.registry import Lookup, Result, solver

MAX_STEPS = 10_000
# torch.optim's eps defaults; SGD and its momentum forms divide by nothing and have none.
DEFAULT_EPS = {"adagrad": 1e-10, "rmsprop": 1e-8, "adam": 1e-8, "adamw": 1e-8}
# torch.optim's lr defaults: each optimizer has its own (SGD's became optional, 1e-3, in torch 2.x).
DEFAULT_LR = {
    "sgd": 1e-3,
    "momentum": 1e-3,
    "nesterov": 1e-3,
    "adagrad": 1e-2,
    "rmsprop": 1e-2,
    "adam": 1e-3,
    "adamw": 1e-3,
}


class Betas(Param):
    """Adam's pair [β₁, β₂] of decay rates, each in [0, 1) (torch refuses 1 and above)."""

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return "組 [beta1, beta2]（それぞれ 0 以上 1 未満）"
        return "a pair [beta1, beta2], each in [0, 1)"

    def coerce(self, name: str, value: Any) -> tuple[float, float]:
        if not isinstance(value, (list, tuple)) or len(value) != 2 or not all(_is_beta(v) for v in value):
            raise self.refused(name, value)
        return float(value[0]), float(value[1])


def _is_beta(value: Any) -> bool:
    number = not isinstance(value, bool) and isinstance(value, (int, float, np.integer, np.floating))
    return number and 0 <= value < 1


@dataclass(frozen=True)
class Hyper:
    lr: float
    momentum: float
    alpha: float
    beta1: float
    beta2: float
    eps: float
    weight_decay: float


# One step of each optimizer: (params, gradient, the previous step's record, hyperparameters, step number t ≥ 1)
# → this step's record, its named quantities in order, ending with the new "params". The state an optimizer
# carries (a momentum buffer, a sum of squares) is read back from the previous record.
Update = Callable[[np.ndarray, np.ndarray, Mapping[str, np.ndarray], Hyper, int], dict[str, np.ndarray]]


def _sgd(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    grad = g + h.weight_decay * p
    return {"grad": grad, "params": p - h.lr * grad}


def _momentum_buffer(grad: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> np.ndarray:
    # torch starts the buffer at the first gradient itself (not at 0 then μ·0 + g: the same here, dampening 0).
    return grad if t == 1 else h.momentum * prev["momentum_buffer"] + grad


def _momentum(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    grad = g + h.weight_decay * p
    buffer = _momentum_buffer(grad, prev, h, t)
    return {"grad": grad, "momentum_buffer": buffer, "params": p - h.lr * buffer}


def _nesterov(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    grad = g + h.weight_decay * p
    buffer = _momentum_buffer(grad, prev, h, t)
    lookahead = grad + h.momentum * buffer
    return {"grad": grad, "momentum_buffer": buffer, "lookahead": lookahead, "params": p - h.lr * lookahead}


def _adagrad(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    grad = g + h.weight_decay * p
    total = (prev["sum"] if t > 1 else 0.0) + grad * grad
    std = np.sqrt(total) + h.eps
    return {"grad": grad, "sum": total, "std": std, "params": p - h.lr * grad / std}


def _rmsprop(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    grad = g + h.weight_decay * p
    square_avg = h.alpha * (prev["square_avg"] if t > 1 else 0.0) + (1 - h.alpha) * grad * grad
    avg = np.sqrt(square_avg) + h.eps
    return {"grad": grad, "square_avg": square_avg, "avg": avg, "params": p - h.lr * grad / avg}


def _adam_moments(p: np.ndarray, grad: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, Any]:
    m = h.beta1 * (prev["m"] if t > 1 else 0.0) + (1 - h.beta1) * grad
    v = h.beta2 * (prev["v"] if t > 1 else 0.0) + (1 - h.beta2) * grad * grad
    m_hat, v_hat = m / (1 - h.beta1**t), v / (1 - h.beta2**t)  # bias correction: m, v start at 0
    return {
        "grad": grad,
        "m": m,
        "v": v,
        "m_hat": m_hat,
        "v_hat": v_hat,
        "params": p - h.lr * m_hat / (np.sqrt(v_hat) + h.eps),
    }


def _adam(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    return _adam_moments(p, g + h.weight_decay * p, prev, h, t)


def _adamw(p: np.ndarray, g: np.ndarray, prev: Mapping[str, np.ndarray], h: Hyper, t: int) -> dict[str, np.ndarray]:
    decayed = p * (1 - h.lr * h.weight_decay)  # decoupled: the weights shrink, the gradient is left alone
    return {"decayed": decayed, **_adam_moments(decayed, g, prev, h, t)}


OPTIMIZERS: dict[str, Update] = {
    "sgd": _sgd,
    "momentum": _momentum,
    "nesterov": _nesterov,
    "adagrad": _adagrad,
    "rmsprop": _rmsprop,
    "adam": _adam,
    "adamw": _adamw,
}


OPTIMIZER_STEP_LOOKUP = Lookup(
    keywords=("最適化", "optimizer", "オプティマイザ", "勾配降下法", "gradient descent", "学習率", "learning rate"),
    presets={
        "sgd": {"name": "sgd"},
        "確率的勾配降下法": {"name": "sgd"},
        "momentum": {"name": "momentum"},
        "モメンタム": {"name": "momentum"},
        "nesterov": {"name": "nesterov"},
        "ネステロフ": {"name": "nesterov"},
        "nag": {"name": "nesterov"},
        "adagrad": {"name": "adagrad"},
        "rmsprop": {"name": "rmsprop"},
        "adam": {"name": "adam"},
        # torch.optim.AdamW's own default weight decay, which the parameter's default (0) is not.
        "adamw": {"name": "adamw", "weight_decay": 0.01},
    },
    # Three Adam steps from w = (1, −1), lr 0.1: the first step moves each weight by almost exactly lr·sign(g).
    example={"name": "adam", "params": [1.0, -1.0], "grads": [[0.2, -0.4], [0.1, -0.3], [0.05, -0.2]], "lr": 0.1},
    summary_ja=(
        "勾配 g₁…g_T で θ を T 回更新した値（torch.optim と同じ）：SGD θ ← θ − ηg、モメンタム b ← μb "
        "+ g、θ ← θ − ηb（講座の v = −ηb と同値）、Nesterov θ ← θ − η(g + μb)、AdaGrad h ← h + g²、RMSProp "
        "h ← αh + (1 − α)g²（ともに θ ← θ − ηg/(√h + ε)）、Adam m̂ = m/(1 − β₁ᵗ)、v̂ = v/(1 − β₂ᵗ)、θ "
        "← θ − ηm̂/(√v̂ + ε)。weight_decay λ は勾配に λθ を足し（L2）、AdamW だけは θ ← θ(1 − ηλ) と重みを直接減衰"
        "させる。"
    ),
)


@solver("optimizer-step", OPTIMIZER_STEP_LOOKUP)
def optimizer_step(
    *,
    name: Annotated[str, Choice(*OPTIMIZERS)] = "sgd",
    params: Annotated[np.ndarray, Array()],
    grads: Annotated[
        np.ndarray,
        Array(
            shape="[T, *params.shape] (one gradient per step)", shape_ja="[T, *params.shape]（ステップごとに勾配 1 つ）"
        ),
    ],
    lr: Annotated[float | None, Optional(Number(min=0))] = None,
    momentum: Annotated[float, Number(min=0)] = 0.9,
    alpha: Annotated[float, Number(min=0, max=1)] = 0.99,
    betas: Annotated[tuple[float, float], Betas()] = (0.9, 0.999),
    eps: Annotated[float | None, Optional(Number(min=0))] = None,
    weight_decay: Annotated[float, Number(min=0)] = 0.0,
) -> Result:
    """T optimizer steps θ ← θ − η·(update) from the given gradients g₁ … g_T, exactly as torch.optim.

    sgd        θ ← θ − η g                                          (SGD, momentum 0)
    momentum   b ← μ b + g (b₁ = g₁),  θ ← θ − η b                   (SGD(momentum=μ); the course's v = −η b)
    nesterov   b as momentum,  θ ← θ − η (g + μ b)                   (SGD(momentum=μ, nesterov=True))
    adagrad    h ← h + g²,  θ ← θ − η g / (√h + ε)                   (Adagrad, ε 1e-10)
    rmsprop    h ← α h + (1 − α) g²,  θ ← θ − η g / (√h + ε)         (RMSprop, ε 1e-8)
    adam       m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),
               θ ← θ − η m̂ / (√v̂ + ε)                                (Adam, ε 1e-8)
    adamw      θ ← θ(1 − ηλ), then the adam step without λ in g      (AdamW, ε 1e-8)

    weight_decay λ adds λθ to each gradient (L2), except adamw's decoupled decay. It defaults to 0 for every
    optimizer, as the contract sets, although torch.optim.AdamW defaults to 0.01: pass 0.01 (or use the word
    "adamw", whose preset does) to reproduce AdamW(). lr and eps default to torch's for the optimizer (lr 1e-3 for
    SGD and Adam(W), 1e-2 for Adagrad and RMSprop). momentum is used by momentum and nesterov only (plain
    RMSprop has none), alpha by rmsprop, betas by adam and adamw; torch's
    other options are at their defaults (dampening 0, lr_decay 0, amsgrad off). The course's own code uses
    ε = 1e-7 for AdaGrad and RMSprop (pass eps). grads holds one gradient per step, [T, *params.shape];
    one gradient of params' shape is one step. Each step in the steps table is stacked over t = 1 … T.
    """
    steps = _per_step(grads, params)
    if name == "nesterov" and momentum == 0:
        raise SolverInputError(
            "momentum",
            "a momentum > 0 (torch refuses nesterov without one)",
            momentum,
            ja="0 より大きいモメンタム（torch はモメンタムのない nesterov を受け付けない）",
        )
    used_eps = DEFAULT_EPS.get(name, 0.0) if eps is None else eps
    used_lr = DEFAULT_LR[name] if lr is None else lr
    hyper = Hyper(used_lr, momentum, alpha, betas[0], betas[1], used_eps, weight_decay)
    update = OPTIMIZERS[name]
    records: list[dict[str, np.ndarray]] = []
    theta = params
    with np.errstate(all="ignore"):  # an overflow or a 0/0 (eps 0, gradient 0) is reported just below
        for t, grad in enumerate(steps, 1):
            records.append(update(theta, grad, records[-1] if records else {}, hyper, t))
            theta = records[-1]["params"]
    table = {key: np.stack([record[key] for record in records]) for key in records[0]} if records else {}
    if not all(np.isfinite(values).all() for values in table.values()):
        if used_eps == 0 and name in DEFAULT_EPS:
            raise SolverInputError(
                "eps",
                "eps > 0 (a zero gradient with eps = 0 divides 0 by 0)",
                eps,
                ja="eps > 0（eps = 0 では勾配 0 のとき 0 を 0 で割る）",
            )
        raise SolverInputError(
            "grads",
            "gradients and a learning rate for which every step stays finite",
            OVERFLOW,
            ja="どのステップも有限に収まる勾配と学習率",
        )
    history = table.get("params", np.zeros((0, *params.shape)))
    defaults = {"lr": used_lr} if lr is None else {}
    if name in DEFAULT_EPS:
        defaults["eps"] = used_eps
    return Result(theta.copy(), extras={"history": history}, steps={"params_0": params, **table}, defaults=defaults)


def _per_step(grads: np.ndarray, params: np.ndarray) -> np.ndarray:
    """The gradients as [T, *params.shape]: a single gradient of params' shape is one step."""
    if grads.ndim >= 1 and grads.shape[1:] == params.shape:
        steps = grads
    elif grads.shape == params.shape:
        steps = grads[np.newaxis]
    else:
        layout = ", ".join(["T", *map(str, params.shape)])
        raise SolverInputError(
            "grads",
            f"one gradient per step, of shape [{layout}]",
            list(grads.shape),
            ja=f"ステップごとに勾配 1 つ（形 [{layout}]）",
        )
    if len(steps) > MAX_STEPS:
        raise SolverInputError(
            "grads", f"at most {MAX_STEPS:,} steps", len(steps), ja=f"{MAX_STEPS:,} 以下のステップ数"
        )
    return steps
