"""`quiz lab`: the course's [try] implementation exercises as corrected, runnable experiments.

Each lab's settings become its command's options (defaults, choices and help included), read from the lab's
Config in :mod:`quizcli.labs.settings` when the command is first asked for. Only click is imported here;
the settings, numpy, rich, plotext and the labs load later, so that `quiz --help` stays light. Bad option
values raise :class:`quizcli.errors.BadInput` from :func:`quizcli.labs.runner.make_config` (exit 2, one line,
at the CLI edge).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, cast

import click

from quizcli.commands import options

if TYPE_CHECKING:
    from quizcli.labs.settings import Setting

JSON_OPTION = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON object (the progress bar, if any, goes to stderr)."
)


class LabCommands(click.Group):
    """The labs' commands, each given its settings' options when first asked for (not at start-up, which would
    load quizcli.labs for every `quiz` command)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_LABS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return _with_settings(name) if name in _LABS else None


@click.group(cls=LabCommands, context_settings={"help_option_names": ["-h", "--help"]})
def lab() -> None:
    """Run the course's implementation exercises ([try]) as corrected, reproducible experiments.

    \b
    Examples:
      quiz lab rnn-binary-addition                       the notes' baseline
      quiz lab rnn-binary-addition --init xavier --lr 0.3
      quiz lab predict-sin --maxlen 5 --iters 500
      quiz lab kmeans --seed 5 --init kmeans++
      quiz lab optimizers --function valley
      quiz lab q-learning --epsilon 0.05
    """


@click.command("rnn-binary-addition", short_help="Binary addition with a simple RNN (notebook 3_1_simple_RNN).")
@JSON_OPTION
@options.lang
def rnn_binary_addition(as_json: bool, lang: str, **args: Any) -> None:
    """Train the simple RNN of notebook 3_1_simple_RNN to add 8-bit numbers, bugs fixed.

    Shows the running loss and accuracy, then the loss curve, sample sums and a summary: when the last 500
    sequences were first all right (converged_at), the final loss and accuracy, and the largest gradient
    norm, so that exploding gradients show. The defaults are the notes' baseline.

    \b
    Examples:
      quiz lab rnn-binary-addition
      quiz lab rnn-binary-addition --hidden 18 --init-std 2 --lr 0.3 --seed 2
      quiz lab rnn-binary-addition --init he --lr 0.3 --seed 1
      quiz lab rnn-binary-addition --activation relu --init xavier --hidden 18 --lr 0.3
      quiz lab rnn-binary-addition --iters 3000 --json > run.json
    """
    _run("rnn-binary-addition", args, as_json, lang)


@click.command("predict-sin", short_help="Predict and generate a sine wave (notebook 3_3_predict_sin).")
@JSON_OPTION
@options.lang
def predict_sin(as_json: bool, lang: str, **args: Any) -> None:
    """Predict a sine's next value from the previous maxlen (notebook 3_3_predict_sin, bugs fixed).

    Reports the one-step test loss, then generates 200 steps by feeding predictions back in, plots them
    against the true sine and reports the generation RMSE, with why the two can differ so much.

    \b
    Examples:
      quiz lab predict-sin
      quiz lab predict-sin --maxlen 5 --iters 500
      quiz lab predict-sin --cell gru --iters 50
      quiz lab predict-sin --json
    """
    _run("predict-sin", args, as_json, lang)


@click.command("kmeans", short_help="k-means step by step on three Gaussian blobs.")
@JSON_OPTION
@options.lang
def kmeans(as_json: bool, lang: str, **args: Any) -> None:
    """Cluster 180 seeded 2-D points (three Gaussian blobs) with k-means, one Lloyd step at a time.

    Each step is the kmeans-step solver: assign every point to its nearest centroid, move each centroid to
    the mean of its points, until no point changes cluster. Shows the final clusters with the path of each
    centroid, the inertia per step (it never increases) and the steps in a table. With --init random, some
    seeds end in a local minimum (one blob split, two merged); kmeans++ spreads the starting centroids.

    \b
    Examples:
      quiz lab kmeans
      quiz lab kmeans --seed 5                  a local minimum
      quiz lab kmeans --seed 5 --init kmeans++
      quiz lab kmeans --k 5 --json > kmeans.json
    """
    _run("kmeans", args, as_json, lang)


@click.command("optimizers", short_help="SGD, Momentum, Nesterov, AdaGrad, RMSProp and Adam on a 2-D function.")
@JSON_OPTION
@options.lang
def optimizers(as_json: bool, lang: str, **args: Any) -> None:
    """Race six optimizers on a 2-D function, step by step with the optimizer-step solver (torch.optim's rules).

    Draws each optimizer's path over the function's contour lines, then a table of its learning rate, final
    point, final f and steps. bowl is the course's figure, f = x²/20 + y² from (−7, 2), each optimizer at the
    course's rate; valley is a Rosenbrock-like curved valley. --lr sets one rate for all six.

    \b
    Examples:
      quiz lab optimizers
      quiz lab optimizers --function valley
      quiz lab optimizers --lr 0.1 --steps 100
      quiz lab optimizers --json > paths.json
    """
    _run("optimizers", args, as_json, lang)


@click.command("q-learning", short_help="Q-learning and SARSA on the cliff-walking grid (Sutton & Barto 6.6).")
@JSON_OPTION
@options.lang
def q_learning(as_json: bool, lang: str, **args: Any) -> None:
    """Learn cliff walking with Q-learning and SARSA, ε-greedy, one q-update solver call per step.

    Shows both learning curves (the reward of each episode, smoothed), each method's learned greedy path on
    the 4 × 12 grid and a summary: Q-learning's path runs along the cliff's edge (the shortest), SARSA's keeps
    away from it, yet SARSA earns more per episode while exploring.

    \b
    Examples:
      quiz lab q-learning
      quiz lab q-learning --epsilon 0.01 --episodes 1000
      quiz lab q-learning --seed 3 --lang ja
      quiz lab q-learning --json > cliff.json
    """
    _run("q-learning", args, as_json, lang)


# click types a command's name str | None; these were given theirs in @click.command above.
_LABS = {
    cast(str, command.name): command for command in (rnn_binary_addition, predict_sin, kmeans, optimizers, q_learning)
}


@cache
def _with_settings(name: str) -> click.Command:
    """The lab's command with an option for each of its settings put first, in the Config's order."""
    from quizcli.labs.settings import CONFIGS, settings

    command = _LABS[name]
    command.params[:0] = [_setting_option(field, setting) for field, setting in settings(CONFIGS[name]).items()]
    return command


def _setting_option(field: str, setting: Setting) -> click.Option:
    from quizcli.labs.settings import option_name

    name = option_name(field)
    if setting.kind is bool:
        return click.Option([f"{name}/--no-{name[2:]}"], default=setting.default, show_default=True, help=setting.help)
    if setting.conditional:  # left unset, so that the lab can tell whether it was given
        return click.Option([name], type=setting.kind, default=None, help=setting.help)
    kind = click.Choice(setting.choices) if setting.choices else setting.kind
    return click.Option([name], type=kind, default=setting.default, show_default=True, help=setting.help)


def _run(name: str, args: Mapping[str, Any], as_json: bool, lang: str) -> None:
    import json

    from quizcli.labs import runner

    config = runner.make_config(name, args)
    out = options.console()
    bar_console = out if out.is_terminal and not as_json else options.console(stderr=True)
    outcome = _train_with_progress(runner, name, config, bar_console, lang)
    if as_json:
        click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, allow_nan=False))
    else:
        out.print(outcome)


def _train_with_progress(runner: Any, name: str, config: Any, console: Any, lang: str) -> Any:
    """Train under a Rich progress bar (shown only on a terminal); Ctrl-C closes it and says how far it got."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from quizcli.i18n import t

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[metrics]}"),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    reached = [0, getattr(config, config.budget)]  # done, and the total the lab counts (iters, steps, episodes)

    def update(done: int, total: int, metrics: Mapping[str, float]) -> None:
        reached[:] = [done, total]
        bar.update(task, completed=done, total=total, metrics=_metrics_text(metrics, lang))

    try:
        with bar:
            task = bar.add_task(name, total=reached[1], metrics="")
            return runner.run(name, config, update, lang)
    except KeyboardInterrupt:
        click.echo(t(lang, "lab_stopped", done=reached[0], total=reached[1]), err=True)
        raise


# The metrics a lab reports while training, in the order the progress line shows them.
_METRIC_MESSAGES = {
    "loss": "lab_progress_loss",
    "accuracy": "lab_progress_accuracy",
    "grad_norm": "lab_progress_grad_norm",
    "train_loss": "lab_progress_train_loss",
    "inertia": "lab_progress_inertia",
    "reward": "lab_progress_reward",
}


def _metrics_text(metrics: Mapping[str, float], lang: str) -> str:
    from quizcli.i18n import t

    return "  ".join(t(lang, key, value=metrics[name]) for name, key in _METRIC_MESSAGES.items() if name in metrics)
