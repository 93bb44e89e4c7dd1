"""generative solvers: vae-kl, gan-loss, gan-optimal-d, diffusion-forward."""

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
LOG4 = math.log(4.0)


def golden(file: str) -> list:
    document = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
    return [pytest.param(case, id=str(i)) for i, case in enumerate(document["cases"])]


def sigmoid(u: float) -> float:
    return 1.0 / (1.0 + math.exp(-u))


# --- the worked values ------------------------------------------------------------------------------------------


def test_vae_kl_worked_example():
    result = get("vae-kl")(mu=[1.0, 0.0], logvar=[0.0, 1.0], eps=[0.5, -1.0])
    assert result.answer == pytest.approx(0.5 + 0.5 * (math.e - 2), rel=1e-15)
    np.testing.assert_allclose(result.extras["z"], [1.5, -math.exp(0.5)], rtol=1e-15)
    assert list(result.steps) == ["mu_squared", "sigma2", "kl_per_dim", "kl", "sigma", "eps", "z"]


def test_vae_kl_is_zero_for_the_prior_and_has_no_z_without_eps():
    result = get("vae-kl")(mu=[0.0, 0.0, 0.0], logvar=[0.0, 0.0, 0.0])
    assert result.answer == 0.0
    assert result.extras == {}
    assert get("vae-kl")(mu=[], logvar=[]).answer == 0.0


def test_vae_kl_keeps_its_digits_near_the_prior():
    # ½(e^v − 1 − v) ≈ v²/4 for small v: the naive 1 + v − e^v would leave only rounding noise here.
    v = 1e-6
    assert get("vae-kl")(mu=0.0, logvar=v).answer == pytest.approx(0.5 * (math.expm1(v) - v), rel=1e-15)
    assert get("vae-kl")(mu=0.0, logvar=v).answer == pytest.approx(v * v / 4, rel=1e-6)


def test_gan_loss_worked_example():
    answer = get("gan-loss")(d_real=[0.9, 0.8], d_fake=[0.1, 0.3]).answer
    assert answer["d_loss"] == pytest.approx(-(math.log(0.9) + math.log(0.8) + math.log(0.9) + math.log(0.7)) / 2)
    assert answer["g_loss_minimax"] == pytest.approx((math.log(0.9) + math.log(0.7)) / 2)
    assert answer["g_loss_nonsaturating"] == pytest.approx(-(math.log(0.1) + math.log(0.3)) / 2)


def test_gan_loss_at_the_equilibrium_is_log_4():
    # D = ½ everywhere (p_g = p_data): −(log ½ + log ½) = log 4, the value −log 4 of the theorem, negated.
    answer = get("gan-loss")(d_real=[0.5, 0.5], d_fake=[0.5]).answer
    assert answer["d_loss"] == pytest.approx(LOG4, rel=1e-15)
    assert answer["g_loss_minimax"] == pytest.approx(-math.log(2), rel=1e-15)


def test_gan_loss_clamps_logs_at_minus_100_as_bceloss():
    perfect = get("gan-loss")(d_real=[1.0], d_fake=[0.0]).answer
    assert perfect == {"d_loss": 0.0, "g_loss_minimax": 0.0, "g_loss_nonsaturating": 100.0}
    assert math.copysign(1.0, perfect["d_loss"]) == 1.0  # no −0.0 shown to a learner
    assert get("gan-loss")(d_real=[0.0], d_fake=[1.0]).answer["d_loss"] == 200.0


def test_gan_minimax_generator_loss_saturates_where_the_nonsaturating_one_does_not():
    """Goodfellow et al.: early on D(G(z)) ≈ 0, and log(1 − D) is flat in the discriminator's logit there."""
    logit, h = -8.0, 1e-5

    def losses(u):
        return get("gan-loss")(d_real=[0.5], d_fake=[sigmoid(u)]).answer

    minimax = (losses(logit + h)["g_loss_minimax"] - losses(logit - h)["g_loss_minimax"]) / (2 * h)
    nonsat = (losses(logit + h)["g_loss_nonsaturating"] - losses(logit - h)["g_loss_nonsaturating"]) / (2 * h)
    assert minimax == pytest.approx(-sigmoid(logit), rel=1e-5)  # ≈ −0.0003
    assert nonsat == pytest.approx(-(1 - sigmoid(logit)), rel=1e-5)  # ≈ −1


def test_gan_optimal_d_worked_example():
    result = get("gan-optimal-d")(p_data=[0.1, 0.4, 0.5], p_g=[0.3, 0.4, 0.3])
    np.testing.assert_allclose(result.answer, [0.25, 0.5, 0.625], rtol=1e-15)
    expected = 0.1 * math.log(0.25) + 0.3 * math.log(0.75) + 0.8 * math.log(0.5) + 0.5 * math.log(0.625)
    expected += 0.3 * math.log(0.375)
    assert result.extras["value"] == pytest.approx(expected, rel=1e-14)
    assert result.extras["value"] == pytest.approx(-LOG4 + 2 * result.extras["jsd"], rel=1e-14)


def test_gan_optimal_d_at_p_g_equal_p_data_is_one_half_and_minus_log_4():
    result = get("gan-optimal-d")(p_data=[0.2, 0.3, 0.5], p_g=[0.2, 0.3, 0.5])
    assert result.answer.tolist() == [0.5, 0.5, 0.5]
    assert result.extras["value"] == pytest.approx(-LOG4, rel=1e-15)
    assert result.extras["jsd"] == 0.0


def test_gan_optimal_d_for_disjoint_supports():
    result = get("gan-optimal-d")(p_data=[0.5, 0.5, 0.0, 0.0], p_g=[0.0, 0.0, 0.25, 0.75])
    assert result.answer.tolist() == [1.0, 1.0, 0.0, 0.0]
    assert result.extras["value"] == 0.0  # D* is right everywhere: log 1 = 0
    assert result.extras["jsd"] == pytest.approx(math.log(2), rel=1e-15)


def test_gan_optimal_d_where_neither_has_mass_is_one_half():
    result = get("gan-optimal-d")(p_data=[1.0, 0.0, 0.0], p_g=[0.5, 0.5, 0.0])
    assert result.answer.tolist() == [2 / 3, 0.0, 0.5]


def test_diffusion_forward_worked_example():
    result = get("diffusion-forward")(x0=[1.0, -0.5], betas=[0.1, 0.2, 0.3], t=2, noise=[0.5, -1.0])
    assert result.extras["alpha_bar"] == pytest.approx(0.72, rel=1e-15)
    a = math.sqrt(0.72)
    b = math.sqrt(0.28)
    np.testing.assert_allclose(result.answer, [a * 1.0 + b * 0.5, a * -0.5 - b], rtol=1e-14)
    assert list(result.steps) == [
        "alphas",
        "alpha_bars",
        "alpha_bar",
        "sqrt_alpha_bar",
        "sqrt_one_minus_alpha_bar",
        "x_t",
    ]


def test_diffusion_forward_edges():
    assert get("diffusion-forward")(x0=[1.0, 2.0], betas=[0.0, 0.0], t=2, noise=[3.0, 4.0]).answer.tolist() == [1, 2]
    pure = get("diffusion-forward")(x0=[1.0, 2.0], betas=[0.2, 1.0, 0.1], t=2, noise=[3.0, 4.0])
    assert pure.answer.tolist() == [3.0, 4.0]
    assert pure.extras["alpha_bar"] == 0.0


def test_diffusion_alpha_bar_is_the_product_of_one_minus_beta():
    rng = np.random.default_rng(7)
    betas = rng.uniform(0, 0.1, 200)
    result = get("diffusion-forward")(x0=1.0, betas=betas, t=200, noise=0.0)
    product, expected = 1.0, []
    for beta in betas:  # the definition, one factor at a time
        product *= 1.0 - beta
        expected.append(product)
    np.testing.assert_allclose(result.steps["alpha_bars"], expected, rtol=1e-14)
    assert result.extras["alpha_bar"] == pytest.approx(expected[-1], rel=1e-14)
    for t in (1, 17, 200):
        assert get("diffusion-forward")(x0=1.0, betas=betas, t=t, noise=0.0).extras["alpha_bar"] == pytest.approx(
            expected[t - 1], rel=1e-14
        )


# --- the libraries' numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", golden("generative_vae_kl.json"))
def test_vae_kl_matches_torch(case):
    result = get("vae-kl")(**case["params"])
    # torch evaluates ½(σ² + μ² − 1 − log σ²) as written, so its error is about 1e-16 of the terms' size,
    # not of the KL: near σ² = 1 the KL is far smaller than its terms (our expm1 form keeps those digits).
    mu, logvar = np.asarray(case["params"]["mu"]), np.asarray(case["params"]["logvar"])
    scale = float(np.sum(1 + mu**2 + np.exp(logvar) + np.abs(logvar)))
    assert result.answer == pytest.approx(case["answer"], rel=1e-12, abs=4e-16 * scale)
    if "z" in case:
        np.testing.assert_allclose(result.extras["z"], case["z"], rtol=1e-14, atol=0)


@pytest.mark.parametrize("case", golden("generative_gan_loss.json"))
def test_gan_loss_matches_torch_bceloss(case):
    answer = get("gan-loss")(**case["params"]).answer
    assert answer.keys() == case["answer"].keys()
    for key, expected in case["answer"].items():
        assert answer[key] == pytest.approx(expected, rel=1e-13, abs=1e-300), key


@pytest.mark.parametrize("case", golden("generative_gan_optimal_d.json"))
def test_gan_optimal_d_matches_scipy(case):
    result = get("gan-optimal-d")(**case["params"])
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-15, atol=0)
    assert result.extras["value"] == pytest.approx(case["value"], rel=1e-13)
    # scipy returns √JSD; squaring it, and its renormalizing p and q, move the last bits near JSD = 0.
    assert result.extras["jsd"] == pytest.approx(case["jsd"], rel=1e-12, abs=1e-16)


@pytest.mark.parametrize("case", golden("generative_diffusion_forward.json"))
def test_diffusion_forward_matches_torch(case):
    result = get("diffusion-forward")(**case["params"])
    assert result.extras["alpha_bar"] == pytest.approx(case["alpha_bar"], rel=1e-14, abs=0)
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-13, atol=1e-15)


# --- properties ---------------------------------------------------------------------------------------------------

vectors = hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-20, 20))


def distribution(size: int):
    weights = st.lists(st.integers(0, 10), min_size=size, max_size=size).filter(lambda w: sum(w) > 0)
    return weights.map(lambda w: [v / sum(w) for v in w])


@st.composite
def two_distributions(draw):
    size = draw(st.integers(1, 6))
    return draw(distribution(size)), draw(distribution(size))


@settings(max_examples=100, deadline=None)
@given(vectors, st.data())
def test_vae_kl_is_nonnegative_and_matches_a_loop(mu, data):
    logvar = data.draw(hnp.arrays(np.float64, mu.shape, elements=st.floats(-20, 20)))
    kl = get("vae-kl")(mu=mu, logvar=logvar).answer
    assert kl >= 0
    slow = sum(0.5 * (m * m + math.exp(v) - 1 - v) for m, v in zip(mu.tolist(), logvar.tolist()))
    scale = sum(1 + m * m + math.exp(v) + abs(v) for m, v in zip(mu.tolist(), logvar.tolist()))
    assert kl == pytest.approx(slow, rel=1e-12, abs=1e-15 * scale)


@settings(max_examples=100, deadline=None)
@given(two_distributions())
def test_optimal_d_value_is_minus_log_4_plus_twice_the_jsd(pair):
    p, q = pair
    result = get("gan-optimal-d")(p_data=p, p_g=q)
    value, jsd = result.extras["value"], result.extras["jsd"]
    assert value == pytest.approx(-LOG4 + 2 * jsd, rel=1e-12, abs=1e-14)
    assert -LOG4 - 1e-12 <= value <= 1e-12
    assert -1e-15 <= jsd <= math.log(2) + 1e-15
    assert ((result.answer >= 0) & (result.answer <= 1)).all()


@settings(max_examples=50, deadline=None)
@given(two_distributions(), st.floats(-0.2, 0.2).filter(lambda e: abs(e) > 1e-3))
def test_optimal_d_beats_any_other_discriminator(pair, shift):
    """D* maximizes V(D) = Σ p log D + q log(1 − D): moving D anywhere in (0, 1) lowers it."""
    p, q = np.array(pair[0]), np.array(pair[1])
    d_star = get("gan-optimal-d")(p_data=p, p_g=q).answer
    other = np.clip(d_star + shift, 1e-9, 1 - 1e-9)
    with np.errstate(divide="ignore"):
        v_other = np.sum(np.where(p > 0, p * np.log(other), 0) + np.where(q > 0, q * np.log1p(-other), 0))
    assert v_other <= get("gan-optimal-d")(p_data=p, p_g=q).extras["value"] + 1e-12


@settings(max_examples=100, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(0, 1)),
    hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(0, 1)),
)
def test_gan_d_loss_is_the_two_bce_terms(d_real, d_fake):
    answer = get("gan-loss")(d_real=d_real, d_fake=d_fake).answer
    with np.errstate(divide="ignore"):
        real_term = -np.mean(np.maximum(np.log(d_real), -100))
    assert answer["d_loss"] == pytest.approx(real_term - answer["g_loss_minimax"], rel=1e-12, abs=1e-12)
    assert answer["d_loss"] >= 0 and answer["g_loss_nonsaturating"] >= 0 and answer["g_loss_minimax"] <= 0


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(0, 1)), st.data())
def test_diffusion_keeps_unit_variance_weights_and_alpha_bar_falls(betas, data):
    t = data.draw(st.integers(1, betas.size))
    result = get("diffusion-forward")(x0=[1.0, 0.0], betas=betas, t=t, noise=[0.0, 1.0])
    a, b = result.steps["sqrt_alpha_bar"], result.steps["sqrt_one_minus_alpha_bar"]
    assert a * a + b * b == pytest.approx(1.0, rel=1e-15)
    np.testing.assert_allclose(result.answer, [a, b], rtol=1e-15)
    assert (np.diff(result.steps["alpha_bars"]) <= 0).all()


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("vae-kl", {"mu": [0.0, 1.0], "logvar": [0.0]}, "logvar"),
        ("vae-kl", {"mu": [0.0], "logvar": [0.0], "eps": [1.0, 2.0]}, "eps"),
        ("vae-kl", {"mu": [0.0], "logvar": [710.0]}, "logvar"),
        ("vae-kl", {"mu": [1e200], "logvar": [0.0]}, "mu"),
        ("vae-kl", {"mu": [0.0] * 4, "logvar": [-1e308] * 4}, "logvar"),
        ("vae-kl", {"mu": [1e300], "logvar": [600.0], "eps": [1e300]}, "mu"),
        ("vae-kl", {"mu": [1.0], "logvar": [600.0], "eps": [1e300]}, "eps"),
        ("vae-kl", {"mu": [float("nan")], "logvar": [0.0]}, "mu"),
        ("gan-loss", {"d_real": [1.2], "d_fake": [0.5]}, "d_real"),
        ("gan-loss", {"d_real": [0.5], "d_fake": [-0.1]}, "d_fake"),
        ("gan-loss", {"d_real": [], "d_fake": [0.5]}, "d_real"),
        ("gan-optimal-d", {"p_data": [0.5, 0.5], "p_g": [1.0]}, "p_g"),
        ("gan-optimal-d", {"p_data": [0.5, 0.4], "p_g": [0.5, 0.5]}, "p_data"),
        ("gan-optimal-d", {"p_data": [1.5, -0.5], "p_g": [0.5, 0.5]}, "p_data"),
        ("gan-optimal-d", {"p_data": [[0.5, 0.5]], "p_g": [[0.5, 0.5]]}, "p_data"),
        ("gan-optimal-d", {"p_data": [1.0, 0.0], "p_g": [1, 2]}, "p_g"),
        ("diffusion-forward", {"x0": [1.0], "betas": [0.1], "t": 2, "noise": [0.0]}, "t"),
        ("diffusion-forward", {"x0": [1.0], "betas": [0.1], "t": 0, "noise": [0.0]}, "t"),
        ("diffusion-forward", {"x0": [1.0], "betas": [1.1], "t": 1, "noise": [0.0]}, "betas"),
        ("diffusion-forward", {"x0": [1.0], "betas": [], "t": 1, "noise": [0.0]}, "betas"),
        ("diffusion-forward", {"x0": [1.0, 2.0], "betas": [0.1], "t": 1, "noise": [0.0]}, "noise"),
        ("diffusion-forward", {"x0": [1.7e308], "betas": [0.5], "t": 1, "noise": [1.7e308]}, "x0"),
        ("diffusion-forward", {"x0": [1.0], "betas": [0.1], "t": 1}, "noise"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
