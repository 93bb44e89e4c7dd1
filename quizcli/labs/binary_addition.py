"""The course notebook 3_1_simple_RNN, corrected: a simple RNN learns 8-bit binary addition, one bit per step.

The task. a and b are drawn from [0, 128), so a + b ≤ 254 fits in 8 bits. Step t (t = 0…7) reads the bit pair
x_t = [a_t, b_t] and must output bit t of a + b, least significant bit first, so the carry has to travel
forward in time through the hidden state. Bits come from the notebook's table
``np.unpackbits(np.array([range(256)], dtype=np.uint8).T, axis=1)`` (MSB first, read from the end).

The network, in the notebook's row-vector convention (one sequence, no batch):

    u_t = x_t · W_in + z_{t−1} · W (+ b)      z_t = f(u_t)         z_{−1} = 0, f = sigmoid | tanh | relu
    v_t = z_t · W_out (+ c)                   y_t = σ(v_t)

W_in is [2, H], W is [H, H], W_out is [H, 1]; the biases b [H] and c [1] exist only with ``bias=True`` (the
notes have none). Loss: the course's ``mean_squared_error`` (mean((d − y)²)/2) taken at each step, where the
mean is over one output, and summed over the 8 bits: L = Σ_t ½(y_t − d_t)² per sequence. Accuracy: the share of
sequences whose 8 rounded outputs (``np.round(y)``, as the notes) are all right, over the last 500 sequences.
Training is plain SGD, one sequence per update, no clipping.

Corrected relative to the notes' code (seed inventory §3.1.4):

- the ``np.unpackbits`` call is well formed (the notes misplace ``dtype=`` and a parenthesis);
- the backward loop runs: ``range(8)[::-1]``, not the empty ``range(8)[-1:-1]``;
- the recurrent delta uses W.T (``delta[t+1] · W.T``), since the forward pass computes z_prev · W;
- the backward pass reads the same input as the forward pass (bit −t−1, not −t);
- gradients are summed over the whole sequence and applied once, after the backward loop;
- the output delta is exact: (y − d) · y(1 − y), σ′ at the pre-activation v; the notes apply σ′ to the output
  y instead, i.e. d_sigmoid(y);
- the hidden delta uses the derivative of the activation actually used (1 − tanh² for tanh, 1[u > 0] for
  ReLU), and the output delta is never dropped (the notes' ReLU/tanh cells comment it out);
- W_out's gradient is zᵀ · δ_out in general, not a reshape that only works for one output.

Bias-free floor (inventory §3.1.3): without biases the first step sees x = (0, 0) whenever both low bits are
0, and z_{−1} = 0, so with tanh or ReLU u = 0, z = 0 and y = σ(0) = 0.5 whatever the weights. Such sequences
keep a loss of at least ½ · 0.5² = 0.125 on that bit, so the mean loss cannot reach 0 (≈ 0.03–0.05 over random
sequences). Accuracy still reaches 100 %, because np.round(0.5) = 0 (half to even) and 0 is the right bit
there. With ``bias=True`` the floor goes away.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any, cast

import numpy as np

from quizcli.errors import TranslatableBadInput
from quizcli.labs import common
from quizcli.labs.common import Progress, dot, matmul
from quizcli.labs.settings import ACTIVATIONS as ACTIVATIONS  # the lab's choices, for its callers
from quizcli.labs.settings import BinaryAdditionConfig as Config

NAME = Config.name
BITS = 8
HALF = 2 ** (BITS - 1)  # a, b < 128 so that a + b fits in 8 bits
WINDOW = 500  # accuracy and loss are reported over the last 500 sequences


def make_config(**args: Any) -> Config:
    """A checked :class:`Config` from keyword arguments (the CLI's options or a bank's ``lab.args``).

    Raises:
        BadInput: an unknown argument or a value out of range.
    """
    config = Config.make(**args)
    if config.init == "std":
        return config
    if args.get("init_std") is not None:
        raise TranslatableBadInput("lab_init_std_alone", init=config.init)
    return replace(config, init_std=None)


@dataclass(frozen=True)
class HistoryPoint:
    """One logged moment. loss and accuracy are over the last 500 sequences (fewer at the start);
    grad_norm is the largest gradient norm since the previous point."""

    iter: int
    loss: float
    accuracy: float
    grad_norm: float


@dataclass(frozen=True)
class Summary:
    converged_at: int | None  # first iteration whose last 500 sequences were all right, else None
    final_loss: float  # mean per-sequence loss over the last 500 sequences
    final_accuracy: float  # share of the last 500 sequences with all 8 bits right
    max_grad_norm: float  # largest ‖∇‖ (all weights together) of any sequence; inf if it overflowed
    diverged_at: int | None  # first iteration with a non-finite loss or gradient (overflow), else None
    iters_run: int  # iterations actually trained (fewer than iters if stopped at convergence)


@dataclass(frozen=True)
class Sample:
    a: int
    b: int
    predicted: int
    predicted_bits: str  # MSB first, as the notes print them
    true_bits: str

    @property
    def true(self) -> int:
        return self.a + self.b

    @property
    def correct(self) -> bool:
        return self.predicted == self.true


@dataclass(frozen=True)
class Run:
    config: Config
    history: list[HistoryPoint]
    summary: Summary
    samples: list[Sample]

    def to_dict(self) -> dict[str, Any]:
        """The --json document: config, history and summary (samples are for the screen)."""
        summary = asdict(self.summary)
        for key in ("final_loss", "final_accuracy", "max_grad_norm"):
            summary[key] = common.json_float(summary[key])
        history = [
            {
                "iter": p.iter,
                "loss": common.json_float(p.loss),
                "accuracy": p.accuracy,
                "grad_norm": common.json_float(p.grad_norm),
            }
            for p in self.history
        ]
        return {"config": self.config.to_dict(), "history": history, "summary": summary}


# ---------------------------------------------------------------------------------------------- the network
def _sigmoid(x: np.ndarray) -> np.ndarray:
    # For x < −709 e^(−x) overflows to inf and the result is exactly 0, which is right; training runs inside
    # np.errstate(over="ignore") for that reason.
    z: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return z


def _relu(x: np.ndarray) -> np.ndarray:
    z: np.ndarray = np.maximum(x, 0.0)
    return z


# Each activation with its derivative written in terms of its output z = f(u): σ′ = z(1 − z),
# tanh′ = 1 − z², relu′ = 1[u > 0] = 1[z > 0].
_FORWARD: dict[str, Callable[[np.ndarray], np.ndarray]] = {"sigmoid": _sigmoid, "tanh": np.tanh, "relu": _relu}
_DERIVATIVE: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": lambda z: z * (1.0 - z),
    "tanh": lambda z: 1.0 - z * z,
    "relu": lambda z: (z > 0.0).astype(np.float64),
}


def init_params(config: Config, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """W_in [2, H], W_out [H, 1], W [H, H] (drawn in the notes' order), plus zero biases b, c if asked.

    std: σ = init_std; xavier: randn / √n_in (the course's "Xavier", σ = 1/√n_in); he: randn / √n_in · √2.
    """
    from solvers.optim import init_std

    shapes = {"W_in": (2, config.hidden), "W_out": (config.hidden, 1), "W": (config.hidden, config.hidden)}
    params = {}
    for name, shape in shapes.items():
        std = (
            cast(float, config.init_std)  # make_config leaves init_std None only for xavier and he
            if config.init == "std"
            else init_std(fan_in=shape[0], method=config.init).answer
        )
        params[name] = std * rng.standard_normal(shape)
    if config.bias:
        params["b"] = np.zeros(config.hidden)
        params["c"] = np.zeros(1)
    return params


def encode(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inputs [N, 8, 2] and targets [N, 8] for pairs [N, 2] of numbers < 128, least significant bit first."""
    table = np.unpackbits(np.array([range(2**BITS)], dtype=np.uint8).T, axis=1)  # [256, 8], MSB first
    a_bits, b_bits, sum_bits = (table[v][:, ::-1] for v in (pairs[:, 0], pairs[:, 1], pairs.sum(axis=1)))
    return np.stack([a_bits, b_bits], axis=-1).astype(np.float64), sum_bits.astype(np.float64)


def forward(params: dict[str, np.ndarray], x: np.ndarray, activation: str) -> tuple[np.ndarray, np.ndarray]:
    """Hidden states z [9, H] (row 0 is the zero state) and outputs y [8] of one sequence x [8, 2]."""
    f = _FORWARD[activation]
    w = params["W"]
    drive = matmul(x, params["W_in"])  # the input's share of u for every step at once
    if "b" in params:
        drive += params["b"]
    h = np.zeros(w.shape[0])
    states = [h]
    for share in drive:  # rows of a 2-D array: no per-step indexing
        h = f(share + matmul(h, w))
        states.append(h)
    z = np.array(states)
    v = matmul(z[1:], params["W_out"])
    if "c" in params:
        v += params["c"]
    return z, _sigmoid(v[:, 0])


def loss(params: dict[str, np.ndarray], x: np.ndarray, d: np.ndarray, activation: str) -> float:
    """L = Σ_t ½(y_t − d_t)² for one sequence."""
    error = forward(params, x, activation)[1] - d
    return 0.5 * dot(error, error)


def gradients(
    params: dict[str, np.ndarray], x: np.ndarray, d: np.ndarray, activation: str
) -> tuple[np.ndarray, float, dict[str, np.ndarray]]:
    """Outputs y, the loss and ∂L/∂(each parameter) for one sequence, by BPTT over all 8 steps.

    δ_out,t = (y_t − d_t) · y_t(1 − y_t)
    δ_t     = (δ_{t+1} · Wᵀ + δ_out,t · W_outᵀ) ⊙ f′(u_t),   δ_8 = 0
    ∂L/∂W_out = Σ_t z_tᵀ δ_out,t    ∂L/∂W = Σ_t z_{t−1}ᵀ δ_t    ∂L/∂W_in = Σ_t x_tᵀ δ_t
    (∂L/∂b = Σ_t δ_t, ∂L/∂c = Σ_t δ_out,t). The sums over t are single matrix products after the loop.
    """
    z, y = forward(params, x, activation)
    error = y - d
    delta_out = error * y * (1.0 - y)  # [8]
    from_output = matmul(delta_out[:, None], params["W_out"].T)  # δ_out,t · W_outᵀ for every t, [8, H]
    slope = _DERIVATIVE[activation](z[1:])  # f′(u_t), [8, H]
    w_t = params["W"].T
    carry = np.zeros(w_t.shape[0])
    deltas = []
    for share, gain in zip(from_output[::-1], slope[::-1], strict=True):  # t = 7 … 0
        carry = (matmul(carry, w_t) + share) * gain
        deltas.append(carry)
    delta = np.array(deltas[::-1])
    grads = {"W_in": matmul(x.T, delta), "W_out": matmul(z[1:].T, delta_out[:, None]), "W": matmul(z[:-1].T, delta)}
    if "b" in params:
        grads["b"] = delta.sum(axis=0)
        grads["c"] = delta_out.sum(keepdims=True)
    return y, 0.5 * dot(error, error), grads


# ------------------------------------------------------------------------------------------------ training
def train(config: Config, progress: Progress | None = None, *, until_converged: bool = False) -> Run:
    """Train on ``config.iters`` random sequences, one SGD update per sequence; the same seed, the same run.

    ``progress(done, iters, {"loss", "accuracy", "grad_norm"})`` is called about 100 times. With
    ``until_converged`` training stops at the first iteration whose last 500 sequences were all right.
    Exploding runs (ReLU at a large learning rate) overflow to inf/NaN: that is the expected outcome there,
    so overflow warnings are silenced and the first non-finite iteration is recorded as ``diverged_at``.
    """
    rng = np.random.default_rng(config.seed)
    params = init_params(config, rng)
    inputs, targets = encode(rng.integers(0, HALF, size=(config.iters, 2)))
    sample_pairs = rng.integers(0, HALF, size=(5, 2))
    losses = np.zeros(config.iters)
    correct = np.zeros(config.iters, dtype=bool)
    norms = np.zeros(config.iters)
    log_every = max(1, config.iters // 100)
    history: list[HistoryPoint] = []
    streak, converged_at, diverged_at, done = 0, None, None, 0
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(config.iters):
            y, losses[i], grads = gradients(params, inputs[i], targets[i], config.activation)
            correct[i] = bool((np.round(y) == targets[i]).all())
            norms[i] = math.sqrt(sum(dot(g.ravel(), g.ravel()) for g in grads.values()))
            for name, grad in grads.items():
                params[name] -= config.lr * grad
            done = i + 1
            streak = streak + 1 if correct[i] else 0
            if converged_at is None and streak >= WINDOW:
                converged_at = done
            if diverged_at is None and not (math.isfinite(losses[i]) and math.isfinite(norms[i])):
                diverged_at = done
            stop = until_converged and converged_at is not None
            if done % log_every == 0 or done == config.iters or stop:
                history.append(_point(done, losses, correct, norms, history))
                if progress is not None:
                    progress(done, config.iters, asdict(history[-1]))
            if stop:
                break
        samples = _samples(params, sample_pairs, config.activation)
    recent = slice(max(0, done - WINDOW), done)
    summary = Summary(
        converged_at=converged_at,
        final_loss=float(losses[recent].mean()),
        final_accuracy=float(correct[recent].mean()),
        max_grad_norm=_max(norms[:done]),
        diverged_at=diverged_at,
        iters_run=done,
    )
    return Run(config, history, summary, samples)


def _point(
    done: int, losses: np.ndarray, correct: np.ndarray, norms: np.ndarray, history: list[HistoryPoint]
) -> HistoryPoint:
    recent = slice(max(0, done - WINDOW), done)
    since = history[-1].iter if history else 0
    return HistoryPoint(
        iter=done,
        loss=float(losses[recent].mean()),
        accuracy=float(correct[recent].mean()),
        grad_norm=_max(norms[since:done]),
    )


def _max(values: np.ndarray) -> float:
    """The largest value, where inf counts and NaN (what comes after an overflow) does not."""
    finite_or_inf = values[~np.isnan(values)]
    return float(finite_or_inf.max()) if finite_or_inf.size else math.nan


def _samples(params: dict[str, np.ndarray], pairs: np.ndarray, activation: str) -> list[Sample]:
    inputs, targets = encode(pairs)
    samples = []
    for (a, b), x, d in zip(pairs, inputs, targets, strict=True):
        bits = np.round(forward(params, x, activation)[1])
        bits = np.where(np.isnan(bits), 0.0, bits).astype(int)[::-1]  # MSB first
        samples.append(
            Sample(
                a=int(a),
                b=int(b),
                predicted=int("".join(map(str, bits)), 2),
                predicted_bits="".join(map(str, bits)),
                true_bits="".join(str(int(v)) for v in d[::-1]),
            )
        )
    return samples
