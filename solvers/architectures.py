"""Arithmetic of named CNN architectures: MobileNet's separable convolutions, DenseNet's channel growth."""

from __future__ import annotations

from typing import Annotated

from solvers.params import Int
from solvers.registry import Lookup, Result, solver

Count = Annotated[int, Int(min=1)]


MOBILENET_COST_LOOKUP = Lookup(
    keywords=(
        "depthwise",
        "pointwise",
        "depthwise separable convolution",
        "深さ方向分離可能畳み込み",
        "計算量",
        "cnn-arch",
    ),
    example={"height": 32, "width": 32, "in_channels": 64, "kernel": 3, "out_channels": 128},  # mobilenet-*-drill
    summary_ja=(
        "積和演算の回数（ストライド 1、same パディング）: 通常の畳み込み H·W·K²·C·M、depthwise H·W·C·K²、"
        "pointwise H·W·C·M。比は 1/M + 1/K²。"
    ),
)


@solver("mobilenet-cost", MOBILENET_COST_LOOKUP)
def mobilenet_cost(height: Count, width: Count, in_channels: Count, kernel: Count, out_channels: Count) -> Result:
    """Multiply-adds of a standard vs a depthwise-separable convolution (MobileNet), stride 1, same padding.

    standard  = H·W·K²·C·M    (M filters of K×K×C at each of H·W positions)
    depthwise = H·W·C·K²      (one K×K filter per input channel; output H×W×C)
    pointwise = H·W·C·M       (1×1 convolution mixing channels; output H×W×M)
    ratio = (depthwise + pointwise)/standard = 1/M + 1/K²
    These are computation costs; the output maps are H×W×C and H×W×M.
    """
    positions = height * width
    standard = positions * kernel**2 * in_channels * out_channels
    depthwise = positions * in_channels * kernel**2
    pointwise = positions * in_channels * out_channels
    separable = depthwise + pointwise
    answer = {
        "standard": standard,
        "depthwise": depthwise,
        "pointwise": pointwise,
        "separable": separable,
        "ratio": separable / standard,
    }
    steps = {"positions": positions, **answer, "ratio_formula": f"1/{out_channels} + 1/{kernel}²"}
    return Result(answer, steps=steps)


DENSENET_CHANNELS_LOOKUP = Lookup(
    keywords=("growth rate", "成長率", "dense block", "cnn-arch"),
    example={"k0": 16, "growth_rate": 12, "layers": 5},  # densenet-channels-drill
    summary_ja=(
        "DenseNet の dense block を通った後のチャネル数 k₀ + ℓ·k（ℓ 層、成長率 k）。各層は前のすべての層の出力を連"
        "結して受け取る。"
    ),
)


@solver("densenet-channels", DENSENET_CHANNELS_LOOKUP)
def densenet_channels(k0: Count, growth_rate: Count, layers: Annotated[int, Int(min=1, max=1000)]) -> Result:
    """Channels after a DenseNet dense block: k₀ + ℓ·k for ℓ layers of growth rate k.

    Layer ℓ receives the concatenation (along channels, not a sum as in ResNet) of the block input and
    every earlier layer's output, k₀ + (ℓ − 1)·k channels, and emits k new ones. The extra ``per_layer``
    lists those inputs for ℓ = 1 … layers (at most 1,000: real blocks have a few dozen, and the list is built).
    """
    per_layer = [k0 + (layer - 1) * growth_rate for layer in range(1, layers + 1)]
    total = k0 + layers * growth_rate
    return Result(
        total,
        extras={"per_layer": per_layer},
        steps={"per_layer": per_layer, "each_layer_adds": growth_rate, "output_channels": total},
    )
