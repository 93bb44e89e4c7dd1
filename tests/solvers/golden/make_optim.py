"""Regenerate optim_torch.json: torch's numbers for the gradient-clipping and init-std contract rows.

Needs torch, so it is not part of the test run; the tests read the JSON it writes. Run it from the repo root
with any Python that has torch and numpy:

    python tests/solvers/golden/make_optim.py

Every case is {"solver", "params", "answer", "extras"}. References:

- gradient-clipping: the norm is torch.linalg.vector_norm over every entry (float64); the rate and the
  result are the contract's θ/‖g‖₂, clipped only when that rate is below 1 (torch's clip_grad_norm_ adds 1e-6
  to the norm instead, which the contract leaves out). The "tie" cases set θ to torch's norm exactly, for
  gradients where rescaling by max|g| before squaring rounds the norm differently from torch: at θ = ‖g‖₂
  nothing is clipped.
- init-std: "he" is torch.nn.init.kaiming_normal_'s std, calculate_gain("relu")/√fan_in (mode fan_in);
  "xavier" is the course's 1/√fan_in, i.e. the same formula with gain 1 (calculate_gain("linear")).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).with_name("optim_torch.json")
nprng = np.random.default_rng(20240607)


def _scaled_norm(g: np.ndarray) -> float:
    scale = float(np.max(np.abs(g)))
    return scale * float(np.sqrt(np.sum(np.square(g / scale))))


def clipping_case(grad: np.ndarray, threshold: float) -> dict:
    norm = torch.linalg.vector_norm(torch.tensor(grad, dtype=torch.float64)).item()
    rate = threshold / norm if norm > 0 else None
    clipped = rate is not None and rate < 1.0
    result = grad * rate if clipped else grad
    return {
        "solver": "gradient-clipping",
        "params": {"grad": grad.tolist(), "threshold": threshold},
        "answer": result.tolist(),
        "extras": {"norm": norm, "rate": rate, "clipped": clipped},
    }


def clipping_cases() -> list[dict]:
    cases = []
    ties = 0
    while ties < 8:  # θ equal to torch's norm, where the max-rescaled norm rounds to another float
        grad = nprng.standard_normal(tuple(nprng.integers(1, 4, size=int(nprng.integers(1, 3)))))
        norm = torch.linalg.vector_norm(torch.tensor(grad)).item()
        if _scaled_norm(grad) != norm and float(np.sqrt(np.sum(grad * grad))) == norm:
            cases.append(clipping_case(grad, norm))
            ties += 1
    for shape, scale, factor in [
        ((3,), 1.0, 0.5),
        ((2, 3), 10.0, 2.0),
        ((2, 2, 2), 1e-3, 0.1),
        ((1,), 5.0, 1.0),
        ((4,), 1e150, 1e-150),
        ((2,), 1e-140, 1e140),
    ]:
        grad = nprng.standard_normal(shape) * scale
        norm = float(np.linalg.norm(grad.ravel()))
        cases.append(clipping_case(grad, norm * factor if norm * factor > 0 else 1.0))
    cases.append(clipping_case(np.array([3.0, 4.0]), 5.0))
    cases.append(clipping_case(np.zeros((2, 2)), 1.0))
    return cases


def init_std_cases() -> list[dict]:
    cases = []
    for fan_in in (1, 2, 3, 16, 100, 784, 4096):
        weight = torch.empty(1, fan_in, dtype=torch.float64)
        fan = torch.nn.init._calculate_correct_fan(weight, "fan_in")
        for method, gain in (
            ("xavier", torch.nn.init.calculate_gain("linear")),
            ("he", torch.nn.init.calculate_gain("relu")),
        ):
            std = gain / math.sqrt(fan)
            cases.append(
                {"solver": "init-std", "params": {"fan_in": fan_in, "method": method}, "answer": std, "extras": {}}
            )
    return cases


def main() -> None:
    cases = clipping_cases() + init_std_cases()
    meta = {"torch": torch.__version__, "dtype": "float64", "generator": "tests/solvers/golden/make_optim.py"}
    lines = ",\n".join(json.dumps(case) for case in cases)
    OUT.write_text(f'{{"meta": {json.dumps(meta)}, "cases": [\n{lines}\n]}}\n', encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
