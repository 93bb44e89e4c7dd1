"""`quiz solve`'s screen: a solver result as text for a pipe and as a Rich panel for a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizcli.formats import format_answer, format_shape, format_value, shape_of


@dataclass(frozen=True)
class Solution:
    """What `quiz solve` shows, as plain strings: the terminal draws it in a panel, a pipe gets plain text."""

    title: str
    formula: str
    call: str
    answer: str
    extras: str
    steps: list[tuple[str, str, str]]

    def text(self) -> str:
        lines = [self.title, self.formula, self.call, f"answer  {self.answer}"] + ([self.extras] if self.extras else [])
        if self.steps:
            width = max(len(name) for name, _, _ in self.steps)
            lines += [f"{name.ljust(width)}  {value}  ({shape})" for name, value, shape in self.steps]
        return "\n".join(lines)

    def __rich__(self) -> Any:
        from rich.console import Group
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        parts: list[Any] = [
            Text(self.formula, style="cyan"),
            Text(self.call, style="dim"),
            Text.assemble(("answer  ", "bold"), (self.answer, "bold green")),
        ]
        if self.extras:
            parts.append(Text(self.extras, style="dim"))
        if self.steps:
            table = Table("step", "value", "shape", box=None, pad_edge=False, header_style="bold")
            for name, value, shape in self.steps:
                table.add_row(name, Text(value), shape)
            parts.append(table)
        return Panel(Group(*parts), title=self.title, expand=False)


def solution(spec: Any, params: Mapping[str, Any], result: Any) -> Solution:
    """`quiz solve`'s output: answer, formula and the steps that led there."""
    shown = {name: value for name, value in params.items() if value is not None}
    return Solution(
        title=f"quiz solve {spec.name}",
        formula="\n".join(" ".join(paragraph.split()) for paragraph in spec.doc.split("\n\n")),
        call=f"{spec.name}(" + ", ".join(f"{k}={_clip(format_value(v), 60)}" for k, v in shown.items()) + ")",
        answer=format_answer(result.answer),
        extras="  ".join(f"{k}={format_value(v)}" for k, v in result.extras.items()),
        steps=[
            (name, _clip(format_value(value)), format_shape(shape_of(value)) or "scalar")
            for name, value in result.steps.items()
        ],
    )


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
