"""Normalization (batch, layer, instance, group), im2col, pooling and the parameter counts of layers.

Every answer follows PyTorch in float64: torch.nn.functional.batch_norm / layer_norm / instance_norm /
group_norm in training mode, the running statistics of torch.nn.BatchNorm1d/2d, max_pool2d / avg_pool2d, and
``sum(p.numel() for p in module.parameters())`` of the torch.nn modules. im2col is ゼロから作る Deep Learning's
(common/util.py), which is torch.nn.functional.unfold with each image's matrix transposed.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.cnn import conv_output, pool_output
from solvers.errors import NOTHING, OVERFLOW, SolverInputError
from solvers.params import MAX_ARRAY_SIZE, Array, Bool, Choice, Int, Number, Optional, Size
from solvers.registry import Lookup, Result, solver

SizeArg = Annotated["int | tuple[int, int]", Size()]
OffsetArg = Annotated["int | tuple[int, int]", Size(min=0)]
OptionalSizeArg = Annotated["int | tuple[int, int] | None", Optional(Size())]
Features = Annotated[np.ndarray, Array(ndim=(2, 3, 4), shape="[N, D], [N, C, L] or [N, C, H, W]")]

METHODS = ("batch", "layer", "instance", "group")
AFFINE_SHAPE = "[C] (or a number; for layer also x.shape[1:])"
AFFINE_SHAPE_JA = "[C]（または数値。layer では x.shape[1:] も可）"


def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    return value if isinstance(value, tuple) else (value, value)


def _check_not_empty(name: str, x: np.ndarray) -> None:
    if 0 in x.shape:
        raise SolverInputError(name, "an array with no empty axis", list(x.shape), ja="長さ 0 の軸を含まない配列")


# --- normalization ----------------------------------------------------------------------------------------


def _grouped(x: np.ndarray, method: str, num_groups: int | None) -> tuple[np.ndarray, tuple[int, ...], tuple[int, ...]]:
    """x viewed so that each normalized set is reduced over ``axes``, and the shape of the statistics.

    batch: per channel over (N, spatial) → [C]; layer: per sample over (C, spatial) → [N];
    instance: per sample and channel over the spatial axes → [N, C]; group: per sample and group of
    C/G channels → [N, G] (x reshaped to [N, G, C/G·spatial], as torch's group_norm does).
    """
    n, c, spatial = x.shape[0], x.shape[1], math.prod(x.shape[2:])
    if method == "batch":
        if n * spatial == 1:  # torch: "Expected more than 1 value per channel when training"
            raise SolverInputError(
                "x",
                "more than one value per channel (N·H·W > 1) for batch norm",
                list(x.shape),
                ja="バッチ正規化ではチャネルごとに複数の値（N·H·W > 1）",
            )
        return x, (0, *range(2, x.ndim)), (c,)
    if method == "layer":
        return x, tuple(range(1, x.ndim)), (n,)
    if method == "instance":
        if spatial == 1:  # torch: "Expected more than 1 spatial element when training"
            raise SolverInputError(
                "x",
                "[N, C, L] or [N, C, H, W] with more than one spatial element",
                list(x.shape),
                ja="空間方向の要素が複数ある [N, C, L] か [N, C, H, W]",
            )
        return x, tuple(range(2, x.ndim)), (n, c)
    if num_groups is None:
        raise SolverInputError(
            "num_groups", "the number of groups for group norm", NOTHING, ja="グループ正規化のグループ数"
        )
    if c % num_groups:
        raise SolverInputError("num_groups", f"a divisor of the {c} channels", num_groups, ja=f"チャネル数 {c} の約数")
    if n * (c // num_groups) * spatial == 1:  # torch's check, N·(C/G)·H·W > 1 (not the size of one group)
        raise SolverInputError(
            "x",
            "more than one value per group over the batch (N·C/G·H·W > 1)",
            list(x.shape),
            ja="バッチ全体でグループごとに複数の値（N·C/G·H·W > 1）",
        )
    return x.reshape(n, num_groups, -1), (2,), (n, num_groups)


def _affine(name: str, value: np.ndarray | None, x: np.ndarray, method: str, fill: float) -> np.ndarray:
    """γ or β broadcast against x: a number, one value per channel [C], or (layer norm) x.shape[1:]."""
    if value is None:
        return np.asarray(fill)
    channels = x.shape[1]
    if value.ndim == 0:
        return value
    if value.shape == (channels,):
        return value.reshape(channels, *(1,) * (x.ndim - 2))
    if method == "layer" and value.shape == x.shape[1:]:  # nn.LayerNorm's elementwise affine
        return value
    layer_shape = f" or {list(x.shape[1:])}" if method == "layer" else ""
    layer_shape_ja = f"か {list(x.shape[1:])} " if method == "layer" else ""
    expected = f"[{channels}] (one per channel)" + layer_shape
    ja = f"形が [{channels}]（チャネルごとに 1 つ）{layer_shape_ja}の配列"
    raise SolverInputError(name, expected, list(value.shape), ja=ja)


NORMALIZE_LOOKUP = Lookup(
    keywords=("正規化", "normalization", "正規化層", "normalization layer", "標準化", "standardization"),
    presets={
        "batch normalization": {"method": "batch"},
        "batchnorm": {"method": "batch"},
        "バッチ正規化": {"method": "batch"},
        "layer normalization": {"method": "layer"},
        "layernorm": {"method": "layer"},
        "レイヤー正規化": {"method": "layer"},
        "層正規化": {"method": "layer"},
        "instance normalization": {"method": "instance"},
        "instancenorm": {"method": "instance"},
        "インスタンス正規化": {"method": "instance"},
        "group normalization": {"method": "group", "num_groups": 2},
        "groupnorm": {"method": "group", "num_groups": 2},
        "グループ正規化": {"method": "group", "num_groups": 2},
    },
    # [N, C, H, W] = [2, 2, 2, 2]: every method (and G = 1 or 2 for group) applies to it.
    example={"x": [[[[1, 2], [3, 4]], [[0, 2], [4, 6]]], [[[5, 6], [7, 8]], [[2, 4], [6, 8]]]], "method": "batch"},
    summary_ja=(
        "y = γ(x − μ)/√(σ² + ε) + β。μ と σ² はバッチ正規化ならチャネルごとに (N, H, W)、レイヤー正規化ならサンプ"
        "ルごとに (C, H, W)、インスタンス正規化ならサンプル・チャネルごとに (H, W)、グループ正規化ならサンプル・グ"
        "ループごとに取る。学習時の値で、分散は個数で割る標本分散（torch の batch_norm / layer_norm / "
        "instance_norm / group_norm と同じ）。"
    ),
)


@solver("normalize", NORMALIZE_LOOKUP)
def normalize(
    x: Features,
    method: Annotated[str, Choice(*METHODS)] = "batch",
    gamma: Annotated[
        np.ndarray | None, Optional(Array(ndim=(0, 1, 2, 3), shape=AFFINE_SHAPE, shape_ja=AFFINE_SHAPE_JA))
    ] = None,
    beta: Annotated[
        np.ndarray | None, Optional(Array(ndim=(0, 1, 2, 3), shape=AFFINE_SHAPE, shape_ja=AFFINE_SHAPE_JA))
    ] = None,
    eps: Annotated[float, Number(min=0)] = 1e-5,
    num_groups: Annotated[int | None, Optional(Int(min=1))] = None,
) -> Result:
    """y = γ·(x − μ)/√(σ² + ε) + β, with μ and σ² (biased) over the axes the method normalizes.

    Training mode, exactly torch.nn.functional's batch_norm (per channel over N and the spatial axes; μ, σ²
    of shape [C]), layer_norm over every non-batch axis ([N]), instance_norm (per sample and channel over
    H, W; [N, C]) and group_norm (per sample over groups of C/G channels; [N, G]). x is [N, D] (features
    are channels), [N, C, L] or [N, C, H, W]. γ and β default to 1 and 0, and are a number or one value per
    channel; layer norm also takes nn.LayerNorm's elementwise shape x.shape[1:]. σ² divides by the count
    (not count − 1), as torch uses it to normalize. As torch, batch norm needs more than one value per
    channel and instance norm more than one spatial element, group norm N·(C/G)·H·W > 1, and batch norm ε > 0; with
    ε = 0 a constant instance gives x̂ = 0 (torch's kernel), a constant layer or group is refused (torch's NaN).
    """
    _check_not_empty("x", x)
    if method != "group" and num_groups is not None:
        raise SolverInputError(
            "num_groups", "nothing unless method is group", num_groups, ja="指定なし（method が group のとき以外）"
        )
    if method == "group" and num_groups is not None and num_groups > x.shape[1]:
        raise SolverInputError(
            "num_groups", f"at most the {x.shape[1]} channels", num_groups, ja=f"チャネル数 {x.shape[1]} 以下"
        )
    if method == "batch" and eps == 0:  # torch.nn.functional.batch_norm: "eps must be positive during training"
        raise SolverInputError(
            "eps",
            "eps > 0 for batch norm in training (as torch)",
            eps,
            ja="学習時のバッチ正規化では eps > 0（torch と同じ）",
        )
    view, axes, stat_shape = _grouped(x, method, num_groups)
    scale, shift = _affine("gamma", gamma, x, method, 1.0), _affine("beta", beta, x, method, 0.0)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # inf or NaN is reported below
        mean = view.mean(axis=axes, keepdims=True)
        centered = view - mean
        var = np.mean(centered * centered, axis=axes, keepdims=True)
        std = np.sqrt(var + eps)
        inv_std = 1.0 / std
        if method == "instance":
            # instance_norm runs torch's batch-norm kernel, whose 1/√(σ² + ε) is 0 when σ² = ε = 0: a constant
            # instance becomes 0 (then β), where layer_norm and group_norm give NaN.
            inv_std = np.where(std == 0, 0.0, inv_std)
        x_hat = (centered * inv_std).reshape(x.shape)
    if not (np.isfinite(var).all() and np.isfinite(x_hat).all()):
        raise SolverInputError(
            "x",
            "values whose variance is finite (and nonzero when eps is 0)",
            OVERFLOW,
            ja="分散が有限になる（eps が 0 なら 0 にもならない）値",
        )
    with np.errstate(over="ignore", invalid="ignore"):
        y = scale * x_hat + shift
    if not np.isfinite(y).all():
        raise SolverInputError("gamma", "γ and β whose γ·x̂ + β is finite", OVERFLOW, ja="γ·x̂ + β が有限になる γ と β")
    stats = {"mean": mean.reshape(stat_shape), "var": var.reshape(stat_shape)}
    steps = {**stats, "std": std.reshape(stat_shape), "x_hat": x_hat, "y": y}
    return Result({"y": y, **stats}, steps=steps)


BATCH_NORM_RUNNING_LOOKUP = Lookup(
    keywords=(
        "移動平均",
        "running mean",
        "running variance",
        "running statistics",
        "推論時",
        "inference",
        "バッチ正規化",
        "batch normalization",
        "normalization",
    ),
    example={  # running statistics from torch's initial 0 and 1, after one batch of 4
        "running_mean": [0.0, 0.0],
        "running_var": [1.0, 1.0],
        "batch": [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [4.0, 8.0]],
    },
    summary_ja=(
        "μ_run ← (1 − m)μ_run + m μ_B、σ²_run ← (1 − m)σ²_run + m σ²_B·n/(n − 1)。momentum m（既定 0.1）"
        "は新しいミニバッチの重みで、移動分散には不偏分散を混ぜる（torch.nn.BatchNorm と同じ。Keras の "
        "momentum は 1 − m に当たる）。"
    ),
)


@solver("batch-norm-running", BATCH_NORM_RUNNING_LOOKUP)
def batch_norm_running(
    running_mean: Annotated[np.ndarray, Array(ndim=1, shape="[C]")],
    running_var: Annotated[np.ndarray, Array(ndim=1, shape="[C]")],
    batch: Features,
    momentum: Annotated[float, Number(min=0, max=1)] = 0.1,
) -> Result:
    """μ_run ← (1 − m)·μ_run + m·μ_B,  σ²_run ← (1 − m)·σ²_run + m·σ²_B·n/(n − 1).

    torch.nn.BatchNorm1d/2d after one training step (momentum m = 0.1 by default, the weight of the new
    batch). μ_B and σ²_B are per channel over N and the spatial axes, n values each; the running variance
    takes the unbiased batch variance (× n/(n − 1)), although the batch itself was normalized with the
    biased one. At inference, y = γ(x − μ_run)/√(σ²_run + ε) + β. Keras' momentum is 1 − m.
    """
    _check_not_empty("batch", batch)
    channels = batch.shape[1]
    for name, value in (("running_mean", running_mean), ("running_var", running_var)):
        if value.shape != (channels,):
            raise SolverInputError(
                name,
                f"shape [{channels}] (one per channel of batch)",
                list(value.shape),
                ja=f"形 [{channels}]（batch のチャネルごとに 1 つ）",
            )
    if (running_var < 0).any():
        raise SolverInputError("running_var", "variances ≥ 0", running_var.tolist(), ja="0 以上の分散")
    axes = (0, *range(2, batch.ndim))
    count = batch.size // channels
    if count == 1:  # torch: "Expected more than 1 value per channel when training"
        raise SolverInputError(
            "batch",
            "more than one value per channel (N·H·W > 1)",
            list(batch.shape),
            ja="チャネルごとに複数の値（N·H·W > 1）",
        )
    with np.errstate(over="ignore", invalid="ignore"):  # reported just below
        batch_mean = batch.mean(axis=axes)
        centered = batch - batch_mean.reshape(channels, *(1,) * (batch.ndim - 2))
        squares = np.sum(centered * centered, axis=axes)
        biased, unbiased = squares / count, squares / (count - 1)
        new_mean = (1 - momentum) * running_mean + momentum * batch_mean
        new_var = (1 - momentum) * running_var + momentum * unbiased
    if not (np.isfinite(new_mean).all() and np.isfinite(new_var).all()):
        raise SolverInputError("batch", "values whose variance is finite", OVERFLOW, ja="分散が有限になる値")
    steps = {
        "count": count,
        "batch_mean": batch_mean,
        "batch_var": biased,
        "batch_var_unbiased": unbiased,
        "running_mean": new_mean,
        "running_var": new_var,
    }
    return Result({"running_mean": new_mean, "running_var": new_var}, steps=steps)


# --- im2col and pooling ------------------------------------------------------------------------------------


def _canvas(x: np.ndarray, padding: tuple[int, int], extent: tuple[int, int], fill: float) -> np.ndarray:
    """[N, C, *extent] filled with ``fill``, x placed at offset ``padding`` (cut where extent ends first)."""
    entries = x.shape[0] * x.shape[1] * extent[0] * extent[1]
    if entries > MAX_ARRAY_SIZE:
        raise SolverInputError(
            "padding",
            f"a padded input of at most {MAX_ARRAY_SIZE:,} entries",
            f"{entries:,}",
            ja=f"パディング後の要素数が {MAX_ARRAY_SIZE:,} 個以下の入力",
        )
    canvas = np.full((*x.shape[:2], *extent), fill)
    (top, left), (height, width) = padding, x.shape[2:]
    rows, cols = min(height, extent[0] - top), min(width, extent[1] - left)
    canvas[:, :, top : top + rows, left : left + cols] = x[:, :, :rows, :cols]
    return canvas


def _windows(canvas: np.ndarray, kernel: tuple[int, int], stride: tuple[int, int]) -> np.ndarray:
    """[N, C, OH, OW, kh, kw]: the window of each output position (a view, nothing copied)."""
    view = np.lib.stride_tricks.sliding_window_view(canvas, kernel, axis=(2, 3))
    return view[:, :, :: stride[0], :: stride[1]]


def _check_work(name: str, entries: int) -> None:
    if entries > MAX_ARRAY_SIZE:
        raise SolverInputError(
            name,
            f"windows of at most {MAX_ARRAY_SIZE:,} entries in all",
            f"{entries:,}",
            ja=f"要素が合計 {MAX_ARRAY_SIZE:,} 個以下の窓",
        )


IM2COL_LOOKUP = Lookup(
    keywords=("im2col", "col2im", "行列展開", "展開", "畳み込みの行列演算", "convolution as matrix product", "cnn"),
    # a two-channel 3×3 image, 2×2 filter: 4 rows of 2·2·2 = 8
    example={"x": [[[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[0, 1, 0], [2, 0, 3], [1, 1, 1]]]], "kernel": 2},
    summary_ja=(
        "col[(n, oh, ow), (c, i, j)] = x̃[n, c, S·oh + i, S·ow + j]（x̃ はゼロパディング後）。形状は "
        "[N·OH·OW, C·kh·kw] で、行は出力位置、列はチャネル → フィルタ内の行 → 列の順（ゼロから作る Deep "
        "Learning の im2col。unfold の転置）。"
    ),
)


@solver("im2col", IM2COL_LOOKUP)
def im2col(
    x: Annotated[
        np.ndarray,
        Array(
            ndim=(3, 4),
            shape="[N, C, H, W] (or [C, H, W] for one image)",
            shape_ja="[N, C, H, W]（画像 1 枚なら [C, H, W]）",
        ),
    ],
    kernel: SizeArg,
    stride: SizeArg = 1,
    padding: OffsetArg = 0,
) -> Result:
    """col[(n, oh, ow), (c, i, j)] = x̃[n, c, S·oh + i, S·ow + j]: the [N·OH·OW, C·kh·kw] matrix of im2col.

    ゼロから作る Deep Learning's im2col: x zero-padded by P (x̃), one row per output position in (n, oh, ow)
    order, one column per filter tap in (c, i, j) order, so a convolution is col @ W.reshape(M, −1).T.
    torch.nn.functional.unfold gives the same numbers as [N, C·kh·kw, OH·OW]: each image's matrix
    transposed. OH, OW as conv-output (a last partial window is dropped); kernel, stride and padding are
    an int or a pair [h, w].
    """
    batch = x if x.ndim == 4 else x[np.newaxis]
    _check_not_empty("x", batch)
    n, c, height, width = batch.shape
    out_h, out_w = conv_output(input=(height, width), kernel=kernel, stride=stride, padding=padding).answer
    (kh, kw), (ph, pw) = _pair(kernel), _pair(padding)
    padded = _canvas(batch, (ph, pw), (height + 2 * ph, width + 2 * pw), 0.0)
    _check_work("x", n * out_h * out_w * c * kh * kw)
    windows = _windows(padded, (kh, kw), _pair(stride))[:, :, :out_h, :out_w]
    col = windows.transpose(0, 2, 3, 1, 4, 5).reshape(n * out_h * out_w, c * kh * kw)
    steps = {
        "padded": padded if x.ndim == 4 else padded[0],
        "output_size": [out_h, out_w],
        "rows": n * out_h * out_w,
        "columns": c * kh * kw,
        "col": col,
    }
    return Result(col, steps=steps)


POOL2D_LOOKUP = Lookup(
    keywords=("pooling", "プーリング", "プーリング層", "pooling layer", "cnn"),
    presets={
        "max pooling": {"mode": "max"},
        "最大プーリング": {"mode": "max"},
        "maxpool": {"mode": "max"},
        "average pooling": {"mode": "avg"},
        "平均プーリング": {"mode": "avg"},
        "avgpool": {"mode": "avg"},
    },
    example={"x": [[[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]]], "kernel": 2},  # ゼロから作る 図7-14
    summary_ja=(
        "out[i, j] = 窓 x̃[S·i − P : S·i − P + F, S·j − P : S·j − P + F] の最大値または平均。ストライドの既定は窓"
        "の大きさ。max はパディングを −∞、avg は 0 として個数に含める（count_include_pad=True）。torch "
        "の max_pool2d / avg_pool2d と同じ。"
    ),
)


@solver("pool2d", POOL2D_LOOKUP)
def pool2d(
    x: Annotated[np.ndarray, Array(ndim=(3, 4), shape="[C, H, W] or [N, C, H, W]")],
    kernel: SizeArg,
    stride: OptionalSizeArg = None,
    padding: OffsetArg = 0,
    mode: Annotated[str, Choice("max", "avg")] = "max",
    ceil_mode: Annotated[bool, Bool()] = False,
) -> Result:
    """out[n, c, i, j] = max or mean of x̃[n, c, S·i − P : S·i − P + F, S·j − P : S·j − P + F].

    Exactly torch.nn.functional.max_pool2d / avg_pool2d, per channel; the stride defaults to the window.
    max pads with −∞ (padding never wins); avg pads with 0 and divides by the window clipped to the padded
    input (count_include_pad=True), so with ceil_mode a window hanging past the right padding divides by
    fewer. Output size as pool-output: with ceil_mode a last window starting in the right padding is
    dropped, and the padding may be at most half the window.
    """
    batch = x if x.ndim == 4 else x[np.newaxis]
    _check_not_empty("x", batch)
    stride = kernel if stride is None else stride
    height, width = batch.shape[2:]
    size = pool_output(input=(height, width), kernel=kernel, stride=stride, padding=padding, ceil_mode=ceil_mode)
    out_h, out_w = size.answer
    kernel_hw, stride_hw, padding_hw = _pair(kernel), _pair(stride), _pair(padding)
    _check_work("kernel", batch.shape[0] * batch.shape[1] * out_h * out_w * kernel_hw[0] * kernel_hw[1])
    extent_h, extent_w = ((o - 1) * s + k for o, s, k in zip((out_h, out_w), stride_hw, kernel_hw))
    canvas = _canvas(batch, padding_hw, (extent_h, extent_w), -np.inf if mode == "max" else 0.0)
    windows = _windows(canvas, kernel_hw, stride_hw)
    steps: dict[str, Any] = {"stride": list(stride_hw), "output_size": [out_h, out_w]}
    steps["dropped_last_window"] = size.steps["dropped_last_window"]
    if mode == "max":
        output = windows.max(axis=(-2, -1))
    else:
        # torch's pool_size: the window cut at the far edge of the padded input, not at the input's.
        sizes = [
            np.minimum(np.arange(o) * s - p + k, dim + p) - (np.arange(o) * s - p)
            for o, s, p, k, dim in zip((out_h, out_w), stride_hw, padding_hw, kernel_hw, (height, width))
        ]
        divisor = np.outer(*sizes)
        with np.errstate(over="ignore", invalid="ignore"):  # reported just below
            sums = windows.sum(axis=(-2, -1))
        if not np.isfinite(sums).all():
            raise SolverInputError("x", "values whose window sums are finite", OVERFLOW, ja="窓ごとの和が有限になる値")
        output = sums / divisor
        steps |= {"window_sum": sums if x.ndim == 4 else sums[0], "divisor": divisor}
    output = output if x.ndim == 4 else output[0]
    steps["output"] = output
    return Result(output, steps=steps, defaults={"stride": stride})


# --- parameter counts ----------------------------------------------------------------------------------------

LAYERS = ("linear", "conv2d", "rnn", "lstm", "gru", "embedding", "batch-norm", "layer-norm", "multihead-attention")
_GATES = {"rnn": 1, "lstm": 4, "gru": 3}  # torch stacks the gates' matrices: LSTM i, f, g, o; GRU r, z, n
_NEEDS_OUT = ("linear", "conv2d", "rnn", "lstm", "gru", "embedding")


def _tensor_shapes(
    layer: str, d_in: int, d_out: int, kernel: tuple[int, int], groups: int, bias: bool
) -> dict[str, tuple[int, ...]]:
    """The torch module's parameters by their names in module.named_parameters(), with their shapes."""
    shapes: dict[str, tuple[int, ...]]
    if layer == "linear":
        shapes = {"weight": (d_out, d_in), "bias": (d_out,)}
    elif layer == "conv2d":
        shapes = {"weight": (d_out, d_in // groups, *kernel), "bias": (d_out,)}
    elif layer in _GATES:
        rows = _GATES[layer] * d_out
        shapes = {
            "weight_ih_l0": (rows, d_in),
            "weight_hh_l0": (rows, d_out),
            "bias_ih_l0": (rows,),
            "bias_hh_l0": (rows,),
        }
    elif layer == "embedding":
        return {"weight": (d_in, d_out)}  # a lookup table: no bias whatever the flag says
    elif layer in ("batch-norm", "layer-norm"):
        shapes = {"weight": (d_in,), "bias": (d_in,)}  # γ and β
    else:
        shapes = {
            "in_proj_weight": (3 * d_in, d_in),  # W_Q, W_K, W_V stacked
            "in_proj_bias": (3 * d_in,),
            "out_proj.weight": (d_in, d_in),
            "out_proj.bias": (d_in,),
        }
    return shapes if bias else {name: shape for name, shape in shapes.items() if "bias" not in name}


def _check_layer_params(
    layer: str,
    in_features: int,
    out_features: int | None,
    kernel: int | tuple[int, int] | None,
    groups: int,
    num_heads: int | None,
) -> int:
    """The output size the count uses; SolverInputError for a parameter the layer lacks or cannot take."""
    if layer in _NEEDS_OUT and out_features is None:
        raise SolverInputError("out_features", f"the output size of {layer}", NOTHING, ja=f"{layer} の出力サイズ")
    if layer not in _NEEDS_OUT and out_features not in (None, in_features):
        raise SolverInputError(
            "out_features",
            f"nothing, or in_features ({in_features}): {layer} keeps it",
            out_features,
            ja=f"指定なしか in_features（{in_features}）と同じ値（{layer} はサイズを変えない）",
        )
    if (layer == "conv2d") != (kernel is not None):
        raise SolverInputError(
            "kernel",
            "a kernel size for conv2d, and nothing for other layers",
            kernel,
            ja="conv2d ではカーネルサイズ、ほかの層では指定なし",
        )
    if groups != 1 and layer != "conv2d":
        raise SolverInputError("groups", "1 unless layer is conv2d", groups, ja="1（layer が conv2d のとき以外）")
    d_out = in_features if out_features is None else out_features
    if in_features % groups or d_out % groups:
        raise SolverInputError(
            "groups",
            f"a divisor of in_features ({in_features}) and out_features ({d_out})",
            groups,
            ja=f"in_features（{in_features}）と out_features（{d_out}）の公約数",
        )
    if num_heads is not None and layer != "multihead-attention":
        raise SolverInputError(
            "num_heads",
            "nothing unless layer is multihead-attention",
            num_heads,
            ja="指定なし（layer が multihead-attention のとき以外）",
        )
    if num_heads is not None and in_features % num_heads:
        raise SolverInputError(
            "num_heads",
            f"a divisor of embed_dim = in_features ({in_features})",
            num_heads,
            ja=f"embed_dim = in_features（{in_features}）の約数",
        )
    return d_out


PARAM_COUNT_LOOKUP = Lookup(
    keywords=(
        "パラメータ数",
        "parameter count",
        "number of parameters",
        "学習パラメータ",
        "trainable parameters",
        "重みの数",
        "numel",
        "cnn",
    ),
    # A preset clears what its layer does not take, so that it also runs on the example (a conv2d's).
    presets={
        "全結合層": {"layer": "linear", "kernel": None},
        "linear layer": {"layer": "linear", "kernel": None},
        "dense": {"layer": "linear", "kernel": None},
        "畳み込み層": {"layer": "conv2d"},
        "conv layer": {"layer": "conv2d"},
        "埋め込み層": {"layer": "embedding", "kernel": None},
        "embedding": {"layer": "embedding", "kernel": None},
        "multi-head attention": {"layer": "multihead-attention", "out_features": None, "kernel": None},
        "マルチヘッドアテンション": {"layer": "multihead-attention", "out_features": None, "kernel": None},
    },
    example={"layer": "conv2d", "in_features": 3, "out_features": 64, "kernel": 3},  # VGG16's first layer: 1,792
    summary_ja=(
        "全結合 D→M は M·D + M、畳み込み C→M（フィルタ kh×kw）は M·(C/groups)·kh·kw + M、正規化層は γ "
        "と β で 2C、Multi-Head Attention（埋め込み E）は 4E² + 4E でヘッド数によらない。torch.nn の各モジュールの"
        "学習パラメータ数と同じ。"
    ),
)


@solver("param-count", PARAM_COUNT_LOOKUP)
def param_count(
    layer: Annotated[str, Choice(*LAYERS)],
    in_features: Annotated[int, Int(min=1)],
    out_features: Annotated[int | None, Optional(Int(min=1))] = None,
    kernel: OptionalSizeArg = None,
    groups: Annotated[int, Int(min=1)] = 1,
    bias: Annotated[bool, Bool()] = True,
    num_heads: Annotated[int | None, Optional(Int(min=1))] = None,
) -> Result:
    """Trainable parameters of a torch.nn layer: Σ numel over module.parameters() (weights + biases).

    linear D→M: M·D + M. conv2d C→M with a kh×kw kernel: M·(C/groups)·kh·kw + M. rnn/lstm/gru, input D,
    hidden H (out_features), one layer and direction: g·(H·D + H·H + 2H) with g = 1, 4, 3 gates and torch's
    two bias vectors (b_ih and b_hh; the textbook's single bias gives g·H fewer). embedding: V·D for
    V = in_features words of D = out_features dimensions (no bias). batch-norm / layer-norm over C = in_features:
    γ and β, 2C (bias false: γ only). multihead-attention with embed_dim E = in_features: in_proj 3E·E + 3E
    and out_proj E·E + E, 4E² + 4E whatever num_heads (which must divide E). bias=false drops every bias.
    """
    d_out = _check_layer_params(layer, in_features, out_features, kernel, groups, num_heads)
    shapes = _tensor_shapes(layer, in_features, d_out, _pair(kernel) if kernel is not None else (1, 1), groups, bias)
    # math.prod of Python ints: exact at any size, where int64 would wrap silently.
    weights = sum(math.prod(shape) for name, shape in shapes.items() if "bias" not in name)
    biases = sum(math.prod(shape) for name, shape in shapes.items() if "bias" in name)
    steps: dict[str, Any] = {name: list(shape) for name, shape in shapes.items()}
    steps |= {"weights": weights, "biases": biases, "total": weights + biases}
    return Result(weights + biases, extras={"weights": weights, "biases": biases}, steps=steps)
