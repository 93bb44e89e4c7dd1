"""Regenerate normalization_*.json: PyTorch's answers for the solvers of solvers/normalization.py.

Needs torch, so it is not part of the test run; the tests read the JSON it writes. Run it from the repo root
with any Python that has torch and numpy (a CPU wheel is enough):

    python tests/solvers/golden/make_normalization.py

Each file is {"meta", "cases"}; a case is {"params", "answer"} (the solver's parameters and torch's answer in
the solver's form) or, where torch refuses the input, {"params", "error": true}. Everything runs in float64.

- normalize: torch.nn.functional.batch_norm(training=True) / layer_norm over x.shape[1:] / instance_norm /
  group_norm; mean and var are torch.mean and torch.var(correction=0) over the same sets.
- batch-norm-running: the buffers of torch.nn.BatchNorm1d/2d after one forward pass in training mode.
- im2col: torch.nn.functional.unfold, each image's [C·kh·kw, L] transposed and the images stacked; checked
  here against ゼロから作る Deep Learning's im2col (common/util.py) wherever that takes the parameters.
- pool2d: torch.nn.functional.max_pool2d / avg_pool2d(count_include_pad=True).
- param-count: sum(p.numel() for p in module.parameters()) of the torch.nn module; biases are the
  parameters whose name contains "bias".
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).parent
rng = random.Random(20240917)
nprng = np.random.default_rng(20240917)
torch.set_default_dtype(torch.float64)


def values(shape: tuple[int, ...], scale: float = 1.0, offset: float = 0.0) -> list:
    """Random values rounded to 4 decimals (short JSON; the solver reads exactly these numbers)."""
    return np.round(nprng.normal(offset, scale, size=shape), 4).tolist()


def tensor(value: Any) -> torch.Tensor:
    return torch.tensor(value, dtype=torch.float64)


def pair(v: int | list[int]) -> tuple[int, int]:
    return tuple(v) if isinstance(v, list) else (v, v)


def size(lo: int, hi: int) -> int | list[int]:
    return rng.randint(lo, hi) if rng.random() < 0.6 else [rng.randint(lo, hi), rng.randint(lo, hi)]


def case(params: dict, run) -> dict:
    try:
        answer = run()
    except (RuntimeError, ValueError, AssertionError):
        return {"params": params, "error": True}
    return {"params": params, "answer": answer}


# --- normalize ----------------------------------------------------------------------------------------------


def torch_normalize(p: dict) -> dict:
    x = tensor(p["x"])
    method, eps, c = p["method"], p.get("eps", 1e-5), x.shape[1]

    def per_channel(name: str, fill: float) -> torch.Tensor:
        value = tensor(p.get(name, fill))
        return value.expand(c) if value.dim() == 0 else value

    gamma, beta = per_channel("gamma", 1.0), per_channel("beta", 0.0)
    if method == "batch":
        dims = (0, *range(2, x.dim()))
        y = F.batch_norm(x, None, None, gamma, beta, training=True, eps=eps)
        view = x
    elif method == "layer":
        dims, shape = tuple(range(1, x.dim())), x.shape[1:]

        def full(v: torch.Tensor) -> torch.Tensor:  # [C] → nn.LayerNorm's elementwise [C, ...]
            return v if v.shape == shape else v.reshape(c, *(1,) * (x.dim() - 2)).expand(shape).contiguous()

        y = F.layer_norm(x, shape, full(gamma), full(beta), eps)
        view = x
    elif method == "instance":
        dims = tuple(range(2, x.dim()))
        y = F.instance_norm(x, weight=gamma, bias=beta, eps=eps)
        view = x
    else:
        y = F.group_norm(x, p["num_groups"], gamma, beta, eps)
        view, dims = x.reshape(x.shape[0], p["num_groups"], -1), (2,)
    mean, var = view.mean(dim=dims), view.var(dim=dims, correction=0)
    return {"y": y.tolist(), "mean": mean.tolist(), "var": var.tolist()}


def normalize_cases() -> list[dict]:
    shapes = [(4, 3), (2, 5), (3, 1), (5, 2, 4), (2, 4, 3), (2, 3, 2, 2), (3, 4, 2, 3), (1, 4, 3, 3), (2, 6, 1, 2)]
    cases = []
    for method in ("batch", "layer", "instance", "group"):
        for shape in shapes:
            p: dict[str, Any] = {"x": values(shape, rng.choice([1.0, 3.0]), rng.choice([0.0, 2.0])), "method": method}
            c = shape[1]
            if method == "group":
                p["num_groups"] = rng.choice([g for g in range(1, c + 1) if c % g == 0])
            if rng.random() < 0.6:
                p["gamma"] = values((c,), 0.5, 1.0)
                p["beta"] = values((c,), 0.5)
            if method == "layer" and len(shape) > 2 and rng.random() < 0.5:
                p["gamma"] = values(shape[1:], 0.5, 1.0)
            if rng.random() < 0.3:
                p["eps"] = rng.choice([1e-3, 0.1, 1e-8])
            cases.append(case(p, lambda p=p: torch_normalize(p)))
    # Edge cases: a constant channel (var 0: y = β), scalar γ and β, a large offset, torch's refusals.
    extra = [
        {"x": [[1.0, 2.0], [1.0, 4.0], [1.0, 6.0]], "method": "batch", "gamma": [2.0, 3.0], "beta": [0.5, -1.0]},
        {"x": values((3, 2, 2)), "method": "layer", "gamma": 2.0, "beta": -1.0},
        {"x": values((4, 3), 0.01, 1000.0), "method": "batch"},
        {"x": values((2, 3, 4), 100.0), "method": "instance", "eps": 0.0},
        {"x": values((1, 3)), "method": "batch"},
        {"x": values((1, 2, 1, 1)), "method": "batch"},
        {"x": values((3, 2, 1)), "method": "instance"},
        {"x": values((3, 4)), "method": "instance"},
        {"x": values((2, 6, 2)), "method": "group", "num_groups": 4},
        {"x": values((2, 4)), "method": "group", "num_groups": 4},
        {"x": values((2, 4, 2, 2)), "method": "group", "num_groups": 1},
        {"x": values((2, 4, 2, 2)), "method": "layer", "gamma": values((4,), 0.5, 1.0)},
        # Literal values below, so that the seeded draws of the later solvers stay as they were.
        # ε = 0 and a constant instance: torch's kernel takes 1/√(σ² + ε) as 0 there, so y = β (not NaN).
        {"x": [[[3.0, 3.0, 3.0], [1.0, 2.0, 4.0]]], "method": "instance", "eps": 0.0, "beta": [0.5, -1.0]},
        {"x": [[[[2.0, 2.0], [2.0, 2.0]], [[0.0, 1.0], [3.0, 5.0]]]], "method": "instance", "eps": 0.0},
        # batch_norm refuses ε = 0 in training, whatever the variance.
        {"x": [[1.0, 2.0], [3.0, 5.0], [4.0, 0.5]], "method": "batch", "eps": 0.0},
        # group_norm's check is N·(C/G)·H·W > 1: one sample with one value per group is refused, two are not.
        {"x": [[0.5, -1.5]], "method": "group", "num_groups": 2},
        {"x": [[[0.5], [2.0], [1.0]]], "method": "group", "num_groups": 3},
        {"x": [[0.5, -1.5], [2.0, 1.0]], "method": "group", "num_groups": 2, "beta": [0.25, -0.75]},
    ]
    return cases + [case(p, lambda p=p: torch_normalize(p)) for p in extra]


# --- batch-norm-running -------------------------------------------------------------------------------------


def torch_running(p: dict) -> dict:
    batch = tensor(p["batch"])
    module = (torch.nn.BatchNorm2d if batch.dim() == 4 else torch.nn.BatchNorm1d)(
        batch.shape[1], momentum=p.get("momentum", 0.1)
    )
    module.running_mean.copy_(tensor(p["running_mean"]))
    module.running_var.copy_(tensor(p["running_var"]))
    module.train()
    with torch.no_grad():
        module(batch)
    return {"running_mean": module.running_mean.tolist(), "running_var": module.running_var.tolist()}


def running_cases() -> list[dict]:
    shapes = [(4, 2), (2, 3), (8, 1), (3, 2, 5), (2, 3, 2, 2), (4, 2, 3, 3), (1, 3, 2, 2), (1, 2, 4)]
    cases = []
    for shape in shapes * 3:
        c = shape[1]
        fresh = rng.random() < 0.4  # torch's initial buffers
        p: dict[str, Any] = {
            "running_mean": [0.0] * c if fresh else values((c,)),
            "running_var": [1.0] * c if fresh else np.round(nprng.uniform(0.1, 3.0, c), 4).tolist(),
            "batch": values(shape, rng.choice([1.0, 2.0]), rng.choice([0.0, 5.0])),
        }
        if rng.random() < 0.5:
            p["momentum"] = rng.choice([0.0, 0.01, 0.5, 0.9, 1.0])
        cases.append(case(p, lambda p=p: torch_running(p)))
    refused = {"running_mean": [0.0, 0.0], "running_var": [1.0, 1.0], "batch": [[1.0, 2.0]]}
    return cases + [case(refused, lambda: torch_running(refused))]


# --- im2col -----------------------------------------------------------------------------------------------------


def dlfs_im2col(input_data: np.ndarray, filter_h: int, filter_w: int, stride: int = 1, pad: int = 0) -> np.ndarray:
    """ゼロから作る Deep Learning, common/util.py (as published)."""
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1

    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))

    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            col[:, :, y, x, :, :] = img[:, :, y:y_max:stride, x:x_max:stride]

    col = col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
    return col


def torch_im2col(p: dict) -> list:
    x = tensor(p["x"])
    x = x if x.dim() == 4 else x.unsqueeze(0)
    kernel, stride, padding = pair(p["kernel"]), pair(p.get("stride", 1)), pair(p.get("padding", 0))
    unfolded = F.unfold(x, kernel, dilation=1, padding=padding, stride=stride)  # [N, C·kh·kw, L]
    col = unfolded.transpose(1, 2).reshape(-1, unfolded.shape[1])
    if all(isinstance(p.get(k, 0), int) for k in ("kernel", "stride", "padding")):
        textbook = dlfs_im2col(x.numpy(), *kernel, stride=stride[0], pad=padding[0])
        assert np.array_equal(textbook, col.numpy()), p
    return col.tolist()


def im2col_cases() -> list[dict]:
    cases = []
    for _ in range(30):
        n, c = rng.randint(1, 2), rng.randint(1, 3)
        p: dict[str, Any] = {"x": values((n, c, rng.randint(2, 6), rng.randint(2, 6)))}
        p["kernel"] = size(1, 3)
        if rng.random() < 0.6:
            p["stride"] = size(1, 3)
        if rng.random() < 0.6:
            p["padding"] = size(0, 2)
        cases.append(case(p, lambda p=p: torch_im2col(p)))
    extra = [
        {"x": [[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]], "kernel": 2},
        {"x": values((2, 3, 7, 7)), "kernel": 5},  # ゼロから作る 7.4.3: x1 (1, 3, 7, 7) → (9, 75) per image
        {"x": values((1, 1, 2, 2)), "kernel": 3},  # larger than the input: refused
        {"x": values((1, 1, 2, 2)), "kernel": 3, "padding": 1},
        {"x": values((1, 2, 3, 3)), "kernel": 1, "padding": 3, "stride": 2},  # padding past half the window is fine
    ]
    return cases + [case(p, lambda p=p: torch_im2col(p)) for p in extra]


# --- pool2d ------------------------------------------------------------------------------------------------------


def torch_pool(p: dict) -> list:
    x = tensor(p["x"])
    kernel = pair(p["kernel"])
    stride = pair(p["stride"]) if "stride" in p else kernel
    padding, ceil = pair(p.get("padding", 0)), p.get("ceil_mode", False)
    if p.get("mode", "max") == "max":
        return F.max_pool2d(x, kernel, stride, padding, ceil_mode=ceil).tolist()
    return F.avg_pool2d(x, kernel, stride, padding, ceil_mode=ceil, count_include_pad=True).tolist()


def pool_cases() -> list[dict]:
    cases = []
    for _ in range(60):
        shape = (rng.randint(1, 3), rng.randint(1, 7), rng.randint(1, 7))
        if rng.random() < 0.5:
            shape = (rng.randint(1, 2), *shape)
        p: dict[str, Any] = {"x": values(shape), "kernel": size(1, 4), "mode": rng.choice(["max", "avg"])}
        if rng.random() < 0.6:
            p["stride"] = size(1, 3)
        if rng.random() < 0.6:
            p["padding"] = size(0, 2)
        if rng.random() < 0.6:
            p["ceil_mode"] = True
        cases.append(case(p, lambda p=p: torch_pool(p)))
    x5 = np.arange(25.0).reshape(1, 5, 5).tolist()
    extra = [
        {"x": [[[1, 2, 1, 0], [0, 1, 2, 3], [3, 0, 1, 2], [2, 4, 0, 1]]], "kernel": 2},
        {"x": x5, "kernel": 2, "mode": "avg", "ceil_mode": True},  # the last window divides by 2 and 1
        {"x": x5, "kernel": 3, "stride": 2, "padding": 1, "mode": "avg", "ceil_mode": True},
        {"x": [[[-1.0, -2.0], [-3.0, -4.0]]], "kernel": 2, "stride": 1, "padding": 1},  # −∞ padding never wins
        {"x": x5, "kernel": 2, "stride": 2, "padding": 1, "ceil_mode": True, "mode": "max"},  # window dropped
        {"x": x5, "kernel": 3, "padding": 2},  # padding over half the window: refused
        {"x": [[[1.0]]], "kernel": 2},  # window larger than the input: refused
    ]
    return cases + [case(p, lambda p=p: torch_pool(p)) for p in extra]


# --- param-count -------------------------------------------------------------------------------------------------


def torch_module(p: dict) -> torch.nn.Module:
    layer, d_in, d_out, bias = p["layer"], p["in_features"], p.get("out_features"), p.get("bias", True)
    if layer == "linear":
        return torch.nn.Linear(d_in, d_out, bias=bias)
    if layer == "conv2d":
        return torch.nn.Conv2d(d_in, d_out, pair(p["kernel"]), groups=p.get("groups", 1), bias=bias)
    if layer in ("rnn", "lstm", "gru"):
        return {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[layer](d_in, d_out, bias=bias)
    if layer == "embedding":
        return torch.nn.Embedding(d_in, d_out)
    if layer == "batch-norm":
        return torch.nn.BatchNorm2d(d_in, bias=bias)
    if layer == "layer-norm":
        return torch.nn.LayerNorm(d_in, bias=bias)
    return torch.nn.MultiheadAttention(d_in, p["num_heads"], bias=bias)


def torch_count(p: dict) -> dict:
    named = list(torch_module(p).named_parameters())
    biases = sum(t.numel() for name, t in named if "bias" in name)
    total = sum(t.numel() for _, t in named)
    return {"total": total, "weights": total - biases, "biases": biases}


def param_count_cases() -> list[dict]:
    cases = []
    for layer in ("linear", "conv2d", "rnn", "lstm", "gru", "embedding", "batch-norm", "layer-norm"):
        for _ in range(6):
            p: dict[str, Any] = {"layer": layer, "in_features": rng.randint(1, 300)}
            if layer not in ("batch-norm", "layer-norm"):
                p["out_features"] = rng.randint(1, 300)
            if layer == "conv2d":
                groups = rng.choice([1, 1, 2, 4])
                p["in_features"] = groups * rng.randint(1, 32)
                p["out_features"] = groups * rng.randint(1, 32)
                p["kernel"] = size(1, 7)
                if groups > 1:
                    p["groups"] = groups
            if layer != "embedding" and rng.random() < 0.3:
                p["bias"] = False
            cases.append(case(p, lambda p=p: torch_count(p)))
    for embed_dim, heads in ((512, 8), (768, 12), (64, 4), (6, 3), (10, 1)):
        for bias in (True, False):
            p = {"layer": "multihead-attention", "in_features": embed_dim, "num_heads": heads}
            if not bias:
                p["bias"] = False
            cases.append(case(p, lambda p=p: torch_count(p)))
    extra = [
        {"layer": "conv2d", "in_features": 3, "out_features": 64, "kernel": 3},  # VGG16 conv1_1: 1,792
        {"layer": "conv2d", "in_features": 32, "out_features": 32, "kernel": 3, "groups": 32},  # depthwise
        {"layer": "lstm", "in_features": 100, "out_features": 128},
        {"layer": "linear", "in_features": 784, "out_features": 100},
        {"layer": "conv2d", "in_features": 6, "out_features": 4, "kernel": 3, "groups": 4},  # refused
        {"layer": "multihead-attention", "in_features": 10, "num_heads": 3},  # refused
    ]
    return cases + [case(p, lambda p=p: torch_count(p)) for p in extra]


def main() -> None:
    meta = {
        "torch": torch.__version__,
        "numpy": np.__version__,
        "dtype": "float64",
        "generator": "tests/solvers/golden/make_normalization.py",
    }
    files = {
        "normalization_normalize.json": normalize_cases(),
        "normalization_running.json": running_cases(),
        "normalization_im2col.json": im2col_cases(),
        "normalization_pool2d.json": pool_cases(),
        "normalization_param_count.json": param_count_cases(),
    }
    for name, cases in files.items():
        text = json.dumps({"meta": meta, "cases": cases}, separators=(",", ":"))
        (HERE / name).write_text(text + "\n", encoding="utf-8")
        errors = sum("error" in c for c in cases)
        print(f"{name}: {len(cases)} cases ({errors} refused by torch), {len(text) // 1024} KB")


if __name__ == "__main__":
    main()
