"""deployment solvers: distillation-loss, quantize, magnitude-prune, all-reduce."""

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


def golden(file: str) -> list:
    cases = json.loads((GOLDEN / file).read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case, id=str(i)) for i, case in enumerate(cases)]


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# --- distillation-loss --------------------------------------------------------------------------------------


def test_distillation_worked_example():
    s, t, temperature = np.array([2.0, 1.0, 0.1]), np.array([3.0, 1.0, 0.2]), 2.0
    result = get("distillation-loss")(student_logits=s, teacher_logits=t, temperature=temperature, target=0)
    p, q = softmax(t / temperature), softmax(s / temperature)
    kl = float(np.sum(p * np.log(p / q)))
    hard = -math.log(softmax(s)[0])
    assert result.answer["soft_loss"] == pytest.approx(4 * kl, rel=1e-13)
    assert result.answer["hard_loss"] == pytest.approx(hard, rel=1e-14)
    assert result.answer["loss"] == pytest.approx(0.5 * 4 * kl + 0.5 * hard, rel=1e-13)
    assert list(result.steps) == [
        "student_probs_t",
        "teacher_probs_t",
        "kl_per_sample",
        "soft_loss",
        "student_log_probs",
        "hard_loss",
        "loss",
    ]


def test_distillation_without_a_target_is_the_soft_loss_alone():
    result = get("distillation-loss")(student_logits=[[1.0, 0.0], [0.0, 1.0]], teacher_logits=[[0.0, 1.0], [0.0, 1.0]])
    assert result.answer["hard_loss"] is None
    assert result.answer["loss"] == result.answer["soft_loss"]
    # batchmean: the two rows' KL summed and divided by N = 2
    assert result.answer["soft_loss"] == pytest.approx(np.mean(result.steps["kl_per_sample"]), rel=1e-15)


def test_distillation_one_row_is_a_batch_of_one():
    one = get("distillation-loss")(student_logits=[1.0, 2.0, 3.0], teacher_logits=[3.0, 2.0, 1.0], target=2)
    batched = get("distillation-loss")(student_logits=[[1.0, 2.0, 3.0]], teacher_logits=[[3.0, 2.0, 1.0]], target=[2])
    assert one.answer == batched.answer


def test_distillation_alpha_weighs_the_two_losses():
    params = {"student_logits": [0.5, -1.0, 2.0], "teacher_logits": [1.0, 0.0, 0.0], "temperature": 3.0, "target": 1}
    soft_only = get("distillation-loss")(**params, alpha=1.0).answer
    hard_only = get("distillation-loss")(**params, alpha=0.0).answer
    assert soft_only["loss"] == soft_only["soft_loss"]
    assert hard_only["loss"] == hard_only["hard_loss"]


def test_distillation_ignores_zero_teacher_probabilities():
    # exp(−2000) is 0 in float64: torch's kl_div (xlogy) makes 0·log 0 = 0 rather than NaN
    result = get("distillation-loss")(student_logits=[0.0, 0.0, 0.0], teacher_logits=[1000.0, 0.0, -1000.0])
    assert result.steps["teacher_probs_t"].tolist() == [1.0, 0.0, 0.0]
    assert result.answer["soft_loss"] == pytest.approx(math.log(3), rel=1e-15)


@pytest.mark.parametrize("case", golden("deployment_distillation.json"))
def test_distillation_matches_torch(case):
    answer = get("distillation-loss")(**case["params"]).answer
    for key, expected in case["answer"].items():
        if expected is None:
            assert answer[key] is None
        else:
            # atol: equal logits give KL 0 here and rounding noise (5e-16) in torch.
            assert answer[key] == pytest.approx(expected, rel=1e-12, abs=1e-15), key


logits = hnp.arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 5)), elements=st.floats(-30, 30))


@settings(max_examples=100, deadline=None)
@given(logits, st.data(), st.floats(0.1, 50))
def test_distillation_soft_loss_is_t_squared_times_a_nonnegative_kl(student, data, temperature):
    teacher = data.draw(hnp.arrays(np.float64, student.shape, elements=st.floats(-30, 30)))
    result = get("distillation-loss")(student_logits=student, teacher_logits=teacher, temperature=temperature)
    assert result.answer["soft_loss"] >= -1e-12
    assert (result.steps["kl_per_sample"] >= -1e-12).all()
    same = get("distillation-loss")(student_logits=teacher, teacher_logits=teacher, temperature=temperature)
    assert abs(same.answer["soft_loss"]) <= 1e-10 * temperature**2


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0, 3.0]}, "teacher_logits"),
        ({"student_logits": [[1.0, 2.0]], "teacher_logits": [1.0, 2.0]}, "teacher_logits"),
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0], "target": 2}, "target"),
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0], "target": -1}, "target"),
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0], "target": [0, 1]}, "target"),
        ({"student_logits": [[1.0, 2.0]] * 2, "teacher_logits": [[1.0, 2.0]] * 2, "target": 1}, "target"),
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0], "target": 0.5}, "target"),
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0], "temperature": 0.0}, "temperature"),
        ({"student_logits": [1e308, -1e308], "teacher_logits": [1.0, 2.0], "temperature": 1e-10}, "temperature"),
        ({"student_logits": [1.0, 2.0], "teacher_logits": [1.0, 2.0], "alpha": 1.5}, "alpha"),
        ({"student_logits": [[]], "teacher_logits": [[]]}, "student_logits"),
        ({"student_logits": [1.0, 2.0]}, "teacher_logits"),
    ],
)
def test_distillation_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("distillation-loss")(**params)
    assert error.value.param == param


# --- quantize -----------------------------------------------------------------------------------------------


def test_quantize_asymmetric_worked_example():
    result = get("quantize")(x=[-1.0, 0.0, 0.5, 2.0])
    scale = float(np.float32(3.0) / np.float32(255.0))  # (2 − (−1)) / 255 in float32, as torch's observer
    assert result.answer["scale"] == scale
    assert result.answer["zero_point"] == 85  # −round(−1 / s)
    # 0.5/s + 85 = 127.5 in float32: half to even gives 128 (rounding 42.5 first would give 127)
    assert result.answer["q"].tolist() == [0, 85, 128, 255]
    # torch's dequantize(): (q − z)·s rounded to float32
    dequantized = (np.array([-85, 0, 43, 170]) * scale).astype(np.float32).astype(np.float64)
    assert result.answer["dequantized"].tolist() == dequantized.tolist()
    assert result.extras["max_error"] == dequantized[2] - 0.5


def test_quantize_symmetric_divides_by_127_5_and_keeps_zero_point_zero():
    result = get("quantize")(x=[-1.0, 0.0, 0.5, 2.0], scheme="symmetric")
    assert result.answer["scale"] == float(np.float32(2.0) / np.float32(127.5))
    assert result.answer["zero_point"] == 0
    assert result.answer["q"].tolist() == [-64, 0, 32, 127]  # 63.75 → 64, 31.875 → 32


def test_quantize_range_always_includes_zero():
    positive = get("quantize")(x=[0.5, 1.5, 2.5, 3.5])
    assert positive.steps["min"] == 0.0
    assert positive.answer["zero_point"] == 0
    negative = get("quantize")(x=[-3.0, -2.0, -0.25])
    assert negative.steps["max"] == 0.0
    assert negative.answer["zero_point"] == 255


def test_quantize_constant_zero_uses_float32_eps_as_scale():
    result = get("quantize")(x=[0.0, 0.0])
    assert result.answer["scale"] == float(np.finfo(np.float32).eps)
    assert result.answer["q"].tolist() == [0, 0]


def test_quantize_fewer_bits_use_fewer_levels():
    result = get("quantize")(x=np.arange(-8, 9) / 4.0, bits=4, scheme="symmetric")
    assert result.answer["scale"] == float(np.float32(2.0) / np.float32(7.5))
    # 1/s rounds down in float32, so ±2 land on ±7.4999995 rather than ±7.5 and round to ±7 (as torch, fixture 6)
    assert result.answer["q"].tolist() == [-7, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 7]
    # max|x| lands on (2⁴ − 1)/2 = 7.5 levels, which rounds to even: 8, one past quant_max, kept as torch keeps it
    assert get("quantize")(x=[0.1, -0.3, 0.7], bits=4, scheme="symmetric").answer["q"].tolist() == [1, -3, 8]
    asymmetric = get("quantize")(x=[-1.0, 2.0], bits=2)
    assert (asymmetric.steps["quant_min"], asymmetric.steps["quant_max"]) == (0, 3)
    assert asymmetric.answer["q"].tolist() == [0, 3]


@pytest.mark.parametrize("case", golden("deployment_quantize.json"))
def test_quantize_matches_torch(case):
    answer = get("quantize")(**case["params"]).answer
    expected = case["answer"]
    assert answer["scale"] == expected["scale"]
    assert answer["zero_point"] == expected["zero_point"]
    assert answer["q"].tolist() == expected["q"]
    # torch's float32 dequantize(), to the last bit; max_error from it (0 where it lands back on x exactly)
    assert answer["dequantized"].tolist() == expected["dequantized"]
    assert get("quantize")(**case["params"]).extras["max_error"] == case["max_error"]


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 40), elements=st.floats(-1e4, 1e4, width=32)),
    st.integers(2, 8),
    st.sampled_from(["asymmetric", "symmetric"]),
)
def test_quantize_error_is_at_most_half_a_step(x, bits, scheme):
    result = get("quantize")(x=x, bits=bits, scheme=scheme)
    scale = result.answer["scale"]
    low, high = result.steps["quant_min"], result.steps["quant_max"]
    q = result.answer["q"]
    # torch clamps to the dtype's range (quint8 0..255, qint8 −128..127), not to the observer's reduced one, so a
    # tie at an end of the range can round one level past it: asymmetric [1, −1] with 2 bits gives q = [4, 0].
    # symmetric: max|x| maps to ±(2ᵇ − 1)/2 levels, which also rounds to one level past quant_max at most.
    assert low - 1 <= q.min() and q.max() <= high + 1
    assert result.extras["max_error"] <= scale / 2 * (1 + 1e-4)  # x/scale in float32 (as torch): ~1e-5 off


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"x": []}, "x"),
        ({"x": [1e39, 0.0]}, "x"),
        ({"x": [3e38, -3e38]}, "x"),
        ({"x": [1.0], "bits": 9}, "bits"),
        ({"x": [1.0], "bits": 0}, "bits"),
        ({"x": [1.0], "scheme": "int4"}, "scheme"),
        ({"bits": 8}, "x"),
    ],
)
def test_quantize_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("quantize")(**params)
    assert error.value.param == param


# --- magnitude-prune ----------------------------------------------------------------------------------------


def test_magnitude_prune_worked_example():
    result = get("magnitude-prune")(weight=[[0.5, -0.1, 0.3], [-0.8, 0.05, 0.2]], amount=0.5)
    assert result.answer.tolist() == [[0.5, -0.0, 0.3], [-0.8, 0.0, 0.0]]
    assert math.copysign(1.0, result.answer[0, 1]) == -1.0  # weight·mask, as torch: a pruned −0.1 is −0.0
    assert result.extras["mask"].tolist() == [[1.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    assert result.steps["num_pruned"] == 3
    assert result.steps["threshold"] == 0.2


def test_magnitude_prune_count_is_rounded_half_to_even():
    assert get("magnitude-prune")(weight=[5.0, 4.0, 3.0, 2.0, 1.0], amount=0.5).steps["num_pruned"] == 2  # 2.5
    assert get("magnitude-prune")(weight=[7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0], amount=0.5).steps["num_pruned"] == 4
    assert get("magnitude-prune")(weight=[1.0, 2.0], amount=0.0).extras["mask"].tolist() == [1.0, 1.0]
    assert get("magnitude-prune")(weight=[1.0, 2.0], amount=1.0).extras["mask"].tolist() == [0.0, 0.0]


def test_magnitude_prune_ties_follow_torch_not_index_order():
    # four equal weights, two to prune: torch's nth_element prunes the last two (fixture case 1) ...
    assert get("magnitude-prune")(weight=[1.0, 1.0, 1.0, 1.0], amount=0.5).extras["mask"].tolist() == [1, 1, 0, 0]
    # ... but with 64k ≤ n it runs partial_sort, whose heap keeps the first of the tied entries instead
    mask = get("magnitude-prune")(weight=np.full(300, 0.5), amount=0.01).extras["mask"]
    assert np.flatnonzero(mask == 0).tolist() == [0, 1, 2]


@pytest.mark.parametrize("case", golden("deployment_prune.json"))
def test_magnitude_prune_matches_torch(case):
    result = get("magnitude-prune")(**case["params"])
    assert result.extras["mask"].tolist() == case["answer"]
    np.testing.assert_array_equal(result.answer, np.array(case["params"]["weight"]) * np.array(case["answer"]))


def test_fixture_has_ties_at_the_cut():
    """The torch fixture must exercise the tie rule: cases where equal |w| are split between pruned and kept."""
    split = 0
    for param in golden("deployment_prune.json"):
        case = param.values[0]
        magnitude = np.abs(np.array(case["params"]["weight"])).ravel()
        mask = np.array(case["answer"]).ravel()
        pruned, kept = magnitude[mask == 0], magnitude[mask == 1]
        split += bool(pruned.size and kept.size and pruned.max() == kept.min())
    assert split >= 15


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6), elements=st.integers(-3, 3)),
    st.floats(0, 1),
)
def test_magnitude_prune_removes_the_smallest_and_the_right_count(weight, amount):
    result = get("magnitude-prune")(weight=weight, amount=amount)
    mask = result.extras["mask"]
    assert mask.shape == weight.shape
    assert int((mask == 0).sum()) == round(amount * weight.size)
    magnitude = np.abs(weight)
    if (mask == 0).any() and (mask == 1).any():
        assert magnitude[mask == 0].max() <= magnitude[mask == 1].min()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-10, 10), min_size=1, max_size=200, unique=True), st.floats(0, 1))
def test_magnitude_prune_without_ties_is_a_plain_sort(values, amount):
    weight = np.array(values)
    magnitude = np.abs(weight)
    if len(np.unique(magnitude)) < len(magnitude):
        return
    mask = get("magnitude-prune")(weight=weight, amount=amount).extras["mask"]
    expected = np.ones(len(weight))
    expected[np.argsort(magnitude)[: round(amount * len(weight))]] = 0.0
    assert mask.tolist() == expected.tolist()


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"weight": [1.0, 2.0], "amount": 1.5}, "amount"),
        ({"weight": [1.0, 2.0], "amount": -0.1}, "amount"),
        ({"weight": [1.0, float("nan")], "amount": 0.5}, "weight"),
        ({"weight": [1.0, 2.0]}, "amount"),
    ],
)
def test_magnitude_prune_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("magnitude-prune")(**params)
    assert error.value.param == param


# --- all-reduce ---------------------------------------------------------------------------------------------


def ring_all_reduce(grads: np.ndarray) -> tuple[list[np.ndarray], list[int]]:
    """A step-by-step ring all-reduce (reduce-scatter, then all-gather) that counts what each worker sends."""
    workers = grads.shape[0]
    chunks = [np.array_split(g.reshape(-1).astype(float), workers) for g in grads]
    sent = [0] * workers
    for step in range(workers - 1):  # reduce-scatter: worker w passes chunk (w − step) to w + 1, which adds it
        outgoing = [(w, (w - step) % workers, chunks[w][(w - step) % workers].copy()) for w in range(workers)]
        for w, c, data in outgoing:
            chunks[(w + 1) % workers][c] += data
            sent[w] += data.size
    for step in range(workers - 1):  # all-gather: worker w passes its finished chunk (w + 1 − step) on
        outgoing = [(w, (w + 1 - step) % workers, chunks[w][(w + 1 - step) % workers].copy()) for w in range(workers)]
        for w, c, data in outgoing:
            chunks[(w + 1) % workers][c] = data
            sent[w] += data.size
    return [np.concatenate(c).reshape(grads.shape[1:]) / workers for c in chunks], sent


def test_all_reduce_worked_example():
    grads = [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]
    result = get("all-reduce")(grads=grads)
    assert result.answer.tolist() == [7.0, 8.0, 9.0, 10.0]
    assert result.extras == {"per_worker_send": 6.0, "workers": 4}  # 2·3/4·4
    assert result.steps["communication_steps"] == 6
    naive = get("all-reduce")(grads=grads, algorithm="naive")
    assert naive.extras["per_worker_send"] == 12.0  # 3 other workers × 4 entries


def test_all_reduce_with_one_worker_sends_nothing():
    result = get("all-reduce")(grads=[[1.0, 2.0]])
    assert result.answer.tolist() == [1.0, 2.0]
    assert result.extras == {"per_worker_send": 0.0, "workers": 1}


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 4), st.integers(1, 5)),
        elements=st.floats(-100, 100),
    )
)
def test_all_reduce_equals_a_simulated_ring(grads):
    result = get("all-reduce")(grads=grads)
    reduced, sent = ring_all_reduce(grads)
    for copy in reduced:  # every worker ends with the same mean (the ring adds in another order: tolerance)
        np.testing.assert_allclose(copy, result.answer, rtol=1e-12, atol=1e-12)
    assert sum(sent) / grads.shape[0] == pytest.approx(result.extras["per_worker_send"], rel=1e-12)
    np.testing.assert_allclose(result.answer, grads.mean(axis=0), rtol=1e-12, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(-1e300, 1e300)), st.integers(1, 7))
def test_all_reduce_of_equal_gradients_is_that_gradient(gradient, workers):
    result = get("all-reduce")(grads=np.tile(gradient, (workers, 1)))
    # atol: a subnormal gradient divided by W keeps fewer digits than 1e-15 (g/W·W ≠ g below 2.2e-308)
    np.testing.assert_allclose(result.answer, gradient, rtol=1e-15, atol=1e-300)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"grads": 3.0}, "grads"),
        ({"grads": []}, "grads"),
        ({"grads": [[1.0], [2.0]], "algorithm": "tree"}, "algorithm"),
        ({"grads": [[1.0], [2.0, 3.0]]}, "grads"),
        ({}, "grads"),
    ],
)
def test_all_reduce_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("all-reduce")(**params)
    assert error.value.param == param
