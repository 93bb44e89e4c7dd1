"""Parameter kinds: each turns a JSON-like value (from the command line, a params file or a bank) into what a
solver computes with, or raises :class:`SolverInputError` naming the parameter and what was expected.

Use them as annotations: ``stride: Annotated[int, Int(min=1)] = 1``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np

from solvers.errors import SolverInputError

MAX_ARRAY_SIZE = 10_000_000
_SIZE_SEPARATORS = re.compile(r"[x×*,\s]+")


def size_parts(text: str) -> list[int]:
    """The integers of a size as people write it: "5x5", "5×5", "5*5", "5,5", "5 5", "(5, 5)", "５×５", "5" →
    [5, 5] or [5]; at most four of them. ValueError for anything else.

    The one reader of written sizes: a Size parameter and the study session's shape answers
    (quizcli.study.grading) both use it, so `quiz solve` accepts every form a session does.
    """
    body = unicodedata.normalize("NFKC", text).strip().lower().strip("()[]")
    parts = [part for part in _SIZE_SEPARATORS.split(body) if part]
    if not parts or len(parts) > 4 or not all(part.isdecimal() for part in parts):
        raise ValueError(f"not a size: {text!r}")
    return [int(part) for part in parts]


class Param:
    """Base of all parameter kinds."""

    def coerce(self, name: str, value: Any) -> Any:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError


def _bounds_text(minimum: float | None, maximum: float | None, exclusive_min: bool = False) -> str:
    parts = []
    if minimum is not None:
        parts.append(f"{'>' if exclusive_min else '≥'} {minimum:g}")
    if maximum is not None:
        parts.append(f"≤ {maximum:g}")
    return " and ".join(parts)


def _as_int(name: str, value: Any, expected: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise SolverInputError(name, expected, value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value) or value != int(value):
            raise SolverInputError(name, expected, value)
    return int(value)


class Int(Param):
    def __init__(self, min: int | None = None, max: int | None = None) -> None:
        self.min, self.max = min, max

    def describe(self) -> str:
        bounds = _bounds_text(self.min, self.max)
        return f"an integer {bounds}".rstrip()

    def coerce(self, name: str, value: Any) -> int:
        number = _as_int(name, value, self.describe())
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            raise SolverInputError(name, self.describe(), value)
        return number


class Number(Param):
    def __init__(self, min: float | None = None, max: float | None = None, exclusive_min: bool = False) -> None:
        self.min, self.max, self.exclusive_min = min, max, exclusive_min

    def describe(self) -> str:
        bounds = _bounds_text(self.min, self.max, self.exclusive_min)
        return f"a finite number {bounds}".rstrip()

    def coerce(self, name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise SolverInputError(name, self.describe(), value)
        number = float(value)
        too_low = self.min is not None and (number <= self.min if self.exclusive_min else number < self.min)
        too_high = self.max is not None and number > self.max
        if not math.isfinite(number) or too_low or too_high:
            raise SolverInputError(name, self.describe(), value)
        return number


class Size(Param):
    """An integer, or a pair [h, w] of integers, each at least ``min``; also written as text ("5x5", "5")."""

    def __init__(self, min: int = 1) -> None:
        self.min = min

    def describe(self) -> str:
        return f"an integer ≥ {self.min} or a pair like 5x5"

    def coerce(self, name: str, value: Any) -> int | tuple[int, int]:
        if isinstance(value, str):
            value = self._read(name, value)
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise SolverInputError(name, self.describe(), value)
            first, second = (_as_int(name, v, self.describe()) for v in value)
            if min(first, second) < self.min:
                raise SolverInputError(name, self.describe(), value)
            return first, second
        number = _as_int(name, value, self.describe())
        if number < self.min:
            raise SolverInputError(name, self.describe(), value)
        return number

    def _read(self, name: str, text: str) -> int | list[int]:
        try:
            parts = size_parts(text)
        except ValueError:
            raise SolverInputError(name, self.describe(), text) from None
        return parts[0] if len(parts) == 1 else parts


class Bool(Param):
    def describe(self) -> str:
        return "true or false"

    def coerce(self, name: str, value: Any) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise SolverInputError(name, self.describe(), value)


class Choice(Param):
    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def describe(self) -> str:
        return "one of " + ", ".join(self.choices)

    def coerce(self, name: str, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise SolverInputError(name, self.describe(), value)
        return value


class Array(Param):
    """A numeric array (nested lists), float64 by default; ``ndim`` is one allowed rank or a tuple of them.

    ``shape`` describes the expected layout for messages, e.g. "[N, 4]".
    """

    def __init__(self, ndim: int | Sequence[int] | None = None, shape: str = "", dtype: str = "float") -> None:
        self.ndims = (ndim,) if isinstance(ndim, int) else tuple(ndim) if ndim is not None else None
        self.shape = shape
        self.dtype = dtype

    def describe(self) -> str:
        kind = {"float": "a numeric array", "int": "an integer array", "bool": "an array of true/false"}[self.dtype]
        if self.shape:
            return f"{kind} of shape {self.shape}"
        if self.ndims == (0, 1):
            return f"a number or {kind[2:] if kind.startswith('a ') else kind} (1-D)"
        if self.ndims:
            return f"{kind} with {' or '.join(map(str, self.ndims))} dimension(s)"
        return kind

    def coerce(self, name: str, value: Any) -> np.ndarray:
        if isinstance(value, (str, bytes, dict)) or value is None:
            raise SolverInputError(name, self.describe(), value)
        if isinstance(value, (bool, np.bool_)) and self.dtype != "bool":
            raise SolverInputError(name, self.describe(), value)
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            raise SolverInputError(name, self.describe() + " (rectangular)", value) from None
        if array.size > MAX_ARRAY_SIZE:
            raise SolverInputError(name, f"at most {MAX_ARRAY_SIZE:,} entries", f"{array.size:,}")
        if self.ndims is not None and array.ndim not in self.ndims:
            raise SolverInputError(name, self.describe(), value)
        return self._convert(name, array, value)

    def _convert(self, name: str, array: np.ndarray, value: Any) -> np.ndarray:
        if self.dtype == "bool":
            if array.size and array.dtype != np.bool_ and not np.isin(array, (0, 1)).all():
                raise SolverInputError(name, self.describe(), value)
            return array.astype(bool)
        if array.dtype.kind not in "biuf" or (array.dtype == np.bool_ and array.size):
            raise SolverInputError(name, self.describe(), value)
        converted = array.astype(np.float64)
        if not np.isfinite(converted).all():
            raise SolverInputError(name, self.describe() + " of finite values (no NaN or inf)", value)
        if self.dtype == "int":
            # 2⁶³ and beyond do not fit an int64: the cast would warn and wrap around.
            if not (converted == np.round(converted)).all() or (np.abs(converted) >= 2.0**63).any():
                raise SolverInputError(name, self.describe(), value)
            return converted.astype(np.int64)
        return converted


class IntList(Param):
    """A non-empty list of integers, each at least ``min``."""

    def __init__(self, min: int = 1) -> None:
        self.min = min

    def describe(self) -> str:
        return f"a list of integers ≥ {self.min}"

    def coerce(self, name: str, value: Any) -> tuple[int, ...]:
        if not isinstance(value, (list, tuple)) or not value:
            raise SolverInputError(name, self.describe(), value)
        numbers = tuple(_as_int(name, v, self.describe()) for v in value)
        if min(numbers) < self.min:
            raise SolverInputError(name, self.describe(), value)
        return numbers


class Optional(Param):
    """``inner``, or null (the solver's default applies)."""

    def __init__(self, inner: Param) -> None:
        self.inner = inner

    def describe(self) -> str:
        return self.inner.describe() + " (optional)"

    def coerce(self, name: str, value: Any) -> Any:
        return None if value is None else self.inner.coerce(name, value)
