"""Run a lab by name: check its arguments, train it (trimmed to a few seconds for the explain screen) and hand
back an :class:`Outcome` to print or to turn into JSON."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from quizcli.errors import BadInput
from quizcli.labs import binary_addition, kmeans, optimizers, predict_sin, q_learning
from quizcli.labs.common import Progress

LABS = {module.NAME: module for module in (binary_addition, predict_sin, kmeans, optimizers, q_learning)}

QUICK_SECONDS = 10.0  # run_for_question(quick=True) trims runs estimated to take longer than this …
QUICK_TARGET_SECONDS = 6.0  # … to about this long

# Rough costs on the project's 2-core machine (measured under load, so on the high side): seconds per
# training sequence, and per training window plus per window step for each predict-sin cell.
_SECONDS_PER_SEQUENCE = 300e-6
_SECONDS_PER_WINDOW = {"rnn": (60e-6, 8e-6), "lstm": (80e-6, 90e-6), "gru": (75e-6, 30e-6)}
# kmeans: a run stops within about 20 Lloyd steps of 0.1 ms, whatever --iters allows. optimizers: step t of
# each of the six replays t solver steps (~12 µs each) in one call (~60 µs). q-learning: per episode of each
# method, mostly its early, long episodes (500 episodes of both take 0.5–0.7 s, up to 1.6 s under load).
_SECONDS_KMEANS = 0.05
_SECONDS_PER_OPTIMIZER_STEP = (15e-6, 100e-6)
_SECONDS_PER_EPISODE = 1.5e-3


@dataclass(frozen=True)
class Outcome:
    """A finished lab run: data for --json (:meth:`to_dict`) and a Rich renderable for the screen.

    ``full_iters`` is set when a quick run trained fewer iterations (the lab's budget: iters, steps or
    episodes) than the configuration asks for; ``lang``
    is the language of the screen rendering (``to_dict`` has none).
    """

    name: str
    run: Any  # the lab module's Run
    full_iters: int | None = None  # the configuration's budget (iters, steps or episodes) a quick run trimmed
    lang: str = "en"

    @property
    def config(self) -> Any:
        return self.run.config

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = self.run.to_dict()
        return document

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        from quizcli.labs import render

        yield from render.outcome(self, console, options)


def make_config(name: str, args: Mapping[str, Any] | None = None) -> Any:
    """The checked configuration of lab ``name`` from its arguments (a bank's ``lab.args`` or CLI options).

    Raises:
        BadInput: an unknown lab, an unknown argument or a value out of range.
    """
    if name not in LABS:
        raise BadInput(f"unknown lab {name!r}; the labs are {', '.join(LABS)}")
    return LABS[name].make_config(**dict(args or {}))


def run(name: str, config: Any, progress: Progress | None = None, lang: str = "en") -> Outcome:
    """Train lab ``name`` with a configuration from :func:`make_config`; ``lang`` is the rendering's language."""
    return Outcome(name, LABS[name].train(config, progress), lang=lang)


def estimate_seconds(name: str, config: Any) -> float:
    """A rough guess of how long :func:`run` takes here, from fixed costs (so quick runs are the same everywhere)."""
    if name == binary_addition.NAME:
        matmul = 40 * config.hidden**2 * 1e-9  # three H×H products per step beyond the fixed overhead
        seconds: float = config.iters * (_SECONDS_PER_SEQUENCE + matmul)
        return seconds
    if name == kmeans.NAME:
        return _SECONDS_KMEANS
    if name == optimizers.NAME:
        per_step, per_call = _SECONDS_PER_OPTIMIZER_STEP
        steps: int = config.steps
        return len(optimizers.OPTIMIZERS) * (steps * (steps + 1) / 2 * per_step + steps * per_call)
    if name == q_learning.NAME:
        episodes: int = config.episodes
        return len(q_learning.METHODS) * episodes * _SECONDS_PER_EPISODE
    per_window, per_step = _SECONDS_PER_WINDOW[config.cell]
    windows = int((1 - predict_sin.TEST_SHARE) * (predict_sin.POINTS - config.maxlen))
    scale = max(1.0, config.hidden / 16) ** 2  # small cells are all overhead; large ones pay for the products
    seconds = config.iters * windows * (per_window + per_step * config.maxlen * scale)
    return seconds


def run_for_question(lab_spec: Mapping[str, Any], quick: bool, lang: str = "en") -> Outcome:
    """Run a bank question's ``lab: {name, args}`` for the explain screen.

    With ``quick``, a configuration estimated to take over ~10 s trains proportionally fewer iterations (its
    budget: iters, steps or episodes), to take about 6 s (the same seed, so the same numbers every time);
    ``Outcome.full_iters`` then holds the bank's count, and the rendering says so and shows the command for the
    full run. Print the result with Rich (``console.print(outcome)``, in ``lang``) or use ``outcome.to_dict()``.

    Raises:
        BadInput: the spec names an unknown lab or gives arguments the lab does not take.
    """
    name = lab_spec.get("name")
    if not isinstance(name, str):
        raise BadInput(f"a lab spec needs a name, got {lab_spec!r}")
    config = make_config(name, lab_spec.get("args") or {})
    estimate = estimate_seconds(name, config)
    if not quick or estimate <= QUICK_SECONDS:
        return run(name, config, lang=lang)
    full = budget(config)
    trimmed = replace(config, **{config.budget: max(1, int(full * QUICK_TARGET_SECONDS / estimate))})
    return Outcome(name, LABS[name].train(trimmed), full_iters=full, lang=lang)


def budget(config: Any) -> int:
    """The configuration's iterations, steps or episodes: what a progress bar counts and a quick run trims."""
    value: int = getattr(config, config.budget)
    return value


def command_line(name: str, config: Any) -> str:
    """The `quiz lab` command that reproduces ``config`` (options at their defaults are left out)."""
    defaults = LABS[name].Config()
    words = ["quiz", "lab", name]
    for key, value in vars(config).items():
        if value == getattr(defaults, key) or value is None:
            continue
        option = "--" + key.replace("_", "-")
        if isinstance(value, bool):
            words.append(option if value else "--no-" + key.replace("_", "-"))
        else:
            words += [option, f"{value:g}" if isinstance(value, float) else str(value)]
    return " ".join(words)
