"""Regenerate linalg_scipy.json: scipy's (and numpy's) answers for the eigen and svd solvers.

Needs scipy, so it is not part of the test run; the tests read the JSON it writes. Run it from the repo root
with any Python that has scipy and numpy:

    python tests/solvers/golden/make_linalg.py

Cases are {"solver", "params", "answer", ...} or {"solver", "params", "error": true}. References, from other
LAPACK drivers than the solvers' own numpy calls where scipy has them:

- eigen: scipy.linalg.eigh (symmetric; syevr, numpy uses syevd) or scipy.linalg.eig (geev), eigenvalues sorted
  descending, each eigenvector column signed by the contract's rule (largest-magnitude entry positive, the
  first of a tie within 1e-10). "distinct" says whether the eigenvalues are far enough apart (relative gap
  > 1e-6) for the eigenvectors to be unique up to sign, so that the test compares them. Complex eigenvalues
  are an error.
- svd: scipy.linalg.svdvals (gesdd) and "rank" = numpy.linalg.matrix_rank with its default tolerance.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import scipy
import scipy.linalg

OUT = Path(__file__).with_name("linalg_scipy.json")
rng = np.random.default_rng(20250108)
SIGN_TIE = 1e-10


def signed(vectors: np.ndarray) -> np.ndarray:
    """Each column times ±1 so that its largest-magnitude entry, the first of a tie, is positive (loop form)."""
    out = vectors.copy()
    for j in range(vectors.shape[1]):
        column = vectors[:, j]
        top = np.abs(column).max()
        lead = next(i for i, v in enumerate(column) if abs(v) >= top * (1 - SIGN_TIE))
        if column[lead] < 0:
            out[:, j] = -column
    return out


def eigen_case(matrix: np.ndarray) -> dict:
    case = {"solver": "eigen", "params": {"matrix": matrix.tolist()}}
    if np.array_equal(matrix, matrix.T):
        values, vectors = scipy.linalg.eigh(matrix)
    else:
        values, vectors = scipy.linalg.eig(matrix)
        if np.any(values.imag != 0):
            return {**case, "error": True}
        values, vectors = values.real, vectors.real
    order = np.argsort(-values, kind="stable")
    values, vectors = values[order], signed(vectors[:, order])
    scale = max(np.abs(values).max(), 1e-300)
    gaps = np.abs(np.diff(values)) / scale
    distinct = bool(gaps.size == 0 or gaps.min() > 1e-6)
    return {**case, "answer": values.tolist(), "eigenvectors": vectors.tolist(), "distinct": distinct}


def svd_case(matrix: np.ndarray) -> dict:
    values = scipy.linalg.svdvals(matrix)
    rank = int(np.linalg.matrix_rank(matrix))
    return {"solver": "svd", "params": {"matrix": matrix.tolist()}, "answer": values.tolist(), "rank": rank}


def real_spectrum(n: int) -> np.ndarray:
    """A non-symmetric matrix with real eigenvalues: S diag(λ) S⁻¹."""
    s = rng.normal(size=(n, n)) + n * np.eye(n)
    return s @ np.diag(rng.uniform(-5, 5, size=n)) @ np.linalg.inv(s)


def eigen_cases() -> list[dict]:
    fixed = [
        [[2.0, 1.0], [1.0, 2.0]],
        [[4.0, 1.0], [2.0, 3.0]],
        [[6.0, 2.0], [2.0, 3.0]],
        [[1.0, 2.0], [2.0, 1.0]],
        [[2.0, 0.0, 0.0], [0.0, 3.0, 4.0], [0.0, 4.0, 9.0]],
        [[1.0, 1.0], [0.0, 1.0]],  # defective: one eigenvalue, one direction
        [[3.0]],
        [[-2.0]],
        [[0.0, 0.0], [0.0, 0.0]],
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        [[0.0, -1.0], [1.0, 0.0]],  # rotation: ±i
        [[1.0, -2.0], [2.0, 1.0]],  # 1 ± 2i
        [[2.0, -1.0, 0.0], [-1.0, 2.0, -1.0], [0.0, -1.0, 2.0]],
        [[1e150, 2e150], [2e150, 1e150]],
        [[1e-150, 2e-150], [2e-150, 1e-150]],
        [[0.5, 0.5], [0.2, 0.8]],  # a Markov transition matrix: eigenvalue 1
    ]
    cases = [eigen_case(np.asarray(m)) for m in fixed]
    for n in (2, 3, 4, 5, 8):
        for _ in range(3):
            a = rng.normal(size=(n, n))
            cases.append(eigen_case(np.round(a + a.T, 6)))  # symmetric: eigh
        cases.append(eigen_case(real_spectrum(n)))  # general, real spectrum: eig
        cases.append(eigen_case(np.triu(rng.integers(-5, 6, size=(n, n)).astype(float))))
    for _ in range(4):
        cases.append(eigen_case(rng.normal(size=(4, 4))))  # usually a complex pair or two: error
    return cases


def svd_cases() -> list[dict]:
    fixed = [
        [[3.0, 2.0, 2.0], [2.0, 3.0, -2.0]],
        [[1.0, 2.0], [2.0, 4.0]],  # rank 1
        [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]],  # rank 2, det 0 up to rounding
        [[0.0, 0.0], [0.0, 0.0]],
        [[5.0]],
        [[1.0, 0.0], [0.0, 1e-20]],  # below the tolerance: rank 1
        [[1.0, 0.0], [0.0, 1e-10]],  # above it: rank 2
        [[4.0, 0.0], [3.0, -5.0]],
        [[1.0], [2.0], [2.0]],
        [[1e200, 1e200], [1e200, -1e200]],
        [[1e-200, 0.0], [0.0, 3e-200]],
    ]
    cases = [svd_case(np.asarray(m)) for m in fixed]
    for m, n in ((2, 2), (3, 2), (2, 5), (4, 4), (6, 3), (1, 7), (10, 10)):
        cases.append(svd_case(rng.normal(size=(m, n))))
        k = max(1, min(m, n) - 1)
        low = rng.normal(size=(m, k)) @ rng.normal(size=(k, n))  # rank min(m, n) − 1 (or 1)
        cases.append(svd_case(low))
    return cases


def main() -> None:
    document = {
        "meta": {
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "dtype": "float64",
            "generator": "tests/solvers/golden/make_linalg.py",
        },
        "cases": eigen_cases() + svd_cases(),
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(document['cases'])} cases")


if __name__ == "__main__":
    main()
