"""Gated recurrent cells: LSTM and GRU, as torch lays them out, and the course's update lines.

Weights follow torch's [gates·H, in] stacking with row-vector inputs: gates = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh.
torch stacks the LSTM's gates i, f, g, o and the GRU's r, z, n. DLFS-2 (ゼロから作る②) stacks the LSTM's
f, g, i, o instead, in [in, 4H] weights, so its matrices must be reordered before use here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import Array, Choice, Optional
from solvers.registry import Lookup, Result, solver
from solvers.rnn import HArg, XArg, cell_inputs, check_finite, sigmoid, unbatch

Values = Annotated[np.ndarray, Array()]


def _stacked_gates(
    x: np.ndarray,
    h: np.ndarray,
    weight_ih: np.ndarray,
    weight_hh: np.ndarray,
    bias_ih: np.ndarray,
    bias_hh: np.ndarray,
    gates: int,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The per-gate input parts x W_ihᵀ + b_ih and hidden parts h W_hhᵀ + b_hh, each split into `gates` chunks."""
    input_parts = np.split(x @ weight_ih.T + bias_ih, gates, axis=-1)
    hidden_parts = np.split(h @ weight_hh.T + bias_hh, gates, axis=-1)
    return input_parts, hidden_parts


def _broadcast(**arrays: np.ndarray) -> list[np.ndarray]:
    """Broadcast element-wise operands together; the first that does not fit is the one named."""
    shape: tuple[int, ...] = ()
    for name, array in arrays.items():
        try:
            shape = np.broadcast_shapes(shape, array.shape)
        except ValueError:
            raise SolverInputError(
                name,
                f"a shape that broadcasts with {list(shape)}",
                list(array.shape),
                ja=f"{list(shape)} とブロードキャストできる形",
            ) from None
    return [np.broadcast_to(a, shape) for a in arrays.values()]


LSTM_CELL_LOOKUP = Lookup(
    keywords=("long short-term memory", "長短期記憶"),
    example={  # lstm-drill-cell-c
        "x": [1.0],
        "h_prev": [0.5],
        "c_prev": [0.5],
        "weight_ih": [[0.5], [1.0], [0.5], [-0.5]],
        "weight_hh": [[-0.5], [1.0], [0.5], [1.0]],
    },
    summary_ja=(
        "LSTM の 1 ステップ（torch.nn.LSTMCell と同じ、ゲートの順は i, f, g, o）: c′ = f⊙c + i⊙g、h′ = o⊙tanh(c′)。"
    ),
)


@solver("lstm-cell", LSTM_CELL_LOOKUP)
def lstm_cell(
    x: XArg,
    h_prev: HArg,
    c_prev: HArg,
    weight_ih: Annotated[np.ndarray, Array(ndim=2, shape="[4H, D]")],
    weight_hh: Annotated[np.ndarray, Array(ndim=2, shape="[4H, H]")],
    bias_ih: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[4H]"))] = None,
    bias_hh: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[4H]"))] = None,
) -> Result:
    """One LSTM step, exactly as torch.nn.LSTMCell: c′ = f ⊙ c + i ⊙ g,  h′ = o ⊙ tanh(c′).

    The stacked pre-activation x W_ihᵀ + b_ih + h W_hhᵀ + b_hh [4H] is cut into four blocks in torch's order
    i, f, g, o: input gate i = σ(·), forget gate f = σ(·), cell input g = tanh(·) (the course's a),
    output gate o = σ(·). W_ih is [4H, D], W_hh [4H, H]; biases default to zero.

    x [D] with h_prev, c_prev [H], or a batch of rows x [B, D] with [B, H] states. The course's maths
    writes the same cell with column vectors: i = σ(W_i x + U_i h + b_i), …, c = i ⊙ a + f ⊙ c_prev.
    """
    rows, h_rows, bias_ih, bias_hh = cell_inputs(
        x, h_prev, weight_ih, weight_hh, bias_ih, bias_hh, gates=4, c_prev=c_prev
    )
    batched = x.ndim == 2
    steps: dict[str, Any] = {}
    with np.errstate(over="ignore", invalid="ignore"):
        input_parts, hidden_parts = _stacked_gates(rows, h_rows, weight_ih, weight_hh, bias_ih, bias_hh, 4)
        squashes: tuple[Callable[[np.ndarray], np.ndarray], ...] = (sigmoid, sigmoid, np.tanh, sigmoid)
        for name, a, b, squash in zip("ifgo", input_parts, hidden_parts, squashes, strict=True):
            steps[f"pre_{name}"] = a + b
            steps[name] = squash(steps[f"pre_{name}"])
        c = steps["f"] * np.atleast_2d(c_prev) + steps["i"] * steps["g"]
        tanh_c = np.tanh(c)
        h = steps["o"] * tanh_c
    steps.update(c=c, tanh_c=tanh_c, h=h)
    steps = {k: unbatch(v, batched) for k, v in steps.items()}
    check_finite("x", steps)
    return Result({"h": steps["h"], "c": steps["c"]}, steps=steps)


LSTM_CELL_UPDATE_LOOKUP = Lookup(
    keywords=("cec", "忘却ゲート", "forget gate", "入力ゲート", "input gate", "出力ゲート", "output gate"),
    example={  # 演習チャレンジ lstm-cell-update
        "input_gate": [0.5, 0.2],
        "forget_gate": [0.9, 0.4],
        "output_gate": [0.6, 0.7],
        "cell_input": [0.8, -0.5],
        "c_prev": [1.0, 2.0],
    },
    summary_ja="ゲートからの LSTM の状態更新: c = i⊙a + f⊙c_prev、h = o⊙tanh(c)。",
)


@solver("lstm-cell-update", LSTM_CELL_UPDATE_LOOKUP)
def lstm_cell_update(
    input_gate: Values,
    forget_gate: Values,
    output_gate: Values,
    cell_input: Values,
    c_prev: Values,
) -> Result:
    """The LSTM's state update from its gates: c = i ⊙ a + f ⊙ c_prev,  h = o ⊙ tanh(c).

    i (input gate), f (forget gate), o (output gate) are sigmoid outputs, a = tanh(·) is the cell input
    (torch's g), c_prev the previous cell state. Inputs are numbers or arrays that broadcast together.
    With f = 1 and i = 0 the cell keeps c_prev unchanged: the CEC's gradient of exactly 1.
    (The course's wrong variant h = o ⊙ tanh(h_prev) uses the old hidden state instead of the new c.)
    """
    i, f, o, a, c_prev = _broadcast(
        input_gate=input_gate, forget_gate=forget_gate, output_gate=output_gate, cell_input=cell_input, c_prev=c_prev
    )
    with np.errstate(over="ignore", invalid="ignore"):
        written = i * a
        kept = f * c_prev
        c = written + kept
        tanh_c = np.tanh(c)
        h = o * tanh_c
    steps = {"i_times_a": written, "f_times_c_prev": kept, "c": c, "tanh_c": tanh_c, "h": h}
    check_finite("c_prev", steps)
    return Result({"c": c, "h": h}, steps=steps)


GRU_CELL_LOOKUP = Lookup(
    keywords=("gated recurrent unit", "リセットゲート", "reset gate"),
    example={  # gru-pytorch-combine
        "x": [0.5],
        "h_prev": [0.4],
        "weight_ih": [[0.6], [2.0], [-1.0]],
        "weight_hh": [[0.3], [1.0], [0.5]],
        "convention": "pytorch",
    },
    summary_ja=(
        "GRU の 1 ステップ。ゲートの順は r, z, n。pytorch 形式は torch.nn.GRUCell、textbook 形式は E資格・ゼロから"
        "作るの h′ = (1 − z)⊙h + z⊙h̃。"
    ),
)


@solver("gru-cell", GRU_CELL_LOOKUP)
def gru_cell(
    x: XArg,
    h_prev: HArg,
    weight_ih: Annotated[np.ndarray, Array(ndim=2, shape="[3H, D]")],
    weight_hh: Annotated[np.ndarray, Array(ndim=2, shape="[3H, H]")],
    bias_ih: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[3H]"))] = None,
    bias_hh: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[3H]"))] = None,
    convention: Annotated[str, Choice("pytorch", "textbook")] = "pytorch",
) -> Result:
    """One GRU step, torch.nn.GRUCell (convention pytorch) or the E資格 / ゼロから作る form (textbook).

    Both: r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz), with W_ih [3H, D] and
    W_hh [3H, H] stacked in the order r, z, n (torch's layout); biases default to zero.

    pytorch: n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h′ = (1 − z) ⊙ n + z ⊙ h — z is the share of
    the old state (Cho et al. 2014).

    textbook: h̃ = tanh(W_in x + b_in + W_hn (r ⊙ h) + b_hn),  h′ = (1 − z) ⊙ h + z ⊙ h̃ — z is the share
    of the candidate (step "n" holds h̃). Example z = 0.3, h = 1, h̃ = 0.5: textbook 0.85, pytorch 0.65.

    The two agree when z ↔ 1 − z and r ⊙ (W_hn h) = W_hn (r ⊙ h) (e.g. a diagonal W_hn with b_hn = 0).
    """
    rows, h_rows, bias_ih, bias_hh = cell_inputs(x, h_prev, weight_ih, weight_hh, bias_ih, bias_hh, gates=3)
    batched = x.ndim == 2
    hidden = h_rows.shape[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        (in_r, in_z, in_n), (hid_r, hid_z, hid_n) = _stacked_gates(
            rows, h_rows, weight_ih, weight_hh, bias_ih, bias_hh, 3
        )
        pre_r, pre_z = in_r + hid_r, in_z + hid_z
        r, z = sigmoid(pre_r), sigmoid(pre_z)
        steps: dict[str, Any] = {"pre_r": pre_r, "r": r, "pre_z": pre_z, "z": z}
        if convention == "pytorch":
            reset_part = r * hid_n
            steps.update(hn=hid_n, r_hn=reset_part)
        else:
            # The reset gate acts on h before the recurrent weight, so W_hn h cannot be reused.
            reset_h = r * h_rows
            reset_part = reset_h @ weight_hh[2 * hidden :].T + bias_hh[2 * hidden :]
            steps.update(r_h=reset_h, w_hn_r_h=reset_part)
        pre_n = in_n + reset_part
        n = np.tanh(pre_n)
        old_share, new_share = (z, 1.0 - z) if convention == "pytorch" else (1.0 - z, z)
        h = new_share * n + old_share * h_rows
    steps.update(pre_n=pre_n, n=n, h=h)
    steps = {k: unbatch(v, batched) for k, v in steps.items()}
    check_finite("x", steps)
    return Result(steps["h"], steps=steps)


GRU_UPDATE_LOOKUP = Lookup(
    keywords=("更新ゲート", "update gate"),
    example={"update_gate": [0.3, 0.8], "h_prev": [1.0, -0.5], "h_candidate": [0.5, 0.2]},  # 演習チャレンジ gru-update
    summary_ja=(
        "GRU の隠れ状態の更新（教科書形式）h = (1 − z)⊙h_prev + z⊙h̃。前の状態を 1 − z の割合で残し、"
        "候補を z の割合で取り込む。"
    ),
)


@solver("gru-update", GRU_UPDATE_LOOKUP)
def gru_update(
    update_gate: Values,
    h_prev: Values,
    h_candidate: Values,
) -> Result:
    """The GRU's new hidden state, textbook form: h = (1 − z) ⊙ h_prev + z ⊙ h̃.

    z is the update gate (a sigmoid output) and h̃ the candidate tanh(W x + U (r ⊙ h_prev)). This is the
    E資格 exercise's `(1-z) * h + z * h_bar`; torch.nn.GRUCell and Cho et al. use z ⊙ h_prev + (1 − z) ⊙ h̃,
    i.e. z ↔ 1 − z. Example z = 0.3, h_prev = 1, h̃ = 0.5: 0.85 here, 0.65 in the torch form.
    Inputs are numbers or arrays that broadcast together.
    """
    z, h_prev, h_candidate = _broadcast(update_gate=update_gate, h_prev=h_prev, h_candidate=h_candidate)
    with np.errstate(over="ignore", invalid="ignore"):
        kept = (1.0 - z) * h_prev
        added = z * h_candidate
        h = kept + added
    steps = {"one_minus_z": 1.0 - z, "kept": kept, "added": added, "h": h}
    check_finite("h_prev", steps)
    return Result(h, steps=steps)
