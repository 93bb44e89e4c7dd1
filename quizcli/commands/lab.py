"""`quiz lab`: the course's [try] implementation exercises as corrected, runnable experiments.

Only click is imported here; numpy, rich, plotext and :mod:`quizcli.labs` load inside the callbacks, so that
`quiz --help` stays light. Bad option values raise :class:`quizcli.errors.BadInput` from
:func:`quizcli.labs.make_config` (exit 2, one line, at the CLI edge).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import click

from quizcli.commands import options

JSON_OPTION = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON object (the progress bar, if any, goes to stderr)."
)
SEED_OPTION = click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed: the same seed gives the same numbers."
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def lab() -> None:
    """Run the course's implementation exercises ([try]) as corrected, reproducible experiments.

    \b
    Examples:
      quiz lab rnn-binary-addition                       the notes' baseline
      quiz lab rnn-binary-addition --init xavier --lr 0.3
      quiz lab predict-sin --maxlen 5 --iters 500
    """


@lab.command("rnn-binary-addition", short_help="Binary addition with a simple RNN (notebook 3_1_simple_RNN).")
@click.option("--hidden", type=int, default=16, show_default=True, help="Hidden units (the [try] uses 18).")
@click.option("--lr", type=float, default=0.1, show_default=True, help="Learning rate of plain SGD.")
@click.option(
    "--init",
    type=click.Choice(["std", "xavier", "he"]),
    default="std",
    show_default=True,
    help="Weights: std = init-std·randn; xavier = randn/√n_in; he = randn/√n_in·√2.",
)
@click.option(
    "--init-std",
    type=float,
    default=None,
    help="σ of the std initialisation (default 1; the [try] uses 2). Only with --init std.",
)
@click.option(
    "--activation",
    type=click.Choice(["sigmoid", "tanh", "relu"]),
    default="sigmoid",
    show_default=True,
    help="Hidden-layer activation (the output stays a sigmoid).",
)
@click.option("--iters", type=int, default=10_000, show_default=True, help="Training sequences, one SGD update each.")
@SEED_OPTION
@click.option(
    "--bias/--no-bias",
    default=False,
    show_default=True,
    help="Add biases b and c (the notes have none, which leaves a loss floor for tanh and ReLU).",
)
@JSON_OPTION
@options.lang
def rnn_binary_addition(as_json: bool, lang: str | None, **args: Any) -> None:
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


@lab.command("predict-sin", short_help="Predict and generate a sine wave (notebook 3_3_predict_sin).")
@click.option(
    "--maxlen",
    type=int,
    default=2,
    show_default=True,
    help="Window length: how many past values the model reads to predict the next.",
)
@click.option(
    "--iters",
    type=int,
    default=100,
    show_default=True,
    help="Passes over the training windows (the notebook's iters_num), one update per window.",
)
@click.option("--hidden", type=int, default=5, show_default=True, help="Hidden units.")
@click.option(
    "--cell",
    type=click.Choice(["rnn", "lstm", "gru"]),
    default="rnn",
    show_default=True,
    help="rnn: the notebook's tanh RNN; lstm, gru: the lstm-cell and gru-cell solvers.",
)
@SEED_OPTION
@JSON_OPTION
@options.lang
def predict_sin(as_json: bool, lang: str | None, **args: Any) -> None:
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


def _run(name: str, args: Mapping[str, Any], as_json: bool, lang: str | None) -> None:
    import json

    from quizcli import labs
    from quizcli.i18n import resolve_lang

    config = labs.make_config(name, args)
    out = options.console()
    bar_console = out if out.is_terminal and not as_json else options.console(stderr=True)
    outcome = _train_with_progress(labs, name, config, bar_console, resolve_lang(lang))
    if as_json:
        click.echo(json.dumps(outcome.to_dict(), ensure_ascii=False, allow_nan=False))
    else:
        out.print(outcome)


def _train_with_progress(labs: Any, name: str, config: Any, console: Any, lang: str) -> Any:
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
    reached = [0]

    def update(done: int, total: int, metrics: Mapping[str, float]) -> None:
        reached[0] = done
        bar.update(task, completed=done, metrics=_metrics_text(metrics, lang))

    try:
        with bar:
            task = bar.add_task(name, total=config.iters, metrics="")
            return labs.run(name, config, update, lang)
    except KeyboardInterrupt:
        click.echo(t(lang, "lab_stopped", done=reached[0], total=config.iters), err=True)
        raise


# The metrics a lab reports while training, in the order the progress line shows them.
_METRIC_MESSAGES = {
    "loss": "lab_progress_loss",
    "accuracy": "lab_progress_accuracy",
    "grad_norm": "lab_progress_grad_norm",
    "train_loss": "lab_progress_train_loss",
}


def _metrics_text(metrics: Mapping[str, float], lang: str) -> str:
    from quizcli.i18n import t

    return "  ".join(t(lang, key, value=metrics[name]) for name, key in _METRIC_MESSAGES.items() if name in metrics)
