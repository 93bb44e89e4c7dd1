"""Language-model measures: perplexity."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import Outcome, SolverInputError
from solvers.params import Array, Number, Optional
from solvers.registry import Lookup, Result, solver

# e^709.78 is the largest float64; a perplexity beyond it cannot be written down.
_MAX_CROSS_ENTROPY = math.log(np.finfo(np.float64).max)

# What was given where exactly one of probs and cross_entropy is needed (Japanese: a clause, as OVERFLOW's).
_BOTH = Outcome("both", "両方とも指定されています")
_NEITHER = Outcome("neither", "どちらも指定がありません")


PERPLEXITY_LOOKUP = Lookup(
    keywords=("パープレキシティ", "ppl", "言語モデル", "language model", "rnn"),
    example={"probs": [0.5, 0.25, 0.8]},  # rnn-perplexity-drill
    summary_ja=(
        "言語モデルのパープレキシティ PPL = e^L。L = −(1/N) Σ log pₙ は正解トークンに与えた確率の交差エントロピー"
        "（nats）。"
    ),
)


@solver("perplexity", PERPLEXITY_LOOKUP)
def perplexity(
    probs: Annotated[np.ndarray | None, Optional(Array())] = None,
    cross_entropy: Annotated[float | None, Optional(Number(min=0))] = None,
) -> Result:
    """Perplexity of a language model: PPL = e^L, with L = −(1/N) Σ_n log p_n the cross-entropy in nats.

    Give exactly one of ``probs`` (the probabilities the model gave to the N correct tokens; any shape,
    averaged over all entries) or ``cross_entropy`` L (natural log; with log₂ it would be PPL = 2^L).
    PPL is the geometric mean of 1/p: a model that always gives the right word 1/4 has PPL 4, as if
    choosing uniformly among 4 words.
    """
    if (probs is None) == (cross_entropy is None):
        raise SolverInputError(
            "probs",
            "exactly one of probs or cross_entropy",
            _BOTH if probs is not None else _NEITHER,
            ja="probs と cross_entropy のどちらか一方だけ",
        )
    steps: dict[str, Any] = {}
    if probs is not None:
        if probs.size == 0 or (probs <= 0).any() or (probs > 1).any():
            raise SolverInputError(
                "probs",
                "a non-empty array of probabilities in (0, 1]",
                probs.tolist(),
                ja="(0, 1] の確率からなる空でない配列",
            )
        log_probs = np.log(probs)
        cross_entropy = 0.0 - float(log_probs.mean())  # 0.0 − …: no −0.0 when every p is 1
        steps["log_probs"] = log_probs
    assert cross_entropy is not None
    if cross_entropy > _MAX_CROSS_ENTROPY:
        name = "probs" if probs is not None else "cross_entropy"
        raise SolverInputError(
            name,
            f"a cross-entropy of at most {_MAX_CROSS_ENTROPY:.2f} nats (finite perplexity)",
            cross_entropy,
            ja=f"{_MAX_CROSS_ENTROPY:.2f} nats 以下の交差エントロピー（パープレキシティが有限になる）",
        )
    result = math.exp(cross_entropy)
    steps.update({"cross_entropy": cross_entropy, "perplexity": result})
    return Result(result, steps=steps)
