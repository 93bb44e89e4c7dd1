"""Convolution arithmetic: output sizes, receptive fields and the convolution itself."""

from __future__ import annotations

from typing import Annotated

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import Size
from solvers.registry import Result, solver

SizeArg = Annotated["int | tuple[int, int]", Size()]
OffsetArg = Annotated["int | tuple[int, int]", Size(min=0)]


def _pairs(**values: int | tuple[int, int]) -> tuple[dict[str, np.ndarray], bool]:
    """Broadcast int-or-pair parameters to [h, w] arrays; say whether any of them was a pair."""
    any_pair = any(isinstance(v, tuple) for v in values.values())
    return {k: np.broadcast_to(np.asarray(v, dtype=np.int64), (2,)) for k, v in values.items()}, any_pair


def _shape_answer(sizes: np.ndarray, as_pair: bool) -> int | list[int]:
    return [int(s) for s in sizes] if as_pair else int(sizes[0])


@solver("conv-output")
def conv_output(
    input: SizeArg, kernel: SizeArg, stride: SizeArg = 1, padding: OffsetArg = 0, dilation: SizeArg = 1
) -> Result:
    """Output size of a convolution: O = ⌊(H + 2P − D(F − 1) − 1) / S⌋ + 1.

    With dilation D = 1 this is the exam's O = (H + 2P − F)/S + 1; PyTorch's Conv2d floors a division
    that is not exact (the last partial window is dropped). Each parameter is an int or a pair [h, w].
    """
    p, as_pair = _pairs(input=input, kernel=kernel, stride=stride, padding=padding, dilation=dilation)
    span = p["dilation"] * (p["kernel"] - 1) + 1
    padded = p["input"] + 2 * p["padding"]
    if (span > padded).any():
        raise SolverInputError(
            "kernel", f"a window (dilated span {_shape_answer(span, as_pair)}) no larger than the padded "
            f"input {_shape_answer(padded, as_pair)}"
        )
    numerator = padded - span
    exact = bool((numerator % p["stride"] == 0).all())
    output = numerator // p["stride"] + 1
    steps = {
        "span": _shape_answer(span, as_pair),
        "padded": _shape_answer(padded, as_pair),
        "numerator": _shape_answer(numerator, as_pair),
        "stride": _shape_answer(p["stride"], as_pair),
        "exact": exact,
        "output": _shape_answer(output, as_pair),
    }
    return Result(_shape_answer(output, as_pair), extras={"exact": exact}, steps=steps)
