"""What each lab can be told, declared once: a frozen Config per lab whose fields carry their default, the values
they accept and their help.

The labs train from these configurations, bank questions' ``lab.args`` and `quiz lab`'s options are checked by
:func:`checked`, and `quiz lab` makes its options from the same fields. Plain data without NumPy, so that
`quiz lab --help` can read it cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from quizcli.errors import BadInput

INITS = ("std", "xavier", "he")
ACTIVATIONS = ("sigmoid", "tanh", "relu")
CELLS = ("rnn", "lstm", "gru")

_SETTING = "setting"  # the key of a Config field's metadata that holds its Setting


@dataclass(frozen=True)
class Setting:
    """One Config field as a learner sets it: its default, the values it accepts and what it does."""

    default: int | float | str | bool
    help: str
    choices: tuple[str, ...] = ()
    minimum: int = 1  # integers only: the smallest accepted (numbers must be > 0)
    maximum: float | None = None
    conditional: bool = False  # applies only with certain other settings: unset unless given, and the lab decides

    @property
    def kind(self) -> type:
        return type(self.default)

    def check(self, name: str, value: Any) -> Any:
        """``value`` if this setting accepts it (an int given for a float becomes a float); else BadInput."""
        if self.kind is bool:
            if not isinstance(value, bool):
                raise BadInput(f"{option_name(name)} must be true or false, got {value!r}")
            return value
        if self.choices:
            if value not in self.choices:
                raise BadInput(f"{option_name(name)} must be one of {', '.join(self.choices)}, got {value!r}")
            return str(value)
        upper = float("inf") if self.maximum is None else self.maximum
        if self.kind is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= upper:
                raise BadInput(f"{option_name(name)} must be a number > 0 and ≤ {upper:g}, got {value!r}")
            return float(value)
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= upper:
            bounds = f"≥ {self.minimum}" if self.maximum is None else f"from {self.minimum} to {self.maximum}"
            raise BadInput(f"{option_name(name)} must be an integer {bounds}, got {value!r}")
        return value


def setting(default: Any, help: str, **accepts: Any) -> Any:
    """A Config field; ``help`` may name the default as ``{default}``."""
    return field(default=default, metadata={_SETTING: Setting(default, help.format(default=default), **accepts)})


def settings(config: type) -> dict[str, Setting]:
    """A Config's settings by field name, in declaration order (the order of `quiz lab`'s options)."""
    return {f.name: f.metadata[_SETTING] for f in fields(config)}


def option_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def _seed() -> Any:
    return setting(
        0,
        "Random seed: the same seed gives the same numbers on the same kind of CPU (another may round exp and tanh"
        " differently, which training amplifies).",
        minimum=0,
    )


@dataclass(frozen=True)
class LabConfig:
    name: ClassVar[str]  # the lab's name: `quiz lab NAME` and a bank's ``lab: {name}``

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BinaryAdditionConfig(LabConfig):
    """The notes' baseline by default: hidden 16, weight_init_std 1, learning_rate 0.1, 10,000 sequences."""

    name = "rnn-binary-addition"

    hidden: int = setting(16, "Hidden units (the [try] uses 18).", maximum=1024)
    lr: float = setting(0.1, "Learning rate of plain SGD.", maximum=100.0)
    init: str = setting(
        "std", "Weights: std = init-std·randn; xavier = randn/√n_in; he = randn/√n_in·√2.", choices=INITS
    )
    init_std: float | None = setting(  # None for xavier and he
        1.0,
        "σ of the std initialisation (default {default:g}; the [try] uses 2). Only with --init std.",
        maximum=1e3,
        conditional=True,
    )
    activation: str = setting("sigmoid", "Hidden-layer activation (the output stays a sigmoid).", choices=ACTIVATIONS)
    iters: int = setting(10_000, "Training sequences, one SGD update each.", maximum=1_000_000)
    seed: int = _seed()
    bias: bool = setting(
        False, "Add biases b and c (the notes have none, which leaves a loss floor for tanh and ReLU)."
    )


@dataclass(frozen=True)
class PredictSinConfig(LabConfig):
    """The notebook's [try] setting by default: maxlen 2, 100 iterations, 5 hidden units, a tanh RNN."""

    name = "predict-sin"

    maxlen: int = setting(2, "Window length: how many past values the model reads to predict the next.", maximum=100)
    iters: int = setting(
        100,
        "Passes over the training windows (the notebook's iters_num), one update per window.",
        maximum=1_000_000,
    )
    hidden: int = setting(5, "Hidden units.", maximum=256)
    cell: str = setting(
        "rnn", "rnn: the notebook's tanh RNN; lstm, gru: the lstm-cell and gru-cell solvers.", choices=CELLS
    )
    seed: int = _seed()


CONFIGS: dict[str, type[LabConfig]] = {config.name: config for config in (BinaryAdditionConfig, PredictSinConfig)}

AnyConfig = TypeVar("AnyConfig", bound=LabConfig)


def checked(config: type[AnyConfig], args: Mapping[str, Any]) -> AnyConfig:
    """A ``config`` from keyword arguments (a bank's ``lab.args`` or `quiz lab`'s options), each value checked.

    A setting left out keeps its default, and so does a conditional one given as None (not given on the command
    line). Raises BadInput for an unknown argument or a value the setting does not accept.
    """
    known = settings(config)
    unknown = sorted(set(args) - set(known))
    if unknown:
        raise BadInput(f"unknown argument(s) {', '.join(unknown)} for lab {config.name}; it takes {', '.join(known)}")
    values = {}
    for name, accepted in known.items():
        value = args.get(name, accepted.default)
        values[name] = accepted.check(name, accepted.default if value is None and accepted.conditional else value)
    return config(**values)
