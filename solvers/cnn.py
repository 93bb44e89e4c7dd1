"""Convolution arithmetic: output sizes, receptive fields and the convolution itself.

Sizes follow PyTorch (``torch.nn.Conv2d``, ``MaxPool2d``, ``ConvTranspose2d``): each size parameter is an int
or a pair [h, w], and an answer is a pair exactly when some parameter was given as one.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from operator import mul
from typing import Annotated, Any

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import MAX_ARRAY_SIZE, Array, Bool, IntList, Optional, Size
from solvers.registry import Lookup, Result, solver

SizeArg = Annotated["int | tuple[int, int]", Size()]
OffsetArg = Annotated["int | tuple[int, int]", Size(min=0)]
OptionalSizeArg = Annotated["int | tuple[int, int] | None", Optional(Size())]


# Sizes beyond this are no exam's; the cap keeps every product and sum below in int64.
MAX_SIZE = 2**30


def _pairs(**values: int | tuple[int, int]) -> tuple[dict[str, np.ndarray], bool]:
    """Broadcast int-or-pair parameters to [h, w] arrays; say whether any of them was a pair."""
    for name, value in values.items():
        if max(value if isinstance(value, tuple) else (value,)) > MAX_SIZE:
            raise SolverInputError(name, f"sizes of at most {MAX_SIZE:,}", value, ja=f"{MAX_SIZE:,} 以下のサイズ")
    any_pair = any(isinstance(v, tuple) for v in values.values())
    table = np.array([v if isinstance(v, tuple) else (v, v) for v in values.values()], dtype=np.int64)
    return dict(zip(values, table)), any_pair


def _shape_answer(sizes: np.ndarray, as_pair: bool) -> int | list[int]:
    return sizes.tolist() if as_pair else int(sizes[0])


def _conv_geometry(p: dict[str, np.ndarray], as_pair: bool) -> dict[str, Any]:
    """The steps of O = ⌊(H + 2P − D(F − 1) − 1) / S⌋ + 1, per axis; an empty output is an error."""
    span = p["dilation"] * (p["kernel"] - 1) + 1
    padded = p["input"] + 2 * p["padding"]
    if (span > padded).any():
        span_text, padded_text = _shape_answer(span, as_pair), _shape_answer(padded, as_pair)
        raise SolverInputError(
            "kernel",
            f"a window (dilated span {span_text}) no larger than the padded input {padded_text}",
            ja=f"パディング後の入力 {padded_text} を超えない窓（ダイレーションで広げた幅 {span_text}）",
        )
    numerator = padded - span
    output = numerator // p["stride"] + 1
    return {
        "span": span,
        "padded": padded,
        "numerator": numerator,
        "stride": p["stride"],
        "exact": bool((numerator % p["stride"] == 0).all()),
        "output": output,
    }


def _shown(steps: dict[str, Any], as_pair: bool) -> dict[str, Any]:
    return {k: _shape_answer(v, as_pair) if isinstance(v, np.ndarray) else v for k, v in steps.items()}


CONV_OUTPUT_LOOKUP = Lookup(
    keywords=("convolution", "畳み込み", "出力サイズ", "output size", "cnn", "segmentation"),
    example={"input": [5, 5], "kernel": [3, 3], "stride": 2, "padding": 1},  # 確認テスト conv-output-size-review
    summary_ja=(
        "畳み込みの出力サイズ O = ⌊(H + 2P − D(F − 1) − 1)/S⌋ + 1。ダイレーション D = 1 なら試験の O "
        "= (H + 2P − F)/S + 1。割り切れないときは PyTorch と同じく切り捨てる。"
    ),
)


@solver("conv-output", CONV_OUTPUT_LOOKUP)
def conv_output(
    input: SizeArg, kernel: SizeArg, stride: SizeArg = 1, padding: OffsetArg = 0, dilation: SizeArg = 1
) -> Result:
    """Output size of a convolution: O = ⌊(H + 2P − D(F − 1) − 1) / S⌋ + 1.

    With dilation D = 1 this is the exam's O = (H + 2P − F)/S + 1; PyTorch's Conv2d floors a division
    that is not exact (the last partial window is dropped), and the extra ``exact`` says whether it was.
    Each parameter is an int or a pair [h, w].
    """
    p, as_pair = _pairs(input=input, kernel=kernel, stride=stride, padding=padding, dilation=dilation)
    steps = _conv_geometry(p, as_pair)
    return Result(
        _shape_answer(steps["output"], as_pair), extras={"exact": steps["exact"]}, steps=_shown(steps, as_pair)
    )


POOL_OUTPUT_LOOKUP = Lookup(
    keywords=("pooling", "プーリング", "max pooling", "最大プーリング", "出力サイズ", "output size", "cnn"),
    example={"input": [24, 15], "kernel": 2, "stride": 2},  # cnn-pool-output-drill
    summary_ja=(
        "プーリングの出力サイズ O = ⌊(H + 2P − F)/S⌋ + 1（ceil_mode では切り上げ）。ストライドの既定値はカーネルサ"
        "イズ。"
    ),
)


@solver("pool-output", POOL_OUTPUT_LOOKUP)
def pool_output(
    input: SizeArg,
    kernel: SizeArg,
    stride: OptionalSizeArg = None,
    padding: OffsetArg = 0,
    ceil_mode: Annotated[bool, Bool()] = False,
) -> Result:
    """Output size of a pooling layer: O = ⌊(H + 2P − F) / S⌋ + 1, or ⌈…⌉ + 1 with ceil_mode.

    The stride defaults to the window size F. With ceil_mode this follows torch.nn.MaxPool2d exactly: a
    last window that would start inside the right padding (i.e. (O − 1)·S ≥ H + P) is dropped, so every
    window starts inside the input or the left padding. As in PyTorch, the padding may be at most half
    the window (P ≤ ⌊F/2⌋).
    """
    stride = kernel if stride is None else stride
    p, as_pair = _pairs(input=input, kernel=kernel, stride=stride, padding=padding)
    if (p["padding"] > p["kernel"] // 2).any():
        half = _shape_answer(p["kernel"] // 2, as_pair)
        raise SolverInputError(
            "padding",
            f"at most half the window (≤ {half}), as PyTorch requires",
            padding,
            ja=f"窓の半分以下（≤ {half}。PyTorch の制約）",
        )
    padded = p["input"] + 2 * p["padding"]
    numerator = padded - p["kernel"]
    rounding = p["stride"] - 1 if ceil_mode else 0
    raw = np.floor_divide(numerator + rounding, p["stride"]) + 1
    # The ceil rule may add a window that begins past the input's right edge: PyTorch drops it.
    dropped = ceil_mode & ((raw - 1) * p["stride"] >= p["input"] + p["padding"])
    output = raw - dropped
    if (output < 1).any():
        padded_text = _shape_answer(padded, as_pair)
        raise SolverInputError(
            "kernel",
            f"a window no larger than the padded input {padded_text}",
            kernel,
            ja=f"パディング後の入力 {padded_text} を超えない窓",
        )
    steps = {
        "stride": p["stride"],
        "padded": padded,
        "numerator": numerator,
        "exact": bool((numerator % p["stride"] == 0).all()),
        "rounded": raw,
        "dropped_last_window": bool(dropped.any()),
        "output": output,
    }
    return Result(_shape_answer(output, as_pair), steps=_shown(steps, as_pair), defaults={"stride": stride})


TRANSPOSED_CONV_OUTPUT_LOOKUP = Lookup(
    keywords=(
        "転置畳み込み",
        "transposed convolution",
        "deconvolution",
        "逆畳み込み",
        "アップサンプリング",
        "upsampling",
        "出力サイズ",
        "output size",
        "segmentation",
    ),
    example={"input": [3, 3], "kernel": 3, "stride": 2, "padding": 1},  # segmentation-transposed-conv-output-drill
    summary_ja="転置畳み込みの出力サイズ O = (H − 1)·S − 2P + D(F − 1) + output_padding + 1。",
)


@solver("transposed-conv-output", TRANSPOSED_CONV_OUTPUT_LOOKUP)
def transposed_conv_output(
    input: SizeArg,
    kernel: SizeArg,
    stride: SizeArg = 1,
    padding: OffsetArg = 0,
    output_padding: OffsetArg = 0,
    dilation: SizeArg = 1,
) -> Result:
    """Output size of a transposed convolution: O = (H − 1)·S − 2P + D(F − 1) + output_padding + 1.

    As torch.nn.ConvTranspose2d. With D = 1 and no output padding this is the exam's O = (H − 1)S + F − 2P:
    insert S − 1 zeros between input pixels ((H − 1)S + 1), pad D(F − 1) − P on each side (plus
    output_padding on one side), then convolve with stride 1. As in PyTorch, output_padding must be smaller
    than the stride or the dilation.
    """
    p, as_pair = _pairs(
        input=input, kernel=kernel, stride=stride, padding=padding, output_padding=output_padding, dilation=dilation
    )
    if ((p["output_padding"] >= p["stride"]) & (p["output_padding"] >= p["dilation"])).any():
        raise SolverInputError(
            "output_padding",
            "a value smaller than the stride or the dilation",
            output_padding,
            ja="ストライドまたはダイレーションより小さい値",
        )
    stretched = (p["input"] - 1) * p["stride"] + 1
    span = p["dilation"] * (p["kernel"] - 1) + 1
    border = span - 1 - p["padding"]
    output = stretched + 2 * border + p["output_padding"] - span + 1
    if (output < 1).any():
        output_text = _shape_answer(output, as_pair)
        raise SolverInputError(
            "padding",
            f"a padding that leaves a positive output size (got {output_text})",
            padding,
            ja=f"出力サイズが正になるパディング（この値では出力サイズ {output_text}）",
        )
    steps = {
        "stretched": stretched,
        "span": span,
        "border": border,
        "padded": stretched + 2 * border + p["output_padding"],
        "output": output,
    }
    return Result(_shape_answer(output, as_pair), steps=_shown(steps, as_pair))


CONV2D_LOOKUP = Lookup(
    keywords=("conv", "convolution", "畳み込み", "畳み込み演算", "相互相関", "cross-correlation", "フィルタ", "cnn"),
    example={
        "input": [[[1, 2, 0], [3, -1, 2], [0, 1, 1]]],
        "weight": [[[[1, 0], [-1, 2]]]],
    },  # cnn-conv2d-element-drill
    summary_ja="2 次元畳み込み（相互相関、カーネルは反転しない）。torch.nn.functional.conv2d と同じ出力を返す。",
)


@solver("conv2d", CONV2D_LOOKUP)
def conv2d(
    input: Annotated[np.ndarray, Array(ndim=(3, 4), shape="[C, H, W] or [N, C, H, W]")],
    weight: Annotated[np.ndarray, Array(ndim=4, shape="[M, C, kh, kw]")],
    bias: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[M]"))] = None,
    stride: SizeArg = 1,
    padding: OffsetArg = 0,
    dilation: SizeArg = 1,
) -> Result:
    """2-D convolution as torch.nn.functional.conv2d (cross-correlation, no kernel flip).

    out[n, m, i, j] = b[m] + Σ_c Σ_u Σ_v x̃[n, c, S·i + D·u, S·j + D·v] · w[m, c, u, v],
    where x̃ is the input zero-padded by P on every side. The output is [N, M, O_h, O_w] (or [M, O_h, O_w]
    for an unbatched input) with O from conv-output. The mathematical convolution of signal processing
    flips the kernel; deep-learning frameworks and the exam's im2col do not.
    """
    x = input if input.ndim == 4 else input[np.newaxis]
    if 0 in x.shape[1:]:
        raise SolverInputError(
            "input", "non-empty channel, height and width axes", list(input.shape), ja="空でないチャネル・高さ・幅の軸"
        )
    if 0 in weight.shape:
        raise SolverInputError(
            "weight",
            "a non-empty array of shape [M, C, kh, kw]",
            list(weight.shape),
            ja="形が [M, C, kh, kw] の空でない配列",
        )
    channels, out_channels = x.shape[1], weight.shape[0]
    if weight.shape[1] != channels:
        raise SolverInputError(
            "weight",
            f"shape [M, {channels}, kh, kw] ({channels} input channels, as input has)",
            list(weight.shape),
            ja=f"形 [M, {channels}, kh, kw]（入力チャネル数 {channels}、input と同じ）",
        )
    if bias is not None and bias.shape != (out_channels,):
        raise SolverInputError(
            "bias",
            f"shape [{out_channels}] (one per output channel)",
            list(bias.shape),
            ja=f"形 [{out_channels}]（出力チャネルごとに 1 つ）",
        )
    p, _ = _pairs(
        input=tuple(x.shape[2:]), kernel=tuple(weight.shape[2:]), stride=stride, padding=padding, dilation=dilation
    )
    geometry = _conv_geometry(p, as_pair=True)
    out_h, out_w = geometry["output"]
    im2col_entries = x.shape[0] * channels * out_h * out_w * weight.shape[2] * weight.shape[3]
    if im2col_entries > MAX_ARRAY_SIZE:
        raise SolverInputError(
            "input",
            f"a convolution whose im2col matrix has at most {MAX_ARRAY_SIZE:,} entries",
            f"{im2col_entries:,}",
            ja=f"im2col 行列の要素数が {MAX_ARRAY_SIZE:,} 以下になる畳み込み",
        )

    (pad_h, pad_w), (stride_h, stride_w), (dil_h, dil_w) = p["padding"], p["stride"], p["dilation"]
    height, width = x.shape[2:]
    padded = np.zeros((*x.shape[:2], height + 2 * pad_h, width + 2 * pad_w), dtype=x.dtype)
    padded[:, :, pad_h : pad_h + height, pad_w : pad_w + width] = x  # np.pad does the same, ten times slower
    windows = np.lib.stride_tricks.sliding_window_view(padded, tuple(geometry["span"]), axis=(2, 3))
    # [N, C, O_h, O_w, kh, kw]: every S-th window, and every D-th tap inside a dilated window.
    windows = windows[:, :, ::stride_h, ::stride_w, ::dil_h, ::dil_w]
    # Σ over c, u, v as one matrix product: [N, O_h, O_w, M], then the channels moved to axis 1.
    correlation = np.moveaxis(np.tensordot(windows, weight, axes=([1, 4, 5], [1, 2, 3])), -1, 1)
    output = correlation if bias is None else correlation + bias[:, np.newaxis, np.newaxis]

    unbatch: Callable[[np.ndarray], np.ndarray] = (lambda a: a) if input.ndim == 4 else (lambda a: a[0])
    steps: dict[str, Any] = {
        "padded_input": unbatch(padded),
        "span": [int(s) for s in geometry["span"]],
        "output_size": [int(out_h), int(out_w)],
        "exact": geometry["exact"],
    }
    if bias is not None:
        steps["correlation"] = unbatch(correlation)
    steps["output"] = unbatch(output)
    return Result(unbatch(output), steps=steps)


RECEPTIVE_FIELD_LOOKUP = Lookup(
    keywords=("受容野", "dilation", "dilated convolution", "膨張畳み込み", "wavenet", "cnn-arch", "segmentation"),
    example={"kernels": [2, 2, 2, 2], "dilations": [1, 2, 4, 8]},  # wavenet-receptive-field-drill
    summary_ja=(
        "畳み込みを重ねたときの受容野 R = 1 + Σ_l D_l(F_l − 1) · Π_{i<l} S_i（F はカーネル、D はダイレーション、"
        "S はストライド）。"
    ),
)


@solver("receptive-field", RECEPTIVE_FIELD_LOOKUP)
def receptive_field(
    kernels: Annotated[tuple[int, ...], IntList()],
    strides: Annotated[tuple[int, ...] | None, Optional(IntList())] = None,
    dilations: Annotated[tuple[int, ...] | None, Optional(IntList())] = None,
) -> Result:
    """Receptive field of a stack of convolutions: R = 1 + Σ_l D_l(F_l − 1) · Π_{i<l} S_i.

    Layer l widens the field by its dilated span minus one, measured in input pixels: the product of
    the strides before it (the "jump"). Strides and dilations default to 1 per layer. WaveNet: F = 2 and
    D = 1, 2, 4, …, 512 give R = 1 + (1 + 2 + … + 512) = 1024 — exponential in depth, while the
    parameter count grows linearly.
    """
    layers = len(kernels)
    for name, values in (("strides", strides), ("dilations", dilations)):
        if values is not None and len(values) != layers:
            raise SolverInputError(
                name, f"{layers} entries, one per kernel", list(values), ja=f"カーネルごとに 1 つ、計 {layers} 個の要素"
            )
    strides = strides or (1,) * layers
    dilations = dilations or (1,) * layers
    # Python ints, not int64: a deep stack of strides overflows 64 bits silently.
    jumps = list(accumulate(strides[:-1], mul, initial=1))
    growth = [d * (k - 1) * j for k, d, j in zip(kernels, dilations, jumps)]
    fields = list(accumulate(growth, initial=1))[1:]
    steps = {
        "span": [d * (k - 1) + 1 for k, d in zip(kernels, dilations)],
        "jump": jumps,
        "growth": growth,
        "per_layer": fields,
        "receptive_field": fields[-1],
    }
    return Result(fields[-1], steps=steps, defaults={"strides": list(strides), "dilations": list(dilations)})
