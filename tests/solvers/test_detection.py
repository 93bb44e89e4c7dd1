"""detection solvers: iou, nms, ssd-box-count, ssd-decode."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, detection, get
from tests.solvers.golden_cases import GOLDEN

# --- slow references, written as loops over Python floats (IEEE doubles, like float64) ----------------------


def iou_loop(a, b):
    """IoU of two corner boxes, term for term as torchvision's box_iou (0 where the union is 0)."""
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[2] - b[0]) * (b[3] - b[1])
    inter = max(min(a[2], b[2]) - max(a[0], b[0]), 0.0) * max(min(a[3], b[3]) - max(a[1], b[1]), 0.0)
    union = area_a + area_b - inter
    return inter / union if union > 0 else 0.0


def nms_loop(boxes, scores, threshold):
    """torchvision's CPU kernel (csrc/ops/cpu/nms_kernel.cpp) transcribed: stable sort, strict >."""
    boxes = [list(map(float, b)) for b in boxes]
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # Python's sort is stable
    suppressed = [False] * len(boxes)
    keep = []
    for a, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[a + 1 :]:
            if not suppressed[j]:
                x = boxes[i]
                y = boxes[j]
                inter = max(0.0, min(x[2], y[2]) - max(x[0], y[0])) * max(0.0, min(x[3], y[3]) - max(x[1], y[1]))
                union = (x[2] - x[0]) * (x[3] - x[1]) + (y[2] - y[0]) * (y[3] - y[1]) - inter
                if union > 0 and inter / union > threshold:  # torchvision's 0/0 is NaN, never > t
                    suppressed[j] = True
    return keep


def random_boxes(rng, count, span=20.0, side=8.0, integer=False):
    corner = rng.uniform(0, span, (count, 2))
    size = rng.uniform(0, side, (count, 2))
    boxes = np.hstack([corner, corner + size])
    return np.round(boxes) if integer else boxes


# --- worked exam values --------------------------------------------------------------------------------------


def test_iou_of_the_exam_boxes_is_one_seventh():
    result = get("iou")(boxes_a=[0, 0, 2, 2], boxes_b=[1, 1, 3, 3])
    assert result.answer == pytest.approx(1 / 7)
    assert isinstance(result.answer, float)
    assert result.steps == {
        "area_a": 4.0,
        "area_b": 4.0,
        "intersection": 1.0,
        "union": 7.0,
        "iou": pytest.approx(1 / 7),
    }


def test_iou_matrix_and_mixed_shapes():
    a = [[0, 0, 2, 2], [0, 0, 2, 2.2]]
    b = [[1, 1, 3, 3], [0, 0, 2, 2], [5, 5, 6, 6]]
    matrix = get("iou")(boxes_a=a, boxes_b=b).answer
    assert matrix.shape == (2, 3)
    np.testing.assert_allclose(matrix, [[1 / 7, 1, 0], [1.2 / 7.2, 4 / 4.4, 0]])
    assert get("iou")(boxes_a=a[0], boxes_b=b).answer.shape == (3,)
    assert get("iou")(boxes_a=a, boxes_b=b[0]).answer.shape == (2,)
    assert get("iou")(boxes_a=[], boxes_b=b).answer.shape == (0, 3)


def test_iou_of_two_zero_area_boxes_is_zero_not_nan():
    # torchvision's box_iou gives 0/0 = NaN here; pycocotools gives 0, and so do we.
    assert get("iou")(boxes_a=[1, 1, 1, 1], boxes_b=[1, 1, 1, 1]).answer == 0.0
    assert get("iou")(boxes_a=[0, 0, 0, 5], boxes_b=[0, 0, 2, 5]).answer == 0.0


def test_nms_exam_example_keeps_a_and_b():
    result = get("nms")(boxes=[[0, 0, 2, 2], [1, 1, 3, 3], [0, 0, 2, 2.2]], scores=[0.9, 0.8, 0.7])
    assert result.answer.tolist() == [0, 1]
    assert result.steps["suppressed_by"].tolist() == [-1, -1, 0]
    assert result.steps["order"].tolist() == [0, 1, 2]


def test_nms_keeps_a_box_whose_iou_equals_the_threshold():
    boxes = [[0, 0, 4, 1], [0, 0, 2, 1]]  # IoU = 2/4 = 0.5 exactly: not strictly greater, so both stay
    assert get("nms")(boxes=boxes, scores=[0.9, 0.8], iou_threshold=0.5).answer.tolist() == [0, 1]
    assert get("nms")(boxes=boxes, scores=[0.9, 0.8], iou_threshold=0.49).answer.tolist() == [0]


def test_nms_breaks_score_ties_by_input_order_and_returns_descending_scores():
    boxes = [[10, 10, 12, 12], [0, 0, 2, 2], [0, 0, 2, 2.1], [20, 20, 21, 21]]
    result = get("nms")(boxes=boxes, scores=[0.5, 0.7, 0.7, 0.9])
    assert result.answer.tolist() == [3, 1, 0]  # 1 and 2 tie: the lower index is kept, as torchvision's stable sort


def test_nms_of_no_boxes():
    assert get("nms")(boxes=[], scores=[]).answer.tolist() == []


def test_ssd300_has_8732_default_boxes():
    result = get("ssd-box-count")()
    assert result.answer == 8732
    assert result.extras == {"per_map": [5776, 2166, 600, 150, 36, 4], "outputs": 218300}


def test_ssd512_has_24564_default_boxes():
    result = get("ssd-box-count")(feature_maps=[64, 32, 16, 8, 4, 2, 1], boxes_per_location=[4, 6, 6, 6, 6, 4, 4])
    assert result.answer == 24564


def test_ssd_box_count_accepts_rectangular_maps_and_class_counts():
    result = get("ssd-box-count")(feature_maps=[[2, 3], 1], boxes_per_location=[4, 6], num_classes=2)
    assert result.answer == 4 * 6 + 6
    assert result.extras["outputs"] == 30 * 6


def test_ssd_decode_worked_example():
    result = get("ssd-decode")(default_boxes=[0.5, 0.5, 0.2, 0.2], offsets=[1.0, -0.5, 0.5, 0.0])
    np.testing.assert_allclose(result.answer, [0.52, 0.49, 0.2 * math.exp(0.1), 0.2])
    assert result.answer[2] == pytest.approx(0.22103, abs=5e-6)
    assert result.steps["cy"] == pytest.approx(0.49)  # the bank picks this step


def test_ssd_decode_batched_and_with_four_variances():
    defaults = [[0.5, 0.5, 0.2, 0.2], [0.1, 0.2, 0.3, 0.4]]
    offsets = [[1.0, -0.5, 0.5, 0.0], [0.0, 0.0, 0.0, 0.0]]
    two = get("ssd-decode")(default_boxes=defaults, offsets=offsets).answer
    four = get("ssd-decode")(default_boxes=defaults, offsets=offsets, variances=[0.1, 0.1, 0.2, 0.2]).answer
    np.testing.assert_allclose(two, four)
    np.testing.assert_allclose(two[1], defaults[1])


def test_ssd_decode_inverts_the_encoding():
    rng = np.random.default_rng(3)
    defaults = np.hstack([rng.uniform(0, 1, (20, 2)), rng.uniform(0.05, 0.5, (20, 2))])
    truth = np.hstack([rng.uniform(0, 1, (20, 2)), rng.uniform(0.05, 0.5, (20, 2))])
    encoded = np.hstack(
        [(truth[:, :2] - defaults[:, :2]) / (0.1 * defaults[:, 2:]), np.log(truth[:, 2:] / defaults[:, 2:]) / 0.2]
    )
    np.testing.assert_allclose(get("ssd-decode")(default_boxes=defaults, offsets=encoded).answer, truth)


# --- against the slow references ----------------------------------------------------------------------------


def test_iou_matches_the_loop_reference():
    rng = np.random.default_rng(0)
    a, b = random_boxes(rng, 30), random_boxes(rng, 20)
    matrix = get("iou")(boxes_a=a, boxes_b=b).answer
    expected = [[iou_loop(x.tolist(), y.tolist()) for y in b] for x in a]
    assert matrix.tolist() == expected  # bit for bit: the same arithmetic in the same order


@pytest.mark.parametrize("path", ["pairs", "greedy"])
@pytest.mark.parametrize("integer", [False, True])
def test_nms_matches_torchvisions_loop(path, integer, monkeypatch):
    if path == "greedy":
        monkeypatch.setattr(detection, "_NMS_PAIR_BUDGET", -1)
    rng = np.random.default_rng(1 + integer)
    for case in range(40):
        count = int(rng.integers(1, 60))
        boxes = random_boxes(rng, count, integer=integer)
        scores = np.round(rng.random(count), 1)  # many ties
        threshold = [0.0, 0.3, 0.5, 1 / 3, 0.7, 1.0][case % 6]
        got = get("nms")(boxes=boxes, scores=scores, iou_threshold=threshold).answer.tolist()
        assert got == nms_loop(boxes.tolist(), scores.tolist(), threshold), (case, threshold)


def test_nms_pair_sweep_is_exact_for_far_tiny_boxes():
    # Coordinates near 1e6 with widths near 1e-6: the sweep's pruning bound needs its ulp margin here.
    rng = np.random.default_rng(5)
    for _ in range(20):
        boxes = 1e6 + random_boxes(rng, 40, span=4e-6, side=2e-6)
        scores = rng.random(40)
        for threshold in (0.1, 0.5, 0.9):
            assert get("nms")(boxes=boxes, scores=scores, iou_threshold=threshold).answer.tolist() == nms_loop(
                boxes.tolist(), scores.tolist(), threshold
            )


def test_nms_handles_coordinates_beyond_float32():
    boxes = np.array([[0, 0, 2, 2], [1, 1, 3, 3], [0, 0, 2, 2.2]]) * 1e50
    assert get("nms")(boxes=boxes, scores=[0.9, 0.8, 0.7]).answer.tolist() == [0, 1]


def test_nms_pair_sweep_and_greedy_loop_agree_on_thousands_of_boxes(monkeypatch):
    rng = np.random.default_rng(7)
    centers, sides = rng.uniform(0, 300, (3000, 2)), rng.uniform(5, 40, (3000, 2))
    boxes = np.hstack([centers - sides / 2, centers + sides / 2])
    scores = rng.random(3000)
    fast = get("nms")(boxes=boxes, scores=scores, iou_threshold=0.4)
    monkeypatch.setattr(detection, "_NMS_PAIR_BUDGET", -1)
    slow = get("nms")(boxes=boxes, scores=scores, iou_threshold=0.4)
    assert fast.answer.tolist() == slow.answer.tolist()
    assert fast.steps["suppressed_by"].tolist() == slow.steps["suppressed_by"].tolist()


# --- against torchvision (tests/solvers/golden/make_detection.py) -------------------------------------------------

TORCHVISION = json.loads((GOLDEN / "detection_torchvision.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", TORCHVISION, ids=[f"{c['solver']}-{i}" for i, c in enumerate(TORCHVISION)])
def test_matches_torchvision(case):
    # box_iou's NaN for two zero-area boxes is recorded as 0, the solver's (and pycocotools') answer.
    answer = get(case["solver"])(**case["params"]).answer
    assert np.asarray(answer).tolist() == case["answer"]


# --- laws ------------------------------------------------------------------------------------------------------

coordinates = st.floats(-50, 50, allow_nan=False, allow_infinity=False)


@st.composite
def box_arrays(draw, max_size=12):
    count = draw(st.integers(0, max_size))
    corners = draw(hnp.arrays(np.float64, (count, 2), elements=coordinates))
    sides = draw(hnp.arrays(np.float64, (count, 2), elements=st.floats(0, 30)))
    return np.hstack([corners, corners + sides])


@settings(max_examples=150, deadline=None)
@given(box_arrays(), box_arrays())
def test_iou_is_symmetric_and_in_the_unit_interval(a, b):
    forward = get("iou")(boxes_a=a, boxes_b=b).answer
    backward = get("iou")(boxes_a=b, boxes_b=a).answer
    assert np.array_equal(forward, backward.T)
    assert ((forward >= 0) & (forward <= 1)).all()


@settings(max_examples=100, deadline=None)
@given(box_arrays(max_size=8))
def test_iou_of_a_box_with_itself_is_one(boxes):
    positive = detection.box_area(boxes) > 0  # in floats: sides of 1e-200 multiply to 0
    diagonal = np.diagonal(get("iou")(boxes_a=boxes, boxes_b=boxes).answer)
    assert (diagonal[positive] == 1.0).all()


@settings(max_examples=150, deadline=None)
@given(box_arrays(max_size=25), st.floats(0, 1), st.data())
def test_nms_keeps_no_overlapping_pair_and_suppresses_only_with_cause(boxes, threshold, data):
    scores = np.asarray(
        data.draw(st.lists(st.sampled_from([0.1, 0.5, 0.9, 0.95]), min_size=len(boxes), max_size=len(boxes))),
        dtype=float,
    )
    result = get("nms")(boxes=boxes, scores=scores, iou_threshold=threshold)
    kept = result.answer
    order = np.argsort(-scores, kind="stable")
    assert kept.tolist() == [i for i in order.tolist() if i in set(kept.tolist())]  # ⊆ indices, score order
    if len(kept):
        overlaps = get("iou")(boxes_a=boxes[kept], boxes_b=boxes[kept]).answer
        assert not (np.triu(overlaps, k=1) > threshold).any()
    position = {int(i): r for r, i in enumerate(order)}
    for box, by in enumerate(result.steps["suppressed_by"].tolist()):
        if by >= 0:  # removed by a kept, better-ranked box that overlaps it beyond the threshold
            assert by in kept.tolist() and position[by] < position[box]
            assert get("iou")(boxes_a=boxes[by], boxes_b=boxes[box]).answer > threshold


# --- bad input -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "params", "param"),
    [
        ("iou", {"boxes_a": [[0, 0, 2, 2], [3, 0, 1, 2]], "boxes_b": [0, 0, 1, 1]}, "boxes_a[1]"),
        ("iou", {"boxes_a": [0, 0, 2, 2], "boxes_b": [0, 2, 1, 1]}, "boxes_b"),
        ("iou", {"boxes_a": [0, 0, 2], "boxes_b": [0, 0, 1, 1]}, "boxes_a"),
        ("iou", {"boxes_a": [0, 0, float("nan"), 2], "boxes_b": [0, 0, 1, 1]}, "boxes_a"),
        ("iou", {"boxes_a": [0, 0, 1e300, 1e300], "boxes_b": [0, 0, 1, 1]}, "boxes_a"),
        ("iou", {"boxes_a": "0 0 1 1", "boxes_b": [0, 0, 1, 1]}, "boxes_a"),
        ("iou", {"boxes_a": [0, 0, 1, 1]}, "boxes_b"),
        ("nms", {"boxes": [0, 0, 1, 1], "scores": [0.5]}, "boxes"),
        ("nms", {"boxes": [[0, 0, 1, 1]], "scores": [0.5, 0.4]}, "scores"),
        ("nms", {"boxes": [[0, 0, 1, 1]], "scores": [float("inf")]}, "scores"),
        ("nms", {"boxes": [[0, 0, 1, 1]], "scores": [0.5], "iou_threshold": 1.5}, "iou_threshold"),
        ("nms", {"boxes": [[0, 0, 1, 1]], "scores": [0.5], "threshold": 0.5}, "threshold"),
        ("ssd-box-count", {"feature_maps": [38, 19], "boxes_per_location": [4]}, "boxes_per_location"),
        ("ssd-box-count", {"feature_maps": [38, 0]}, "feature_maps[1]"),
        ("ssd-box-count", {"feature_maps": []}, "feature_maps"),
        ("ssd-box-count", {"num_classes": 0}, "num_classes"),
        ("ssd-decode", {"default_boxes": [0.5, 0.5, 0.2, 0.2], "offsets": [[1, 0, 0, 0]]}, "offsets"),
        ("ssd-decode", {"default_boxes": [0.5, 0.5, 0.2], "offsets": [1, 0, 0]}, "default_boxes"),
        ("ssd-decode", {"default_boxes": [0.5, 0.5, 0.0, 0.2], "offsets": [1, 0, 0, 0]}, "default_boxes"),
        ("ssd-decode", {"default_boxes": [0.5, 0.5, 0.2, 0.2], "offsets": [0, 0, 1e4, 0]}, "offsets"),
        (
            "ssd-decode",
            {"default_boxes": [0.5, 0.5, 0.2, 0.2], "offsets": [0, 0, 0, 0], "variances": [0.1]},
            "variances",
        ),
        (
            "ssd-decode",
            {"default_boxes": [0.5, 0.5, 0.2, 0.2], "offsets": [0, 0, 0, 0], "variances": [0.1, -0.2]},
            "variances",
        ),
    ],
)
def test_bad_input_names_the_parameter(name, params, param):
    with pytest.raises(SolverInputError) as error:
        get(name)(**params)
    assert error.value.param == param
