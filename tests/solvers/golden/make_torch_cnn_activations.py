"""Regenerate torch_cnn_activations.json: PyTorch's answers for the cnn and activation solvers' contract rows.

Needs torch, so it is not part of the test run; the tests read the JSON it writes. Run it from the repo root
with any Python that has torch and numpy (a CPU wheel is enough):

    python tests/solvers/golden/make_torch_cnn_activations.py

Every case is {"solver", "params", "answer"} or, where PyTorch refuses the input, {"solver", "params",
"error": true}. Shape answers use the solvers' form: an int, or [h, w] when any size was given as a pair.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

OUT = Path(__file__).with_name("torch_cnn_activations.json")
rng = random.Random(20240601)
nprng = np.random.default_rng(20240601)


def size(lo: int, hi: int) -> int | list[int]:
    return rng.randint(lo, hi) if rng.random() < 0.6 else [rng.randint(lo, hi), rng.randint(lo, hi)]


def pair(v: int | list[int]) -> tuple[int, int]:
    return tuple(v) if isinstance(v, list) else (v, v)


def shape_case(solver: str, params: dict, run) -> dict:
    """Run torch on a 1×1 zero tensor and record the spatial output shape, or that torch refused."""
    try:
        h, w = run()
    except RuntimeError:
        return {"solver": solver, "params": params, "error": True}
    as_pair = any(isinstance(v, list) for v in params.values())
    return {"solver": solver, "params": params, "answer": [h, w] if as_pair else h}


def conv_output_cases(n: int) -> list[dict]:
    cases = []
    for _ in range(n):
        p = dict(input=size(1, 12), kernel=size(1, 5), stride=size(1, 4), padding=size(0, 3), dilation=size(1, 3))
        cases.append(
            shape_case(
                "conv-output",
                p,
                lambda p=p: F.conv2d(
                    torch.zeros(1, 1, *pair(p["input"])),
                    torch.zeros(1, 1, *pair(p["kernel"])),
                    None,
                    pair(p["stride"]),
                    pair(p["padding"]),
                    pair(p["dilation"]),
                ).shape[-2:],
            )
        )
    return cases


def pool_output_cases(n: int) -> list[dict]:
    cases = []
    for _ in range(n):
        p = dict(
            input=size(1, 12), kernel=size(1, 6), stride=size(1, 5), padding=size(0, 2), ceil_mode=rng.random() < 0.7
        )
        cases.append(
            shape_case(
                "pool-output",
                p,
                lambda p=p: F.max_pool2d(
                    torch.zeros(1, 1, *pair(p["input"])),
                    pair(p["kernel"]),
                    pair(p["stride"]),
                    pair(p["padding"]),
                    ceil_mode=p["ceil_mode"],
                ).shape[-2:],
            )
        )
    # Hand-picked: ceil_mode adds a window that would start in the right padding, which torch drops.
    for i, k, s, pad in [(5, 2, 2, 1), (6, 3, 3, 1), (7, 3, 3, 1), (2, 3, 2, 1), (4, 2, 3, 1), (5, 3, 2, 0)]:
        p = dict(input=i, kernel=k, stride=s, padding=pad, ceil_mode=True)
        cases.append(
            shape_case(
                "pool-output",
                p,
                lambda p=p: F.max_pool2d(
                    torch.zeros(1, 1, p["input"], p["input"]), p["kernel"], p["stride"], p["padding"], ceil_mode=True
                ).shape[-2:],
            )
        )
    return cases


def transposed_cases(n: int) -> list[dict]:
    cases = []
    for _ in range(n):
        p = dict(
            input=size(1, 8),
            kernel=size(1, 5),
            stride=size(1, 4),
            padding=size(0, 4),
            output_padding=size(0, 3),
            dilation=size(1, 3),
        )
        cases.append(
            shape_case(
                "transposed-conv-output",
                p,
                lambda p=p: F.conv_transpose2d(
                    torch.zeros(1, 1, *pair(p["input"])),
                    torch.zeros(1, 1, *pair(p["kernel"])),
                    None,
                    pair(p["stride"]),
                    pair(p["padding"]),
                    pair(p["output_padding"]),
                    1,
                    pair(p["dilation"]),
                ).shape[-2:],
            )
        )
    return cases


def conv2d_cases(n: int) -> list[dict]:
    cases = []
    for _ in range(n):
        batch = [rng.randint(1, 2)] if rng.random() < 0.5 else []
        channels, out_channels = rng.randint(1, 3), rng.randint(1, 3)
        x = nprng.standard_normal((*batch, channels, rng.randint(3, 7), rng.randint(3, 7)))
        w = nprng.standard_normal((out_channels, channels, rng.randint(1, 3), rng.randint(1, 3)))
        b = nprng.standard_normal(out_channels) if rng.random() < 0.5 else None
        params = dict(
            input=x.tolist(),
            weight=w.tolist(),
            bias=None if b is None else b.tolist(),
            stride=size(1, 2),
            padding=size(0, 2),
            dilation=size(1, 2),
        )
        try:
            out = F.conv2d(
                torch.tensor(x),
                torch.tensor(w),
                None if b is None else torch.tensor(b),
                pair(params["stride"]),
                pair(params["padding"]),
                pair(params["dilation"]),
            )
        except RuntimeError:
            cases.append({"solver": "conv2d", "params": params, "error": True})
            continue
        cases.append({"solver": "conv2d", "params": params, "answer": out.tolist()})
    return cases


def activation_cases() -> list[dict]:
    x = np.concatenate(
        [
            [0.0, 1000.0, -1000.0, -710.0, 40.0, 1e-300, -1e-300],
            nprng.standard_normal(12) * 3,
            nprng.standard_normal(6) * 30,
        ]
    )
    functions = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda t: F.leaky_relu(t, 0.2),
    }
    cases = []
    for name, fn in functions.items():
        for derivative in (False, True):
            t = torch.tensor(x, requires_grad=True)
            y = fn(t)
            answer = torch.autograd.grad(y.sum(), t)[0] if derivative else y.detach()
            params = {"name": name, "x": x.tolist(), "derivative": derivative}
            if name == "leaky_relu":
                params["negative_slope"] = 0.2
            cases.append({"solver": "activation", "params": params, "answer": answer.tolist()})
    return cases


def softmax_cases(n: int) -> list[dict]:
    cases = []
    for _ in range(n):
        shape = [rng.randint(1, 4) for _ in range(rng.randint(1, 3))]
        x = nprng.standard_normal(shape) * rng.choice([1.0, 10.0, 1000.0])
        axis = rng.randint(-len(shape), len(shape) - 1)
        answer = torch.softmax(torch.tensor(x), dim=axis)
        cases.append({"solver": "softmax", "params": {"x": x.tolist(), "axis": axis}, "answer": answer.tolist()})
    return cases


def main() -> None:
    cases = (
        conv_output_cases(40)
        + pool_output_cases(80)
        + transposed_cases(50)
        + conv2d_cases(30)
        + activation_cases()
        + softmax_cases(12)
    )
    meta = {
        "torch": torch.__version__,
        "dtype": "float64",
        "generator": "tests/solvers/golden/make_torch_cnn_activations.py",
    }
    OUT.write_text(json.dumps({"meta": meta, "cases": cases}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
