"""linalg solvers: eigen, svd."""

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

GOLDEN = json.loads((Path(__file__).parent / "golden" / "linalg_scipy.json").read_text(encoding="utf-8"))
EIGEN_CASES = [c for c in GOLDEN["cases"] if c["solver"] == "eigen" and "answer" in c]
SVD_CASES = [c for c in GOLDEN["cases"] if c["solver"] == "svd"]
ERROR_CASES = [c for c in GOLDEN["cases"] if c.get("error")]
SQRT_HALF = math.sqrt(0.5)


def case_id(case: dict) -> str:
    return f"{case['solver']}-{GOLDEN['cases'].index(case)}"


def leading_entries_are_positive(vectors: np.ndarray) -> bool:
    """The contract's sign rule, written as a loop: the first entry of largest magnitude of each column is > 0."""
    for column in vectors.T:
        top = max(abs(v) for v in column)
        if next(v for v in column if abs(v) >= top * (1 - 1e-10)) <= 0:
            return False
    return True


# --- the exam's worked values -------------------------------------------------------------------------------


def test_eigen_of_the_classic_symmetric_matrix():
    result = get("eigen")(matrix=[[2, 1], [1, 2]])
    np.testing.assert_allclose(result.answer, [3.0, 1.0], rtol=1e-15)
    np.testing.assert_allclose(
        result.extras["eigenvectors"], [[SQRT_HALF, SQRT_HALF], [SQRT_HALF, -SQRT_HALF]], rtol=1e-15
    )
    assert result.steps["method"] == "eigh (symmetric)"
    assert result.steps["trace"] == 4.0
    assert result.steps["determinant"] == pytest.approx(3.0, rel=1e-15)
    assert list(result.steps) == ["method", "trace", "determinant", "eigenvalues", "eigenvectors", "relative_residual"]


def test_eigen_of_a_non_symmetric_matrix_follows_the_sign_rule():
    # λ² − 7λ + 10 = 0: λ = 5, 2; (A − 2I)v = 0 gives v ∝ (1, −2), whose largest entry −2 is made positive.
    result = get("eigen")(matrix=[[4, 1], [2, 3]])
    np.testing.assert_allclose(result.answer, [5.0, 2.0], rtol=1e-14)
    expected = np.array([[1, -1], [1, 2]]) / np.array([math.sqrt(2), math.sqrt(5)])
    np.testing.assert_allclose(result.extras["eigenvectors"], expected, rtol=1e-14)
    assert result.steps["method"] == "eig"


def test_svd_of_the_classic_two_by_three_matrix():
    result = get("svd")(matrix=[[3, 2, 2], [2, 3, -2]])
    np.testing.assert_allclose(result.answer, [5.0, 3.0], rtol=1e-15)
    assert result.extras == {"rank": 2}
    np.testing.assert_allclose(result.steps["gram_eigenvalues"], [25.0, 9.0], rtol=1e-14)
    assert list(result.steps) == ["singular_values", "gram_eigenvalues", "tolerance", "rank", "u", "vt"]


def test_rank_of_a_matrix_with_dependent_rows():
    assert get("svd")(matrix=[[1, 2], [2, 4]]).extras["rank"] == 1
    assert get("svd")(matrix=[[1, 2, 3], [4, 5, 6], [7, 8, 9]]).extras["rank"] == 2
    assert get("svd")(matrix=[[0, 0], [0, 0]]).extras["rank"] == 0


# --- conventions ------------------------------------------------------------------------------------------------


def test_eigenvalues_descend_and_vectors_follow_them():
    result = get("eigen")(matrix=[[1, 0, 0], [0, 3, 0], [0, 0, 2]])
    assert result.answer.tolist() == [3.0, 2.0, 1.0]
    assert result.extras["eigenvectors"].tolist() == [[0, 0, 1], [1, 0, 0], [0, 1, 0]]


def test_a_negative_leading_entry_is_flipped_and_a_tie_goes_to_the_first_entry():
    vectors = get("eigen")(matrix=[[0, 1], [1, 0]]).extras["eigenvectors"]  # λ = 1, −1: (1, 1)/√2, (1, −1)/√2
    np.testing.assert_allclose(vectors, [[SQRT_HALF, SQRT_HALF], [SQRT_HALF, -SQRT_HALF]], rtol=1e-15)
    flipped = get("eigen")(matrix=[[-1, 0], [0, -2]]).extras["eigenvectors"]
    assert flipped.tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_the_symmetric_route_is_taken_only_for_exactly_symmetric_matrices():
    assert get("eigen")(matrix=[[2, 1], [1.0000001, 2]]).steps["method"] == "eig"


def test_a_defective_matrix_has_its_repeated_eigenvalue():
    result = get("eigen")(matrix=[[1, 1], [0, 1]])
    assert result.answer.tolist() == [1.0, 1.0]
    np.testing.assert_allclose(np.linalg.norm(result.extras["eigenvectors"], axis=0), 1.0, rtol=1e-15)


def test_a_rotation_has_no_real_eigenvalues():
    with pytest.raises(SolverInputError, match="real eigenvalues"):
        get("eigen")(matrix=[[0, -1], [1, 0]])


def test_rank_uses_numpys_default_tolerance():
    # tolerance = σ_max · max(m, n) · ε = 1 · 2 · 2.2e-16
    assert get("svd")(matrix=[[1, 0], [0, 4e-16]]).extras["rank"] == 1
    assert get("svd")(matrix=[[1, 0], [0, 5e-16]]).extras["rank"] == 2
    assert get("svd")(matrix=[[1, 0], [0, 1e-20]]).steps["tolerance"] == 2 * np.finfo(float).eps


def test_singular_vectors_rebuild_the_matrix_and_follow_the_sign_rule():
    matrix = np.array([[4.0, 0.0], [3.0, -5.0], [1.0, 2.0]])
    steps = get("svd")(matrix=matrix).steps
    np.testing.assert_allclose(steps["u"] * steps["singular_values"] @ steps["vt"], matrix, atol=1e-14)
    assert leading_entries_are_positive(steps["u"])


def test_large_and_tiny_entries_stay_finite():
    # filterwarnings = error: an overflow in a product or a sum fails here.
    # LAPACK scales such a matrix into its safe range and back: the last bit may move.
    np.testing.assert_allclose(get("eigen")(matrix=[[1e300, 0], [0, 2e300]]).answer, [2e300, 1e300], rtol=1e-15)
    np.testing.assert_allclose(get("svd")(matrix=[[1e-300, 0], [0, 3e-300]]).answer, [3e-300, 1e-300], rtol=1e-15)
    result = get("eigen")(matrix=[[1e308, 0], [0, 1e308]])
    assert "trace" not in result.steps  # 2e308 overflows; the step is left out rather than shown as inf
    with pytest.raises(SolverInputError, match="finite"):
        get("eigen")(matrix=[[1e308, 1e308], [1e308, 1e308]])
    with pytest.raises(SolverInputError, match="finite"):
        get("svd")(matrix=[[1e308, 1e308], [1e308, 1e308]])


# --- scipy's numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", EIGEN_CASES, ids=case_id)
def test_eigen_matches_scipy(case):
    result = get("eigen")(**case["params"])
    scale = max(np.abs(case["answer"]).max(), np.abs(case["params"]["matrix"]).max())
    # scipy's eigh (syevr) and eig (geev) against numpy's eigh (syevd) and eig: different algorithms agree to
    # rounding, a few ε·‖A‖ for eigenvalues (2.9e-15 seen) and ε·‖A‖/gap for eigenvectors (1.7e-14 seen).
    np.testing.assert_allclose(result.answer, case["answer"], rtol=0, atol=1e-12 * scale)
    if case["distinct"]:  # else the eigenvectors of a repeated eigenvalue are one basis among many
        np.testing.assert_allclose(result.extras["eigenvectors"], case["eigenvectors"], rtol=0, atol=1e-12)


@pytest.mark.parametrize("case", SVD_CASES, ids=case_id)
def test_svd_matches_scipy_and_numpys_rank(case):
    result = get("svd")(**case["params"])
    # The same LAPACK routine (gesdd) as scipy.linalg.svdvals; the tolerance only guards a different build.
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-12, atol=1e-12 * max(case["answer"]))
    assert result.extras["rank"] == case["rank"]


@pytest.mark.parametrize("case", ERROR_CASES, ids=case_id)
def test_complex_spectra_are_bad_input(case):
    with pytest.raises(SolverInputError):
        get(case["solver"])(**case["params"])


def test_the_golden_file_says_where_it_comes_from():
    assert GOLDEN["meta"]["scipy"] and len(EIGEN_CASES) >= 30 and len(SVD_CASES) >= 20 and ERROR_CASES


# --- independent checks ---------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, (2, 2), elements=st.floats(-10, 10)))
def test_two_by_two_eigenvalues_solve_the_characteristic_equation(matrix):
    (a, b), (c, d) = matrix
    trace, det = a + d, a * d - b * c
    discriminant = trace * trace / 4 - det
    if discriminant < 1e-6:  # complex (refused) or nearly repeated: the closed form loses digits there
        return
    root = math.sqrt(discriminant)
    values = get("eigen")(matrix=matrix).answer
    np.testing.assert_allclose(values, [trace / 2 + root, trace / 2 - root], rtol=1e-9, atol=1e-9)


@settings(max_examples=100, deadline=None)
# Subnormal entries keep fewer digits than LAPACK's residual bound assumes; their case is tested on its own below.
@given(
    st.integers(1, 6).flatmap(
        lambda n: hnp.arrays(np.float64, (n, n), elements=st.floats(-100, 100, allow_subnormal=False))
    )
)
def test_symmetric_matrices_have_an_orthonormal_eigenbasis(a):
    matrix = a + a.T
    result = get("eigen")(matrix=matrix)
    values, vectors = result.answer, result.extras["eigenvectors"]
    scale = max(np.abs(matrix).max(), 1.0)
    assert (np.diff(values) <= 0).all()
    np.testing.assert_allclose(vectors.T @ vectors, np.eye(len(values)), atol=1e-12)
    np.testing.assert_allclose(matrix @ vectors, vectors * values, atol=1e-12 * scale)
    np.testing.assert_allclose(values.sum(), np.trace(matrix), atol=1e-12 * scale * len(values))
    assert leading_entries_are_positive(vectors)
    assert result.steps["relative_residual"] < 1e-13


@settings(max_examples=100, deadline=None)
@given(
    st.tuples(st.integers(1, 6), st.integers(1, 6)).flatmap(
        lambda shape: hnp.arrays(np.float64, shape, elements=st.floats(-100, 100))
    )
)
def test_singular_values_are_roots_of_the_gram_eigenvalues(matrix):
    result = get("svd")(matrix=matrix)
    values = result.answer
    assert len(values) == min(matrix.shape) and (values >= 0).all() and (np.diff(values) <= 0).all()
    # Frobenius norm² = Σσ², and AᵀA's eigenvalues (slow route: no SVD at all) are σ² padded with zeros.
    assert np.sum(values**2) == pytest.approx(np.sum(matrix**2), rel=1e-12, abs=1e-12)
    gram = np.sort(np.linalg.eigvalsh(matrix.T @ matrix))[::-1][: len(values)]
    np.testing.assert_allclose(values**2, gram, atol=1e-9 * max(1.0, np.sum(matrix**2)))
    np.testing.assert_allclose(get("svd")(matrix=matrix.T).answer, values, rtol=1e-12, atol=1e-12 * max(values))
    assert result.extras["rank"] <= min(matrix.shape)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_a_product_of_rank_k_factors_has_rank_k(k, m, n, seed):
    rng = np.random.default_rng(seed)
    k = min(k, m, n)
    matrix = rng.normal(size=(m, k)) @ rng.normal(size=(k, n))
    assert get("svd")(matrix=matrix).extras["rank"] == k


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("eigen", {"matrix": [[1, 2, 3], [4, 5, 6]]}, "matrix"),
        ("eigen", {"matrix": [[]]}, "matrix"),
        ("eigen", {"matrix": [1, 2]}, "matrix"),
        ("eigen", {"matrix": [[1, float("nan")], [0, 1]]}, "matrix"),
        ("eigen", {"matrix": [[1, -2], [2, 1]]}, "matrix"),
        ("eigen", {}, "matrix"),
        ("eigen", {"matrix": [[1]], "symmetric": True}, "symmetric"),
        ("svd", {"matrix": [[]]}, "matrix"),
        ("svd", {"matrix": [[[1.0]]]}, "matrix"),
        ("svd", {"matrix": "[[1, 2]]"}, "matrix"),
        ("svd", {"matrix": [[1, 2], [3]]}, "matrix"),
        ("svd", {"matrix": [[1e308, 1e308], [1e308, 1e308]]}, "matrix"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param


def test_eigen_of_subnormal_entries_does_not_warn():
    # np.linalg.det divides by zero in its LU here (found by hypothesis); the trace/determinant check is dropped.
    result = get("eigen")(matrix=[[0.0, 2.22507386e-313], [2.22507386e-313, 2.22507386e-313]])
    assert np.isfinite(result.answer).all()
