"""Draw a lab's outcome with Rich: a plotext chart, a table of results and what to read from them.

Charts are built as strings (``plotext.build``) at a fixed size, so they read the same in a terminal, a pipe or
a test; the figure is cleared before and after each one (plotext keeps global state).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text

from quizcli.i18n import t
from quizcli.labs import binary_addition, kmeans, optimizers, predict_sin, q_learning, runner
from quizcli.typeset import Paragraph, wrap

PLOT_WIDTH, PLOT_HEIGHT = 70, 15
EXPLODING_NORM = 15.0  # converging sigmoid runs peak at about 4–11; failing ReLU runs at 19–83
_ROOM = "\ue000"  # holds a wide character's second cell (see _make_room); private use, so never in a label


def outcome(result: runner.Outcome, console: Console, options: ConsoleOptions) -> Iterator[Any]:
    width = min(PLOT_WIDTH, options.max_width)
    color = console.is_terminal and not console.no_color
    draw = _DRAW[result.name]
    yield from draw(result.run, result.lang, width=width, color=color)
    if result.full_iters is not None:
        full = runner.command_line(result.name, _with_iters(result.config, result.full_iters))
        quick_run = Text(
            "\n"
            + t(
                result.lang,
                "lab_quick_run",
                iters=runner.budget(result.config),
                full_iters=result.full_iters,
                seconds=runner.QUICK_TARGET_SECONDS,
                command=full,
            ),
            style="dim",
        )
        yield Paragraph(quick_run)


def _with_iters(config: Any, iters: int) -> Any:
    return replace(config, **{config.budget: iters})


@dataclass(frozen=True)
class Series:
    """One series of a chart: a line through its points in order, or scattered points (``scatter``); an empty
    label keeps it out of the legend."""

    label: str
    xs: Sequence[float] | np.ndarray
    ys: Sequence[float] | np.ndarray
    marker: str
    color: str
    scatter: bool = False


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
    lines = [Series(label, xs, ys, marker, line_color) for label, xs, ys, marker, line_color in series]
    return chart(lines, title=title, xlabel=xlabel, width=width, color=color, log_y=log_y)


def chart(
    series: Sequence[Series],
    *,
    title: str,
    xlabel: str,
    width: int = PLOT_WIDTH,
    height: int = PLOT_HEIGHT,
    color: bool = False,
    log_y: bool = False,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    integer_x: bool = False,
) -> Text:
    """A chart of lines and scattered points, drawn in order; points that are not finite are left out, and so
    are those outside ``xlim`` and ``ylim`` when given. ``integer_x`` puts the x ticks on whole numbers (steps)."""
    import plotext as plt

    plt.clear_figure()
    try:
        plt.plotsize(width, height)
        plt.theme("clear")
        for one in series:
            points = [(x, y) for x, y in zip(one.xs, one.ys, strict=True) if math.isfinite(y) and (y > 0 or not log_y)]
            if points:
                px, py = zip(*points, strict=True)
                draw = plt.scatter if one.scatter else plt.plot
                label = _make_room(one.label) if one.label else None
                draw(list(px), list(py), label=label, marker=one.marker, color=one.color if color else None)
        if log_y:
            plt.yscale("log")
        if xlim is not None:
            plt.xlim(*xlim)
        if ylim is not None:
            plt.ylim(*ylim)
        if integer_x:
            xs = [x for one in series for x in one.xs]
            low, high = math.floor(min(xs)), math.ceil(max(xs))
            plt.xticks(list(range(low, high + 1, max(1, math.ceil((high - low) / 5)))))
        plt.xlabel(_make_room(xlabel))
        built = plt.build().replace(_ROOM, "")
    finally:
        plt.clear_figure()
    # The title above the frame, broken to its width: plotext drops a title wider than the chart.
    lines = wrap(title, width)
    heading = "".join(" " * ((width - cell_len(line)) // 2) + line + "\n" for line in lines)
    return Text.assemble((heading, "bold"), Text.from_ansi(built) if color else Text(plt.uncolorize(built)))


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


def _heading(text: str) -> Paragraph:
    return Paragraph(Text(text, style="bold"))


def _point(values: Sequence[float] | np.ndarray, digits: int | None = None) -> str:
    """(x, y) with ``digits`` decimals, or three significant digits."""
    shown = (_number(float(v)) if digits is None else f"{float(v):.{digits}f}" for v in values)
    return "(" + ", ".join(shown) + ")"


# ---------------------------------------------------------------------------------------------------- kmeans
CLUSTER_MARKERS = ("o", "x", "+", "*", "=", "%", "&", "$", "#")
CLUSTER_COLORS = ("blue", "red", "green", "orange", "magenta", "cyan", "blue+", "red+", "green+")
STEPS_SHOWN = 12  # a longer run's table keeps its first and last steps


def _kmeans(run: kmeans.Run, lang: str, *, width: int, color: bool) -> Iterator[Any]:
    config = run.config
    yield _heading(
        t(
            lang,
            "lab_kmeans_heading",
            k=config.k,
            init=config.init,
            points=len(run.points),
            blobs=len(kmeans.CENTERS),
            seed=config.seed,
        )
    )
    yield _kmeans_chart(run, lang, width=width, color=color)
    yield Text()
    steps = [step.iteration for step in run.steps]
    yield chart(
        [Series(t(lang, "lab_inertia"), steps, run.inertia, "braille", "blue")],
        title=t(lang, "lab_inertia_title"),
        xlabel=t(lang, "lab_lloyd_step"),
        width=width,
        color=color,
        integer_x=True,
    )
    yield Text()
    yield _kmeans_steps(run, lang)
    yield Text()
    yield _kmeans_summary(run, lang)
    for note in kmeans_notes(run, lang):
        yield Text()
        yield Paragraph(note)


def _kmeans_chart(run: kmeans.Run, lang: str, *, width: int, color: bool) -> Text:
    """The points by final cluster, each centroid's path (braille dots) and its final place (its number)."""
    series = []
    for cluster in range(run.config.k):
        members = run.points[run.labels == cluster]
        style = CLUSTER_COLORS[cluster], CLUSTER_MARKERS[cluster]
        series.append(Series("", members[:, 0], members[:, 1], style[1], style[0], scatter=True))
    trajectory = run.trajectory()
    for cluster in range(run.config.k):
        path = trajectory[:, cluster]
        series.append(Series("", path[:, 0], path[:, 1], "braille", CLUSTER_COLORS[cluster]))
    for cluster in range(run.config.k):
        x, y = run.centroids[cluster]
        series.append(Series("", [x], [y], str(cluster + 1), CLUSTER_COLORS[cluster], scatter=True))
    return chart(
        series,
        title=t(lang, "lab_kmeans_title", steps=len(run.steps)),
        xlabel=t(lang, "lab_kmeans_xlabel"),
        width=width,
        color=color,
    )


def _kmeans_steps(run: kmeans.Run, lang: str) -> Table:
    table = Table(title=t(lang, "lab_kmeans_steps_title"), title_justify="left", box=None)
    for column in (t(lang, "lab_step"), t(lang, "lab_inertia"), t(lang, "lab_reassigned")):
        table.add_column(column, justify="right")
    steps = run.steps
    if len(steps) > STEPS_SHOWN:
        half = STEPS_SHOWN // 2
        shown: list[kmeans.Step | None] = [*steps[:half], None, *steps[-half:]]
    else:
        shown = list(steps)
    for step in shown:
        if step is None:
            table.add_row("…", "", "")
        else:
            table.add_row(f"{step.iteration:,}", f"{step.inertia:,.1f}", f"{step.reassigned:,}")
    return table


def _kmeans_summary(run: kmeans.Run, lang: str) -> Table:
    table = _summary_table(lang)
    stopped = (
        t(lang, "lab_kmeans_converged", steps=len(run.steps))
        if run.converged
        else t(lang, "lab_not_converged_within", iters=len(run.steps))
    )
    _add_row(table, t(lang, "lab_kmeans_stopped"), stopped)
    _add_row(table, t(lang, "lab_final_inertia"), f"{run.steps[-1].inertia:,.1f}")
    for cluster, centroid in enumerate(run.centroids):
        members = int((run.labels == cluster).sum())
        label = t(lang, "lab_centroid", cluster=cluster + 1, marker=CLUSTER_MARKERS[cluster])
        _add_row(table, label, t(lang, "lab_centroid_value", point=_point(centroid, 2), members=members))
    return table


def kmeans_notes(run: kmeans.Run, lang: str) -> list[str]:
    """What to read from the run: a local minimum, a k other than the blobs', why J never rises."""
    notes = [t(lang, "lab_note_kmeans_monotone")]
    if run.merges_blobs():
        advice = t(lang, "lab_kmeans_try_plusplus" if run.config.init == "random" else "lab_kmeans_try_seed")
        inertia = f"{run.steps[-1].inertia:,.0f}"
        notes.append(t(lang, "lab_note_kmeans_local", inertia=inertia, init=run.config.init, advice=advice))
    elif run.config.k != len(kmeans.CENTERS):
        notes.append(t(lang, "lab_note_kmeans_k", k=run.config.k, blobs=len(kmeans.CENTERS)))
    if not run.converged:
        notes.append(t(lang, "lab_note_kmeans_iters", iters=run.config.iters))
    return notes


# ------------------------------------------------------------------------------------------------ optimizers
PATH_MARKERS = {"sgd": "s", "momentum": "m", "nesterov": "n", "adagrad": "g", "rmsprop": "r", "adam": "a"}
PATH_COLORS = {
    "sgd": "red",
    "momentum": "blue",
    "nesterov": "cyan",
    "adagrad": "green",
    "rmsprop": "magenta",
    "adam": "orange",
}
WITH_VELOCITY = ("momentum", "nesterov", "adam")  # the optimizers that carry a velocity from step to step
CONTOUR_COLOR = "gray"
PATH_HEIGHT = 20


def _optimizers(run: optimizers.Run, lang: str, *, width: int, color: bool) -> Iterator[Any]:
    config, function = run.config, run.function
    rates = t(lang, "lab_own_rates") if config.lr is None else t(lang, "lab_one_rate", lr=config.lr)
    yield _heading(
        t(
            lang,
            "lab_optimizers_heading",
            formula=function.formula,
            start=_point(function.start),
            steps=config.steps,
            rates=rates,
        )
    )
    yield _paths_chart(run, lang, width=width, color=color)
    yield Text()
    yield _paths_summary(run, lang)
    for note in optimizer_notes(run, lang):
        yield Text()
        yield Paragraph(note)


def _paths_chart(run: optimizers.Run, lang: str, *, width: int, color: bool) -> Text:
    """The contour lines (braille dots), each optimizer's path in its letter, the start and the minimum."""
    function = run.function
    (x_low, y_low), (x_high, y_high) = _view(run)
    contours = [function.contour(level) for level in function.levels]
    series = [Series("", c[:, 0], c[:, 1], "braille", CONTOUR_COLOR, scatter=True) for c in contours]
    for path in run.paths:
        marker = PATH_MARKERS[path.optimizer]
        series.append(Series(path.label, path.points[:, 0], path.points[:, 1], marker, PATH_COLORS[path.optimizer]))
    series.append(Series("", [function.minimum[0]], [function.minimum[1]], "*", "default", scatter=True))
    return chart(
        series,
        title=t(lang, "lab_paths_title", steps=run.config.steps),
        xlabel=t(lang, "lab_paths_xlabel"),
        width=width,
        height=PATH_HEIGHT,
        color=color,
        xlim=(x_low, x_high),
        ylim=(y_low, y_high),
    )


def _view(run: optimizers.Run) -> tuple[tuple[float, float], tuple[float, float]]:
    """The corners of the region the chart shows: the paths that did not diverge, the start and the minimum,
    with a margin (a diverged path runs off it)."""
    kept = [path.points for path in run.paths if path.diverged_at is None]
    points = np.concatenate([*kept, [run.function.start, run.function.minimum]])
    low, high = points.min(axis=0), points.max(axis=0)
    margin = np.maximum(0.1 * (high - low), 0.5)
    return (float(low[0] - margin[0]), float(low[1] - margin[1])), (
        float(high[0] + margin[0]),
        float(high[1] + margin[1]),
    )


class _Fitting:
    """The first of some renderables that fits the console's width (measured), else the last."""

    def __init__(self, *choices: Any) -> None:
        self.choices = choices

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        from rich.measure import Measurement

        for choice in self.choices[:-1]:
            unbounded = options.update_width(10 * options.max_width)  # Measurement.get clamps to the width
            if Measurement.get(console, unbounded, choice).maximum <= options.max_width:
                yield choice
                return
        yield self.choices[-1]


def _paths_summary(run: optimizers.Run, lang: str) -> _Fitting:
    """A table of the optimizers' results, or for a narrow console two lines for each."""
    lines = Text(t(lang, "lab_summary") + "\n", style="italic")
    for index, path in enumerate(run.paths):
        head = f"{path.label} ({PATH_MARKERS[path.optimizer]})"
        lines.append(f"{head}  lr {path.lr:g}  f {_number(path.final_value)}\n", style="bold" if index == 0 else "")
        key = "lab_path_ended" if path.diverged_at is None else "lab_path_diverged"
        ending = t(lang, key, point=_point(path.final), steps=path.steps, step=path.diverged_at)
        lines.append("  " + ending + ("\n" if index < len(run.paths) - 1 else ""))
    return _Fitting(_paths_table(run, lang), Paragraph(lines))


def _paths_table(run: optimizers.Run, lang: str) -> Table:
    table = Table(title=t(lang, "lab_summary"), title_justify="left", box=None)
    table.add_column(t(lang, "lab_optimizer"))
    for key in ("lab_lr", "lab_final_point", "lab_final_f", "lab_steps"):
        table.add_column(t(lang, key), justify="right")
    for path in run.paths:
        steps = f"{path.steps:,}" if path.diverged_at is None else t(lang, "lab_diverged_at", step=path.diverged_at)
        table.add_row(
            f"{path.label} ({PATH_MARKERS[path.optimizer]})",
            f"{path.lr:g}",
            _point(path.final),
            _number(path.final_value),
            steps,
        )
    return table


def crossings(path: optimizers.Path, axis: int, at: float) -> int:
    """How many steps of ``path`` crossed the line coordinate[axis] = at (overshoots of the minimum)."""
    side = np.sign(path.points[:, axis] - at)
    return int((side[1:] * side[:-1] < 0).sum())


def optimizer_notes(run: optimizers.Run, lang: str) -> list[str]:
    """What the paths show: SGD's zigzag, overshoots, the adaptive methods' per-coordinate scale, divergence."""
    notes = []
    by_name = {path.optimizer: path for path in run.paths}
    sgd = by_name["sgd"]
    minimum = run.function.minimum
    if run.function.name == "bowl":
        flips = crossings(sgd, 1, minimum[1])
        if sgd.steps and flips >= sgd.steps // 2:
            notes.append(t(lang, "lab_note_zigzag", flips=flips, steps=sgd.steps, lr=sgd.lr, factor=1 - 2 * sgd.lr))
    else:
        notes.append(t(lang, "lab_note_valley"))
    carried = [p for p in run.paths if p.optimizer in WITH_VELOCITY]
    overshooting = [p.label for p in carried if crossings(p, 0, minimum[0]) > 0]
    if overshooting:
        notes.append(t(lang, "lab_note_overshoot", names=", ".join(overshooting)))
    notes.append(t(lang, "lab_note_adaptive"))
    diverged = [p.label for p in run.paths if p.diverged_at is not None]
    if diverged:
        notes.append(t(lang, "lab_note_optimizers_diverged", names=", ".join(diverged)))
    finite = [p for p in run.paths if p.diverged_at is None and math.isfinite(p.final_value)]
    if finite:
        best = min(finite, key=lambda p: p.distance(minimum))
        notes.append(t(lang, "lab_note_nearest", name=best.label, distance=_number(best.distance(minimum))))
    return notes


# ------------------------------------------------------------------------------------------------ q-learning
METHOD_LABELS = {"q-learning": "lab_method_q_learning", "sarsa": "lab_method_sarsa"}  # i18n keys
METHOD_COLORS = {"q-learning": "red", "sarsa": "blue"}
METHOD_MARKERS = {"q-learning": "braille", "sarsa": "."}  # told apart without colour too
ARROWS = "^>v<"  # up, right, down, left: ASCII, one cell wide in every terminal
CURVE_FLOOR = -120.0  # the first episodes' means (down to the thousands) would flatten the rest of the curves


def _q_learning(run: q_learning.Run, lang: str, *, width: int, color: bool) -> Iterator[Any]:
    config = run.config
    yield _heading(
        t(
            lang,
            "lab_cliff_heading",
            rows=q_learning.ROWS,
            cols=q_learning.COLS,
            epsilon=config.epsilon,
            alpha=config.alpha,
            gamma=config.gamma,
            episodes=config.episodes,
            seed=config.seed,
        )
    )
    yield _curves_chart(run, lang, width=width, color=color)
    yield Text()
    yield _SideBySide([_grid(learner, lang) for learner in run.learners.values()])
    yield Paragraph(Text(t(lang, "lab_grid_legend"), style="dim"))
    yield Text()
    yield _cliff_summary(run, lang)
    for note in cliff_notes(run, lang):
        yield Text()
        yield Paragraph(note)


def _curves_chart(run: q_learning.Run, lang: str, *, width: int, color: bool) -> Text:
    series = []
    lowest = 0.0
    for method, learner in run.learners.items():
        smoothed = learner.smoothed
        episodes = list(range(1, len(smoothed) + 1))
        series.append(
            Series(
                t(lang, METHOD_LABELS[method]), episodes, list(smoothed), METHOD_MARKERS[method], METHOD_COLORS[method]
            )
        )
        lowest = min(lowest, float(smoothed.min()))
    floor = max(lowest, CURVE_FLOOR)
    return chart(
        series,
        title=t(lang, "lab_curves_title", window=q_learning.WINDOW),
        xlabel=t(lang, "lab_episode"),
        width=width,
        color=color,
        ylim=(floor - 0.02 * abs(floor), 0.0),
        integer_x=True,
    )


class _SideBySide:
    """Blocks of text side by side where the console is wide enough for all of them, else one under another."""

    GAP = 4

    def __init__(self, blocks: list[Text]) -> None:
        self.blocks = blocks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Any]:
        widths = [max(cell_len(line) for line in block.plain.splitlines()) for block in self.blocks]
        if sum(widths) + self.GAP * (len(widths) - 1) <= options.max_width:
            row = Table.grid(padding=(0, self.GAP, 0, 0))
            for width in widths:
                row.add_column(width=width, no_wrap=True)
            row.add_row(*self.blocks)
            yield row
            return
        for index, block in enumerate(self.blocks):
            if index:
                yield Text()
            yield block


def _grid(learner: q_learning.Learner, lang: str) -> Text:
    """The 4 × 12 world with the greedy path's actions: S start, G goal, C cliff, . elsewhere."""
    actions = {}
    for state, after in zip(learner.path, learner.path[1:]):
        d = (
            q_learning.cell(after)[0] - q_learning.cell(state)[0],
            q_learning.cell(after)[1] - q_learning.cell(state)[1],
        )
        actions[state] = q_learning.ACTIONS.index(d)
    if not learner.reaches_goal:  # the action that loops or falls, from the path's last cell
        actions[learner.path[-1]] = int(np.argmax(learner.q[learner.path[-1]]))
    steps = len(learner.path) - 1
    title = t(lang, "lab_grid_title" if learner.reaches_goal else "lab_grid_title_stuck", steps=steps)
    text = Text(f"{t(lang, METHOD_LABELS[learner.method])}: {title}\n", style="bold")
    for row in range(q_learning.ROWS):
        for col in range(q_learning.COLS):
            state = row * q_learning.COLS + col
            if state in actions:
                text.append(ARROWS[actions[state]], style="bold " + METHOD_COLORS[learner.method])
            elif state == q_learning.GOAL:
                text.append("G", style="bold green")
            elif q_learning.is_cliff(state):
                text.append("C", style="red")
            else:
                text.append(".", style="dim")
            text.append(" " if col < q_learning.COLS - 1 else "\n" if row < q_learning.ROWS - 1 else "")
    return text


def _cliff_summary(run: q_learning.Run, lang: str) -> Table:
    table = Table(title=t(lang, "lab_summary"), title_justify="left", box=None)
    table.add_column("")
    for method in run.learners:
        table.add_column(t(lang, METHOD_LABELS[method]), justify="right")
    learners = list(run.learners.values())
    recent = min(q_learning.RECENT, run.config.episodes)
    rows: list[tuple[str, Callable[[q_learning.Learner], str]]] = [
        (t(lang, "lab_mean_reward", episodes=recent), lambda learner: f"{learner.recent(learner.rewards):.1f}"),
        (t(lang, "lab_cliff_falls", episodes=recent), lambda learner: f"{int(learner.falls[-recent:].sum()):,}"),
        (t(lang, "lab_path_steps"), lambda learner: _path_steps(learner, lang)),
        (t(lang, "lab_edge_cells"), lambda learner: f"{learner.edge_cells}"),
    ]
    for label, value in rows:
        table.add_row(Paragraph(label), *(value(learner) for learner in learners))
    return table


def _path_steps(learner: q_learning.Learner, lang: str) -> str:
    return f"{len(learner.path) - 1}" if learner.reaches_goal else t(lang, "lab_no_goal")


def cliff_notes(run: q_learning.Run, lang: str) -> list[str]:
    """Why the two paths differ, with this run's numbers, and a word on a path that does not reach the goal."""
    q, sarsa = run.learners["q-learning"], run.learners["sarsa"]
    recent = min(q_learning.RECENT, run.config.episodes)
    notes = [
        t(lang, "lab_note_cliff_paths", q_edge=q.edge_cells, sarsa_edge=sarsa.edge_cells),
        t(
            lang,
            "lab_note_cliff_rewards",
            episodes=recent,
            q_falls=int(q.falls[-recent:].sum()),
            sarsa_falls=int(sarsa.falls[-recent:].sum()),
            q_mean=f"{q.recent(q.rewards):.1f}",
            sarsa_mean=f"{sarsa.recent(sarsa.rewards):.1f}",
        ),
    ]
    for learner in (q, sarsa):
        if not learner.reaches_goal:
            notes.append(t(lang, "lab_note_no_goal", method=t(lang, METHOD_LABELS[learner.method])))
    return notes


_DRAW: dict[str, Callable[..., Iterator[Any]]] = {
    binary_addition.NAME: _binary_addition,
    predict_sin.NAME: _predict_sin,
    kmeans.NAME: _kmeans,
    optimizers.NAME: _optimizers,
    q_learning.NAME: _q_learning,
}
