"""Draw a lab's outcome with Rich: a plotext chart, a table of results and what to read from them.

Charts are built as strings (``plotext.build``) at a fixed size, so they read the same in a terminal, a pipe or
a test; the figure is cleared before and after each one (plotext keeps global state).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text

from quizcli import labs
from quizcli.labs import binary_addition, predict_sin

PLOT_WIDTH, PLOT_HEIGHT = 70, 15
EXPLODING_NORM = 15.0  # converging sigmoid runs peak at about 4–11; failing ReLU runs at 19–83


def outcome(result: labs.Outcome, console: Console, options: ConsoleOptions) -> Iterator[Any]:
    width = min(PLOT_WIDTH, options.max_width)
    color = console.is_terminal and not console.no_color
    draw = _binary_addition if result.name == binary_addition.NAME else _predict_sin
    yield from draw(result.run, width=width, color=color)
    if result.full_iters is not None:
        full = labs.command_line(result.name, _with_iters(result.config, result.full_iters))
        yield Text(f"\nQuick run: {result.config.iters:,} of {result.full_iters:,} iterations, so that it takes "
                   f"about {labs.QUICK_TARGET_SECONDS:.0f} s. The full run: {full}", style="dim")


def _with_iters(config: Any, iters: int) -> Any:
    return replace(config, iters=iters)


def plot(series: Sequence[tuple[str, Sequence[float], Sequence[float], str, str]], *, title: str, xlabel: str,
         width: int = PLOT_WIDTH, color: bool = False, log_y: bool = False) -> Text:
    """A line chart of (label, xs, ys, marker, colour) series; points that are not finite are left out."""
    import plotext as plt

    plt.clear_figure()
    try:
        plt.plotsize(width, PLOT_HEIGHT)
        plt.theme("clear")
        for label, xs, ys, marker, line_color in series:
            points = [(x, y) for x, y in zip(xs, ys, strict=True)
                      if math.isfinite(y) and (y > 0 or not log_y)]
            if points:
                px, py = zip(*points, strict=True)
                plt.plot(list(px), list(py), label=label, marker=marker, color=line_color if color else None)
        if log_y:
            plt.yscale("log")
        plt.title(title)
        plt.xlabel(xlabel)
        chart = plt.build()
    finally:
        plt.clear_figure()
    return Text.from_ansi(chart) if color else Text(plt.uncolorize(chart))


# ------------------------------------------------------------------------------------- rnn-binary-addition
def _binary_addition(run: binary_addition.Run, *, width: int, color: bool) -> Iterator[Any]:
    config, summary = run.config, run.summary
    init = f"std σ = {config.init_std:g}" if config.init == "std" else config.init
    yield Text(f"rnn-binary-addition: hidden {config.hidden}, lr {config.lr:g}, init {init}, "
               f"{config.activation}, {'with' if config.bias else 'no'} bias, {summary.iters_run:,} sequences, "
               f"seed {config.seed}", style="bold")
    iters = [p.iter for p in run.history]
    yield plot([("loss", iters, [p.loss for p in run.history], "braille", "blue")],
               title="loss per sequence, mean of the last 500 (log scale)", xlabel="sequences trained",
               width=width, color=color, log_y=True)
    yield Text()
    yield _samples_table(run.samples)
    yield Text()
    yield _binary_summary(summary)
    for note in binary_notes(run):
        yield Text()
        yield Text(note)


def _samples_table(samples: list[binary_addition.Sample]) -> Table:
    table = Table(title="Sample additions (after training)", title_justify="left", box=None)
    for column in ("a + b", "predicted", "true", ""):
        table.add_column(column, justify="right" if column else "left")
    for s in samples:
        table.add_row(f"{s.a} + {s.b}", f"{s.predicted} ({s.predicted_bits})", f"{s.true} ({s.true_bits})",
                      "✓" if s.correct else "✗")
    return table


def _binary_summary(summary: binary_addition.Summary) -> Table:
    table = Table(title="Summary", title_justify="left", box=None, show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    converged = (f"iteration {summary.converged_at:,}" if summary.converged_at is not None
                 else f"not within {summary.iters_run:,} iterations")
    table.add_row("converged (last 500 sequences all right)", converged)
    table.add_row("final loss (mean of last 500)", _number(summary.final_loss))
    table.add_row("final accuracy (last 500)", f"{summary.final_accuracy:.1%}")
    table.add_row("largest gradient norm", _number(summary.max_grad_norm))
    if summary.diverged_at is not None:
        table.add_row("overflowed (inf/NaN) at", f"iteration {summary.diverged_at:,}")
    return table


def binary_notes(run: binary_addition.Run) -> list[str]:
    """What to read from the run, for the situations the [try] cells are about."""
    config, summary = run.config, run.summary
    notes = []
    exploded = summary.diverged_at is not None or summary.max_grad_norm > EXPLODING_NORM
    if summary.converged_at is None and exploded:
        notes.append(
            f"No convergence. The gradient norm reached {_number(summary.max_grad_norm)} (converging sigmoid runs "
            "stay around 10): exploding gradients. ReLU is unbounded, so the recurrent weight multiplies "
            "activations and gradients step after step, the updates blow up, and the network ends up stuck with "
            "dead or saturated units. A smaller --lr (0.05 usually learns with ReLU) or gradient clipping tames it.")
    elif summary.converged_at is None:
        notes.append(
            f"Not converged within {summary.iters_run:,} sequences. How fast, and whether, this net learns depends "
            "on the seed as well as the settings (with large initial weights a sigmoid saturates, σ′ ≈ 0, and "
            "some draws never recover). Try more --iters or another --seed.")
    if config.activation in ("tanh", "relu") and not config.bias and summary.converged_at is not None:
        notes.append(
            "Bias-free floor: when both low bits are 0 the first step sees x = (0, 0) and z = 0, so u = 0 and "
            f"y = σ(0) = 0.5 whatever the weights; with {config.activation} (f(0) = 0) the loss keeps a floor "
            "of about 0.03–0.05, yet np.round(0.5) = 0 is the right bit, so accuracy can still reach 100 %. --bias "
            "removes the floor.")
    return notes


# --------------------------------------------------------------------------------------------- predict-sin
def _predict_sin(run: predict_sin.Run, *, width: int, color: bool) -> Iterator[Any]:
    config, summary = run.config, run.summary
    cell = {"rnn": "tanh RNN", "lstm": "LSTM", "gru": "GRU"}[config.cell]
    yield Text(f"predict-sin: {cell} with {config.hidden} hidden units, maxlen {config.maxlen}, {config.iters:,} "
               f"pass{'es' if config.iters != 1 else ''} over the training windows, seed {config.seed}", style="bold")
    yield plot([("true sin", list(run.times), list(run.truth), "dot", "blue"),
                ("generated", list(run.times), list(run.generated), "braille", "red")],
               title=f"free-running generation, {summary.generation_steps} steps from the first {config.maxlen} "
                     "true values", xlabel="t", width=width, color=color)
    table = Table(title="Summary", title_justify="left", box=None, show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    table.add_row("one-step test loss, mean ½(y − d)²", _number(summary.test_loss))
    table.add_row("one-step RMSE (true inputs)", _number(summary.one_step_rmse))
    table.add_row(f"generation RMSE ({summary.generation_steps} steps)", _number(summary.generation_rmse))
    for steps, error in summary.error_at.items():
        table.add_row(f"  |error| after {steps} step{'s' if steps != '1' else ''}", _number(error))
    yield Text()
    yield table
    yield Text()
    yield Text(sin_note(run))


def sin_note(run: predict_sin.Run) -> str:
    """Why a small one-step loss does not mean good generation, with this run's numbers."""
    s = run.summary
    if not math.isfinite(s.generation_rmse):
        return "Training diverged: the predictions are not finite."
    ratio = s.generation_rmse / s.one_step_rmse if s.one_step_rmse > 0 else math.inf
    untrained = ("The one-step predictions themselves are still rough (RMSE above 0.05): train longer with "
                 "--iters. " if s.one_step_rmse > 0.05 else "")
    return untrained + (
        f"Why the two numbers differ: the test loss scores each prediction from a window of true values, so it "
        f"measures one step (RMSE {_number(s.one_step_rmse)}). Generation feeds every prediction back in as "
        "input: each small error shifts the next window, the model was only ever trained on true windows, and "
        f"the errors compound. Here the generation RMSE is {ratio:,.0f}× the one-step RMSE. A small one-step "
        "loss does not mean good generation; judge the generated curve itself.")


def _number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return f"{value:.3g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
