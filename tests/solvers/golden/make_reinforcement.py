"""Regenerate reinforcement_*.json: PyTorch's answers for the policy-gradient and dqn-target solvers.

Needs torch, so it is not part of the test run; tests/solvers/test_reinforcement.py reads the JSON it writes.
Run it from the repo root with any Python that has torch and numpy (a CPU wheel is enough):

    python tests/solvers/golden/make_reinforcement.py

Seeded: it draws the same cases every time; only torch's answers and the recorded versions can change. It
imports nothing from the project:

- policy-gradient: autograd's gradient of G · log_softmax(logits)[a] with respect to the logits, and log π(a).
- dqn-target: r + γ(1 − done) · Q_target(s′).max(1), and for Double DQN
  r + γ(1 − done) · Q_target(s′).gather(1, Q_online(s′).argmax(1)), as DQN training loops write them.
  q-update and discounted-return have no library to compare with; their tests use loop versions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
rng = np.random.default_rng(20250716)


def _t(value: Any) -> torch.Tensor:
    return torch.tensor(value, dtype=torch.float64)


def _write(name: str, solver: str, cases: list[dict[str, Any]]) -> None:
    header = json.dumps({"solver": solver, "torch": torch.__version__, "numpy": np.__version__})[:-1]
    body = ",\n".join(json.dumps(case) for case in cases)  # one case a line: diffs stay readable
    (HERE / name).write_text(f'{header}, "cases": [\n{body}\n]}}\n', encoding="utf-8")


# --- policy-gradient ------------------------------------------------------------------------------------------


def policy_gradient_case(logits: list[float], action: int, ret: float) -> dict[str, Any]:
    theta = _t(logits).requires_grad_(True)
    log_prob = torch.log_softmax(theta, dim=0)[action]
    (ret * log_prob).backward()
    assert theta.grad is not None
    params = {"logits": logits, "action": action, "ret": ret}
    return {"params": params, "answer": theta.grad.tolist(), "log_prob": log_prob.item()}


def policy_gradient_cases() -> list[dict[str, Any]]:
    cases = [
        policy_gradient_case([2.0, 1.0, 0.1], 0, 1.5),
        policy_gradient_case([0.0, 0.0], 1, 1.0),  # uniform: grad = G(onehot − ½)
        policy_gradient_case([3.0], 0, 7.0),  # one action: π = 1, nothing to learn
        policy_gradient_case([1.0, 2.0, 3.0], 2, -2.0),  # a negative return lowers the action's logit
        policy_gradient_case([0.0, 40.0, -40.0], 2, 1.0),  # π(a) ≈ e^−80: log π stays exact
        policy_gradient_case([1000.0, 1001.0], 0, 0.5),  # large logits: the max is shifted out
    ]
    for _ in range(24):
        size = int(rng.integers(2, 8))
        logits = (rng.standard_normal(size) * rng.choice([0.5, 2.0, 10.0])).tolist()
        ret = float(rng.standard_normal() * 5)
        cases.append(policy_gradient_case(logits, int(rng.integers(size)), ret))
    return cases


# --- dqn-target -----------------------------------------------------------------------------------------------


def dqn_target_case(rewards: Any, next_q: Any, dones: Any, gamma: float, next_q_online: Any = None) -> dict[str, Any]:
    r, q_target, not_done = _t(rewards), _t(next_q), 1.0 - _t(dones)
    if next_q_online is None:
        next_values = q_target.max(dim=1).values
    else:
        chosen = _t(next_q_online).argmax(dim=1, keepdim=True)
        next_values = q_target.gather(1, chosen).squeeze(1)
    targets = r + gamma * not_done * next_values
    params: dict[str, Any] = {"rewards": rewards, "next_q": next_q, "dones": dones, "gamma": gamma}
    if next_q_online is not None:
        params["next_q_online"] = next_q_online
    return {"params": params, "answer": targets.tolist()}


def dqn_target_cases() -> list[dict[str, Any]]:
    cases = [
        dqn_target_case([1.0, 0.0], [[1.0, 2.0], [0.5, 0.3]], [False, True], 0.99),
        dqn_target_case([1.0, 0.0], [[1.0, 2.0], [0.5, 0.3]], [False, True], 0.9, [[3.0, 1.0], [0.0, 1.0]]),
        dqn_target_case([0.5], [[2.0, 3.0, 1.0]], [False], 0.5, [[1.0, 1.0, 1.0]]),  # ties: the first action
        dqn_target_case([0.0, 1.0], [[-1.0, -2.0], [3.0, 3.0]], [True, True], 1.0),
        dqn_target_case([2.0], [[5.0]], [False], 0.0),  # γ = 0: the reward alone
    ]
    for _ in range(24):
        batch, actions = int(rng.integers(1, 7)), int(rng.integers(1, 6))
        rewards = rng.standard_normal(batch).round(2).tolist()
        next_q = (rng.standard_normal((batch, actions)) * 3).tolist()
        dones = (rng.random(batch) < 0.3).tolist()
        gamma = float(rng.choice([0.9, 0.95, 0.99, float(rng.uniform())]))
        # Rounded online values make ties, where argmax's first-index rule decides.
        online = rng.standard_normal((batch, actions)).round(0).tolist() if rng.random() < 0.5 else None
        cases.append(dqn_target_case(rewards, next_q, dones, gamma, online))
    return cases


if __name__ == "__main__":
    _write("reinforcement_policy_gradient.json", "policy-gradient", policy_gradient_cases())
    _write("reinforcement_dqn_target.json", "dqn-target", dqn_target_cases())
