"""Cross-check the recurrent and attention solvers against torch, and write torch's numbers as fixtures.

Needs torch (and numpy), so it runs outside the project's environment, e.g.:

    python3 -m venv /tmp/torch && /tmp/torch/bin/pip install torch numpy
    PYTHONPATH=. /tmp/torch/bin/python tests/solvers/golden/generate_recurrent_attention.py --check 500
    PYTHONPATH=. /tmp/torch/bin/python tests/solvers/golden/generate_recurrent_attention.py --write

--check N compares our solvers with torch on N random cases per solver (nothing is written); --write
records a modest, seeded set of cases per solver in recurrent_*.json / attention_*.json beside this file.
The fixtures hold torch's answers only; tests/solvers/test_*.py compare the solvers with them.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from solvers import get

RTOL = 1e-9
HERE = Path(__file__).resolve().parent
FIXTURES = {
    "rnn-cell": "recurrent_rnn_cell.json",
    "lstm-cell": "recurrent_lstm_cell.json",
    "gru-cell": "recurrent_gru_cell.json",
    "rnn-bptt": "recurrent_rnn_bptt.json",
    "attention": "attention_sdpa.json",
}


def _array(rng: np.random.Generator, *shape: int, scale: float = 1.0) -> list:
    return (rng.standard_normal(shape) * scale).tolist()


def _t(value: Any) -> torch.Tensor:
    return torch.tensor(value, dtype=torch.float64)


def _cell_params(rng: np.random.Generator, gates: int) -> dict[str, Any]:
    size, hidden, batch = (int(v) for v in rng.integers(1, 6, size=3))
    batched = rng.random() < 0.5
    lead = (batch,) if batched else ()
    params: dict[str, Any] = {
        "x": _array(rng, *lead, size),
        "h_prev": _array(rng, *lead, hidden),
        "weight_ih": _array(rng, gates * hidden, size),
        "weight_hh": _array(rng, gates * hidden, hidden),
    }
    if rng.random() < 0.7:  # otherwise the solver's default (zero biases) against torch's bias=False
        params["bias_ih"] = _array(rng, gates * hidden)
        params["bias_hh"] = _array(rng, gates * hidden)
    return params


def _load(module: torch.nn.Module, params: dict[str, Any]) -> torch.nn.Module:
    with torch.no_grad():
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            if name in params:
                getattr(module, name).copy_(_t(params[name]))
    return module.double()


def rnn_cell_case(rng: np.random.Generator) -> tuple[dict[str, Any], Any]:
    params = _cell_params(rng, gates=1)
    params["nonlinearity"] = str(rng.choice(["tanh", "relu", "sigmoid"]))
    size, hidden = len(params["weight_ih"][0]), len(params["weight_ih"])
    x, h = _t(params["x"]), _t(params["h_prev"])
    if params["nonlinearity"] == "sigmoid":  # RNNCell has no sigmoid option: its formula, with σ
        bias = _t(params["bias_ih"]) + _t(params["bias_hh"]) if "bias_ih" in params else 0.0
        out = torch.sigmoid(x @ _t(params["weight_ih"]).T + h @ _t(params["weight_hh"]).T + bias)
    else:
        cell = torch.nn.RNNCell(size, hidden, bias="bias_ih" in params, nonlinearity=params["nonlinearity"])
        out = _load(cell.double(), params)(x, h)
    return params, out.detach().numpy().tolist()


def lstm_cell_case(rng: np.random.Generator) -> tuple[dict[str, Any], Any]:
    params = _cell_params(rng, gates=4)
    params["c_prev"] = _array(rng, *np.shape(params["h_prev"]))
    size, hidden = len(params["weight_ih"][0]), len(params["weight_hh"][0])
    cell = _load(torch.nn.LSTMCell(size, hidden, bias="bias_ih" in params).double(), params)
    h, c = cell(_t(params["x"]), (_t(params["h_prev"]), _t(params["c_prev"])))
    return params, {"h": h.detach().numpy().tolist(), "c": c.detach().numpy().tolist()}


def gru_cell_case(rng: np.random.Generator) -> tuple[dict[str, Any], Any]:
    params = _cell_params(rng, gates=3)
    size, hidden = len(params["weight_ih"][0]), len(params["weight_hh"][0])
    cell = _load(torch.nn.GRUCell(size, hidden, bias="bias_ih" in params).double(), params)
    h = cell(_t(params["x"]), _t(params["h_prev"]))
    return params, h.detach().numpy().tolist()


def rnn_bptt_case(rng: np.random.Generator) -> tuple[dict[str, Any], Any]:
    steps, size, hidden, outputs = (int(v) for v in rng.integers(1, 6, size=4))
    params: dict[str, Any] = {
        "xs": _array(rng, steps, size),
        "targets": _array(rng, steps, outputs),
        "weight_ih": _array(rng, hidden, size, scale=0.7),
        "weight_hh": _array(rng, hidden, hidden, scale=0.7),
        "bias": _array(rng, hidden, scale=0.3),
        "weight_out": _array(rng, outputs, hidden),
        "bias_out": _array(rng, outputs, scale=0.3),
    }
    if rng.random() < 0.5:
        params["h0"] = _array(rng, hidden, scale=0.5)
    names = ["weight_ih", "weight_hh", "bias", "weight_out", "bias_out"]
    leaves = {name: _t(params[name]).requires_grad_() for name in names}
    h = _t(params["h0"]) if "h0" in params else torch.zeros(hidden, dtype=torch.float64)
    loss = torch.zeros((), dtype=torch.float64)
    for x, d in zip(_t(params["xs"]), _t(params["targets"]), strict=True):
        h = torch.tanh(leaves["weight_ih"] @ x + leaves["weight_hh"] @ h + leaves["bias"])
        y = leaves["weight_out"] @ h + leaves["bias_out"]
        loss = loss + 0.5 * ((y - d) ** 2).sum()
    loss.backward()
    answer = {"loss": loss.item()}
    answer.update({f"grad_{name}": leaves[name].grad.numpy().tolist() for name in names})
    return params, answer


def _broadcast_partner(rng: np.random.Generator, batch: list[int]) -> list[int]:
    """Batch dimensions for key and value: the query's, or some set to 1 and leading ones dropped."""
    if not batch or rng.random() < 0.5:
        return batch
    partner = [1 if rng.random() < 0.5 else b for b in batch]
    return partner[int(rng.integers(0, len(partner) + 1)) :]


def attention_case(rng: np.random.Generator) -> tuple[dict[str, Any], Any]:
    tq, tk, dim, dv = (int(v) for v in rng.integers(1, 5, size=4))
    batch = [int(v) for v in rng.integers(1, 4, size=int(rng.integers(0, 3)))]
    kv_batch = _broadcast_partner(rng, batch)
    params: dict[str, Any] = {
        "query": _array(rng, *batch, tq, dim, scale=1.5),
        "key": _array(rng, *kv_batch, tk, dim, scale=1.5),
        "value": _array(rng, *kv_batch, tk, dv),
    }
    if rng.random() < 0.7:
        mask_batch = batch if (batch and rng.random() < 0.3) else []
        mask = rng.random((*mask_batch, tq, tk)) < 0.6
        if rng.random() < 0.4:
            mask[..., int(rng.integers(tq)), :] = False  # a query that may attend to nothing
        params["mask"] = mask.tolist()
    attn_mask = torch.tensor(params["mask"]) if "mask" in params else None
    q, k, v = _t(params["query"]), _t(params["key"]), _t(params["value"])
    output = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
    # torch does not return the weights: they are what multiplies V, checked through the output and here.
    scores = (q @ k.transpose(-1, -2)) / dim**0.5
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float("-inf"))
    weights = torch.nan_to_num(torch.softmax(scores, dim=-1), nan=0.0)
    return params, {"output": output.numpy().tolist(), "weights": weights.numpy().tolist()}


CASES = {
    "rnn-cell": rnn_cell_case,
    "lstm-cell": lstm_cell_case,
    "gru-cell": gru_cell_case,
    "rnn-bptt": rnn_bptt_case,
    "attention": attention_case,
}


def _leaves(answer: Any) -> dict[str, np.ndarray]:
    if isinstance(answer, dict):
        return {k: np.asarray(v, dtype=np.float64) for k, v in answer.items()}
    return {"": np.asarray(answer, dtype=np.float64)}


def compare(name: str, params: dict[str, Any], expected: Any) -> float:
    """Largest |ours − torch| / (|torch| + 1e-12·…) over the answer; raises when shapes differ."""
    ours, theirs = _leaves(get(name)(**params).answer), _leaves(expected)
    assert ours.keys() == theirs.keys(), (name, ours.keys(), theirs.keys())
    worst = 0.0
    for key in theirs:
        assert ours[key].shape == theirs[key].shape, (name, key, ours[key].shape, theirs[key].shape)
        np.testing.assert_allclose(ours[key], theirs[key], rtol=RTOL, atol=1e-12, err_msg=f"{name} {key}")
        if theirs[key].size:
            worst = max(worst, float(np.max(np.abs(ours[key] - theirs[key]) / (np.abs(theirs[key]) + 1e-300))))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=int, metavar="N", help="compare on N random cases per solver")
    parser.add_argument("--write", action="store_true", help="write the fixtures")
    parser.add_argument("--cases", type=int, default=12, help="cases per fixture file (default 12)")
    args = parser.parse_args()
    if args.check:
        rng = np.random.default_rng(random.SystemRandom().randrange(2**32))
        for name, make in CASES.items():
            worst = max(compare(name, *make(rng)) for _ in range(args.check))
            print(f"{name}: {args.check} cases agree with torch {torch.__version__} (max rel. diff {worst:.2e})")
    if args.write:
        for name, make in CASES.items():
            rng = np.random.default_rng(sorted(CASES).index(name) + 2013)
            cases = []
            for _ in range(args.cases):
                params, answer = make(rng)
                compare(name, params, answer)
                cases.append({"params": params, "answer": answer})
            # One case per line: small diffs when regenerated, and still plain JSON.
            lines = ",\n".join(json.dumps(case) for case in cases)
            text = f'{{"solver": "{name}", "torch": "{torch.__version__}", "cases": [\n{lines}\n]}}\n'
            (HERE / FIXTURES[name]).write_text(text, encoding="utf-8")
            print(f"wrote {FIXTURES[name]} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
