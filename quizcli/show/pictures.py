"""Pictures in the terminal, for results a person would rather look at than read.

Each function takes an :class:`~quizcli.show.explain.Explanation` (the solver's inputs and named steps) and returns
a Rich renderable; plots come from plotext, grids and bars from Rich. None of them computes anything the solver
did not: they only draw its numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from quizcli.i18n import t

MAX_GRID = 24
PLOT_SIZE = (64, 14)
PLOT_MIN_WIDTH = 24


def for_explanation(explanation: Any, lang: str) -> Any | None:
    """The picture of ``explanation``'s solver, its words in ``lang``; None when it has none."""
    draw = PICTURES.get(explanation.solver or "")
    if draw is None:
        return None
    try:
        return draw(explanation, lang)
    except (KeyError, ValueError, TypeError, IndexError):
        return None  # an input the picture cannot draw (a batch, a huge grid): the tables above still say it all


def _steps(explanation: Any) -> dict[str, Any]:
    return {step.name: step.value for step in explanation.steps}


def _plot(draw: Callable[[Any], None]) -> Any:
    """A plotext plot, its legend printed below it (see :class:`_Series`)."""
    return _Plot(draw)


class _Plot:
    """A plot drawn when Rich lays it out, as wide as it is offered up to :data:`PLOT_SIZE`: a fixed-width plot
    in a narrower panel would have each of its rows broken in two."""

    def __init__(self, draw: Callable[[Any], None]) -> None:
        self.draw = draw

    def __rich_console__(self, console: Any, options: Any) -> Any:
        yield self.render(min(PLOT_SIZE[0], options.max_width))

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        return Measurement(min(PLOT_MIN_WIDTH, options.max_width), PLOT_SIZE[0]).with_maximum(options.max_width)

    def render(self, width: int) -> Any:
        import plotext as plt
        from rich.text import Text

        plt.clf()
        plt.plotsize(width, PLOT_SIZE[1])
        plt.theme("clear")
        series = _Series(plt)
        self.draw(series)
        picture = Text.from_ansi(plt.build())
        picture.no_wrap = True  # plotext may still draw a row a cell too wide for a very narrow panel: crop it
        picture.overflow = "crop"
        for marker, color, label in series.legend:
            picture.append(f"\n{marker} ", style=color)
            picture.append(label)
        return picture


class _Series:
    """plotext's plot and scatter, each series in a colour of its own and its label kept for a legend printed
    below the plot: plotext counts a label's characters, not the cells they take, so a Japanese one inside the
    frame breaks it."""

    PALETTE = ("cyan", "magenta", "green", "yellow", "red", "blue")

    def __init__(self, plt: Any) -> None:
        self.plt = plt
        self.legend: list[tuple[str, str, str]] = []

    def plot(self, *args: Any, label: str = "", marker: str = "•", **options: Any) -> None:
        self._draw(self.plt.plot, args, label, marker, options)

    def scatter(self, *args: Any, label: str = "", marker: str = "•", **options: Any) -> None:
        self._draw(self.plt.scatter, args, label, marker, options)

    def _draw(self, method: Any, args: Any, label: str, marker: str, options: dict[str, Any]) -> None:
        color = self.PALETTE[len(self.legend) % len(self.PALETTE)]
        method(*args, marker=marker, color=color, **options)
        self.legend.append((marker, color, label))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.plt, name)


def sigmoid_curves(explanation: Any, lang: str) -> Any:
    """σ and σ′ with the maximum of σ′ marked at (0, 0.25)."""
    x = np.linspace(-6, 6, 121)
    sigma = 1 / (1 + np.exp(-x))

    def draw(plt: Any) -> None:
        plt.plot(x.tolist(), sigma.tolist(), label="σ(x)")
        plt.plot(x.tolist(), (sigma * (1 - sigma)).tolist(), label="σ′(x) = σ(x)(1 − σ(x))")
        plt.scatter([0.0], [0.25], marker="●", label=t(lang, "picture_maximum") + " (0, 0.25)")

    return _plot(draw)


def activation_curve(explanation: Any, lang: str) -> Any:
    name = explanation.params.get("name", "sigmoid")
    if name != "sigmoid":
        return None
    return sigmoid_curves(explanation, lang)


def conv_windows(explanation: Any, lang: str) -> Any:
    """The padded input grid along each axis, with the cells where each window starts."""
    from rich.table import Table
    from rich.text import Text

    params, steps = explanation.params, _steps(explanation)
    size = np.broadcast_to(np.asarray(params["input"]), (2,))
    pad = np.broadcast_to(np.asarray(params.get("padding", 0)), (2,))
    stride = np.broadcast_to(np.asarray(params.get("stride", 1)), (2,))
    span = np.broadcast_to(np.asarray(steps["span"]), (2,))
    padded = size + 2 * pad
    if padded.max() > MAX_GRID:
        return None
    starts = [set(range(0, int(padded[a] - span[a]) + 1, int(stride[a]))) for a in (0, 1)]
    grid = Text()
    for row in range(int(padded[0])):
        for col in range(int(padded[1])):
            inside = pad[0] <= row < pad[0] + size[0] and pad[1] <= col < pad[1] + size[1]
            if row in starts[0] and col in starts[1]:
                grid.append("◆ ", style="bold magenta")
            else:
                grid.append("■ " if inside else "· ", style="" if inside else "dim")
        grid.append("\n")
    legend = Table.grid(padding=(0, 2))
    legend.add_row(
        grid,
        Text(
            t(lang, "picture_padded", size=f"{int(padded[0])}×{int(padded[1])}", padding=int(pad[0]))
            + "\n"
            + t(lang, "picture_input_padding")
            + "\n"
            + t(lang, "picture_window_starts", window=f"{int(span[0])}×{int(span[1])}")
            + "\n"
            + t(lang, "picture_positions", stride=int(stride[0]), positions=f"{len(starts[0])}×{len(starts[1])}")
            + f"\n({int(padded[0])} − {int(span[0])}) / {int(stride[0])} + 1 = {len(starts[0])}"
        ),
    )
    return legend


def iou_boxes(explanation: Any, lang: str) -> Any:
    """Two boxes on a grid, the intersection shaded."""
    from rich.text import Text

    a, b = (np.asarray(explanation.params[k], dtype=float) for k in ("boxes_a", "boxes_b"))
    if a.ndim != 1 or b.ndim != 1:
        return None
    low = np.floor(np.minimum(a[:2], b[:2]))
    high = np.ceil(np.maximum(a[2:], b[2:]))
    scale = max(1.0, float((high - low).max()) / 20)
    xs = np.arange(low[0], high[0], scale) + scale / 2
    ys = np.arange(low[1], high[1], scale) + scale / 2
    picture = Text()
    for y in ys[::-1]:
        for x in xs:
            in_a = a[0] <= x <= a[2] and a[1] <= y <= a[3]
            in_b = b[0] <= x <= b[2] and b[1] <= y <= b[3]
            picture.append(
                *{
                    (True, True): ("██", "bold green"),
                    (True, False): ("aa", "cyan"),
                    (False, True): ("bb", "yellow"),
                    (False, False): ("  ", ""),
                }[(in_a, in_b)]
            )
        picture.append("\n")
    intersection = t(lang, "picture_intersection")
    picture.append(f"a = {a.tolist()}, b = {b.tolist()}; █ {intersection}; IoU = {float(explanation.answer):.6g}")
    return picture


def precision_recall(explanation: Any, lang: str) -> Any:
    """The precision–recall points, the interpolated envelope and the AP area."""
    steps = _steps(explanation)
    recall, precision = np.asarray(steps["recall"], float), np.asarray(steps["precision"], float)
    if recall.size == 0:
        return None
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    r = np.concatenate([[0.0], recall])
    p = np.concatenate([[envelope[0]], envelope])

    def draw(plt: Any) -> None:
        plt.scatter(recall.tolist(), precision.tolist(), marker="●", label=t(lang, "picture_precision_at_rank"))
        area = float(np.asarray(explanation.answer))
        plt.plot(r.tolist(), p.tolist(), label=t(lang, "picture_envelope", ap=f"{area:.4g}"))
        plt.xlim(0, 1)
        plt.ylim(0, 1.05)
        plt.xlabel(t(lang, "picture_recall"))

    return _plot(draw)


def clipping_bars(explanation: Any, lang: str) -> Any:
    """The gradient's norm before and after clipping against the threshold."""
    steps = _steps(explanation)
    threshold = float(explanation.params["threshold"])
    after = float(np.linalg.norm(np.asarray(steps["result"], float)))
    return _bars(
        {
            t(lang, "picture_norm_before"): float(steps["norm"]),
            t(lang, "picture_threshold"): threshold,
            t(lang, "picture_norm_after"): after,
        }
    )


def gate_bars(explanation: Any, lang: str) -> Any:
    """Gate activations (0 to 1) as bars: how much each gate lets through."""
    values: dict[str, float] = {}
    sources = {**explanation.params, **_steps(explanation)}
    for name, value in sources.items():
        if any(word in name for word in ("gate", "_act")) or name in ("i", "f", "o", "r", "z"):
            array = np.asarray(value, dtype=float).reshape(-1)
            for index, entry in enumerate(array[:6]):
                values[f"{name}[{index}]" if array.size > 1 else name] = float(entry)
    return _bars(values, scale=1.0) if values else None


def attention_heat(explanation: Any, lang: str) -> Any:
    """Attention weights as a coloured table: row = query, column = key."""
    from rich.table import Table

    weights = np.asarray(_steps(explanation).get("weights", explanation.answer["weights"]), dtype=float)
    if weights.ndim != 2 or max(weights.shape) > 12:
        return None
    table = Table(t(lang, "picture_query_key"), *[f"k{j}" for j in range(weights.shape[1])], box=None)
    for i, row in enumerate(weights):
        table.add_row(f"q{i}", *[_heat(w) for w in row])
    return table


def ssd_boxes(explanation: Any, lang: str) -> Any:
    """Default boxes per feature map, summing to the total."""
    from rich.table import Table

    params, steps = explanation.params, _steps(explanation)
    table = Table(
        t(lang, "picture_feature_map"), t(lang, "picture_boxes_per_location"), t(lang, "picture_boxes"), box=None
    )
    per_map = np.asarray(steps.get("per_map", explanation.answer), dtype=int).reshape(-1)
    for size, k, count in zip(params["feature_maps"], params["boxes_per_location"], per_map):
        table.add_row(f"{size}×{size}", str(k), f"{count:,}")
    table.add_row(t(lang, "total"), "", f"{int(np.sum(per_map)):,}", style="bold")
    return table


def roc_curve(explanation: Any, lang: str) -> Any:
    """The ROC curve through every threshold, the area under it shaded by the diagonal of a random guess."""
    steps = _steps(explanation)
    fpr, tpr = np.asarray(steps["fpr"], float), np.asarray(steps["tpr"], float)

    def draw(plt: Any) -> None:
        plt.plot(fpr.tolist(), tpr.tolist(), marker="●", label=f"ROC (AUC = {float(explanation.answer):.4g})")
        plt.plot([0.0, 1.0], [0.0, 1.0], label=t(lang, "picture_chance"))
        plt.xlim(0, 1)
        plt.ylim(0, 1.05)
        plt.xlabel(t(lang, "picture_fpr"))
        plt.ylabel(t(lang, "picture_tpr"))

    return _plot(draw)


def pca_variance(explanation: Any, lang: str) -> Any:
    """Each component's share of the variance, and the running total."""
    steps = _steps(explanation)
    ratio, cumulative = (
        np.asarray(steps["explained_variance_ratio"], float),
        np.asarray(steps["cumulative_ratio"], float),
    )
    if ratio.ndim != 1 or ratio.size > 12:
        return None
    share, total = t(lang, "picture_variance_share"), t(lang, "picture_cumulative")
    bars = {f"PC{k + 1} {share}": float(r) for k, r in enumerate(ratio)}
    bars.update({f"PC1–{k + 1} {total}": float(c) for k, c in enumerate(cumulative) if k})
    return _bars(bars, scale=1.0)


def softmax_bars(explanation: Any, lang: str) -> Any:
    """Each input beside the probability softmax gives it."""
    x, p = np.asarray(explanation.params["x"], float), np.asarray(explanation.answer, float)
    if x.ndim != 1 or x.size > 12:
        return None
    return _bars({f"x = {value:.4g}": float(share) for value, share in zip(x, p)}, scale=1.0)


def kmeans_scatter(explanation: Any, lang: str) -> Any:
    """The points by their new cluster, the old centroids and where they moved."""
    x = np.asarray(explanation.params["x"], float)
    old = np.asarray(explanation.params["centroids"], float)
    labels = np.asarray(explanation.answer["labels"], int)
    new = np.asarray(explanation.answer["centroids"], float)
    if x.ndim != 2 or x.shape[1] != 2 or len(old) > 8:
        return None

    def draw(plt: Any) -> None:
        for k in range(len(old)):
            members = x[labels == k]
            if len(members):
                label = t(lang, "picture_cluster", k=k)
                plt.scatter(members[:, 0].tolist(), members[:, 1].tolist(), marker="●", label=label)
        plt.scatter(old[:, 0].tolist(), old[:, 1].tolist(), marker="○", label=t(lang, "picture_old_centroids"))
        plt.scatter(new[:, 0].tolist(), new[:, 1].tolist(), marker="✚", label=t(lang, "picture_new_centroids"))

    return _plot(draw)


def optimizer_path(explanation: Any, lang: str) -> Any:
    """A two-parameter optimizer's path, step by step."""
    start = np.asarray(explanation.params["params"], float)
    history = np.asarray(_steps(explanation)["params"], float)  # the parameters after each step
    if start.shape != (2,) or history.size == 0:
        return None
    path = np.vstack([start, history.reshape(-1, 2)])

    def draw(plt: Any) -> None:
        plt.plot(path[:, 0].tolist(), path[:, 1].tolist(), marker="●", label=t(lang, "picture_path"))
        plt.scatter([path[0, 0]], [path[0, 1]], marker="○", label=t(lang, "picture_start"))

    return _plot(draw)


def q_table(explanation: Any, lang: str) -> Any:
    """The Q-table after the update, the updated entry marked with its old value."""
    from rich.table import Table

    q = np.asarray(explanation.answer, float)
    state, action = int(explanation.params["state"]), int(explanation.params["action"])
    if q.ndim != 2 or q.shape[0] > 12 or q.shape[1] > 8:
        return None
    before = float(np.asarray(explanation.params["q"], float)[state, action])
    table = Table(t(lang, "picture_state_action"), *[f"a{j}" for j in range(q.shape[1])], box=None)
    for s_index, row in enumerate(q):
        cells = [f"{value:.4g}" for value in row]
        if s_index == state:
            cells[action] = f"[bold green]{row[action]:.4g}[/] ← {before:.4g}"
        table.add_row(f"s{s_index}", *cells)
    return table


def confusion_matrix(explanation: Any, lang: str) -> Any:
    """The counts precision and recall come from, as the 2×2 table they fill."""
    from rich.table import Table

    tp, fp, fn = (int(explanation.params[k]) for k in ("tp", "fp", "fn"))
    table = Table("", t(lang, "picture_predicted_positive"), t(lang, "picture_predicted_negative"), box=None)
    table.add_row(t(lang, "picture_actual_positive"), f"TP = {tp}", f"FN = {fn}")
    table.add_row(t(lang, "picture_actual_negative"), f"FP = {fp}", "TN")
    return table


def _heat(weight: float) -> Any:
    from rich.text import Text

    level = int(round(weight * 255))
    return Text(f" {weight:.3f} ", style=f"black on rgb({level},{level // 2 + 64},{255 - level})")


def _bars(values: dict[str, float], scale: float | None = None) -> Any:
    from rich.table import Table

    top = scale or max(values.values(), default=1.0) or 1.0
    table = Table.grid(padding=(0, 1))
    for name, value in values.items():
        table.add_row(name, "█" * max(0, round(30 * value / top)), f"{value:.4g}")
    return table


PICTURES: dict[str, Callable[[Any, str], Any]] = {
    "sigmoid-derivative-max": sigmoid_curves,
    "activation": activation_curve,
    "conv-output": conv_windows,
    "iou": iou_boxes,
    "average-precision": precision_recall,
    "gradient-clipping": clipping_bars,
    "lstm-cell": gate_bars,
    "lstm-cell-update": gate_bars,
    "gru-cell": gate_bars,
    "gru-update": gate_bars,
    "attention": attention_heat,
    "ssd-box-count": ssd_boxes,
    "roc-auc": roc_curve,
    "pca": pca_variance,
    "softmax": softmax_bars,
    "kmeans-step": kmeans_scatter,
    "optimizer-step": optimizer_path,
    "q-update": q_table,
    "precision-recall": confusion_matrix,
}
