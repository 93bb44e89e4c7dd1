"""Pictures in the terminal for results a person would rather look at than read."""

from __future__ import annotations

from typing import Any


def for_explanation(explanation: Any) -> Any | None:
    draw = PICTURES.get(explanation.solver or "")
    if draw is None:
        return None
    return draw(explanation)


PICTURES: dict[str, Any] = {}
