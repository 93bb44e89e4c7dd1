"""Reference NumPy implementations of every computation in the E資格 course material.

Importing this package registers every solver; :data:`SOLVERS` maps each name to its spec. This package
imports nothing from ``quizcli``.
"""

# The one explicit index: each module registers its solvers when imported.
from solvers import (  # noqa: F401
    activations,
    architectures,
    attention,
    cnn,
    deployment,
    detection,
    gated,
    generative,
    information,
    interpret,
    language,
    layers,
    learning,
    linalg,
    metrics,
    normalization,
    optim,
    optimizers,
    reinforcement,
    rnn,
    text,
    vision,
)
from solvers.errors import SolverInputError
from solvers.registry import SOLVERS, Lookup, Match, Result, SolverSpec, find, get, jsonable, normal_word

__all__ = [
    "SOLVERS",
    "Lookup",
    "Match",
    "Result",
    "SolverInputError",
    "SolverSpec",
    "find",
    "get",
    "jsonable",
    "normal_word",
]
