"""information solvers: entropy, cross-entropy, kl-divergence, js-divergence, bayes."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SolverInputError, get

GOLDEN = json.loads((Path(__file__).parent / "golden" / "information_scipy.json").read_text(encoding="utf-8"))
SCIPY_CASES = [case for case in GOLDEN["cases"] if "answer" in case]
SCIPY_ERRORS = [case for case in GOLDEN["cases"] if case.get("error")]


def case_id(case: dict) -> str:
    return f"{case['solver']}-{GOLDEN['cases'].index(case)}"


# --- the exam's worked values -------------------------------------------------------------------------------


def test_entropy_of_the_textbook_source_is_one_and_three_quarter_bits():
    result = get("entropy")(p=[0.5, 0.25, 0.125, 0.125], base=2)
    assert result.answer == 1.75
    assert list(result.steps) == ["p", "terms", "nats", "log_base", "entropy"]
    np.testing.assert_allclose(
        result.steps["terms"], [0.5 * math.log(2), 0.25 * math.log(4), *[0.125 * math.log(8)] * 2]
    )


def test_a_fair_coin_has_one_bit_and_ln2_nats():
    assert get("entropy")(p=[0.5, 0.5], base=2).answer == 1.0
    assert get("entropy")(p=[0.5, 0.5]).answer == pytest.approx(math.log(2), rel=1e-15)
    assert get("entropy")(p=[0.5, 0.5], base="e").answer == get("entropy")(p=[0.5, 0.5]).answer
    assert get("entropy")(p=[0.1] * 10, base=10).answer == pytest.approx(1.0, rel=1e-15)


def test_a_certain_outcome_has_no_entropy():
    assert get("entropy")(p=[0.0, 1.0, 0.0]).answer == 0.0
    assert get("entropy")(p=[1.0]).answer == 0.0


def test_cross_entropy_of_the_books_example_is_minus_log_of_the_correct_class():
    result = get("cross-entropy")(
        p=[0, 0, 1, 0, 0, 0, 0, 0, 0, 0], q=[0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    )
    assert result.answer == pytest.approx(0.510825623765990, rel=1e-14)  # the book prints 0.510825457 (δ = 1e-7)
    assert result.answer == -math.log(0.6)
    assert list(result.steps) == ["p", "q", "terms", "nats", "log_base", "cross_entropy"]


def test_kl_of_a_binomial_against_the_uniform_distribution():
    p, q = [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3]
    assert get("kl-divergence")(p=p, q=q).answer == pytest.approx(0.0852996, abs=5e-8)
    assert get("kl-divergence")(p=q, q=p).answer == pytest.approx(0.097455, abs=5e-7)  # not symmetric


def test_js_of_two_shifted_distributions_is_half_a_bit():
    result = get("js-divergence")(p=[0.5, 0.5, 0.0], q=[0.0, 0.5, 0.5], base=2)
    assert result.answer == 0.5
    assert result.steps["m"].tolist() == [0.25, 0.5, 0.25]
    assert result.steps["kl_p_m"] == result.steps["kl_q_m"] == 0.5
    assert result.steps["distance"] == math.sqrt(0.5)


def test_js_of_disjoint_distributions_is_log_2():
    assert get("js-divergence")(p=[1, 0], q=[0, 1]).answer == pytest.approx(math.log(2), rel=1e-15)
    assert get("js-divergence")(p=[1, 0], q=[0, 1], base=2).answer == 1.0


def test_bayes_mammography_problem():
    result = get("bayes")(prior=[0.01, 0.99], likelihood=[0.8, 0.096])
    assert result.extras == {"evidence": pytest.approx(0.10304, rel=1e-14)}
    np.testing.assert_allclose(result.answer, [0.008 / 0.10304, 0.09504 / 0.10304], rtol=1e-14)
    assert result.answer[0] == pytest.approx(0.0776, abs=5e-5)
    assert list(result.steps) == ["prior", "likelihood", "joint", "evidence", "posterior"]


def test_bayes_with_three_hypotheses_matches_exact_fractions():
    prior, likelihood = ["0.5", "0.3", "0.2"], ["0.02", "0.05", "0.1"]
    joint = [Fraction(a) * Fraction(b) for a, b in zip(prior, likelihood)]
    expected = [float(j / sum(joint)) for j in joint]
    result = get("bayes")(prior=[float(v) for v in prior], likelihood=[float(v) for v in likelihood])
    np.testing.assert_allclose(result.answer, expected, rtol=1e-15)
    assert result.extras["evidence"] == pytest.approx(float(sum(joint)), rel=1e-15)


# --- conventions ------------------------------------------------------------------------------------------------


def test_distributions_are_normalized_as_scipy_does():
    assert get("entropy")(p=[1, 1], base=2).answer == 1.0
    assert get("entropy")(p=[2, 1, 1]).answer == get("entropy")(p=[0.5, 0.25, 0.25]).answer
    assert get("kl-divergence")(p=[3, 1], q=[1, 1]).answer == get("kl-divergence")(p=[0.75, 0.25], q=[0.5, 0.5]).answer
    assert get("cross-entropy")(p=[1, 0], q=[2, 2]).answer == pytest.approx(math.log(2), rel=1e-15)
    assert get("js-divergence")(p=[4, 0], q=[0, 9]).answer == pytest.approx(math.log(2), rel=1e-15)


def test_the_base_divides_the_nats_by_its_log():
    p, q = [0.2, 0.3, 0.5], [0.4, 0.4, 0.2]
    for name, params in (
        ("entropy", {"p": p}),
        ("cross-entropy", {"p": p, "q": q}),
        ("kl-divergence", {"p": p, "q": q}),
    ):
        nats = get(name)(**params).answer
        for base in (2, 10, 3.5):
            assert get(name)(**params, base=base).answer == nats / math.log(base)


def test_outcomes_the_target_rules_out_cost_nothing():
    # 0·log 0 = 0 and 0·log(0/q) = 0: a zero in p with a zero in q is fine.
    assert get("cross-entropy")(p=[1, 0], q=[1, 0]).answer == 0.0
    assert get("kl-divergence")(p=[0.5, 0.5, 0.0], q=[0.5, 0.5, 0.0]).answer == 0.0
    assert get("kl-divergence")(p=[1.0, 0.0], q=[0.5, 0.5]).answer == pytest.approx(math.log(2), rel=1e-15)


def test_kl_and_cross_entropy_refuse_q_zero_where_p_is_positive():
    for name in ("cross-entropy", "kl-divergence"):
        with pytest.raises(SolverInputError) as error:
            get(name)(p=[0.5, 0.5], q=[1.0, 0.0])
        assert error.value.param == "q"
        assert "q[1] = 0" in str(error.value)


def test_js_is_finite_where_kl_is_not():
    assert math.isfinite(get("js-divergence")(p=[0.5, 0.5], q=[1.0, 0.0]).answer)


def test_js_is_the_square_of_scipys_distance():
    result = get("js-divergence")(p=[0.36, 0.48, 0.16], q=[1 / 3, 1 / 3, 1 / 3])
    assert result.steps["distance"] ** 2 == pytest.approx(result.answer, rel=1e-15)
    assert result.steps["js"] == result.answer


def test_huge_counts_do_not_overflow():
    # filterwarnings = error: an overflow warning in the sum fails this test.
    assert get("entropy")(p=[1e308, 1e308], base=2).answer == 1.0
    assert get("kl-divergence")(p=[1e308, 1e308], q=[1.0, 3.0]).answer == pytest.approx(
        get("kl-divergence")(p=[1, 1], q=[1, 3]).answer, rel=1e-15
    )


def test_a_subnormal_q_gives_a_finite_kl():
    # p/q overflows for q = 5e-324; scipy's rel_entr returns inf there, the exact value is about 744.4/2.
    result = get("kl-divergence")(p=[0.5, 0.5], q=[5e-324, 1.0]).answer
    assert result == pytest.approx(0.5 * (math.log(0.5) - math.log(5e-324)) + 0.5 * math.log(0.5), rel=1e-12)


def test_bayes_accepts_densities_and_unnormalized_likelihoods():
    # Gaussian class-conditional densities above 1 (naive Bayes): only their ratio matters to the posterior.
    result = get("bayes")(prior=[0.5, 0.5], likelihood=[2.4, 0.8])
    np.testing.assert_allclose(result.answer, [0.75, 0.25], rtol=1e-15)
    assert result.extras["evidence"] == pytest.approx(1.6)


def test_bayes_refuses_a_prior_that_does_not_sum_to_one():
    with pytest.raises(SolverInputError, match="summing to 1"):
        get("bayes")(prior=[0.333, 0.333, 0.333], likelihood=[0.1, 0.2, 0.3])
    get("bayes")(prior=[0.1, 0.2, 0.7], likelihood=[0.1, 0.2, 0.3])  # 0.1 + 0.2 + 0.7 = 0.9999999999999999


# --- scipy's own numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", SCIPY_CASES, ids=case_id)
def test_matches_scipy(case):
    answer = get(case["solver"])(**case["params"]).answer
    # The same formulas as scipy, term by term; only NumPy's and libm's log may differ in the last bit, and
    # a sum near 0 (p ≈ q) cancels, hence the small absolute tolerance.
    assert answer == pytest.approx(case["answer"], rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("case", [c for c in SCIPY_CASES if c["solver"] == "cross-entropy"], ids=case_id)
def test_cross_entropy_is_scipys_entropy_plus_kl(case):
    # H(p) + KL(p‖q), two sums added: the same value rounded differently.
    assert get("cross-entropy")(**case["params"]).answer == pytest.approx(case["identity"], rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("case", [c for c in SCIPY_CASES if c["solver"] == "js-divergence"], ids=case_id)
def test_js_distance_is_scipys_jensenshannon(case):
    distance = get("js-divergence")(**case["params"]).steps["distance"]
    assert distance == pytest.approx(case["distance"], rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("case", SCIPY_ERRORS, ids=case_id)
def test_what_scipy_cannot_answer_is_bad_input(case):
    with pytest.raises(SolverInputError):
        get(case["solver"])(**case["params"])


def test_the_golden_file_says_where_it_comes_from():
    assert GOLDEN["meta"]["scipy"] and len(SCIPY_CASES) >= 60 and len(SCIPY_ERRORS) >= 5


# --- a slow version, written out ----------------------------------------------------------------------------------


def slow_kl(p: list[float], q: list[float]) -> float:
    total_p, total_q = sum(p), sum(q)
    return sum(a / total_p * math.log((a / total_p) / (b / total_q)) for a, b in zip(p, q) if a > 0)


def slow_entropy(p: list[float]) -> float:
    total = sum(p)
    return -sum(a / total * math.log(a / total) for a in p if a > 0)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.floats(0.01, 10), min_size=1, max_size=12).flatmap(
        lambda p: st.tuples(st.just(p), st.lists(st.floats(0.01, 10), min_size=len(p), max_size=len(p)))
    )
)
def test_matches_the_loop_version(pq):
    p, q = pq
    assert get("entropy")(p=p).answer == pytest.approx(slow_entropy(p), rel=1e-12, abs=1e-15)
    assert get("kl-divergence")(p=p, q=q).answer == pytest.approx(slow_kl(p, q), rel=1e-9, abs=1e-14)
    m = [(a / sum(p) + b / sum(q)) / 2 for a, b in zip(p, q)]
    js = (slow_kl(p, m) + slow_kl(q, m)) / 2
    assert get("js-divergence")(p=p, q=q).answer == pytest.approx(js, rel=1e-9, abs=1e-14)


# --- properties ---------------------------------------------------------------------------------------------------

weights = hnp.arrays(np.float64, st.integers(1, 10), elements=st.floats(0, 1)).filter(lambda p: p.sum() > 0)
positive = st.integers(1, 10).flatmap(
    lambda k: st.tuples(*[hnp.arrays(np.float64, k, elements=st.floats(1e-3, 1))] * 2)
)


@settings(max_examples=150, deadline=None)
@given(positive)
def test_gibbs_inequality_kl_is_non_negative_and_zero_on_itself(pq):
    p, q = pq
    assert get("kl-divergence")(p=p, q=q).answer >= -1e-15
    assert get("kl-divergence")(p=p, q=p).answer == pytest.approx(0.0, abs=1e-15)


@settings(max_examples=150, deadline=None)
@given(positive, st.sampled_from([math.e, 2, 10]))
def test_cross_entropy_is_entropy_plus_kl(pq, base):
    p, q = pq
    h, kl = get("entropy")(p=p, base=base).answer, get("kl-divergence")(p=p, q=q, base=base).answer
    assert get("cross-entropy")(p=p, q=q, base=base).answer == pytest.approx(h + kl, rel=1e-12, abs=1e-14)


@settings(max_examples=150, deadline=None)
@given(weights)
def test_entropy_lies_between_zero_and_log_k(p):
    h = get("entropy")(p=p).answer
    assert -1e-15 <= h <= math.log(p.size) * (1 + 1e-15)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10).flatmap(lambda k: st.tuples(*[hnp.arrays(np.float64, k, elements=st.floats(0, 1))] * 2)))
def test_js_is_symmetric_and_at_most_log_2(pq):
    p, q = pq
    if p.sum() == 0 or q.sum() == 0:
        return
    js = get("js-divergence")(p=p, q=q).answer
    assert js == pytest.approx(get("js-divergence")(p=q, q=p).answer, rel=1e-12, abs=1e-15)
    assert 0.0 <= js <= math.log(2) * (1 + 1e-15)
    assert get("js-divergence")(p=p, q=p).answer == 0.0


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 8).flatmap(
        lambda k: st.tuples(
            hnp.arrays(np.float64, k, elements=st.floats(0.001, 1)),
            hnp.arrays(np.float64, k, elements=st.floats(0.001, 1)),
            hnp.arrays(np.float64, k, elements=st.floats(0.001, 1)),
        )
    )
)
def test_posterior_is_a_distribution_and_updates_compose(data):
    weights_, first, second = data
    prior = weights_ / weights_.sum()
    once = get("bayes")(prior=prior, likelihood=first)
    assert once.answer.sum() == pytest.approx(1.0, rel=1e-12)
    assert (once.answer >= 0).all()
    # Two independent pieces of evidence, one after the other, equal one update with their product.
    twice = get("bayes")(prior=once.answer / once.answer.sum(), likelihood=second).answer
    together = get("bayes")(prior=prior, likelihood=first * second).answer
    np.testing.assert_allclose(twice, together, rtol=1e-9, atol=1e-15)


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("entropy", {"p": []}, "p"),
        ("entropy", {"p": [0, 0]}, "p"),
        ("entropy", {"p": [0.5, -0.5, 1.0]}, "p"),
        ("entropy", {"p": [[0.5, 0.5]]}, "p"),
        ("entropy", {"p": 0.5}, "p"),
        ("entropy", {"p": [0.5, float("nan")]}, "p"),
        ("entropy", {"p": [0.5, 0.5], "base": 1}, "base"),
        ("entropy", {"p": [0.5, 0.5], "base": 0.5}, "base"),
        ("entropy", {"p": [0.5, 0.5], "base": 0}, "base"),
        ("entropy", {"p": [0.5, 0.5], "base": "two"}, "base"),
        ("entropy", {"p": [0.5, 0.5], "base": True}, "base"),
        ("entropy", {"p": [0.5, 0.5], "base": float("inf")}, "base"),
        ("cross-entropy", {"p": [1, 0], "q": [0.5, 0.3, 0.2]}, "q"),
        ("cross-entropy", {"p": [1, 0], "q": [0, 1]}, "q"),
        ("cross-entropy", {"p": [1, 0]}, "q"),
        ("kl-divergence", {"p": [0.5, 0.5], "q": [0, 0]}, "q"),
        ("kl-divergence", {"p": [0.5, 0.5], "q": [1.5, -0.5]}, "q"),
        ("js-divergence", {"p": [0.5, 0.5], "q": [1.0]}, "q"),
        ("js-divergence", {"p": [0, 0], "q": [0.5, 0.5]}, "p"),
        ("bayes", {"prior": [], "likelihood": []}, "prior"),
        ("bayes", {"prior": [0.5, 0.5], "likelihood": [0.1]}, "likelihood"),
        ("bayes", {"prior": [1.5, -0.5], "likelihood": [0.1, 0.2]}, "prior"),
        ("bayes", {"prior": [0.5, 0.6], "likelihood": [0.1, 0.2]}, "prior"),
        ("bayes", {"prior": [0.5, 0.5], "likelihood": [-0.1, 0.2]}, "likelihood"),
        ("bayes", {"prior": [1.0, 0.0], "likelihood": [0.0, 0.7]}, "likelihood"),
        ("bayes", {"prior": [0.5, 0.5000000001], "likelihood": [1.7976931348623157e308] * 2}, "likelihood"),
        ("bayes", {"prior": [0.5, 0.5], "likelihood": [0.1, 0.2], "evidence": 0.15}, "evidence"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
