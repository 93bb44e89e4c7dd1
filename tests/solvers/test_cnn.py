"""cnn solvers: conv-output, pool-output, transposed-conv-output, conv2d, receptive-field."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import SolverInputError, get

GOLDEN = json.loads((Path(__file__).parent / "golden" / "torch_cnn_activations.json").read_text(encoding="utf-8"))
CNN_SOLVERS = ("conv-output", "pool-output", "transposed-conv-output", "conv2d")
TORCH_CASES = [case for case in GOLDEN["cases"] if case["solver"] in CNN_SOLVERS]


# --- the exam's worked values -------------------------------------------------------------------------------


def test_conv_output_exam_example():
    result = get("conv-output")(input=5, kernel=3, stride=2, padding=1)
    assert result.answer == 3
    assert result.extras == {"exact": True}
    assert list(result.steps) == ["span", "padded", "numerator", "stride", "exact", "output"]


def test_conv_output_floors_an_inexact_division():
    result = get("conv-output")(input=6, kernel=3, stride=2)
    assert (result.answer, result.extras["exact"]) == (2, False)


def test_conv_output_pairs_give_a_pair():
    assert get("conv-output")(input=[5, 7], kernel=3, padding=[1, 0]).answer == [5, 5]
    assert get("conv-output")(input=7, kernel=3, dilation=2).answer == 3


def test_pool_output_exam_example():
    assert get("pool-output")(input=4, kernel=2).answer == 2  # stride defaults to the window
    assert get("pool-output")(input=[4, 6], kernel=2, stride=2).answer == [2, 3]


def test_pool_output_ceil_mode_drops_a_window_starting_in_the_right_padding():
    # ⌈(5 + 2 − 2)/2⌉ + 1 = 4, but the 4th window would start at padded index 6 ≥ 5 + 1: torch drops it.
    result = get("pool-output")(input=5, kernel=2, stride=2, padding=1, ceil_mode=True)
    assert result.answer == 3
    assert result.steps["rounded"] == 4 and result.steps["dropped_last_window"] is True
    assert get("pool-output")(input=5, kernel=2, stride=2, ceil_mode=True).answer == 3
    assert get("pool-output")(input=5, kernel=2, stride=2).answer == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"input": 3, "kernel": 3, "stride": 2, "padding": 1}, 5),
        ({"input": 2, "kernel": 3}, 4),
        ({"input": 4, "kernel": 4, "stride": 2, "padding": 1}, 8),
        ({"input": 3, "kernel": 3, "stride": 2, "padding": 1, "output_padding": 1}, 6),
        ({"input": [3, 4], "kernel": 3, "stride": 2, "padding": 1}, [5, 7]),
    ],
)
def test_transposed_conv_output_exam_examples(params, expected):
    result = get("transposed-conv-output")(**params)
    assert result.answer == expected


def test_transposed_conv_output_steps_follow_the_zero_insertion_recipe():
    steps = get("transposed-conv-output")(input=3, kernel=3, stride=2, padding=1).steps
    assert steps == {"stretched": 5, "span": 3, "border": 1, "padded": 7, "output": 5}


def test_receptive_field_wavenet():
    result = get("receptive-field")(kernels=[2] * 10, dilations=[2**i for i in range(10)])
    assert result.answer == 1024
    assert result.steps["per_layer"][:4] == [2, 4, 8, 16]


def test_receptive_field_dilated_3x3_and_strided_stacks():
    assert get("receptive-field")(kernels=[3, 3, 3], dilations=[1, 2, 4]).answer == 15
    assert get("receptive-field")(kernels=[3, 3]).answer == 5
    # VGG-like: conv3, pool2/2, conv3 → 1 + 2 + 1·1 + 2·2 = 8
    assert get("receptive-field")(kernels=[3, 2, 3], strides=[1, 2, 1]).answer == 8


def test_conv2d_small_example_with_bias():
    x = [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]
    result = get("conv2d")(input=x, weight=[[[[1, 0], [0, 1]]]], bias=[1])
    np.testing.assert_array_equal(result.answer, [[[7, 9], [13, 15]]])
    assert result.steps["output_size"] == [2, 2]
    np.testing.assert_array_equal(result.steps["correlation"], [[[6, 8], [12, 14]]])


# --- PyTorch's own numbers (tests/solvers/golden/make_torch_cnn_activations.py) -------------------------------


@pytest.mark.parametrize("case", TORCH_CASES, ids=lambda c: c["solver"])
def test_matches_torch(case):
    solve = get(case["solver"])
    if case.get("error"):
        with pytest.raises(SolverInputError):
            solve(**case["params"])
        return
    answer = solve(**case["params"]).answer
    if case["solver"] == "conv2d":
        assert np.shape(answer) == np.shape(case["answer"])
        np.testing.assert_allclose(answer, case["answer"], rtol=1e-9, atol=1e-12)
    else:
        assert answer == case["answer"]


# --- slow, obviously-correct references -------------------------------------------------------------------------


def conv2d_by_loops(x, w, b, stride, padding, dilation):
    """Textbook cross-correlation, one output pixel at a time (batched input [N, C, H, W])."""
    (sh, sw), (ph, pw), (dh, dw) = stride, padding, dilation
    n, c, h, wid = x.shape
    m, _, kh, kw = w.shape
    out_h = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    out_w = (wid + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n, m, out_h, out_w))
    for b_, o, i, j in itertools.product(range(n), range(m), range(out_h), range(out_w)):
        total = 0.0 if b is None else b[o]
        for ch, u, v in itertools.product(range(c), range(kh), range(kw)):
            row, col = i * sh + u * dh - ph, j * sw + v * dw - pw
            if 0 <= row < h and 0 <= col < wid:
                total += x[b_, ch, row, col] * w[o, ch, u, v]
        out[b_, o, i, j] = total
    return out


@pytest.mark.parametrize("seed", range(12))
def test_conv2d_matches_loops(seed):
    rng = np.random.default_rng(seed)
    n, c, m = rng.integers(1, 3, size=3)
    kh, kw = rng.integers(1, 4, size=2)
    stride, padding, dilation = (tuple(int(v) for v in rng.integers(lo, 3, size=2)) for lo in (1, 0, 1))
    h = int(dilation[0] * (kh - 1) + 1 + rng.integers(0, 5))
    wid = int(dilation[1] * (kw - 1) + 1 + rng.integers(0, 5))
    x = rng.standard_normal((n, c, h, wid))
    w = rng.standard_normal((m, c, kh, kw))
    b = rng.standard_normal(m) if seed % 2 else None
    result = get("conv2d")(
        input=x, weight=w, bias=b, stride=list(stride), padding=list(padding), dilation=list(dilation)
    )
    np.testing.assert_allclose(
        result.answer, conv2d_by_loops(x, w, b, stride, padding, dilation), rtol=1e-12, atol=1e-12
    )


def test_conv2d_unbatched_input_gives_unbatched_output():
    rng = np.random.default_rng(7)
    x, w = rng.standard_normal((2, 5, 6)), rng.standard_normal((3, 2, 3, 3))
    unbatched = get("conv2d")(input=x.tolist(), weight=w.tolist(), padding=1).answer
    batched = get("conv2d")(input=x[np.newaxis], weight=w, padding=1).answer
    assert unbatched.shape == (3, 5, 6)
    np.testing.assert_array_equal(unbatched, batched[0])


def pool_windows_by_sliding(size, kernel, stride, padding, ceil_mode):
    """Slide a window over the padded input and count it, as a learner would with a pencil."""
    count, start = 0, 0
    while True:
        fits = start + kernel <= size + 2 * padding
        # ceil_mode: a window may hang off the end if the previous one had not reached it yet,
        # but (torch) never one that starts inside the right padding.
        hangs = ceil_mode and start - stride + kernel < size + 2 * padding and start < size + padding
        if not (fits or hangs):
            return count
        count, start = count + 1, start + stride


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 20), st.integers(1, 6), st.integers(1, 6), st.integers(0, 3), st.booleans())
def test_pool_output_matches_sliding_windows(size, kernel, stride, padding, ceil_mode):
    expected = pool_windows_by_sliding(size, kernel, stride, padding, ceil_mode)
    params = dict(input=size, kernel=kernel, stride=stride, padding=padding, ceil_mode=ceil_mode)
    if padding > kernel // 2 or expected < 1:
        with pytest.raises(SolverInputError):
            get("pool-output")(**params)
    else:
        assert get("pool-output")(**params).answer == expected


def receptive_field_by_positions(kernels, strides, dilations):
    """Walk back from one output position, collecting every input position it depends on."""
    positions = {0}
    for k, s, d in reversed(list(zip(kernels, strides, dilations))):
        positions = {p * s + j * d for p in positions for j in range(k)}
    return max(positions) - min(positions) + 1


layer = st.tuples(st.integers(1, 5), st.integers(1, 3), st.integers(1, 4))


@settings(max_examples=150, deadline=None)
@given(st.lists(layer, min_size=1, max_size=5))
def test_receptive_field_matches_position_walk(layers):
    kernels, strides, dilations = (list(t) for t in zip(*layers))
    result = get("receptive-field")(kernels=kernels, strides=strides, dilations=dilations)
    assert result.answer == receptive_field_by_positions(kernels, strides, dilations)


# --- properties ---------------------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    st.tuples(st.integers(1, 9), st.integers(1, 9)),
    st.tuples(st.integers(1, 3), st.integers(1, 3)),
    st.integers(1, 3),
    st.integers(0, 2),
    st.integers(1, 2),
)
def test_conv_output_is_the_shape_conv2d_produces(size, kernel, stride, padding, dilation):
    params = dict(kernel=list(kernel), stride=stride, padding=padding, dilation=dilation)
    try:
        expected = get("conv-output")(input=list(size), **params).answer
    except SolverInputError:
        with pytest.raises(SolverInputError):
            get("conv2d")(
                input=np.ones((1, *size)),
                weight=np.ones((1, 1, *kernel)),
                stride=stride,
                padding=padding,
                dilation=dilation,
            )
        return
    out = get("conv2d")(
        input=np.ones((1, *size)), weight=np.ones((1, 1, *kernel)), stride=stride, padding=padding, dilation=dilation
    ).answer
    assert list(out.shape[1:]) == expected


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 30), st.integers(1, 6), st.integers(1, 4), st.integers(0, 4), st.integers(1, 3), st.data())
def test_convolution_undoes_transposed_convolution_shape(size, kernel, stride, padding, dilation, data):
    output_padding = data.draw(st.integers(0, stride - 1))
    try:
        up = get("transposed-conv-output")(
            input=size, kernel=kernel, stride=stride, padding=padding, output_padding=output_padding, dilation=dilation
        ).answer
    except SolverInputError:
        return
    down = get("conv-output")(input=up, kernel=kernel, stride=stride, padding=padding, dilation=dilation)
    assert down.answer == size


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("conv-output", {"input": 3, "kernel": 5}, "kernel"),
        ("conv-output", {"input": 0, "kernel": 1}, "input"),
        ("conv-output", {"input": 5, "kernel": 3, "stride": 0}, "stride"),
        ("conv-output", {"input": 5, "kernel": "three"}, "kernel"),
        ("conv-output", {"input": [5, 5, 5], "kernel": 3}, "input"),
        ("conv-output", {"input": 5}, "kernel"),
        ("conv-output", {"input": 5, "kernel": 3, "strides": 2}, "strides"),
        ("conv-output", {"input": 2**40, "kernel": 3}, "input"),
        ("pool-output", {"input": 5, "kernel": 3, "padding": 2}, "padding"),
        ("pool-output", {"input": 1, "kernel": 3}, "kernel"),
        ("pool-output", {"input": 4, "kernel": 2, "ceil_mode": "maybe"}, "ceil_mode"),
        ("transposed-conv-output", {"input": 3, "kernel": 3, "output_padding": 1}, "output_padding"),
        ("transposed-conv-output", {"input": 1, "kernel": 1, "padding": 1}, "padding"),
        ("receptive-field", {"kernels": [2, 2], "dilations": [1]}, "dilations"),
        ("receptive-field", {"kernels": [2, 2], "strides": [1, 2, 3]}, "strides"),
        ("receptive-field", {"kernels": []}, "kernels"),
        ("receptive-field", {"kernels": [0, 2]}, "kernels"),
    ],
)
def test_bad_sizes_name_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param


ONES = np.ones((1, 4, 4)).tolist()
KERNEL = np.ones((2, 1, 3, 3)).tolist()


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"input": ONES, "weight": np.ones((2, 3, 3, 3))}, "weight"),
        ({"input": ONES, "weight": KERNEL, "bias": [1.0]}, "bias"),
        ({"input": ONES, "weight": KERNEL, "bias": [[1.0, 2.0]]}, "bias"),
        ({"input": ONES, "weight": np.ones((1, 1, 5, 5))}, "kernel"),
        ({"input": ONES, "weight": KERNEL, "dilation": 2}, "kernel"),
        ({"input": [[1.0, float("nan")]], "weight": KERNEL}, "input"),
        ({"input": [[[1.0, float("inf")]]], "weight": KERNEL}, "input"),
        ({"input": [1.0, 2.0], "weight": KERNEL}, "input"),
        ({"input": [[[1, 2], [3]]], "weight": KERNEL}, "input"),
        ({"input": ONES, "weight": [[1.0]]}, "weight"),
        ({"input": np.ones((1, 0, 4, 4)), "weight": KERNEL}, "input"),
        ({"input": ONES, "weight": np.ones((0, 1, 3, 3))}, "weight"),
        ({"input": ONES, "weight": KERNEL, "stride": [1, 0]}, "stride"),
        ({"input": ONES, "weight": KERNEL, "padding": -1}, "padding"),
        ({"input": "ones", "weight": KERNEL}, "input"),
        ({"weight": KERNEL}, "input"),
        ({"input": np.ones((1, 1, 3000, 3000)), "weight": np.ones((1, 1, 3, 3))}, "input"),
    ],
)
def test_conv2d_bad_input_names_the_parameter(params, param):
    with pytest.raises(SolverInputError) as error:
        get("conv2d")(**params)
    assert error.value.param == param
