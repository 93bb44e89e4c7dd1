"""optimizer-step solver: SGD, momentum, Nesterov, AdaGrad, RMSprop, Adam and AdamW, as torch.optim."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from solvers import SOLVERS, SolverInputError, get, jsonable

GOLDEN = json.loads((Path(__file__).parent / "golden" / "optimizers_torch.json").read_text(encoding="utf-8"))
TORCH_CASES = [pytest.param(c, id=f"{c['params']['name']}-{i}") for i, c in enumerate(GOLDEN["cases"])]
NAMES = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
step = get("optimizer-step")


# --- the exam's worked values -------------------------------------------------------------------------------


def test_sgd_is_w_minus_lr_times_g():
    result = step(params=[1.0, 2.0], grads=[[0.5, -1.0]], lr=0.1)
    np.testing.assert_allclose(result.answer, [0.95, 2.1], rtol=1e-15)
    assert result.extras["history"].shape == (1, 2)
    assert list(result.steps) == ["params_0", "grad", "params"]
    assert result.defaults == {}  # SGD has no eps


def test_momentum_by_hand():
    # b₁ = g₁ = 1, θ₁ = 1 − 0.1 = 0.9; b₂ = 0.9·1 + 1 = 1.9, θ₂ = 0.9 − 0.19 = 0.71.
    result = step(name="momentum", params=1.0, grads=[1.0, 1.0], lr=0.1)
    np.testing.assert_allclose(result.steps["momentum_buffer"], [1.0, 1.9], rtol=1e-15)
    np.testing.assert_allclose(result.extras["history"], [0.9, 0.71], rtol=1e-15)
    # Nesterov looks ahead: g + μb = 1.9 then 1 + 0.9·1.9 = 2.71.
    nesterov = step(name="nesterov", params=1.0, grads=[1.0, 1.0], lr=0.1)
    np.testing.assert_allclose(nesterov.steps["lookahead"], [1.9, 2.71], rtol=1e-15)
    np.testing.assert_allclose(nesterov.answer, 1.0 - 0.19 - 0.271, rtol=1e-15)


def test_adam_and_adagrad_first_steps_move_by_about_lr():
    # After bias correction m̂₁ = g and v̂₁ = g², so Adam's first step is lr·g/(|g| + ε) ≈ lr·sign(g).
    result = step(name="adam", params=[1.0, -1.0], grads=[[0.2, -0.4]], lr=0.1)
    np.testing.assert_allclose(result.answer, [0.9, -0.9], rtol=1e-7)
    np.testing.assert_allclose(result.steps["m_hat"], [[0.2, -0.4]], rtol=1e-14)
    np.testing.assert_allclose(result.steps["v_hat"], [[0.04, 0.16]], rtol=1e-13)
    assert list(result.steps) == ["params_0", "grad", "m", "v", "m_hat", "v_hat", "params"]
    adagrad = step(name="adagrad", params=[1.0, -1.0], grads=[[0.2, -0.4]], lr=0.1)  # h = g², √h = |g|
    np.testing.assert_allclose(adagrad.answer, [0.9, -0.9], rtol=1e-9)


def test_course_example_with_every_optimizer():
    example = dict(SOLVERS["optimizer-step"].lookup.example)
    assert example["name"] == "adam"
    np.testing.assert_allclose(step(**example).extras["history"][0], [0.9, -0.9], rtol=1e-7)
    example["name"] = "sgd"
    np.testing.assert_allclose(step(**example).answer, [1.0 - 0.1 * 0.35, -1.0 + 0.1 * 0.9], rtol=1e-15)


# --- conventions ----------------------------------------------------------------------------------------------


def test_eps_defaults_are_torchs_per_optimizer():
    for name, eps in [("adagrad", 1e-10), ("rmsprop", 1e-8), ("adam", 1e-8), ("adamw", 1e-8)]:
        assert step(name=name, params=[1.0], grads=[[0.5]], lr=0.1).defaults == {"eps": eps}
    # The default shows: eps alone lets a zero gradient through AdaGrad as 0/(0 + ε) = 0.
    assert step(name="adagrad", params=[1.0], grads=[[0.0]], lr=0.1).steps["std"].tolist() == [[1e-10]]


def test_weight_decay_defaults_to_zero_and_adamw_needs_it_given():
    """The contract's default weight_decay is 0 for every optimizer, torch.optim.AdamW's is 0.01; so adamw with the
    defaults is adam, and the word "adamw" presets 0.01 to reproduce AdamW()."""
    params = {"params": [1.0, -2.0], "grads": [[0.3, 0.1], [0.2, -0.5]], "lr": 0.1}
    np.testing.assert_array_equal(step(name="adamw", **params).answer, step(name="adam", **params).answer)
    assert SOLVERS["optimizer-step"].preset_for("adamw") == {"name": "adamw", "weight_decay": 0.01}
    decayed = step(name="adamw", weight_decay=0.01, **params)
    np.testing.assert_allclose(decayed.steps["decayed"][0], [1.0 * (1 - 0.001), -2.0 * (1 - 0.001)], rtol=1e-15)


def test_coupled_weight_decay_is_the_l2_gradient():
    # SGD(weight_decay=λ) adds λθ to the gradient: the regularization solver's l2 gradient.
    decayed = step(params=[2.0, -1.0], grads=[[0.5, 0.5]], lr=0.1, weight_decay=0.1)
    l2 = get("regularization")(w=[2.0, -1.0], lam=0.1).answer["grad"]
    np.testing.assert_allclose(decayed.steps["grad"][0], np.add([0.5, 0.5], l2), rtol=1e-15)


def test_momentum_matters_only_where_it_belongs():
    params = {"params": [1.0, 2.0], "grads": [[0.3, -0.2], [0.1, 0.4]], "lr": 0.05}
    for name in ("sgd", "adagrad", "rmsprop", "adam"):
        a, b = step(name=name, momentum=0.5, **params), step(name=name, momentum=0.99, **params)
        np.testing.assert_array_equal(a.answer, b.answer)
    np.testing.assert_array_equal(step(name="momentum", momentum=0.0, **params).answer, step(**params).answer)


def test_one_gradient_is_one_step_and_scalars_work():
    one = step(name="rmsprop", params=[[1.0, 2.0]], grads=[[0.1, 0.2]], lr=0.01)
    stacked = step(name="rmsprop", params=[[1.0, 2.0]], grads=[[[0.1, 0.2]]], lr=0.01)
    np.testing.assert_array_equal(one.answer, stacked.answer)
    assert one.extras["history"].shape == (1, 1, 2)
    scalar = step(name="adam", params=0.5, grads=[0.1, -0.1, 0.2], lr=0.01)
    assert np.shape(scalar.answer) == () and scalar.extras["history"].shape == (3,)
    json.dumps(jsonable(scalar.steps))


# --- a slow reference, written as the textbook writes it ------------------------------------------------------


def textbook(name, params, grads, lr, momentum=0.9, alpha=0.99, betas=(0.9, 0.999), eps=None, weight_decay=0.0):
    """One float at a time, each optimizer as its paper / the course states it (momentum as the course's
    v ← μv − ηg, θ ← θ + v)."""
    eps = {"adagrad": 1e-10}.get(name, 1e-8) if eps is None else eps
    beta1, beta2 = betas
    theta = [float(v) for v in np.ravel(params)]
    state = [{"v": 0.0, "h": 0.0, "m": 0.0, "s": 0.0} for _ in theta]
    history = []
    for t, grad in enumerate(grads, 1):
        for i, g in enumerate(np.ravel(grad).tolist()):
            s = state[i]
            if name == "adamw":
                theta[i] *= 1 - lr * weight_decay
            else:
                g += weight_decay * theta[i]
            if name == "sgd":
                theta[i] -= lr * g
            elif name == "momentum":
                s["v"] = momentum * s["v"] - lr * g
                theta[i] += s["v"]
            elif name == "nesterov":
                s["m"] = momentum * s["m"] + g if t > 1 else g
                theta[i] -= lr * (g + momentum * s["m"])
            elif name == "adagrad":
                s["h"] += g * g
                theta[i] -= lr * g / (math.sqrt(s["h"]) + eps)
            elif name == "rmsprop":
                s["h"] = alpha * s["h"] + (1 - alpha) * g * g
                theta[i] -= lr * g / (math.sqrt(s["h"]) + eps)
            else:
                s["m"] = beta1 * s["m"] + (1 - beta1) * g
                s["s"] = beta2 * s["s"] + (1 - beta2) * g * g
                m_hat, v_hat = s["m"] / (1 - beta1**t), s["s"] / (1 - beta2**t)
                theta[i] -= lr * m_hat / (math.sqrt(v_hat) + eps)
        history.append(list(theta))
    return np.reshape(history, (len(history), *np.shape(params)))


@st.composite
def runs(draw):
    name = draw(st.sampled_from(NAMES))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, max_side=3))
    steps = draw(st.integers(1, 6))
    params = draw(hnp.arrays(np.float64, shape, elements=st.floats(-3, 3)))
    grads = draw(hnp.arrays(np.float64, (steps, *shape), elements=st.floats(-3, 3)))
    options = {
        "lr": draw(st.sampled_from([1e-3, 0.01, 0.1, 0.5])),
        "momentum": draw(st.sampled_from([0.5, 0.9, 0.99])),
        "alpha": draw(st.sampled_from([0.9, 0.99])),
        "betas": draw(st.sampled_from([(0.9, 0.999), (0.5, 0.9)])),
        "weight_decay": draw(st.sampled_from([0.0, 0.01, 0.1])),
    }
    return name, params, grads, options


@settings(max_examples=200, deadline=None)
@given(runs())
def test_matches_the_textbook_loops(run):
    name, params, grads, options = run
    history = step(name=name, params=params, grads=grads, **options).extras["history"]
    # The textbook forms round differently (the course's v = −ηb for momentum), hence not 1e-15; atol for
    # parameters that pass near 0.
    np.testing.assert_allclose(history, textbook(name, params, grads, **options), rtol=1e-10, atol=1e-12)


# --- laws -----------------------------------------------------------------------------------------------------


nonzero = st.floats(1e-3, 3) | st.floats(-3, -1e-3)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(["adagrad", "rmsprop", "adam"]),
    hnp.arrays(np.float64, (4, 3), elements=nonzero),  # no g is 0: that is 0/0 with eps 0
    st.floats(0.01, 100),
)
def test_adaptive_methods_ignore_the_gradients_scale_when_eps_is_zero(name, grads, scale):
    params = [1.0, -2.0, 0.5]
    plain = step(name=name, params=params, grads=grads, lr=0.1, eps=0.0).answer
    scaled = step(name=name, params=params, grads=grads * scale, lr=0.1, eps=0.0).answer
    np.testing.assert_allclose(scaled, plain, rtol=1e-9, atol=1e-12)


@settings(max_examples=100, deadline=None)
@given(runs())
def test_sgd_sums_the_gradients_and_zero_lr_changes_nothing(run):
    name, params, grads, options = run
    sgd = step(params=params, grads=grads, lr=options["lr"]).answer
    np.testing.assert_allclose(sgd, params - options["lr"] * grads.sum(axis=0), rtol=1e-12, atol=1e-12)
    options["lr"] = 0.0
    result = step(name=name, params=params, grads=grads, **options)
    np.testing.assert_array_equal(result.answer, params)
    np.testing.assert_array_equal(result.extras["history"][-1], result.answer)


# --- PyTorch's own numbers ------------------------------------------------------------------------------------


def test_golden_file_records_torch_and_covers_every_optimizer():
    assert GOLDEN["torch"].startswith("2.") and GOLDEN["dtype"] == "float64"
    assert {case["params"]["name"] for case in GOLDEN["cases"]} == set(NAMES)
    assert any("eps" not in case["params"] and case["params"]["name"] == "adagrad" for case in GOLDEN["cases"])


@pytest.mark.parametrize("case", TORCH_CASES)
def test_matches_torch(case):
    result = step(**case["params"])
    # torch.optim computes Adam's update as (lr/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε) and m by lerp; the solver
    # writes the textbook m̂, v̂: the same to a few ulps, so 1e-12 relative, with atol for parameters near 0.
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(result.extras["history"], case["history"], rtol=1e-12, atol=1e-15)


def test_an_omitted_lr_is_torchs_default_for_the_optimizer():
    defaults = {"sgd": 1e-3, "momentum": 1e-3, "nesterov": 1e-3, "adagrad": 1e-2, "rmsprop": 1e-2, "adam": 1e-3}
    for name, lr in {**defaults, "adamw": 1e-3}.items():
        given = {"name": name, "params": [1.0, -2.0], "grads": [[0.5, -0.25]]}
        result = step(**given)
        assert result.defaults["lr"] == lr
        np.testing.assert_array_equal(result.answer, step(**given, lr=lr).answer)


# --- bad input ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"name": "lion", "params": [1.0], "grads": [[1.0]], "lr": 0.1}, "name"),
        ({"params": [1.0, 2.0], "grads": [[1.0]], "lr": 0.1}, "grads"),
        ({"params": [1.0, 2.0], "grads": [[[1.0, 2.0]]], "lr": 0.1}, "grads"),
        ({"params": [1.0], "grads": [[1.0]] * 10_001, "lr": 0.1}, "grads"),
        ({"params": [1.0], "grads": [[1.0]], "lr": -0.1}, "lr"),
        ({"name": "nesterov", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "momentum": 0.0}, "momentum"),
        ({"name": "adam", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "betas": [0.9, 1.0]}, "betas"),
        ({"name": "adam", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "betas": [0.9]}, "betas"),
        ({"name": "adam", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "betas": 0.9}, "betas"),
        ({"name": "adam", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "betas": [True, 0.9]}, "betas"),
        ({"name": "rmsprop", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "alpha": 1.5}, "alpha"),
        ({"name": "adam", "params": [1.0], "grads": [[1.0]], "lr": 0.1, "eps": -1e-8}, "eps"),
        ({"name": "adam", "params": [1.0], "grads": [[0.0]], "lr": 0.1, "eps": 0.0}, "eps"),
        ({"params": [1e308], "grads": [[-1e308]], "lr": 10.0}, "grads"),
        ({"name": "adagrad", "params": [1.0], "grads": [[1e300]], "lr": 0.1, "weight_decay": -1}, "weight_decay"),
    ],
)
def test_bad_input_names_the_parameter(params, param):
    with pytest.raises(SolverInputError) as error:
        step(**params)
    assert error.value.param == param
