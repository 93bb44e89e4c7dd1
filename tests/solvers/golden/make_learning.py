"""Regenerate learning_reference.json: scikit-learn's (and, for the logistic gradient, PyTorch's) answers for the
solvers of solvers/learning.py.

Needs scikit-learn, torch and numpy, so it is not part of the test run; the tests read the JSON it writes. Run it
from the repo root with a Python that has them (a CPU torch wheel is enough):

    python tests/solvers/golden/make_learning.py

Every case is {"solver", "params", "expected": {...}}; the keys of "expected" are the answer's fields (or
"answer") and extras, named as the solver names them. A few cases carry notes the test reads: "comparable"
(PCA components whose direction is unique), "tied" (k-NN cases with equally distant neighbours) and "support"
(the support vectors of a hard-margin SVC fit, whose functional margin is 1).

OpenMP is limited to one thread for the k-NN cases: with several threads and more training points than one
chunk (256), KNeighborsClassifier's choice among equally distant neighbours depends on the thread count.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import scipy
import sklearn
import torch
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.linear_model import LinearRegression, Ridge
from sklearn.metrics import hinge_loss, mean_squared_error, pairwise_distances_argmin_min, roc_auc_score, roc_curve
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from threadpoolctl import threadpool_limits

OUT = Path(__file__).with_name("learning_reference.json")
rng = np.random.default_rng(20250611)


def rounded(a: np.ndarray, digits: int = 3) -> np.ndarray:
    """Short decimals keep the JSON small; the libraries see exactly these values."""
    return np.round(a, digits)


# --- linear-regression -----------------------------------------------------------------------------------------


def regression_case(x: np.ndarray, y: np.ndarray, fit_intercept: bool, alpha: float) -> dict:
    design = x.reshape(-1, 1) if x.ndim == 1 else x
    model = (LinearRegression if alpha == 0 else Ridge)(fit_intercept=fit_intercept)
    if alpha:
        model.set_params(alpha=alpha)
    model.fit(design, y)
    mse = mean_squared_error(y, model.predict(design))
    params = {"x": x.tolist(), "y": y.tolist(), "fit_intercept": fit_intercept, "alpha": alpha}
    expected = {"coef": model.coef_.tolist(), "intercept": float(model.intercept_), "mse": float(mse)}
    return {"solver": "linear-regression", "params": params, "expected": expected}


def regression_cases() -> list[dict]:
    cases = [regression_case(np.array([1.0, 2, 3, 4, 5]), np.array([2.0, 4, 5, 4, 5]), True, 0.0)]
    for n, d in [(6, 1), (10, 2), (12, 3), (8, 5), (4, 6), (3, 3), (20, 4)]:
        for fit_intercept in (True, False):
            for alpha in (0.0, 0.5, 10.0):
                x = rounded(rng.normal(size=(n, d)) * rng.uniform(0.5, 5))
                y = rounded(x @ rng.normal(size=d) + rng.normal() + 0.3 * rng.normal(size=n))
                cases.append(regression_case(x, y, fit_intercept, alpha))
    x = rounded(rng.normal(size=(7, 2)))
    collinear = np.c_[x, 2 * x[:, 0]]  # rank 2: the minimum-norm solution
    nearly = np.c_[x, x[:, 0] + 1e-9 * np.arange(7)]  # a singular value below 1e-6 × the largest: cut off
    constant = np.c_[x, np.full(7, 3.0)]
    y = rounded(rng.normal(size=7))
    for design in (collinear, nearly, constant):
        for alpha in (0.0, 1.0):
            cases.append(regression_case(design, y, True, alpha))
    cases.append(regression_case(np.array([[2.0, 1.0]]), np.array([3.0]), True, 0.0))  # one sample
    cases.append(regression_case(np.array([[2.0, 1.0]]), np.array([3.0]), False, 0.0))
    cases.append(regression_case(np.array([1.0, 1.0, 1.0]), np.array([1.0, 2.0, 4.0]), True, 0.0))
    return cases


# --- logistic-regression-grad ------------------------------------------------------------------------------------


def logistic_case(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> dict:
    xt, yt = torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
    bt = torch.tensor(b, dtype=torch.float64, requires_grad=True)
    loss = torch.nn.functional.binary_cross_entropy_with_logits(xt @ wt + bt, yt)
    loss.backward()
    params = {"x": x.tolist(), "y": y.tolist(), "w": w.tolist(), "b": b}
    expected = {"loss": loss.item(), "grad_w": wt.grad.tolist(), "grad_b": bt.grad.item()}
    return {"solver": "logistic-regression-grad", "params": params, "expected": expected}


def logistic_cases() -> list[dict]:
    cases = [
        logistic_case(np.array([[1.0, 2], [2, 0], [0, 1]]), np.array([1.0, 0, 1]), np.array([0.5, -0.5]), 0.0),
        logistic_case(np.array([[1.0, 2], [3, 4]]), np.array([1.0, 0]), np.zeros(2), 0.0),  # log 2
        # Logits of ±40, ±800: log(1 − σ) must not become log 0.
        logistic_case(np.array([[40.0], [-40], [800], [-800]]), np.array([0.0, 1, 0, 1]), np.array([1.0]), 0.0),
        logistic_case(np.array([[40.0], [-40], [800], [-800]]), np.array([1.0, 0, 1, 0]), np.array([1.0]), 0.0),
    ]
    for n, d in [(1, 1), (5, 2), (8, 3), (20, 4), (50, 6)]:
        for scale in (0.5, 3.0, 20.0):
            x = rounded(rng.normal(size=(n, d)))
            y = rng.integers(0, 2, size=n).astype(np.float64)
            w = rounded(rng.normal(size=d) * scale)
            cases.append(logistic_case(x, y, w, float(rounded(rng.normal()))))
    return cases


# --- pca ------------------------------------------------------------------------------------------------------


def pca_case(x: np.ndarray, n_components: int | None) -> dict:
    model = PCA(n_components=n_components).fit(x)
    variance = model.explained_variance_
    # A direction is unique (up to the sign the rule fixes) when its variance is apart from all the others.
    every = np.linalg.svd(x - x.mean(axis=0), compute_uv=False) ** 2 / (len(x) - 1)
    gaps = [
        min(abs(v - o) for j, o in enumerate(every) if j != i) if len(every) > 1 else v for i, v in enumerate(every)
    ]
    comparable = [bool(gap > 1e-6 * every[0] and v > 1e-9 * every[0]) for v, gap in zip(every, gaps)]
    params = {"x": x.tolist(), "n_components": n_components}
    expected = {
        "answer": model.explained_variance_ratio_.tolist(),
        "explained_variance": variance.tolist(),
        "components": model.components_.tolist(),
    }
    return {"solver": "pca", "params": params, "expected": expected, "comparable": comparable[: len(variance)]}


def pca_cases() -> list[dict]:
    smith = [
        [2.5, 2.4],
        [0.5, 0.7],
        [2.2, 2.9],
        [1.9, 2.2],
        [3.1, 3.0],
        [2.3, 2.7],
        [2.0, 1.6],
        [1.0, 1.1],
        [1.5, 1.6],
        [1.1, 0.9],
    ]
    cases = [pca_case(np.array(smith), None), pca_case(np.array(smith), 1)]
    # 20 × 2 and 40 × 3 take sklearn's covariance_eigh path (N ≥ 10 D), the others its full SVD.
    for n, d, k in [(5, 3, None), (8, 4, 2), (20, 2, None), (40, 3, 2), (6, 6, None), (4, 7, None), (15, 5, 3)]:
        mixing = rng.normal(size=(d, d)) * rng.uniform(0.2, 3, size=d)
        x = rounded(rng.normal(size=(n, d)) @ mixing + rng.normal(size=d) * 5)
        cases.append(pca_case(x, k))
    cases.append(pca_case(np.array([[1.0, 0.0], [2.0, 0.0], [4.0, 0.0]]), None))  # one direction of no variance
    # Tall X (N ≥ 10·D): sklearn's covariance_eigh path, which the solver follows. With a mean far above the
    # spread that path and the SVD differ by up to 1e-5 relative, but those digits are the rounding of XᵀX, whose
    # order of summation is the BLAS kernel's: fixtures in that regime would pass or fail by machine, so these
    # offsets stay within 100 spreads. (Their own generator: the draws of the cases after them stay as they were.)
    local = np.random.default_rng(11)
    for n, d, offset, spread in [(30, 2, 20.0, 1.0), (40, 3, 5.0, 0.5), (25, 1, 100.0, 1.0), (60, 4, 50.0, 2.0)]:
        x = offset + local.normal(size=(n, d)) * spread * local.uniform(0.2, 3, size=d)
        x[:, -1] += 0.5 * x[:, 0]
        cases.append(pca_case(x, None))
    # 9 × 3 with a mean far above the spread is not tall (N < 10·D): sklearn's SVD of the centred X keeps its digits.
    cases.append(pca_case(1e3 + local.normal(size=(9, 3)) * 1e-2, None))
    cases.append(pca_case(np.array([[1.0, -2.0, 0.5], [3.0, -1.0, 0.5], [2.0, 4.0, 0.5]]), None))
    return cases


# --- kmeans-step --------------------------------------------------------------------------------------------------


def kmeans_case(x: np.ndarray, centroids: np.ndarray) -> dict:
    labels, distance = pairwise_distances_argmin_min(x, centroids)
    assert len(set(labels.tolist())) == len(centroids), "sklearn moves an empty cluster: keep every cluster used"
    model = KMeans(len(centroids), init=centroids, n_init=1, max_iter=1, algorithm="lloyd").fit(x)
    params = {"x": x.tolist(), "centroids": centroids.tolist()}
    expected = {
        "labels": labels.tolist(),
        "centroids": model.cluster_centers_.tolist(),
        "inertia": float(np.sum(distance**2)),
    }
    return {"solver": "kmeans-step", "params": params, "expected": expected}


def kmeans_cases() -> list[dict]:
    seven = np.array([[1.0, 1.0], [1.5, 2.0], [3.0, 4.0], [5.0, 7.0], [3.5, 5.0], [4.5, 5.0], [3.5, 4.5]])
    cases = [kmeans_case(seven, seven[[0, 3]]), kmeans_case(seven, seven[[0, 1, 3]])]
    for n, d, k in [(10, 2, 2), (30, 2, 3), (50, 3, 4), (40, 5, 5), (100, 2, 6), (12, 1, 3)]:
        centres = rng.normal(size=(k, d)) * 4
        x = rounded(centres[rng.integers(0, k, size=n)] + rng.normal(size=(n, d)))
        start = x[rng.choice(n, size=k, replace=False)] + rounded(rng.normal(size=(k, d)) * 0.1)
        cases.append(kmeans_case(x, start))
    return cases


# --- knn ----------------------------------------------------------------------------------------------------------


def knn_case(x_train: np.ndarray, y_train: np.ndarray, x_query: np.ndarray, k: int) -> dict:
    model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(x_train, y_train)
    queries = x_query.reshape(1, -1) if x_query.ndim == 1 else x_query
    prediction = model.predict(queries)
    distances, neighbors = model.kneighbors(queries)
    squared = ((queries[:, None, :] - x_train[None, :, :]) ** 2).sum(-1)
    kth = np.sort(squared, axis=1)[:, k - 1 : k]
    params = {"x_train": x_train.tolist(), "y_train": y_train.tolist(), "x_query": x_query.tolist(), "k": k}
    expected = {
        "answer": int(prediction[0]) if x_query.ndim == 1 else prediction.tolist(),
        "neighbor_sets": np.sort(neighbors, axis=1).tolist(),
    }
    return {"solver": "knn", "params": params, "expected": expected, "tied": bool(((squared <= kth).sum(1) > k).any())}


def knn_cases() -> list[dict]:
    x = np.array([[1.0, 1], [1, 2], [2, 2], [6, 5], [7, 7], [6, 6]])
    cases = [knn_case(x, np.array([0, 0, 0, 1, 1, 1]), np.array([[3.0, 3], [5, 5]]), 3)]
    square = np.array([[1.0, 0], [0, 1], [-1, 0], [0, -1]])  # four points equally far from the origin
    for labels in ([1, 2, 3, 4], [4, 3, 2, 1], [2, 2, 1, 1], [1, 1, 2, 2], [7, 3, 7, 3]):
        for k in (1, 2, 3, 4):
            cases.append(knn_case(square, np.array(labels), np.zeros(2), k))
    # Integer grids: many neighbours at the same distance, where sklearn's heap decides.
    for n, m, k, d in [(12, 6, 3, 1), (30, 15, 4, 2), (60, 20, 7, 2), (200, 10, 9, 2), (300, 20, 11, 2)]:
        grid = rng.integers(-3, 4, size=(n, d)).astype(np.float64)
        cases.append(knn_case(grid, rng.integers(0, 4, size=n), rng.integers(-3, 4, size=(m, d)).astype(float), k))
    for n, m, k, d in [(20, 5, 1, 3), (25, 8, 5, 4), (40, 10, 6, 2)]:
        cases.append(
            knn_case(rounded(rng.normal(size=(n, d))), rng.integers(-2, 3, size=n), rounded(rng.normal(size=(m, d))), k)
        )
    cases += knn_paper_tie_cases()
    return cases


def knn_paper_tie_cases(wanted: int = 8) -> list[dict]:
    """Decimal points equally far on paper (0.1 and 0.3 around 0.2): in floating point they are an ulp apart,
    and sklearn, ranking by ‖q‖² − 2q·x + ‖x‖², keeps other neighbours than Σ(q − x)² would. Only cases
    where the two neighbour sets differ are kept."""
    found, local = [], np.random.default_rng(7)
    while len(found) < wanted:
        # one feature: each distance is one product, rounded the same by every BLAS kernel (with more, whether
        # the GEMM fuses multiply and add is the CPU's choice, and so would the fixture be)
        n, d = int(local.integers(4, 15)), 1
        x_train = np.round(local.uniform(0, 1, size=(n, d)), 1)
        x_query = np.round(local.uniform(0, 1, size=(2, d)), 1)
        k = int(local.integers(1, n))
        y_train = local.integers(0, 3, size=n)
        model = KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(x_train, y_train)
        _, neighbors = model.kneighbors(x_query)
        by_differences = np.argsort(((x_query[:, None, :] - x_train[None]) ** 2).sum(-1), axis=1, kind="stable")
        differences_sets = np.sort(by_differences[:, :k], axis=1)
        if not np.array_equal(np.sort(neighbors, axis=1), differences_sets):
            found.append(knn_case(x_train, y_train, x_query, k))
    return found


# --- svm-margin ---------------------------------------------------------------------------------------------------


def svm_case(w: np.ndarray, b: float, x: np.ndarray, y: np.ndarray) -> dict:
    decision = x @ w + b
    params = {"w": w.tolist(), "b": b, "x": x.tolist(), "y": y.tolist()}
    expected = {
        "answer": float(2 / np.linalg.norm(w)),
        "functional": (y * decision).tolist(),
        "hinge": float(hinge_loss(y, decision)),
    }
    return {"solver": "svm-margin", "params": params, "expected": expected}


def svm_cases() -> list[dict]:
    x = np.array([[3.0, 3], [4, 3], [1, 1]])
    y = np.array([1.0, 1, -1])
    cases = [svm_case(np.array([0.5, 0.5]), -2.0, x, y)]
    # A hard-margin fit (huge C) on separable points: its support vectors have functional margin 1.
    for n, d in [(10, 2), (20, 3), (30, 2)]:
        labels = np.where(rng.random(n) < 0.5, -1.0, 1.0)
        points = rounded(rng.normal(size=(n, d)) + 3 * labels[:, None] * rng.normal(size=d))
        model = SVC(kernel="linear", C=1e10, tol=1e-10).fit(points, labels)
        case = svm_case(model.coef_[0], float(model.intercept_[0]), points, labels)
        case["support"] = model.support_.tolist()
        cases.append(case)
    for n, d in [(5, 2), (12, 4)]:
        labels = np.where(rng.random(n) < 0.5, -1.0, 1.0)
        cases.append(
            svm_case(
                rounded(rng.normal(size=d)), float(rounded(rng.normal())), rounded(rng.normal(size=(n, d))), labels
            )
        )
    return cases


# --- roc-auc ------------------------------------------------------------------------------------------------------


def roc_case(y_true: np.ndarray, scores: np.ndarray) -> dict:
    fpr, tpr, thresholds = roc_curve(y_true, scores, drop_intermediate=False)
    params = {"y_true": y_true.tolist(), "scores": scores.tolist()}
    expected = {
        "answer": float(roc_auc_score(y_true, scores)),
        "fpr": fpr.tolist(),
        "tpr": tpr.tolist(),
        "thresholds": [None if np.isinf(t) else float(t) for t in thresholds],  # JSON has no inf: null = +inf
    }
    return {"solver": "roc-auc", "params": params, "expected": expected}


def roc_cases() -> list[dict]:
    cases = [
        roc_case(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])),
        roc_case(np.array([1, 0]), np.array([0.5, 0.5])),  # one tied pair: ½
        roc_case(np.array([1, 1, 0, 0]), np.array([0.0, 0.0, 1.0, 1.0])),  # perfectly wrong: 0
        roc_case(np.array([0, 1, 0, 1, 1]), np.array([-1e300, 1e300, 0.0, 5.0, -1e300])),
    ]
    for n in (5, 10, 30, 100, 400):
        y_true = rng.integers(0, 2, size=n)
        y_true[:2] = [0, 1]
        cases.append(roc_case(y_true, rounded(rng.normal(size=n) + y_true)))
        cases.append(roc_case(y_true, rng.integers(0, 5, size=n).astype(float)))  # many ties
    return cases


def main() -> None:
    cases = regression_cases() + logistic_cases() + pca_cases() + kmeans_cases()
    with threadpool_limits(1, user_api="openmp"):
        cases += knn_cases()
    cases += svm_cases() + roc_cases()
    versions = {
        "scikit-learn": sklearn.__version__,
        "torch": torch.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }
    OUT.write_text(json.dumps({"versions": versions, "cases": cases}) + "\n", encoding="utf-8")
    print(f"{len(cases)} cases → {OUT} ({OUT.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
