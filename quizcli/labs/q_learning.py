"""Q-learning and SARSA on cliff walking (Sutton & Barto, Example 6.6), one ``q-update`` per step.

The world: a 4 × 12 grid. The agent starts in the bottom-left cell and the episode ends in the bottom-right
one (the goal). The ten cells between them are the cliff: stepping into one costs −100 and sends the agent
back to the start (the episode goes on); every other step costs −1. The actions up, right, down and left move
one cell; a move off the grid leaves the agent where it is (and costs −1). The best return is −13: up, eleven
steps right along the row next to the cliff (the edge row), down.

Both methods start from Q = 0, act ε-greedily (a random action with probability ε, else one of the greedy
actions, ties drawn at random), and update after every step with the ``q-update`` solver, the code the drills
check answers with:

- Q-learning (off-policy): Q(s, a) ← Q(s, a) + α[r + γ max_a′ Q(s′, a′) − Q(s, a)];
- SARSA (on-policy): Q(s, a) ← Q(s, a) + α[r + γ Q(s′, a′) − Q(s, a)], a′ being the action it then takes.

A step into the goal is terminal: its target is r alone. The learned greedy path follows argmax_a Q from the
start (the first best action on a tie) until the goal, a cell it already visited, or the cliff.

What the run shows (the book's figure): Q-learning learns the values of the greedy policy, so its path runs
along the edge row, the shortest; but it explores by the ε-greedy policy, which now and then steps off the
edge, so its reward per episode while learning is worse than SARSA's. SARSA learns the values of the ε-greedy
policy it follows, in which the edge row is dangerous, and its greedy path keeps a row or two away from the
cliff. With ε → 0 both reach the shortest path.

Each method has its own random stream from the seed, so one method's run does not depend on the other. An
episode is cut after 10,000 steps (only near-random settings, --epsilon near 1, get that far).

Time, measured here (2 cores): `quiz lab q-learning` takes about 1.4 s; learning takes 0.5–0.7 s of it
(500 episodes of each method, about 23,500 solver calls of some 25 µs each, and the ε-greedy draws).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quizcli.labs.common import Progress
from quizcli.labs.settings import QLearningConfig as Config

NAME = Config.name
ROWS, COLS = 4, 12
START, GOAL = (ROWS - 1) * COLS, ROWS * COLS - 1
EDGE_ROW = ROWS - 2  # the row just above the cliff
ACTIONS = ((-1, 0), (0, 1), (1, 0), (0, -1))  # up, right, down, left
ACTION_NAMES = ("up", "right", "down", "left")
STEP_REWARD, CLIFF_REWARD = -1.0, -100.0
MAX_EPISODE_STEPS = 10_000
METHODS = ("q-learning", "sarsa")
WINDOW = 20  # learning curves are smoothed over the last 20 episodes
RECENT = 100  # the summary's averages are over the last 100 episodes


make_config = Config.make  # the checked Config from keyword arguments (CLI options, a bank's lab.args)


def cell(state: int) -> tuple[int, int]:
    """(row, column) of a state, row 0 at the top."""
    return divmod(state, COLS)


def is_cliff(state: int) -> bool:
    row, col = cell(state)
    return row == ROWS - 1 and 0 < col < COLS - 1


def move(state: int, action: int) -> tuple[int, float, bool]:
    """The next state, the reward and whether the episode ended, for one step of the cliff world."""
    row, col = cell(state)
    d_row, d_col = ACTIONS[action]
    row, col = min(max(row + d_row, 0), ROWS - 1), min(max(col + d_col, 0), COLS - 1)
    after = row * COLS + col
    if is_cliff(after):
        return START, CLIFF_REWARD, False
    return after, STEP_REWARD, after == GOAL


@dataclass(frozen=True)
class Learner:
    """What one method learned: its reward and cliff falls per episode, its Q table and greedy path."""

    method: str
    rewards: np.ndarray = field(repr=False)  # [episodes], the sum of rewards of each episode
    falls: np.ndarray = field(repr=False)  # [episodes], steps into the cliff
    q: np.ndarray = field(repr=False)  # [48, 4]
    path: list[int]  # states of the greedy path, the start first
    reaches_goal: bool

    @property
    def smoothed(self) -> np.ndarray:
        """The mean reward of the last WINDOW episodes (fewer at the start), for each episode."""
        sums = np.cumsum(self.rewards)
        lagged = np.concatenate([np.zeros(WINDOW), sums[:-WINDOW]])[: len(sums)]
        counts = np.minimum(np.arange(1, len(sums) + 1), WINDOW)
        smoothed: np.ndarray = (sums - lagged) / counts
        return smoothed

    @property
    def edge_cells(self) -> int:
        """Cells of the greedy path in the edge row above the cliff (columns 1–10: not the climb or the descent)."""
        return sum(1 for state in self.path if cell(state)[0] == EDGE_ROW and 0 < cell(state)[1] < COLS - 1)

    def recent(self, values: np.ndarray) -> float:
        return float(values[-RECENT:].mean())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rewards": self.rewards.tolist(),
            "falls": self.falls.tolist(),
            "mean_reward_last_100": self.recent(self.rewards),
            "falls_last_100": int(self.falls[-RECENT:].sum()),
            "path": [list(cell(state)) for state in self.path],
            "path_steps": len(self.path) - 1,
            "reaches_goal": self.reaches_goal,
            "edge_cells": self.edge_cells,
            "q": self.q.tolist(),
        }


@dataclass(frozen=True)
class Run:
    config: Config
    learners: dict[str, Learner]

    def to_dict(self) -> dict[str, Any]:
        """The --json document: config, and per method its rewards per episode, greedy path and Q table."""
        grid = {"rows": ROWS, "cols": COLS, "start": list(cell(START)), "goal": list(cell(GOAL))}
        return {
            "config": self.config.to_dict(),
            "grid": grid,
            "methods": {method: learner.to_dict() for method, learner in self.learners.items()},
        }


def _epsilon_greedy(q_row: np.ndarray, epsilon: float, rng: np.random.Generator) -> int:
    if rng.random() < epsilon:
        return int(rng.integers(len(ACTIONS)))
    best = np.flatnonzero(q_row == q_row.max())
    return int(best[0] if len(best) == 1 else rng.choice(best))


def greedy_path(q: np.ndarray) -> tuple[list[int], bool]:
    """The states argmax Q visits from the start, and whether it reaches the goal (not a loop or the cliff)."""
    path, state = [START], START
    while state != GOAL:
        row, col = cell(state)
        d_row, d_col = ACTIONS[int(np.argmax(q[state]))]
        row, col = min(max(row + d_row, 0), ROWS - 1), min(max(col + d_col, 0), COLS - 1)
        state = row * COLS + col
        if is_cliff(state) or state in path:
            return path, False
        path.append(state)
    return path, True


def learn(method: str, config: Config, rng: np.random.Generator, progress: Progress | None = None) -> Learner:
    """``config.episodes`` episodes of ``method`` (q-learning or sarsa), one q-update solver call per step."""
    import solvers

    update = solvers.SOLVERS["q-update"]
    q = np.zeros((ROWS * COLS, len(ACTIONS)))
    rewards, falls = np.zeros(config.episodes), np.zeros(config.episodes, dtype=int)
    hyper = {"alpha": config.alpha, "gamma": config.gamma, "method": method}
    for episode in range(config.episodes):
        state = START
        action = _epsilon_greedy(q[state], config.epsilon, rng)
        for _ in range(MAX_EPISODE_STEPS):
            after, reward, done = move(state, action)
            rewards[episode] += reward
            falls[episode] += int(reward == CLIFF_REWARD)
            transition = {"q": q, "state": state, "action": action, "reward": reward, "next_state": after, **hyper}
            if method == "sarsa":  # on-policy: bootstraps from the action it is about to take
                following = None if done else _epsilon_greedy(q[after], config.epsilon, rng)
                q = update(**transition, done=done, next_action=following).answer
            else:  # off-policy: bootstraps from max Q(s′, ·), then acts from the updated table
                q = update(**transition, done=done).answer
                following = None if done else _epsilon_greedy(q[after], config.epsilon, rng)
            if following is None:
                break
            state, action = after, following
        if progress is not None:
            progress(episode + 1, config.episodes, {"reward": float(rewards[episode])})
    path, reaches = greedy_path(q)
    return Learner(method, rewards, falls, q, path, reaches)


def train(config: Config, progress: Progress | None = None) -> Run:
    """Learn with Q-learning, then SARSA, each from its own stream of the seed.

    ``progress(done, 2 · episodes, {"reward"})`` is called after every episode.
    """
    streams = np.random.SeedSequence(config.seed).spawn(len(METHODS))
    learners = {}
    for index, (method, stream) in enumerate(zip(METHODS, streams)):
        offset = index * config.episodes

        def report(done: int, total: int, metrics: Any, offset: int = offset) -> None:
            if progress is not None:
                progress(offset + done, len(METHODS) * total, metrics)

        learners[method] = learn(method, config, np.random.default_rng(stream), report)
    return Run(config, learners)
