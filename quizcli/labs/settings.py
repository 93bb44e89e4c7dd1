"""What each lab can be told, declared once: a frozen Config per lab whose fields carry their default and the values
they accept (their help, in both languages, is the catalogue's ``lab.NAME.FIELD`` in :mod:`quizcli.helptext`).

The labs train from these configurations, bank questions' ``lab.args`` and `quiz lab`'s options are checked by
:func:`checked`, and `quiz lab` makes its options from the same fields. Plain data without NumPy, so that
`quiz lab --help` can read it cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from quizcli.errors import BadInput, TranslatableBadInput

INITS = ("std", "xavier", "he")
ACTIVATIONS = ("sigmoid", "tanh", "relu")
CELLS = ("rnn", "lstm", "gru")
KMEANS_INITS = ("random", "kmeans++")
FUNCTIONS = ("bowl", "valley")
# The optimizers lab's six, by the optimizer-step solver's names, and each one's own learning rate on each
# function (see quizcli.labs.optimizers): on the bowl the course's figure's (which has no Nesterov or RMSProp),
# on the valley the best of a coarse grid for 30 steps.
OPTIMIZER_NAMES = {
    "sgd": "SGD",
    "momentum": "Momentum",
    "nesterov": "Nesterov",
    "adagrad": "AdaGrad",
    "rmsprop": "RMSProp",
    "adam": "Adam",
}
OPTIMIZER_RATES = {
    "bowl": {"sgd": 0.95, "momentum": 0.1, "nesterov": 0.1, "adagrad": 1.5, "rmsprop": 0.1, "adam": 0.3},
    "valley": {"sgd": 0.02, "momentum": 0.01, "nesterov": 0.01, "adagrad": 1.0, "rmsprop": 0.2, "adam": 0.5},
}


def _rates(function: str) -> str:
    return ", ".join(f"{OPTIMIZER_NAMES[name]} {rate:g}" for name, rate in OPTIMIZER_RATES[function].items())


_SETTING = "setting"  # the key of a Config field's metadata that holds its Setting


@dataclass(frozen=True)
class Setting:
    """One Config field as a learner sets it: its default, the values it accepts and what it does."""

    default: int | float | str | bool | None  # None only for a conditional setting, which then names its kind
    choices: tuple[str, ...] = ()
    minimum: int = 1  # integers only: the smallest accepted (numbers must be > 0)
    maximum: float | None = None
    conditional: bool = False  # applies only with certain other settings: unset unless given, and the lab decides
    value_type: type | None = None  # the kind of a setting whose default is None ("unless given, the lab decides")

    @property
    def kind(self) -> type:
        return self.value_type or type(self.default)

    def check(self, name: str, value: Any) -> Any:
        """``value`` if this setting accepts it (an int given for a float becomes a float); else BadInput."""
        if self.kind is bool:
            if not isinstance(value, bool):
                raise TranslatableBadInput("lab_not_bool", option=option_name(name), value=value)
            return value
        if self.choices:
            if value not in self.choices:
                choices = ", ".join(self.choices)
                raise TranslatableBadInput("lab_not_choice", option=option_name(name), choices=choices, value=value)
            return str(value)
        upper = float("inf") if self.maximum is None else self.maximum
        if self.kind is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= upper:
                raise TranslatableBadInput("lab_not_positive", option=option_name(name), upper=upper, value=value)
            return float(value)
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= upper:
            key = "lab_integer_at_least" if self.maximum is None else "lab_integer_between"
            raise TranslatableBadInput(key, option=option_name(name), low=self.minimum, high=self.maximum, value=value)
        return value


def setting(default: Any, **accepts: Any) -> Any:
    """A Config field: its default and the values it accepts."""
    return field(default=default, metadata={_SETTING: Setting(default, **accepts)})


def settings(config: type) -> dict[str, Setting]:
    """A Config's settings by field name, in declaration order (the order of `quiz lab`'s options)."""
    return {f.name: f.metadata[_SETTING] for f in fields(config)}


def help_values(config: type) -> dict[str, Any]:
    """What the help of a lab's settings may name: each setting's default by field name, and the optimizers' own
    learning rates on each function (``rates_bowl``, ``rates_valley``)."""
    defaults = {name: accepted.default for name, accepted in settings(config).items()}
    return {**defaults, "rates_bowl": _rates("bowl"), "rates_valley": _rates("valley")}


def option_name(name: str) -> str:
    return "--" + name.replace("_", "-")


def _seed() -> Any:
    return setting(
        0,
        minimum=0,
    )


@dataclass(frozen=True)
class LabConfig:
    name: ClassVar[str]  # the lab's name: `quiz lab NAME` and a bank's ``lab: {name}``
    budget: ClassVar[str] = "iters"  # the integer setting a progress bar counts and a quick run trims

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def make(cls: type[AnyConfig], **args: Any) -> AnyConfig:
        """A checked configuration from keyword arguments (the CLI's options or a bank's ``lab.args``).

        Raises:
            BadInput: an unknown argument or a value out of range.
        """
        return checked(cls, args)


@dataclass(frozen=True)
class BinaryAdditionConfig(LabConfig):
    """The notes' baseline by default: hidden 16, weight_init_std 1, learning_rate 0.1, 10,000 sequences."""

    name = "rnn-binary-addition"

    hidden: int = setting(16, maximum=1024)
    lr: float = setting(0.1, maximum=100.0)
    init: str = setting("std", choices=INITS)
    init_std: float | None = setting(1.0, maximum=1e3, conditional=True)  # None for xavier and he
    activation: str = setting("sigmoid", choices=ACTIVATIONS)
    iters: int = setting(10_000, maximum=1_000_000)
    seed: int = _seed()
    bias: bool = setting(False)


@dataclass(frozen=True)
class PredictSinConfig(LabConfig):
    """The notebook's [try] setting by default: maxlen 2, 100 iterations, 5 hidden units, a tanh RNN."""

    name = "predict-sin"

    maxlen: int = setting(2, maximum=100)
    iters: int = setting(
        100,
        maximum=1_000_000,
    )
    hidden: int = setting(5, maximum=256)
    cell: str = setting("rnn", choices=CELLS)
    seed: int = _seed()


@dataclass(frozen=True)
class KMeansConfig(LabConfig):
    """Lloyd's algorithm on three seeded Gaussian blobs, from k random points (Forgy) by default."""

    name = "kmeans"

    k: int = setting(3, maximum=9)
    init: str = setting(
        "random",
        choices=KMEANS_INITS,
    )
    seed: int = setting(0, minimum=0)
    iters: int = setting(100, maximum=10_000)


@dataclass(frozen=True)
class OptimizersConfig(LabConfig):
    """The course's comparison: 30 steps from (−7, 2) on f = x²/20 + y², each optimizer at its own rate."""

    name = "optimizers"
    budget = "steps"

    function: str = setting(
        "bowl",
        choices=FUNCTIONS,
    )
    steps: int = setting(30, maximum=200)
    lr: float | None = setting(
        None,
        maximum=100.0,
        conditional=True,
        value_type=float,
    )


@dataclass(frozen=True)
class QLearningConfig(LabConfig):
    """Sutton & Barto's Example 6.6: cliff walking, ε-greedy with ε 0.1, α 0.5, γ 1, 500 episodes."""

    name = "q-learning"
    budget = "episodes"

    episodes: int = setting(500, maximum=100_000)
    epsilon: float = setting(0.1, maximum=1.0)
    alpha: float = setting(0.5, maximum=1.0)
    gamma: float = setting(1.0, maximum=1.0)
    seed: int = setting(0, minimum=0)


CONFIGS: dict[str, type[LabConfig]] = {
    config.name: config
    for config in (BinaryAdditionConfig, PredictSinConfig, KMeansConfig, OptimizersConfig, QLearningConfig)
}

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
        if value is None and accepted.conditional:
            value = accepted.default
        values[name] = None if value is None and accepted.conditional else accepted.check(name, value)
    return config(**values)
