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
    detection,
    gated,
    language,
    metrics,
    optim,
    rnn,
)
from solvers.errors import SolverInputError
from solvers.registry import SOLVERS, Lookup, Match, Result, SolverSpec, find, get, jsonable

__all__ = ["SOLVERS", "Lookup", "Match", "Result", "SolverInputError", "SolverSpec", "find", "get", "jsonable"]
