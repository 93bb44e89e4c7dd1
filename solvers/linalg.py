"""Linear algebra as the exam uses it: eigendecomposition and singular values.

Both call LAPACK through numpy.linalg. Eigenvalues come in descending order (LAPACK's ascending or
unordered output reversed/sorted), and every vector's sign is fixed by one rule, because an eigenvector or a
singular vector is only defined up to sign: the entry of largest magnitude is positive. Where two entries tie
in magnitude (within 1e-10 relative, rounding noise), the first of them is the one made positive, so
(1, −1)/√2 is reported as such and never as (−1, 1)/√2 depending on the last bit LAPACK produced.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np

from solvers.errors import NO_CONVERGENCE, OVERFLOW, Outcome, SolverInputError
from solvers.params import Array
from solvers.registry import Lookup, Result, solver

# Entries of a unit vector this close (relatively) to its largest magnitude count as tied for the sign rule.
SIGN_TIE = 1e-10


def column_signs(vectors: np.ndarray) -> np.ndarray:
    """±1 per column of ``vectors``: the factor that makes its largest-magnitude entry (the first of a tie)
    positive."""
    magnitude = np.abs(vectors)
    leading = np.argmax(magnitude >= magnitude.max(axis=0) * (1 - SIGN_TIE), axis=0)
    signs: np.ndarray = np.where(vectors[leading, np.arange(vectors.shape[1])] < 0, -1.0, 1.0)
    return signs


def _finite(**values: float | np.ndarray) -> dict[str, float | np.ndarray]:
    """The steps worth showing that did not overflow (a trace of 1e308 + 1e308 is not worth an Infinity)."""
    return {name: value for name, value in values.items() if np.isfinite(value).all()}


def _shape(matrix: np.ndarray) -> Outcome:
    """What a refused matrix was, for the error: its shape, in both languages."""
    return Outcome(f"shape {list(matrix.shape)}", f"形は {list(matrix.shape)} でした")


EIGEN_LOOKUP = Lookup(
    keywords=(
        "固有値",
        "固有ベクトル",
        "固有値分解",
        "eigenvalue",
        "eigenvector",
        "eigendecomposition",
        "対角化",
        "diagonalization",
        "線形代数",
        "linear algebra",
    ),
    example={"matrix": [[2.0, 1.0], [1.0, 2.0]]},  # λ² − 4λ + 3 = 0: λ = 3, 1; v = (1, 1)/√2, (1, −1)/√2
    summary_ja=(
        "固有値 λ と固有ベクトル v は A v = λ v（v ≠ 0）の解で、2×2 なら λ² − tr(A) λ + det(A) = 0 を解く（和がト"
        "レース、積が行列式）。固有値は大きい順、固有ベクトルは長さ 1 で絶対値最大の成分を正にそろえる（np.linalg"
        ".eigh の昇順とは逆）。"
    ),
)


@solver("eigen", EIGEN_LOOKUP)
def eigen(matrix: Annotated[np.ndarray, Array(ndim=2, shape="[n, n]")]) -> Result:
    """Eigenvalues λ and unit eigenvectors v of a square matrix, A v = λ v, λ in descending order.

    A symmetric matrix (A = Aᵀ exactly) goes to numpy.linalg.eigh, which returns orthonormal eigenvectors;
    any other to numpy.linalg.eig. Only real eigenvalues are answered: a matrix with a complex pair, such as
    the rotation [[0, −1], [1, 0]], is refused. Extra ``eigenvectors``: column i belongs to eigenvalue i, has
    length 1 and its largest-magnitude entry positive (the first of a tie). For a repeated eigenvalue the
    eigenvectors are one basis of its eigenspace, the one LAPACK returns; any other basis is as right.
    For 2×2, λ solves λ² − tr(A)λ + det(A) = 0: the steps show the trace (Σλ) and the determinant (Πλ).
    """
    rows, columns = matrix.shape
    if rows != columns or rows == 0:
        raise SolverInputError(
            "matrix", "a non-empty square matrix [n, n]", _shape(matrix), ja="空でない正方行列 [n, n]"
        )
    symmetric = bool(np.array_equal(matrix, matrix.T))
    try:
        values, vectors = np.linalg.eigh(matrix) if symmetric else np.linalg.eig(matrix)
    except np.linalg.LinAlgError:
        raise SolverInputError(
            "matrix",
            "a matrix whose eigenvalues LAPACK can compute",
            NO_CONVERGENCE,
            ja="LAPACK が固有値を計算できる行列",
        ) from None
    if np.iscomplexobj(values):
        raise SolverInputError(
            "matrix",
            "a matrix with real eigenvalues (a symmetric one has them)",
            Outcome("complex ones", "固有値が複素数になりました"),
            ja="固有値が実数の行列（対称行列なら固有値は実数）",
        )
    if not (np.isfinite(values).all() and np.isfinite(vectors).all()):
        raise SolverInputError("matrix", "entries whose eigenvalues are finite", OVERFLOW, ja="固有値が有限になる要素")
    order = np.argsort(-values, kind="stable")  # descending; equal eigenvalues keep LAPACK's order
    values, vectors = values[order], vectors[:, order]
    vectors = vectors * column_signs(vectors)
    scale = np.abs(matrix).max()
    # max |Av − λv| relative to the largest entry, computed on A/scale so that nothing overflows.
    residual = float(np.abs(matrix / scale @ vectors - vectors * (values / scale)).max()) if scale else 0.0
    with np.errstate(all="ignore"):  # LU of subnormal entries divides by 0: that determinant is left out
        checks = _finite(trace=float(np.trace(matrix)), determinant=float(np.linalg.det(matrix)))
    steps = {
        "method": "eigh (symmetric)" if symmetric else "eig",
        **checks,
        "eigenvalues": values,
        "eigenvectors": vectors,
        "relative_residual": residual,
    }
    return Result(values, extras={"eigenvectors": vectors}, steps=steps)


SVD_LOOKUP = Lookup(
    keywords=(
        "特異値",
        "特異値分解",
        "singular value",
        "singular value decomposition",
        "ランク",
        "階数",
        "rank",
        "線形代数",
        "linear algebra",
    ),
    example={"matrix": [[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]]},  # σ = 5, 3: AAᵀ = [[17, 8], [8, 17]] has λ = 25, 9
    summary_ja=(
        "特異値分解 A = UΣVᵀ の特異値 σ_i（大きい順、np.linalg.svd と同じ）で、σ_i² は AᵀA（および AAᵀ）"
        "の固有値。ランクは閾値 σ_max·max(m, n)·ε を超える特異値の個数（np.linalg.matrix_rank の既定と同じ）"
        "。"
    ),
)


@solver("svd", SVD_LOOKUP)
def svd(matrix: Annotated[np.ndarray, Array(ndim=2, shape="[m, n]")]) -> Result:
    """Singular values σ of A = UΣVᵀ, descending (numpy.linalg.svd); σ_i = √λ_i of AᵀA; extra ``rank``.

    rank counts the σ above numpy.linalg.matrix_rank's default tolerance, σ_max · max(m, n) · ε (ε = 2.2e-16),
    so a matrix that is singular up to rounding has the rank it has on paper. The steps add U and Vᵀ of the
    reduced SVD (k = min(m, n) columns), each pair of singular vectors signed so that U's column has its
    largest-magnitude entry positive (sklearn's svd_flip, plus the tie rule); σ² are the k largest
    eigenvalues of AᵀA and of AAᵀ (the rest are 0).
    """
    if matrix.size == 0:
        raise SolverInputError("matrix", "a non-empty matrix [m, n]", _shape(matrix), ja="空でない行列 [m, n]")
    try:
        values = np.linalg.svd(matrix, compute_uv=False)
        u, _, vt = np.linalg.svd(matrix, full_matrices=False)
    except np.linalg.LinAlgError:
        raise SolverInputError(
            "matrix", "a matrix whose SVD LAPACK can compute", NO_CONVERGENCE, ja="LAPACK が SVD を計算できる行列"
        ) from None
    if not np.isfinite(values).all():
        raise SolverInputError(
            "matrix", "entries whose singular values are finite", OVERFLOW, ja="特異値が有限になる要素"
        )
    # matrix_rank's own expression and order: S.max() · (max(M, N) · eps)
    tolerance = float(values.max(initial=0) * (max(matrix.shape) * np.finfo(np.float64).eps))
    rank = int(np.count_nonzero(values > tolerance))
    signs = column_signs(u)  # flipping u_i and v_i together leaves UΣVᵀ unchanged
    with np.errstate(over="ignore"):
        squares = values * values
    steps = {
        "singular_values": values,
        **_finite(gram_eigenvalues=squares),
        "tolerance": tolerance,
        "rank": rank,
        "u": u * signs,
        "vt": vt * signs[:, np.newaxis],
    }
    return Result(values, extras={"rank": rank}, steps=steps)
