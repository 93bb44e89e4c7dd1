"""Values and answers as a learner reads them, the same on the terminal, in explanations and on Anki cards."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta
from typing import Any


def format_answer(answer: Any, kind: str | None = None, unit: str = "") -> str:
    """A computed answer (a question's key or a solver's result): a shape as 3×3, a value with its unit."""
    shown = format_shape(answer) if kind == "shape" else format_value(answer)
    return f"{shown} {unit}".strip()


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
    import numpy as np  # only explanations of arrays need it

    return list(np.shape(value)) if not isinstance(value, Mapping) else []


def format_duration(delta: timedelta) -> str:
    """H:MM:SS, whole seconds: a countdown and the time an exam took."""
    seconds = int(delta.total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
