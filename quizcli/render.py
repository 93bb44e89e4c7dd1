"""Text and Rich renderings of values, answers and solver results."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any


def format_value(value: Any) -> str:
    """A value as a learner reads it: 6 significant digits, lists in brackets, no numpy noise."""
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
    import numpy as np

    return list(np.shape(value)) if not isinstance(value, Mapping) else []


def solution(spec: Any, params: Mapping[str, Any], result: Any) -> Any:
    """The Rich renderable for `quiz solve`: answer, formula and the steps that led there."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    formula = "\n".join(" ".join(paragraph.split()) for paragraph in spec.doc.split("\n\n"))
    shown = {name: value for name, value in params.items() if value is not None}
    inputs = ", ".join(f"{name}={_clip(format_value(value), 60)}" for name, value in shown.items())
    answer = Text.assemble(("answer  ", "bold"), (format_value(result.answer), "bold green"))
    parts: list[Any] = [Text(formula, style="cyan"), Text(f"{spec.name}({inputs})", style="dim"), answer]
    if result.extras:
        parts.append(Text("  ".join(f"{k}={format_value(v)}" for k, v in result.extras.items()), style="dim"))
    if result.steps:
        table = Table("step", "value", "shape", box=None, pad_edge=False, header_style="bold")
        for name, value in result.steps.items():
            table.add_row(name, Text(_clip(format_value(value))), format_shape(shape_of(value)) or "scalar")
        parts.append(table)
    return Panel(Group(*parts), title=f"quiz solve {spec.name}", expand=False)


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
