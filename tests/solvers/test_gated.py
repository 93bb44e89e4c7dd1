"""gated solvers: lstm-cell, lstm-cell-update, gru-cell, gru-update."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get
from tests.solvers.golden_cases import sigmoid, torch_cases


def logit(p: float) -> float:
    return math.log(p / (1 - p))


finite = st.floats(-3, 3, allow_nan=False, width=64)


def cell_params(seed: int, gates: int, size: int = 3, hidden: int = 2, batch: int | None = None) -> dict:
    rng = np.random.default_rng(seed)
    lead = () if batch is None else (batch,)
    return {
        "x": rng.standard_normal((*lead, size)),
        "h_prev": rng.standard_normal((*lead, hidden)),
        "weight_ih": rng.standard_normal((gates * hidden, size)),
        "weight_hh": rng.standard_normal((gates * hidden, hidden)),
        "bias_ih": rng.standard_normal(gates * hidden),
        "bias_hh": rng.standard_normal(gates * hidden),
    }


# --- lstm-cell-update and lstm-cell -----------------------------------------------------------------------


def test_lstm_cell_update_from_the_notes():
    # §2.8: i = 0.5, a = 0.8, f = 0.9, c_prev = 1.0, o = 0.6 → c = 1.3, h = 0.6·tanh(1.3) = 0.51703.
    result = get("lstm-cell-update")(input_gate=0.5, cell_input=0.8, forget_gate=0.9, c_prev=1.0, output_gate=0.6)
    assert result.answer["c"] == pytest.approx(1.3, abs=1e-12)
    assert result.answer["h"] == pytest.approx(0.51703, abs=1e-5)
    assert list(result.answer) == ["c", "h"]


def test_lstm_cell_reaches_the_notes_values_through_its_gates():
    # Weights chosen so that, with x = 1 and h_prev = 0, the gates are exactly §2.8's i, f, g(= a), o.
    weight_ih = [[logit(0.5)], [logit(0.9)], [math.atanh(0.8)], [logit(0.6)]]
    result = get("lstm-cell")(x=[1.0], h_prev=[0.0], c_prev=[1.0], weight_ih=weight_ih, weight_hh=[[0.0]] * 4)
    for gate, value in zip("ifgo", (0.5, 0.9, 0.8, 0.6), strict=True):
        assert result.steps[gate][0] == pytest.approx(value, abs=1e-12)
    assert result.answer["c"][0] == pytest.approx(1.3, abs=1e-12)
    assert result.answer["h"][0] == pytest.approx(0.51703, abs=1e-5)
    assert list(result.steps) == ["pre_i", "i", "pre_f", "f", "pre_g", "g", "pre_o", "o", "c", "tanh_c", "h"]


@pytest.mark.parametrize(("params", "expected"), torch_cases("recurrent_lstm_cell.json"))
def test_lstm_cell_matches_torch(params, expected):
    answer = get("lstm-cell")(**params).answer
    np.testing.assert_allclose(answer["h"], expected["h"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(answer["c"], expected["c"], rtol=1e-9, atol=1e-12)


def slow_lstm(x, h, c, w_ih, w_hh, b_ih, b_hh):
    hidden = len(h)

    def pre(row):
        return (
            b_ih[row]
            + b_hh[row]
            + sum(w_ih[row][k] * x[k] for k in range(len(x)))
            + sum(w_hh[row][k] * h[k] for k in range(hidden))
        )

    h_new, c_new = [], []
    for j in range(hidden):
        i, f = sigmoid(pre(j)), sigmoid(pre(hidden + j))
        g, o = math.tanh(pre(2 * hidden + j)), sigmoid(pre(3 * hidden + j))
        c_new.append(f * c[j] + i * g)
        h_new.append(o * math.tanh(c_new[-1]))
    return h_new, c_new


def test_lstm_cell_matches_elementwise_loops_batched():
    params = cell_params(1, gates=4, batch=3)
    params["c_prev"] = np.random.default_rng(2).standard_normal((3, 2))
    answer = get("lstm-cell")(**params).answer
    for b in range(3):
        h, c = slow_lstm(
            params["x"][b],
            params["h_prev"][b],
            params["c_prev"][b],
            params["weight_ih"],
            params["weight_hh"],
            params["bias_ih"],
            params["bias_hh"],
        )
        np.testing.assert_allclose(answer["h"][b], h, rtol=1e-12)
        np.testing.assert_allclose(answer["c"][b], c, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), size=st.integers(1, 3), hidden=st.integers(1, 3))
def test_lstm_cell_with_forget_open_and_input_shut_keeps_c(data, size, hidden):
    draw = lambda shape: data.draw(hnp.arrays(np.float64, shape, elements=finite))  # noqa: E731
    c_prev = draw((hidden,))
    bias_ih = draw((4 * hidden,))
    # σ(−800) is exactly 0 and σ(800) exactly 1 in float64: i = 0, f = 1 whatever x and h are.
    bias_ih[:hidden], bias_ih[hidden : 2 * hidden] = -800.0, 800.0
    result = get("lstm-cell")(
        x=draw((size,)),
        h_prev=draw((hidden,)),
        c_prev=c_prev,
        weight_ih=draw((4 * hidden, size)),
        weight_hh=draw((4 * hidden, hidden)),
        bias_ih=bias_ih,
    )
    assert result.answer["c"].tolist() == c_prev.tolist()


@settings(max_examples=60, deadline=None)
@given(
    c_prev=hnp.arrays(np.float64, st.integers(1, 5), elements=finite),
    cell_input=st.floats(-1, 1),
    output_gate=st.floats(0, 1),
)
def test_lstm_cell_update_with_f_one_and_i_zero_keeps_c(c_prev, cell_input, output_gate):
    result = get("lstm-cell-update")(
        input_gate=0.0, forget_gate=1.0, output_gate=output_gate, cell_input=cell_input, c_prev=c_prev
    )
    assert result.answer["c"].tolist() == c_prev.tolist()
    np.testing.assert_allclose(result.answer["h"], output_gate * np.tanh(c_prev))


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"weight_ih": np.ones((6, 3))}, "weight_ih"),  # a GRU's [3H, D] where the LSTM needs [4H, D]
        ({"weight_hh": np.ones((8, 3))}, "weight_hh"),
        ({"c_prev": np.ones(3)}, "c_prev"),
        ({"h_prev": np.ones(3)}, "h_prev"),
        ({"bias_ih": np.ones(6)}, "bias_ih"),
        ({"x": np.ones(4)}, "weight_ih"),  # x decides D; the weight that disagrees is named
        ({"x": [1.0, float("inf"), 0.0]}, "x"),
    ],
)
def test_lstm_cell_bad_input_names_the_parameter(change, param):
    params = {**cell_params(0, gates=4), "c_prev": np.zeros(2)}
    with pytest.raises(SolverInputError) as error:
        get("lstm-cell")(**{**params, **change})
    assert error.value.param == param


def test_lstm_cell_update_shapes_must_broadcast():
    with pytest.raises(SolverInputError) as error:
        get("lstm-cell-update")(
            input_gate=[0.5, 0.5], forget_gate=[0.5, 0.5, 0.5], output_gate=0.5, cell_input=0.1, c_prev=0.0
        )
    assert error.value.param == "forget_gate"


# --- gru-update and gru-cell ------------------------------------------------------------------------------


def test_gru_update_from_the_notes():
    # §2.10: z = 0.3, h = 1.0, h̃ = 0.5 → (1 − z)h + z h̃ = 0.85 (textbook form).
    assert get("gru-update")(update_gate=0.3, h_prev=1.0, h_candidate=0.5).answer == pytest.approx(0.85)


def test_gru_cell_both_conventions_from_the_notes():
    # Gates set so that z = 0.3 and the candidate is 0.5 with h_prev = 1 (W_hn = 0, so r plays no part).
    weight_ih = [[0.0], [logit(0.3)], [math.atanh(0.5)]]
    params = {"x": [1.0], "h_prev": [1.0], "weight_ih": weight_ih, "weight_hh": [[0.0]] * 3}
    textbook = get("gru-cell")(**params, convention="textbook")
    pytorch = get("gru-cell")(**params)
    assert textbook.answer[0] == pytest.approx(0.85, abs=1e-12)
    assert pytorch.answer[0] == pytest.approx(0.65, abs=1e-12)
    assert textbook.steps["n"][0] == pytest.approx(0.5) and textbook.steps["z"][0] == pytest.approx(0.3)


@pytest.mark.parametrize(("params", "expected"), torch_cases("recurrent_gru_cell.json"))
def test_gru_cell_matches_torch(params, expected):
    np.testing.assert_allclose(get("gru-cell")(**params).answer, expected, rtol=1e-9, atol=1e-12)


def slow_gru(x, h, w_ih, w_hh, b_ih, b_hh, convention):
    hidden = len(h)

    def dot(w, row, v):
        return sum(w[row][k] * v[k] for k in range(len(v)))

    r = [sigmoid(dot(w_ih, j, x) + b_ih[j] + dot(w_hh, j, h) + b_hh[j]) for j in range(hidden)]
    z = [
        sigmoid(dot(w_ih, hidden + j, x) + b_ih[hidden + j] + dot(w_hh, hidden + j, h) + b_hh[hidden + j])
        for j in range(hidden)
    ]
    rh = [r[k] * h[k] for k in range(hidden)]
    out = []
    for j in range(hidden):
        row = 2 * hidden + j
        if convention == "pytorch":
            n = math.tanh(dot(w_ih, row, x) + b_ih[row] + r[j] * (dot(w_hh, row, h) + b_hh[row]))
            out.append((1 - z[j]) * n + z[j] * h[j])
        else:
            n = math.tanh(dot(w_ih, row, x) + b_ih[row] + dot(w_hh, row, rh) + b_hh[row])
            out.append((1 - z[j]) * h[j] + z[j] * n)
    return out


@pytest.mark.parametrize("convention", ["pytorch", "textbook"])
def test_gru_cell_matches_elementwise_loops(convention):
    params = cell_params(5, gates=3, size=2, hidden=3)
    answer = get("gru-cell")(**params, convention=convention).answer
    expected = slow_gru(*params.values(), convention)
    np.testing.assert_allclose(answer, expected, rtol=1e-12)


def test_gru_cell_batched_textbook_matches_loops():
    params = cell_params(6, gates=3, batch=2)
    answer = get("gru-cell")(**{k: v.tolist() for k, v in params.items()}, convention="textbook").answer
    for b in range(2):
        expected = slow_gru(
            params["x"][b],
            params["h_prev"][b],
            params["weight_ih"],
            params["weight_hh"],
            params["bias_ih"],
            params["bias_hh"],
            "textbook",
        )
        np.testing.assert_allclose(answer[b], expected, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), size=st.integers(1, 3), hidden=st.integers(1, 3))
def test_gru_pytorch_with_z_flipped_is_the_textbook_form(data, size, hidden):
    """With a diagonal W_hn and b_hn = 0, r ⊙ (W_hn h) = W_hn (r ⊙ h); then negating z's pre-activation
    (σ(−u) = 1 − σ(u)) turns torch's h′ = (1 − z)n + z h into the textbook (1 − z)h + z n."""
    draw = lambda shape: data.draw(hnp.arrays(np.float64, shape, elements=finite))  # noqa: E731
    x, h = draw((size,)), draw((hidden,))
    weight_ih, weight_hh, bias_ih, bias_hh = (
        draw((3 * hidden, size)),
        draw((3 * hidden, hidden)),
        draw((3 * hidden,)),
        draw((3 * hidden,)),
    )
    weight_hh[2 * hidden :] = np.diag(draw((hidden,)))
    bias_hh[2 * hidden :] = 0.0
    flipped = [a.copy() for a in (weight_ih, weight_hh, bias_ih, bias_hh)]
    for array in flipped:
        array[hidden : 2 * hidden] *= -1
    textbook = get("gru-cell")(
        x=x, h_prev=h, weight_ih=weight_ih, weight_hh=weight_hh, bias_ih=bias_ih, bias_hh=bias_hh, convention="textbook"
    ).answer
    pytorch = get("gru-cell")(
        x=x,
        h_prev=h,
        weight_ih=flipped[0],
        weight_hh=flipped[1],
        bias_ih=flipped[2],
        bias_hh=flipped[3],
        convention="pytorch",
    ).answer
    np.testing.assert_allclose(pytorch, textbook, rtol=1e-9, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(z=st.floats(0, 1), h=finite, candidate=st.floats(-1, 1))
def test_gru_update_mixes_old_and_new(z, h, candidate):
    h_new = get("gru-update")(update_gate=z, h_prev=h, h_candidate=candidate).answer
    assert min(h, candidate) - 1e-12 <= h_new <= max(h, candidate) + 1e-12
    # Swapping the roles of h and h̃ is the same as z ↔ 1 − z: the torch form of the same update.
    swapped = get("gru-update")(update_gate=1 - z, h_prev=candidate, h_candidate=h).answer
    assert h_new == pytest.approx(swapped, abs=1e-12)


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"weight_ih": np.ones((8, 3))}, "weight_ih"),
        ({"bias_hh": np.ones(3)}, "bias_hh"),
        ({"convention": "keras"}, "convention"),
        ({"h_prev": np.ones((1, 2))}, "h_prev"),
    ],
)
def test_gru_cell_bad_input_names_the_parameter(change, param):
    with pytest.raises(SolverInputError) as error:
        get("gru-cell")(**{**cell_params(0, gates=3), **change})
    assert error.value.param == param


def test_gru_update_bad_input():
    with pytest.raises(SolverInputError) as error:
        get("gru-update")(update_gate=[0.1, 0.2], h_prev=[1.0, 2.0, 3.0], h_candidate=0.0)
    assert error.value.param == "h_prev"
    with pytest.raises(SolverInputError) as error:
        get("gru-update")(update_gate=0.1, h_prev=float("nan"), h_candidate=0.0)
    assert error.value.param == "h_prev"
