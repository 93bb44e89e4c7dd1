"""layers solvers: affine-backward, softmax-cross-entropy, loss, dropout, regularization."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

GOLDEN = json.loads((Path(__file__).parent / "golden" / "layers_torch.json").read_text(encoding="utf-8"))
TORCH_CASES = [pytest.param(c, id=f"{c['solver']}-{i}") for i, c in enumerate(GOLDEN["cases"])]
COURSE_Y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]  # ゼロから作る §4.2: the network's output
COURSE_T = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]  # the correct class is 2

finite = st.floats(-10, 10, allow_nan=False, width=64)


# --- the exam's worked values -------------------------------------------------------------------------------


def test_affine_backward_course_example():
    result = get("affine-backward")(
        x=[[1.0, 2.0], [3.0, 4.0]],
        weight=[[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]],
        bias=[0.1, 0.2, 0.3],
        dout=[[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]],
    )
    np.testing.assert_allclose(result.answer["dx"], [[0.9, 1.2], [0.9, 1.2]], rtol=1e-15)
    np.testing.assert_array_equal(result.answer["dW"], [[4.0, 4.0, 4.0], [6.0, 6.0, 6.0]])
    np.testing.assert_array_equal(result.answer["db"], [2.0, 2.0, 2.0])
    np.testing.assert_allclose(result.steps["out"], [[0.6, 1.3, 2.0], [1.2, 2.7, 4.2]], rtol=1e-15)
    assert list(result.steps) == ["out", "dout", "dx", "dW", "db"]


def test_affine_backward_single_sample_and_empty_batch():
    one = get("affine-backward")(x=[1.0, 2.0], weight=[[1.0, 0.0], [0.0, 1.0]], bias=[0.0, 0.0], dout=[3.0, -1.0])
    assert one.answer["dx"].tolist() == [3.0, -1.0]
    assert one.answer["dW"].tolist() == [[3.0, -1.0], [6.0, -2.0]]  # the outer product x ⊗ dout
    empty = get("affine-backward")(x=np.zeros((0, 3)), weight=np.ones((3, 2)), bias=[0.0, 0.0], dout=np.zeros((0, 2)))
    assert empty.answer["dx"].shape == (0, 3)
    assert empty.answer["dW"].tolist() == [[0.0, 0.0]] * 3
    assert empty.answer["db"].tolist() == [0.0, 0.0]


def test_softmax_cross_entropy_classic_example():
    # logits (2.0, 1.0, 0.1): softmax (0.659, 0.242, 0.099); the correct class 0 costs −log 0.659 = 0.417.
    result = get("softmax-cross-entropy")(logits=[2.0, 1.0, 0.1], target=0)
    np.testing.assert_allclose(result.steps["softmax"], [0.6590, 0.2424, 0.0986], atol=5e-5)
    assert result.answer["loss"] == pytest.approx(0.4170, abs=5e-5)
    np.testing.assert_allclose(result.answer["grad"], result.steps["softmax"] - [1, 0, 0], rtol=1e-15)
    assert list(result.steps) == ["softmax", "log_softmax", "target", "per_sample", "loss", "grad"]


def test_softmax_cross_entropy_gradient_is_course_y_minus_t_over_n():
    logits = np.array([[0.3, 2.9, 4.0], [1.0, -1.0, 0.5], [0.0, 0.0, 0.0], [5.0, 1.0, 2.0]])
    target = np.array([2, 0, 1, 0])
    result = get("softmax-cross-entropy")(logits=logits, target=target)
    y = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    t = np.eye(3)[target]
    np.testing.assert_allclose(result.answer["grad"], (y - t) / 4, rtol=1e-12, atol=1e-16)
    assert result.answer["loss"] == pytest.approx(-np.mean(np.log(y[np.arange(4), target])), rel=1e-13)


def test_loss_course_sum_of_squares_and_cross_entropy():
    # ゼロから作る §4.2.1: 0.0975 when class 2 gets 0.6, 0.5975 when class 7 does.
    assert get("loss")(name="sse-half", y=COURSE_Y, t=COURSE_T).answer["loss"] == pytest.approx(0.0975, rel=1e-14)
    wrong = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0]
    assert get("loss")(name="sse-half", y=wrong, t=COURSE_T).answer["loss"] == pytest.approx(0.5975, rel=1e-14)
    result = get("loss")(name="sse-half", y=COURSE_Y, t=COURSE_T)
    np.testing.assert_allclose(result.answer["grad"], np.subtract(COURSE_Y, COURSE_T), rtol=1e-15)
    assert get("loss")(y=COURSE_Y, t=COURSE_T).answer["loss"] == pytest.approx(0.0195, rel=1e-14)  # mse default
    assert get("loss")(name="binary-cross-entropy", y=0.8, t=1.0).answer["loss"] == pytest.approx(-math.log(0.8))


def test_dropout_two_conventions_on_the_course_example():
    x, mask = [1.0, 2.0, 3.0, 4.0], [0, 1, 1, 0]
    assert get("dropout")(x=x, p=0.5, keep_mask=mask).answer.tolist() == [0.0, 4.0, 6.0, 0.0]
    assert get("dropout")(x=x, p=0.5, keep_mask=mask, scaling="course").answer.tolist() == [0.0, 2.0, 3.0, 0.0]
    assert get("dropout")(x=x, p=0.5, keep_mask=mask, training=False).answer.tolist() == x
    test_time = get("dropout")(x=x, p=0.5, keep_mask=mask, scaling="course", training=False)
    assert test_time.answer.tolist() == [0.5, 1.0, 1.5, 2.0]


def test_regularization_worked_values():
    l2 = get("regularization")(w=[0.5, -1.0, 0.0, 2.0], lam=0.1)
    assert l2.answer["penalty"] == pytest.approx(0.05 * 5.25, rel=1e-15)
    np.testing.assert_allclose(l2.answer["grad"], [0.05, -0.1, 0.0, 0.2], rtol=1e-15)
    l1 = get("regularization")(w=[0.5, -1.0, 0.0, 2.0], lam=0.1, norm="l1")
    assert l1.answer["penalty"] == pytest.approx(0.35, rel=1e-15)
    np.testing.assert_allclose(l1.answer["grad"], [0.1, -0.1, 0.0, 0.1], rtol=1e-15)  # sign(0) = 0
    assert list(l1.steps) == ["abs_sum", "sign", "penalty", "grad"]


# --- conventions and edge cases ------------------------------------------------------------------------------


def test_class_indices_equal_one_hot_targets():
    logits = [[0.2, -1.0, 3.0], [1.5, 0.5, -0.5]]
    by_index = get("softmax-cross-entropy")(logits=logits, target=[2, 0], label_smoothing=0.2)
    by_rows = get("softmax-cross-entropy")(logits=logits, target=[[0, 0, 1], [1, 0, 0]], label_smoothing=0.2)
    assert by_index.answer["loss"] == pytest.approx(by_rows.answer["loss"], rel=1e-15)
    np.testing.assert_allclose(by_index.answer["grad"], by_rows.answer["grad"], rtol=1e-15)
    np.testing.assert_allclose(
        by_index.steps["target"], [[0.2 / 3, 0.2 / 3, 0.8 + 0.2 / 3], [0.8 + 0.2 / 3, 0.2 / 3, 0.2 / 3]]
    )


def test_label_smoothing_one_is_the_uniform_target():
    logits = np.array([[1.0, 2.0, 4.0, -1.0]])
    result = get("softmax-cross-entropy")(logits=logits, target=[0], label_smoothing=1.0)
    log_softmax = logits - np.log(np.exp(logits).sum())
    assert result.answer["loss"] == pytest.approx(-log_softmax.mean(), rel=1e-14)


def test_softmax_cross_entropy_survives_huge_logits():
    result = get("softmax-cross-entropy")(logits=[[1000.0, -1000.0, 0.0]], target=[1])
    assert result.answer["loss"] == 2000.0
    np.testing.assert_array_equal(result.answer["grad"], [[1.0, -1.0, 0.0]])


def test_binary_cross_entropy_clamps_the_log_at_minus_100():
    result = get("loss")(name="binary-cross-entropy", y=[0.0, 1.0, 0.0, 1.0], t=[1.0, 0.0, 0.0, 1.0])
    assert result.steps["per_element"].tolist() == [100.0, 100.0, 0.0, 0.0]
    assert result.answer["loss"] == 50.0
    # torch's backward divides by max(y(1 − y), ε) with ε = 1e-12 as a float32, not by 1e-12 itself.
    epsilon = float(np.float32(1e-12))
    np.testing.assert_array_equal(result.answer["grad"], [-1 / epsilon / 4, 1 / epsilon / 4, 0.0, 0.0])


def test_mse_is_the_mean_and_its_gradient_two_over_n():
    result = get("loss")(name="mse", y=[[1.0, 2.0], [3.0, 4.0]], t=[[0.0, 0.0], [0.0, 0.0]])
    assert result.answer["loss"] == 7.5
    np.testing.assert_array_equal(result.answer["grad"], [[0.5, 1.0], [1.5, 2.0]])
    assert get("loss")(name="mse", y=3.0, t=1.0).answer["loss"] == 4.0


def test_dropout_edges_follow_torch():
    x = [1.0, -2.0, 3.0]
    np.testing.assert_array_equal(get("dropout")(x=x, p=1.0, keep_mask=[1, 1, 0]).answer, [0.0, -0.0, 0.0])
    assert get("dropout")(x=x, p=0.0, keep_mask=[1, 1, 1]).answer.tolist() == x
    assert get("dropout")(x=x, p=0.25, keep_mask=[True, False, True]).answer.tolist() == [4 / 3, 0.0, 4.0]
    test_time = get("dropout")(x=x, p=0.9, keep_mask=[0, 0, 0], training=False)  # the mask plays no part
    assert test_time.answer.tolist() == x
    assert list(test_time.steps) == ["scale", "y"] and test_time.steps["scale"] == 1.0


# --- independent references ------------------------------------------------------------------------------------


def slow_affine_backward(x, w, dout):
    n, d = len(x), len(w)
    m = len(w[0])
    dx = [[sum(dout[i][j] * w[k][j] for j in range(m)) for k in range(d)] for i in range(n)]
    dw = [[sum(x[i][k] * dout[i][j] for i in range(n)) for j in range(m)] for k in range(d)]
    db = [sum(dout[i][j] for i in range(n)) for j in range(m)]
    return dx, dw, db


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4), st.data())
def test_affine_backward_matches_loops(n, d, m, data):
    x = data.draw(hnp.arrays(np.float64, (n, d), elements=finite))
    w = data.draw(hnp.arrays(np.float64, (d, m), elements=finite))
    b = data.draw(hnp.arrays(np.float64, (m,), elements=finite))
    dout = data.draw(hnp.arrays(np.float64, (n, m), elements=finite))
    answer = get("affine-backward")(x=x, weight=w, bias=b, dout=dout).answer
    dx, dw, db = slow_affine_backward(x.tolist(), w.tolist(), dout.tolist())
    np.testing.assert_allclose(answer["dx"], dx, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(answer["dW"], dw, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(answer["db"], db, rtol=1e-12, atol=1e-12)


def central_differences(f, x, h=1e-6):
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[index] = h
        grad[index] = (f(x + step) - f(x - step)) / (2 * h)
    return grad


def test_softmax_cross_entropy_gradient_matches_central_differences():
    rng = np.random.default_rng(7)
    logits = rng.normal(0, 2, (3, 5))
    for target in ([4, 0, 2], rng.dirichlet(np.ones(5), size=3)):

        def f(z, target=target):
            return get("softmax-cross-entropy")(logits=z, target=target, label_smoothing=0.1).answer["loss"]

        analytic = get("softmax-cross-entropy")(logits=logits, target=target, label_smoothing=0.1).answer["grad"]
        np.testing.assert_allclose(analytic, central_differences(f, logits), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", ["mse", "sse-half", "binary-cross-entropy"])
def test_loss_gradient_matches_central_differences(name):
    rng = np.random.default_rng(11)
    y = rng.uniform(0.05, 0.95, (2, 3))  # inside (0, 1), where BCE's clamp and ε play no part
    t = rng.uniform(0, 1, (2, 3))

    def f(v):
        return get("loss")(name=name, y=v, t=t).answer["loss"]

    np.testing.assert_allclose(get("loss")(name=name, y=y, t=t).answer["grad"], central_differences(f, y), rtol=1e-6)


@pytest.mark.parametrize("norm", ["l2", "l1"])
def test_regularization_gradient_matches_central_differences(norm):
    w = np.random.default_rng(5).normal(0, 1, (3, 2))  # no entry within h of 0, where |w| has its kink

    def f(v):
        return get("regularization")(w=v, lam=0.3, norm=norm).answer["penalty"]

    analytic = get("regularization")(w=w, lam=0.3, norm=norm).answer["grad"]
    np.testing.assert_allclose(analytic, central_differences(f, w), rtol=1e-6)


def test_inverted_dropout_keeps_the_expectation_and_course_dropout_matches_its_test_time():
    """Averaged over every keep mask with its Bernoulli(1 − p) probability: inverted gives x, course gives x(1 − p)."""
    x, p = np.array([1.0, -2.0, 3.5]), 0.3
    inverted, course = np.zeros(3), np.zeros(3)
    for mask in itertools.product([0, 1], repeat=3):
        weight = math.prod(1 - p if kept else p for kept in mask)
        inverted += weight * get("dropout")(x=x, p=p, keep_mask=mask).answer
        course += weight * get("dropout")(x=x, p=p, keep_mask=mask, scaling="course").answer
    np.testing.assert_allclose(inverted, get("dropout")(x=x, p=p, keep_mask=[1, 1, 1], training=False).answer)
    test_time = get("dropout")(x=x, p=p, keep_mask=[1, 1, 1], scaling="course", training=False).answer
    np.testing.assert_allclose(course, test_time, rtol=1e-14)


# --- PyTorch's own numbers ------------------------------------------------------------------------------------


def test_golden_file_records_torch_and_covers_every_solver():
    assert GOLDEN["torch"].startswith("2.") and GOLDEN["dtype"] == "float64"
    names = {"affine-backward", "softmax-cross-entropy", "loss", "dropout", "regularization"}
    assert {case["solver"] for case in GOLDEN["cases"]} == names


@pytest.mark.parametrize("case", TORCH_CASES)
def test_matches_torch(case):
    answer = get(case["solver"])(**case["params"]).answer
    expected = case["answer"]
    # atol: gradients of order 1e-17 (softmax of a far-off class) differ from torch's in the last bits only.
    if isinstance(expected, dict):
        assert set(answer) == set(expected)
        for key, value in expected.items():
            assert np.shape(answer[key]) == np.shape(value), key
            np.testing.assert_allclose(answer[key], value, rtol=1e-12, atol=1e-15, err_msg=key)
    else:
        assert np.shape(answer) == np.shape(expected)
        np.testing.assert_allclose(answer, expected, rtol=1e-12, atol=1e-15)


# --- properties -------------------------------------------------------------------------------------------------


@st.composite
def logits_and_targets(draw):
    n, k = draw(st.integers(1, 5)), draw(st.integers(1, 6))
    logits = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-50, 50, allow_nan=False)))
    if draw(st.booleans()):
        target = draw(hnp.arrays(np.int64, (n,), elements=st.integers(0, k - 1)))
    else:
        weights = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(0.01, 1)))
        target = weights / weights.sum(axis=1, keepdims=True)
    return logits, target, draw(st.floats(0, 1))


@settings(max_examples=100, deadline=None)
@given(logits_and_targets(), st.floats(-100, 100, allow_nan=False))
def test_softmax_cross_entropy_laws(case, shift):
    logits, target, smoothing = case
    result = get("softmax-cross-entropy")(logits=logits, target=target, label_smoothing=smoothing)
    assert result.answer["loss"] >= -1e-12  # a cross-entropy of distributions
    np.testing.assert_allclose(result.answer["grad"].sum(axis=1), 0.0, atol=1e-12)  # softmax and t′ both sum to 1
    shifted = get("softmax-cross-entropy")(logits=logits + shift, target=target, label_smoothing=smoothing)
    assert shifted.answer["loss"] == pytest.approx(result.answer["loss"], rel=1e-9, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=finite), st.floats(0, 10))
def test_regularization_penalty_is_non_negative_and_homogeneous(w, lam):
    l2 = get("regularization")(w=w, lam=lam).answer["penalty"]
    l1 = get("regularization")(w=w, lam=lam, norm="l1").answer["penalty"]
    assert l2 >= 0 and l1 >= 0
    assert get("regularization")(w=2 * w, lam=lam).answer["penalty"] == pytest.approx(4 * l2, rel=1e-12)
    assert get("regularization")(w=2 * w, lam=lam, norm="l1").answer["penalty"] == pytest.approx(2 * l1, rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=4), elements=st.floats(0, 1)), st.data())
def test_binary_cross_entropy_is_smallest_at_the_target(t, data):
    y = data.draw(hnp.arrays(np.float64, t.shape, elements=st.floats(0, 1)))
    at_target = get("loss")(name="binary-cross-entropy", y=t, t=t).answer["loss"]
    assert get("loss")(name="binary-cross-entropy", y=y, t=t).answer["loss"] >= at_target - 1e-12


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("affine-backward", {"x": [[1.0, 2.0]], "weight": [[1.0]], "bias": [0.0], "dout": [[1.0]]}, "x"),
        ("affine-backward", {"x": [[1.0]], "weight": [[1.0, 2.0]], "bias": [0.0], "dout": [[1.0, 1.0]]}, "bias"),
        ("affine-backward", {"x": [[1.0]], "weight": [[1.0]], "bias": [0.0], "dout": [[1.0], [1.0]]}, "dout"),
        ("affine-backward", {"x": [1.0], "weight": [[1.0]], "bias": [0.0], "dout": [[1.0]]}, "dout"),
        ("affine-backward", {"x": [[1e200]], "weight": [[1e200]], "bias": [0.0], "dout": [[1e200]]}, "dout"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [2]}, "target"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [-100]}, "target"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [0.5]}, "target"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [[0.5, 0.6]]}, "target"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [[1.5, -0.5]]}, "target"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [0, 1]}, "target"),
        ("softmax-cross-entropy", {"logits": [1.0, 2.0, 3.0], "target": [0, 1, 2]}, "target"),
        ("softmax-cross-entropy", {"logits": [[1e308, -1e308]], "target": [1]}, "logits"),
        ("softmax-cross-entropy", {"logits": [], "target": 0}, "logits"),
        ("softmax-cross-entropy", {"logits": [[1.0, 2.0]], "target": [0], "label_smoothing": 1.5}, "label_smoothing"),
        ("loss", {"name": "mae", "y": [1.0], "t": [1.0]}, "name"),
        ("loss", {"y": [1.0, 2.0], "t": [1.0]}, "t"),
        ("loss", {"y": [], "t": []}, "y"),
        ("loss", {"y": [1e200], "t": [-1e200]}, "y"),
        ("loss", {"name": "binary-cross-entropy", "y": [1.2], "t": [1.0]}, "y"),
        ("loss", {"name": "binary-cross-entropy", "y": [0.2], "t": [2.0]}, "t"),
        ("dropout", {"x": [1.0, 2.0], "p": 0.5, "keep_mask": [1]}, "keep_mask"),
        ("dropout", {"x": [1.0, 2.0], "p": 0.5, "keep_mask": [1, 2]}, "keep_mask"),
        ("dropout", {"x": [1.0, 2.0], "p": 1.5, "keep_mask": [1, 0]}, "p"),
        ("dropout", {"x": [1e308], "p": 0.9, "keep_mask": [1]}, "p"),
        ("dropout", {"x": [1.0], "p": 0.5, "keep_mask": [1], "scaling": "zero"}, "scaling"),
        ("regularization", {"w": [1.0], "lam": -0.1}, "lam"),
        ("regularization", {"w": [1e200], "lam": 1.0}, "w"),
        ("regularization", {"w": [1.0], "lam": 0.1, "norm": "l3"}, "norm"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
