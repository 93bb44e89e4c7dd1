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
