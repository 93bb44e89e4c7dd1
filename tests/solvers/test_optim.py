"""optim solvers: chain-rule, gradient-clipping, init-std."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get
from tests.solvers.golden_cases import GOLDEN

# --- the exam's worked values -------------------------------------------------------------------------------


def test_chain_rule_exam_example():
    result = get("chain-rule")(x=1, y=2)
    assert result.answer == 6.0
    assert result.extras == {"dz_dt": 6.0, "dt_dx": 1.0}
    assert result.steps == {"t": 3.0, "z": 9.0, "dz_dt": 6.0, "dt_dx": 1.0, "dz_dx": 6.0}


@settings(max_examples=50, deadline=None)
@given(st.floats(-1e3, 1e3), st.floats(-1e3, 1e3))
def test_chain_rule_matches_a_central_difference(x, y):
    h = 1e-3
    numeric = ((x + h + y) ** 2 - (x - h + y) ** 2) / (2 * h)
    assert get("chain-rule")(x=x, y=y).answer == pytest.approx(numeric, rel=1e-6, abs=1e-6)


def test_gradient_clipping_exam_example():
    result = get("gradient-clipping")(grad=[3, 4], threshold=1)
    np.testing.assert_allclose(result.answer, [0.6, 0.8])
    assert result.extras == {"norm": 5.0, "rate": 0.2, "clipped": True}
    assert list(result.steps) == ["norm", "rate", "clipped", "result"]


def test_gradient_clipping_leaves_a_short_gradient_alone():
    result = get("gradient-clipping")(grad=[3, 4], threshold=10)
    np.testing.assert_array_equal(result.answer, [3, 4])
    assert result.extras == {"norm": 5.0, "rate": 2.0, "clipped": False}


def test_gradient_clipping_at_exactly_the_threshold_does_nothing():
    result = get("gradient-clipping")(grad=[3, 4], threshold=5)
    assert result.extras["clipped"] is False
    np.testing.assert_array_equal(result.answer, [3, 4])


def test_gradient_clipping_zero_gradient_does_not_divide_by_zero():
    result = get("gradient-clipping")(grad=[[0.0, 0.0], [0.0, 0.0]], threshold=1)
    np.testing.assert_array_equal(result.answer, np.zeros((2, 2)))
    assert result.extras == {"norm": 0.0, "rate": None, "clipped": False}


def test_gradient_clipping_takes_one_norm_over_every_entry():
    grad = np.array([[3.0, 0.0], [0.0, 4.0]])  # row norms 3 and 4; one norm over all entries: 5
    result = get("gradient-clipping")(grad=grad.tolist(), threshold=2.5)
    assert result.extras["norm"] == 5.0
    np.testing.assert_allclose(result.answer, grad / 2)


def test_gradient_clipping_huge_and_tiny_entries():
    huge = get("gradient-clipping")(grad=[3e300, 4e300], threshold=1)
    np.testing.assert_allclose(huge.answer, [0.6, 0.8])
    assert huge.extras["norm"] == pytest.approx(5e300)
    tiny = get("gradient-clipping")(grad=[5e-324], threshold=1)
    assert tiny.extras["clipped"] is False and tiny.extras["rate"] is None


def norm_by_loop(values):
    return math.sqrt(sum(float(v) ** 2 for v in np.ravel(values)))


grads = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4), elements=st.floats(-1e6, 1e6, allow_nan=False)
)


@settings(max_examples=150, deadline=None)
@given(grads, st.floats(1e-3, 1e6))
def test_gradient_clipping_caps_the_norm_and_keeps_the_direction(grad, threshold):
    result = get("gradient-clipping")(grad=grad, threshold=threshold)
    before, after = norm_by_loop(grad), norm_by_loop(result.answer)
    assert result.answer.shape == grad.shape
    assert result.extras["norm"] == pytest.approx(before, rel=1e-12)
    assert after <= before * (1 + 1e-12)
    assert after <= max(threshold, 0.0) * (1 + 1e-12) or not result.extras["clipped"]
    # Against the solver's own norm: at a threshold equal to the norm, this loop's rounding may land either side.
    assert result.extras["clipped"] == (result.extras["norm"] > threshold)
    if before > 0:
        np.testing.assert_allclose(result.answer / after, grad / before, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    ("fan_in", "xavier", "he"),
    [(2, 0.70711, 1.00000), (16, 0.25000, 0.35355), (18, 0.23570, 0.33333)],
)
def test_init_std_table_from_the_notes(fan_in, xavier, he):
    assert get("init-std")(fan_in=fan_in).answer == pytest.approx(xavier, abs=5e-6)
    assert get("init-std")(fan_in=fan_in, method="xavier").answer == pytest.approx(xavier, abs=5e-6)
    assert get("init-std")(fan_in=fan_in, method="he").answer == pytest.approx(he, abs=5e-6)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 10**6))
def test_he_is_root_two_times_xavier(fan_in):
    xavier = get("init-std")(fan_in=fan_in).answer
    assert get("init-std")(fan_in=fan_in, method="he").answer == pytest.approx(math.sqrt(2) * xavier)
    assert xavier == pytest.approx(1 / math.sqrt(fan_in))


# --- torch's numbers (tests/solvers/golden/make_optim.py) ------------------------------------------------------

TORCH_CASES = json.loads((GOLDEN / "optim_torch.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", TORCH_CASES, ids=lambda case: case["solver"])
def test_matches_torch(case):
    """Including θ equal to torch's norm, where a norm rounded differently would clip by a rate of 1 − 1 ulp."""
    result = get(case["solver"])(**case["params"])
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-12, atol=0)
    for name, expected in case["extras"].items():
        if isinstance(expected, bool) or expected is None:
            assert result.extras[name] is expected, name
        else:
            assert result.extras[name] == pytest.approx(expected, rel=1e-12), name


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("chain-rule", {"x": 1}, "y"),
        ("chain-rule", {"x": "one", "y": 2}, "x"),
        ("chain-rule", {"x": float("nan"), "y": 2}, "x"),
        ("chain-rule", {"x": 1e308, "y": 1e308}, "x"),
        ("gradient-clipping", {"grad": [3, 4], "threshold": 0}, "threshold"),
        ("gradient-clipping", {"grad": [3, 4], "threshold": -1}, "threshold"),
        ("gradient-clipping", {"grad": [3, float("nan")], "threshold": 1}, "grad"),
        ("gradient-clipping", {"grad": [[3], [4, 5]], "threshold": 1}, "grad"),
        ("gradient-clipping", {"grad": [3, 4]}, "threshold"),
        ("gradient-clipping", {"grad": "3, 4", "threshold": 1}, "grad"),
        ("init-std", {"fan_in": 0}, "fan_in"),
        ("init-std", {"fan_in": 2.5}, "fan_in"),
        ("init-std", {"fan_in": 16, "method": "glorot"}, "method"),
        ("init-std", {"fan_in": 16, "fan_out": 8}, "fan_out"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
