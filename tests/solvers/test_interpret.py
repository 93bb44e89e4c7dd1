"""interpret solvers: gcn-layer, grad-cam, shapley, metric-loss."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

GOLDEN = Path(__file__).parent / "golden"


def golden(file: str) -> list:
    cases = json.loads((GOLDEN / file).read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=str(i)) for i, case in enumerate(cases)]


def finite(low: float = -10, high: float = 10) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


# --- gcn-layer ----------------------------------------------------------------------------------------------


def gcn_loop(adjacency, features, weight, self_loops=True, relu=True):
    """Node by node: h_i = Σ_j Â_ij/√(d_i d_j) · x_j W, d_i = Σ_j Â_ij, 1/√0 taken as 0."""
    a = np.array(adjacency, dtype=float) + (np.eye(len(adjacency)) if self_loops else 0)
    x, w = np.array(features, dtype=float), np.array(weight, dtype=float)
    degree = [sum(row) for row in a.tolist()]
    out = np.zeros((len(a), w.shape[1]))
    for i in range(len(a)):
        for j in range(len(a)):
            if a[i, j]:
                out[i] += a[i, j] / math.sqrt(degree[i] * degree[j]) * (x[j] @ w)
    return np.maximum(out, 0) if relu else out


def test_gcn_path_graph_by_hand():
    result = get("gcn-layer")(adjacency=[[0, 1, 0], [1, 0, 1], [0, 1, 0]], features=[[1.0], [2.0], [3.0]], weight=[[1]])
    # Degrees with self-loops 2, 3, 2: node 0 gets x0/2 + x1/√6, node 1 x0/√6 + x1/3 + x2/√6.
    expected = [[0.5 + 2 / math.sqrt(6)], [1 / math.sqrt(6) + 2 / 3 + 3 / math.sqrt(6)], [2 / math.sqrt(6) + 1.5]]
    np.testing.assert_allclose(result.answer, expected, rtol=1e-14)
    assert result.steps["degree"].tolist() == [2.0, 3.0, 2.0]
    assert list(result.steps) == ["a_hat", "degree", "d_inv_sqrt", "a_norm", "xw", "aggregated", "output"]


def test_gcn_relu_and_none():
    params = {"adjacency": [[0, 1], [1, 0]], "features": [[1.0], [-3.0]], "weight": [[1.0]]}
    np.testing.assert_allclose(get("gcn-layer")(**params, activation="none").answer, [[-1.0], [-1.0]], rtol=1e-15)
    assert get("gcn-layer")(**params).answer.tolist() == [[0.0], [0.0]]


def test_gcn_isolated_node_without_self_loops_gets_zero():
    result = get("gcn-layer")(adjacency=[[0, 0], [0, 0]], features=[[1.0], [2.0]], weight=[[1.0]], self_loops=False)
    assert result.answer.tolist() == [[0.0], [0.0]]
    assert result.steps["d_inv_sqrt"].tolist() == [0.0, 0.0]


def test_gcn_adds_a_self_loop_even_where_one_exists():
    result = get("gcn-layer")(adjacency=[[1, 0], [0, 0]], features=[[1.0], [1.0]], weight=[[1.0]])
    assert result.steps["a_hat"].tolist() == [[2.0, 0.0], [0.0, 1.0]]


@pytest.mark.parametrize("case", golden("interpret_gcn.json"))
def test_gcn_matches_torch_message_passing(case):
    answer = get("gcn-layer")(**case["params"]).answer
    # Dense products here, edge-by-edge sums there: the same terms in a different order.
    np.testing.assert_allclose(answer, case["answer"], rtol=1e-12, atol=1e-14)


@st.composite
def graphs(draw):
    n = draw(st.integers(1, 7))
    f, f_out = draw(st.integers(1, 4)), draw(st.integers(1, 3))
    upper = np.triu(draw(hnp.arrays(np.float64, (n, n), elements=st.sampled_from([0.0, 0.0, 1.0, 0.5, 2.0]))), 1)
    features = draw(hnp.arrays(np.float64, (n, f), elements=finite()))
    weight = draw(hnp.arrays(np.float64, (f, f_out), elements=finite(-2, 2)))
    return upper + upper.T, features, weight


@settings(max_examples=100, deadline=None)
@given(graphs(), st.booleans())
def test_gcn_matches_the_loop_version(graph, self_loops):
    adjacency, features, weight = graph
    answer = get("gcn-layer")(adjacency=adjacency, features=features, weight=weight, self_loops=self_loops).answer
    np.testing.assert_allclose(answer, gcn_loop(adjacency, features, weight, self_loops), rtol=1e-10, atol=1e-10)


@settings(max_examples=100, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_gcn_is_permutation_equivariant_and_its_propagation_is_a_contraction(graph, random):
    adjacency, features, weight = graph
    order = list(range(len(adjacency)))
    random.shuffle(order)
    result = get("gcn-layer")(adjacency=adjacency, features=features, weight=weight)
    permuted = get("gcn-layer")(adjacency=adjacency[np.ix_(order, order)], features=features[order], weight=weight)
    np.testing.assert_allclose(permuted.answer, result.answer[order], rtol=1e-10, atol=1e-10)
    # D^−½ Â D^−½ is similar to the random-walk matrix D^−1 Â: its eigenvalues lie in [−1, 1], the top one 1.
    eigenvalues = np.linalg.eigvalsh(result.steps["a_norm"])
    assert eigenvalues.max() == pytest.approx(1.0, abs=1e-10)
    assert eigenvalues.min() >= -1 - 1e-10


# --- grad-cam -----------------------------------------------------------------------------------------------


def test_grad_cam_example_by_hand():
    result = get("grad-cam")(
        activations=[[[1, 2], [0, 1]], [[0, 1], [2, 3]]],
        gradients=[[[0.5, 0.5], [0.5, 0.5]], [[-0.25, 0.0], [-0.25, 0.0]]],
    )
    assert result.extras["weights"].tolist() == [0.5, -0.125]
    # 0.5·A⁰ − 0.125·A¹ = [[0.5, 0.875], [−0.25, 0.125]]; the ReLU drops the one negative cell.
    assert result.steps["weighted_sum"].tolist() == [[0.5, 0.875], [-0.25, 0.125]]
    assert result.answer.tolist() == [[0.5, 0.875], [0.0, 0.125]]


@pytest.mark.parametrize("case", golden("interpret_grad_cam.json"))
def test_grad_cam_matches_torch_autograd(case):
    result = get("grad-cam")(**case["params"])
    np.testing.assert_allclose(result.extras["weights"], case["weights"], rtol=1e-12, atol=1e-18)
    # atol: cells where Σ_k α_k A^k cancels to ~1e-17 differ in their last bits (a different summation order).
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-12, atol=1e-15)
    if case["head"] == "gap":  # a global-average-pooling head: Grad-CAM's weights are the class weights / (H·W)
        height, width = np.shape(case["params"]["activations"])[1:]
        np.testing.assert_allclose(result.extras["weights"], np.array(case["class_weights"]) / (height * width))


maps = st.tuples(st.integers(1, 4), st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda shape: st.tuples(
        hnp.arrays(np.float64, shape, elements=finite(0, 5)), hnp.arrays(np.float64, shape, elements=finite(-1, 1))
    )
)


@settings(max_examples=100, deadline=None)
@given(maps, st.floats(0.1, 10))
def test_grad_cam_loop_version_and_scaling(pair, scale):
    activations, gradients = pair
    k, h, w = activations.shape
    result = get("grad-cam")(activations=activations, gradients=gradients)
    expected = np.zeros((h, w))
    for i, j in itertools.product(range(h), range(w)):
        total = sum(gradients[c].sum() / (h * w) * activations[c, i, j] for c in range(k))
        expected[i, j] = max(total, 0.0)
    np.testing.assert_allclose(result.answer, expected, rtol=1e-9, atol=1e-12)
    scaled = get("grad-cam")(activations=activations, gradients=gradients * scale).answer
    np.testing.assert_allclose(scaled, result.answer * scale, rtol=1e-9, atol=1e-12)
    assert (result.answer >= 0).all()


# --- shapley ------------------------------------------------------------------------------------------------


def shapley_by_permutations(values):
    """The definition: each player's marginal contribution averaged over all n! joining orders."""
    n = len(values).bit_length() - 1
    totals = [0.0] * n
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        coalition = 0
        for player in order:
            totals[player] += values[coalition | 1 << player] - values[coalition]
            coalition |= 1 << player
    return [t / len(orders) for t in totals]


def test_shapley_glove_game():
    result = get("shapley")(values=[0, 0, 0, 1, 0, 1, 0, 1])
    np.testing.assert_allclose(result.answer, [2 / 3, 1 / 6, 1 / 6], rtol=1e-15)
    assert result.steps["size_weights"].tolist() == pytest.approx([1 / 3, 1 / 6, 1 / 3])
    assert result.steps["total"] == 1.0


def test_shapley_two_players_split_the_surplus():
    # v(∅) = 0, v({0}) = 10, v({1}) = 20, v(both) = 50: each gets its own value plus half of the 20 surplus.
    assert get("shapley")(values=[0, 10, 20, 50]).answer.tolist() == [20.0, 30.0]


def test_shapley_edge_sizes():
    assert get("shapley")(values=[5.0]).answer.tolist() == []
    assert get("shapley")(values=[1.0, 4.0]).answer.tolist() == [3.0]


games = st.integers(1, 6).flatmap(lambda n: hnp.arrays(np.float64, 1 << n, elements=finite(-100, 100)))


@settings(max_examples=100, deadline=None)
@given(games)
def test_shapley_equals_the_permutation_definition_and_is_efficient(values):
    phi = get("shapley")(values=values).answer
    scale = 1 + np.abs(values).max()
    np.testing.assert_allclose(phi, shapley_by_permutations(values.tolist()), rtol=1e-9, atol=1e-12 * scale)
    assert phi.sum() == pytest.approx(values[-1] - values[0], rel=1e-9, abs=1e-11 * scale)


@settings(max_examples=50, deadline=None)
@given(st.lists(finite(-50, 50), min_size=1, max_size=8), finite())
def test_shapley_of_an_additive_game_is_each_players_own_value(own, base):
    n = len(own)
    values = [base + sum(own[i] for i in range(n) if mask >> i & 1) for mask in range(1 << n)]
    np.testing.assert_allclose(get("shapley")(values=values).answer, own, rtol=1e-9, atol=1e-9)


@settings(max_examples=50, deadline=None)
@given(games)
def test_shapley_dummy_player_gets_nothing(values):
    # Add a player n who changes no coalition's value: v(S ∪ {n}) = v(S).
    phi = get("shapley")(values=np.concatenate([values, values])).answer
    assert phi[-1] == pytest.approx(0.0, abs=1e-9 * (1 + np.abs(values).max()))


# --- metric-loss --------------------------------------------------------------------------------------------


def test_triplet_example():
    result = get("metric-loss")(kind="triplet", anchor=[0, 0], positive=[0.3, 0.4], negative=[0.6, 0.8])
    assert result.answer == 0.5  # max(0, 0.5 − 1.0 + 1)
    assert list(result.steps) == ["d_positive", "d_negative", "losses", "loss"]


def test_contrastive_by_hand():
    loss = get("metric-loss")
    assert loss(anchor=[0, 0], other=[3, 4], similar=True).answer == 12.5  # ½·5²
    assert loss(anchor=[0, 0], other=[0.3, 0.4], similar=False).answer == 0.125  # ½(1 − 0.5)²
    assert loss(anchor=[0, 0], other=[3, 4], similar=False).answer == 0.0  # already beyond the margin
    assert loss(anchor=[0, 0], other=[3, 4], similar=False, margin=7).answer == 2.0


def test_metric_loss_batches_take_the_mean():
    batch = get("metric-loss")(anchor=[[0, 0], [0, 0]], other=[[3, 4], [0.3, 0.4]], similar=[True, False])
    assert batch.steps["losses"].tolist() == [12.5, 0.125]
    assert batch.answer == pytest.approx((12.5 + 0.125) / 2)


@pytest.mark.parametrize("case", golden("interpret_metric_loss.json"))
def test_triplet_matches_torch(case):
    if case.get("error"):  # torch: "margin must be greater than 0"
        with pytest.raises(SolverInputError) as error:
            get("metric-loss")(**case["params"])
        assert error.value.param == "margin"
        return
    answer = get("metric-loss")(**case["params"]).answer
    np.testing.assert_allclose(answer, case["answer"], rtol=1e-12, atol=1e-15)  # torch with eps=0
    # torch's default eps = 1e-6 enters every difference: each distance moves by at most eps·√D.
    dim = np.shape(case["params"]["anchor"])[-1]
    assert abs(answer - case["answer_default_eps"]) <= 2 * 1e-6 * math.sqrt(dim) * (1 + 1e-9)


triplets = st.tuples(st.integers(1, 4), st.integers(1, 5)).flatmap(
    lambda shape: st.tuples(*(hnp.arrays(np.float64, shape, elements=finite()) for _ in range(4)))
)


@settings(max_examples=100, deadline=None)
@given(triplets, st.floats(0.01, 5))
def test_metric_losses_match_their_loop_versions(arrays, margin):
    a, p, n, similar = arrays[0], arrays[1], arrays[2], arrays[3][:, 0] > 0

    def d(x, y):
        return math.sqrt(sum((u - v) ** 2 for u, v in zip(x, y)))

    triplet = [max(0.0, d(a[i], p[i]) - d(a[i], n[i]) + margin) for i in range(len(a))]
    contrastive = [
        0.5 * d(a[i], p[i]) ** 2 if similar[i] else 0.5 * max(0.0, margin - d(a[i], p[i])) ** 2 for i in range(len(a))
    ]
    got = get("metric-loss")(kind="triplet", anchor=a, positive=p, negative=n, margin=margin)
    np.testing.assert_allclose(got.steps["losses"], triplet, rtol=1e-9, atol=1e-12)
    got = get("metric-loss")(anchor=a, other=p, similar=similar, margin=margin)
    np.testing.assert_allclose(got.steps["losses"], contrastive, rtol=1e-9, atol=1e-12)
    assert got.answer >= 0


# --- bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("gcn-layer", {"adjacency": [[0, 1]], "features": [[1.0]], "weight": [[1.0]]}, "adjacency"),
        ("gcn-layer", {"adjacency": [[0, -1], [-1, 0]], "features": [[1.0], [1.0]], "weight": [[1.0]]}, "adjacency"),
        ("gcn-layer", {"adjacency": [[0, 1], [1, 0]], "features": [[1.0]], "weight": [[1.0]]}, "features"),
        ("gcn-layer", {"adjacency": [[0, 1], [1, 0]], "features": [[1.0], [1.0]], "weight": [[1.0], [1.0]]}, "weight"),
        ("gcn-layer", {"adjacency": [[0, 1], [1, 0]], "features": [[1e308], [1e308]], "weight": [[10.0]]}, "features"),
        (
            "gcn-layer",
            {"adjacency": [[1e308, 1e308], [0, 0]], "features": [[1.0], [1.0]], "weight": [[1]]},
            "adjacency",
        ),
        ("gcn-layer", {"adjacency": [[0]], "features": [[1.0]], "weight": [[1.0]], "activation": "tanh"}, "activation"),
        ("grad-cam", {"activations": [[[1.0]]], "gradients": [[[1.0, 2.0]]]}, "gradients"),
        ("grad-cam", {"activations": [[[]]], "gradients": [[[]]]}, "activations"),
        ("grad-cam", {"activations": [[1.0]], "gradients": [[1.0]]}, "activations"),
        ("grad-cam", {"activations": [[[1e308]], [[1e308]]], "gradients": [[[1e308]], [[1e308]]]}, "activations"),
        ("shapley", {"values": [1.0, 2.0, 3.0]}, "values"),
        ("shapley", {"values": []}, "values"),
        ("shapley", {"values": [-1e308, 1e308]}, "values"),
        ("metric-loss", {"anchor": [0.0], "other": [1.0]}, "similar"),
        ("metric-loss", {"anchor": [0.0], "similar": True}, "other"),
        ("metric-loss", {"anchor": [0.0], "other": [1.0, 2.0], "similar": True}, "other"),
        ("metric-loss", {"anchor": [[0.0], [1.0]], "other": [[1.0], [2.0]], "similar": True}, "similar"),
        ("metric-loss", {"anchor": [0.0], "other": [1.0], "similar": True, "positive": [1.0]}, "positive"),
        ("metric-loss", {"kind": "triplet", "anchor": [0.0], "positive": [1.0]}, "negative"),
        (
            "metric-loss",
            {"kind": "triplet", "anchor": [0.0], "positive": [1.0], "negative": [2.0], "other": [1]},
            "other",
        ),
        (
            "metric-loss",
            {"kind": "triplet", "anchor": [0.0], "positive": [1.0], "negative": [2.0], "margin": 0},
            "margin",
        ),
        ("metric-loss", {"kind": "triplet", "anchor": [1e200], "positive": [-1e200], "negative": [0.0]}, "positive"),
        ("metric-loss", {"anchor": [0.0], "other": [0.0], "similar": False, "margin": 1e300}, "margin"),
        ("metric-loss", {"anchor": [0.0], "other": [1.0], "similar": True, "kind": "cosine"}, "kind"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
