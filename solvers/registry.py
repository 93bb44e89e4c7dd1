"""The registry of named solvers: one decorator, one dict, and the one way to call a solver by name.

A solver declares its parameters in its signature. Each annotation is ``Annotated[type, Param]``, where the
``Param`` (from :mod:`solvers.params`) turns a JSON-like value into what the function expects, or raises
:class:`SolverInputError` naming the parameter. Defaults in the signature are the contract's defaults.

Beside the function, ``@solver`` takes its :class:`Lookup`: how a learner finds the solver and tries it.
"""

from __future__ import annotations

import inspect
import math
import re
import typing
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from solvers.errors import NOTHING, SolverInputError
from solvers.params import Param


@dataclass(frozen=True)
class Result:
    """What a solver returns: the answer, the contract's extra fields, its named steps in order, and the
    values it chose for defaults that depend on other parameters (a pooling stride equal to the window)."""

    answer: Any
    extras: dict[str, Any] = field(default_factory=dict)
    steps: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ParamSpec:
    name: str
    param: Param
    default: Any
    required: bool

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def no_option(self) -> str:
        """The flag that turns a true/false parameter off (--no-derivative); --derivative turns it on."""
        return "--no-" + self.option[2:]


@dataclass(frozen=True)
class Lookup:
    """How a learner finds a solver and tries it, declared just above it (``@solver("iou", IOU_LOOKUP)``): the
    ``keywords`` that name it, in Japanese and English (a part of its name between hyphens already does), the
    ``presets``, words that also fix a parameter ("relu" fixes the activation's name), and the ``example``: the
    values of the course question that uses it, which a call without parameters runs, and ``summary_ja``: the
    docstring's formula and conventions in Japanese, which `quiz explain` and `quiz solve` show in Japanese.

    Not written out in the decorator: `quiz explain` shows a solver's source, and this is not its code."""

    keywords: tuple[str, ...] = ()
    presets: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    example: Mapping[str, Any] = field(default_factory=dict)
    summary_ja: str = ""


@dataclass(frozen=True)
class SolverSpec:
    name: str
    function: Callable[..., Result]
    params: tuple[ParamSpec, ...]
    lookup: Lookup

    @property
    def words(self) -> tuple[str, ...]:
        """Every word declared for this solver: its name, its keywords, its preset words."""
        return (self.name, *self.lookup.keywords, *self.lookup.presets)

    def preset_for(self, word: str) -> Mapping[str, Any] | None:
        """The parameters ``word`` fixes when it names this solver (most fix none), or None when it does not: a
        preset word, a keyword or a part of the name between hyphens names it."""
        wanted = normal_word(word)
        presets = {normal_word(w): preset for w, preset in self.lookup.presets.items()}
        if wanted in presets:
            return presets[wanted]
        if wanted in self.name.split("-") or wanted in map(normal_word, (self.name, *self.lookup.keywords)):
            return {}
        return None

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.function) or ""

    def param(self, name: str) -> ParamSpec:
        for spec in self.params:
            if spec.name == name:
                return spec
        known = ", ".join(p.name for p in self.params)
        raise SolverInputError(
            name,
            f"a parameter of {self.name} ({known or 'none'})",
            ja=f"{self.name} のパラメータ（{known or 'なし'}）",
        )

    def resolve(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Coerce the given values and fill in defaults; unknown or missing parameters are errors."""
        for name in raw:
            self.param(name)
        resolved = {}
        for spec in self.params:
            if spec.name in raw:
                resolved[spec.name] = spec.param.coerce(spec.name, raw[spec.name])
            elif spec.required:
                raise SolverInputError(
                    spec.name,
                    f"a value ({spec.param.describe()})",
                    NOTHING,
                    ja=f"値（{spec.param.describe('ja')}）",
                )
            else:
                resolved[spec.name] = spec.default
        return resolved

    def __call__(self, **raw: Any) -> Result:
        return self.function(**self.resolve(raw))


SOLVERS: dict[str, SolverSpec] = {}


def solver(name: str, lookup: Lookup | None = None) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Register ``fn`` under ``name`` with its :class:`Lookup`; the function itself comes back unchanged. A solver
    with parameters must give the course's example."""

    def register(fn: Callable[..., Result]) -> Callable[..., Result]:
        if name in SOLVERS:
            raise ValueError(f"solver {name!r} is already registered")
        params, found = _param_specs(fn), lookup or Lookup()
        if params and not found.example:
            raise TypeError(f"{fn.__name__}: a solver with parameters needs Lookup(example=...) from the course")
        SOLVERS[name] = SolverSpec(name, fn, params, found)
        return fn

    return register


def get(name: str) -> SolverSpec:
    try:
        return SOLVERS[name]
    except KeyError:
        names = ", ".join(sorted(SOLVERS))
        raise SolverInputError("solver", f"one of {names}", name, ja=f"{names} のどれか") from None


@dataclass(frozen=True)
class Match:
    """A solver a learner's word names, with the parameters the word fixes ("relu": name=relu)."""

    spec: SolverSpec
    preset: Mapping[str, Any]


def normal_word(word: str) -> str:
    """The form words are compared in: NFKC (full width to ASCII), case folded, spaces and underscores as
    hyphens, so "Leaky ReLU", "leaky_relu" and "ｌｅａｋｙ-ｒｅｌｕ" are one word; between two Japanese
    characters, where Japanese puts no space, they go ("ソフト マックス" is ソフトマックス)."""
    folded = unicodedata.normalize("NFKC", word).casefold()
    joined = re.sub(r"(?<=[^\x00-\x7f])[\s_-]+(?=[^\x00-\x7f])", "", folded)
    return re.sub(r"[\s_-]+", "-", joined).strip("-")


def find(word: str) -> list[Match]:
    """The solvers ``word`` names, in name order; a solver's own name names that solver alone."""
    if (exact := normal_word(word)) in SOLVERS:
        return [Match(SOLVERS[exact], {})]
    named = ((spec, spec.preset_for(word)) for _, spec in sorted(SOLVERS.items()))
    return [Match(spec, preset) for spec, preset in named if preset is not None]


def _param_specs(fn: Callable[..., Result]) -> tuple[ParamSpec, ...]:
    hints = typing.get_type_hints(fn, include_extras=True)
    specs = []
    for p in inspect.signature(fn).parameters.values():
        metadata = getattr(hints.get(p.name), "__metadata__", ())
        param = next((m for m in metadata if isinstance(m, Param)), None)
        if param is None:
            raise TypeError(f"{fn.__name__}: parameter {p.name!r} needs Annotated[..., Param]")
        required = p.default is inspect.Parameter.empty
        specs.append(ParamSpec(p.name, param, None if required else p.default, required))
    return tuple(specs)


def jsonable(value: Any) -> Any:
    """Plain JSON data for a solver's answer, extras or steps: arrays become nested lists of floats/ints. JSON
    has no infinity (roc-auc's first threshold is +inf, as in sklearn): ±inf and NaN become the strings "inf",
    "-inf" and "nan", so that the output stays strict JSON."""
    import numpy as np

    if isinstance(value, np.ndarray):
        if value.dtype.kind == "f" and not np.isfinite(value).all():
            return jsonable(value.tolist())
        return value.tolist()
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value
