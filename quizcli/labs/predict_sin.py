"""The course notebook 3_3_predict_sin, corrected: predict the next value of a sine from the previous maxlen.

The data, as the notebook: 500 points of sin over [0, 10π] (five periods). Each window of ``maxlen``
consecutive values is an input and the value after it the target, so there are 500 − maxlen samples; a seeded
random 80 % train (in a fixed order) and 20 % test (100 samples for maxlen 2).

The model is many-to-one: a recurrent cell reads the window (zero initial state) and a linear output reads
its last hidden state, y = h_T · W_out. The cell is

- ``rnn``: the notebook's tanh RNN, row-vector convention z_t = tanh(x_t · W_in + z_{t−1} · W), W_in [1, H],
  W [H, H];
- ``lstm`` / ``gru``: the ``lstm-cell`` / ``gru-cell`` solvers (torch layout, gates i, f, g, o / r, z, n, the
  pytorch GRU convention), without biases like the notebook.

Weights start at N(0, 0.01²) (weight_init_std 0.01), the loss is the course's MSE, ½(y − d)² per sample, and
training is the notebook's: SGD with learning rate 0.1, one update per sample, ``iters`` passes over the
training set. Generation starts from the first maxlen true values and predicts 200 steps, each prediction
becoming part of the next input window; it is compared with the true sine.

Each cell is the formula of its solver (``rnn-cell``, ``lstm-cell``, ``gru-cell``) written out once, for one
sample in training (with hand-written BPTT) and batched over the test set and the generation; tests/test_labs.py
checks it against the solver and the gradients against finite differences. The lab does not call the solvers:
they check their inputs on every call (~100–250 µs per step), and their products go through BLAS, whose
rounding depends on the CPU (see :func:`quizcli.labs.common.matmul`), so the same seed would not give the
same numbers everywhere.

Corrected relative to the notes' code (seed inventory §3.2.3): the backward loop runs (``[::-1]``, not
``[-1:-1]``); output, loss and backward pass come after the forward loop, not inside it; the output error
enters only at the last step (many-to-one) instead of at every step; W's gradient uses the previous state
z_{t−1}, not z_t; tanh′ = 1 − tanh² exactly (the notes damp it: 1/(cosh² + 1e−4)); W_in's gradient is an
outer product, not a dot that needs input size 1; the test set is evaluated once per run, not after every
training sample; and generation appends one value per step, not maxlen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import numpy as np

from quizcli.labs import common
from quizcli.labs.common import Progress, dot, matmul
from quizcli.labs.settings import CELLS as CELLS  # the lab's choices, for its callers
from quizcli.labs.settings import PredictSinConfig as Config

NAME = Config.name
POINTS = 500
PERIODS = 5
TEST_SHARE = 0.2
LEARNING_RATE = 0.1
INIT_STD = 0.01
GENERATE = 200
HORIZONS = (1, 10, 50, 200)
FIXED = {"lr": LEARNING_RATE, "init_std": INIT_STD, "points": POINTS, "generate": GENERATE}  # reported with the config


make_config = Config.make  # the checked Config from keyword arguments (CLI options, a bank's lab.args)


@dataclass(frozen=True)
class Summary:
    test_loss: float  # mean ½(y − d)² over the test windows, each predicted from true values
    one_step_rmse: float  # √(mean (y − d)²) on the test set: the same error on the generation's scale
    generation_rmse: float  # RMSE of the 200 free-running steps against the true sine
    error_at: dict[str, float]  # |generated − true| after 1, 10, 50 and 200 steps
    train_loss: float  # mean ½(y − d)² over the last pass, measured before each update
    generation_steps: int = GENERATE


@dataclass(frozen=True)
class Run:
    config: Config
    summary: Summary
    times: np.ndarray = field(repr=False)  # t of each generated point
    truth: np.ndarray = field(repr=False)  # sin(t) there
    generated: np.ndarray = field(repr=False)
    train_losses: list[float] = field(repr=False)  # one mean per pass

    def to_dict(self) -> dict[str, Any]:
        summary = asdict(self.summary)
        for key in ("test_loss", "one_step_rmse", "generation_rmse", "train_loss"):
            summary[key] = common.json_float(summary[key])
        summary["error_at"] = {k: common.json_float(v) for k, v in summary["error_at"].items()}
        return {"config": {**self.config.to_dict(), **FIXED}, "summary": summary}


# --------------------------------------------------------------------------------------------------- cells
Params = dict[str, np.ndarray]


class Cell(Protocol):
    def init(self, hidden: int, rng: np.random.Generator) -> Params: ...

    def sample_gradients(self, params: Params, xs: np.ndarray, d: float) -> tuple[float, Params]:
        """Loss ½(y − d)² of one window xs [T] and its gradients, by BPTT."""

    def last_state(self, params: Params, windows: np.ndarray) -> np.ndarray:
        """h_T [B, H] for windows [B, T]."""


def _sigmoid(x: np.ndarray) -> np.ndarray:
    z: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return z


def _normal(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return INIT_STD * rng.standard_normal(shape)


class RNN:
    """z_t = tanh(x_t · W_in + z_{t−1} · W): the notebook's cell (the ``rnn-cell`` solver with W_ih = W_inᵀ)."""

    def init(self, hidden: int, rng: np.random.Generator) -> Params:
        return {"W_in": _normal(rng, 1, hidden), "W": _normal(rng, hidden, hidden), "W_out": _normal(rng, hidden, 1)}

    @staticmethod
    def step(x: Any, h: np.ndarray, w_in: np.ndarray, w: np.ndarray) -> np.ndarray:
        """The next state from input x (a number, or a column [B, 1] for a batch) and state h ([H] or [B, H])."""
        h_next: np.ndarray = np.tanh(x * w_in + matmul(h, w))
        return h_next

    def sample_gradients(self, params: Params, xs: np.ndarray, d: float) -> tuple[float, Params]:
        w_in, w, w_out = params["W_in"][0], params["W"], params["W_out"][:, 0]
        h = np.zeros(w.shape[0])
        states = [h]
        for x in xs:
            h = self.step(x, h, w_in, w)
            states.append(h)
        error = dot(h, w_out) - d
        # δ_T = e · W_outᵀ ⊙ tanh′;  δ_{t−1} = (δ_t · Wᵀ) ⊙ (1 − z_{t−1}²)
        delta = error * w_out * (1.0 - h * h)
        deltas = [delta]
        for z in states[-2:0:-1]:
            delta = matmul(delta, w.T) * (1.0 - z * z)
            deltas.append(delta)
        stacked = np.array(deltas[::-1])  # [T, H], δ_1 … δ_T
        grads = {
            "W_in": matmul(xs[None, :], stacked),
            "W": matmul(np.array(states[:-1]).T, stacked),
            "W_out": error * h[:, None],
        }
        return 0.5 * error * error, grads

    def last_state(self, params: Params, windows: np.ndarray) -> np.ndarray:
        h = np.zeros((windows.shape[0], params["W"].shape[0]))
        for t in range(windows.shape[1]):
            h = self.step(windows[:, t : t + 1], h, params["W_in"][0], params["W"])
        return h


class LSTM:
    """The ``lstm-cell`` solver's cell: gates i, f, g, o stacked in W_ih [4H, 1] and W_hh [4H, H]."""

    def init(self, hidden: int, rng: np.random.Generator) -> Params:
        return {
            "W_ih": _normal(rng, 4 * hidden, 1),
            "W_hh": _normal(rng, 4 * hidden, hidden),
            "W_out": _normal(rng, hidden, 1),
        }

    @staticmethod
    def step(
        x: Any, h: np.ndarray, c: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Gates (i, f, g, o side by side), c′, tanh(c′) and h′ from input x (a number, or a column [B, 1])
        and the state h, c ([H] or [B, H])."""
        pre = x * w_ih + matmul(h, w_hh.T)
        gates = _sigmoid(pre)  # i, f, ·, o
        g_block = slice(2 * h.shape[-1], 3 * h.shape[-1])
        gates[..., g_block] = np.tanh(pre[..., g_block])
        i, f, g, o = np.split(gates, 4, axis=-1)
        c = f * c + i * g
        tanh_c = np.tanh(c)
        return gates, c, tanh_c, o * tanh_c

    def sample_gradients(self, params: Params, xs: np.ndarray, d: float) -> tuple[float, Params]:
        w_ih, w_hh, w_out = params["W_ih"][:, 0], params["W_hh"], params["W_out"][:, 0]
        hidden = w_hh.shape[1]
        g_block = slice(2 * hidden, 3 * hidden)
        h, c = np.zeros(hidden), np.zeros(hidden)
        steps = []
        for x in xs:
            c_prev, h_prev = c, h
            gates, c, tanh_c, h = self.step(x, h_prev, c_prev, w_ih, w_hh)
            steps.append((gates, c_prev, h_prev, tanh_c))
        error = dot(h, w_out) - d
        dh, dc = error * w_out, np.zeros(hidden)
        d_pre_rows, h_prev_rows = [], []
        for gates, c_prev, h_prev, tanh_c in reversed(steps):
            i, f, g, o = np.split(gates, 4)
            dc = dc + dh * o * (1.0 - tanh_c * tanh_c)
            slope = gates * (1.0 - gates)  # σ′ for i, f, o …
            slope[g_block] = 1.0 - g * g  # … and tanh′ for g
            d_pre = np.concatenate([dc * g, dc * c_prev, dc * i, dh * tanh_c]) * slope
            d_pre_rows.append(d_pre)
            h_prev_rows.append(h_prev)
            dh, dc = matmul(d_pre, w_hh), dc * f
        d_pre_all = np.array(d_pre_rows[::-1])  # [T, 4H]
        grads = {
            "W_ih": matmul(d_pre_all.T, xs[:, None]),
            "W_hh": matmul(d_pre_all.T, np.array(h_prev_rows[::-1])),
            "W_out": error * h[:, None],
        }
        return 0.5 * error * error, grads

    def last_state(self, params: Params, windows: np.ndarray) -> np.ndarray:
        h = c = np.zeros((windows.shape[0], params["W_hh"].shape[1]))
        for t in range(windows.shape[1]):
            _, c, _, h = self.step(windows[:, t : t + 1], h, c, params["W_ih"][:, 0], params["W_hh"])
        return h


class GRU:
    """The ``gru-cell`` solver's cell, pytorch convention: h′ = (1 − z) ⊙ n + z ⊙ h, gates r, z, n."""

    def init(self, hidden: int, rng: np.random.Generator) -> Params:
        return {
            "W_ih": _normal(rng, 3 * hidden, 1),
            "W_hh": _normal(rng, 3 * hidden, hidden),
            "W_out": _normal(rng, hidden, 1),
        }

    @staticmethod
    def step(
        x: Any, h: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Gates r, z side by side, W_hn h, n and h′ from input x (a number, or a column [B, 1]) and the state h
        ([H] or [B, H])."""
        hidden = h.shape[-1]
        from_input, from_hidden = x * w_ih, matmul(h, w_hh.T)
        rz = _sigmoid(from_input[..., : 2 * hidden] + from_hidden[..., : 2 * hidden])
        r, z = rz[..., :hidden], rz[..., hidden:]
        hn = from_hidden[..., 2 * hidden :]
        n = np.tanh(from_input[..., 2 * hidden :] + r * hn)
        return rz, hn, n, n + z * (h - n)

    def sample_gradients(self, params: Params, xs: np.ndarray, d: float) -> tuple[float, Params]:
        w_ih, w_hh, w_out = params["W_ih"][:, 0], params["W_hh"], params["W_out"][:, 0]
        hidden = w_hh.shape[1]
        h = np.zeros(hidden)
        steps = []
        for x in xs:
            rz, hn, n, h_next = self.step(x, h, w_ih, w_hh)
            steps.append((rz, hn, n, h))
            h = h_next
        error = dot(h, w_out) - d
        dh = error * w_out
        d_in_rows, d_hid_rows, h_prev_rows = [], [], []
        for rz, hn, n, h_prev in reversed(steps):
            r, z = rz[:hidden], rz[hidden:]
            d_pre_n = dh * (1.0 - z) * (1.0 - n * n)
            d_rz = np.concatenate([d_pre_n * hn, dh * (h_prev - n)]) * rz * (1.0 - rz)
            d_in = np.concatenate([d_rz, d_pre_n])
            d_hid = np.concatenate([d_rz, d_pre_n * r])
            d_in_rows.append(d_in)
            d_hid_rows.append(d_hid)
            h_prev_rows.append(h_prev)
            dh = dh * z + matmul(d_hid, w_hh)
        grads = {
            "W_ih": matmul(np.array(d_in_rows[::-1]).T, xs[:, None]),
            "W_hh": matmul(np.array(d_hid_rows[::-1]).T, np.array(h_prev_rows[::-1])),
            "W_out": error * h[:, None],
        }
        return 0.5 * error * error, grads

    def last_state(self, params: Params, windows: np.ndarray) -> np.ndarray:
        h = np.zeros((windows.shape[0], params["W_hh"].shape[1]))
        for t in range(windows.shape[1]):
            h = self.step(windows[:, t : t + 1], h, params["W_ih"][:, 0], params["W_hh"])[-1]
        return h


CELL_TYPES: dict[str, Cell] = {"rnn": RNN(), "lstm": LSTM(), "gru": GRU()}


# ------------------------------------------------------------------------------------------------ training
def _times() -> np.ndarray:
    return np.linspace(0.0, PERIODS * 2 * np.pi, POINTS)


def dataset(maxlen: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Train windows [N_train, maxlen] and targets, then test windows and targets (a seeded 80/20 split)."""
    wave = np.sin(_times())
    windows = np.lib.stride_tricks.sliding_window_view(wave[:-1], maxlen)  # wave[s : s + maxlen]
    targets = wave[maxlen:]
    order = rng.permutation(len(targets))
    n_train = int((1 - TEST_SHARE) * len(targets))
    train, test = order[:n_train], order[n_train:]
    return windows[train].copy(), targets[train], windows[test].copy(), targets[test]


def predict(cell: Cell, params: Params, windows: np.ndarray) -> np.ndarray:
    """One-step predictions y [B] for windows [B, maxlen]."""
    return matmul(cell.last_state(params, windows), params["W_out"])[:, 0]


def generate(cell: Cell, params: Params, head: np.ndarray, steps: int) -> np.ndarray:
    """Free-running generation: start from the true values ``head`` and feed each prediction back in."""
    values = list(head)
    for _ in range(steps):
        window = np.array(values[-len(head) :])[None, :]
        values.append(float(predict(cell, params, window)[0]))
    return np.array(values[len(head) :])


def train(config: Config, progress: Progress | None = None) -> Run:
    """Train, measure the one-step test loss, then generate 200 steps; the same seed gives the same run.

    ``progress(done, iters, {"train_loss"})`` is called after every pass over the training set.
    """
    rng = np.random.default_rng(config.seed)
    cell = CELL_TYPES[config.cell]
    params = cell.init(config.hidden, rng)
    x_train, d_train, x_test, d_test = dataset(config.maxlen, rng)
    train_losses: list[float] = []
    with np.errstate(over="ignore", invalid="ignore"):
        for done in range(1, config.iters + 1):
            total = 0.0
            for xs, d in zip(x_train, d_train, strict=True):
                loss, grads = cell.sample_gradients(params, xs, float(d))
                total += loss
                for name, grad in grads.items():
                    params[name] -= LEARNING_RATE * grad
            train_losses.append(total / len(d_train))
            if progress is not None:
                progress(done, config.iters, {"train_loss": train_losses[-1]})
    return _evaluate(config, cell, params, x_test, d_test, train_losses)


def _evaluate(
    config: Config, cell: Cell, params: Params, x_test: np.ndarray, d_test: np.ndarray, train_losses: list[float]
) -> Run:
    times = _times()[config.maxlen : config.maxlen + GENERATE]  # maxlen ≤ 100, so 200 points always remain
    truth = np.sin(times)
    head = np.sin(_times()[: config.maxlen])
    with np.errstate(over="ignore", invalid="ignore"):  # a diverged run's weights give inf and NaN: its outcome
        errors = predict(cell, params, x_test) - d_test
        generated = generate(cell, params, head, GENERATE)
    gap = generated - truth
    summary = Summary(
        test_loss=float(np.mean(0.5 * errors**2)),
        one_step_rmse=float(np.sqrt(np.mean(errors**2))),
        generation_rmse=float(np.sqrt(np.mean(gap**2))),
        error_at={str(k): float(abs(gap[k - 1])) for k in HORIZONS if k <= GENERATE},
        train_loss=train_losses[-1],
    )
    return Run(config, summary, times, truth, generated, train_losses)
