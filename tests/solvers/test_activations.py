"""activations solvers: activation, softmax, sigmoid-derivative-max."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

GOLDEN = json.loads((Path(__file__).parent / "golden" / "torch_cnn_activations.json").read_text(encoding="utf-8"))
TORCH_CASES = [case for case in GOLDEN["cases"] if case["solver"] in ("activation", "softmax")]
NAMES = ("sigmoid", "tanh", "relu", "leaky_relu")


# --- the exam's worked values -------------------------------------------------------------------------------


def test_sigmoid_derivative_max_is_a_quarter_at_zero():
    result = get("sigmoid-derivative-max")()
    assert result.answer == 0.25
    assert result.extras == {"x": 0.0}
    assert result.steps == {"x": 0.0, "sigmoid": 0.5, "one_minus_sigmoid": 0.5, "derivative": 0.25}


def test_sigmoid_derivative_peaks_at_zero():
    xs = np.linspace(-6, 6, 1201)
    derivative = get("activation")(name="sigmoid", x=xs, derivative=True).answer
    assert derivative.max() == 0.25
    assert xs[derivative.argmax()] == 0.0


def test_tanh_values_from_the_notes():
    assert get("activation")(name="tanh", x=0, derivative=True).answer == 1.0
    assert get("activation")(name="tanh", x=1.0, derivative=True).answer == pytest.approx(0.41997, abs=1e-5)


def test_relu_family_at_zero_follows_torch_autograd():
    assert get("activation")(name="relu", x=[-1, 0, 2], derivative=True).answer.tolist() == [0, 0, 1]
    leaky = get("activation")(name="leaky_relu", x=[-1, 0, 2], derivative=True, negative_slope=0.1)
    assert leaky.answer.tolist() == [0.1, 0.1, 1]
    assert get("activation")(name="leaky_relu", x=[-2.0, 3.0]).answer.tolist() == [-0.02, 3.0]


def test_sigmoid_is_stable_at_extremes():
    # filterwarnings = error makes any overflow warning fail this test.
    value = get("activation")(name="sigmoid", x=[-1000, 1000]).answer
    derivative = get("activation")(name="sigmoid", x=[-1000, 1000], derivative=True).answer
    assert value.tolist() == [0.0, 1.0]
    assert derivative.tolist() == [0.0, 0.0]


def test_scalar_in_scalar_out():
    result = get("activation")(name="sigmoid", x=0.0)
    assert np.shape(result.answer) == ()
    assert float(result.answer) == 0.5


def test_softmax_attention_example():
    result = get("softmax")(x=[1, 2, 3])
    np.testing.assert_allclose(result.answer, [0.0900, 0.2447, 0.6652], atol=5e-5)
    assert list(result.steps) == ["x", "shifted", "exp", "sum", "softmax"]


def test_softmax_does_not_overflow_and_respects_axis():
    np.testing.assert_array_equal(get("softmax")(x=[1000, 1000]).answer, [0.5, 0.5])
    columns = get("softmax")(x=[[1, 2], [1, 2]], axis=0).answer
    np.testing.assert_array_equal(columns, [[0.5, 0.5], [0.5, 0.5]])
    assert get("softmax")(x=7.0).answer == 1.0


# --- PyTorch's own numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", TORCH_CASES, ids=lambda c: f"{c['solver']}-{c['params'].get('name', '')}")
def test_matches_torch(case):
    answer = get(case["solver"])(**case["params"]).answer
    assert np.shape(answer) == np.shape(case["answer"])
    # atol: 1 − tanh²(x) for |x| > 10 is rounding noise of order 1e-16 in torch and NumPy alike.
    np.testing.assert_allclose(answer, case["answer"], rtol=1e-9, atol=1e-14)


# --- finite differences ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_differences(name):
    rng = np.random.default_rng(3)
    x = rng.uniform(-6, 6, size=200)
    x = x[np.abs(x) > 1e-3]  # the ReLU kink at 0 has no two-sided difference
    h = 1e-6

    def f(v):
        return get("activation")(name=name, x=v, negative_slope=0.3).answer

    numeric = (f(x + h) - f(x - h)) / (2 * h)
    analytic = get("activation")(name=name, x=x, derivative=True, negative_slope=0.3).answer
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


def test_values_match_their_definitions():
    x = np.linspace(-5, 5, 41)
    definitions = {
        "sigmoid": [1 / (1 + math.exp(-v)) for v in x],
        "tanh": [math.tanh(v) for v in x],
        "relu": [max(v, 0.0) for v in x],
        "leaky_relu": [v if v > 0 else 0.3 * v for v in x],
    }
    for name, expected in definitions.items():
        np.testing.assert_allclose(get("activation")(name=name, x=x, negative_slope=0.3).answer, expected, rtol=1e-12)


# --- properties -------------------------------------------------------------------------------------------------

finite = st.floats(-50, 50, allow_nan=False)
arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=5), elements=finite)


@settings(max_examples=100, deadline=None)
@given(arrays, st.data())
def test_softmax_is_a_distribution_along_its_axis(x, data):
    axis = data.draw(st.integers(-x.ndim, x.ndim - 1))
    p = get("softmax")(x=x, axis=axis).answer
    assert p.shape == x.shape
    assert (p >= 0).all()
    np.testing.assert_allclose(p.sum(axis=axis), 1.0, rtol=1e-12)


@settings(max_examples=100, deadline=None)
@given(arrays, st.floats(-500, 500, allow_nan=False))
def test_softmax_is_shift_invariant(x, shift):
    np.testing.assert_allclose(get("softmax")(x=x + shift).answer, get("softmax")(x=x).answer, rtol=1e-9, atol=1e-300)


@settings(max_examples=100, deadline=None)
@given(arrays, st.sampled_from(NAMES), st.booleans())
def test_activation_keeps_the_shape_and_stays_finite(x, name, derivative):
    result = get("activation")(name=name, x=x * 40, derivative=derivative).answer
    assert result.shape == x.shape
    assert np.isfinite(result).all()


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("activation", {"name": "gelu", "x": 1.0}, "name"),
        ("activation", {"name": "relu"}, "x"),
        ("activation", {"name": "relu", "x": [1.0, float("nan")]}, "x"),
        ("activation", {"name": "relu", "x": "1, 2"}, "x"),
        ("activation", {"name": "relu", "x": [[1, 2], [3]]}, "x"),
        ("activation", {"name": "relu", "x": 1.0, "derivative": "yes"}, "derivative"),
        ("activation", {"name": "leaky_relu", "x": 1.0, "negative_slope": float("inf")}, "negative_slope"),
        ("activation", {"name": "leaky_relu", "x": -1e300, "negative_slope": 1e300}, "negative_slope"),
        ("activation", {"name": "relu", "x": 1.0, "slope": 0.1}, "slope"),
        ("softmax", {"x": [1.0, 2.0], "axis": 1}, "axis"),
        ("softmax", {"x": [[1.0, 2.0]], "axis": -3}, "axis"),
        ("softmax", {"x": [1.0, float("inf")]}, "x"),
        ("softmax", {"x": [1.0], "axis": 0.5}, "axis"),
        ("sigmoid-derivative-max", {"x": 1.0}, "x"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
