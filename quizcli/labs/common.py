"""What both labs share: the progress callback's type, argument checks that raise BadInput, JSON-safe floats."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from quizcli.errors import BadInput

#: Called now and then during training with (done, total, metrics), e.g. (2000, 10000, {"loss": 0.8, ...}).
Progress = Callable[[int, int, Mapping[str, float]], None]


def positive_int(name: str, value: Any, *, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise BadInput(f"{_option(name)} must be an integer from 1 to {maximum}, got {value!r}")
    return value


def positive_number(name: str, value: Any, *, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= maximum:
        raise BadInput(f"{_option(name)} must be a number > 0 and ≤ {maximum:g}, got {value!r}")
    return float(value)


def choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise BadInput(f"{_option(name)} must be one of {', '.join(choices)}, got {value!r}")
    return str(value)


def seed(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadInput(f"--seed must be an integer ≥ 0, got {value!r}")
    return value


def known_args(lab: str, args: Mapping[str, Any], known: tuple[str, ...]) -> None:
    unknown = sorted(set(args) - set(known))
    if unknown:
        raise BadInput(f"unknown argument(s) {', '.join(unknown)} for lab {lab}; it takes {', '.join(known)}")


def json_float(value: float | None) -> float | None:
    """JSON has no NaN or infinity: an exploded run's non-finite numbers become null."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")
