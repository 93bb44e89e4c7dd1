"""Scaled dot-product attention, as torch.nn.functional.scaled_dot_product_attention computes it."""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import Array, Optional
from solvers.registry import Lookup, Result, solver
from solvers.rnn import check_finite


def _at_least_2d(name: str, array: np.ndarray, layout: str) -> None:
    if array.ndim < 2:
        raise SolverInputError(
            name,
            f"an array of shape {layout} (at least 2-D, as torch requires)",
            list(array.shape),
            ja=f"形が {layout} の配列（torch の制約で 2 次元以上）",
        )


def _batch_shape(name: str, shape: tuple[int, ...], other: tuple[int, ...], what: str, what_ja: str) -> tuple[int, ...]:
    try:
        return np.broadcast_shapes(shape, other)
    except ValueError:
        raise SolverInputError(
            name,
            f"batch dimensions that broadcast with {what}'s {list(shape)}",
            list(other),
            ja=f"{what_ja} の {list(shape)} とブロードキャストできるバッチ次元",
        ) from None


def _masked_softmax(scaled: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """softmax over the last axis of the allowed entries; a row with none allowed is all zeros.

    That last rule is torch's (its math kernel's _safe_softmax, since 2.5): such a query attends to nothing
    and its output is the zero vector, where a plain softmax over −∞ would give NaN.
    """
    masked = np.where(allowed, scaled, -np.inf)
    row_max = np.max(masked, axis=-1, keepdims=True, initial=-np.inf)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    exps = np.exp(np.where(allowed, scaled - row_max, -np.inf))  # e^(−∞) = 0 for the masked entries
    totals = exps.sum(axis=-1, keepdims=True)
    weights = np.zeros_like(exps)
    np.divide(exps, totals, out=weights, where=totals > 0)
    return weights


ATTENTION_LOOKUP = Lookup(
    keywords=(
        "アテンション",
        "注意機構",
        "self-attention",
        "自己注意",
        "scaled dot-product attention",
        "multi-head attention",
        "transformer",
        "トランスフォーマー",
    ),
    example={
        "query": [[1.0]],
        "key": [[1.0], [2.0], [3.0]],
        "value": [[1.0], [0.0], [-1.0]],
    },  # attention-context-drill
    summary_ja=(
        "スケール化内積注意 softmax(QKᵀ/√d)V。マスクが false の位置には注意を向けない（torch の scaled_dot_produc"
        "t_attention と同じ）。"
    ),
)


@solver("attention", ATTENTION_LOOKUP)
def attention(
    query: Annotated[np.ndarray, Array(shape="[Tq, d] or [..., Tq, d]")],
    key: Annotated[np.ndarray, Array(shape="[Tk, d] or [..., Tk, d]")],
    value: Annotated[np.ndarray, Array(shape="[Tk, dv] or [..., Tk, dv]")],
    mask: Annotated[
        np.ndarray | None,
        Optional(
            Array(dtype="bool", shape="[Tq, Tk] (true = may attend)", shape_ja="[Tq, Tk]（true なら注意を向けてよい）")
        ),
    ] = None,
) -> Result:
    """Scaled dot-product attention: softmax(Q Kᵀ / √d) V, as torch.nn.functional.scaled_dot_product_attention.

    Q is [Tq, d], K [Tk, d], V [Tk, dv]; the output is [Tq, dv] and the weights [Tq, Tk] (each row sums to 1).
    Leading batch dimensions (e.g. [B, heads, T, d]) broadcast against each other, as torch.matmul does.
    The 1/√d keeps the scores' spread near 1 as d grows, so the softmax does not saturate; the course's
    notes write softmax(QKᵀ)V without it.

    mask (optional) is boolean, true = may attend: a false entry's score becomes −∞ (step "masked" shows it
    as null) and its weight 0. A 2-D mask [Tq, Tk] applies to every batch entry; any shape that broadcasts
    to [..., Tq, Tk] is accepted. A query whose mask row is all false gets zero weights and a zero output,
    exactly as torch returns (not NaN).
    """
    _at_least_2d("query", query, "[Tq, d]")
    _at_least_2d("key", key, "[Tk, d]")
    _at_least_2d("value", value, "[Tk, dv]")
    dim = query.shape[-1]
    if dim == 0:
        raise SolverInputError(
            "query",
            "a feature size d ≥ 1 (the scale is 1/√d)",
            list(query.shape),
            ja="特徴量の次元 d ≥ 1（スケールは 1/√d）",
        )
    if key.shape[-1] != dim:
        raise SolverInputError(
            "key",
            f"shape [..., Tk, {dim}]: the feature size d of query",
            list(key.shape),
            ja=f"形 [..., Tk, {dim}]（特徴量の次元 d が query と同じ）",
        )
    if value.shape[-2] != key.shape[-2]:
        raise SolverInputError(
            "value",
            f"shape [..., {key.shape[-2]}, dv]: one row per key",
            list(value.shape),
            ja=f"形 [..., {key.shape[-2]}, dv]（key ごとに 1 行）",
        )
    # As torch: the weights take the batch shape of Q Kᵀ; V may broadcast further only in the output.
    batch = _batch_shape("key", query.shape[:-2], key.shape[:-2], "query", "query")
    _batch_shape("value", batch, value.shape[:-2], "query and key", "query と key")
    score_shape = (*batch, query.shape[-2], key.shape[-2])
    if mask is not None:
        try:
            fits = np.broadcast_shapes(mask.shape, score_shape) == score_shape
        except ValueError:
            fits = False
        if not fits:
            raise SolverInputError(
                "mask",
                f"a shape that broadcasts to the scores' {list(score_shape)} ([Tq, Tk] or with batch dimensions)",
                list(mask.shape),
                ja=f"スコアの形 {list(score_shape)} にブロードキャストできる形"
                "（[Tq, Tk] か、それにバッチ次元を付けたもの）",
            )

    scale = 1.0 / math.sqrt(dim)
    with np.errstate(over="ignore", invalid="ignore"):
        scores = query @ np.swapaxes(key, -1, -2)
        scaled = scores * scale
        allowed = np.ones(score_shape, dtype=bool) if mask is None else np.broadcast_to(mask, score_shape)
        weights = _masked_softmax(scaled, allowed)
        output = weights @ value
    steps: dict[str, Any] = {"scores": scores, "scale": scale, "scaled": scaled}
    if mask is not None:
        # −∞ has no JSON spelling; null marks a score that was masked out.
        masked = scaled.astype(object)
        masked[~allowed] = None
        steps["masked"] = masked
    steps.update(weights=weights, output=output)
    check_finite("query", {k: v for k, v in steps.items() if k != "masked"})
    return Result({"output": output, "weights": weights}, steps=steps)
