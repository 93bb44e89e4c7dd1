"""Regenerate the golden fixtures of the text and deployment solvers from the libraries they follow.

Needs torch, nltk and mpmath, so it is not part of the test run; the tests read the JSON it writes. Run it from
the repo root with a Python that has them (a CPU torch wheel is enough):

    python tests/solvers/golden/make_text_deployment.py

It writes, next to itself, each file as {"library": versions, "cases": [{"params", "answer", ...}]}:

- text_positional_encoding.json: sin/cos evaluated by mpmath at 40 digits (the exact values, rounded once).
- text_bleu.json: nltk.translate.bleu_score.sentence_bleu (no smoothing), with the modified precisions and
  the brevity penalty from the same module.
- text_negative_sampling.json: the loss and its gradients from torch autograd in float64.
- text_ctc.json: torch.nn.functional.ctc_loss(reduction="none") in float64; greedy decoding by torch.argmax and
  torch.unique_consecutive.
- deployment_distillation.json: T²·torch kl_div(log_softmax(s/T), softmax(t/T), reduction="batchmean") and
  torch cross_entropy, in float64 (a single row [C] given to torch as [1, C]).
- deployment_quantize.json: torch.ao.quantization.MinMaxObserver (quint8 affine / qint8 symmetric, with
  quant_min/quant_max for fewer bits) and torch.quantize_per_tensor on the float32 input; dequantize().
- deployment_prune.json: the mask of torch.nn.utils.prune.l1_unstructured on float64 weights, many with ties.

Seeded: every run draws the same cases; only the libraries' answers and the recorded versions can change.
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import mpmath
import nltk
import numpy as np
import torch
import torch.nn.functional as F
from nltk.translate.bleu_score import brevity_penalty, closest_ref_length, modified_precision, sentence_bleu
from torch.ao.quantization import MinMaxObserver
from torch.nn.utils import prune

HERE = Path(__file__).parent
rng = random.Random(20240715)
nprng = np.random.default_rng(20240715)
TORCH = {"torch": torch.__version__, "numpy": np.__version__}


def write(name: str, library: dict[str, str], cases: list[dict]) -> None:
    path = HERE / name
    path.write_text(json.dumps({"library": library, "cases": cases}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{name}: {len(cases)} cases, {path.stat().st_size:,} bytes")


# --- text ---------------------------------------------------------------------------------------------------


def positional_encoding_cases() -> list[dict]:
    mpmath.mp.dps = 40
    shapes = [(1, 1), (3, 4), (4, 5), (6, 2), (10, 8), (12, 7), (20, 16), (16, 3), (512, 2), (50, 6)]
    bases = [10000, 10000, 10000, 100, 10000, 2.5, 10000, 1.0, 10000, 1e6]
    cases = []
    for (length, d_model), base in zip(shapes, bases):
        rows = []
        for pos in range(length):
            row = []
            for j in range(d_model):
                angle = mpmath.mpf(pos) / mpmath.power(mpmath.mpf(base), mpmath.mpf(j // 2 * 2) / d_model)
                row.append(float(mpmath.sin(angle) if j % 2 == 0 else mpmath.cos(angle)))
            rows.append(row)
        cases.append({"params": {"length": length, "d_model": d_model, "base": base}, "answer": rows})
    return cases


PAPINENI = {
    "hyp1": "It is a guide to action which ensures that the military always obeys the commands of the party",
    "hyp2": "It is to insure the troops forever hearing the activity guidebook that party direct",
    "ref1": "It is a guide to action that ensures that the military will forever heed Party commands",
    "ref2": "It is the guiding principle which guarantees the military forces always being under the command of "
    "the Party",
    "ref3": "It is the practical guide for the army always to heed the directions of the party",
}


def bleu_case(
    candidate: list, references: list[list], max_n: int | None, weights: list[float] | None, orders: int = 0
) -> dict:
    """max_n None: the params leave it out (weights alone set the orders, as NLTK's). orders: the precisions
    recorded, when weights shorter than max_n leave the higher orders unweighted."""
    used = tuple(weights) if weights is not None else (1.0 / max_n,) * max_n
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # method0's "0 counts of n-gram overlaps": the value is what is recorded
        score = sentence_bleu(references, candidate, weights=used)
    orders = orders or len(used)
    precisions = [float(modified_precision(references, candidate, n)) for n in range(1, orders + 1)]
    params: dict = {"candidate": candidate, "references": references}
    if max_n is not None:
        params["max_n"] = max_n
    if weights is not None:
        params["weights"] = weights
    bp = brevity_penalty(closest_ref_length(references, len(candidate)), len(candidate))
    return {"params": params, "answer": float(score), "precisions": precisions, "brevity_penalty": float(bp)}


def bleu_cases() -> list[dict]:
    split = {key: text.split() for key, text in PAPINENI.items()}
    refs = [split["ref1"], split["ref2"], split["ref3"]]
    cases = [
        bleu_case(split["hyp1"], refs, 4, None),  # 0.5046 in NLTK's documentation
        bleu_case(split["hyp2"], refs, 4, None),  # no 3- or 4-gram match: tiny, not 0
        bleu_case(split["hyp1"], refs, 5, None),  # BLEU-5: 0.3920
        bleu_case(split["hyp1"], refs, 4, [0.1, 0.3, 0.5, 0.1]),
        bleu_case(split["hyp1"], refs, 2, None),
        bleu_case(
            "the the the the the the the".split(),
            ["the cat is on the mat".split(), "there is a cat on the mat".split()],
            1,
            None,
        ),
        bleu_case("the cat sat on the mat".split(), ["the cat is on the mat".split()], 4, None),
        bleu_case("the cat".split(), ["the cat is on the mat".split()], 2, None),  # brevity penalty e^(1 − 3)
        bleu_case("the cat".split(), ["the cat is on the mat".split()], 4, None),  # shorter than 3 and 4
        bleu_case([], ["the cat".split()], 4, None),  # empty candidate: 0
        bleu_case("a b c".split(), ["x y z".split()], 4, None),  # no unigram match: exactly 0
        bleu_case("a b c d".split(), ["a b c d e f".split(), "a b".split()], 4, None),  # equal distance: the shorter
        bleu_case("a b c d".split(), ["a b".split(), "a b c d e f".split()], 4, None),
        bleu_case("a b c d e".split(), ["a b c d".split(), "a b c d e f".split()], 4, None),
        bleu_case("a b c d e f g".split(), ["a b c d e f g".split()], 4, None),  # identical: 1
        bleu_case("a b c d".split(), [[]], 4, None),  # an empty reference
        bleu_case([1, 2, 3, 4, 5], [[1, 2, 3, 4, 6], [2, 3, 4, 5]], 4, None),  # integer ids
        bleu_case("a b a b a b".split(), ["a b".split()], 2, [0.0, 1.0]),
        # weights alone: NLTK's orders are the weights' (no max_n to disagree with)
        bleu_case(split["hyp1"], refs, None, [0.5, 0.5]),
        bleu_case(split["hyp1"], refs, None, [0.2, 0.3, 0.5]),
        bleu_case("a b c d".split(), ["a b c e".split()], None, [1.0]),
        bleu_case(split["hyp2"], refs, None, [0.1, 0.2, 0.3, 0.2, 0.2]),
        # fewer weights than max_n: the score is NLTK's for those weights; precisions run to max_n
        bleu_case(split["hyp1"], refs, 4, [0.5, 0.5], orders=4),
        bleu_case(split["hyp2"], refs, 5, [0.6, 0.4], orders=5),
    ]
    vocabulary = list("abcdef")
    for _ in range(30):
        candidate = rng.choices(vocabulary[: rng.randint(2, 6)], k=rng.randint(1, 14))
        references = [
            rng.choices(vocabulary[: rng.randint(2, 6)], k=rng.randint(0, 14)) for _ in range(rng.randint(1, 3))
        ]
        max_n = rng.randint(1, 5)
        weights = None
        if rng.random() < 0.3:
            raw = [rng.random() for _ in range(max_n)]
            weights = [w / sum(raw) for w in raw]
        cases.append(bleu_case(candidate, references, max_n, weights))
    return cases


def negative_sampling_cases() -> list[dict]:
    cases = []
    for i in range(26):
        d, k = rng.randint(1, 6), rng.randint(1, 5)
        spread = [0.1, 1.0, 3.0, 10.0, 40.0][i % 5]
        v, u, neg = (
            torch.tensor(nprng.normal(0, spread, size), dtype=torch.float64, requires_grad=True)
            for size in ((d,), (d,), (k, d))
        )
        loss = -F.logsigmoid(u @ v) - F.logsigmoid(-(neg @ v)).sum()
        loss.backward()
        cases.append(
            {
                "params": {"v_center": v.tolist(), "u_context": u.tolist(), "u_negatives": neg.tolist()},
                "answer": {
                    "loss": loss.item(),
                    "grad_center": v.grad.tolist(),
                    "grad_context": u.grad.tolist(),
                    "grad_negatives": neg.grad.tolist(),
                },
            }
        )
    return cases


def ctc_case(log_probs: torch.Tensor, target: list[int], blank: int) -> dict:
    loss = F.ctc_loss(
        log_probs,
        torch.tensor(target, dtype=torch.long),
        torch.tensor(log_probs.shape[0]),
        torch.tensor(len(target)),
        blank=blank,
        reduction="none",
    )
    best = log_probs.argmax(dim=1).unique_consecutive()
    params = {"log_probs": log_probs.tolist(), "target": target, "blank": blank}
    return {"params": params, "answer": {"loss": loss.item(), "greedy": best[best != blank].tolist()}}


def ctc_cases() -> list[dict]:
    cases = []
    for i in range(40):
        classes = rng.randint(2, 6)
        blank = 0 if i % 3 else rng.randrange(classes)
        labels = [c for c in range(classes) if c != blank]
        length = rng.randint(0, 5)
        target = [rng.choice(labels) for _ in range(length)]
        if i % 4 == 0 and length >= 2:
            target[1] = target[0]  # a repeated label needs a blank between its copies
        needed = length + sum(a == b for a, b in zip(target, target[1:]))
        frames = max(1, needed + (0 if i % 5 == 0 else rng.randint(0, 6)))  # every fifth: no spare frame
        logits = torch.tensor(nprng.normal(0, [0.5, 2.0, 6.0][i % 3], (frames, classes)), dtype=torch.float64)
        cases.append(ctc_case(logits.log_softmax(dim=1), target, blank))
    peaked = torch.tensor([[0.6, 0.3, 0.1], [0.2, 0.6, 0.2], [0.1, 0.2, 0.7], [0.5, 0.4, 0.1]], dtype=torch.float64)
    cases.append(ctc_case(peaked.log(), [1, 2], 0))
    unnormalized = torch.tensor(nprng.uniform(-4, 0, (6, 4)), dtype=torch.float64)  # torch does not check rows
    cases.append(ctc_case(unnormalized, [3, 1, 3], 0))
    # No alignment fits: too few frames for the labels, or for the blank a repeat needs. torch: inf.
    short = torch.tensor([[0.3, -1.2, 0.8, 0.1], [1.5, 0.2, -0.7, 0.4], [-0.3, 0.9, 0.6, -1.1]]).double().log_softmax(1)
    cases.append(ctc_case(short, [1, 1, 2], 0))  # 3 labels fit 3 frames, but 1 1 needs a blank between
    cases.append(ctc_case(short, [1, 2, 3, 1], 0))
    cases.append(ctc_case(short[:1], [2, 2], 3))
    cases.append(ctc_case(torch.full((3, 2), -1e308, dtype=torch.float64), [1], 0))  # the sum overflows to −inf
    return cases


# --- deployment ---------------------------------------------------------------------------------------------


def distillation_case(student: np.ndarray, teacher: np.ndarray, temperature: float, target, alpha: float) -> dict:
    s, t = (torch.tensor(np.atleast_2d(a), dtype=torch.float64) for a in (student, teacher))
    soft = temperature**2 * F.kl_div(
        F.log_softmax(s / temperature, dim=-1), F.softmax(t / temperature, dim=-1), reduction="batchmean"
    )
    answer: dict = {"soft_loss": soft.item(), "hard_loss": None, "loss": soft.item()}
    params = {"student_logits": student.tolist(), "teacher_logits": teacher.tolist(), "temperature": temperature}
    if target is not None:
        hard = F.cross_entropy(s, torch.tensor(np.atleast_1d(target), dtype=torch.long))
        answer.update(hard_loss=hard.item(), loss=alpha * soft.item() + (1 - alpha) * hard.item())
        params.update(target=target, alpha=alpha)
    return {"params": params, "answer": answer}


def distillation_cases() -> list[dict]:
    cases = [
        distillation_case(np.array([2.0, 1.0, 0.1]), np.array([3.0, 1.0, 0.2]), 2.0, 0, 0.5),
        distillation_case(np.array([1.0, 2.0]), np.array([1.0, 2.0]), 3.0, None, 0.5),  # equal: KL 0
        distillation_case(np.array([[0.0, 0.0, 0.0]]), np.array([[1000.0, 0.0, -1000.0]]), 1.0, [2], 0.3),
        distillation_case(np.array([5.0, -5.0, 0.0, 1.0]), np.array([-2.0, 4.0, 0.0, 0.5]), 20.0, 1, 0.9),
    ]
    for i in range(26):
        batch, classes = rng.randint(1, 5), rng.randint(2, 7)
        shape = (classes,) if i % 4 == 0 else (batch, classes)
        rows = 1 if len(shape) == 1 else batch
        student = nprng.normal(0, [1.0, 4.0, 15.0][i % 3], shape)
        teacher = nprng.normal(0, [1.0, 4.0, 15.0][(i + 1) % 3], shape)
        temperature = [0.5, 1.0, 2.0, 4.0, 10.0, 1.7][i % 6]
        target = None
        if i % 3:
            labels = [rng.randrange(classes) for _ in range(rows)]
            target = labels[0] if len(shape) == 1 else labels
        cases.append(distillation_case(student, teacher, temperature, target, round(rng.random(), 3)))
    return cases


def quantize_case(x: np.ndarray, bits: int, scheme: str) -> dict:
    x32 = torch.tensor(x, dtype=torch.float64).float()
    if scheme == "symmetric":
        dtype, qscheme, low, high = torch.qint8, torch.per_tensor_symmetric, -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    else:
        dtype, qscheme, low, high = torch.quint8, torch.per_tensor_affine, 0, 2**bits - 1
    custom = {} if bits == 8 else {"quant_min": low, "quant_max": high}
    observer = MinMaxObserver(dtype=dtype, qscheme=qscheme, **custom)
    observer(x32)
    scale, zero_point = observer.calculate_qparams()
    q = torch.quantize_per_tensor(x32, scale.item(), int(zero_point.item()), dtype)
    answer = {
        "scale": scale.item(),
        "zero_point": int(zero_point.item()),
        "q": q.int_repr().to(torch.int64).tolist(),
        "dequantized": q.dequantize().double().tolist(),
    }
    # as a learner checks it: the float64 input against torch's float32 dequantize()
    max_error = (torch.tensor(x, dtype=torch.float64) - q.dequantize().double()).abs().max().item()
    return {"params": {"x": x.tolist(), "bits": bits, "scheme": scheme}, "answer": answer, "max_error": max_error}


def quantize_cases() -> list[dict]:
    cases = [
        quantize_case(np.array([-1.0, 0.0, 0.5, 2.0]), 8, "asymmetric"),
        quantize_case(np.array([-1.0, 0.0, 0.5, 2.0]), 8, "symmetric"),  # scale 2/127.5
        quantize_case(np.zeros(5), 8, "asymmetric"),  # scale falls back to float32 eps
        quantize_case(np.array([0.5, 1.5, 2.5, 3.5]), 8, "asymmetric"),  # all positive: the range still includes 0
        quantize_case(np.array([-3.0, -2.0, -0.25]), 8, "asymmetric"),  # all negative: zero point 255
        quantize_case(np.array([-3.0, -2.0, -0.25]), 8, "symmetric"),
        quantize_case(np.arange(-8, 9) / 4.0, 4, "symmetric"),
        quantize_case(np.arange(0, 256, dtype=np.float64), 8, "asymmetric"),  # scale 1: x/s exactly integral
        quantize_case(np.arange(0, 256, dtype=np.float64) + 0.5, 8, "asymmetric"),  # halfway values: to even
        quantize_case(np.array([1e-30, -1e-30]), 8, "asymmetric"),
        quantize_case(np.array([3.0e38, -3.0e38]), 8, "symmetric"),
        quantize_case(np.array([7.0]), 1, "asymmetric"),
        quantize_case(np.array([-7.0, 2.0]), 1, "symmetric"),
        quantize_case(np.array([0.1, -0.3, 0.7]), 4, "symmetric"),  # 0.7/s = 7.5 → 8, past quant_max = 7
        # −255·fl32(3/255) is −3.00000006 in float64 but −3 in float32: torch's dequantize() gives back −3 exactly
        quantize_case(np.array([-3.0, -3.0, -1.0, -3.0]), 8, "asymmetric"),
        quantize_case(np.array([1.0]), 8, "asymmetric"),
        quantize_case(np.array([-0.75, 0.0, -0.5]), 8, "asymmetric"),
        quantize_case(np.array([[0.0, 0.5, -1.0], [1.5, 1.5, 0.0]]), 8, "asymmetric"),
        quantize_case(np.array([-72.61707393003842]), 8, "symmetric"),
        quantize_case(np.array([2.0, -1.0, 0.5]), 3, "symmetric"),
    ]
    for i in range(40):
        size = rng.choice([1, 3, 8, 31, 32, 33, 64, 100, 257])  # past 32 entries torch takes its vector path
        center, spread = rng.choice([0.0, 0.0, 1.0, -2.0, 50.0]), 10.0 ** rng.uniform(-4, 3)
        x = nprng.normal(center * spread, spread, size)
        if i % 5 == 0:
            x = np.round(x * 4) / 4  # quarter steps: more values land halfway between levels
        cases.append(quantize_case(x, [8, 8, 8, 4, 2, 7, 3, 5][i % 8], ["asymmetric", "symmetric"][i % 2]))
    return cases


def prune_case(weight: np.ndarray, amount: float) -> dict:
    module = torch.nn.Linear(1, 1, bias=False)
    module.weight = torch.nn.Parameter(torch.tensor(weight, dtype=torch.float64))
    prune.l1_unstructured(module, "weight", amount=amount)
    return {"params": {"weight": weight.tolist(), "amount": amount}, "answer": module.weight_mask.tolist()}


def prune_cases() -> list[dict]:
    cases = [
        prune_case(np.array([[0.5, -0.1, 0.3], [-0.8, 0.05, 0.2]]), 0.5),
        prune_case(np.array([1.0, 1.0, 1.0, 1.0]), 0.5),  # all tied
        prune_case(np.array([3.0, -1.0, 1.0, 2.0, 1.0]), 0.5),  # round(2.5) = 2
        prune_case(np.array([3.0, -1.0, 1.0, 2.0, 1.0, -1.0, 1.0]), 0.5),  # round(3.5) = 4
        prune_case(np.array([0.0, -0.0, 0.0, 1.0]), 0.25),
        prune_case(np.ones((2, 3, 4)), 0.3),
        prune_case(np.array([2.0, -2.0, 1.0]), 0.0),
        prune_case(np.array([2.0, -2.0, 1.0]), 1.0),
        prune_case(np.arange(1.0, 201.0) % 3, 0.01),  # 64k ≤ n: torch takes partial_sort
        prune_case(np.full(300, 0.5), 0.01),
        prune_case(np.full(300, 0.5), 0.5),
    ]
    for i in range(34):
        n = rng.choice([2, 5, 7, 10, 16, 33, 64, 100, 129, 250, 400])
        values = nprng.integers(-4, 5, n).astype(np.float64) * [1.0, 0.25, 0.1][i % 3]
        if i % 6 == 5:
            values = nprng.normal(0, 1, n)  # no ties
        shape = [(n,), (1, n), (n, 1)][i % 3]
        amount = rng.choice([0.1, 0.2, 0.25, 0.5, 0.75, 0.9, 0.004, 0.015, round(rng.random(), 3)])
        cases.append(prune_case(values.reshape(shape), amount))
    return cases


def main() -> None:
    write("text_positional_encoding.json", {"mpmath": mpmath.__version__}, positional_encoding_cases())
    write("text_bleu.json", {"nltk": nltk.__version__}, bleu_cases())
    write("text_negative_sampling.json", TORCH, negative_sampling_cases())
    write("text_ctc.json", TORCH, ctc_cases())
    write("deployment_distillation.json", TORCH, distillation_cases())
    write("deployment_quantize.json", TORCH, quantize_cases())
    write("deployment_prune.json", TORCH, prune_cases())


if __name__ == "__main__":
    main()
