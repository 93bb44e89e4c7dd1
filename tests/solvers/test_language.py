"""language solvers: perplexity."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solvers import SolverInputError, get


def test_perplexity_exam_examples():
    assert get("perplexity")(probs=[0.25]).answer == pytest.approx(4.0, rel=1e-15)
    two = get("perplexity")(probs=[0.5, 0.25])
    assert two.answer == pytest.approx(math.sqrt(8))
    assert two.steps["cross_entropy"] == pytest.approx(1.0397, abs=5e-5)
    assert get("perplexity")(cross_entropy=math.log(4)).answer == pytest.approx(4.0)


def test_a_certain_model_has_perplexity_one():
    result = get("perplexity")(probs=[1.0, 1.0])
    assert result.answer == 1.0
    assert math.copysign(1.0, result.steps["cross_entropy"]) == 1.0  # 0.0, not −0.0


def test_uniform_guessing_among_v_words_has_perplexity_v():
    assert get("perplexity")(probs=np.full((3, 7), 1 / 10)).answer == pytest.approx(10.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(1e-6, 1.0), min_size=1, max_size=20))
def test_probs_and_cross_entropy_agree_and_equal_the_geometric_mean(probs):
    by_probs = get("perplexity")(probs=probs)
    by_entropy = get("perplexity")(cross_entropy=by_probs.steps["cross_entropy"])
    geometric_mean_of_inverses = math.prod(1 / p for p in probs) ** (1 / len(probs))
    assert by_probs.answer == pytest.approx(by_entropy.answer, rel=1e-12)
    assert by_probs.answer == pytest.approx(geometric_mean_of_inverses, rel=1e-9)
    assert 1.0 <= by_probs.answer <= 1 / min(probs) * (1 + 1e-12)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({}, "probs"),
        ({"probs": [0.5], "cross_entropy": 0.7}, "probs"),
        ({"probs": [0.5, 0.0]}, "probs"),
        ({"probs": [0.5, 1.5]}, "probs"),
        ({"probs": [-0.5]}, "probs"),
        ({"probs": []}, "probs"),
        ({"probs": [5e-324]}, "probs"),
        ({"probs": [0.5, float("nan")]}, "probs"),
        ({"cross_entropy": -1.0}, "cross_entropy"),
        ({"cross_entropy": 800.0}, "cross_entropy"),
        ({"cross_entropy": "high"}, "cross_entropy"),
        ({"probability": [0.5]}, "probability"),
    ],
)
def test_bad_input_names_the_parameter(params, param):
    with pytest.raises(SolverInputError) as error:
        get("perplexity")(**params)
    assert error.value.param == param
