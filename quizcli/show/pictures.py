"""Pictures in the terminal, for results a person would rather look at than read.

Each function takes an :class:`~quizcli.show.explain.Explanation` (the solver's inputs and named steps) and returns
a Rich renderable; plots come from plotext, grids and bars from Rich. None of them computes anything the solver
did not: they only draw its numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

MAX_GRID = 24
PLOT_SIZE = (64, 14)


def for_explanation(explanation: Any) -> Any | None:
    draw = PICTURES.get(explanation.solver or "")
    if draw is None:
        return None
    try:
        return draw(explanation)
    except (KeyError, ValueError, TypeError, IndexError):
        return None  # an input the picture cannot draw (a batch, a huge grid): the tables above still say it all


def _steps(explanation: Any) -> dict[str, Any]:
    return {step.name: step.value for step in explanation.steps}


def _plot(draw: Callable[[Any], None]) -> Any:
    import plotext as plt
    from rich.text import Text

    plt.clf()
    plt.plotsize(*PLOT_SIZE)
    plt.theme("clear")
    draw(plt)
    return Text.from_ansi(plt.build())


def sigmoid_curves(explanation: Any) -> Any:
    """σ and σ′ with the maximum of σ′ marked at (0, 0.25)."""
    x = np.linspace(-6, 6, 121)
    sigma = 1 / (1 + np.exp(-x))

    def draw(plt: Any) -> None:
        plt.plot(x.tolist(), sigma.tolist(), label="σ(x)")
        plt.plot(x.tolist(), (sigma * (1 - sigma)).tolist(), label="σ′(x) = σ(x)(1 − σ(x))")
        plt.scatter([0.0], [0.25], marker="●", label="max (0, 0.25)")

    return _plot(draw)


def activation_curve(explanation: Any) -> Any:
    name = explanation.params.get("name", "sigmoid")
    if name != "sigmoid":
        return None
    return sigmoid_curves(explanation)


def conv_windows(explanation: Any) -> Any:
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
            f"{int(padded[0])}×{int(padded[1])} after padding {int(pad[0])}\n"
            f"■ input  · padding\n◆ where a {int(span[0])}×{int(span[1])} window starts\n"
            f"every {int(stride[0])} cells: {len(starts[0])}×{len(starts[1])} positions\n"
            f"({int(padded[0])} − {int(span[0])}) / {int(stride[0])} + 1 = {len(starts[0])}"
        ),
    )
    return legend


def iou_boxes(explanation: Any) -> Any:
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
    picture.append(f"a = {a.tolist()}, b = {b.tolist()}; █ intersection; IoU = {float(explanation.answer):.6g}")
    return picture


def precision_recall(explanation: Any) -> Any:
    """The precision–recall points, the interpolated envelope and the AP area."""
    steps = _steps(explanation)
    recall, precision = np.asarray(steps["recall"], float), np.asarray(steps["precision"], float)
    if recall.size == 0:
        return None
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    r = np.concatenate([[0.0], recall])
    p = np.concatenate([[envelope[0]], envelope])

    def draw(plt: Any) -> None:
        plt.scatter(recall.tolist(), precision.tolist(), marker="●", label="precision at each rank")
        area = float(np.asarray(explanation.answer))
        plt.plot(r.tolist(), p.tolist(), label=f"interpolated envelope (AP = {area:.4g})")
        plt.xlim(0, 1)
        plt.ylim(0, 1.05)
        plt.xlabel("recall")

    return _plot(draw)


def clipping_bars(explanation: Any) -> Any:
    """The gradient's norm before and after clipping against the threshold."""
    steps = _steps(explanation)
    threshold = float(explanation.params["threshold"])
    after = float(np.linalg.norm(np.asarray(steps["result"], float)))
    return _bars({"‖g‖ before": float(steps["norm"]), "threshold θ": threshold, "‖g‖ after": after})


def gate_bars(explanation: Any) -> Any:
    """Gate activations (0 to 1) as bars: how much each gate lets through."""
    values: dict[str, float] = {}
    sources = {**explanation.params, **_steps(explanation)}
    for name, value in sources.items():
        if any(word in name for word in ("gate", "_act")) or name in ("i", "f", "o", "r", "z"):
            array = np.asarray(value, dtype=float).reshape(-1)
            for index, entry in enumerate(array[:6]):
                values[f"{name}[{index}]" if array.size > 1 else name] = float(entry)
    return _bars(values, scale=1.0) if values else None


def attention_heat(explanation: Any) -> Any:
    """Attention weights as a coloured table: row = query, column = key."""
    from rich.table import Table

    weights = np.asarray(_steps(explanation).get("weights", explanation.answer["weights"]), dtype=float)
    if weights.ndim != 2 or max(weights.shape) > 12:
        return None
    table = Table("query \\ key", *[f"k{j}" for j in range(weights.shape[1])], box=None)
    for i, row in enumerate(weights):
        table.add_row(f"q{i}", *[_heat(w) for w in row])
    return table


def ssd_boxes(explanation: Any) -> Any:
    """Default boxes per feature map, summing to the total."""
    from rich.table import Table

    params, steps = explanation.params, _steps(explanation)
    table = Table("feature map", "boxes/location", "boxes", box=None, show_footer=True)
    per_map = np.asarray(steps.get("per_map", explanation.answer), dtype=int).reshape(-1)
    for size, k, count in zip(params["feature_maps"], params["boxes_per_location"], per_map):
        table.add_row(f"{size}×{size}", str(k), f"{count:,}")
    table.add_row("total", "", f"{int(np.sum(per_map)):,}", style="bold")
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


PICTURES: dict[str, Callable[[Any], Any]] = {
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
}
