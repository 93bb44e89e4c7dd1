"""learning solvers: linear-regression, logistic-regression-grad, pca, kmeans-step, knn, svm-margin, roc-auc."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

GOLDEN = json.loads((Path(__file__).parent / "golden" / "learning_reference.json").read_text(encoding="utf-8"))
NAMES = ("linear-regression", "logistic-regression-grad", "pca", "kmeans-step", "knn", "svm-margin", "roc-auc")

small = st.floats(-10, 10, allow_nan=False).map(lambda v: round(v, 3))


def matrices(rows: tuple[int, int], cols: tuple[int, int]) -> st.SearchStrategy[np.ndarray]:
    shapes = st.tuples(st.integers(*rows), st.integers(*cols))
    return shapes.flatmap(lambda shape: hnp.arrays(np.float64, shape, elements=small))


def fields(result) -> dict:
    """The answer's fields (or "answer") and the extras, as the golden cases name them."""
    found = dict(result.answer) if isinstance(result.answer, dict) else {"answer": result.answer}
    return {**found, **result.extras}


# --- linear-regression -------------------------------------------------------------------------------------


def test_linear_regression_textbook_five_points():
    result = get("linear-regression")(x=[1, 2, 3, 4, 5], y=[2, 4, 5, 4, 5])
    np.testing.assert_allclose(result.answer["coef"], [0.6], rtol=1e-12)
    assert result.answer["intercept"] == pytest.approx(2.2, rel=1e-12)
    assert result.extras["mse"] == pytest.approx(0.48, rel=1e-12)
    assert list(result.steps) == [
        "x_mean",
        "y_mean",
        "singular_values",
        "filter",
        "coef",
        "intercept",
        "prediction",
        "residual",
        "mse",
    ]


def test_ridge_shrinks_the_slope_but_not_the_intercept():
    # Sxy = 6, Sxx = 10 on centred data: ŵ = Sxy/(Sxx + α) = 6/20, b = ȳ − x̄ŵ = 4 − 3·0.3.
    result = get("linear-regression")(x=[1, 2, 3, 4, 5], y=[2, 4, 5, 4, 5], alpha=10)
    np.testing.assert_allclose(result.answer["coef"], [0.3], rtol=1e-12)
    assert result.answer["intercept"] == pytest.approx(3.1, rel=1e-12)


def test_without_intercept_the_line_goes_through_the_origin():
    result = get("linear-regression")(x=[1, 2, 3, 4, 5], y=[2, 4, 5, 4, 5], fit_intercept=False)
    np.testing.assert_allclose(result.answer["coef"], [66 / 55], rtol=1e-12)  # Σxy / Σx²
    assert result.answer["intercept"] == 0.0


def test_collinear_columns_get_the_minimum_norm_solution():
    # Every row is t·(1, 2) with y = t: any w with w·(1, 2) = 1 fits; the shortest is (1, 2)/5.
    result = get("linear-regression")(x=[[1, 2], [2, 4], [3, 6]], y=[1, 2, 3], fit_intercept=False)
    np.testing.assert_allclose(result.answer["coef"], [0.2, 0.4], rtol=1e-12)
    assert result.extras["mse"] == pytest.approx(0.0, abs=1e-25)


def test_a_nearly_collinear_column_is_cut_off_like_sklearns_lstsq():
    # A singular value below 1e-6 × the largest counts as 0 (sklearn's tol): the fit splits the weight as for
    # an exact duplicate instead of blowing up to ±1e9.
    x = np.array([[1.0, 1.0], [2.0, 2.0 + 1e-10], [3.0, 3.0], [4.0, 4.0 - 1e-10]])
    y = np.array([1.0, 3.0, 2.0, 5.0])
    near = get("linear-regression")(x=x, y=y).answer["coef"]
    exact = get("linear-regression")(x=x[:, [0, 0]], y=y).answer["coef"]
    np.testing.assert_allclose(near, exact, rtol=1e-6)
    np.testing.assert_allclose(exact, [0.55, 0.55], rtol=1e-12)  # the simple slope Sxy/Sxx = 5.5/5, halved


def test_one_sample_gives_a_flat_line_through_it():
    result = get("linear-regression")(x=[[2, 1]], y=[3])
    np.testing.assert_array_equal(result.answer["coef"], [0.0, 0.0])
    assert result.answer["intercept"] == 3.0


@settings(max_examples=60, deadline=None)
@given(matrices((2, 12), (1, 4)), st.data(), st.sampled_from([0.0, 0.1, 3.0]))
def test_regression_residual_is_orthogonal_to_the_centred_columns(x, data, alpha):
    """The normal equations: Xcᵀ(yc − Xc ŵ) = αŵ, and with an intercept the residuals sum to 0."""
    y = data.draw(hnp.arrays(np.float64, len(x), elements=small))
    result = get("linear-regression")(x=x, y=y, alpha=alpha)
    coef, centred = result.answer["coef"], x - x.mean(axis=0)
    sigma = np.linalg.svd(centred, compute_uv=False)
    assume(alpha > 0 or sigma.min() > 1e-3 * max(sigma.max(), 1e-300))  # OLS on a rank cut differs: tested above
    residual = result.steps["residual"]
    scale = 1 + np.abs(centred).max() * (np.abs(y).max() + 1) * len(x)
    np.testing.assert_allclose(centred.T @ residual, alpha * coef, atol=1e-9 * scale)
    assert abs(residual.sum()) <= 1e-9 * scale


def test_regression_matches_the_normal_equations_solved_directly():
    rng = np.random.default_rng(7)
    x, y = rng.normal(size=(30, 4)), rng.normal(size=30)
    for alpha in (0.0, 2.5):
        centred_x, centred_y = x - x.mean(axis=0), y - y.mean()
        expected = np.linalg.solve(centred_x.T @ centred_x + alpha * np.eye(4), centred_x.T @ centred_y)
        result = get("linear-regression")(x=x, y=y, alpha=alpha)
        np.testing.assert_allclose(result.answer["coef"], expected, rtol=1e-10)
        assert result.answer["intercept"] == pytest.approx(y.mean() - x.mean(axis=0) @ expected, rel=1e-10)


# --- logistic-regression-grad ---------------------------------------------------------------------------------


def test_logistic_at_zero_weights_is_log_two_and_half_minus_label():
    x, y = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([1.0, 0.0])
    result = get("logistic-regression-grad")(x=x, y=y, w=[0, 0])
    assert result.answer["loss"] == pytest.approx(math.log(2), rel=1e-15)
    np.testing.assert_allclose(result.answer["grad_w"], x.T @ (0.5 - y) / 2, rtol=1e-15)
    assert result.answer["grad_b"] == 0.0
    assert list(result.steps) == ["z", "sigmoid", "error", "per_sample_loss", "loss", "grad_w", "grad_b"]


def test_logistic_is_stable_for_large_logits():
    # σ(800) rounds to 1, yet a wrong label there costs 800, not log 0 = inf.
    result = get("logistic-regression-grad")(x=[[800.0], [-800.0]], y=[0, 1], w=[1.0])
    assert result.answer["loss"] == 800.0
    np.testing.assert_array_equal(result.answer["grad_w"], [800.0])
    assert result.answer["grad_b"] == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_logistic_gradient_matches_central_differences(seed):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(7, 3)), rng.integers(0, 2, size=7).astype(float)
    w, b, h = rng.normal(size=3), float(rng.normal()), 1e-6

    def loss(w_, b_):
        return get("logistic-regression-grad")(x=x, y=y, w=w_, b=b_).answer["loss"]

    numeric_w = [(loss(w + h * e, b) - loss(w - h * e, b)) / (2 * h) for e in np.eye(3)]
    numeric_b = (loss(w, b + h) - loss(w, b - h)) / (2 * h)
    result = get("logistic-regression-grad")(x=x, y=y, w=w, b=b).answer
    np.testing.assert_allclose(result["grad_w"], numeric_w, rtol=1e-6, atol=1e-9)
    assert result["grad_b"] == pytest.approx(numeric_b, rel=1e-6, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(matrices((1, 8), (1, 3)), st.data())
def test_logistic_loss_is_the_mean_of_the_definition(x, data):
    y = data.draw(hnp.arrays(np.float64, len(x), elements=st.sampled_from([0.0, 1.0])))
    w = data.draw(hnp.arrays(np.float64, x.shape[1], elements=st.floats(-2, 2)))
    result = get("logistic-regression-grad")(x=x, y=y, w=w, b=0.5).answer
    p = 1 / (1 + np.exp(-(x @ w + 0.5)))
    assume(((p > 1e-6) & (p < 1 - 1e-6)).all())  # the naive form loses digits (then takes log 0) beyond
    naive = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert result["loss"] >= 0
    assert result["loss"] == pytest.approx(naive, rel=1e-9, abs=1e-12)
    assert result["grad_b"] == pytest.approx(np.mean(p - y), rel=1e-9, abs=1e-12)


# --- pca --------------------------------------------------------------------------------------------------------

SMITH = [  # Lindsay Smith, "A tutorial on Principal Components Analysis" (2002)
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


def test_pca_on_lindsay_smiths_tutorial_data():
    result = get("pca")(x=SMITH)
    np.testing.assert_allclose(result.extras["explained_variance"], [1.28402771, 0.0490833989], rtol=1e-8)
    np.testing.assert_allclose(result.answer, [0.963181314, 0.0368186857], rtol=1e-8)
    # The tutorial prints (−0.677873399, −0.735178656); sklearn's sign rule makes the largest entry positive.
    np.testing.assert_allclose(result.extras["components"][0], [0.677873399, 0.735178656], rtol=1e-8)
    assert result.defaults == {"n_components": 2}
    assert list(result.steps) == [
        "mean",
        "singular_values",
        "explained_variance",
        "total_variance",
        "explained_variance_ratio",
        "cumulative_ratio",
        "components",
    ]


def test_pca_ratio_divides_by_the_total_over_all_components():
    full, one = get("pca")(x=SMITH), get("pca")(x=SMITH, n_components=1)
    assert one.answer.tolist() == full.answer[:1].tolist()
    assert one.extras["components"].shape == (1, 2)
    assert one.defaults == {"n_components": 1}


def test_pca_variance_uses_n_minus_one():
    x = np.array([[0.0, 0.0], [2.0, 0.0]])  # variance along x: (1 + 1)/(2 − 1) = 2
    result = get("pca")(x=x)
    np.testing.assert_allclose(result.extras["explained_variance"], [2.0, 0.0], atol=1e-15)
    np.testing.assert_array_equal(result.extras["components"][0], [1.0, 0.0])


@settings(max_examples=60, deadline=None)
@given(matrices((2, 10), (1, 4)))
def test_pca_laws(x):
    assume(np.ptp(x, axis=0).max() > 1e-3)
    result = get("pca")(x=x)
    ratio, variance, components = result.answer, result.extras["explained_variance"], result.extras["components"]
    assert ratio.sum() == pytest.approx(1.0, rel=1e-12)
    assert (np.diff(variance) <= 1e-12 * variance[0]).all()
    np.testing.assert_allclose(components @ components.T, np.eye(len(components)), atol=1e-12)
    largest = np.argmax(np.abs(components), axis=1)
    assert (components[np.arange(len(components)), largest] > 0).all()
    # The eigenvalues of the unbiased covariance, computed another way.
    eigenvalues = np.sort(np.linalg.eigvalsh(np.atleast_2d(np.cov(x.T, ddof=1))))[::-1][: len(variance)]
    np.testing.assert_allclose(variance, eigenvalues, rtol=1e-9, atol=1e-9 * variance[0])


def test_pca_components_do_not_depend_on_the_datas_sign():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(12, 3)) * [3.0, 1.0, 0.3]
    np.testing.assert_allclose(get("pca")(x=-x).extras["components"], get("pca")(x=x).extras["components"], atol=1e-12)


# --- kmeans-step -------------------------------------------------------------------------------------------------

SEVEN = [[1.0, 1.0], [1.5, 2.0], [3.0, 4.0], [5.0, 7.0], [3.5, 5.0], [4.5, 5.0], [3.5, 4.5]]


def test_kmeans_seven_point_textbook_step():
    result = get("kmeans-step")(x=SEVEN, centroids=[[1.0, 1.0], [5.0, 7.0]])
    # (3, 4) is 13 from both centroids: the tie goes to the lower index.
    assert result.steps["distances"][2].tolist() == [13.0, 13.0]
    assert result.answer["labels"].tolist() == [0, 0, 0, 1, 1, 1, 1]
    np.testing.assert_allclose(result.answer["centroids"], [[11 / 6, 7 / 3], [4.125, 5.375]], rtol=1e-15)
    assert result.extras["inertia"] == 33.25
    assert list(result.steps) == ["distances", "labels", "counts", "sums", "centroids", "inertia"]


def test_kmeans_tie_goes_to_the_lower_index_whatever_the_order():
    assert get("kmeans-step")(x=[[0.0]], centroids=[[-1.0], [1.0]]).answer["labels"].tolist() == [0]
    assert get("kmeans-step")(x=[[0.0]], centroids=[[1.0], [-1.0]]).answer["labels"].tolist() == [0]


def test_kmeans_centroid_without_members_stays():
    result = get("kmeans-step")(x=[[0.0, 0.0], [1.0, 0.0]], centroids=[[0.0, 0.0], [10.0, 10.0], [0.0, 0.0]])
    assert result.answer["labels"].tolist() == [0, 0]  # the duplicate centroid 2 loses both ties
    np.testing.assert_array_equal(result.answer["centroids"], [[0.5, 0.0], [10.0, 10.0], [0.0, 0.0]])
    assert result.steps["counts"].tolist() == [2, 0, 0]


def slow_lloyd(x, centroids):
    labels, inertia, new = [], 0.0, []
    for point in x:
        distances = [sum((p - c) ** 2 for p, c in zip(point, centroid)) for centroid in centroids]
        labels.append(distances.index(min(distances)))
        inertia += min(distances)
    for k, centroid in enumerate(centroids):
        members = [point for point, label in zip(x, labels) if label == k]
        new.append([sum(column) / len(members) for column in zip(*members)] if members else list(centroid))
    return labels, new, inertia


@settings(max_examples=60, deadline=None)
@given(matrices((1, 12), (1, 3)), st.data())
def test_kmeans_matches_a_loop_and_never_raises_the_inertia(x, data):
    k = data.draw(st.integers(1, 4))
    centroids = data.draw(hnp.arrays(np.float64, (k, x.shape[1]), elements=small))
    result = get("kmeans-step")(x=x, centroids=centroids)
    labels, new, inertia = slow_lloyd(x.tolist(), centroids.tolist())
    assert result.answer["labels"].tolist() == labels
    np.testing.assert_allclose(result.answer["centroids"], new, rtol=1e-12, atol=1e-12)
    assert result.extras["inertia"] == pytest.approx(inertia, rel=1e-12, abs=1e-12)
    after = ((x - result.answer["centroids"][result.answer["labels"]]) ** 2).sum()
    assert after <= result.extras["inertia"] * (1 + 1e-12) + 1e-12


# --- knn ---------------------------------------------------------------------------------------------------------

SQUARE = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0], [0.0, -1.0]]  # all four at distance 1 from the origin


def test_knn_example_and_single_query():
    x_train, y_train = [[1, 1], [1, 2], [2, 2], [6, 5], [7, 7], [6, 6]], [0, 0, 0, 1, 1, 1]
    result = get("knn")(x_train=x_train, y_train=y_train, x_query=[[3, 3], [5, 5]])
    assert result.answer.tolist() == [0, 1]
    assert result.steps["neighbors"].tolist() == [[2, 1, 0], [3, 5, 4]]
    assert list(result.steps) == ["distances", "neighbors", "neighbor_labels", "classes", "votes", "prediction"]
    single = get("knn")(x_train=x_train, y_train=y_train, x_query=[5, 5], k=1)
    assert single.answer == 1 and isinstance(single.answer, int)


def test_knn_tied_vote_goes_to_the_smallest_label():
    result = get("knn")(x_train=SQUARE, y_train=[4, 3, 2, 1], x_query=[0, 0], k=2)
    assert result.steps["neighbors"].tolist() == [[0, 1]]
    assert result.answer == 3  # one vote each for 4 and 3
    assert get("knn")(x_train=SQUARE, y_train=[7, 3, 7, 3], x_query=[0, 0], k=4).answer == 3


def test_knn_equally_distant_neighbours_follow_sklearns_heap():
    # Distances 1, 1, 0, 0 with k = 3: sklearn's max-heap keeps indices 1, 2, 3 (not 0, 2, 3) and predicts 1.
    # Checked with sklearn 1.9.1: KNeighborsClassifier(3, algorithm="brute").fit(...).kneighbors → [[3, 2, 1]].
    result = get("knn")(x_train=[[1], [-1], [0], [0]], y_train=[0, 1, 1, 0], x_query=[0], k=3)
    assert result.steps["neighbors"].tolist() == [[2, 3, 1]]
    assert result.answer == 1
    # Without a tie at the k-th distance the heap is not needed and the nearest are simply the nearest.
    assert get("knn")(x_train=SQUARE, y_train=[1, 2, 3, 4], x_query=[0.9, 0], k=1).answer == 1


def heap_push(values, indices, value, index):
    """sklearn/utils/_heap.pyx's heap_push, line for line: a fixed-size max-heap of (distance, index)."""
    if value >= values[0]:
        return
    current, size = 0, len(values)
    while True:
        left, right = 2 * current + 1, 2 * current + 2
        if left >= size:
            break
        if right >= size:
            if values[left] > value:
                swap = left
            else:
                break
        elif values[left] >= values[right]:
            if value < values[left]:
                swap = left
            else:
                break
        elif value < values[right]:
            swap = right
        else:
            break
        values[current], indices[current] = values[swap], indices[swap]
        current = swap
    values[current], indices[current] = value, index


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=1, max_size=25), st.integers(-2, 2), st.data())
def test_knn_neighbours_are_those_of_sklearns_heap_push(points, query, data):
    """Integer points on a line: ties everywhere. The neighbour set is the one sklearn's heap keeps."""
    k = data.draw(st.integers(1, len(points)))
    values, indices = [math.inf] * k, [-1] * k
    for index, point in enumerate(points):
        heap_push(values, indices, float((point - query) ** 2), index)
    result = get("knn")(x_train=[[p] for p in points], y_train=[0] * len(points), x_query=[query], k=k)
    assert sorted(result.steps["neighbors"][0].tolist()) == sorted(indices)


def slow_knn(x_train, y_train, query, k):
    ranked = sorted(range(len(x_train)), key=lambda i: (math.dist(x_train[i], query), i))
    votes = Counter(y_train[i] for i in ranked[:k])
    return min(label for label, count in votes.items() if count == max(votes.values()))


@settings(max_examples=60, deadline=None)
@given(matrices((1, 15), (1, 3)), st.data())
def test_knn_matches_a_loop_without_distance_ties(x_train, data):
    y_train = data.draw(hnp.arrays(np.int64, len(x_train), elements=st.integers(-2, 3)))
    query = data.draw(hnp.arrays(np.float64, x_train.shape[1], elements=small))
    k = data.draw(st.integers(1, len(x_train)))
    distances = np.sort(((x_train - query) ** 2).sum(axis=1))
    assume(k == len(x_train) or distances[k] > distances[k - 1])  # ties at the k-th: sklearn's heap, tested above
    answer = get("knn")(x_train=x_train, y_train=y_train, x_query=query, k=k).answer
    assert answer == slow_knn(x_train.tolist(), y_train.tolist(), query.tolist(), k)


# --- svm-margin --------------------------------------------------------------------------------------------------


def test_svm_margin_of_the_three_point_example():
    result = get("svm-margin")(w=[0.5, 0.5], b=-2, x=[[3, 3], [4, 3], [1, 1]], y=[1, 1, -1])
    assert result.answer == pytest.approx(2 * math.sqrt(2), rel=1e-15)
    assert result.extras["functional"].tolist() == [1.0, 1.5, 1.0]  # (3, 3) and (1, 1) are support vectors
    np.testing.assert_allclose(result.extras["geometric"], np.array([1.0, 1.5, 1.0]) * math.sqrt(2), rtol=1e-15)
    assert result.extras["hinge"] == 0.0


def test_svm_margin_without_points_has_no_extras():
    result = get("svm-margin")(w=[3, 4], b=1)
    assert result.answer == 0.4
    assert result.extras == {}
    assert list(result.steps) == ["norm", "margin"]


def test_hinge_counts_points_inside_the_margin():
    result = get("svm-margin")(w=[1.0], b=0.0, x=[[2.0], [0.5], [-0.5]], y=[1, 1, 1])
    assert result.extras["hinge"] == pytest.approx((0 + 0.5 + 1.5) / 3)


def test_svm_norm_does_not_overflow():
    assert get("svm-margin")(w=[3e200, 4e200], b=0).answer == pytest.approx(4e-201, rel=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    hnp.arrays(np.float64, 3, elements=small),
    small,
    hnp.arrays(np.float64, (4, 3), elements=small),
    st.floats(0.1, 10),
)
def test_geometric_margin_is_the_signed_distance_and_scale_free(w, b, x, scale):
    assume(np.linalg.norm(w) > 1e-3)
    y = np.array([1.0, -1.0, 1.0, -1.0])
    result = get("svm-margin")(w=w, b=b, x=x, y=y)
    foot = x - np.outer(x @ w + b, w) / (w @ w)  # each point's projection on the hyperplane
    np.testing.assert_allclose(np.abs(result.extras["geometric"]), np.linalg.norm(x - foot, axis=1), atol=1e-9)
    scaled = get("svm-margin")(w=w * scale, b=b * scale, x=x, y=y)
    np.testing.assert_allclose(scaled.extras["geometric"], result.extras["geometric"], rtol=1e-9, atol=1e-9)
    assert scaled.answer == pytest.approx(result.answer / scale, rel=1e-12)


# --- roc-auc -------------------------------------------------------------------------------------------------------


def test_roc_auc_sklearn_docs_example():
    result = get("roc-auc")(y_true=[0, 0, 1, 1], scores=[0.1, 0.4, 0.35, 0.8])
    assert result.answer == 0.75
    assert result.extras["fpr"].tolist() == [0.0, 0.0, 0.5, 0.5, 1.0]
    assert result.extras["tpr"].tolist() == [0.0, 0.5, 0.5, 1.0, 1.0]
    assert result.extras["thresholds"].tolist() == [math.inf, 0.8, 0.4, 0.35, 0.1]
    assert list(result.steps) == ["thresholds", "tp", "fp", "tpr", "fpr", "trapezoids", "auc"]


def test_roc_auc_ties_count_half_and_extremes():
    assert get("roc-auc")(y_true=[1, 0], scores=[0.5, 0.5]).answer == 0.5
    assert get("roc-auc")(y_true=[0, 1], scores=[0.0, 1.0]).answer == 1.0
    assert get("roc-auc")(y_true=[1, 0], scores=[0.0, 1.0]).answer == 0.0
    assert get("roc-auc")(y_true=[0, 1, 1], scores=[-1e308, 1e308, -1e308]).answer == 0.75


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 1]), st.integers(-3, 3) | small), min_size=2, max_size=30))
def test_roc_auc_is_the_mann_whitney_probability(pairs):
    y_true = np.array([p[0] for p in pairs], dtype=float)
    scores = np.array([p[1] for p in pairs], dtype=float)
    assume(0 < y_true.sum() < len(y_true))
    positive, negative = scores[y_true == 1], scores[y_true == 0]
    wins = (positive[:, None] > negative[None, :]).sum() + 0.5 * (positive[:, None] == negative[None, :]).sum()
    auc = get("roc-auc")(y_true=y_true, scores=scores).answer
    assert auc == pytest.approx(wins / (len(positive) * len(negative)), rel=1e-12)
    assert get("roc-auc")(y_true=y_true, scores=-scores).answer == pytest.approx(1 - auc, abs=1e-12)


# --- scikit-learn's and PyTorch's own numbers ---------------------------------------------------------------------

# Tolerances by solver and field, where the math is the same but the order of operations is not:
TOLERANCE = {
    # Ridge solves the normal equations by Cholesky (rounding grows with cond(X)²), lstsq uses LAPACK's gelsd;
    # here the SVD of X. An exact fit leaves an mse of rounding noise (1e-31) against sklearn's 0.
    "linear-regression": dict(rtol=1e-10, atol=1e-13),
    # torch computes (1 − y)z − log σ(z), which rounds a loss of log(1 + e^(−40)) ≈ 4e-18 to 0 for y = 0, z = −40;
    # the softplus form here keeps it.
    "logistic-regression-grad": dict(rtol=1e-12, atol=1e-16),
    # sklearn's auto solver takes the covariance XᵀX − N·x̄x̄ᵀ for N ≥ 10·D (eigh), the SVD of Xc otherwise.
    "pca": dict(rtol=1e-11, atol=1e-13),
    # sklearn centres X before the Lloyd step and sums members in its own order.
    "kmeans-step": dict(rtol=1e-12, atol=1e-13),
    "knn": dict(rtol=0, atol=0),
    "svm-margin": dict(rtol=1e-12, atol=1e-14),
    "roc-auc": dict(rtol=1e-12, atol=1e-15),  # roc_auc_score sums trapezoids over the corners only
}


def test_golden_file_covers_every_solver():
    assert set(GOLDEN["versions"]) == {"scikit-learn", "torch", "numpy", "scipy"}
    assert {case["solver"] for case in GOLDEN["cases"]} == set(NAMES)
    assert any(case.get("tied") for case in GOLDEN["cases"] if case["solver"] == "knn")


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda c: c["solver"])
def test_matches_the_reference_libraries(case):
    result = get(case["solver"])(**case["params"])
    found = fields(result)
    for key, expected in case["expected"].items():
        if key == "neighbor_sets":
            np.testing.assert_array_equal(np.sort(result.steps["neighbors"], axis=1), expected)
            continue
        if key == "thresholds":
            expected = [math.inf if value is None else value for value in expected]
        got, want = np.asarray(found[key], dtype=float), np.asarray(expected, dtype=float)
        if key == "components":  # only directions that are unique can be compared
            got, want = got[case["comparable"]], want[case["comparable"]]
        assert got.shape == want.shape, key
        np.testing.assert_allclose(got, want, **TOLERANCE[case["solver"]], err_msg=key)
    if "support" in case:  # a hard-margin fit: its support vectors sit on the margin
        np.testing.assert_allclose(result.extras["functional"][case["support"]], 1.0, rtol=1e-6)


# --- bad input ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("linear-regression", {"x": [1, 2, 3], "y": [1, 2]}, "y"),
        ("linear-regression", {"x": [], "y": []}, "x"),
        ("linear-regression", {"x": [[], []], "y": [1, 2]}, "x"),
        ("linear-regression", {"x": [1, 2], "y": [1, 2], "alpha": -1}, "alpha"),
        ("linear-regression", {"x": [1e308, 1e308, 1], "y": [1, 2, 3]}, "x"),
        ("linear-regression", {"x": [[1.5e308, 1.5e308], [-1.5e308, -1.5e308]], "y": [1, 2]}, "x"),
        ("linear-regression", {"x": [1, 2, 3], "y": [1e308, -1e308, 1e308]}, "x"),
        ("logistic-regression-grad", {"x": [[1, 2]], "y": [0.5], "w": [1, 1]}, "y"),
        ("logistic-regression-grad", {"x": [[1, 2]], "y": [1], "w": [1]}, "w"),
        ("logistic-regression-grad", {"x": [[1, 2]], "y": [1, 0], "w": [1, 1]}, "y"),
        ("logistic-regression-grad", {"x": [[1e308, 1e308]], "y": [1], "w": [1e308, 1]}, "x"),
        ("pca", {"x": [[1, 2]]}, "x"),
        ("pca", {"x": [[1, 2], [1, 2], [1, 2]]}, "x"),
        ("pca", {"x": [[1, 2], [3, 4]], "n_components": 3}, "n_components"),
        ("pca", {"x": [[1, 2], [3, 4]], "n_components": 0}, "n_components"),
        ("pca", {"x": [[1e308, 0], [-1e308, 1]]}, "x"),
        ("pca", {"x": [[1.5e308, 1.5e308], [-1.5e308, -1.5e308]]}, "x"),
        ("kmeans-step", {"x": [[1, 2]], "centroids": [[1, 2, 3]]}, "centroids"),
        ("kmeans-step", {"x": [[1, 2]], "centroids": []}, "centroids"),
        ("kmeans-step", {"x": [[1e308]], "centroids": [[-1e308]]}, "x"),
        ("knn", {"x_train": [[0], [1]], "y_train": [0, 1], "x_query": [0], "k": 3}, "k"),
        ("knn", {"x_train": [[0], [1]], "y_train": [0], "x_query": [0], "k": 1}, "y_train"),
        ("knn", {"x_train": [[0], [1]], "y_train": [0.5, 1], "x_query": [0], "k": 1}, "y_train"),
        ("knn", {"x_train": [[0], [1]], "y_train": [0, 1], "x_query": [[0, 1]], "k": 1}, "x_query"),
        ("knn", {"x_train": [[1e308], [1]], "y_train": [0, 1], "x_query": [-1e308], "k": 1}, "x_query"),
        ("svm-margin", {"w": [0, 0], "b": 1}, "w"),
        ("svm-margin", {"w": [1, 1], "b": 0, "x": [[1, 2]]}, "y"),
        ("svm-margin", {"w": [1, 1], "b": 0, "y": [1]}, "x"),
        ("svm-margin", {"w": [1, 1], "b": 0, "x": [[1, 2]], "y": [0]}, "y"),
        ("svm-margin", {"w": [1, 1], "b": 0, "x": [[1, 2, 3]], "y": [1]}, "x"),
        ("svm-margin", {"w": [5e-324], "b": 0}, "w"),
        ("svm-margin", {"w": [1e308], "b": 1e308, "x": [[1e308]], "y": [1]}, "x"),
        ("roc-auc", {"y_true": [1, 1], "scores": [0.2, 0.3]}, "y_true"),
        ("roc-auc", {"y_true": [0, 2], "scores": [0.2, 0.3]}, "y_true"),
        ("roc-auc", {"y_true": [0, 1], "scores": [0.2]}, "scores"),
        ("roc-auc", {"y_true": [], "scores": []}, "y_true"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
