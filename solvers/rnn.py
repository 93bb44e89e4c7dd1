"""Simple recurrent networks: one RNN cell, full BPTT, bidirectional outputs, and the course's code fill-ins.

Two notations meet here, and each solver says which it uses:

- the course's maths is column-vector: u_t = W_in x_t + W h_{t−1} + b, so a weight is [out, in] and the
  backward pass multiplies by its transpose (δ_{t−1} = Wᵀ δ_t ⊙ f′);
- torch and the notebooks' code are row-vector: h′ = x W_ihᵀ + h W_hhᵀ + b with the same [out, in]
  weights, and a batch is a stack of rows.

The helpers at the top (stable sigmoid, shape consensus, overflow check) are shared with gated.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import numpy as np

from solvers.activations import sigmoid as sigmoid  # re-exported: gated.py shares it
from solvers.errors import SolverInputError
from solvers.params import Array, Choice, Int, Optional, Param
from solvers.registry import Lookup, Result, solver

ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "tanh": np.tanh,
    "relu": lambda u: np.maximum(u, 0.0),
    "sigmoid": sigmoid,
    "identity": lambda u: u,
}


def consensus(votes: Sequence[int | None]) -> int:
    """The size most parameters agree on (ties go to the earliest vote), so that one wrong shape is blamed
    on the parameter that has it rather than on the one that happened to be read first."""
    counted = Counter(v for v in votes if v is not None)
    return counted.most_common(1)[0][0]


def expect_shape(
    name: str, array: np.ndarray, shape: tuple[int, ...], layout: str, note: tuple[str, str] | None = None
) -> None:
    """Raise unless ``array`` has ``shape``; ``layout`` names it in symbols ("[B, H]"), ``note`` adds a remark
    in English and Japanese ("as h_prev", "h_prev と同じ")."""
    if array.shape != shape:
        dims = ", ".join(map(str, shape))
        english = f"{layout}, {note[0]}" if note else layout
        japanese = f"形 {layout.replace(' or ', ' か ')} = [{dims}]" + (f"（{note[1]}）" if note else "")
        raise SolverInputError(name, f"shape {english} = [{dims}]", list(array.shape), ja=japanese)


def per_gate(rows: int, gates: int) -> int | None:
    """H from a stacked [gates·H, …] axis, or no vote when it does not divide."""
    return rows // gates if rows % gates == 0 else None


def check_finite(name: str, values: dict[str, Any]) -> None:
    """Inputs near float64's limit can overflow inside a product; say so instead of answering inf or NaN."""
    for value in values.values():
        arrays = value.values() if isinstance(value, dict) else (value,)
        for array in arrays:
            if isinstance(array, (np.ndarray, float)) and not np.isfinite(array).all():
                raise SolverInputError(
                    name,
                    "values small enough that every intermediate stays finite in float64 (one overflowed)",
                    ja="途中の値がすべて float64 で有限に収まる程度に小さい値（いずれかがオーバーフローした）",
                )


def cell_inputs(
    x: np.ndarray,
    h_prev: np.ndarray,
    weight_ih: np.ndarray,
    weight_hh: np.ndarray,
    bias_ih: np.ndarray | None,
    bias_hh: np.ndarray | None,
    gates: int,
    c_prev: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Check a torch-layout cell's shapes; return x and h as [B, ·] rows and both biases (zeros if absent).

    As torch's RNNCell/LSTMCell/GRUCell: x and h_prev are both unbatched ([D], [H]) or both batched with the
    same B; weight_ih is [gates·H, D], weight_hh [gates·H, H], each bias [gates·H].
    """
    stack = f"{gates}H" if gates > 1 else "H"
    if h_prev.ndim != x.ndim:
        if x.ndim == 1:
            layout, layout_ja = "[H] (x is unbatched)", "形 [H]（x にバッチ次元がない）"
        else:
            layout = f"[B, H] with B = {x.shape[0]} (x is batched)"
            layout_ja = f"B = {x.shape[0]} の形 [B, H]（x にバッチ次元がある）"
        raise SolverInputError("h_prev", f"shape {layout}", list(h_prev.shape), ja=layout_ja)
    if x.ndim == 2 and h_prev.shape[0] != x.shape[0]:
        raise SolverInputError(
            "h_prev",
            f"shape [B, H] with B = {x.shape[0]}, the batch size of x",
            list(h_prev.shape),
            ja=f"B = {x.shape[0]}（x のバッチサイズ）の形 [B, H]",
        )
    hidden = consensus(
        [
            h_prev.shape[-1],
            None if c_prev is None else c_prev.shape[-1],
            weight_hh.shape[1],
            per_gate(weight_hh.shape[0], gates),
            per_gate(weight_ih.shape[0], gates),
            None if bias_ih is None else per_gate(bias_ih.shape[0], gates),
            None if bias_hh is None else per_gate(bias_hh.shape[0], gates),
        ]
    )
    size = x.shape[-1]
    expect_shape("h_prev", h_prev, (*h_prev.shape[:-1], hidden), "[H]" if x.ndim == 1 else "[B, H]")
    if c_prev is not None:
        if x.ndim == 1:
            expect_shape("c_prev", c_prev, h_prev.shape, "[H]")
        else:
            expect_shape("c_prev", c_prev, h_prev.shape, "[B, H]", ("as h_prev", "h_prev と同じ"))
    expect_shape("weight_ih", weight_ih, (gates * hidden, size), f"[{stack}, D]")
    expect_shape("weight_hh", weight_hh, (gates * hidden, hidden), f"[{stack}, H]")
    biases = []
    for name, bias in (("bias_ih", bias_ih), ("bias_hh", bias_hh)):
        if bias is None:
            bias = np.zeros(gates * hidden)
        expect_shape(name, bias, (gates * hidden,), f"[{stack}]")
        biases.append(bias)
    return np.atleast_2d(x), np.atleast_2d(h_prev), biases[0], biases[1]


def unbatch(array: np.ndarray, batched: bool) -> np.ndarray:
    return array if batched else array[0]


# Parameter annotations shared by the torch-layout cells (here and in gated.py).
XArg = Annotated[np.ndarray, Array(ndim=(1, 2), shape="[D] or [B, D]")]
HArg = Annotated[np.ndarray, Array(ndim=(1, 2), shape="[H] or [B, H]")]
WeightIH = Annotated[np.ndarray, Array(ndim=2, shape="[H, D]")]
WeightHH = Annotated[np.ndarray, Array(ndim=2, shape="[H, H]")]
VectorH = Annotated[np.ndarray, Array(ndim=1, shape="[H]")]
OptionalH = Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[H]"))]


RNN_CELL_LOOKUP = Lookup(
    keywords=("再帰型ニューラルネットワーク", "recurrent neural network", "simple rnn"),
    example={  # rnn-y1-drill
        "x": [1.0],
        "h_prev": [0.0],
        "weight_ih": [[0.5]],
        "weight_hh": [[0.8]],
        "bias_ih": [0.0],
        "nonlinearity": "sigmoid",
    },
    summary_ja="単純 RNN の 1 ステップ h′ = f(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh)（torch.nn.RNNCell と同じ）。",
)


@solver("rnn-cell", RNN_CELL_LOOKUP)
def rnn_cell(
    x: XArg,
    h_prev: HArg,
    weight_ih: WeightIH,
    weight_hh: WeightHH,
    bias_ih: OptionalH = None,
    bias_hh: OptionalH = None,
    nonlinearity: Annotated[str, Choice("tanh", "relu", "sigmoid")] = "tanh",
) -> Result:
    """One step of a simple RNN: h′ = f(x W_ihᵀ + b_ih + h W_hhᵀ + b_hh), as torch.nn.RNNCell.

    Column-vector form (the course): h_t = f(W_in x_t + W h_{t−1} + b) with W_in = W_ih [H, D], W = W_hh [H, H]
    and b = b_ih + b_hh. x [D] with h_prev [H], or a batch x [B, D] with h_prev [B, H] (rows).

    f is tanh (torch's default), relu, or sigmoid (the course notebook's hidden layer; torch's RNNCell
    has no sigmoid option, but the formula is the same). Biases default to zero.
    """
    rows, h_rows, bias_ih, bias_hh = cell_inputs(x, h_prev, weight_ih, weight_hh, bias_ih, bias_hh, gates=1)
    with np.errstate(over="ignore", invalid="ignore"):
        input_part = rows @ weight_ih.T + bias_ih
        hidden_part = h_rows @ weight_hh.T + bias_hh
        pre_activation = input_part + hidden_part
        h = ACTIVATIONS[nonlinearity](pre_activation)
    batched = x.ndim == 2
    steps = {
        "input_part": unbatch(input_part, batched),
        "hidden_part": unbatch(hidden_part, batched),
        "pre_activation": unbatch(pre_activation, batched),
        "h": unbatch(h, batched),
    }
    check_finite("x", steps)
    return Result(steps["h"], steps=steps)


RNN_BPTT_LOOKUP = Lookup(
    keywords=("backpropagation through time", "通時的誤差逆伝播"),
    example={  # bptt-loss-drill
        "xs": [[1.0], [0.5]],
        "targets": [[0.5], [-0.5]],
        "weight_ih": [[0.8]],
        "weight_hh": [[0.5]],
        "bias": [0.0],
        "weight_out": [[1.2]],
        "bias_out": [0.1],
    },
    summary_ja=(
        "tanh RNN（線形出力、二乗誤差 E = ½Σ‖y_t − d_t‖²）の通時的誤差逆伝播。各重みの勾配を全時刻について合計して"
        "返す。"
    ),
)


@solver("rnn-bptt", RNN_BPTT_LOOKUP)
def rnn_bptt(
    xs: Annotated[np.ndarray, Array(ndim=2, shape="[T, D]")],
    targets: Annotated[np.ndarray, Array(ndim=2, shape="[T, O]")],
    weight_ih: WeightIH,
    weight_hh: WeightHH,
    bias: VectorH,
    weight_out: Annotated[np.ndarray, Array(ndim=2, shape="[O, H]")],
    bias_out: Annotated[np.ndarray, Array(ndim=1, shape="[O]")],
    h0: OptionalH = None,
) -> Result:
    """Full backpropagation through time for a tanh RNN with a linear output and a squared-error loss.

    Forward (column vectors, the course's notation): h_t = tanh(W_ih x_t + W_hh h_{t−1} + b),
    y_t = W_out h_t + c, E = ½ Σ_t ‖y_t − d_t‖², with h_{−1} = h0 (zeros by default).

    Backward: δ^out_t = y_t − d_t; δ_t = ∂E/∂u_t = (W_outᵀ δ^out_t + W_hhᵀ δ_{t+1}) ⊙ (1 − h_t²), with δ_T = 0.

    Gradients, each summed over every time step (the weights are shared in time):
    ∂E/∂W_ih = Σ δ_t x_tᵀ,  ∂E/∂W_hh = Σ δ_t h_{t−1}ᵀ,  ∂E/∂b = Σ δ_t,  ∂E/∂W_out = Σ δ^out_t h_tᵀ,
    ∂E/∂c = Σ δ^out_t. Weights are [out, in]: W_ih [H, D], W_hh [H, H], W_out [O, H].
    """
    steps_count = consensus([xs.shape[0], targets.shape[0]])
    hidden = consensus(
        [
            None if h0 is None else h0.shape[0],
            weight_hh.shape[0],
            weight_hh.shape[1],
            weight_ih.shape[0],
            bias.shape[0],
            weight_out.shape[1],
        ]
    )
    outputs = consensus([targets.shape[1], weight_out.shape[0], bias_out.shape[0]])
    size = xs.shape[1]
    expect_shape("xs", xs, (steps_count, size), "[T, D]")
    expect_shape(
        "targets",
        targets,
        (steps_count, outputs),
        "[T, O]",
        ("one target per step of xs", "xs のステップごとに正解 1 つ"),
    )
    expect_shape("weight_ih", weight_ih, (hidden, size), "[H, D]")
    expect_shape("weight_hh", weight_hh, (hidden, hidden), "[H, H]")
    expect_shape("bias", bias, (hidden,), "[H]")
    expect_shape("weight_out", weight_out, (outputs, hidden), "[O, H]")
    expect_shape("bias_out", bias_out, (outputs,), "[O]")
    h_start = np.zeros(hidden) if h0 is None else h0
    expect_shape("h0", h_start, (hidden,), "[H]")

    with np.errstate(over="ignore", invalid="ignore"):
        # Row t of each [T, ·] array is the column vector of step t; the input projections need no loop.
        input_parts = xs @ weight_ih.T
        pre_activations = np.empty((steps_count, hidden))
        hs = np.empty((steps_count, hidden))
        previous = h_start
        for t in range(steps_count):
            pre_activations[t] = input_parts[t] + weight_hh @ previous + bias
            hs[t] = previous = np.tanh(pre_activations[t])
        ys = hs @ weight_out.T + bias_out
        output_deltas = ys - targets
        loss = 0.5 * float(np.sum(output_deltas**2))

        deltas = np.empty_like(hs)
        from_later = np.zeros(hidden)  # W_hhᵀ δ_{t+1}: nothing flows back into the last step
        for t in reversed(range(steps_count)):
            deltas[t] = (weight_out.T @ output_deltas[t] + from_later) * (1.0 - hs[t] ** 2)
            from_later = weight_hh.T @ deltas[t]
        previous_hs = np.vstack([h_start[np.newaxis], hs])[:-1]  # h_{t−1} for each t
        answer = {
            "loss": loss,
            "grad_weight_ih": deltas.T @ xs,
            "grad_weight_hh": deltas.T @ previous_hs,
            "grad_bias": deltas.sum(axis=0),
            "grad_weight_out": output_deltas.T @ hs,
            "grad_bias_out": output_deltas.sum(axis=0),
        }
    steps = {
        "pre_activations": pre_activations,
        "hs": hs,
        "ys": ys,
        "output_deltas": output_deltas,
        "deltas": deltas,
        "loss": loss,
    }
    check_finite("xs", {**steps, **answer})
    return Result(answer, steps=steps)


BIRNN_CONCAT_LOOKUP = Lookup(
    keywords=("bidirectional rnn", "双方向rnn", "双方向", "seq2seq"),
    example={"hs_f": [[1, 2], [3, 4], [5, 6]], "hs_b": [[-1, 0], [2, -3], [0, 1]]},  # 演習チャレンジ birnn-concat
    summary_ja=(
        "双方向 RNN の特徴 hs = concatenate([hs_f, hs_b[::−1]], axis=1)。逆向き RNN の出力は時刻を反転してから連結"
        "し、形は [T, 2H]。"
    ),
)


@solver("birnn-concat", BIRNN_CONCAT_LOOKUP)
def birnn_concat(
    hs_f: Annotated[np.ndarray, Array(ndim=2, shape="[T, H]")],
    hs_b: Annotated[np.ndarray, Array(ndim=2, shape="[T, H]")],
) -> Result:
    """Bidirectional RNN features: hs = concatenate([hs_f, hs_b[::−1]], axis=1), shape [T, 2H].

    hs_b holds the backward RNN's outputs in its own processing order (last time step first), so it is
    reversed to line its steps up with hs_f; joining on the feature axis (axis=1) gives each time step
    both directions' states, which an output weight V [O, 2H] then reads. axis=0 would give [2T, H].
    """
    expect_shape("hs_b", hs_b, hs_f.shape, "[T, H]", ("the shape of hs_f", "hs_f と同じ形"))
    aligned = hs_b[::-1]
    hs = np.concatenate([hs_f, aligned], axis=1)
    return Result(hs, steps={"hs_b_reversed": aligned, "hs": hs})


RECURSIVE_NN_COMPOSE_LOOKUP = Lookup(
    keywords=("recursive neural network", "再帰的ニューラルネットワーク", "構文木", "syntax tree", "rnn"),
    example={  # 演習チャレンジ recursive-nn-concatenate
        "left": [1.0, -2.0],
        "right": [0.5, 3.0],
        "weight": [[1.0, 0.0, 2.0, -1.0], [0.5, 1.0, -1.0, 2.0]],
        "activation": "identity",
    },
    summary_ja=(
        "構文木上の Recursive NN の 1 ノード: v = f(W · concatenate([left, right]) + b)。左右の子の表現を連結して"
        "親の表現を作る。"
    ),
)


@solver("recursive-nn-compose", RECURSIVE_NN_COMPOSE_LOOKUP)
def recursive_nn_compose(
    left: Annotated[np.ndarray, Array(ndim=1, shape="[E]")],
    right: Annotated[np.ndarray, Array(ndim=1, shape="[E]")],
    weight: Annotated[np.ndarray, Array(ndim=2, shape="[E, 2E]")],
    bias: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[E]"))] = None,
    activation: Annotated[str, Choice("tanh", "relu", "sigmoid", "identity")] = "tanh",
) -> Result:
    """One node of a recursive NN over a syntax tree: v = f(W · concatenate([left, right]) + b).

    The two children's vectors [E] are joined (not added, multiplied or maxed, which would mix them and
    lose their order) into [2E]; W [E, 2E] maps that back to [E], so the parent can itself be a child
    one level up. This is the course's `W.dot(np.concatenate([left, right]))`. f is tanh by default.
    """
    size = consensus(
        [
            left.shape[0],
            right.shape[0],
            weight.shape[0],
            per_gate(weight.shape[1], 2),
            None if bias is None else bias.shape[0],
        ]
    )
    expect_shape("left", left, (size,), "[E]")
    expect_shape("right", right, (size,), "[E]", ("the length of left", "left と同じ長さ"))
    expect_shape("weight", weight, (size, 2 * size), "[E, 2E]")
    bias = np.zeros(size) if bias is None else bias
    expect_shape("bias", bias, (size,), "[E]")
    with np.errstate(over="ignore", invalid="ignore"):
        joined = np.concatenate([left, right])
        pre_activation = weight @ joined + bias
        parent = ACTIVATIONS[activation](pre_activation)
    steps = {"concat": joined, "pre_activation": pre_activation, "output": parent}
    check_finite("weight", steps)
    return Result(parent, steps=steps)


_ONE_HOT = Array(ndim=(1, 2), shape="[V] or [V, 1] (one-hot)", shape_ja="[V] か [V, 1]（one-hot）")


class Word(Param):
    """A token: an integer id, or its one-hot vector."""

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return "0 以上の整数 id、one-hot ベクトル [V]、または one-hot の列 [V, 1]"
        return "an integer id ≥ 0, a one-hot vector [V] or a one-hot column [V, 1]"

    def coerce(self, name: str, value: Any) -> int | np.ndarray:
        if isinstance(value, (list, tuple, np.ndarray)):
            return _ONE_HOT.coerce(name, value)
        try:
            return Int(min=0).coerce(name, value)
        except SolverInputError:
            raise self.refused(name, value) from None


SEQ2SEQ_EMBED_LOOKUP = Lookup(
    keywords=("embedding", "埋め込み", "エンコーダ", "encoder", "one-hot"),
    example={
        "embedding": [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]],
        "word": [[0], [0], [1], [0]],
    },  # 演習チャレンジ
    summary_ja="seq2seq のエンコーダでの埋め込み e = E · w。w が one-hot なら E の j 列目を取り出すことと同じ。",
)


@solver("seq2seq-embed", SEQ2SEQ_EMBED_LOOKUP)
def seq2seq_embed(
    embedding: Annotated[np.ndarray, Array(ndim=2, shape="[E, V]")],
    word: Annotated[int | np.ndarray, Word()],
) -> Result:
    """Embedding lookup in a seq2seq encoder: e = E · w, which for a one-hot w is column j of E.

    E is [embed size, vocab size] and w the word's one-hot vector [V] (or its id j). This is the course's
    `E.dot(w)`; torch's nn.Embedding stores the transpose [V, E] and looks up row j. For a 1-D one-hot w,
    `w.dot(E.T)` happens to give the same numbers; `E.T.dot(w)` only fits when E = V, and `E * w`
    broadcasts into an [E, V] matrix. With w as a column [V, 1], e is the column [E, 1], as E.dot(w) gives.
    """
    vocab = embedding.shape[1]
    column = isinstance(word, np.ndarray) and word.ndim == 2
    if isinstance(word, np.ndarray):
        if word.shape not in ((vocab,), (vocab, 1)):
            raise SolverInputError(
                "word",
                f"a one-hot vector of length V = {vocab} (the columns of embedding)",
                list(word.shape),
                ja=f"長さ V = {vocab}（embedding の列数）の one-hot ベクトル",
            )
        word = word.reshape(-1)
        if not (np.isin(word, (0.0, 1.0)).all() and word.sum() == 1):
            raise SolverInputError(
                "word",
                "a one-hot vector (a single 1, every other entry 0)",
                word.tolist(),
                ja="one-hot ベクトル（1 が 1 つだけで、他の要素はすべて 0）",
            )
        token_id, one_hot = int(np.argmax(word)), word
    else:
        if word >= vocab:
            raise SolverInputError(
                "word",
                f"an id from 0 to {vocab - 1} (V = {vocab} columns of embedding)",
                word,
                ja=f"0〜{vocab - 1} の id（embedding の列数 V = {vocab}）",
            )
        token_id, one_hot = word, np.eye(vocab)[word]
    vector = embedding[:, token_id]  # E·w, read off directly: the one-hot picks a column
    if column:
        vector = vector.reshape(-1, 1)
    return Result(vector, steps={"token_id": token_id, "one_hot": one_hot, "embedding": vector})


RNN_DELTA_BACK_LOOKUP = Lookup(
    keywords=("δ", "bptt"),
    example={  # コード演習 bptt-delta-t
        "delta": [0.5, -1.0, 2.0],
        "weight_hh": [[0.5, -1.0, 0.0], [1.0, 0.5, -0.5], [0.0, 2.0, 1.0]],
    },
    summary_ja=(
        "恒等活性化の RNN の BPTT で誤差を 1 時刻戻す δ_{t−1} = δ_t · U（行ベクトル形式、U は PyTorch "
        "の weight_hh）。順伝播が z_prev.dot(W) のコードでは delta.dot(W.T) になる。"
    ),
)


@solver("rnn-delta-back", RNN_DELTA_BACK_LOOKUP)
def rnn_delta_back(
    delta: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[H] or [B, H]")],
    weight_hh: Annotated[np.ndarray, Array(ndim=2, shape="[H, H]")],
    steps: Annotated[int, Int(min=0, max=1000)] = 1,
) -> Result:
    """The BPTT error step of an identity-activation RNN with row vectors: δ_{t−1} = δ_t · U, repeated `steps` times.

    U = weight_hh [H, H] in PyTorch's layout, whose forward pass is h_t = x_t·W_ihᵀ + h_{t−1}·Uᵀ. With the
    identity activation ∂h_t/∂h_{t−1} is that linear map, and for a row vector the chain rule multiplies by
    the transpose of the forward factor: (Uᵀ)ᵀ = U. Code written the other way round, with the forward pass
    `z_prev.dot(W)` (the course's exercise, W = Uᵀ), takes the same step as `delta.dot(W.T)`. In
    column-vector maths, h_t = W x_t + U h_{t−1} gives δ_{t−1} = Uᵀ δ_t. A tanh or sigmoid RNN would also
    multiply by f′(u_{t−1}) at each step.
    """
    hidden = consensus([delta.shape[-1], weight_hh.shape[0], weight_hh.shape[1]])
    expect_shape("delta", delta, (*delta.shape[:-1], hidden), "[H] or [B, H]")
    expect_shape("weight_hh", weight_hh, (hidden, hidden), "[H, H]")
    history = [delta]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            history.append(history[-1] @ weight_hh)
    shown = {"deltas": np.stack(history)}
    check_finite("steps", shown)
    return Result(history[-1], steps=shown)
