"""One way to show a value or an answer, the same on the terminal, in explanations and on Anki cards."""

import numpy as np
import pytest

from quizcli.formats import format_answer, format_shape, format_value, shape_of


@pytest.mark.parametrize(
    "value, shown",
    [
        (3, "3"),
        (0.25, "0.25"),
        (6.0, "6"),
        (1 / 3, "0.333333"),
        (True, "true"),
        (np.array([[1.0, 0.5]]), "[[1, 0.5]]"),
        ({"exact": True}, "{exact: true}"),
        (float("inf"), "inf"),
    ],
)
def test_format_value(value, shown):
    assert format_value(value) == shown


def test_shapes():
    assert format_shape([3, 3]) == "3×3" and format_shape(7) == "7" and format_shape([]) == ""
    assert shape_of(np.zeros((2, 3))) == [2, 3] and shape_of(1.5) == [] and shape_of({"a": 1}) == []
    assert shape_of([["the", "cat"], ["a", "cat", "sat"]]) == [2]  # BLEU's references: ragged token lists


@pytest.mark.parametrize(
    "answer, kind, unit, shown",
    [
        ([3, 3], "shape", "", "3×3"),
        (3, "shape", "", "3"),
        ([3, 3], None, "", "[3, 3]"),  # a solver's result is a value, whatever it stands for
        (0.5, "numeric", "ms", "0.5 ms"),
        (np.float64(2.0), "numeric", "", "2"),
        (np.array([1.0, 2.0]), "code-choice", "", "[1, 2]"),
    ],
)
def test_format_answer(answer, kind, unit, shown):
    assert format_answer(answer, kind, unit) == shown


@pytest.mark.parametrize(
    "answer, tolerance, shown",
    [
        (0.360958, {"abs": 0.0005}, "0.361 (0.360958)"),  # "to 3 decimals": the key as asked, then in full
        (0.0853689, {"abs": 0.0005}, "0.085 (0.0853689)"),
        (0.25, {"abs": 0.005}, "0.25"),  # already as asked
        (0.4, {"abs": 0.0005}, "0.4"),  # exact with fewer decimals: nothing to round
        (0.360958, {"rel": 0.001}, "0.360958"),  # a relative tolerance asks for no decimals
        (0.360958, {"abs": 0.001}, "0.360958"),  # nor does one that is not half a unit
        (3, {"abs": 0.5}, "3"),
    ],
)
def test_a_key_asked_to_d_decimals_shows_them(answer, tolerance, shown):
    assert format_answer(answer, "numeric", tolerance=tolerance) == shown
