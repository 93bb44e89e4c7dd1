"""reinforcement solvers: q-update, discounted-return, policy-gradient, dqn-target."""

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
    document = json.loads((GOLDEN / file).read_text(encoding="utf-8"))
    return [pytest.param(case, id=str(i)) for i, case in enumerate(document["cases"])]


# --- independent references, written as Sutton & Barto's pseudocode reads -------------------------------------


def td_update_loop(q, s, a, r, s2, alpha, gamma, done, method, a2=None):
    """One tabular update on a list of lists (Sutton & Barto §6.4 SARSA, §6.5 Q-learning); returns a new table."""
    table = [row[:] for row in q]
    if done:
        target = r  # Q(terminal, ·) = 0
    elif method == "sarsa":
        target = r + gamma * table[s2][a2]
    else:
        best = table[s2][0]
        for value in table[s2]:
            best = max(best, value)
        target = r + gamma * best
    table[s][a] = table[s][a] + alpha * (target - table[s][a])
    return table


def returns_loop(rewards, gamma, bootstrap=0.0):
    """G_t = r_t + γ G_{t+1}, backwards from G_T = bootstrap."""
    g, out = bootstrap, []
    for r in reversed(rewards):
        g = r + gamma * g
        out.append(g)
    return out[::-1]


# --- q-update -------------------------------------------------------------------------------------------------


def test_q_learning_worked_example():
    result = get("q-update")(
        q=[[0.0, 0.0], [0.5, 1.0], [0.0, 0.0]], state=0, action=1, reward=1.0, next_state=1, alpha=0.5, gamma=0.9
    )
    assert result.answer.tolist() == [[0.0, 0.95], [0.5, 1.0], [0.0, 0.0]]
    assert result.extras == {"td_target": 1.9, "td_error": 1.9}
    assert list(result.steps) == ["q_sa", "next_value", "td_target", "td_error", "q_sa_new"]


def test_sarsa_bootstraps_from_the_action_taken():
    params = dict(q=[[0.0, 0.0], [0.5, 1.0]], state=0, action=1, reward=1.0, next_state=1, alpha=0.5, gamma=0.9)
    sarsa = get("q-update")(**params, method="sarsa", next_action=0)
    assert sarsa.extras["td_target"] == pytest.approx(1.45, rel=1e-15)
    assert sarsa.answer[0, 1] == pytest.approx(0.725, rel=1e-15)
    greedy = get("q-update")(**params, method="sarsa", next_action=1)
    assert greedy.answer.tolist() == get("q-update")(**params).answer.tolist()  # a greedy next action: the same
    q_learning = get("q-update")(**params, next_action=0)  # the transition's a′ is ignored: off-policy
    assert q_learning.answer.tolist() == get("q-update")(**params).answer.tolist()


@pytest.mark.parametrize("method", ["q-learning", "sarsa"])
def test_no_bootstrap_when_done(method):
    result = get("q-update")(
        q=[[2.0, 0.0], [9.0, 9.0]],
        state=0,
        action=0,
        reward=1.0,
        next_state=1,
        alpha=0.1,
        gamma=0.9,
        done=True,
        method=method,
    )
    assert result.extras == {"td_target": 1.0, "td_error": -1.0}
    assert result.answer[0, 0] == pytest.approx(1.9, rel=1e-15)


def test_q_learning_on_a_chain_matches_the_loop_and_converges():
    """A 3-state chain, 0 → 1 → 2 (terminal, reward 1), replayed 300 times with α = 0.5, γ = 0.9."""
    q = np.zeros((3, 2))
    reference = q.tolist()
    episode = [(0, 1, 0.0, 1, False), (1, 1, 1.0, 2, True)]
    for _ in range(300):
        for s, a, r, s2, done in episode:
            q = get("q-update")(q=q, state=s, action=a, reward=r, next_state=s2, alpha=0.5, gamma=0.9, done=done).answer
            reference = td_update_loop(reference, s, a, r, s2, 0.5, 0.9, done, "q-learning")
    assert q.tolist() == reference
    assert q[1, 1] == pytest.approx(1.0) and q[0, 1] == pytest.approx(0.9)


@st.composite
def transitions(draw):
    states, actions = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    q = draw(hnp.arrays(np.float64, (states, actions), elements=st.floats(-10, 10)))
    method = draw(st.sampled_from(["q-learning", "sarsa"]))
    done = draw(st.booleans())
    return {
        "q": q,
        "state": draw(st.integers(0, states - 1)),
        "action": draw(st.integers(0, actions - 1)),
        "reward": draw(st.floats(-5, 5)),
        "next_state": draw(st.integers(0, states - 1)),
        "alpha": draw(st.floats(0, 1)),
        "gamma": draw(st.floats(0, 1)),
        "done": done,
        "method": method,
        "next_action": draw(st.integers(0, actions - 1)) if method == "sarsa" else None,
    }


@settings(max_examples=200, deadline=None)
@given(transitions())
def test_q_update_matches_the_loop_version(params):
    result = get("q-update")(**params)
    expected = td_update_loop(
        params["q"].tolist(),
        params["state"],
        params["action"],
        params["reward"],
        params["next_state"],
        params["alpha"],
        params["gamma"],
        params["done"],
        params["method"],
        params["next_action"],
    )
    assert result.answer.tolist() == expected
    old = params["q"][params["state"], params["action"]]
    assert result.extras["td_error"] == result.extras["td_target"] - old
    # Only Q(s, a) moves, and by the fraction α of the TD error.
    changed = result.answer != params["q"]
    changed[params["state"], params["action"]] = False
    assert not changed.any()


# --- discounted-return ---------------------------------------------------------------------------------------


def test_discounted_return_sutton_barto_exercise_3_8():
    result = get("discounted-return")(rewards=[-1, 2, 6, 3, 2], gamma=0.5)
    assert result.answer.tolist() == [2.0, 6.0, 8.0, 4.0, 2.0]
    assert list(result.steps) == ["discounts", "bootstrap", "returns"]


def test_discounted_return_bootstraps_an_endless_tail():
    # Exercise 3.9: R1 = 2 then 7 forever, γ = 0.9. The tail's value 7/(1 − 0.9) = 70 is the bootstrap.
    assert get("discounted-return")(rewards=[2.0], gamma=0.9, bootstrap=70.0).answer[0] == pytest.approx(65.0)


def test_discounted_return_edges():
    assert get("discounted-return")(rewards=[1, 2, 3], gamma=0).answer.tolist() == [1, 2, 3]
    assert get("discounted-return")(rewards=[1, 2, 3], gamma=1).answer.tolist() == [6, 5, 3]
    assert get("discounted-return")(rewards=[], gamma=0.9).answer.tolist() == []
    assert get("discounted-return")(rewards=[0, 0], gamma=0.5, bootstrap=8).answer.tolist() == [2.0, 4.0]


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(0, 70), elements=st.floats(-100, 100)),
    st.floats(0, 1),
    st.floats(-100, 100),
)
def test_discounted_return_matches_the_backward_recursion(rewards, gamma, bootstrap):
    result = get("discounted-return")(rewards=rewards, gamma=gamma, bootstrap=bootstrap).answer
    expected = returns_loop(rewards.tolist(), gamma, bootstrap)
    # The scan adds the same terms in another order; the absolute tolerance is rounding of sums up to ~7000.
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-10)


def test_discounted_return_of_a_long_episode():
    rng = np.random.default_rng(5)
    rewards = rng.standard_normal(5000)
    result = get("discounted-return")(rewards=rewards, gamma=0.99, bootstrap=3.0).answer
    np.testing.assert_allclose(result, returns_loop(rewards.tolist(), 0.99, 3.0), rtol=1e-10, atol=1e-11)


# --- policy-gradient -------------------------------------------------------------------------------------------


def log_softmax(logits, action):
    shift = max(logits)
    return logits[action] - shift - math.log(sum(math.exp(v - shift) for v in logits))


def test_policy_gradient_worked_example():
    result = get("policy-gradient")(logits=[2.0, 1.0, 0.1], action=0, ret=1.5)
    pi = np.exp([2.0, 1.0, 0.1]) / np.exp([2.0, 1.0, 0.1]).sum()
    np.testing.assert_allclose(result.answer, 1.5 * (np.array([1.0, 0, 0]) - pi), rtol=1e-14)
    assert result.extras["log_prob"] == pytest.approx(math.log(pi[0]), rel=1e-14)
    np.testing.assert_allclose(result.steps["pi"], [0.659, 0.2424, 0.0986], atol=5e-4)


def test_policy_gradient_with_logits_far_apart():
    result = get("policy-gradient")(logits=[1e308, -1e308], action=0, ret=2.0)
    assert result.answer.tolist() == [0.0, 0.0]
    assert result.extras["log_prob"] == 0.0


def test_policy_gradient_with_one_action_is_zero():
    result = get("policy-gradient")(logits=[3.0], action=0, ret=7.0)
    assert result.answer.tolist() == [0.0]
    assert result.extras["log_prob"] == 0.0


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-10, 10)), st.floats(-10, 10), st.data())
def test_policy_gradient_matches_central_differences(logits, ret, data):
    action = data.draw(st.integers(0, logits.size - 1))
    grad = get("policy-gradient")(logits=logits, action=action, ret=ret).answer
    h = 1e-6
    numeric = []
    for k in range(logits.size):
        up, down = logits.tolist(), logits.tolist()
        up[k] += h
        down[k] -= h
        numeric.append(ret * (log_softmax(up, action) - log_softmax(down, action)) / (2 * h))
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-7)
    assert grad.sum() == pytest.approx(0.0, abs=1e-12 * max(1.0, abs(ret)))  # softmax is shift-invariant
    assert math.copysign(1.0, grad[action]) == math.copysign(1.0, ret) or grad[action] == 0.0


@pytest.mark.parametrize("case", golden("reinforcement_policy_gradient.json"))
def test_policy_gradient_matches_torch_autograd(case):
    result = get("policy-gradient")(**case["params"])
    # torch's log_softmax backward forms π as exp(log π): 1 − π(a) for π(a) ≈ 1 then differs by ~1e-16·|G|.
    atol = 1e-15 * max(1.0, abs(case["params"]["ret"]))
    np.testing.assert_allclose(result.answer, case["answer"], rtol=1e-12, atol=atol)
    assert result.extras["log_prob"] == pytest.approx(case["log_prob"], rel=1e-13, abs=1e-15)


# --- dqn-target ----------------------------------------------------------------------------------------------


def dqn_loop(rewards, next_q, dones, gamma, online=None):
    targets = []
    for r, row, done, chooser in zip(rewards, next_q, dones, online or next_q):
        best = 0
        for a in range(len(chooser)):
            if chooser[a] > chooser[best]:  # strict: the first of equal values wins
                best = a
        targets.append(r if done else r + gamma * row[best])
    return targets


def test_dqn_target_worked_example():
    result = get("dqn-target")(rewards=[1.0, 0.0], next_q=[[1.0, 2.0], [0.5, 0.3]], dones=[False, True], gamma=0.99)
    assert result.answer.tolist() == [1.0 + 0.99 * 2.0, 0.0]
    assert result.extras == {}
    assert list(result.steps) == ["next_actions", "next_values", "not_done", "targets"]


def test_double_dqn_evaluates_the_online_choice_with_the_target_network():
    params = dict(rewards=[1.0, 0.0], next_q=[[1.0, 2.0], [0.5, 0.3]], dones=[0, 1], gamma=0.9)
    double = get("dqn-target")(**params, next_q_online=[[3.0, 1.0], [0.0, 1.0]])
    assert double.answer.tolist() == [1.0 + 0.9 * 1.0, 0.0]  # not max = 2: the overestimate is avoided
    assert double.steps["next_actions"].tolist() == [0, 1]
    same = get("dqn-target")(**params, next_q_online=params["next_q"])
    assert same.answer.tolist() == get("dqn-target")(**params).answer.tolist()


def test_double_dqn_ties_go_to_the_first_action():
    result = get("dqn-target")(rewards=[0.5], next_q=[[2.0, 3.0, 1.0]], dones=[0], gamma=0.5, next_q_online=[[1, 1, 1]])
    assert result.answer.tolist() == [1.5]


@st.composite
def batches(draw):
    batch, actions = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    values = st.floats(-50, 50)
    online = draw(st.none() | hnp.arrays(np.float64, (batch, actions), elements=st.integers(-2, 2).map(float)))
    return {
        "rewards": draw(hnp.arrays(np.float64, batch, elements=values)),
        "next_q": draw(hnp.arrays(np.float64, (batch, actions), elements=values)),
        "dones": draw(hnp.arrays(np.bool_, batch)),
        "gamma": draw(st.floats(0, 1)),
        "next_q_online": online,
    }


@settings(max_examples=200, deadline=None)
@given(batches())
def test_dqn_target_matches_the_loop_version(params):
    result = get("dqn-target")(**params).answer
    online = None if params["next_q_online"] is None else params["next_q_online"].tolist()
    expected = dqn_loop(
        params["rewards"].tolist(), params["next_q"].tolist(), params["dones"].tolist(), params["gamma"], online
    )
    assert result.tolist() == expected
    if online is not None:  # Double DQN never exceeds the plain max target
        plain = get("dqn-target")(**{**params, "next_q_online": None}).answer
        assert (result <= plain).all()


@pytest.mark.parametrize("case", golden("reinforcement_dqn_target.json"))
def test_dqn_target_matches_torch(case):
    np.testing.assert_allclose(get("dqn-target")(**case["params"]).answer, case["answer"], rtol=1e-15, atol=0)


# --- bad input ----------------------------------------------------------------------------------------------------

Q = [[0.0, 0.0], [0.0, 0.0]]
STEP = dict(q=Q, state=0, action=0, reward=1.0, next_state=1, alpha=0.5, gamma=0.9)


@pytest.mark.parametrize(
    ("solver", "params", "param"),
    [
        ("q-update", {**STEP, "state": 2}, "state"),
        ("q-update", {**STEP, "next_state": 5}, "next_state"),
        ("q-update", {**STEP, "action": 2}, "action"),
        ("q-update", {**STEP, "alpha": 1.5}, "alpha"),
        ("q-update", {**STEP, "gamma": -0.1}, "gamma"),
        ("q-update", {**STEP, "q": [0.0, 1.0]}, "q"),
        ("q-update", {**STEP, "method": "sarsa"}, "next_action"),
        ("q-update", {**STEP, "method": "sarsa", "next_action": 2}, "next_action"),
        ("q-update", {**STEP, "next_action": 9}, "next_action"),
        ("q-update", {**STEP, "method": "expected-sarsa"}, "method"),
        ("q-update", {**STEP, "reward": 1e308, "q": [[0.0, 0.0], [1e308, 0.0]], "gamma": 1.0}, "reward"),
        ("q-update", {**STEP, "reward": 1e308, "q": [[-1e308, 0.0], [0.0, 0.0]]}, "q"),
        ("discounted-return", {"rewards": [1e308, 1e308], "gamma": 1.0}, "rewards"),
        ("discounted-return", {"rewards": [1.0], "gamma": 1.1}, "gamma"),
        ("discounted-return", {"rewards": [[1.0]], "gamma": 0.5}, "rewards"),
        ("discounted-return", {"rewards": [1.0], "gamma": 0.5, "bootstrap": float("inf")}, "bootstrap"),
        ("policy-gradient", {"logits": [1.0, 2.0], "action": 2, "ret": 1.0}, "action"),
        ("policy-gradient", {"logits": [], "action": 0, "ret": 1.0}, "action"),
        ("policy-gradient", {"logits": [-1e308, 1e308], "action": 0, "ret": 1.0}, "logits"),
        ("policy-gradient", {"logits": [[1.0, 2.0]], "action": 0, "ret": 1.0}, "logits"),
        ("dqn-target", {"rewards": [1.0], "next_q": [[1.0], [2.0]], "dones": [0, 0], "gamma": 0.9}, "rewards"),
        ("dqn-target", {"rewards": [1.0, 2.0], "next_q": [[1.0], [2.0]], "dones": [0], "gamma": 0.9}, "dones"),
        ("dqn-target", {"rewards": [1.0], "next_q": [[]], "dones": [0], "gamma": 0.9}, "next_q"),
        ("dqn-target", {"rewards": [1.0], "next_q": [[1.0]], "dones": [2], "gamma": 0.9}, "dones"),
        (
            "dqn-target",
            {"rewards": [1.0], "next_q": [[1.0, 2.0]], "dones": [0], "gamma": 0.9, "next_q_online": [[1.0]]},
            "next_q_online",
        ),
        ("dqn-target", {"rewards": [1e308], "next_q": [[1e308]], "dones": [0], "gamma": 1.0}, "rewards"),
    ],
)
def test_bad_input_names_the_parameter(solver, params, param):
    with pytest.raises(SolverInputError) as error:
        get(solver)(**params)
    assert error.value.param == param
