"""Six optimizers side by side on a 2-D function: the course's comparison figure, one ``optimizer-step`` at a time.

The functions (``function``):

- ``bowl``: f(x, y) = x²/20 + y², from (−7, 2), minimum 0 at (0, 0): the course's figure (DLFS ch. 6). It
  is twenty times steeper in y than in x, so a rate large enough to move along x makes plain SGD zigzag
  across y;
- ``valley``: f(x, y) = (1 − x)² + 10(y − x²)², from (−1.5, 2), minimum 0 at (1, 1): Rosenbrock's banana
  with a gentler wall (10 instead of 100, so that 30 steps show something). The floor of the valley is
  the curve y = x²; the gradient points mostly across it, not along it.

The optimizers are torch.optim's update rules as the ``optimizer-step`` solver computes them (momentum 0.9
for Momentum and Nesterov, α 0.99 for RMSProp, β (0.9, 0.999) for Adam, torch's ε): SGD, Momentum,
Nesterov, AdaGrad, RMSProp, Adam. Each step feeds the function's analytic gradient at the current point to
that solver, the code the drills check answers with. The solver carries an optimizer's state (momentum
buffer, sum of squares, Adam's moments) from step to step only within one call, and each gradient depends on
where the previous step landed, so step t calls it with the t gradients so far and keeps its last point:
the same inputs give the same earlier steps, bit for bit. That costs t solver steps at step t (quadratic in
--steps, hence at most 200).

Learning rates: one --lr for all, or each optimizer's own. On the bowl, the course's (SGD 0.95, Momentum 0.1,
AdaGrad 1.5, Adam 0.3; Nesterov 0.1 as Momentum, RMSProp 0.1, which the figure does not have). On the valley,
for each optimizer the largest rate of 0.001, 0.002, 0.005, 0.01, 0.02 … 1 whose 30 steps end lowest
without leaving the picture (picked here once, by hand; another count of steps may prefer another).

A run stops early when a step overflows (the solver refuses it) or the point leaves |x|, |y| ≤ 10⁶.

Time, measured here (2 cores): `quiz lab optimizers` takes about 0.9 s and `--function valley` 1.0 s, nearly
all of it start-up and drawing; the 6 × 30 steps take about 40 ms, 6 × 200 steps (the most) about 1.3 s.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quizcli.labs import common
from quizcli.labs.common import Progress
from quizcli.labs.settings import FUNCTIONS as FUNCTIONS  # the lab's choices, for its callers
from quizcli.labs.settings import OPTIMIZER_NAMES, OPTIMIZER_RATES
from quizcli.labs.settings import OptimizersConfig as Config

NAME = Config.name
OPTIMIZERS = tuple(OPTIMIZER_NAMES)  # the solver's names
LABELS = OPTIMIZER_NAMES
FAR = 1e6  # a point beyond this in x or y has left for good


make_config = Config.make  # the checked Config from keyword arguments (CLI options, a bank's lab.args)


@dataclass(frozen=True)
class Function:
    name: str
    formula: str
    start: tuple[float, float]
    minimum: tuple[float, float]
    value: Callable[[np.ndarray], float] = field(repr=False)
    gradient: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    rates: dict[str, float] = field(repr=False)  # each optimizer's own learning rate here
    levels: tuple[float, ...] = field(repr=False)  # contour levels drawn under the paths

    def contour(self, level: float, points: int = 600) -> np.ndarray:
        """Points [M, 2] on the curve f = level (the ellipse or the two branches of the valley)."""
        if self.name == "bowl":  # x²/20 + y² = c: x = √(20c) cos θ, y = √c sin θ
            theta = np.linspace(0.0, 2 * np.pi, points)
            return np.stack([math.sqrt(20 * level) * np.cos(theta), math.sqrt(level) * np.sin(theta)], axis=1)
        # (1 − x)² + 10(y − x²)² = c: y = x² ± √((c − (1 − x)²)/10) for |1 − x| ≤ √c
        half = math.sqrt(level)
        x = 1.0 + half * np.sin(np.linspace(-np.pi / 2, np.pi / 2, points // 2))  # denser near the ends
        spread = np.sqrt(np.maximum(level - (1.0 - x) ** 2, 0.0) / 10.0)
        return np.concatenate([np.stack([x, x * x + spread], axis=1), np.stack([x, x * x - spread], axis=1)])


def _bowl_value(p: np.ndarray) -> float:
    return float(p[0] * p[0] / 20.0 + p[1] * p[1])


def _bowl_gradient(p: np.ndarray) -> np.ndarray:
    return np.array([p[0] / 10.0, 2.0 * p[1]])


def _valley_value(p: np.ndarray) -> float:
    x, y = float(p[0]), float(p[1])
    return (1.0 - x) * (1.0 - x) + 10.0 * (y - x * x) * (y - x * x)


def _valley_gradient(p: np.ndarray) -> np.ndarray:
    x, y = float(p[0]), float(p[1])
    return np.array([-2.0 * (1.0 - x) - 40.0 * x * (y - x * x), 20.0 * (y - x * x)])


FUNCTIONS_BY_NAME = {
    "bowl": Function(
        "bowl",
        "f(x, y) = x²/20 + y²",
        (-7.0, 2.0),
        (0.0, 0.0),
        _bowl_value,
        _bowl_gradient,
        OPTIMIZER_RATES["bowl"],
        (0.25, 1.0, 2.5, 6.45),
    ),
    "valley": Function(
        "valley",
        "f(x, y) = (1 − x)² + 10(y − x²)²",
        (-1.5, 2.0),
        (1.0, 1.0),
        _valley_value,
        _valley_gradient,
        OPTIMIZER_RATES["valley"],
        (0.1, 0.5, 2.0, 6.875),
    ),
}


@dataclass(frozen=True)
class Path:
    """One optimizer's run: the points it visited (the start first) and f at each."""

    optimizer: str  # the solver's name
    lr: float
    points: np.ndarray = field(repr=False)  # [steps + 1, 2]
    values: np.ndarray = field(repr=False)  # [steps + 1]
    diverged_at: int | None  # the step that overflowed or left for good, else None

    @property
    def label(self) -> str:
        return LABELS[self.optimizer]

    @property
    def steps(self) -> int:
        return len(self.points) - 1

    @property
    def final(self) -> np.ndarray:
        last: np.ndarray = self.points[-1]
        return last

    @property
    def final_value(self) -> float:
        return float(self.values[-1])

    def distance(self, minimum: tuple[float, float]) -> float:
        """How far the last point is from the minimum."""
        gap = self.final - np.array(minimum)
        return math.hypot(float(gap[0]), float(gap[1]))

    def to_dict(self, minimum: tuple[float, float]) -> dict[str, Any]:
        return {
            "optimizer": self.optimizer,
            "lr": self.lr,
            "steps": self.steps,
            "final": [common.json_float(float(v)) for v in self.final],
            "final_f": common.json_float(self.final_value),
            "distance_to_minimum": common.json_float(self.distance(minimum)),
            "diverged_at": self.diverged_at,
            "path": [[common.json_float(float(v)) for v in point] for point in self.points],
        }


@dataclass(frozen=True)
class Run:
    config: Config
    function: Function
    paths: list[Path]

    def to_dict(self) -> dict[str, Any]:
        """The --json document: config, the function, and each optimizer's path, final point, f and steps."""
        f = self.function
        return {
            "config": self.config.to_dict(),
            "function": {"name": f.name, "formula": f.formula, "start": list(f.start), "minimum": list(f.minimum)},
            "optimizers": [path.to_dict(f.minimum) for path in self.paths],
        }


def descend(optimizer: str, function: Function, lr: float, steps: int) -> Path:
    """``steps`` steps of ``optimizer`` from the function's start, each through the optimizer-step solver."""
    import solvers
    from solvers.errors import SolverInputError

    step = solvers.SOLVERS["optimizer-step"]
    start = np.array(function.start)
    points, grads = [start], []
    diverged_at = None
    for t in range(1, steps + 1):
        with np.errstate(over="ignore", invalid="ignore"):
            gradient = function.gradient(points[-1])
        if not np.isfinite(gradient).all():
            diverged_at = t
            break
        grads.append(gradient)
        try:
            point = step(name=optimizer, params=start, grads=np.array(grads), lr=lr).answer
        except SolverInputError:  # a step overflowed
            diverged_at = t
            break
        points.append(point)
        if np.abs(point).max() > FAR:
            diverged_at = t
            break
    with np.errstate(over="ignore", invalid="ignore"):
        values = np.array([function.value(p) for p in points])
    return Path(optimizer, lr, np.array(points), values, diverged_at)


def train(config: Config, progress: Progress | None = None) -> Run:
    """Each optimizer's path on the function, at --lr or at its own rate.

    ``progress(done, 6 · steps, {})`` is called after each optimizer.
    """
    function = FUNCTIONS_BY_NAME[config.function]
    paths = []
    for index, optimizer in enumerate(OPTIMIZERS, 1):
        lr = function.rates[optimizer] if config.lr is None else config.lr
        paths.append(descend(optimizer, function, lr, config.steps))
        if progress is not None:
            progress(index * config.steps, len(OPTIMIZERS) * config.steps, {})
    return Run(config, function, paths)
