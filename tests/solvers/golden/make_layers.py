"""Regenerate layers_torch.json and optimizers_torch.json: PyTorch's answers for solvers/layers.py and
solvers/optimizers.py.

Needs torch, so it is not part of the test run; the tests read the JSON it writes. Run it from the repo root with
any Python that has torch and numpy (a CPU wheel is enough):

    python tests/solvers/golden/make_layers.py

Every case is {"solver", "params", "answer"}, params in the solver's own form (course layout W [D, M] for
affine-backward), answers from torch in float64: autograd for every gradient, F.cross_entropy, F.mse_loss,
F.binary_cross_entropy, F.dropout (the keep mask recovered from the same seed) and torch.optim. Seeded: the same
cases every run; only torch's answers and the recorded versions can change.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).parent
rng = np.random.default_rng(20250301)
torch.set_default_dtype(torch.float64)


def t(values) -> torch.Tensor:
    return torch.tensor(np.asarray(values, dtype=np.float64))


def leaf(values) -> torch.Tensor:
    return t(values).requires_grad_(True)


def plain(value):
    return value.detach().tolist() if isinstance(value, torch.Tensor) else value


def normal(*shape: int, scale: float = 1.0) -> list:
    return np.round(rng.normal(0, scale, shape), 6).tolist()


# -- affine-backward -------------------------------------------------------------------------------------------


def affine_case(x, weight, bias, dout) -> dict:
    xs, ws, bs = leaf(x), leaf(weight), leaf(bias)
    (xs @ ws + bs).backward(t(dout))
    params = {"x": x, "weight": weight, "bias": bias, "dout": dout}
    return {
        "solver": "affine-backward",
        "params": params,
        "answer": {"dx": plain(xs.grad), "dW": plain(ws.grad), "db": plain(bs.grad)},
    }


def affine_cases() -> list[dict]:
    cases = [
        affine_case([[1.0, 2.0], [3.0, 4.0]], [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]], [0.1, 0.2, 0.3], [[1.0] * 3] * 2)
    ]
    for n, d, m in [(1, 1, 1), (2, 3, 4), (4, 2, 3), (5, 4, 1), (3, 5, 5)]:
        cases.append(affine_case(normal(n, d), normal(d, m), normal(m), normal(n, m)))
    for d, m in [(3, 2), (1, 4)]:  # a single sample, unbatched
        cases.append(affine_case(normal(d), normal(d, m), normal(m), normal(m)))
    cases.append(affine_case(normal(3, 2, scale=1e150), normal(2, 2, scale=1e150), normal(2), normal(3, 2)))
    return cases


# -- softmax-cross-entropy -------------------------------------------------------------------------------------


def cross_entropy_case(logits, target, label_smoothing: float | None = None) -> dict:
    inputs = leaf(logits)
    soft = np.shape(target) == np.shape(logits)
    target_tensor = t(target) if soft else torch.tensor(np.asarray(target, dtype=np.int64))
    extra = {} if label_smoothing is None else {"label_smoothing": label_smoothing}
    value = F.cross_entropy(inputs, target_tensor, **extra)
    value.backward()
    params = {"logits": logits, "target": target, **extra}
    return {
        "solver": "softmax-cross-entropy",
        "params": params,
        "answer": {"loss": value.item(), "grad": plain(inputs.grad)},
    }


def distribution(n: int, k: int) -> list:
    return rng.dirichlet(np.ones(k), size=n).tolist()


def cross_entropy_cases() -> list[dict]:
    cases = [
        cross_entropy_case([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]], [0, 1]),
        cross_entropy_case([2.0, 1.0, 0.1], 0),
        cross_entropy_case([2.0, 1.0, 0.1], [1.0, 0.0, 0.0]),
        cross_entropy_case([[2.0, 1.0, 0.1]], [[0.0, 1.0, 0.0]], 0.1),
        cross_entropy_case([[1000.0, -1000.0, 0.0], [-500.0, 500.0, 499.0]], [1, 2]),
        cross_entropy_case([[1000.0, -1000.0, 0.0]], [1], 0.2),
        cross_entropy_case([[3.0], [-1.0]], [0, 0]),
        cross_entropy_case([[0.3, -0.2, 1.1, 0.0]], [3], 1.0),
        cross_entropy_case([0.0, 0.0, 0.0, 0.0], 2, 0.05),
    ]
    for n, k, smoothing in [(1, 2, None), (3, 4, None), (4, 10, 0.1), (5, 3, 0.3), (2, 6, 0.0), (6, 5, 0.9)]:
        logits = normal(n, k, scale=3.0)
        cases.append(cross_entropy_case(logits, rng.integers(0, k, n).tolist(), smoothing))
        cases.append(cross_entropy_case(logits, distribution(n, k), smoothing))
    cases.append(cross_entropy_case(normal(7, scale=2.0), distribution(1, 7)[0], 0.25))
    return cases


# -- loss ----------------------------------------------------------------------------------------------------


def loss_case(name: str, y, target) -> dict:
    inputs, targets = leaf(y), t(target)
    if name == "mse":
        value = F.mse_loss(inputs, targets)
    elif name == "sse-half":
        value = 0.5 * F.mse_loss(inputs, targets, reduction="sum")
    else:
        value = F.binary_cross_entropy(inputs, targets)
    value.backward()
    return {
        "solver": "loss",
        "params": {"name": name, "y": y, "t": target},
        "answer": {"loss": value.item(), "grad": plain(inputs.grad)},
    }


def probabilities(*shape: int) -> list:
    return np.round(rng.uniform(0, 1, shape), 6).tolist()


def loss_cases() -> list[dict]:
    course_y = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    course_t = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    cases = [
        loss_case("sse-half", course_y, course_t),
        loss_case("mse", course_y, course_t),
        loss_case("mse", 2.5, 1.0),
    ]
    for shape in [(4,), (2, 3), (3, 2, 2)]:
        cases.append(loss_case("mse", normal(*shape), normal(*shape)))
        cases.append(loss_case("sse-half", normal(*shape), normal(*shape)))
        cases.append(
            loss_case("binary-cross-entropy", probabilities(*shape), rng.integers(0, 2, shape).astype(float).tolist())
        )
        cases.append(loss_case("binary-cross-entropy", probabilities(*shape), probabilities(*shape)))
    # log clamped at −100 (y = 0 or 1 against the other label), and torch's ε in the gradient.
    cases.append(
        loss_case("binary-cross-entropy", [0.0, 1.0, 0.0, 1.0, 1e-50, 1 - 1e-12], [1.0, 0.0, 0.0, 1.0, 0.3, 1.0])
    )
    cases.append(loss_case("binary-cross-entropy", [1e-10, 0.5, 1 - 1e-10], [0.0, 1.0, 1.0]))
    cases.append(loss_case("binary-cross-entropy", 0.8, 1.0))
    return cases


# -- dropout -------------------------------------------------------------------------------------------------


def dropout_case(x, p: float, seed: int) -> dict:
    torch.manual_seed(seed)
    mask = F.dropout(torch.ones(np.shape(x)), p, training=True) != 0
    torch.manual_seed(seed)
    y = F.dropout(t(x), p, training=True)
    return {"solver": "dropout", "params": {"x": x, "p": p, "keep_mask": mask.int().tolist()}, "answer": plain(y)}


def dropout_eval_case(x, p: float) -> dict:
    y = torch.nn.Dropout(p).eval()(t(x))
    params = {"x": x, "p": p, "keep_mask": np.ones(np.shape(x), dtype=int).tolist(), "training": False}
    return {"solver": "dropout", "params": params, "answer": plain(y)}


def dropout_cases() -> list[dict]:
    cases = []
    for seed, (shape, p) in enumerate(
        [((4,), 0.5), ((3, 4), 0.2), ((2, 3, 3), 0.9), ((5,), 0.0), ((2, 2), 1.0), ((6,), 1 / 3)]
    ):
        cases.append(dropout_case(normal(*shape), p, seed))
    cases += [dropout_eval_case(normal(3), 0.5), dropout_eval_case(normal(2, 2), 0.8)]
    return cases


# -- regularization ----------------------------------------------------------------------------------------


def regularization_case(w, lam: float, norm: str) -> dict:
    weights = leaf(w)
    penalty = lam / 2 * (weights * weights).sum() if norm == "l2" else lam * weights.abs().sum()
    penalty.backward()
    params = {"w": w, "lam": lam, "norm": norm}
    return {
        "solver": "regularization",
        "params": params,
        "answer": {"penalty": penalty.item(), "grad": plain(weights.grad)},
    }


def regularization_cases() -> list[dict]:
    cases = []
    for norm in ("l2", "l1"):
        cases.append(regularization_case([0.5, -1.0, 0.0, 2.0], 0.1, norm))
        cases.append(regularization_case(normal(3, 4), 0.01, norm))
        cases.append(regularization_case(normal(2, 2, 2), 1.5, norm))
        cases.append(regularization_case([0.0, -0.0, 3.0], 0.0, norm))
    return cases


# -- optimizer-step ----------------------------------------------------------------------------------------


def torch_optimizer(name: str, parameter: torch.Tensor, p: dict):
    # lr absent: torch's own default for that optimizer (1e-3 or 1e-2), which the solver must match
    common = {**({"lr": p["lr"]} if "lr" in p else {}), "weight_decay": p.get("weight_decay", 0.0)}
    eps = {"eps": p["eps"]} if "eps" in p else {}  # absent: torch's own default, which the solver must match
    momentum = p.get("momentum", 0.9)
    betas = tuple(p.get("betas", (0.9, 0.999)))
    if name == "sgd":
        return torch.optim.SGD([parameter], **common)
    if name == "momentum":
        return torch.optim.SGD([parameter], momentum=momentum, **common)
    if name == "nesterov":
        return torch.optim.SGD([parameter], momentum=momentum, nesterov=True, **common)
    if name == "adagrad":
        return torch.optim.Adagrad([parameter], **common, **eps)
    if name == "rmsprop":
        return torch.optim.RMSprop([parameter], alpha=p.get("alpha", 0.99), **common, **eps)
    if name == "adam":
        return torch.optim.Adam([parameter], betas=betas, **common, **eps)
    return torch.optim.AdamW([parameter], betas=betas, **common, **eps)


def optimizer_case(params: dict) -> dict:
    parameter = torch.nn.Parameter(t(params["params"]))
    optimizer = torch_optimizer(params["name"], parameter, params)
    history = []
    for grad in params["grads"]:
        parameter.grad = t(grad)
        optimizer.step()
        history.append(parameter.detach().clone().tolist())
    return {"solver": "optimizer-step", "params": params, "answer": history[-1], "history": history}


def optimizer_cases() -> list[dict]:
    course = {"params": [1.0, -1.0], "grads": [[0.2, -0.4], [0.1, -0.3], [0.05, -0.2]], "lr": 0.1}
    cases = [
        optimizer_case({"name": name, **course})
        for name in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw")
    ]
    cases.append(optimizer_case({"name": "adamw", **course, "weight_decay": 0.01}))  # AdamW()'s own default
    shapes = [(3,), (2, 2), (), (4,), (2, 1, 3)]
    for i in range(35):
        name = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"][i % 7]
        shape = shapes[i % len(shapes)]
        steps = int(rng.integers(1, 7))
        params = {
            "name": name,
            "params": normal(*shape),
            "grads": normal(steps, *shape),
            "lr": float(rng.choice([1e-3, 0.01, 0.1, 0.5])),
        }
        if i % 3 == 0:
            params["weight_decay"] = float(rng.choice([1e-4, 0.01, 0.1]))
        if name in ("momentum", "nesterov") and i % 2:
            params["momentum"] = float(rng.choice([0.5, 0.95, 0.99]))
        if name == "rmsprop" and i % 2:
            params["alpha"] = float(rng.choice([0.9, 0.5]))
        if name in ("adam", "adamw") and i % 2:
            params["betas"] = [float(rng.choice([0.8, 0.5, 0.0])), float(rng.choice([0.9, 0.99, 0.0]))]
        if name in ("adagrad", "rmsprop", "adam", "adamw") and i % 4 == 1:
            params["eps"] = float(rng.choice([1e-7, 1e-3, 0.0]))
        cases.append(optimizer_case(params))
    # zero gradients: only eps keeps the adaptive methods from 0/0
    for name in ("adagrad", "rmsprop", "adam"):
        cases.append(
            optimizer_case({"name": name, "params": [0.5, -0.5], "grads": [[0.0, 0.0], [0.0, 1.0]], "lr": 0.1})
        )
    # every default omitted, lr included: each optimizer's own torch defaults (weight decay stays the contract's 0)
    for name in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"):
        cases.append(optimizer_case({"name": name, "params": [[0.5, -1.5], [2.0, 0.0]], "grads": normal(3, 2, 2)}))
    cases.append(optimizer_case({"name": "adagrad", "params": 3.0, "grads": [1.0, -2.0], "weight_decay": 0.1}))
    return cases


def write(file: str, cases: list[dict]) -> None:
    document = {"torch": torch.__version__, "numpy": np.__version__, "dtype": "float64", "cases": cases}
    (HERE / file).write_text(json.dumps(document, indent=None, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{file}: {len(cases)} cases")


if __name__ == "__main__":
    write(
        "layers_torch.json",
        affine_cases() + cross_entropy_cases() + loss_cases() + dropout_cases() + regularization_cases(),
    )
    write("optimizers_torch.json", optimizer_cases())
