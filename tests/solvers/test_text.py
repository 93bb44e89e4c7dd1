"""text solvers: positional-encoding, bleu, negative-sampling, ctc."""

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


def log_list(probs: list[list[float]]) -> list[list[float]]:
    return np.log(np.array(probs)).tolist()


# --- positional-encoding ------------------------------------------------------------------------------------


def test_positional_encoding_worked_values():
    result = get("positional-encoding")(length=3, d_model=4)
    pe = result.answer
    assert pe.shape == (3, 4)
    assert pe[0].tolist() == [0.0, 1.0, 0.0, 1.0]
    # d = 4: column pair 0 has wavelength 2π, pair 1 has 1/10000^(2/4) = 1/100.
    np.testing.assert_allclose(pe[1], [math.sin(1), math.cos(1), math.sin(0.01), math.cos(0.01)], rtol=1e-15)
    assert list(result.steps) == ["position", "exponent", "divisor", "angle", "encoding"]
    assert result.steps["exponent"].tolist() == [0.0, 0.0, 0.5, 0.5]


def test_positional_encoding_odd_width_ends_on_a_sine_and_base_is_a_parameter():
    pe = get("positional-encoding")(length=5, d_model=5, base=100.0).answer
    assert pe.shape == (5, 5)
    np.testing.assert_allclose(pe[:, 4], np.sin(np.arange(5) / 100.0 ** (4 / 5)), rtol=1e-15)
    np.testing.assert_allclose(pe[:, 2], np.sin(np.arange(5) / 100.0 ** (2 / 5)), rtol=1e-15)


@pytest.mark.parametrize("case", golden("text_positional_encoding.json"))
def test_positional_encoding_matches_mpmath(case):
    pe = get("positional-encoding")(**case["params"]).answer
    # atol: the angle pos/base^(2i/d) carries float64 rounding of relative 1e-16, i.e. 1e-13 at pos 511.
    np.testing.assert_allclose(pe, case["answer"], rtol=0, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 30), st.integers(1, 12), st.floats(1.5, 1e5))
def test_each_sine_cosine_pair_lies_on_the_unit_circle(length, half, base):
    pe = get("positional-encoding")(length=length, d_model=2 * half, base=base).answer
    np.testing.assert_allclose(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, 1.0, rtol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 12), st.integers(0, 20), st.integers(0, 20))
def test_dot_product_depends_only_on_the_offset(half, start, offset):
    # Σ sin a sin b + cos a cos b = Σ cos(a − b): the similarity of two positions is a function of their distance.
    pe = get("positional-encoding")(length=start + offset + 25, d_model=2 * half).answer
    assert pe[start] @ pe[start + offset] == pytest.approx(pe[20] @ pe[20 + offset], rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"length": 0, "d_model": 4}, "length"),
        ({"length": 3, "d_model": 0}, "d_model"),
        ({"length": 10**6, "d_model": 10**6}, "length"),
        ({"length": 3, "d_model": 4, "base": 0.0}, "base"),
        ({"length": 3, "d_model": 4, "base": -10.0}, "base"),
        ({"length": 3, "d_model": 100, "base": 5e-324}, "base"),
        ({"length": 3}, "d_model"),
    ],
)
def test_positional_encoding_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("positional-encoding")(**params)
    assert error.value.param == param


# --- bleu ---------------------------------------------------------------------------------------------------

HYP1 = "It is a guide to action which ensures that the military always obeys the commands of the party"
HYP2 = "It is to insure the troops forever hearing the activity guidebook that party direct"
REFS = [
    "It is a guide to action that ensures that the military will forever heed Party commands",
    "It is the guiding principle which guarantees the military forces always being under the command of the Party",
    "It is the practical guide for the army always to heed the directions of the party",
]


def test_bleu_papineni_example_from_nltk_documentation():
    result = get("bleu")(candidate=HYP1, references=REFS)
    assert result.answer == pytest.approx(0.5045666840058485, rel=1e-15)
    np.testing.assert_allclose(result.extras["precisions"], [17 / 18, 10 / 17, 7 / 16, 4 / 15], rtol=1e-15)
    assert result.extras["brevity_penalty"] == 1.0
    assert get("bleu")(candidate=HYP1, references=REFS, max_n=5).answer == pytest.approx(0.3920, abs=5e-5)


def test_bleu_without_higher_order_matches_is_tiny_but_not_zero_as_in_nltk():
    result = get("bleu")(candidate=HYP2, references=REFS)
    assert result.extras["precisions"][2:].tolist() == [0.0, 0.0]
    assert 0.0 < result.answer < 1e-150  # two orders at float min: (2.2e-308)^(1/4 + 1/4)
    assert get("bleu")(candidate="a b c", references=["x y z"]).answer == 0.0  # no unigram: exactly 0


def test_bleu_clips_counts_and_penalises_brevity():
    refs = ["the cat is on the mat", "there is a cat on the mat"]
    assert get("bleu")(candidate="the the the the the the the", references=refs, max_n=1).answer == pytest.approx(2 / 7)
    short = get("bleu")(candidate="the cat", references=["the cat is on the mat"], max_n=2)
    assert short.extras["brevity_penalty"] == pytest.approx(math.exp(1 - 6 / 2))
    assert short.answer == pytest.approx(math.exp(1 - 3))


def test_bleu_closest_reference_length_ties_go_to_the_shorter():
    for refs in (["a b c d e f", "a b"], ["a b", "a b c d e f"]):
        result = get("bleu")(candidate="a b c d", references=refs)
        assert result.steps["closest_reference_length"] == 2
        assert result.extras["brevity_penalty"] == 1.0


def test_bleu_accepts_token_lists_and_ids_and_a_single_reference_text():
    as_text = get("bleu")(candidate="the cat sat on the mat", references="the cat is on the mat", max_n=2)
    as_tokens = get("bleu")(
        candidate="the cat sat on the mat".split(), references=[["the", "cat", "is", "on", "the", "mat"]], max_n=2
    )
    assert as_text.answer == as_tokens.answer == pytest.approx(math.sqrt(5 / 6 * 3 / 5))
    assert get("bleu")(candidate=[1, 2, 3], references=[[1, 2, 3]], max_n=3).answer == 1.0
    assert get("bleu")(candidate=["1", "2"], references=[[1, 2]], max_n=1).answer == 0.0  # "1" is not 1, as in NLTK


@pytest.mark.parametrize("case", golden("text_bleu.json"))
def test_bleu_matches_nltk(case):
    result = get("bleu")(**case["params"])
    # Same operations in the same order as NLTK (math.fsum of w·log p, then BP·exp): equal to the last bit.
    assert result.answer == case["answer"]
    assert result.extras["precisions"].tolist() == case["precisions"]
    assert result.extras["brevity_penalty"] == case["brevity_penalty"]


sentences = st.lists(st.sampled_from("abcd"), min_size=0, max_size=10)


@settings(max_examples=100, deadline=None)
@given(sentences, st.lists(sentences, min_size=1, max_size=3), st.integers(1, 4))
def test_bleu_is_between_zero_and_one(candidate, references, max_n):
    result = get("bleu")(candidate=candidate, references=references, max_n=max_n)
    assert 0.0 <= result.answer <= 1.0
    assert ((result.extras["precisions"] >= 0) & (result.extras["precisions"] <= 1)).all()


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("abcd"), min_size=4, max_size=10))
def test_bleu_of_a_reference_against_itself_is_one(sentence):
    assert get("bleu")(candidate=sentence, references=[sentence]).answer == pytest.approx(1.0, rel=1e-15)


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"candidate": "a b", "references": []}, "references"),
        ({"candidate": "a b", "references": [["a"], 3]}, "references"),
        ({"candidate": [1.5, 2], "references": ["a b"]}, "candidate"),
        ({"candidate": [True], "references": ["a b"]}, "candidate"),
        ({"candidate": {"a": 1}, "references": ["a b"]}, "candidate"),
        ({"candidate": "a b", "references": ["a b"], "max_n": 0}, "max_n"),
        ({"candidate": "a b", "references": ["a b"], "max_n": 10**9}, "max_n"),
        ({"candidate": "a b", "references": ["a b"], "max_n": 1, "weights": [0.5, 0.5]}, "weights"),
        ({"candidate": "a b", "references": ["a b"], "weights": []}, "weights"),
        ({"candidate": "a b", "references": ["a b"], "weights": [0.01] * 101}, "weights"),
        ({"candidate": "a b", "references": ["a b"], "max_n": 2, "weights": [1.5, -0.5]}, "weights"),
        ({"candidate": "a b", "references": ["a b"], "max_n": 1, "weights": [[1.0]]}, "weights"),
        ({"references": ["a b"]}, "candidate"),
    ],
)
def test_bleu_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("bleu")(**params)
    assert error.value.param == param


# --- negative-sampling --------------------------------------------------------------------------------------


def test_negative_sampling_with_orthogonal_vectors_costs_log_two_per_word():
    # Every score 0: σ = 1/2, so each of the 1 + K terms is log 2.
    result = get("negative-sampling")(v_center=[1.0, 0.0], u_context=[0.0, 1.0], u_negatives=[[0.0, 2.0], [0.0, -3.0]])
    assert result.answer["loss"] == pytest.approx(3 * math.log(2), rel=1e-15)
    np.testing.assert_allclose(result.answer["grad_context"], [-0.5, 0.0])
    np.testing.assert_allclose(result.answer["grad_negatives"], [[0.5, 0.0], [0.5, 0.0]])
    np.testing.assert_allclose(result.answer["grad_center"], [0.0, -0.5 + 1.0 - 1.5])
    assert list(result.steps)[:4] == ["score_context", "score_negatives", "sigmoid_context", "sigmoid_negatives"]


@pytest.mark.parametrize("case", golden("text_negative_sampling.json"))
def test_negative_sampling_matches_torch_autograd(case):
    answer = get("negative-sampling")(**case["params"]).answer
    for key, expected in case["answer"].items():
        # atol: σ(s) of a score near −300 is ~1e-135, where torch and NumPy differ in the 14th digit.
        np.testing.assert_allclose(answer[key], expected, rtol=1e-12, atol=1e-300, err_msg=key)


def loss_of(v, u, neg):
    return get("negative-sampling")(v_center=v, u_context=u, u_negatives=neg).answer["loss"]


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_negative_sampling_gradients_match_central_differences(size, k, seed):
    rng = np.random.default_rng(seed)
    v, u, neg = rng.normal(0, 1, size), rng.normal(0, 1, size), rng.normal(0, 1, (k, size))
    answer = get("negative-sampling")(v_center=v, u_context=u, u_negatives=neg).answer
    h = 1e-6
    for name, array, index in (("grad_center", v, 0), ("grad_context", u, 1), ("grad_negatives", neg, 2)):
        numeric = np.zeros_like(array)
        for at in np.ndindex(array.shape):
            args_plus, args_minus = [v.copy(), u.copy(), neg.copy()], [v.copy(), u.copy(), neg.copy()]
            args_plus[index][at] += h
            args_minus[index][at] -= h
            numeric[at] = (loss_of(*args_plus) - loss_of(*args_minus)) / (2 * h)
        np.testing.assert_allclose(answer[name], numeric, rtol=1e-6, atol=1e-8, err_msg=name)


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, 3, elements=st.floats(-50, 50)),
    hnp.arrays(np.float64, 3, elements=st.floats(-50, 50)),
    hnp.arrays(np.float64, (2, 3), elements=st.floats(-50, 50)),
)
def test_negative_sampling_loss_is_positive_and_finite(v, u, neg):
    result = get("negative-sampling")(v_center=v, u_context=u, u_negatives=neg)
    assert 0.0 <= result.answer["loss"] < math.inf
    np.testing.assert_allclose(result.answer["grad_context"], (result.steps["sigmoid_context"] - 1) * v)


def test_negative_sampling_is_stable_for_large_scores():
    result = get("negative-sampling")(v_center=[40.0], u_context=[-20.0], u_negatives=[[20.0]])
    assert result.answer["loss"] == pytest.approx(1600.0, rel=1e-15)  # −log σ(−800) ≈ 800, twice
    np.testing.assert_allclose(result.answer["grad_center"], [-20.0 * -1.0 + 20.0 * 1.0])


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"v_center": [1.0, 2.0], "u_context": [1.0], "u_negatives": [[1.0, 2.0]]}, "u_context"),
        ({"v_center": [1.0, 2.0], "u_context": [1.0, 0.0], "u_negatives": [[1.0]]}, "u_negatives"),
        ({"v_center": [1.0, 2.0], "u_context": [1.0, 0.0], "u_negatives": [1.0, 2.0]}, "u_negatives"),
        ({"v_center": [1e200, 1e200], "u_context": [1e200, 1e200], "u_negatives": [[1.0, 2.0]]}, "v_center"),
        ({"v_center": [1.0], "u_context": [1.0]}, "u_negatives"),
    ],
)
def test_negative_sampling_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("negative-sampling")(**params)
    assert error.value.param == param


# --- ctc ----------------------------------------------------------------------------------------------------

THREE_FRAMES = [[0.2, 0.7, 0.1], [0.6, 0.2, 0.2], [0.1, 0.2, 0.7]]


def collapse(path, blank=0):
    merged = [label for i, label in enumerate(path) if i == 0 or label != path[i - 1]]
    return [label for label in merged if label != blank]


def brute_force_nll(log_probs: np.ndarray, target: list[int], blank: int) -> float:
    """Sum of the probabilities of every path that collapses to the target: C^T paths, an independent check."""
    frames, classes = log_probs.shape
    total = 0.0
    for path in itertools.product(range(classes), repeat=frames):
        if collapse(list(path), blank) == list(target):
            total += math.exp(sum(log_probs[t, c] for t, c in enumerate(path)))
    return -math.log(total)


def test_ctc_worked_example_sums_five_alignments():
    result = get("ctc")(log_probs=log_list(THREE_FRAMES), target=[1, 2])
    # a b b, a a b, a - b, - a b, a b -
    p = THREE_FRAMES
    paths = [(1, 2, 2), (1, 1, 2), (1, 0, 2), (0, 1, 2), (1, 2, 0)]
    expected = -math.log(sum(p[0][a] * p[1][b] * p[2][c] for a, b, c in paths))
    assert result.answer["loss"] == pytest.approx(expected, rel=1e-14)
    assert result.answer["greedy"].tolist() == [1, 2]
    assert result.steps["extended"].tolist() == [0, 1, 0, 2, 0]
    assert result.steps["alpha"].shape == (3, 5)
    assert result.steps["alpha"][0].tolist() == [0.2, 0.7, 0.0, 0.0, 0.0]  # starts in a blank or the first label
    assert result.steps["alpha"][-1, -2:].sum() == pytest.approx(math.exp(-result.answer["loss"]), rel=1e-14)


def test_ctc_greedy_merges_repeats_then_drops_blanks():
    # best path a a - a b → merge → a - a b → drop blanks → a a b
    frames = [[0.1, 0.8, 0.1], [0.1, 0.8, 0.1], [0.8, 0.1, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]]
    result = get("ctc")(log_probs=log_list(frames), target=[1, 1, 2])
    assert result.steps["best_path"].tolist() == [1, 1, 0, 1, 2]
    assert result.steps["merged"].tolist() == [1, 0, 1, 2]
    assert result.answer["greedy"].tolist() == [1, 1, 2]


def test_ctc_empty_target_is_all_blanks_and_blank_can_be_any_class():
    log_probs = log_list(THREE_FRAMES)
    assert get("ctc")(log_probs=log_probs, target=[]).answer["loss"] == pytest.approx(-math.log(0.2 * 0.6 * 0.1))
    # with class 2 as the blank, "a" is 1 and an alignment is any path of 1s and 2s with at least one 1
    loss = get("ctc")(log_probs=log_probs, target=[1], blank=2).answer["loss"]
    assert loss == pytest.approx(brute_force_nll(np.array(log_probs), [1], 2), rel=1e-13)


def test_ctc_needs_a_blank_between_repeats():
    log_probs = log_list([[0.5, 0.5]] * 3)
    assert get("ctc")(log_probs=log_probs, target=[1, 1]).answer["loss"] == pytest.approx(-math.log(0.5**3))
    assert get("ctc")(log_probs=log_probs[:2], target=[1, 1]).answer["loss"] == math.inf  # only 1 - 1 aligns


@pytest.mark.parametrize("case", golden("text_ctc.json"))
def test_ctc_matches_torch(case):
    answer = get("ctc")(**case["params"]).answer
    # The same log-sum-exp, term for term, as torch's CPU kernel: equal to rounding.
    assert answer["loss"] == pytest.approx(case["answer"]["loss"], rel=1e-13)
    assert answer["greedy"].tolist() == case["answer"]["greedy"]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5), st.integers(2, 3), st.integers(0, 2**32 - 1), st.data())
def test_ctc_forward_algorithm_equals_brute_force(frames, classes, seed, data):
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 2, (frames, classes))
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    target = data.draw(st.lists(st.integers(1, classes - 1), max_size=frames))
    repeats = sum(a == b for a, b in zip(target, target[1:]))
    if len(target) + repeats > frames:
        return
    loss = get("ctc")(log_probs=log_probs, target=target).answer["loss"]
    assert loss == pytest.approx(brute_force_nll(log_probs, target, 0), rel=1e-12)


def test_ctc_without_an_alignment_is_inf_as_torch():
    # torch.nn.functional.ctc_loss (zero_infinity=False) returns inf where p(l | x) = 0: a repeated label needs
    # a blank between its copies, so [1, 1] needs 3 frames. That is an answer, not bad input.
    result = get("ctc")(log_probs=[[-0.1, -2.4]] * 2, target=[1, 1])
    assert result.answer["loss"] == math.inf
    assert result.answer["greedy"].tolist() == []
    assert result.steps["frames_needed"] == 3
    assert get("ctc")(log_probs=[[-0.1, -2.4]] * 3, target=[1, 1]).answer["loss"] < math.inf


def test_bleu_weights_alone_set_the_orders_as_in_nltk():
    # nltk has no max_n: sentence_bleu(weights=(0.5, 0.5)) is BLEU-2, not an error for four orders.
    two = get("bleu")(candidate="the cat on the mat", references=["the cat is on the mat"], weights=[0.5, 0.5])
    assert (
        two.answer == get("bleu")(candidate="the cat on the mat", references=["the cat is on the mat"], max_n=2).answer
    )
    assert two.defaults == {"max_n": 2}
    padded = get("bleu")(
        candidate="the cat on the mat", references=["the cat is on the mat"], max_n=4, weights=[0.5, 0.5]
    )
    assert padded.answer == two.answer  # orders 3 and 4 weigh 0
    assert len(padded.extras["precisions"]) == 4


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"log_probs": [[-0.1, -2.0]], "target": [0]}, "target"),
        ({"log_probs": [[-0.1, -2.0]], "target": [2]}, "target"),
        ({"log_probs": [[-0.1, -2.0]], "target": [-1]}, "target"),
        ({"log_probs": [[-0.1, -2.0]], "target": [0.5]}, "target"),
        ({"log_probs": [[-0.1, -2.0]], "target": [1], "blank": 2}, "blank"),
        ({"log_probs": [[0.6, 0.4]], "target": [1]}, "log_probs"),
        ({"log_probs": [-0.1, -2.0], "target": [1]}, "log_probs"),
        ({"log_probs": [[]], "target": []}, "blank"),
        ({"log_probs": [[-0.1, -2.0]]}, "target"),
    ],
)
def test_ctc_bad_input(params, param):
    with pytest.raises(SolverInputError) as error:
        get("ctc")(**params)
    assert error.value.param == param
