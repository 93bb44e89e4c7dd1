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

    def describe(self, lang: str = "en") -> str:
        """What the parameter accepts, as a noun phrase in ``lang`` ("en" or "ja")."""
        raise NotImplementedError

    def refused(self, name: str, value: Any) -> SolverInputError:
        """The error for a ``value`` this kind does not accept."""
        return SolverInputError(name, self.describe(), value, ja=self.describe("ja"))


def _japanese(*parts: str) -> str:
    """Japanese phrases joined as the project sets them: a space between Japanese and ASCII ("形が [N, 4] の"),
    none between two Japanese characters or beside Japanese punctuation ("[C]（…）の")."""
    text = parts[0]
    for part in parts[1:]:
        left, right = text[-1], part[0]
        between_scripts = left.isascii() != right.isascii() and not {left, right} & set("（）、。「」")
        text += (" " if between_scripts and " " not in (left, right) else "") + part
    return text


def _bounds_text(minimum: float | None, maximum: float | None, exclusive_min: bool, lang: str) -> str:
    if lang == "ja":  # a noun follows: "1 以上の整数", "0 より大きい数"
        if minimum is None:
            return f"{maximum:g} 以下の" if maximum is not None else ""
        if maximum is None:
            return f"{minimum:g} より大きい" if exclusive_min else f"{minimum:g} 以上の"
        return f"{minimum:g} より大きく {maximum:g} 以下の" if exclusive_min else f"{minimum:g}〜{maximum:g} の"
    parts = [f"{'>' if exclusive_min else '≥'} {minimum:g}"] if minimum is not None else []
    parts += [f"≤ {maximum:g}"] if maximum is not None else []
    return " and ".join(parts)


def _as_int(name: str, value: Any, kind: Param) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise kind.refused(name, value)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value) or value != int(value):
            raise kind.refused(name, value)
    return int(value)


class Int(Param):
    def __init__(self, min: int | None = None, max: int | None = None) -> None:
        self.min, self.max = min, max

    def describe(self, lang: str = "en") -> str:
        bounds = _bounds_text(self.min, self.max, False, lang)
        return f"{bounds}整数" if lang == "ja" else f"an integer {bounds}".rstrip()

    def coerce(self, name: str, value: Any) -> int:
        number = _as_int(name, value, self)
        if (self.min is not None and number < self.min) or (self.max is not None and number > self.max):
            raise self.refused(name, value)
        return number


class Number(Param):
    def __init__(self, min: float | None = None, max: float | None = None, exclusive_min: bool = False) -> None:
        self.min, self.max, self.exclusive_min = min, max, exclusive_min

    def describe(self, lang: str = "en") -> str:
        bounds = _bounds_text(self.min, self.max, self.exclusive_min, lang)
        return f"{bounds}有限の数" if lang == "ja" else f"a finite number {bounds}".rstrip()

    def coerce(self, name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise self.refused(name, value)
        number = float(value)
        too_low = self.min is not None and (number <= self.min if self.exclusive_min else number < self.min)
        too_high = self.max is not None and number > self.max
        if not math.isfinite(number) or too_low or too_high:
            raise self.refused(name, value)
        return number


class Size(Param):
    """An integer, or a pair [h, w] of integers, each at least ``min``; also written as text ("5x5", "5")."""

    def __init__(self, min: int = 1) -> None:
        self.min = min

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return f"{self.min} 以上の整数、または 5x5 のような組"
        return f"an integer ≥ {self.min} or a pair like 5x5"

    def coerce(self, name: str, value: Any) -> int | tuple[int, int]:
        if isinstance(value, str):
            value = self._read(name, value)
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise self.refused(name, value)
            first, second = (_as_int(name, v, self) for v in value)
            if min(first, second) < self.min:
                raise self.refused(name, value)
            return first, second
        number = _as_int(name, value, self)
        if number < self.min:
            raise self.refused(name, value)
        return number

    def _read(self, name: str, text: str) -> int | list[int]:
        try:
            parts = size_parts(text)
        except ValueError:
            raise self.refused(name, text) from None
        return parts[0] if len(parts) == 1 else parts


class Bool(Param):
    def describe(self, lang: str = "en") -> str:
        return "true か false" if lang == "ja" else "true or false"

    def coerce(self, name: str, value: Any) -> bool:
        if isinstance(value, (bool, np.bool_)):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise self.refused(name, value)


class Choice(Param):
    def __init__(self, *choices: str) -> None:
        self.choices = choices

    def describe(self, lang: str = "en") -> str:
        return "、".join(self.choices) + " のどれか" if lang == "ja" else "one of " + ", ".join(self.choices)

    def coerce(self, name: str, value: Any) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise self.refused(name, value)
        return value


_ARRAY_KINDS = {
    "float": ("a numeric array", "数値の配列"),
    "int": ("an integer array", "整数の配列"),
    "bool": ("an array of true/false", "true/false の配列"),
}


class Array(Param):
    """A numeric array (nested lists), float64 by default; ``ndim`` is one allowed rank or a tuple of them.

    ``shape`` describes the expected layout for messages, e.g. "[N, 4]"; ``shape_ja`` is its Japanese where it has
    words ("[N] of 0/1"), not only symbols and "or".
    """

    def __init__(
        self,
        ndim: int | Sequence[int] | None = None,
        shape: str = "",
        dtype: str = "float",
        shape_ja: str | None = None,
    ) -> None:
        self.ndims = (ndim,) if isinstance(ndim, int) else tuple(ndim) if ndim is not None else None
        self.shape = shape
        self.shape_ja = shape_ja if shape_ja is not None else shape.replace(" or ", " か ")
        self.dtype = dtype

    def describe(self, lang: str = "en") -> str:
        english, japanese = _ARRAY_KINDS[self.dtype]
        if lang == "ja":
            if self.shape:
                return _japanese("形が", self.shape_ja, "の", japanese)
            if self.ndims == (0, 1):
                return _japanese("数値、または", japanese, "（1 次元）")
            return _japanese(" か ".join(map(str, self.ndims)), "次元の", japanese) if self.ndims else japanese
        if self.shape:
            return f"{english} of shape {self.shape}"
        if self.ndims == (0, 1):
            return f"a number or {english.removeprefix('a ').removeprefix('an ')} (1-D)"
        if self.ndims:
            return f"{english} with {' or '.join(map(str, self.ndims))} dimension(s)"
        return english

    def coerce(self, name: str, value: Any) -> np.ndarray:
        if isinstance(value, (str, bytes, dict)) or value is None:
            raise self.refused(name, value)
        if isinstance(value, (bool, np.bool_)) and self.dtype != "bool":
            raise self.refused(name, value)
        try:
            array = np.asarray(value)
        except (ValueError, TypeError):
            raise SolverInputError(
                name, self.describe() + " (rectangular)", value, ja=f"長方形の{self.describe('ja')}"
            ) from None
        if array.size > MAX_ARRAY_SIZE:
            raise SolverInputError(
                name, f"at most {MAX_ARRAY_SIZE:,} entries", f"{array.size:,}", ja=f"要素 {MAX_ARRAY_SIZE:,} 個以下"
            )
        if self.ndims is not None and array.ndim not in self.ndims:
            raise self.refused(name, value)
        return self._convert(name, array, value)

    def _convert(self, name: str, array: np.ndarray, value: Any) -> np.ndarray:
        if self.dtype == "bool":
            if array.size and array.dtype != np.bool_ and not np.isin(array, (0, 1)).all():
                raise self.refused(name, value)
            return array.astype(bool)
        if array.dtype.kind not in "biuf" or (array.dtype == np.bool_ and array.size):
            raise self.refused(name, value)
        converted = array.astype(np.float64)
        if not np.isfinite(converted).all():
            raise SolverInputError(
                name,
                self.describe() + " of finite values (no NaN or inf)",
                value,
                ja=f"有限の値（NaN や inf でない）だけの{self.describe('ja')}",
            )
        if self.dtype == "int":
            # 2⁶³ and beyond do not fit an int64: the cast would warn and wrap around.
            if not (converted == np.round(converted)).all() or (np.abs(converted) >= 2.0**63).any():
                raise self.refused(name, value)
            return converted.astype(np.int64)
        return converted


class IntList(Param):
    """A non-empty list of integers, each at least ``min``."""

    def __init__(self, min: int = 1) -> None:
        self.min = min

    def describe(self, lang: str = "en") -> str:
        return f"{self.min} 以上の整数のリスト" if lang == "ja" else f"a list of integers ≥ {self.min}"

    def coerce(self, name: str, value: Any) -> tuple[int, ...]:
        if not isinstance(value, (list, tuple)) or not value:
            raise self.refused(name, value)
        numbers = tuple(_as_int(name, v, self) for v in value)
        if min(numbers) < self.min:
            raise self.refused(name, value)
        return numbers


class Optional(Param):
    """``inner``, or null (the solver's default applies)."""

    def __init__(self, inner: Param) -> None:
        self.inner = inner

    def describe(self, lang: str = "en") -> str:
        return self.inner.describe(lang) + ("（省略可）" if lang == "ja" else " (optional)")

    def coerce(self, name: str, value: Any) -> Any:
        return None if value is None else self.inner.coerce(name, value)
