import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizcli.bank.safe_eval import ATOL, RTOL, SnippetError, UnsafeExpression, evaluate, record, same_value

NAMES = {"left": [1.0, 2.0], "right": [3.0, 4.0], "W": np.arange(8.0).reshape(2, 4), "grad": [3.0, 4.0]}


@pytest.mark.parametrize(
    "source, expected",
    [
        ("W.dot(np.concatenate([left, right]))", [20.0, 60.0]),
        ("np.linalg.norm(grad)", 5.0),
        ("grad[::-1]", [4.0, 3.0]),
        ("W.T.shape", (4, 2)),
        ("np.sum(W, axis=0)", [4.0, 6.0, 8.0, 10.0]),
        ("2 ** 0.5 * 2 ** 0.5", 2.0),
        ("(grad[0] + 1) % 3 == 1 and grad[1] >= 4", True),
    ],
)
def test_allowed_expressions(source, expected):
    assert same_value(evaluate(source, NAMES), expected)


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os')",
        "().__class__.__mro__",
        "left.__class__",
        "np.load('x.npy')",
        "np.ones(10**10)",
        "10**10**10",
        "2 ** 65",
        "open('/etc/passwd')",
        "np.linalg.inv(W)",
        "lambda: 1",
        "[x for x in left]",
        "'a' * 10",
        "np.sum(left, out=left)",
        "np.outer(np.outer(np.outer(grad, grad), np.outer(grad, grad)).reshape(-1).repeat, grad)",
        "(" * 240 + "1" + ")" * 240,
        "x" * 501,
    ],
)
def test_hostile_expressions_are_refused(source):
    with pytest.raises(UnsafeExpression):
        evaluate(source, NAMES)


def test_size_limit_is_checked_before_allocating():
    big = {"v": np.zeros(2000)}
    with pytest.raises(UnsafeExpression, match="would make an array"):
        evaluate("np.outer(v, v)", big)
    with pytest.raises(UnsafeExpression, match="would make an array"):
        evaluate("v.reshape(-1, 1) * v", big)


def test_wrong_but_allowed_code_is_a_snippet_error():
    with pytest.raises(SnippetError, match="not aligned"):
        evaluate("W.dot(left + right)", NAMES)
    with pytest.raises(SnippetError):
        evaluate("left + [1]", NAMES)


def test_same_value_needs_the_same_shape():
    assert not same_value([[1.0, 2.0]], [1.0, 2.0])
    assert same_value([0.1 + 0.2], [0.3])
    assert not same_value(1.0, 1.001)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=n, max_size=n),
            st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=n, max_size=n),
            st.lists(st.sampled_from([0.0, 1e-13, -1e-13, 1e-10, 1e-8, -1e-8]), min_size=n, max_size=n),
        )
    )
)
def test_same_value_is_allclose(arrays):
    """same_value is np.allclose at its tolerances, nearby values included, where it decides an option's key."""
    first, second, nudges = arrays
    for other in (second, [a + a * d for a, d in zip(first, nudges)]):
        assert same_value(first, other) == bool(np.allclose(first, other, rtol=RTOL, atol=ATOL))


def test_records_read_a_solvers_steps_by_name():
    steps = record("steps", {"m_hat": [[-3.0]], "exact": False, "nested": {"k": 2}, "call": print})
    names = {"steps": steps, "boxes": [[0, 0, 2, 2], [1, 1, 3, 3]], "kept": [0]}
    assert same_value(evaluate("steps.m_hat[0, 0] * 2", names), -6.0)
    assert evaluate("not steps.exact and steps.nested.k == 2", names)
    assert evaluate("len(kept) < len(boxes)", names)
    with pytest.raises(UnsafeExpression, match="steps has no 'call'"):
        evaluate("steps.call", names)  # nothing callable gets into a record
    with pytest.raises(UnsafeExpression, match="steps has no 'm'; it has m_hat"):
        evaluate("steps.m", names)
    for hostile in ("steps.__class__", "steps()", "steps.nested()", "len.__self__", "len(steps)"):
        with pytest.raises((UnsafeExpression, SnippetError)):
            evaluate(hostile, names)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("np.all(grad > 0)", True),
        ("np.any(grad > 3.5)", True),
        ("np.argmin(grad)", 0),
        ("np.floor(grad / 2)", [1.0, 2.0]),
        ("np.ceil(grad / 2)", [2.0, 2.0]),
        ("len(W)", 2),
        ("len(W[0])", 4),
    ],
)
def test_functions_for_drill_rules(source, expected):
    assert same_value(evaluate(source, NAMES), expected)


def test_len_of_a_number_is_a_snippet_error_and_a_name_hides_it():
    with pytest.raises(SnippetError):
        evaluate("len(2)", NAMES)
    assert evaluate("len + 1", {"len": 2}) == 3
