"""architectures solvers: mobilenet-cost, densenet-channels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import SolverInputError, get


def test_mobilenet_cost_exam_example():
    result = get("mobilenet-cost")(height=32, width=32, in_channels=64, kernel=3, out_channels=128)
    assert result.answer == {
        "standard": 75_497_472,
        "depthwise": 589_824,
        "pointwise": 8_388_608,
        "separable": 8_978_432,
        "ratio": pytest.approx(0.11892, abs=5e-6),
    }
    assert result.answer["ratio"] == pytest.approx(1 / 128 + 1 / 9, rel=1e-15)


def mobilenet_by_loops(height, width, in_channels, kernel, out_channels):
    """Count multiply-adds one output value at a time."""
    standard = depthwise = pointwise = 0
    for _ in range(height * width):
        standard += out_channels * (kernel * kernel * in_channels)  # every filter sees every input channel
        depthwise += in_channels * (kernel * kernel)  # one K×K filter per channel
        pointwise += out_channels * in_channels  # 1×1 mixes the channels
    return standard, depthwise, pointwise


@settings(max_examples=100, deadline=None)
@given(*(st.integers(1, 40) for _ in range(5)))
def test_mobilenet_ratio_is_one_over_m_plus_one_over_k_squared(height, width, in_channels, kernel, out_channels):
    answer = get("mobilenet-cost")(
        height=height, width=width, in_channels=in_channels, kernel=kernel, out_channels=out_channels
    ).answer
    standard, depthwise, pointwise = mobilenet_by_loops(height, width, in_channels, kernel, out_channels)
    assert (answer["standard"], answer["depthwise"], answer["pointwise"]) == (standard, depthwise, pointwise)
    assert answer["separable"] == depthwise + pointwise
    assert answer["ratio"] == pytest.approx(1 / out_channels + 1 / kernel**2, rel=1e-12)


def test_densenet_channels_exam_example():
    result = get("densenet-channels")(k0=16, growth_rate=12, layers=5)
    assert result.answer == 76
    assert result.extras == {"per_layer": [16, 28, 40, 52, 64]}


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 256), st.integers(1, 64), st.integers(1, 50))
def test_densenet_concatenation_by_stacking(k0, growth_rate, layers):
    channels, inputs = k0, []
    for _ in range(layers):  # each layer sees everything so far and concatenates k new channels
        inputs.append(channels)
        channels += growth_rate
    result = get("densenet-channels")(k0=k0, growth_rate=growth_rate, layers=layers)
    assert (result.answer, result.extras["per_layer"]) == (channels, inputs)


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("mobilenet-cost", {"height": 0, "width": 32, "in_channels": 64, "kernel": 3, "out_channels": 128}, "height"),
        ("mobilenet-cost", {"height": 32, "width": 32, "in_channels": 64, "kernel": 3}, "out_channels"),
        (
            "mobilenet-cost",
            {"height": 32, "width": 32, "in_channels": 64, "kernel": [3, 3], "out_channels": 8},
            "kernel",
        ),
        ("mobilenet-cost", {"height": 32, "width": 32.5, "in_channels": 64, "kernel": 3, "out_channels": 8}, "width"),
        ("densenet-channels", {"k0": 16, "growth_rate": -12, "layers": 5}, "growth_rate"),
        ("densenet-channels", {"k0": 16, "growth_rate": 12, "layers": 0}, "layers"),
        ("densenet-channels", {"k0": True, "growth_rate": 12, "layers": 5}, "k0"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
