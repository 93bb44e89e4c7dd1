"""normalization solvers: normalize, batch-norm-running, im2col, pool2d, param-count."""

from __future__ import annotations

import itertools
import json
import math
import statistics
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str) -> list:
    cases = json.loads((GOLDEN / f"normalization_{name}.json").read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=str(i)) for i, case in enumerate(cases)]


def assert_refused_like_torch(solver: str, case: dict) -> None:
    with pytest.raises(SolverInputError):
        get(solver)(**case["params"])


# The exam's [N, C, H, W] = [2, 2, 2, 2] batch (the solver's example): channel 0 holds 1…8, channel 1 0…8 by 2s.
EXAMPLE_X = [[[[1, 2], [3, 4]], [[0, 2], [4, 6]]], [[[5, 6], [7, 8]], [[2, 4], [6, 8]]]]


# --- normalize: worked values and conventions ----------------------------------------------------------------


def test_batch_norm_of_the_example_per_channel():
    result = get("normalize")(x=EXAMPLE_X)
    np.testing.assert_array_equal(result.answer["mean"], [4.5, 4.0])
    np.testing.assert_array_equal(result.answer["var"], [5.25, 6.0])  # biased: 42/8 and 48/8
    assert result.answer["y"][0, 0, 0, 0] == pytest.approx((1 - 4.5) / math.sqrt(5.25 + 1e-5), rel=1e-15)
    assert list(result.steps) == ["mean", "var", "std", "x_hat", "y"]


def test_batch_norm_of_a_feature_matrix():
    result = get("normalize")(x=[[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]], method="batch")
    np.testing.assert_array_equal(result.answer["mean"], [2.5, 25.0])
    np.testing.assert_allclose(result.answer["var"], [1.25, 125.0], rtol=1e-15)
    # the two columns differ by a factor 10, so they normalize to the same numbers but for ε
    np.testing.assert_allclose(result.answer["y"][:, 0], [-1.3416355, -0.4472118, 0.4472118, 1.3416355], atol=1e-7)


def test_statistics_have_the_shape_of_what_is_normalized():
    x = np.arange(2 * 4 * 3, dtype=float).reshape(2, 4, 3)
    shapes = {"batch": (4,), "layer": (2,), "instance": (2, 4), "group": (2, 2)}
    for method, shape in shapes.items():
        result = get("normalize")(x=x, method=method, num_groups=2 if method == "group" else None)
        assert result.answer["mean"].shape == shape and result.answer["var"].shape == shape, method
        assert result.answer["y"].shape == x.shape


def test_gamma_and_beta_scale_and_shift_each_channel():
    result = get("normalize")(x=[[1.0, 2.0], [1.0, 4.0], [1.0, 6.0]], gamma=[2.0, 3.0], beta=[0.5, -1.0])
    np.testing.assert_array_equal(result.answer["y"][:, 0], [0.5, 0.5, 0.5])  # a constant feature gives β
    expected = 3.0 * np.array([-2.0, 0.0, 2.0]) / math.sqrt(8 / 3 + 1e-5) - 1.0
    np.testing.assert_allclose(result.answer["y"][:, 1], expected, rtol=1e-15)


def test_layer_norm_takes_per_channel_or_elementwise_gamma():
    rng = np.random.default_rng(1)
    x, gamma = rng.normal(size=(2, 3, 2, 2)), rng.normal(size=3)
    per_channel = get("normalize")(x=x, method="layer", gamma=gamma).answer["y"]
    elementwise = get("normalize")(x=x, method="layer", gamma=np.broadcast_to(gamma[:, None, None], (3, 2, 2))).answer
    np.testing.assert_array_equal(per_channel, elementwise["y"])
    with pytest.raises(SolverInputError) as error:
        get("normalize")(x=x, method="batch", gamma=np.ones((3, 2, 2)))
    assert error.value.param == "gamma"


def test_group_norm_spans_layer_norm_and_instance_norm():
    """GroupNorm with G = 1 is LayerNorm (with per-channel γ); with G = C it is InstanceNorm (Wu & He, 2018)."""
    rng = np.random.default_rng(2)
    x, gamma, beta = rng.normal(size=(3, 4, 5)), rng.normal(size=4), rng.normal(size=4)
    group = get("normalize")(x=x, method="group", num_groups=1, gamma=gamma, beta=beta).answer
    layer = get("normalize")(x=x, method="layer", gamma=gamma, beta=beta).answer
    np.testing.assert_allclose(group["y"], layer["y"], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(group["mean"][:, 0], layer["mean"], rtol=1e-15)
    group = get("normalize")(x=x, method="group", num_groups=4, gamma=gamma, beta=beta).answer
    instance = get("normalize")(x=x, method="instance", gamma=gamma, beta=beta).answer
    np.testing.assert_allclose(group["y"], instance["y"], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(group["var"], instance["var"], rtol=1e-13)


def test_torch_refusals_are_bad_input():
    cases = [
        ({"x": [[1.0, 2.0]], "method": "batch"}, "x"),  # one value per channel
        ({"x": [[[1.0], [2.0]]], "method": "instance"}, "x"),  # one spatial element
        ({"x": [[1.0, 2.0], [3.0, 4.0]], "method": "instance"}, "x"),  # no spatial axis at all
        ({"x": np.ones((2, 6, 2)), "method": "group", "num_groups": 4}, "num_groups"),
        ({"x": np.ones((2, 6, 2)), "method": "group"}, "num_groups"),
        ({"x": np.ones((2, 6, 2)), "method": "layer", "num_groups": 2}, "num_groups"),
        ({"x": [[1.0, 1.0], [1.0, 1.0]], "method": "batch", "eps": 0}, "eps"),  # torch: eps must be positive
        ({"x": [[1.0, 2.0], [3.0, 5.0]], "method": "batch", "eps": 0}, "eps"),  # whatever the variance
        ({"x": [[1.0, 1.0], [1.0, 1.0]], "method": "layer", "eps": 0}, "x"),  # 0/0: NaN in torch
        ({"x": [[1.0, 2.0]], "method": "group", "num_groups": 2}, "x"),  # N·(C/G)·H·W = 1
    ]
    for params, param in cases:
        with pytest.raises(SolverInputError) as error:
            get("normalize")(**params)
        assert error.value.param == param, params


def test_variance_is_exact_for_a_large_mean():
    """Two passes (mean, then mean square deviation) keep the digits a one-pass formula loses."""
    x = np.array([[1000.0012], [999.9987], [1000.0031], [999.9975]])
    var = get("normalize")(x=x).answer["var"][0]
    exact = statistics.pvariance([Fraction(v) for v in x[:, 0]])
    assert var == pytest.approx(float(exact), rel=1e-14)


def normalized_sets(x: np.ndarray, method: str, groups: int) -> dict[tuple, list[tuple]]:
    """Index tuples of x by the statistic they share, walking every entry (no NumPy reductions)."""
    sets: dict[tuple, list[tuple]] = {}
    for index in itertools.product(*map(range, x.shape)):
        n, c = index[0], index[1]
        key = {"batch": (c,), "layer": (n,), "instance": (n, c), "group": (n, c // (x.shape[1] // groups))}[method]
        sets.setdefault(key, []).append(index)
    return sets


def slow_normalize(x: np.ndarray, method: str, groups: int, gamma: np.ndarray, beta: np.ndarray, eps: float):
    y = np.empty_like(x)
    for members in normalized_sets(x, method, groups).values():
        values = [float(x[i]) for i in members]
        mean, var = statistics.fmean(values), statistics.pvariance(values)
        for i in members:
            y[i] = gamma[i[1]] * (x[i] - mean) / math.sqrt(var + eps) + beta[i[1]]
    return y


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.float64, st.sampled_from([(3, 4), (2, 4, 3), (2, 4, 2, 3)]), elements=st.floats(-50, 50)),
    st.sampled_from(["batch", "layer", "instance", "group"]),
    st.sampled_from([1, 2, 4]),
    st.sampled_from([1e-5, 1e-2, 1.0]),
)
def test_normalize_matches_an_entry_by_entry_loop(x, method, groups, eps):
    if method == "instance" and x.ndim == 2:
        return
    gamma, beta = np.linspace(0.5, 2.0, 4), np.linspace(-1.0, 1.0, 4)
    params = dict(x=x, method=method, gamma=gamma, beta=beta, eps=eps)
    y = get("normalize")(**params, num_groups=groups if method == "group" else None).answer["y"]
    # |y| reaches 2·100/√1e-5 ≈ 6·10⁴, so rounding in either version is up to ~1e-11 in absolute terms.
    np.testing.assert_allclose(y, slow_normalize(x, method, groups, gamma, beta, eps), rtol=1e-12, atol=1e-10)


@settings(max_examples=80, deadline=None)
@given(
    hnp.arrays(np.float64, st.sampled_from([(4, 3), (3, 2, 5), (2, 3, 2, 2)]), elements=st.floats(-1e3, 1e3)),
    st.sampled_from(["batch", "layer", "instance"]),
)
def test_normalized_sets_have_mean_zero_and_variance_below_one(x, method):
    """With γ = 1, β = 0: each set has mean 0 and variance σ²/(σ² + ε) ≤ 1."""
    if method == "instance" and x.ndim == 2:
        return
    result = get("normalize")(x=x, method=method).answer
    axes = {"batch": (0, *range(2, x.ndim)), "layer": tuple(range(1, x.ndim)), "instance": tuple(range(2, x.ndim))}
    y = result["y"]
    np.testing.assert_allclose(y.mean(axis=axes[method]).ravel(), 0.0, atol=1e-9)
    expected = result["var"] / (result["var"] + 1e-5)
    np.testing.assert_allclose(y.var(axis=axes[method]).ravel(), expected.ravel(), rtol=1e-9, atol=1e-12)


# --- normalize: PyTorch's numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", golden("normalize"))
def test_normalize_matches_torch(case):
    if case.get("error"):
        return assert_refused_like_torch("normalize", case)
    answer, expected = get("normalize")(**case["params"]).answer, case["answer"]
    x = np.asarray(case["params"]["x"])
    mean, var = np.asarray(expected["mean"]), np.asarray(expected["var"])
    # torch's fused y = x·(γ/σ) + (β − μγ/σ) and its one-pass (Welford) variance round relative to |x|/σ and
    # to μ², not to y and σ²: a y of 0, or a small σ beside a large mean, costs digits there, not here (the
    # two-pass variance above is exact to the last bit). The absolute tolerances scale with those.
    gamma = np.max(np.abs(case["params"].get("gamma", 1.0)))
    # A set with σ² + ε = 0 (a constant instance, ε = 0) has x̂ = 0 exactly; the others set the scale.
    denominators = var + case["params"].get("eps", 1e-5)
    y_scale = np.max(np.abs(x)) * gamma / math.sqrt(np.min(denominators[denominators > 0], initial=np.inf))
    np.testing.assert_allclose(answer["mean"], mean, rtol=1e-13, atol=1e-15 * np.max(np.abs(x)))
    np.testing.assert_allclose(answer["var"], var, rtol=1e-12, atol=1e-14 * np.max(mean**2))
    np.testing.assert_allclose(answer["y"], expected["y"], rtol=1e-12, atol=1e-14 * y_scale)


# --- batch-norm-running --------------------------------------------------------------------------------------


def test_running_statistics_of_the_example():
    result = get("batch-norm-running")(
        running_mean=[0.0, 0.0], running_var=[1.0, 1.0], batch=[[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [4.0, 8.0]]
    )
    np.testing.assert_allclose(result.answer["running_mean"], [0.25, 0.5], rtol=1e-15)
    # unbiased: 5/3 and 20/3, not the 1.25 and 5 the batch was normalized with
    np.testing.assert_allclose(result.answer["running_var"], [0.9 + 0.1 * 5 / 3, 0.9 + 0.1 * 20 / 3], rtol=1e-15)
    assert list(result.steps) == [
        "count",
        "batch_mean",
        "batch_var",
        "batch_var_unbiased",
        "running_mean",
        "running_var",
    ]


def test_momentum_zero_keeps_and_one_replaces():
    batch = np.arange(2 * 3 * 2 * 2, dtype=float).reshape(2, 3, 2, 2) ** 1.5
    kept = get("batch-norm-running")(running_mean=[1, 2, 3], running_var=[4, 5, 6], batch=batch, momentum=0).answer
    np.testing.assert_array_equal(kept["running_mean"], [1, 2, 3])
    np.testing.assert_array_equal(kept["running_var"], [4, 5, 6])
    new = get("batch-norm-running")(running_mean=[1, 2, 3], running_var=[4, 5, 6], batch=batch, momentum=1).answer
    np.testing.assert_allclose(new["running_mean"], batch.mean(axis=(0, 2, 3)), rtol=1e-14)
    np.testing.assert_allclose(new["running_var"], batch.var(axis=(0, 2, 3), ddof=1), rtol=1e-14)


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, st.sampled_from([(4, 2), (2, 2, 3), (3, 2, 2, 2)]), elements=st.floats(-100, 100)),
    st.floats(0, 1),
)
def test_running_statistics_lie_between_old_and_batch(batch, momentum):
    old_mean, old_var = np.array([-5.0, 7.0]), np.array([0.5, 40.0])
    result = get("batch-norm-running")(running_mean=old_mean, running_var=old_var, batch=batch, momentum=momentum)
    unbiased = result.steps["batch_var_unbiased"]
    for old, new, batch_value in (
        (old_mean, result.answer["running_mean"], result.steps["batch_mean"]),
        (old_var, result.answer["running_var"], unbiased),
    ):
        low, high = np.minimum(old, batch_value), np.maximum(old, batch_value)
        assert (low - 1e-9 * (1 + np.abs(low)) <= new).all() and (new <= high + 1e-9 * (1 + np.abs(high))).all()
    count = result.steps["count"]
    np.testing.assert_allclose(unbiased * (count - 1), result.steps["batch_var"] * count, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", golden("running"))
def test_running_statistics_match_torch(case):
    if case.get("error"):
        return assert_refused_like_torch("batch-norm-running", case)
    answer = get("batch-norm-running")(**case["params"]).answer
    for key in ("running_mean", "running_var"):
        np.testing.assert_allclose(answer[key], case["answer"][key], rtol=1e-12, atol=1e-14)


# --- im2col ------------------------------------------------------------------------------------------------------


def test_im2col_of_a_3x3_image():
    result = get("im2col")(x=[[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]], kernel=2)
    assert result.answer.tolist() == [[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]]
    assert list(result.steps) == ["padded", "output_size", "rows", "columns", "col"]


def test_im2col_shapes_of_the_textbook():
    """ゼロから作る 7.4.3: x1 (1, 3, 7, 7) → (9, 75); x2 (10, 3, 7, 7) → (90, 75) with a 5×5 filter."""
    assert get("im2col")(x=np.zeros((1, 3, 7, 7)), kernel=5).answer.shape == (9, 75)
    assert get("im2col")(x=np.zeros((10, 3, 7, 7)), kernel=5).answer.shape == (90, 75)


def test_im2col_columns_run_channel_then_row_then_column():
    x = np.arange(2 * 3 * 3, dtype=float).reshape(1, 2, 3, 3)
    first_row = get("im2col")(x=x, kernel=2, padding=1).answer[0]
    # the top-left window of the padded image: (c, i, j) = (0,0,0), (0,0,1), (0,1,0), (0,1,1), (1,0,0), …
    assert first_row.tolist() == [0, 0, 0, 0, 0, 0, 0, 9]


def im2col_by_loops(x, kernel, stride, padding):
    (kh, kw), (sh, sw), (ph, pw) = kernel, stride, padding
    n, c, h, w = x.shape
    out_h, out_w = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    rows = []
    for b, i, j in itertools.product(range(n), range(out_h), range(out_w)):
        row = []
        for ch, u, v in itertools.product(range(c), range(kh), range(kw)):
            r, s = i * sh + u - ph, j * sw + v - pw
            row.append(x[b, ch, r, s] if 0 <= r < h and 0 <= s < w else 0.0)
        rows.append(row)
    return np.array(rows)


pairs = st.tuples(st.integers(1, 3), st.integers(1, 3))


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=4, max_dims=4, max_side=5), elements=st.floats(-9, 9)),
    pairs,
    pairs,
    st.tuples(st.integers(0, 2), st.integers(0, 2)),
)
def test_im2col_matches_loops(x, kernel, stride, padding):
    if any(x.shape[2 + a] + 2 * padding[a] < kernel[a] for a in (0, 1)):
        with pytest.raises(SolverInputError):
            get("im2col")(x=x, kernel=list(kernel), stride=list(stride), padding=list(padding))
        return
    col = get("im2col")(x=x, kernel=list(kernel), stride=list(stride), padding=list(padding)).answer
    np.testing.assert_array_equal(col, im2col_by_loops(x, kernel, stride, padding))


def test_convolution_is_im2col_times_the_reshaped_filter():
    rng = np.random.default_rng(5)
    x, weight = rng.normal(size=(2, 3, 6, 5)), rng.normal(size=(4, 3, 3, 3))
    col = get("im2col")(x=x, kernel=3, stride=2, padding=1).answer
    out = (col @ weight.reshape(4, -1).T).reshape(2, 3, 3, 4).transpose(0, 3, 1, 2)  # [N, OH, OW, M] → NCHW
    np.testing.assert_allclose(out, get("conv2d")(input=x, weight=weight, stride=2, padding=1).answer, rtol=1e-12)


@pytest.mark.parametrize("case", golden("im2col"))
def test_im2col_matches_torch_unfold(case):
    if case.get("error"):
        return assert_refused_like_torch("im2col", case)
    np.testing.assert_array_equal(get("im2col")(**case["params"]).answer, case["answer"])  # copies, no arithmetic


# --- pool2d -----------------------------------------------------------------------------------------------------


def test_max_pooling_of_the_textbook():
    """ゼロから作る 図7-14: 2×2 max pooling with stride 2."""
    x = [[[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]]]
    result = get("pool2d")(x=x, kernel=2)
    assert result.answer.tolist() == [[[2, 3], [4, 2]]]
    assert result.defaults == {"stride": 2}
    assert get("pool2d")(x=x, kernel=2, mode="avg").answer.tolist() == [[[1.0, 1.5], [2.25, 1.0]]]


def test_avg_pooling_counts_the_padding_but_not_past_it():
    x = np.arange(25.0).reshape(1, 5, 5)
    # ceil_mode adds a third window per axis, hanging one past the edge: it divides by 2 (then by 1 in the corner)
    result = get("pool2d")(x=x, kernel=2, mode="avg", ceil_mode=True)
    assert result.answer.tolist() == [[[3.0, 5.0, 6.5], [13.0, 15.0, 16.5], [20.5, 22.5, 24.0]]]
    assert result.steps["divisor"].tolist() == [[4, 4, 2], [4, 4, 2], [2, 2, 1]]
    # padding 1: the corner window covers 4 input pixels and 5 padding zeros, and divides by 9
    padded = get("pool2d")(x=x, kernel=3, stride=2, padding=1, mode="avg", ceil_mode=True).answer
    assert padded[0, 0, 0] == pytest.approx((0 + 1 + 5 + 6) / 9, rel=1e-15)
    assert padded[0, 2, 2] == pytest.approx((18 + 19 + 23 + 24) / 9, rel=1e-15)


def test_max_pooling_pads_with_minus_infinity():
    result = get("pool2d")(x=[[[-1.0, -2.0], [-3.0, -4.0]]], kernel=2, stride=1, padding=1)
    assert result.answer.tolist() == [[[-1.0, -1.0, -2.0], [-1.0, -1.0, -2.0], [-3.0, -3.0, -4.0]]]


def test_ceil_mode_drops_a_window_starting_in_the_right_padding():
    x = np.arange(25.0).reshape(1, 5, 5)
    result = get("pool2d")(x=x, kernel=2, stride=2, padding=1, ceil_mode=True)
    assert result.answer.shape == (1, 3, 3) and result.steps["dropped_last_window"]


def pool_by_loops(x, kernel, stride, padding, mode, out):
    """Each output from its window's coordinates, with torch's divisor for avg (the window cut at H + P)."""
    (kh, kw), (sh, sw), (ph, pw) = kernel, stride, padding
    c, h, w = x.shape
    y = np.empty((c, *out))
    for ch, i, j in itertools.product(range(c), range(out[0]), range(out[1])):
        r0, s0 = i * sh - ph, j * sw - pw
        r1, s1 = min(r0 + kh, h + ph), min(s0 + kw, w + pw)
        inside = [x[ch, r, s] for r in range(max(r0, 0), min(r1, h)) for s in range(max(s0, 0), min(s1, w))]
        y[ch, i, j] = max(inside) if mode == "max" else math.fsum(inside) / ((r1 - r0) * (s1 - s0))
    return y


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=3, max_dims=3, max_side=7), elements=st.floats(-9, 9)),
    pairs,
    pairs,
    st.tuples(st.integers(0, 1), st.integers(0, 1)),
    st.sampled_from(["max", "avg"]),
    st.booleans(),
)
def test_pool2d_matches_loops(x, kernel, stride, padding, mode, ceil_mode):
    params = dict(x=x, kernel=list(kernel), stride=list(stride), padding=list(padding), mode=mode, ceil_mode=ceil_mode)
    try:
        size = get("pool-output")(
            input=list(x.shape[1:]), **{k: v for k, v in params.items() if k not in ("x", "mode")}
        ).answer
    except SolverInputError:
        with pytest.raises(SolverInputError):
            get("pool2d")(**params)
        return
    y = get("pool2d")(**params).answer
    np.testing.assert_allclose(y, pool_by_loops(x, kernel, stride, padding, mode, size), rtol=1e-13, atol=1e-13)


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=3, max_dims=3, min_side=2, max_side=6), elements=st.floats(-9, 9)),
    st.integers(1, 2),
    st.booleans(),
)
def test_max_pooling_is_at_least_avg_pooling_without_padding(x, kernel, ceil_mode):
    biggest = get("pool2d")(x=x, kernel=kernel, ceil_mode=ceil_mode).answer
    average = get("pool2d")(x=x, kernel=kernel, ceil_mode=ceil_mode, mode="avg").answer
    assert (biggest >= average - 1e-12).all()


@pytest.mark.parametrize("case", golden("pool2d"))
def test_pool2d_matches_torch(case):
    if case.get("error"):
        return assert_refused_like_torch("pool2d", case)
    # max copies an entry (exact); avg sums in another order than torch's loop: a few ulps.
    np.testing.assert_allclose(get("pool2d")(**case["params"]).answer, case["answer"], rtol=1e-13, atol=1e-14)


# --- param-count ---------------------------------------------------------------------------------------------


def count(**params) -> int:
    return get("param-count")(**params).answer


def test_vgg16_has_138_million_parameters():
    convs = [(3, 64), (64, 64), (64, 128), (128, 128), (128, 256), (256, 256), (256, 256)]
    convs += [(256, 512)] + [(512, 512)] * 5
    total = sum(count(layer="conv2d", in_features=c, out_features=m, kernel=3) for c, m in convs)
    total += sum(
        count(layer="linear", in_features=d, out_features=m) for d, m in [(25088, 4096), (4096, 4096), (4096, 1000)]
    )
    assert total == 138_357_544
    assert count(layer="conv2d", in_features=3, out_features=64, kernel=3) == 1792


def test_recurrent_layers_have_torchs_two_bias_vectors():
    d, h = 100, 128
    assert count(layer="rnn", in_features=d, out_features=h) == h * d + h * h + 2 * h
    lstm = get("param-count")(layer="lstm", in_features=d, out_features=h)
    assert lstm.answer == 4 * (h * d + h * h + 2 * h) == 117_760
    assert lstm.extras == {"weights": 4 * h * (d + h), "biases": 8 * h}
    assert lstm.steps["weight_ih_l0"] == [4 * h, d]
    assert count(layer="gru", in_features=d, out_features=h, bias=False) == 3 * h * (d + h)


def test_other_layers():
    assert count(layer="embedding", in_features=10000, out_features=300) == 3_000_000  # no bias, flag or not
    assert count(layer="batch-norm", in_features=64) == 128  # γ and β; the running buffers are not parameters
    assert count(layer="layer-norm", in_features=512, bias=False) == 512
    mha = get("param-count")(layer="multihead-attention", in_features=512, num_heads=8)
    assert mha.answer == 4 * 512 * 512 + 4 * 512 == 1_050_624
    assert count(layer="multihead-attention", in_features=512) == mha.answer  # the heads split E, adding nothing
    depthwise = get("param-count")(layer="conv2d", in_features=32, out_features=32, kernel=[3, 3], groups=32)
    assert (depthwise.answer, depthwise.steps["weight"]) == (32 * 9 + 32, [32, 1, 3, 3])


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["linear", "conv2d", "rnn", "lstm", "gru", "batch-norm", "layer-norm", "multihead-attention"]),
    st.integers(1, 10**6),
    st.integers(1, 10**6),
)
def test_bias_false_removes_exactly_the_biases(layer, d_in, d_out):
    params = dict(layer=layer, in_features=d_in)
    if layer in ("linear", "conv2d", "rnn", "lstm", "gru"):
        params["out_features"] = d_out
    if layer == "conv2d":
        params["kernel"] = 3
    with_bias, without = get("param-count")(**params), get("param-count")(**params, bias=False)
    assert without.extras == {"weights": with_bias.extras["weights"], "biases": 0}
    assert with_bias.answer == with_bias.extras["weights"] + with_bias.extras["biases"]


@pytest.mark.parametrize("case", golden("param_count"))
def test_param_count_matches_torch_modules(case):
    if case.get("error"):
        return assert_refused_like_torch("param-count", case)
    result = get("param-count")(**case["params"])
    assert {"total": result.answer, **result.extras} == case["answer"]


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("normalize", {"x": [1.0, 2.0]}, "x"),
        ("normalize", {"x": np.zeros((0, 3))}, "x"),
        ("normalize", {"x": [[1.0, 2.0], [3.0, 4.0]], "method": "weight"}, "method"),
        ("normalize", {"x": [[1.0, 2.0], [3.0, 4.0]], "gamma": [1.0, 2.0, 3.0]}, "gamma"),
        ("normalize", {"x": [[1.0, 2.0], [3.0, 4.0]], "beta": [[1.0, 2.0]]}, "beta"),
        ("normalize", {"x": [[1.0, 2.0], [3.0, 4.0]], "eps": -1e-5}, "eps"),
        ("normalize", {"x": [[1e308, -1e308], [-1e308, 1e308]]}, "x"),
        ("normalize", {"x": [[1.0, 2.0], [3.0, 4.0]], "gamma": 1e308, "beta": 1e308}, "gamma"),
        ("normalize", {"x": np.ones((2, 4)), "method": "group", "num_groups": 8}, "num_groups"),
        (
            "batch-norm-running",
            {"running_mean": [0.0], "running_var": [1.0], "batch": [[1.0, 2.0], [3.0, 4.0]]},
            "running_mean",
        ),
        (
            "batch-norm-running",
            {"running_mean": [0.0, 0.0], "running_var": [1.0], "batch": [[1.0, 2.0], [3.0, 4.0]]},
            "running_var",
        ),
        (
            "batch-norm-running",
            {"running_mean": [0, 0], "running_var": [1, -1], "batch": [[1, 2], [3, 4]]},
            "running_var",
        ),
        ("batch-norm-running", {"running_mean": [0, 0], "running_var": [1, 1], "batch": [[1, 2]]}, "batch"),
        (
            "batch-norm-running",
            {"running_mean": [0, 0], "running_var": [1, 1], "batch": [[1, 2], [3, 4]], "momentum": 1.5},
            "momentum",
        ),
        ("batch-norm-running", {"running_mean": [0], "running_var": [1], "batch": [[1e308], [-1e308]]}, "batch"),
        ("im2col", {"x": np.zeros((1, 1, 2, 2)), "kernel": 3}, "kernel"),
        ("im2col", {"x": np.zeros((2, 2)), "kernel": 1}, "x"),
        ("im2col", {"x": np.zeros((1, 1, 2, 2)), "kernel": 1, "padding": 10**6}, "padding"),
        ("im2col", {"x": np.zeros((1, 1, 2, 2)), "kernel": 0}, "kernel"),
        ("pool2d", {"x": np.zeros((1, 5, 5)), "kernel": 3, "padding": 2}, "padding"),
        ("pool2d", {"x": np.zeros((1, 1, 1)), "kernel": 2}, "kernel"),
        ("pool2d", {"x": np.zeros((1, 4, 4)), "kernel": 2, "mode": "min"}, "mode"),
        ("pool2d", {"x": [[[1e308, 1e308], [1e308, 1e308]]], "kernel": 2, "mode": "avg"}, "x"),
        ("pool2d", {"x": np.zeros((1, 0, 4)), "kernel": 1}, "x"),
        ("param-count", {"layer": "linear", "in_features": 3}, "out_features"),
        ("param-count", {"layer": "conv2d", "in_features": 3, "out_features": 8}, "kernel"),
        ("param-count", {"layer": "linear", "in_features": 3, "out_features": 4, "kernel": 3}, "kernel"),
        ("param-count", {"layer": "conv2d", "in_features": 6, "out_features": 4, "kernel": 3, "groups": 4}, "groups"),
        ("param-count", {"layer": "linear", "in_features": 4, "out_features": 4, "groups": 2}, "groups"),
        ("param-count", {"layer": "multihead-attention", "in_features": 10, "num_heads": 3}, "num_heads"),
        ("param-count", {"layer": "lstm", "in_features": 10, "out_features": 4, "num_heads": 2}, "num_heads"),
        ("param-count", {"layer": "layer-norm", "in_features": 10, "out_features": 4}, "out_features"),
        ("param-count", {"layer": "transformer", "in_features": 10}, "layer"),
        ("param-count", {"layer": "linear", "in_features": 0, "out_features": 4}, "in_features"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
