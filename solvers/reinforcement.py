"""Reinforcement learning: TD updates, returns, policy gradients, DQN targets.

Tabular updates follow Sutton & Barto (2nd ed.): a terminal transition (done) has no next state to bootstrap
from, so its TD target is the reward alone. Policy gradients and DQN targets are what PyTorch's autograd and
the usual DQN / Double DQN training code compute.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import OVERFLOW, SolverInputError
from solvers.params import Array, Bool, Choice, Int, Number, Optional
from solvers.registry import Lookup, Result, solver

Discount = Annotated[float, Number(min=0, max=1)]


def _index(name: str, value: int, size: int, what: str, what_ja: str) -> None:
    if value >= size:
        raise SolverInputError(name, f"{what} from 0 to {size - 1}", value, ja=f"0〜{size - 1} の{what_ja}")


Q_UPDATE_LOOKUP = Lookup(
    keywords=(
        "q learning",
        "td学習",
        "td learning",
        "td誤差",
        "td error",
        "行動価値",
        "action value",
        "価値反復",
    ),
    presets={
        "sarsa": {"method": "sarsa"},
        "サルサ": {"method": "sarsa"},
        "q学習": {"method": "q-learning"},
        "q-learning": {"method": "q-learning"},
    },
    example={  # one step of tabular Q-learning, Sutton & Barto §6.5
        "q": [[0.0, 0.0], [0.5, 1.0], [0.0, 0.0]],
        "state": 0,
        "action": 1,
        "reward": 1.0,
        "next_state": 1,
        "alpha": 0.5,
        "gamma": 0.9,
    },
    summary_ja=(
        "Q 学習：Q(s, a) ← Q(s, a) + α [r + γ max_a′ Q(s′, a′) − Q(s, a)]。SARSA は max の代わりに次の状態で実際に"
        "選んだ行動の Q(s′, a′) を使う。s′ が終端（done）なら TD ターゲットは r だけである（Sutton & "
        "Barto）。"
    ),
)


@solver("q-update", Q_UPDATE_LOOKUP)
def q_update(
    q: Annotated[np.ndarray, Array(ndim=2, shape="[S, A]")],
    state: Annotated[int, Int(min=0)],
    action: Annotated[int, Int(min=0)],
    reward: Annotated[float, Number()],
    next_state: Annotated[int, Int(min=0)],
    alpha: Annotated[float, Number(min=0, max=1)],
    gamma: Discount,
    done: Annotated[bool, Bool()] = False,
    method: Annotated[str, Choice("q-learning", "sarsa")] = "q-learning",
    next_action: Annotated[int | None, Optional(Int(min=0))] = None,
) -> Result:
    """Q(s, a) ← Q(s, a) + α [r + γ max_a′ Q(s′, a′) − Q(s, a)]  (SARSA: γ Q(s′, a′) for the next action taken).

    q-learning (off-policy) bootstraps from the best next action; sarsa (on-policy) from next_action, the
    action actually taken in s′ (needed unless done; q-learning accepts and ignores it, so one transition
    (s, a, r, s′, a′) serves both methods). When done, s′ is terminal, its value is 0 and the TD
    target is r alone (Sutton & Barto). The answer is the whole table, one entry changed; extras td_target
    and td_error δ = target − Q(s, a). Q(s, a) = 0, r = 1, γ = 0.9, max Q(s′, ·) = 1, α = 0.5: target 1.9,
    Q(s, a) becomes 0.95.
    """
    states, actions = q.shape
    _index("state", state, states, "a state", "状態番号")
    _index("next_state", next_state, states, "a state", "状態番号")
    _index("action", action, actions, "an action", "行動番号")
    if method == "sarsa" and next_action is None and not done:
        raise SolverInputError(
            "next_action",
            "the action taken in next_state (sarsa bootstraps from it)",
            None,
            ja="next_state で実際にとる行動（sarsa はこれでブートストラップする）",
        )
    if next_action is not None:
        _index("next_action", next_action, actions, "an action", "行動番号")
    if done:
        next_value = 0.0
    elif method == "sarsa":
        assert next_action is not None
        next_value = float(q[next_state, next_action])
    else:
        next_value = float(np.max(q[next_state]))
    td_target = reward + gamma * next_value  # Python floats: an overflow is inf, checked below, never a warning
    td_error = td_target - float(q[state, action])
    new_value = float(q[state, action]) + alpha * td_error
    if not math.isfinite(td_target):
        raise SolverInputError(
            "reward", "a reward whose TD target r + γQ is finite", reward, ja="TD ターゲット r + γQ が有限になる報酬"
        )
    if not (math.isfinite(td_error) and math.isfinite(new_value)):
        raise SolverInputError("q", "values whose TD error is finite", OVERFLOW, ja="TD 誤差が有限になる値")
    updated = q.copy()
    updated[state, action] = new_value
    steps = {
        "q_sa": float(q[state, action]),
        "next_value": next_value,
        "td_target": td_target,
        "td_error": td_error,
        "q_sa_new": new_value,
    }
    return Result(updated, extras={"td_target": td_target, "td_error": td_error}, steps=steps)


DISCOUNTED_RETURN_LOOKUP = Lookup(
    keywords=(
        "割引収益",
        "割引報酬和",
        "収益",
        "return",
        "discounted return",
        "割引率",
        "discount factor",
        "累積報酬",
        "cumulative reward",
    ),
    example={"rewards": [-1.0, 2.0, 6.0, 3.0, 2.0], "gamma": 0.5},  # Sutton & Barto, Exercise 3.8
    summary_ja=(
        "割引収益 G_t = r_t + γ r_{t+1} + γ² r_{t+2} + … = r_t + γ G_{t+1} をすべての t について求める。"
        "rewards[t] は時刻 t の行動の後に受け取る報酬で、bootstrap は最後の状態の価値 G_T（エピソードが終わったな"
        "ら 0）。"
    ),
)


@solver("discounted-return", DISCOUNTED_RETURN_LOOKUP)
def discounted_return(
    rewards: Annotated[np.ndarray, Array(ndim=1, shape="[T]")],
    gamma: Discount,
    bootstrap: Annotated[float, Number()] = 0.0,
) -> Result:
    """Discounted return G_t = r_t + γ r_{t+1} + γ² r_{t+2} + … = r_t + γ G_{t+1}, for every step t.

    rewards[t] is the reward received after the action at step t (Sutton & Barto's R_{t+1}); bootstrap
    is the value of the state after the last step (G_T; 0 when the episode ended there). Computed by a doubling
    scan: after k rounds each entry sums 2^k discounted rewards, so log₂ T vectorized rounds replace the
    backward loop (same values, up to rounding). Sutton & Barto's Exercise 3.8, γ = 0.5 and rewards
    −1, 2, 6, 3, 2: G = 2, 6, 8, 4, 2.
    """
    returns = np.append(rewards, bootstrap)  # G_T = bootstrap, then G_t = r_t + γ G_{t+1} below it
    span = 1
    with np.errstate(over="ignore", invalid="ignore"):
        while span < returns.size:
            returns[:-span] = returns[:-span] + gamma**span * returns[span:]
            span *= 2
    if not np.isfinite(returns).all():
        raise SolverInputError(
            "rewards", "rewards whose discounted sums are finite", OVERFLOW, ja="割引和が有限になる報酬"
        )
    answer = returns[:-1]
    steps = {"discounts": gamma ** np.arange(rewards.size, dtype=np.float64), "bootstrap": bootstrap, "returns": answer}
    return Result(answer, steps=steps)


POLICY_GRADIENT_LOOKUP = Lookup(
    keywords=(
        "方策勾配",
        "方策勾配法",
        "policy gradient",
        "reinforce",
        "方策",
        "policy",
        "log π",
        "score function",
    ),
    example={"logits": [2.0, 1.0, 0.1], "action": 0, "ret": 1.5},
    summary_ja=(
        "ソフトマックス方策 π = softmax(θ) に対する REINFORCE の勾配 ∇_θ G log π(a) = G (onehot(a) − "
        "π)。勾配上昇法で θ ← θ + ε·∇ と足す（torch の autograd で G·log_softmax(θ)[a] を微分した値と同じ）"
        "。"
    ),
)


@solver("policy-gradient", POLICY_GRADIENT_LOOKUP)
def policy_gradient(
    logits: Annotated[np.ndarray, Array(ndim=1, shape="[A]")],
    action: Annotated[int, Int(min=0)],
    ret: Annotated[float, Number()],
) -> Result:
    """REINFORCE for a softmax policy: ∇_θ G·log π(a) = G (onehot(a) − π), with π = softmax(θ) over the logits θ.

    The gradient of one sampled step of the policy gradient theorem, E[∇ log π(a|s) G], with respect to the
    logits, as torch autograd gives it for G·log_softmax(logits)[a]. It raises the taken action's logit by
    G(1 − π(a)) and lowers every other logit b by G π(b): with G > 0 the action becomes more likely. Gradient
    ascent adds it (θ ← θ + ε·grad). The extra log_prob is log π(a) = θ_a − logsumexp(θ).
    """
    _index("action", action, logits.size, "an action", "行動番号")
    with np.errstate(over="ignore"):
        # softmax is shift-invariant; the shift keeps every exponent ≤ 0. A difference below −1.8e308 becomes
        # −inf, whose e^… = 0 is right; only log π(a) of such an action is out of reach.
        shifted = logits - logits.max()
        exps = np.exp(shifted)
        log_prob = float(shifted[action] - np.log(exps.sum()))
    if not math.isfinite(log_prob):
        raise SolverInputError(
            "logits", "logits whose log π(action) is finite", OVERFLOW, ja="log π(action) が有限になるロジット"
        )
    pi = exps / exps.sum()
    onehot = np.zeros_like(pi)
    onehot[action] = 1.0
    grad = ret * (onehot - pi)
    steps = {"pi": pi, "log_prob": log_prob, "onehot": onehot, "onehot_minus_pi": onehot - pi, "grad": grad}
    return Result(grad, extras={"log_prob": log_prob}, steps=steps)


DQN_TARGET_LOOKUP = Lookup(
    keywords=(
        "dqn",
        "deep q-network",
        "ターゲットネットワーク",
        "target network",
        "double dqn",
        "ダブルdqn",
        "経験再生",
        "experience replay",
        "tdターゲット",
        "td target",
    ),
    example={"rewards": [1.0, 0.0], "next_q": [[1.0, 2.0], [0.5, 0.3]], "dones": [False, True], "gamma": 0.99},
    summary_ja=(
        "DQN のターゲット y = r + γ (1 − done) max_a Q_target(s′, a)。Double DQN では行動をオンラインネットワーク"
        "で a* = argmax_a Q_online(s′, a) と選び、その価値をターゲットネットワークで Q_target(s′, a*)"
        " と評価する（同点は先頭の行動）。"
    ),
)


@solver("dqn-target", DQN_TARGET_LOOKUP)
def dqn_target(
    rewards: Annotated[np.ndarray, Array(ndim=1, shape="[B]")],
    next_q: Annotated[np.ndarray, Array(ndim=2, shape="[B, A]")],
    dones: Annotated[np.ndarray, Array(ndim=1, shape="[B]", dtype="bool")],
    gamma: Discount,
    next_q_online: Annotated[np.ndarray | None, Optional(Array(ndim=2, shape="[B, A]"))] = None,
) -> Result:
    """DQN target y = r + γ (1 − done) max_a Q_target(s′, a); Double DQN: y = r + γ (1 − done) Q_target(s′, a*).

    next_q is the target network's Q(s′, ·) for each transition of the batch. Given next_q_online
    (the online network's Q(s′, ·)), Double DQN picks a* = argmax_a Q_online(s′, a) with the online network and
    evaluates it with the target network, which curbs the max operator's overestimation (van Hasselt et al.).
    Ties go to the first action, as torch.argmax. A transition that ended the episode (done) has target r.
    """
    batch, actions = next_q.shape
    if rewards.size != batch:
        raise SolverInputError(
            "rewards",
            f"one reward per row of next_q ({batch})",
            rewards.size,
            ja=f"next_q の行ごとに 1 つの報酬（{batch} 個）",
        )
    if dones.size != batch:
        raise SolverInputError(
            "dones",
            f"one flag per row of next_q ({batch})",
            dones.size,
            ja=f"next_q の行ごとに 1 つのフラグ（{batch} 個）",
        )
    if actions == 0:
        raise SolverInputError(
            "next_q", "at least one action (column)", list(next_q.shape), ja="少なくとも 1 つの行動（列）"
        )
    if next_q_online is not None and next_q_online.shape != next_q.shape:
        raise SolverInputError(
            "next_q_online",
            f"the shape of next_q, {list(next_q.shape)}",
            list(next_q_online.shape),
            ja=f"next_q と同じ形 {list(next_q.shape)}",
        )
    chooser = next_q if next_q_online is None else next_q_online
    next_actions = np.argmax(chooser, axis=1)
    next_values = np.take_along_axis(next_q, next_actions[:, None], axis=1)[:, 0]
    not_done = 1.0 - dones
    with np.errstate(over="ignore", invalid="ignore"):
        targets = rewards + gamma * not_done * next_values
    if not np.isfinite(targets).all():
        raise SolverInputError(
            "rewards", "rewards whose targets r + γQ are finite", OVERFLOW, ja="ターゲット r + γQ が有限になる報酬"
        )
    steps: dict[str, Any] = {
        "next_actions": next_actions,
        "next_values": next_values,
        "not_done": not_done,
        "targets": targets,
    }
    return Result(targets, steps=steps)
