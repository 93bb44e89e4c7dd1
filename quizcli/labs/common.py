"""What both labs share: the progress callback's type, JSON-safe floats, and matrix products that round alike on
every CPU."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np

try:  # np.einsum itself: its __array_function__ wrapper costs more than the labs' small products
    from numpy._core.multiarray import c_einsum as _einsum
except ImportError:  # numpy 1.x: the public function, the same numbers, slower
    _einsum = np.einsum

#: Called now and then during training with (done, total, metrics), e.g. (2000, 10000, {"loss": 0.8, ...}).
Progress = Callable[[int, int, Mapping[str, float]], None]

_PRODUCT = {1: "k,kn->n", 2: "mk,kn->mn"}  # einsum subscripts of a @ b by a.ndim


def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` for a 1-D or 2-D ``a`` and a 2-D ``b``, with the same rounding on every CPU.

    ``@`` hands the product to BLAS, whose kernel is picked per CPU (OpenBLAS: Sandybridge, Haswell, SkylakeX …)
    and adds the terms in its own order, with or without fused multiply-adds. SGD amplifies those last-bit
    differences until one seed trains differently on two machines (a largest gradient norm of 28 on one, 64
    on another). einsum without ``optimize`` never calls BLAS, and numpy compiles its kernels for its baseline
    instruction set instead of choosing one per CPU at run time (here, the same numbers with numpy's AVX2 code
    switched off by NPY_DISABLE_CPU_FEATURES).
    """
    product: np.ndarray = _einsum(_PRODUCT[a.ndim], a, b)
    return product


def dot(a: np.ndarray, b: np.ndarray) -> float:
    """``a @ b`` for two vectors, with the same rounding on every CPU (see :func:`matmul`)."""
    return float(_einsum("k,k->", a, b))


def json_float(value: float | None) -> float | None:
    """JSON has no NaN or infinity: an exploded run's non-finite numbers become null."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)
