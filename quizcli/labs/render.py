"""Draw a lab's outcome with Rich: a plotext chart, a table of results and what to read from them.

Charts are built as strings (``plotext.build``) at a fixed size, so they read the same in a terminal, a pipe or
a test; the figure is cleared before and after each one (plotext keeps global state).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text

from quizcli.i18n import t
from quizcli.labs import binary_addition, predict_sin, runner
from quizcli.typeset import Paragraph

PLOT_WIDTH, PLOT_HEIGHT = 70, 15
EXPLODING_NORM = 15.0  # converging sigmoid runs peak at about 4–11; failing ReLU runs at 19–83
_ROOM = "\ue000"  # holds a wide character's second cell (see _make_room); private use, so never in a label


def outcome(result: runner.Outcome, console: Console, options: ConsoleOptions) -> Iterator[Any]:
    width = min(PLOT_WIDTH, options.max_width)
    color = console.is_terminal and not console.no_color
    draw = _binary_addition if result.name == binary_addition.NAME else _predict_sin
    yield from draw(result.run, result.lang, width=width, color=color)
    if result.full_iters is not None:
        full = runner.command_line(result.name, _with_iters(result.config, result.full_iters))
        quick_run = Text(
            "\n"
            + t(
                result.lang,
                "lab_quick_run",
                iters=result.config.iters,
                full_iters=result.full_iters,
                seconds=runner.QUICK_TARGET_SECONDS,
                command=full,
            ),
            style="dim",
        )
        yield Paragraph(quick_run)


def _with_iters(config: Any, iters: int) -> Any:
    return replace(config, iters=iters)


def plot(
    series: Sequence[tuple[str, Sequence[float], Sequence[float], str, str]],
    *,
    title: str,
    xlabel: str,
    width: int = PLOT_WIDTH,
    color: bool = False,
    log_y: bool = False,
) -> Text:
    """A line chart of (label, xs, ys, marker, colour) series; points that are not finite are left out."""
    import plotext as plt

    plt.clear_figure()
    try:
        plt.plotsize(width, PLOT_HEIGHT)
        plt.theme("clear")
        for label, xs, ys, marker, line_color in series:
            points = [(x, y) for x, y in zip(xs, ys, strict=True) if math.isfinite(y) and (y > 0 or not log_y)]
            if points:
                px, py = zip(*points, strict=True)
                plt.plot(
                    list(px), list(py), label=_make_room(label), marker=marker, color=line_color if color else None
                )
        if log_y:
            plt.yscale("log")
        plt.title(_make_room(title))
        plt.xlabel(_make_room(xlabel))
        chart = plt.build().replace(_ROOM, "")
    finally:
        plt.clear_figure()
    return Text.from_ansi(chart) if color else Text(plt.uncolorize(chart))


def _make_room(text: str) -> str:
    """plotext lays a chart out by characters, not terminal cells, so a wide (Japanese) character would push the
    rest of its line one cell right. Each one is followed by a placeholder while plotext lays out, then dropped."""
    return "".join(char + _ROOM if cell_len(char) > 1 else char for char in text)


# ------------------------------------------------------------------------------------- rnn-binary-addition
def _binary_addition(run: binary_addition.Run, lang: str, *, width: int, color: bool) -> Iterator[Any]:
    config, summary = run.config, run.summary
    init = f"std σ = {config.init_std:g}" if config.init == "std" else config.init
    heading = Text(
        t(
            lang,
            "lab_binary_heading",
            hidden=config.hidden,
            lr=config.lr,
            init=init,
            activation=config.activation,
            bias=t(lang, "lab_with_bias" if config.bias else "lab_no_bias"),
            sequences=summary.iters_run,
            seed=config.seed,
        ),
        style="bold",
    )
    yield Paragraph(heading)
    iters = [p.iter for p in run.history]
    yield plot(
        [(t(lang, "lab_loss"), iters, [p.loss for p in run.history], "braille", "blue")],
        title=t(lang, "lab_loss_title"),
        xlabel=t(lang, "lab_sequences_trained"),
        width=width,
        color=color,
        log_y=True,
    )
    yield Text()
    yield _samples_table(run.samples, lang)
    yield Text()
    yield _binary_summary(summary, lang)
    for note in binary_notes(run, lang):
        yield Text()
        yield Paragraph(note)


def _samples_table(samples: list[binary_addition.Sample], lang: str) -> Table:
    table = Table(title=t(lang, "lab_samples_title"), title_justify="left", box=None)
    for column in ("a + b", t(lang, "lab_predicted"), t(lang, "lab_true"), ""):
        table.add_column(column, justify="right" if column else "left")
    for s in samples:
        table.add_row(
            f"{s.a} + {s.b}",
            f"{s.predicted} ({s.predicted_bits})",
            f"{s.true} ({s.true_bits})",
            "✓" if s.correct else "✗",
        )
    return table


def _summary_table(lang: str) -> Table:
    table = Table(title=t(lang, "lab_summary"), title_justify="left", box=None, show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    return table


def _add_row(table: Table, label: str, value: str) -> None:
    """A summary's labels and values are phrases: in Japanese they break between words, not at a number."""
    table.add_row(Paragraph(label), Paragraph(value))


def _binary_summary(summary: binary_addition.Summary, lang: str) -> Table:
    table = _summary_table(lang)
    converged = (
        t(lang, "lab_iteration", iteration=summary.converged_at)
        if summary.converged_at is not None
        else t(lang, "lab_not_converged_within", iters=summary.iters_run)
    )
    _add_row(table, t(lang, "lab_converged"), converged)
    _add_row(table, t(lang, "lab_final_loss"), _number(summary.final_loss))
    _add_row(table, t(lang, "lab_final_accuracy"), f"{summary.final_accuracy:.1%}")
    _add_row(table, t(lang, "lab_max_grad_norm"), _number(summary.max_grad_norm))
    if summary.diverged_at is not None:
        _add_row(table, t(lang, "lab_overflowed_at"), t(lang, "lab_iteration", iteration=summary.diverged_at))
    return table


def binary_notes(run: binary_addition.Run, lang: str) -> list[str]:
    """What to read from the run, for the situations the [try] cells are about."""
    config, summary = run.config, run.summary
    notes = []
    exploded = summary.diverged_at is not None or summary.max_grad_norm > EXPLODING_NORM
    if summary.converged_at is None and exploded:
        notes.append(t(lang, "lab_note_exploding", norm=_number(summary.max_grad_norm)))
    elif summary.converged_at is None:
        notes.append(t(lang, "lab_note_not_converged", sequences=summary.iters_run))
    if config.activation in ("tanh", "relu") and not config.bias and summary.converged_at is not None:
        notes.append(t(lang, "lab_note_bias_floor", activation=config.activation))
    return notes


# --------------------------------------------------------------------------------------------- predict-sin
def _predict_sin(run: predict_sin.Run, lang: str, *, width: int, color: bool) -> Iterator[Any]:
    config, summary = run.config, run.summary
    cell = {"rnn": "tanh RNN", "lstm": "LSTM", "gru": "GRU"}[config.cell]
    passes = t(lang, "lab_passes" if config.iters != 1 else "lab_pass", iters=config.iters)
    heading = Text(
        t(
            lang,
            "lab_sin_heading",
            cell=cell,
            hidden=config.hidden,
            maxlen=config.maxlen,
            passes=passes,
            seed=config.seed,
        ),
        style="bold",
    )
    yield Paragraph(heading)
    yield plot(
        [
            (t(lang, "lab_true_sin"), list(run.times), list(run.truth), "dot", "blue"),
            (t(lang, "lab_generated"), list(run.times), list(run.generated), "braille", "red"),
        ],
        title=t(lang, "lab_generation_title", steps=summary.generation_steps, maxlen=config.maxlen),
        xlabel="t",
        width=width,
        color=color,
    )
    table = _summary_table(lang)
    _add_row(table, t(lang, "lab_test_loss"), _number(summary.test_loss))
    _add_row(table, t(lang, "lab_one_step_rmse"), _number(summary.one_step_rmse))
    _add_row(table, t(lang, "lab_generation_rmse", steps=summary.generation_steps), _number(summary.generation_rmse))
    for steps, error in summary.error_at.items():
        after = t(lang, "lab_error_after_steps" if steps != "1" else "lab_error_after_step", steps=steps)
        _add_row(table, "  " + after, _number(error))
    yield Text()
    yield table
    yield Text()
    yield Paragraph(sin_note(run, lang))


def sin_note(run: predict_sin.Run, lang: str) -> str:
    """Why a small one-step loss does not mean good generation, with this run's numbers."""
    s = run.summary
    if not math.isfinite(s.generation_rmse):
        return t(lang, "lab_diverged")
    ratio = s.generation_rmse / s.one_step_rmse if s.one_step_rmse > 0 else math.inf
    untrained = t(lang, "lab_untrained") if s.one_step_rmse > 0.05 else ""
    return untrained + t(lang, "lab_sin_note", one_step=_number(s.one_step_rmse), ratio=ratio)


def _number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return f"{value:.3g}" if abs(value) >= 1e-3 or value == 0 else f"{value:.2e}"
