"""`quiz solve`'s screen: a solver result as text for a pipe and as a Rich panel for a terminal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizcli.formats import format_answer, format_shape, format_value, shape_of
from quizcli.i18n import t


@dataclass(frozen=True)
class Solution:
    """What `quiz solve` shows, as plain strings: the terminal draws it in a panel, a pipe gets plain text."""

    title: str
    formula: str
    call: str
    answer: str
    extras: str
    steps: list[tuple[str, str, str]]
    labels: dict[str, str]  # the words around the values, in the learner's language

    def text(self) -> str:
        answer = f"{self.labels['answer']}  {self.answer}"
        lines = [self.title, self.formula, self.call, answer] + ([self.extras] if self.extras else [])
        if self.steps:
            width = max(len(name) for name, _, _ in self.steps)
            lines += [f"{name.ljust(width)}  {value}  ({shape})" for name, value, shape in self.steps]
        return "\n".join(lines)

    def __rich__(self) -> Any:
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        from quizcli.typeset import Paragraph, TitledPanel

        parts: list[Any] = [
            Paragraph(Text(self.formula, style="cyan")),
            Text(self.call, style="dim"),
            Text.assemble((self.labels["answer"] + "  ", "bold"), (self.answer, "bold green")),
        ]
        if self.extras:
            parts.append(Text(self.extras, style="dim"))
        if self.steps:
            headers = (self.labels[name] for name in ("step", "value", "shape"))
            table = Table(*headers, box=None, pad_edge=False, header_style="bold")
            for name, value, shape in self.steps:
                table.add_row(name, Text(value), shape)
            parts.append(table)
        return TitledPanel(Group(*parts), self.title, self.title.removeprefix("quiz solve "))


def formula(spec: Any, lang: str) -> str:
    """A solver's formula and conventions: its docstring in English, its Japanese summary in Japanese."""
    if lang == "ja" and spec.lookup.summary_ja:
        return str(spec.lookup.summary_ja)
    return "\n".join(" ".join(paragraph.split()) for paragraph in spec.doc.split("\n\n"))


def solution(spec: Any, params: Mapping[str, Any], result: Any, lang: str) -> Solution:
    """`quiz solve`'s output: answer, formula and the steps that led there."""
    shown = {name: value for name, value in params.items() if value is not None}
    return Solution(
        title=f"quiz solve {spec.name}",
        formula=formula(spec, lang),
        call=f"{spec.name}(" + ", ".join(f"{k}={_clip(format_value(v), 60)}" for k, v in shown.items()) + ")",
        answer=format_answer(result.answer),
        extras="  ".join(f"{k}={format_value(v)}" for k, v in result.extras.items()),
        steps=[
            (name, _clip(format_value(value)), format_shape(shape_of(value)) or t(lang, "scalar"))
            for name, value in result.steps.items()
        ],
        labels={
            "answer": t(lang, "explain_answer"),
            **{name: t(lang, f"column_{name}") for name in ("step", "value", "shape")},
        },
    )


def _clip(text: str, limit: int = 400) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
