"""vision solvers: focal-loss, efficientnet-scaling, vit-patches, yolo-output, anchor-count."""

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

GOLDEN = Path(__file__).parent / "golden"


def golden(file: str, solver: str | None = None) -> list:
    document = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
    cases = [case for case in document["cases"] if solver is None or case.get("solver") == solver]
    return [pytest.param(case, id=str(i)) for i, case in enumerate(cases)]


def focal_by_hand(logit: float, target: int, alpha: float = 0.25, gamma: float = 2.0) -> float:
    """−α_t (1 − p_t)^γ log p_t for one logit, straight from the RetinaNet paper."""
    p = 1.0 / (1.0 + math.exp(-logit))
    p_t = p if target == 1 else 1.0 - p
    alpha_t = 1.0 if alpha < 0 else (alpha if target == 1 else 1.0 - alpha)
    return -alpha_t * (1.0 - p_t) ** gamma * math.log(p_t)


# --- focal-loss ---------------------------------------------------------------------------------------------


def test_focal_loss_example_by_hand():
    result = get("focal-loss")(logits=[-2.0, -1.0, 3.0], targets=[0, 1, 1])
    expected = [focal_by_hand(-2.0, 0), focal_by_hand(-1.0, 1), focal_by_hand(3.0, 1)]
    np.testing.assert_allclose(result.steps["losses"], expected, rtol=1e-13)
    assert result.answer == pytest.approx(sum(expected) / 3, rel=1e-13)
    assert list(result.steps) == ["p", "p_t", "ce", "modulating", "alpha_t", "losses", "loss"]
    # The easy examples (p_t 0.88 and 0.95) are down-weighted by (1 − p_t)² = 0.014 and 0.002.
    np.testing.assert_allclose(result.steps["modulating"][[0, 2]], [0.01421, 0.00225], atol=5e-6)


def test_focal_loss_with_gamma_0_and_no_alpha_is_binary_cross_entropy():
    logits, targets = np.array([-3.0, -0.5, 0.0, 2.0]), np.array([1, 0, 1, 0])
    p = 1 / (1 + np.exp(-logits))
    bce = -(targets * np.log(p) + (1 - targets) * np.log(1 - p))
    result = get("focal-loss")(logits=logits, targets=targets, alpha=-1, gamma=0, reduction="none")
    np.testing.assert_allclose(result.answer, bce, rtol=1e-13)
    assert result.steps["alpha_t"].tolist() == [1.0, 1.0, 1.0, 1.0]


def test_focal_loss_alpha_weighs_positives_and_gamma_zero_keeps_them():
    result = get("focal-loss")(logits=[0.0, 0.0], targets=[1, 0], alpha=0.25, gamma=0, reduction="none")
    np.testing.assert_allclose(result.answer, [0.25 * math.log(2), 0.75 * math.log(2)], rtol=1e-15)


def test_focal_loss_reductions_agree():
    params = {"logits": [[1.0, -2.0, 0.3], [4.0, -1.0, 0.0]], "targets": [[1, 0, 0], [1, 1, 0]]}
    none = get("focal-loss")(**params, reduction="none").answer
    assert none.shape == (2, 3)
    assert get("focal-loss")(**params, reduction="sum").answer == pytest.approx(none.sum(), rel=1e-15)
    assert get("focal-loss")(**params).answer == pytest.approx(none.mean(), rel=1e-15)


def test_focal_loss_is_stable_for_huge_logits():
    result = get("focal-loss")(logits=[1000.0, -1000.0, 1000.0, -1000.0], targets=[1, 0, 0, 1], reduction="none")
    # Confident and right: exactly 0; confident and wrong: the loss grows like |logit| (α_t·|x|).
    assert result.answer.tolist() == [0.0, 0.0, 750.0, 250.0]


def test_focal_loss_soft_labels_follow_torchvisions_formula():
    result = get("focal-loss")(logits=[0.0], targets=[0.5], alpha=-1, gamma=0, reduction="sum")
    assert result.answer == pytest.approx(math.log(2), rel=1e-15)


@pytest.mark.parametrize("case", golden("vision_focal_loss.json"))
def test_focal_loss_matches_torchvision(case):
    if case.get("error"):
        with pytest.raises(SolverInputError) as error:
            get("focal-loss")(**case["params"])
        assert error.value.param == "alpha"
        return
    answer = get("focal-loss")(**case["params"]).answer
    assert np.shape(answer) == np.shape(case["answer"])
    # Same formulas in the same order; NumPy's and torch's exp/log1p may differ in the last bit.
    np.testing.assert_allclose(answer, case["answer"], rtol=1e-12, atol=1e-300)


logits_and_targets = st.integers(1, 12).flatmap(
    lambda n: st.tuples(
        hnp.arrays(np.float64, n, elements=st.floats(-30, 30)),
        hnp.arrays(np.int64, n, elements=st.integers(0, 1)),
    )
)


@settings(max_examples=100, deadline=None)
@given(logits_and_targets, st.floats(0, 1), st.floats(0, 6))
def test_focal_loss_is_nonnegative_and_at_most_the_weighted_cross_entropy(pair, alpha, gamma):
    logits, targets = pair
    result = get("focal-loss")(logits=logits, targets=targets, alpha=alpha, gamma=gamma, reduction="none")
    assert (result.answer >= 0).all()
    assert (result.answer <= result.steps["alpha_t"] * result.steps["ce"] + 1e-15).all()


@settings(max_examples=100, deadline=None)
@given(logits_and_targets, st.floats(0, 4), st.floats(0, 4))
def test_focal_loss_shrinks_as_gamma_grows(pair, gamma_a, gamma_b):
    logits, targets = pair
    low, high = sorted((gamma_a, gamma_b))

    def loss(gamma: float) -> np.ndarray:
        return get("focal-loss")(logits=logits, targets=targets, gamma=gamma, reduction="none").answer

    assert (loss(high) <= loss(low) * (1 + 1e-12)).all()


def test_focal_loss_loop_reference():
    rng = np.random.default_rng(5)
    logits, targets = rng.normal(0, 3, 40), rng.integers(0, 2, 40)
    expected = [focal_by_hand(x, t, 0.4, 1.5) for x, t in zip(logits.tolist(), targets.tolist())]
    result = get("focal-loss")(logits=logits, targets=targets, alpha=0.4, gamma=1.5, reduction="none")
    np.testing.assert_allclose(result.answer, expected, rtol=1e-12)


# --- efficientnet-scaling ----------------------------------------------------------------------------------


def test_efficientnet_phi_1_is_the_papers_grid_search():
    answer = get("efficientnet-scaling")(phi=1).answer
    assert answer == pytest.approx({"depth": 1.2, "width": 1.1, "resolution": 1.15, "flops": 1.92027}, rel=1e-15)


def test_efficientnet_example_and_phi_0():
    result = get("efficientnet-scaling")(phi=2)
    assert result.answer == pytest.approx({"depth": 1.44, "width": 1.21, "resolution": 1.3225, "flops": 1.92027**2})
    assert list(result.steps) == ["flops_per_step", "depth", "width", "resolution", "flops"]
    assert get("efficientnet-scaling")(phi=0).answer == {"depth": 1.0, "width": 1.0, "resolution": 1.0, "flops": 1.0}


@settings(max_examples=100, deadline=None)
@given(st.floats(-5, 10), st.floats(0.5, 2), st.floats(0.5, 2), st.floats(0.5, 2))
def test_efficientnet_flops_are_depth_times_width_and_resolution_squared(phi, alpha, beta, gamma):
    a = get("efficientnet-scaling")(phi=phi, alpha=alpha, beta=beta, gamma=gamma).answer
    assert a["flops"] == pytest.approx(a["depth"] * a["width"] ** 2 * a["resolution"] ** 2, rel=1e-12)
    assert a["depth"] == pytest.approx(alpha**phi, rel=1e-14)


# --- vit-patches -------------------------------------------------------------------------------------------


def test_vit_b16_at_224():
    result = get("vit-patches")(image=224, patch=16)
    assert result.answer == {"num_patches": 196, "sequence_length": 197, "patch_dim": 768}
    assert result.steps["grid"] == [14, 14]
    assert get("vit-patches")(image="224x224", patch=16, cls_token=False).answer["sequence_length"] == 196
    assert get("vit-patches")(image=[224, 160], patch=[16, 8], channels=1).answer["patch_dim"] == 128


@pytest.mark.parametrize("case", golden("vision_shapes.json", "vit-patches"))
def test_vit_patches_match_torchvision(case):
    if case.get("error"):  # VisionTransformer: "Input shape indivisible by patch size!"
        with pytest.raises(SolverInputError) as error:
            get("vit-patches")(**case["params"])
        assert error.value.param == "patch"
        return
    assert get("vit-patches")(**case["params"]).answer == case["answer"]


# --- yolo-output -------------------------------------------------------------------------------------------


def test_yolo_v1_on_voc_is_7x7x30():
    result = get("yolo-output")(grid=7, boxes=2, classes=20)
    assert result.answer == 1470
    assert result.extras == {"shape": [7, 7, 30]}
    assert result.answer == np.zeros(result.extras["shape"]).size


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 30), st.integers(1, 10), st.integers(1, 100))
def test_yolo_output_is_the_product_of_its_shape(grid, boxes, classes):
    result = get("yolo-output")(grid=grid, boxes=boxes, classes=classes)
    assert result.answer == math.prod(result.extras["shape"]) == grid * grid * (5 * boxes + classes)


# --- anchor-count ------------------------------------------------------------------------------------------


def test_faster_rcnn_anchors():
    result = get("anchor-count")(feature_map=[40, 60])
    assert (result.answer, result.extras) == (21600, {"per_location": 9})
    assert get("anchor-count")(feature_map=50, scales=5, ratios=3).answer == 50 * 50 * 15


@pytest.mark.parametrize("case", golden("vision_shapes.json", "anchor-count"))
def test_anchor_count_matches_torchvisions_anchor_generator(case):
    result = get("anchor-count")(**case["params"])
    assert (result.answer, result.extras["per_location"]) == (case["answer"], case["per_location"])


# --- bad input ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("focal-loss", {"logits": [1.0, 2.0], "targets": [1.0]}, "targets"),
        ("focal-loss", {"logits": [1.0], "targets": [2.0]}, "targets"),
        ("focal-loss", {"logits": [1.0], "targets": [-1.0]}, "targets"),
        ("focal-loss", {"logits": [1.0], "targets": [1.0], "alpha": -0.25}, "alpha"),
        ("focal-loss", {"logits": [1.0], "targets": [1.0], "gamma": -1}, "gamma"),
        ("focal-loss", {"logits": [1.0], "targets": [1.0], "reduction": "batchmean"}, "reduction"),
        ("focal-loss", {"logits": [], "targets": []}, "logits"),
        ("focal-loss", {"logits": [1e308, 1e308, 1e308], "targets": [0, 0, 0], "reduction": "sum"}, "logits"),
        ("focal-loss", {"logits": [float("nan")], "targets": [0]}, "logits"),
        ("efficientnet-scaling", {"phi": 1e308}, "phi"),
        ("efficientnet-scaling", {"phi": 1, "alpha": 0}, "alpha"),
        ("efficientnet-scaling", {"phi": 1, "beta": 1e200}, "alpha"),
        ("efficientnet-scaling", {}, "phi"),
        ("vit-patches", {"image": 30, "patch": 4}, "patch"),
        ("vit-patches", {"image": [224, 100], "patch": 16}, "patch"),
        ("vit-patches", {"image": 224, "patch": 0}, "patch"),
        ("vit-patches", {"image": 224, "patch": 16, "channels": 0}, "channels"),
        ("yolo-output", {"grid": 0, "boxes": 2, "classes": 20}, "grid"),
        ("yolo-output", {"grid": 7, "boxes": 2.5, "classes": 20}, "boxes"),
        ("anchor-count", {"feature_map": [1, 2, 3]}, "feature_map"),
        ("anchor-count", {"feature_map": 10, "ratios": 0}, "ratios"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
