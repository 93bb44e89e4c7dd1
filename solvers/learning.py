"""Classical machine learning: regression, logistic regression, PCA, k-means, k-NN, SVM margins, ROC-AUC.

Each solver follows scikit-learn where it has the computation (LinearRegression / Ridge, PCA, KMeans'
Lloyd step, KNeighborsClassifier, roc_curve / roc_auc_score), including its conventions: the rank cut-off
of LinearRegression's least squares, PCA's N − 1 and sign rule, KNeighborsClassifier's choice among
equally distant neighbours and between tied votes. The docstring of each solver names where it differs.
"""

from __future__ import annotations

from typing import Annotated, Any

import numpy as np

from solvers.activations import sigmoid
from solvers.errors import NO_CONVERGENCE, NOTHING, OVERFLOW, SolverInputError
from solvers.params import MAX_ARRAY_SIZE, Array, Bool, Int, Number, Optional
from solvers.registry import Lookup, Result, solver

# sklearn ≥ 1.9 passes LinearRegression's tol (1e-6) to scipy.linalg.lstsq as `cond`: singular values of the
# centred X below 1e-6 × the largest count as 0, so a nearly collinear column gets the minimum-norm answer.
_LSTSQ_CUTOFF = 1e-6


def _rows(name: str, array: np.ndarray, shape: str, minimum: int = 1) -> None:
    """``shape`` has only symbols and "or" ("[N, D] or [N]"), so its Japanese is derived as Array derives it."""
    if array.shape[0] < minimum:
        raise SolverInputError(
            name,
            f"at least {minimum} row(s) of shape {shape}",
            list(array.shape),
            ja=f"{minimum} 行以上（形 {shape.replace(' or ', ' か ')}）",
        )


def _same_length(name: str, array: np.ndarray, length: int, like: str) -> None:
    if array.shape[0] != length:
        raise SolverInputError(
            name,
            f"{length} entries, one per row of {like}",
            array.shape[0],
            ja=f"{like} の行ごとに 1 つ、計 {length} 個の要素",
        )


def _features(name: str, array: np.ndarray, width: int, like: str) -> None:
    if array.shape[-1] != width:
        raise SolverInputError(
            name, f"{width} feature(s), as many as {like} has", array.shape[-1], ja=f"{like} と同じ {width} 個の特徴量"
        )


def _labels(name: str, array: np.ndarray, allowed: tuple[float, float]) -> None:
    if not np.isin(array, allowed).all():
        low, high = allowed
        raise SolverInputError(
            name, f"labels {low:g} or {high:g} only", array.tolist(), ja=f"{low:g} か {high:g} だけのラベル"
        )


def _finite(name: str, expected: str, ja: str, *values: Any) -> None:
    """``expected`` and ``ja``: what was needed, in English and in Japanese."""
    if not all(np.isfinite(v).all() for v in values):
        raise SolverInputError(name, expected, OVERFLOW, ja=ja)


def _svd(name: str, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The thin SVD, or a SolverInputError when a singular value overflows (‖X‖ above about 1.8e308)."""
    expected, ja = "values whose singular values are finite", "特異値が有限になる値"
    try:
        u, sigma, vt = np.linalg.svd(matrix, full_matrices=False)
    except np.linalg.LinAlgError:  # "SVD did not converge"
        raise SolverInputError(name, expected, NO_CONVERGENCE, ja=ja) from None
    _finite(name, expected, ja, sigma)
    return u, sigma, vt


def _pairwise_size(name: str, *sizes: int) -> None:
    """The broadcast [M, N, D] of differences must stay as small as any single array parameter."""
    if int(np.prod(sizes, dtype=np.float64)) > MAX_ARRAY_SIZE:
        raise SolverInputError(
            name,
            f"at most {MAX_ARRAY_SIZE:,} point × point × feature entries",
            list(sizes),
            ja=f"点 × 点 × 特徴量の要素 {MAX_ARRAY_SIZE:,} 個以下",
        )


def _squared_distances(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """‖a_i − b_j‖² for every pair [len(a), len(b)], from the differences (exact ties stay exact ties)."""
    difference = a[:, None, :] - b[None, :, :]
    squared: np.ndarray = np.einsum("ijk,ijk->ij", difference, difference)
    return squared


def _gemm_squared_distances(queries: np.ndarray, points: np.ndarray) -> np.ndarray:
    """‖q‖² − 2q·x + ‖x‖², clipped at 0, in the order and with the BLAS calls of sklearn's EuclideanArgKmin.

    sklearn's brute k-NN ranks by this expansion, not by the differences: decimals such as 0.1 and 0.3 around
    0.2, equally far on paper, are 1 ulp apart there and another one than the differences' pick is kept. Row
    norms are BLAS dot products (np.dot per row, as sklearn's ddot; einsum rounds otherwise) and the middle
    term a GEMM, added as (‖q‖² + (−2q·x)) + ‖x‖².
    """
    query_norms = np.array([row @ row for row in queries])
    point_norms = np.array([row @ row for row in points])
    middle = -2.0 * (queries @ points.T)
    squared: np.ndarray = np.maximum((query_norms[:, None] + middle) + point_norms[None, :], 0.0)
    return squared


# --- linear regression --------------------------------------------------------------------------------------

LINEAR_REGRESSION_LOOKUP = Lookup(
    keywords=(
        "線形回帰",
        "linear regression",
        "回帰",
        "regression",
        "最小二乗法",
        "least squares",
        "ols",
        "正規方程式",
        "normal equation",
        "重回帰",
        "ml-basics",
    ),
    presets={"ridge": {"alpha": 1.0}, "リッジ回帰": {"alpha": 1.0}, "ridge regression": {"alpha": 1.0}},
    example={"x": [1, 2, 3, 4, 5], "y": [2, 4, 5, 4, 5]},  # slope 0.6, intercept 2.2: the textbook five points
    summary_ja=(
        "最小二乗法 ŵ = (XᵀX + αI)⁻¹Xᵀy を中心化した X, y で解き、切片は b = ȳ − x̄·ŵ（α = 0 で通常の最小二乗法、"
        "α > 0 でリッジ回帰）。切片は罰則を受けない（scikit-learn の LinearRegression / Ridge と同じ）"
        "。"
    ),
)


@solver("linear-regression", LINEAR_REGRESSION_LOOKUP)
def linear_regression(
    x: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[N, D] or [N]")],
    y: Annotated[np.ndarray, Array(ndim=1, shape="[N]")],
    fit_intercept: Annotated[bool, Bool()] = True,
    alpha: Annotated[float, Number(min=0)] = 0.0,
) -> Result:
    """Least squares ŵ = (XᵀX + αI)⁻¹Xᵀy on centred X and y, b = ȳ − x̄·ŵ; α = 0 is OLS, α > 0 ridge.

    Exactly sklearn's LinearRegression (alpha 0) and Ridge (alpha > 0): with fit_intercept, X and y are centred
    first, so the intercept is never penalised; without it, b = 0. Computed from the SVD of the centred
    X = UΣVᵀ as ŵ = V·f(σ)·Uᵀy, with f(σ) = 1/σ for OLS and σ/(σ² + α) for ridge. For OLS, singular values
    at most 1e-6 × the largest count as 0 (sklearn ≥ 1.9 passes tol = 1e-6 to scipy.linalg.lstsq): collinear
    or nearly collinear columns get the minimum-norm solution. A 1-D x is one feature (coef has one entry).
    The extra `mse` is the mean squared residual on (x, y). x = 1…5, y = [2, 4, 5, 4, 5]: ŵ = 0.6, b = 2.2.
    """
    design = x.reshape(-1, 1) if x.ndim == 1 else x
    _rows("x", design, "[N, D] or [N]")
    _same_length("y", y, len(design), "x")
    if design.shape[1] == 0:
        raise SolverInputError("x", "at least one feature (column)", list(design.shape), ja="1 つ以上の特徴量（列）")
    with np.errstate(all="ignore"):  # an overflow shows as inf/NaN, reported below
        x_mean = design.mean(axis=0) if fit_intercept else np.zeros(design.shape[1])
        y_mean = float(y.mean()) if fit_intercept else 0.0
        centred_x, centred_y = design - x_mean, y - y_mean
        _finite(
            "x",
            "values whose mean and deviations are finite",
            "平均と偏差が有限になる値",
            x_mean,
            centred_x,
            y_mean,
            centred_y,
        )
        u, sigma, vt = _svd("x", centred_x)
        if alpha == 0:
            kept = sigma > _LSTSQ_CUTOFF * sigma.max(initial=0.0)
            factor = np.divide(1.0, sigma, out=np.zeros_like(sigma), where=kept)
        else:
            factor = sigma / (sigma * sigma + alpha)
        coef = vt.T @ (factor * (u.T @ centred_y))
        intercept = y_mean - float(x_mean @ coef) if fit_intercept else 0.0
        prediction = design @ coef + intercept
        residual = y - prediction
        mse = float(np.mean(residual * residual))
    _finite(
        "x",
        "values small enough that the fit and its squared residuals are finite",
        "当てはめの結果と残差の 2 乗が有限になるほど小さい値",
        coef,
        intercept,
        mse,
    )
    steps = {
        "x_mean": x_mean,
        "y_mean": y_mean,
        "singular_values": sigma,
        "filter": factor,
        "coef": coef,
        "intercept": intercept,
        "prediction": prediction,
        "residual": residual,
        "mse": mse,
    }
    return Result({"coef": coef, "intercept": intercept}, extras={"mse": mse}, steps=steps)


# --- logistic regression ------------------------------------------------------------------------------------

LOGISTIC_REGRESSION_GRAD_LOOKUP = Lookup(
    keywords=(
        "ロジスティック回帰",
        "logistic regression",
        "交差エントロピー",
        "binary cross entropy",
        "bce",
        "尤度",
        "likelihood",
        "勾配",
        "gradient",
        "ml-basics",
    ),
    example={"x": [[1, 2], [2, 0], [0, 1]], "y": [1, 0, 1], "w": [0.5, -0.5], "b": 0.0},
    summary_ja=(
        "平均交差エントロピー L = −(1/N) Σ [y log σ(z) + (1 − y) log(1 − σ(z))]、z = Xw + b の勾配は "
        "∂L/∂w = Xᵀ(σ(z) − y)/N、∂L/∂b = mean(σ(z) − y)。シグモイドの微分が打ち消され「予測 − 正解」の形になる（t"
        "orch の BCEWithLogitsLoss と同じ）。"
    ),
)


@solver("logistic-regression-grad", LOGISTIC_REGRESSION_GRAD_LOOKUP)
def logistic_regression_grad(
    x: Annotated[np.ndarray, Array(ndim=2, shape="[N, D]")],
    y: Annotated[np.ndarray, Array(ndim=1, shape="[N] of 0/1", shape_ja="[N]（0 か 1）")],
    w: Annotated[np.ndarray, Array(ndim=1, shape="[D]")],
    b: Annotated[float, Number()] = 0.0,
) -> Result:
    """L = −(1/N) Σ [y log σ(z) + (1 − y) log(1 − σ(z))], z = Xw + b; ∂L/∂w = Xᵀ(σ(z) − y)/N, ∂L/∂b = mean(σ(z) − y).

    The mean binary cross-entropy of the sigmoid's probabilities, computed from the logits as
    max(z, 0) − yz + log(1 + e^(−|z|)) per sample, so it never takes log 0: σ(40) rounds to 1, yet a wrong
    label there costs 40, not inf. This is torch's binary_cross_entropy_with_logits (BCEWithLogitsLoss) and its
    gradient; torch's (1 − y)z − log σ(z) rounds a loss below about 1e-16 to 0, where this form keeps it. The
    gradient is the familiar "prediction minus label" form, as in linear regression but through σ.
    """
    _rows("x", x, "[N, D]")
    _same_length("y", y, len(x), "x")
    _labels("y", y, (0, 1))
    _features("w", w, x.shape[1], "x")
    with np.errstate(all="ignore"):  # an overflow shows as inf/NaN, reported below
        z = x @ w + b
        _finite("x", "inputs and weights whose logits xw + b are finite", "ロジット xw + b が有限になる入力と重み", z)
        probability = sigmoid(z)
        per_sample = np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))
        loss = float(np.mean(per_sample))
        error = probability - y
        grad_w = x.T @ error / len(x)
        grad_b = float(np.mean(error))
    _finite(
        "x", "inputs and weights whose loss and gradient are finite", "損失と勾配が有限になる入力と重み", loss, grad_w
    )
    answer = {"loss": loss, "grad_w": grad_w, "grad_b": grad_b}
    steps = {"z": z, "sigmoid": probability, "error": error, "per_sample_loss": per_sample, **answer}
    return Result(answer, steps=steps)


# sklearn's PCA(svd_solver="auto") takes its covariance_eigh path for N ≥ 10·D when D is at most this.
_PCA_COVARIANCE_MAX_FEATURES = 1000

# --- PCA ------------------------------------------------------------------------------------------------------

PCA_LOOKUP = Lookup(
    keywords=(
        "主成分分析",
        "principal component analysis",
        "主成分",
        "principal component",
        "寄与率",
        "explained variance",
        "explained variance ratio",
        "累積寄与率",
        "次元削減",
        "dimensionality reduction",
        "ml-basics",
    ),
    example={  # Lindsay Smith's "A tutorial on PCA": eigenvalues 1.2840 and 0.0491, ratio 0.9632
        "x": [
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
    },
    summary_ja=(
        "中心化したデータの共分散行列の固有値 λ_i = σ_i²/(N − 1)（σ_i は特異値）を大きい順に並べ、寄与率は "
        "λ_i / Σ_j λ_j（分母は全成分の分散の和）。scikit-learn の PCA と同じで、寄与率は N − 1 と N のどちらで割っ"
        "ても変わらない。"
    ),
)


@solver("pca", PCA_LOOKUP)
def pca(
    x: Annotated[np.ndarray, Array(ndim=2, shape="[N, D]")],
    n_components: Annotated[int | None, Optional(Int(min=1))] = None,
) -> Result:
    """PCA by SVD of the centred data Xc = UΣVᵀ: λ_i = σ_i²/(N − 1), ratio_i = λ_i / Σ_j λ_j, components = rows of Vᵀ.

    Exactly sklearn's PCA: λ are the eigenvalues of the unbiased covariance (denominator N − 1, so at least
    two rows), in descending order; the ratio divides by the total variance over all min(N, D) components,
    not only the kept ones. Each component (a row of Vᵀ, unit length) has its entry of largest magnitude made
    positive — the first such entry on a tie — as sklearn's svd_flip(u_based_decision=False) does since 1.5.
    Where two variances are equal, or are 0 (N ≤ D leaves directions of no variance), the directions are not
    unique and any library may return another orthonormal choice; the variances agree. Like sklearn's default
    svd_solver="auto", a tall X (N ≥ 10D, D ≤ 1000) is done instead by eigh of the covariance
    C = (XᵀX − N x̄x̄ᵀ)/(N − 1), λ = its eigenvalues clipped at 0: the same numbers on paper, and the same
    rounding as sklearn's. (sklearn's randomized solver, which "auto" picks for large X with few components,
    is random: it is not followed.)
    """
    _rows("x", x, "[N, D]", minimum=2)
    limit = min(x.shape)
    if limit == 0:
        raise SolverInputError("x", "at least one feature (column)", list(x.shape), ja="1 つ以上の特徴量（列）")
    chosen = limit if n_components is None else n_components
    if chosen > limit:
        raise SolverInputError(
            "n_components", f"at most min(N, D) = {limit}", n_components, ja=f"min(N, D) = {limit} 以下の値"
        )
    samples, features = x.shape
    # sklearn's svd_solver="auto": a tall X (N ≥ 10D, D ≤ 1000) goes to its covariance_eigh path, whose
    # rounding differs from the SVD's (much, when the mean is large against the spread), so the same path is taken.
    covariance_path = features <= _PCA_COVARIANCE_MAX_FEATURES and samples >= 10 * features
    with np.errstate(all="ignore"):  # an overflow shows as inf/NaN, reported below
        mean = x.mean(axis=0)
        if covariance_path:
            # C = (XᵀX − N x̄x̄ᵀ)/(N − 1), sklearn's expression and order; its rounding shows below negative 0
            covariance = x.T @ x
            covariance -= samples * mean[:, None] * mean[None, :]
            covariance /= samples - 1
            _finite("x", "values whose covariance is finite", "共分散が有限になる値", covariance)
            eigenvalues, eigenvectors = np.linalg.eigh(covariance)
            variance = np.maximum(eigenvalues[::-1], 0.0)
            vt = eigenvectors[:, ::-1].T
            sigma = np.sqrt(variance * (samples - 1))
        else:
            centred = x - mean
            _finite("x", "values whose mean and deviations are finite", "平均と偏差が有限になる値", mean, centred)
            _, sigma, vt = _svd("x", centred)
            variance = sigma * sigma / (samples - 1)
        total = float(variance.sum())
    _finite("x", "values whose variance is finite", "分散が有限になる値", total, variance)
    if total == 0:
        raise SolverInputError(
            "x",
            "rows that are not all the same (a total variance above 0)",
            x.tolist(),
            ja="すべてが同じではない行（分散の総和が 0 より大きい）",
        )
    largest = np.argmax(np.abs(vt), axis=1)
    components = vt * np.sign(vt[np.arange(len(vt)), largest])[:, None]
    ratio = variance / total
    steps = {
        "mean": mean,
        "singular_values": sigma,
        "explained_variance": variance,
        "total_variance": total,
        "explained_variance_ratio": ratio,
        "cumulative_ratio": np.cumsum(ratio),
        "components": components,
    }
    extras = {"explained_variance": variance[:chosen], "components": components[:chosen]}
    return Result(ratio[:chosen], extras=extras, steps=steps, defaults={"n_components": chosen})


# --- k-means --------------------------------------------------------------------------------------------------

KMEANS_STEP_LOOKUP = Lookup(
    keywords=(
        "k-means",
        "kmeans",
        "k平均法",
        "k-平均法",
        "クラスタリング",
        "clustering",
        "lloyd",
        "重心",
        "centroid",
        "セントロイド",
        "ml-basics",
    ),
    example={  # the seven-point textbook example, started from points 1 and 4
        "x": [[1.0, 1.0], [1.5, 2.0], [3.0, 4.0], [5.0, 7.0], [3.5, 5.0], [4.5, 5.0], [3.5, 4.5]],
        "centroids": [[1.0, 1.0], [5.0, 7.0]],
    },
    summary_ja=(
        "Lloyd 法の 1 反復：各点を最も近い重心に割り当て c_i = argmin_k ‖x_i − μ_k‖²（等距離なら番号の小さい重心）"
        "、各重心を所属する点の平均 μ_k = mean{x_i : c_i = k} に移す。点のない重心は動かさない。"
    ),
)


@solver("kmeans-step", KMEANS_STEP_LOOKUP)
def kmeans_step(
    x: Annotated[np.ndarray, Array(ndim=2, shape="[N, D]")],
    centroids: Annotated[np.ndarray, Array(ndim=2, shape="[K, D]")],
) -> Result:
    """One Lloyd step: c_i = argmin_k ‖x_i − μ_k‖², then μ_k = mean {x_i : c_i = k}; J = Σ_i ‖x_i − μ_{c_i}‖² before.

    The assignment uses the given centroids; a point equally near two centroids goes to the lower index
    (sklearn's Lloyd iteration does the same). A centroid that no point chose stays where it was — sklearn's
    KMeans would instead move it to a far point. The extra `inertia` is J for the assignment, before the
    centroids move (sklearn's inertia_ after fit is measured again after the move).
    """
    _rows("x", x, "[N, D]")
    _rows("centroids", centroids, "[K, D]")
    _features("centroids", centroids, x.shape[1], "x")
    _pairwise_size("x", len(x), len(centroids), x.shape[1])
    with np.errstate(all="ignore"):  # an overflow shows as inf/NaN, reported below
        distances = _squared_distances(x, centroids)
        _finite(
            "x", "points and centroids whose squared distances are finite", "距離の 2 乗が有限になる点と重心", distances
        )
        labels = np.argmin(distances, axis=1)  # the first minimum: ties go to the lower index
        members = labels[:, None] == np.arange(len(centroids))
        counts = members.sum(axis=0)
        sums = members.T.astype(np.float64) @ x
        moved = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centroids)
        inertia = float(distances[np.arange(len(x)), labels].sum())
    _finite("x", "points whose sums and inertia are finite", "和と inertia が有限になる点", moved, inertia)
    steps = {"distances": distances, "labels": labels, "counts": counts, "sums": sums, "centroids": moved}
    return Result(
        {"labels": labels, "centroids": moved}, extras={"inertia": inertia}, steps={**steps, "inertia": inertia}
    )


# --- k-NN -----------------------------------------------------------------------------------------------------

KNN_LOOKUP = Lookup(
    keywords=(
        "k近傍法",
        "k-nearest neighbors",
        "k nearest neighbours",
        "近傍",
        "nearest neighbor",
        "k-nn",
        "多数決",
        "ml-basics",
    ),
    example={  # an isolated label-1 point near the label-0 group: k = 1 predicts 1, k = 3 predicts 0
        "x_train": [[1.2, 0.9], [2.1, 1.7], [0.8, 2.3], [1.9, 2.8], [3.4, 3.1], [6.2, 5.8], [7.1, 6.4], [5.9, 7.0]],
        "y_train": [0, 0, 0, 0, 1, 1, 1, 1],
        "x_query": [3.0, 3.3],
        "k": 3,
    },
    summary_ja=(
        "k 近傍法：問い合わせ点からユークリッド距離が最も近い k 個の訓練点のラベルで多数決をとる（一様な重み）。"
        '票が同数なら小さいラベルを選ぶ（scikit-learn の KNeighborsClassifier(algorithm="brute") と同じ）。'
    ),
)


def _sklearn_heap(distances: np.ndarray, k: int) -> np.ndarray:
    """The k training indices sklearn's ArgKmin keeps for each query (row): every training point pushed, in
    index order, onto a max-heap of size k (sklearn/utils/_heap.pyx: rejected when ≥ the root, else put at
    the root and sifted down), vectorized over the queries."""
    values = np.full((len(distances), k), np.inf)
    indices = np.zeros((len(distances), k), dtype=np.int64)
    # Once the first k are in, the root (the heap's largest) only falls: a later point at least as far as the
    # first k's farthest is rejected by every query, so only the others need a turn.
    first_farthest = distances[:, :k].max(axis=1, keepdims=True)
    turns = np.flatnonzero((np.arange(distances.shape[1]) < k) | (distances < first_farthest).any(axis=0))
    # Sequential by nature: each push meets the heap the previous pushes left.
    for j in turns:
        column = distances[:, j]
        rows = np.flatnonzero(column < values[:, 0])
        value, at = column[rows], np.zeros(len(rows), dtype=np.int64)
        moving = np.ones(len(rows), dtype=bool)
        while moving.any():
            left, right = 2 * at + 1, 2 * at + 2
            left_value = np.where(left < k, values[rows, np.minimum(left, k - 1)], -np.inf)
            right_value = np.where(right < k, values[rows, np.minimum(right, k - 1)], -np.inf)
            child = np.where(right_value > left_value, right, left)  # the left child on equal values
            moving &= value < np.maximum(left_value, right_value)
            r, c, a = rows[moving], child[moving], at[moving]
            values[r, a], indices[r, a] = values[r, c], indices[r, c]
            at[moving] = c
        values[rows, at], indices[rows, at] = value, j
    return indices


def _nearest(distances: np.ndarray, k: int) -> np.ndarray:
    """The k nearest training indices per query, by distance then index, with sklearn's pick among ties."""
    order = np.argsort(distances, axis=1, kind="stable")[:, :k]
    kth = np.take_along_axis(distances, order[:, -1:], axis=1)
    # Only a query with more points at its k-th distance than places left has a choice to make.
    tied = np.flatnonzero((distances <= kth).sum(axis=1) > k)
    if tied.size:
        picked = _sklearn_heap(distances[tied], k)
        picked_distances = np.take_along_axis(distances[tied], picked, axis=1)
        order[tied] = np.take_along_axis(picked, np.lexsort((picked, picked_distances)), axis=1)
    return order


@solver("knn", KNN_LOOKUP)
def knn(
    x_train: Annotated[np.ndarray, Array(ndim=2, shape="[N, D]")],
    y_train: Annotated[np.ndarray, Array(ndim=1, shape="[N]", dtype="int")],
    x_query: Annotated[np.ndarray, Array(ndim=(1, 2), shape="[M, D] or [D]")],
    k: Annotated[int, Int(min=1)] = 3,
) -> Result:
    """k-NN: ŷ(q) = the label most common among the k training points nearest to q (Euclidean, one vote each).

    Exactly sklearn's KNeighborsClassifier(algorithm="brute"), ties included. A tied vote goes to the smallest
    label. Among training points at the same distance as the k-th nearest, sklearn keeps the ones its
    max-heap keeps when fed the training points in order — often, not always, the lower indices — and this
    solver replays that heap. (With more than 256 training points, at least as many as queries, and several
    threads, sklearn splits the training points between threads and its pick among such ties then depends on
    the thread count; this is its one-thread answer.) Squared distances are sklearn's ‖q‖² − 2q·x + ‖x‖², not
    Σ(q − x)²: decimals whose distances tie only on paper are an ulp apart either way, but not the same way.
    """
    single = x_query.ndim == 1
    queries = x_query.reshape(1, -1) if single else x_query
    _rows("x_train", x_train, "[N, D]")
    _same_length("y_train", y_train, len(x_train), "x_train")
    _features("x_query", queries, x_train.shape[1], "x_train")
    if k > len(x_train):
        raise SolverInputError(
            "k",
            f"at most the number of training points ({len(x_train)})",
            k,
            ja=f"訓練点の数（{len(x_train)}）以下の値",
        )
    _pairwise_size("x_query", len(queries), len(x_train), x_train.shape[1])
    with np.errstate(all="ignore"):  # an overflow shows as inf/NaN, reported below
        squared = _gemm_squared_distances(queries, x_train)
    _finite(
        "x_query",
        "points whose squared distances to the training points are finite",
        "訓練点までの距離の 2 乗が有限になる点",
        squared,
    )
    neighbors = _nearest(squared, k)
    classes, label_index = np.unique(y_train, return_inverse=True)
    slots = np.arange(len(queries))[:, None] * len(classes) + label_index[neighbors]
    votes = np.bincount(slots.ravel(), minlength=len(queries) * len(classes)).reshape(len(queries), len(classes))
    prediction = classes[np.argmax(votes, axis=1)]  # the first maximum: the smallest label wins a tie
    steps = {
        "distances": np.sqrt(squared),
        "neighbors": neighbors,
        "neighbor_labels": y_train[neighbors],
        "classes": classes,
        "votes": votes,
        "prediction": prediction,
    }
    return Result(int(prediction[0]) if single else prediction, steps=steps)


# --- SVM ------------------------------------------------------------------------------------------------------

SVM_MARGIN_LOOKUP = Lookup(
    keywords=(
        "svm",
        "サポートベクターマシン",
        "support vector machine",
        "マージン",
        "margin",
        "ヒンジ損失",
        "hinge loss",
        "hinge",
        "サポートベクター",
        "support vector",
        "ml-basics",
    ),
    example={  # one point inside the margin, one misclassified: mean hinge 0.5
        "w": [0.5, 0.5],
        "b": -2.0,
        "x": [[3, 3], [2, 3], [1, 1], [3, 2]],
        "y": [1, 1, -1, -1],
    },
    summary_ja=(
        "超平面 w·x + b = 0 のマージンの幅は 2/‖w‖（w·x + b = ±1 の 2 平面の間隔）。点が与えられれば関数マージン "
        "y(w·x + b)、幾何マージン y(w·x + b)/‖w‖、平均ヒンジ損失 mean max(0, 1 − y(w·x + b)) も求める（ラベルは "
        "±1）。"
    ),
)


def _norm(w: np.ndarray) -> float:
    """‖w‖₂, scaled by max |w| first so that 1e200 does not overflow when squared."""
    scale = float(np.max(np.abs(w), initial=0.0))
    return scale * float(np.sqrt(np.sum((w / scale) ** 2))) if scale else 0.0


@solver("svm-margin", SVM_MARGIN_LOOKUP)
def svm_margin(
    w: Annotated[np.ndarray, Array(ndim=1, shape="[D]")],
    b: Annotated[float, Number()],
    x: Annotated[np.ndarray | None, Optional(Array(ndim=2, shape="[N, D]"))] = None,
    y: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[N] of ±1", shape_ja="[N]（±1）"))] = None,
) -> Result:
    """Margin of the hyperplane w·x + b = 0: 2/‖w‖ between w·x + b = ±1; per point y(w·x + b) and y(w·x + b)/‖w‖.

    With points x and labels y (±1), the extras are the functional margin y(w·x + b), the geometric margin
    (the signed distance to the hyperplane, functional/‖w‖) and the mean hinge loss max(0, 1 − y(w·x + b)),
    as sklearn.metrics.hinge_loss. For a hard-margin SVM's solution every point has functional margin ≥ 1,
    with = 1 exactly on the support vectors.
    """
    norm = _norm(w)
    if norm == 0:
        raise SolverInputError("w", "a nonzero weight vector", w.tolist(), ja="0 でない重みベクトル")
    with np.errstate(all="ignore"):  # an overflow shows as inf, reported below
        margin = 2.0 / norm
    _finite(
        "w", "a weight vector whose norm and its inverse are finite", "ノルムとその逆数が有限になる重みベクトル", margin
    )
    steps: dict[str, Any] = {"norm": norm, "margin": margin}
    if x is None and y is None:
        return Result(margin, steps=steps)
    if x is None or y is None:
        missing, given = ("x", "y") if x is None else ("y", "x")
        raise SolverInputError(
            missing,
            f"points and labels together ({given} was given alone)",
            NOTHING,
            ja=f"点とラベルの両方（{given} だけが与えられた）",
        )
    _rows("x", x, "[N, D]")
    _features("x", x, len(w), "w")
    _same_length("y", y, len(x), "x")
    _labels("y", y, (-1, 1))
    with np.errstate(all="ignore"):  # an overflow shows as inf/NaN, reported below
        decision = x @ w + b
        functional = y * decision
        geometric = functional / norm
        hinge = float(np.mean(np.maximum(0.0, 1.0 - functional)))
    _finite(
        "x",
        "points whose decision values w·x + b are finite",
        "決定関数の値 w·x + b が有限になる点",
        decision,
        geometric,
        hinge,
    )
    extras = {"functional": functional, "geometric": geometric, "hinge": hinge}
    return Result(margin, extras=extras, steps={**steps, "decision": decision, **extras})


# --- ROC-AUC --------------------------------------------------------------------------------------------------

ROC_AUC_LOOKUP = Lookup(
    keywords=(
        "roc",
        "auc",
        "roc曲線",
        "roc curve",
        "曲線下面積",
        "area under the curve",
        "偽陽性率",
        "真陽性率",
        "ml-validation",
    ),
    example={"y_true": [0, 0, 1, 1], "scores": [0.1, 0.4, 0.35, 0.8]},  # sklearn's own example: AUC 0.75
    summary_ja=(
        "ROC 曲線（横軸 FPR、縦軸 TPR）の下の面積 AUC を台形則で求める。AUC は正例のスコアが負例を上回る確率 "
        "P(s⁺ > s⁻) + ½P(s⁺ = s⁻) に等しく、同点は ½ と数える（scikit-learn の roc_auc_score と同じ）"
        "。"
    ),
)


@solver("roc-auc", ROC_AUC_LOOKUP)
def roc_auc(
    y_true: Annotated[np.ndarray, Array(ndim=1, shape="[N] of 0/1", shape_ja="[N]（0 か 1）")],
    scores: Annotated[np.ndarray, Array(ndim=1, shape="[N]")],
) -> Result:
    """AUC = Σ_i (FPR_i − FPR_{i−1})(TPR_i + TPR_{i−1})/2 over the thresholds, = P(s⁺ > s⁻) + ½P(s⁺ = s⁻).

    Exactly sklearn's roc_auc_score and roc_curve(drop_intermediate=False): one threshold per distinct score,
    from the highest down, plus a first threshold of +inf where the curve starts at (0, 0). Equal scores move
    the curve diagonally, which counts a tied positive–negative pair as ½. Both classes must be present.
    """
    _same_length("scores", scores, len(y_true), "y_true")
    _labels("y_true", y_true, (0, 1))
    positives = int(y_true.sum())
    if positives in (0, len(y_true)):
        raise SolverInputError(
            "y_true",
            "both classes, 0 and 1 (AUC is undefined with one)",
            y_true.tolist(),
            ja="0 と 1 の両方のクラス（片方だけでは AUC が定義されない）",
        )
    order = np.argsort(scores, kind="mergesort")[::-1]  # sklearn's order: equal scores end in reverse input order
    ranked_scores, ranked_truth = scores[order], y_true[order]
    last_of_each = np.r_[np.flatnonzero(ranked_scores[1:] != ranked_scores[:-1]), len(scores) - 1]
    tps = np.r_[0.0, np.cumsum(ranked_truth)[last_of_each]]
    fps = np.r_[0.0, 1.0 + last_of_each - tps[1:]]
    thresholds = np.r_[np.inf, ranked_scores[last_of_each]]
    fpr, tpr = fps / fps[-1], tps / tps[-1]
    areas = np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0
    auc = float(areas.sum())
    steps = {
        "thresholds": thresholds,
        "tp": tps,
        "fp": fps,
        "tpr": tpr,
        "fpr": fpr,
        "trapezoids": areas,
        "auc": auc,
    }
    return Result(auc, extras={"fpr": fpr, "tpr": tpr, "thresholds": thresholds}, steps=steps)
