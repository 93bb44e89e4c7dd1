"""The registry of named solvers: one decorator, one dict, and the one way to call a solver by name.

A solver declares its parameters in its signature. Each annotation is ``Annotated[type, Param]``, where the
``Param`` (from :mod:`solvers.params`) turns a JSON-like value into what the function expects, or raises
:class:`SolverInputError` naming the parameter. Defaults in the signature are the contract's defaults.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from solvers.errors import SolverInputError
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


@dataclass(frozen=True)
class SolverSpec:
    name: str
    function: Callable[..., Result]
    params: tuple[ParamSpec, ...]

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
        known = ", ".join(p.name for p in self.params) or "none"
        raise SolverInputError(name, f"a parameter of {self.name} ({known})")

    def resolve(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        """Coerce the given values and fill in defaults; unknown or missing parameters are errors."""
        for name in raw:
            self.param(name)
        resolved = {}
        for spec in self.params:
            if spec.name in raw:
                resolved[spec.name] = spec.param.coerce(spec.name, raw[spec.name])
            elif spec.required:
                raise SolverInputError(spec.name, f"a value ({spec.param.describe()})", "nothing")
            else:
                resolved[spec.name] = spec.default
        return resolved

    def __call__(self, **raw: Any) -> Result:
        return self.function(**self.resolve(raw))


SOLVERS: dict[str, SolverSpec] = {}


def solver(name: str) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Register ``fn`` under ``name``; the function itself comes back unchanged."""

    def register(fn: Callable[..., Result]) -> Callable[..., Result]:
        if name in SOLVERS:
            raise ValueError(f"solver {name!r} is already registered")
        SOLVERS[name] = SolverSpec(name, fn, _param_specs(fn))
        return fn

    return register


def get(name: str) -> SolverSpec:
    try:
        return SOLVERS[name]
    except KeyError:
        raise SolverInputError("solver", f"one of {', '.join(sorted(SOLVERS))}", name) from None


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
    """Plain JSON data for a solver's answer, extras or steps: arrays become nested lists of floats/ints."""
    import numpy as np

    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value
