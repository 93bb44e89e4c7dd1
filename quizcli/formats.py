"""Values and answers as a learner reads them, the same on the terminal, in explanations and on Anki cards."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta
from typing import Any


def format_answer(
    answer: Any, kind: str | None = None, unit: str = "", tolerance: Mapping[str, float] | None = None
) -> str:
    """A computed answer (a question's key or a solver's result): a shape as 3×3, a value with its unit.

    A question that asks for d decimals (its tolerance is half a unit of the d-th decimal, abs: 0.0005 for
    three) shows its key rounded so, the full value beside it: 0.361 (0.360958)."""
    shown = format_shape(answer) if kind == "shape" else format_value(answer)
    decimals = _decimals_asked(tolerance)
    if decimals is not None and isinstance(answer, float) and round(answer, decimals) != answer:
        shown = f"{answer:.{decimals}f} ({shown})"
    return f"{shown} {unit}".strip()


def _decimals_asked(tolerance: Mapping[str, float] | None) -> int | None:
    allowed = (tolerance or {}).get("abs")
    if not allowed:
        return None
    decimals = round(-math.log10(2 * allowed))
    return decimals if 0 < decimals <= 6 and math.isclose(allowed, 0.5 * 10.0**-decimals) else None


def format_value(value: Any) -> str:
    """6 significant digits, lists in brackets, no numpy noise."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    return str(value)


def format_number(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.6g}"


def format_shape(value: Any) -> str:
    """3 → "3", [3, 3] → "3×3"."""
    if isinstance(value, (list, tuple)):
        return "×".join(str(v) for v in value)
    return str(value)


def shape_of(value: Any) -> list[int]:
    """The array shape of ``value``; a ragged list (token lists of different lengths) has only its length."""
    import numpy as np  # only explanations of arrays need it

    if isinstance(value, Mapping):
        return []
    try:
        return list(np.shape(value))
    except ValueError:  # NumPy refuses to guess the shape of a ragged sequence
        return [len(value)]


def format_duration(delta: timedelta) -> str:
    """H:MM:SS, whole seconds: a countdown and the time an exam took."""
    seconds = int(delta.total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
