"""rnn solvers: rnn-cell, rnn-bptt, birnn-concat, recursive-nn-compose, seq2seq-embed, rnn-delta-back."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get
from tests.solvers.golden_cases import sigmoid, torch_cases

finite = st.floats(-3, 3, allow_nan=False, width=64)


# --- rnn-cell ---------------------------------------------------------------------------------------------


def test_rnn_cell_one_step_from_the_notes():
    # §2.4: W_in = 0.5, W = 0.8, x₁ = 1, z₀ = 0, sigmoid hidden layer: u₁ = 0.5, z₁ = 0.62246.
    result = get("rnn-cell")(x=[1.0], h_prev=[0.0], weight_ih=[[0.5]], weight_hh=[[0.8]], nonlinearity="sigmoid")
    assert result.steps["pre_activation"].tolist() == [0.5]
    assert result.answer[0] == pytest.approx(0.62246, abs=1e-5)


@pytest.mark.parametrize(("params", "expected"), torch_cases("recurrent_rnn_cell.json"))
def test_rnn_cell_matches_torch(params, expected):
    np.testing.assert_allclose(get("rnn-cell")(**params).answer, expected, rtol=1e-9, atol=1e-12)


def slow_rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh, f):
    out = []
    for j in range(len(h)):
        total = b_ih[j] + b_hh[j]
        for k in range(len(x)):
            total += w_ih[j][k] * x[k]
        for k in range(len(h)):
            total += w_hh[j][k] * h[k]
        out.append(f(total))
    return out


@pytest.mark.parametrize("nonlinearity", ["tanh", "relu", "sigmoid"])
def test_rnn_cell_matches_elementwise_loops(nonlinearity):
    rng = np.random.default_rng(3)
    x, h = rng.standard_normal(3), rng.standard_normal(2)
    w_ih, w_hh, b_ih, b_hh = (rng.standard_normal(s) for s in [(2, 3), (2, 2), 2, 2])
    f = {"tanh": math.tanh, "relu": lambda u: max(u, 0.0), "sigmoid": sigmoid}[nonlinearity]
    result = get("rnn-cell")(
        x=x, h_prev=h, weight_ih=w_ih, weight_hh=w_hh, bias_ih=b_ih, bias_hh=b_hh, nonlinearity=nonlinearity
    )
    np.testing.assert_allclose(result.answer, slow_rnn_cell(x, h, w_ih, w_hh, b_ih, b_hh, f), rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), batch=st.integers(1, 4), size=st.integers(1, 4), hidden=st.integers(1, 4))
def test_rnn_cell_batch_is_a_stack_of_single_steps(data, batch, size, hidden):
    x = data.draw(hnp.arrays(np.float64, (batch, size), elements=finite))
    h = data.draw(hnp.arrays(np.float64, (batch, hidden), elements=finite))
    w_ih = data.draw(hnp.arrays(np.float64, (hidden, size), elements=finite))
    w_hh = data.draw(hnp.arrays(np.float64, (hidden, hidden), elements=finite))
    batched = get("rnn-cell")(x=x, h_prev=h, weight_ih=w_ih, weight_hh=w_hh).answer
    for b in range(batch):
        single = get("rnn-cell")(x=x[b], h_prev=h[b], weight_ih=w_ih, weight_hh=w_hh).answer
        np.testing.assert_allclose(batched[b], single, rtol=1e-12, atol=1e-15)


def test_rnn_cell_sigmoid_is_stable_far_out():
    result = get("rnn-cell")(
        x=[1000.0, -1000.0],
        h_prev=[0.0, 0.0],
        weight_ih=[[1, 0], [0, 1]],
        weight_hh=[[0, 0], [0, 0]],
        nonlinearity="sigmoid",
    )
    assert result.answer.tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"weight_ih": [[1.0, 2.0, 3.0]] * 2}, "weight_ih"),  # [H, 3] where x has D = 2
        ({"weight_hh": [[1.0]]}, "weight_hh"),
        ({"h_prev": [0.0, 0.0, 0.0]}, "h_prev"),
        ({"h_prev": [[0.0, 0.0]]}, "h_prev"),  # batched h with an unbatched x, as torch refuses
        ({"bias_ih": [1.0]}, "bias_ih"),
        ({"bias_hh": [1.0, 2.0, 3.0]}, "bias_hh"),
        ({"x": [float("nan"), 1.0]}, "x"),
        ({"x": "abc"}, "x"),
        ({"nonlinearity": "gelu"}, "nonlinearity"),
        ({"hidden": 3}, "hidden"),
    ],
)
def test_rnn_cell_bad_input_names_the_parameter(change, param):
    params = {
        "x": [1.0, 2.0],
        "h_prev": [0.0, 0.0],
        "weight_ih": [[1.0, 0.0], [0.0, 1.0]],
        "weight_hh": [[0.5, 0.0], [0.0, 0.5]],
    }
    with pytest.raises(SolverInputError) as error:
        get("rnn-cell")(**{**params, **change})
    assert error.value.param == param


def test_rnn_cell_batch_sizes_must_agree():
    with pytest.raises(SolverInputError) as error:
        get("rnn-cell")(x=[[1.0], [2.0]], h_prev=[[0.0]] * 3, weight_ih=[[1.0]], weight_hh=[[1.0]])
    assert error.value.param == "h_prev"


def test_rnn_cell_missing_parameter_is_named():
    with pytest.raises(SolverInputError) as error:
        get("rnn-cell")(x=[1.0], h_prev=[0.0], weight_ih=[[1.0]])
    assert error.value.param == "weight_hh"


def test_rnn_cell_overflow_is_an_input_error():
    with pytest.raises(SolverInputError):
        get("rnn-cell")(x=[1e200], h_prev=[1e200], weight_ih=[[1e200]], weight_hh=[[1e200]], nonlinearity="relu")


# --- rnn-bptt ---------------------------------------------------------------------------------------------

GRADIENTS = ("grad_weight_ih", "grad_weight_hh", "grad_bias", "grad_weight_out", "grad_bias_out")


@pytest.mark.parametrize(("params", "expected"), torch_cases("recurrent_rnn_bptt.json"))
def test_rnn_bptt_matches_torch_autograd(params, expected):
    answer = get("rnn-bptt")(**params).answer
    assert set(answer) == {"loss", *GRADIENTS}
    for name, value in expected.items():
        np.testing.assert_allclose(answer[name], value, rtol=1e-9, atol=1e-12, err_msg=name)


def slow_loss(xs, targets, w_ih, w_hh, b, w_out, c, h0):
    """E = ½ Σ_t ‖y_t − d_t‖², one scalar at a time."""
    h, loss = list(h0), 0.0
    for x, d in zip(xs, targets, strict=True):
        h = [
            math.tanh(
                sum(w_ih[j][k] * x[k] for k in range(len(x))) + sum(w_hh[j][k] * h[k] for k in range(len(h))) + b[j]
            )
            for j in range(len(h))
        ]
        for o in range(len(d)):
            y = sum(w_out[o][j] * h[j] for j in range(len(h))) + c[o]
            loss += 0.5 * (y - d[o]) ** 2
    return loss


def bptt_params(seed, steps=4, size=2, hidden=3, outputs=2):
    rng = np.random.default_rng(seed)
    return {
        "xs": rng.standard_normal((steps, size)),
        "targets": rng.standard_normal((steps, outputs)),
        "weight_ih": rng.standard_normal((hidden, size)) * 0.7,
        "weight_hh": rng.standard_normal((hidden, hidden)) * 0.7,
        "bias": rng.standard_normal(hidden) * 0.3,
        "weight_out": rng.standard_normal((outputs, hidden)),
        "bias_out": rng.standard_normal(outputs) * 0.3,
        "h0": rng.standard_normal(hidden) * 0.5,
    }


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rnn_bptt_gradients_match_finite_differences(seed):
    params = bptt_params(seed)
    answer = get("rnn-bptt")(**params).answer
    order = ["xs", "targets", "weight_ih", "weight_hh", "bias", "weight_out", "bias_out", "h0"]
    assert answer["loss"] == pytest.approx(slow_loss(*(params[k] for k in order)), rel=1e-12)
    eps = 1e-6
    for grad_name in GRADIENTS:
        name = grad_name.removeprefix("grad_")
        numeric = np.zeros_like(params[name])
        for index in np.ndindex(params[name].shape):
            plus, minus = ({**params, name: params[name].copy()} for _ in range(2))
            plus[name][index] += eps
            minus[name][index] -= eps
            numeric[index] = (slow_loss(*(plus[k] for k in order)) - slow_loss(*(minus[k] for k in order))) / (2 * eps)
        np.testing.assert_allclose(answer[grad_name], numeric, rtol=1e-6, atol=1e-8, err_msg=grad_name)


def test_rnn_bptt_steps_show_forward_and_backward_per_time_step():
    params = bptt_params(5, steps=3, hidden=2, outputs=1)
    del params["h0"]
    result = get("rnn-bptt")(**{k: v.tolist() for k, v in params.items()})
    assert list(result.steps)[:5] == ["pre_activations", "hs", "ys", "output_deltas", "deltas"]
    assert result.steps["hs"].shape == (3, 2) and result.steps["deltas"].shape == (3, 2)
    np.testing.assert_allclose(result.steps["output_deltas"], result.steps["ys"] - params["targets"])
    # The last step's δ has no later step to receive error from: only the output path.
    last = (params["weight_out"].T @ result.steps["output_deltas"][-1]) * (1 - result.steps["hs"][-1] ** 2)
    np.testing.assert_allclose(result.steps["deltas"][-1], last, rtol=1e-12)


def test_rnn_bptt_perfect_fit_has_zero_gradients():
    params = bptt_params(7)
    params["targets"] = get("rnn-bptt")(**params).steps["ys"]
    answer = get("rnn-bptt")(**params).answer
    assert answer["loss"] == 0.0
    for name in GRADIENTS:
        assert not np.any(answer[name])


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        ("targets", (3, 2)),
        ("weight_ih", (3, 3)),
        ("weight_hh", (3, 2)),
        ("bias", (2,)),
        ("weight_out", (2, 2)),
        ("bias_out", (3,)),
        ("h0", (4,)),
    ],
)
def test_rnn_bptt_shape_mismatch_names_the_parameter(name, shape):
    params = bptt_params(1)
    params[name] = np.ones(shape)
    with pytest.raises(SolverInputError) as error:
        get("rnn-bptt")(**params)
    assert error.value.param == name


def test_rnn_bptt_needs_its_biases():
    params = bptt_params(1)
    del params["bias"]
    with pytest.raises(SolverInputError) as error:
        get("rnn-bptt")(**params)
    assert error.value.param == "bias"


# --- birnn-concat -----------------------------------------------------------------------------------------


def test_birnn_concat_shapes_from_the_notes():
    # §2.11: T = 4, H = 3 → hs (4, 6); with V (2, 6), ys = hs·Vᵀ is (4, 2).
    hs_f = np.arange(12.0).reshape(4, 3)
    hs_b = -np.arange(12.0).reshape(4, 3)
    hs = get("birnn-concat")(hs_f=hs_f.tolist(), hs_b=hs_b.tolist()).answer
    assert hs.shape == (4, 6)
    assert (hs @ np.ones((2, 6)).T).shape == (4, 2)
    assert hs[0].tolist() == [0, 1, 2, -9, -10, -11]  # step 0 meets the backward RNN's last output


@settings(max_examples=50, deadline=None)
@given(data=st.data(), steps=st.integers(1, 6), hidden=st.integers(1, 5))
def test_birnn_concat_pairs_each_step_with_its_mirror(data, steps, hidden):
    hs_f = data.draw(hnp.arrays(np.float64, (steps, hidden), elements=finite))
    hs_b = data.draw(hnp.arrays(np.float64, (steps, hidden), elements=finite))
    hs = get("birnn-concat")(hs_f=hs_f, hs_b=hs_b).answer
    for t in range(steps):
        assert hs[t].tolist() == [*hs_f[t], *hs_b[steps - 1 - t]]


def test_birnn_concat_needs_matching_shapes():
    with pytest.raises(SolverInputError) as error:
        get("birnn-concat")(hs_f=np.zeros((4, 3)), hs_b=np.zeros((3, 3)))
    assert error.value.param == "hs_b"


# --- recursive-nn-compose ---------------------------------------------------------------------------------


def test_recursive_nn_compose_shapes_from_the_notes():
    # §2.11: E = 4, W 4×8 → a parent vector of length 4, which can be composed again.
    rng = np.random.default_rng(0)
    left, right, weight = rng.standard_normal(4), rng.standard_normal(4), rng.standard_normal((4, 8))
    result = get("recursive-nn-compose")(left=left, right=right, weight=weight)
    assert result.steps["concat"].tolist() == [*left, *right]
    assert result.answer.shape == (4,)
    again = get("recursive-nn-compose")(left=result.answer, right=left, weight=weight)
    assert again.answer.shape == (4,)


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "identity"])
def test_recursive_nn_compose_matches_loops(activation):
    left, right = [0.5, -1.0], [2.0, 0.25]
    weight, bias = [[0.1, -0.2, 0.3, 0.4], [-0.5, 0.6, -0.7, 0.8]], [0.05, -0.1]
    f = {"tanh": math.tanh, "relu": lambda u: max(u, 0.0), "sigmoid": sigmoid, "identity": lambda u: u}[activation]
    joined = left + right
    expected = [f(sum(weight[j][k] * joined[k] for k in range(4)) + bias[j]) for j in range(2)]
    result = get("recursive-nn-compose")(left=left, right=right, weight=weight, bias=bias, activation=activation)
    np.testing.assert_allclose(result.answer, expected, rtol=1e-12)


def test_recursive_nn_compose_keeps_the_children_in_order():
    weight = [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]]
    forward = get("recursive-nn-compose")(left=[1, 2], right=[3, 4], weight=weight, activation="identity")
    swapped = get("recursive-nn-compose")(left=[3, 4], right=[1, 2], weight=weight, activation="identity")
    assert forward.answer.tolist() == [1, 3] and swapped.answer.tolist() == [3, 1]


@pytest.mark.parametrize(
    ("change", "param"),
    [
        ({"right": [1.0, 2.0, 3.0]}, "right"),
        ({"weight": [[1.0, 2.0], [3.0, 4.0]]}, "weight"),
        ({"bias": [1.0]}, "bias"),
        ({"activation": "softplus"}, "activation"),
        ({"left": [1.0, math.inf]}, "left"),
    ],
)
def test_recursive_nn_compose_bad_input(change, param):
    params = {"left": [1.0, 2.0], "right": [3.0, 4.0], "weight": np.ones((2, 4)).tolist()}
    with pytest.raises(SolverInputError) as error:
        get("recursive-nn-compose")(**{**params, **change})
    assert error.value.param == param


# --- seq2seq-embed ----------------------------------------------------------------------------------------


def test_seq2seq_embed_picks_a_column():
    embedding = np.arange(30.0).reshape(3, 10)  # embed size 3, vocabulary 10
    by_id = get("seq2seq-embed")(embedding=embedding, word=7)
    one_hot = [0] * 10
    one_hot[7] = 1
    by_vector = get("seq2seq-embed")(embedding=embedding.tolist(), word=one_hot)
    assert by_id.answer.tolist() == by_vector.answer.tolist() == embedding[:, 7].tolist()
    assert by_id.steps["token_id"] == by_vector.steps["token_id"] == 7
    assert by_id.steps["one_hot"].tolist() == one_hot
    assert by_id.answer.tolist() == (embedding @ np.array(one_hot)).tolist()  # the course's E.dot(w)


@pytest.mark.parametrize("word", [10, -1, [0, 1, 1] + [0] * 7, [0.5] * 2 + [0] * 8, [1, 0, 0], 1.5, True, "two"])
def test_seq2seq_embed_rejects_what_is_not_a_word(word):
    with pytest.raises(SolverInputError) as error:
        get("seq2seq-embed")(embedding=np.ones((3, 10)), word=word)
    assert error.value.param == "word"


# --- rnn-delta-back ---------------------------------------------------------------------------------------


def test_rnn_delta_back_is_delta_dot_u():
    delta, u = [1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]]
    assert get("rnn-delta-back")(delta=delta, weight_hh=u).answer.tolist() == [7.0, 10.0]
    twice = get("rnn-delta-back")(delta=delta, weight_hh=u, steps=2)
    assert twice.answer.tolist() == [37.0, 54.0]
    assert twice.steps["deltas"].tolist() == [[1, 2], [7, 10], [37, 54]]
    assert get("rnn-delta-back")(delta=delta, weight_hh=u, steps=0).answer.tolist() == delta


def test_rnn_delta_back_is_the_gradient_of_the_row_form_rnn():
    # h_t = x_t·Wᵀ + h_{t−1}·Uᵀ and L = g·h_t: ∂L/∂h_{t−1} should be g·U (no transpose), checked numerically.
    rng = np.random.default_rng(4)
    u, g, x, w, h_prev = (
        rng.standard_normal((3, 3)),
        rng.standard_normal(3),
        rng.standard_normal(2),
        rng.standard_normal((3, 2)),
        rng.standard_normal(3),
    )

    def loss(h):
        return float((x @ w.T + h @ u.T) @ g)

    numeric = [(loss(h_prev + e * 1e-6) - loss(h_prev - e * 1e-6)) / 2e-6 for e in np.eye(3)]
    answer = get("rnn-delta-back")(delta=g, weight_hh=u).answer
    np.testing.assert_allclose(answer, numeric, rtol=1e-7)
    assert not np.allclose(answer, g @ u.T)


def test_rnn_delta_back_batched_rows():
    deltas = [[1.0, 0.0], [0.0, 1.0]]
    u = [[1.0, 2.0], [3.0, 4.0]]
    assert get("rnn-delta-back")(delta=deltas, weight_hh=u).answer.tolist() == u


def test_rnn_delta_back_bad_input():
    with pytest.raises(SolverInputError) as error:
        get("rnn-delta-back")(delta=[1.0, 2.0, 3.0], weight_hh=[[1.0, 2.0], [3.0, 4.0]])
    assert error.value.param == "delta"
    with pytest.raises(SolverInputError) as error:
        get("rnn-delta-back")(delta=[1.0, 2.0], weight_hh=[[1.0, 2.0]])
    assert error.value.param == "weight_hh"
    with pytest.raises(SolverInputError) as error:
        get("rnn-delta-back")(delta=[1.0], weight_hh=[[1e10]], steps=1000)
    assert error.value.param == "steps"
