"""k-means, one Lloyd step at a time, on a seeded 2-D data set: three Gaussian blobs.

The data: 60 points from each of three blobs, N(μ_b, 1.2²·I) with μ_b = (−4, −2), (4, −3) and (0, 4), drawn
from the seed and shuffled (180 points in all). The data and the initial centroids come from two streams of
the seed, so the same seed gives the same points whatever k or --init.

The algorithm (Lloyd). Start from k centroids, then repeat: assign each point to its nearest centroid,
c_i = argmin_k ‖x_i − μ_k‖², and move each centroid to the mean of its points. Each step is the ``kmeans-step``
solver, the code the drills check answers with: ties go to the lower index, and a centroid that no point chose
stays put. The run stops at the first step that reassigns no point (the centroids then no longer move) or
after ``iters`` steps. The inertia J = Σ_i ‖x_i − μ_{c_i}‖² of each step's assignment never increases: the
assignment minimises J for fixed centroids and the means minimise it for fixed assignments; it stops at a
local minimum, which need not be the best one.

Initial centroids (``init``):

- ``random``: k distinct data points drawn uniformly (Forgy; scikit-learn's init="random"). Two of them can
  fall in one blob, and Lloyd's steps may then leave one blob split and two merged (seeds 5, 13, 23 and 25
  of 0–29 here);
- ``kmeans++``: the first a uniform data point, each next one a point drawn with probability proportional to
  D(x)², its squared distance to the nearest centroid chosen so far (Arthur & Vassilvitskii 2007; scikit-learn
  draws several candidates per centroid and keeps the best, this is the plain version). Its starts are
  spread out, so it usually needs fewer steps; it makes a bad local minimum rarer, not impossible (seeds 2
  and 17 of 0–29).

Time, measured here (2 cores): `quiz lab kmeans` takes about 0.9 s, nearly all of it start-up and drawing;
the 10 steps of the default run take about 10 ms (0.1 ms each, plus importing the solvers).

Reproducibility: every random draw comes from the seed. The solver's distances are elementwise (no BLAS);
its cluster sums use ``@`` on a 0/1 membership matrix, whose rounding could differ in the last bit on another
BLAS, which cannot change which centroid is nearest except at an exact tie.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from quizcli.labs import common
from quizcli.labs.common import Progress
from quizcli.labs.settings import KMEANS_INITS
from quizcli.labs.settings import KMeansConfig as Config

NAME = Config.name
INITS = KMEANS_INITS  # the lab's choices, for its callers
CENTERS = ((-4.0, -2.0), (4.0, -3.0), (0.0, 4.0))
SPREAD = 1.2
PER_BLOB = 60


make_config = Config.make  # the checked Config from keyword arguments (CLI options, a bank's lab.args)


@dataclass(frozen=True)
class Step:
    """One Lloyd step: the centroids the points were assigned to, the assignment and its inertia."""

    iteration: int
    centroids: np.ndarray = field(repr=False)  # [k, 2], before this step moved them
    labels: np.ndarray = field(repr=False)  # [N]
    inertia: float  # J of this assignment to these centroids (the solver's extra)
    reassigned: int  # points whose cluster differs from the previous step's (all N at step 1)


@dataclass(frozen=True)
class Run:
    config: Config
    points: np.ndarray = field(repr=False)  # [N, 2]
    blobs: np.ndarray = field(repr=False)  # [N], the blob each point was drawn from
    steps: list[Step] = field(repr=False)
    centroids: np.ndarray = field(repr=False)  # [k, 2], after the last step
    converged: bool  # the last step reassigned no point

    @property
    def labels(self) -> np.ndarray:
        return self.steps[-1].labels

    @property
    def inertia(self) -> list[float]:
        return [step.inertia for step in self.steps]

    def merges_blobs(self) -> bool:
        """With as many clusters as blobs: whether the blobs do not each have a cluster of their own (the one
        most of its points are in), i.e. some cluster holds most of two blobs: a local minimum."""
        if self.config.k != len(CENTERS):
            return False
        majority = {
            int(np.bincount(self.labels[self.blobs == blob], minlength=self.config.k).argmax())
            for blob in range(len(CENTERS))
        }
        return len(majority) < len(CENTERS)

    def trajectory(self) -> np.ndarray:
        """Every centroid's position before each step and after the last, [steps + 1, k, 2]."""
        return np.array([step.centroids for step in self.steps] + [self.centroids])

    def to_dict(self) -> dict[str, Any]:
        """The --json document: config, per-step inertia and centroids, the final centroids and labels."""
        history = [
            {
                "iteration": step.iteration,
                "inertia": common.json_float(step.inertia),
                "reassigned": step.reassigned,
                "centroids": step.centroids.tolist(),
            }
            for step in self.steps
        ]
        return {
            "config": self.config.to_dict(),
            "history": history,
            "summary": {
                "iterations": len(self.steps),
                "converged": self.converged,
                "final_inertia": common.json_float(self.steps[-1].inertia),
            },
            "centroids": self.centroids.tolist(),
            "labels": self.labels.tolist(),
            "points": self.points.tolist(),
        }


def dataset(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Points [180, 2] from the three blobs, shuffled, and the blob of each."""
    blobs = np.repeat(np.arange(len(CENTERS)), PER_BLOB)
    points = np.array(CENTERS)[blobs] + SPREAD * rng.standard_normal((len(blobs), 2))
    order = rng.permutation(len(blobs))
    return points[order], blobs[order]


def _squared_distances(points: np.ndarray, centroid: np.ndarray) -> np.ndarray:
    difference = points - centroid
    squared: np.ndarray = (difference * difference).sum(axis=1)
    return squared


def initial_centroids(points: np.ndarray, k: int, init: str, rng: np.random.Generator) -> np.ndarray:
    """k starting centroids [k, 2]: k distinct random points, or the k-means++ draw."""
    if init == "random":
        chosen: np.ndarray = points[rng.choice(len(points), size=k, replace=False)]
        return chosen
    centroids = [points[rng.integers(len(points))]]
    nearest = _squared_distances(points, centroids[0])
    for _ in range(1, k):
        total = float(nearest.sum())
        if total == 0.0:  # every point is already a centroid: take any (only with duplicated points)
            index = int(rng.integers(len(points)))
        else:
            index = int(rng.choice(len(points), p=nearest / total))
        centroids.append(points[index])
        nearest = np.minimum(nearest, _squared_distances(points, points[index]))
    return np.array(centroids)


def train(config: Config, progress: Progress | None = None) -> Run:
    """Lloyd's steps from the seeded data and initial centroids until no point changes cluster.

    ``progress(step, iters, {"inertia"})`` is called after every step.
    """
    import solvers

    kmeans_step = solvers.SOLVERS["kmeans-step"]
    data_stream, init_stream = np.random.SeedSequence(config.seed).spawn(2)
    points, blobs = dataset(np.random.default_rng(data_stream))
    centroids = initial_centroids(points, config.k, config.init, np.random.default_rng(init_stream))
    steps: list[Step] = []
    converged = False
    for iteration in range(1, config.iters + 1):
        result = kmeans_step(x=points, centroids=centroids)
        labels = np.asarray(result.answer["labels"])
        inertia = float(result.extras["inertia"])
        reassigned = len(labels) if not steps else int((labels != steps[-1].labels).sum())
        steps.append(Step(iteration, centroids, labels, inertia, reassigned))
        centroids = np.asarray(result.answer["centroids"])
        if progress is not None:
            progress(iteration, config.iters, {"inertia": inertia})
        if iteration > 1 and reassigned == 0:
            converged = True
            break
    return Run(config, points, blobs, steps, centroids, converged)
