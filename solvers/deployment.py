"""Models at the edge and at scale: distillation, quantization, pruning, all-reduce.

Each follows PyTorch where PyTorch defines it: the distillation soft loss is torch's kl_div with
reduction="batchmean", quantization torch's MinMaxObserver and quantize_per_tensor (in float32, as torch
computes them), pruning torch.nn.utils.prune.l1_unstructured (including which tied entries it removes), and
all-reduce averages as DistributedDataParallel does (each gradient divided by the number of workers, then summed).
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import SolverInputError
from solvers.params import Array, Choice, Int, Number, Optional
from solvers.registry import Lookup, Result, solver

# --- knowledge distillation -------------------------------------------------------------------------------


def log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax over the last axis, as torch: z − max − log Σ e^(z − max)."""
    shifted = z - z.max(axis=-1, keepdims=True)
    result: np.ndarray = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return result


def softmax(z: np.ndarray) -> np.ndarray:
    """softmax over the last axis, as torch: e^(z − max) / Σ e^(z − max)."""
    exps = np.exp(z - z.max(axis=-1, keepdims=True))
    result: np.ndarray = exps / exps.sum(axis=-1, keepdims=True)
    return result


Logits = Annotated[np.ndarray, Array(ndim=(1, 2), shape="[C] or [N, C]")]

DISTILLATION_LOSS_LOOKUP = Lookup(
    keywords=(
        "知識蒸留",
        "蒸留",
        "distillation",
        "knowledge distillation",
        "ソフトターゲット",
        "soft target",
        "温度",
        "temperature",
        "lightweight",
        "軽量化",
    ),
    example={"student_logits": [2.0, 1.0, 0.1], "teacher_logits": [3.0, 1.0, 0.2], "temperature": 2.0, "target": 0},
    summary_ja=(
        "蒸留の損失 L = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(softmax(s), y)（Hinton et al.）。"
        'ソフトターゲットの項は T² × torch の kl_div(log_softmax(s/T), softmax(t/T), reduction="batchmean")、'
        "ハードターゲットの項は温度なし（T = 1）の交差エントロピー。"
    ),
)


@solver("distillation-loss", DISTILLATION_LOSS_LOOKUP)
def distillation_loss(
    student_logits: Logits,
    teacher_logits: Logits,
    temperature: Annotated[float, Number(min=0, exclusive_min=True)] = 1.0,
    target: Annotated[
        np.ndarray | None,
        Optional(Array(ndim=(0, 1), shape="class index or [N]", shape_ja="クラス番号か [N]", dtype="int")),
    ] = None,
    alpha: Annotated[float, Number(min=0, max=1)] = 0.5,
) -> Result:
    """Distillation loss L = α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α)·CE(softmax(s), y)  (Hinton et al.).

    soft_loss is exactly T² · torch.nn.functional.kl_div(log_softmax(s/T), softmax(t/T),
    reduction="batchmean"): the KL divergences summed over the batch and divided by N (a 0 teacher
    probability contributes 0). The T² keeps its gradients on the scale of the hard loss. One row [C] is a
    batch of one (torch's batchmean on a 1-D tensor would divide by C instead). hard_loss is the mean
    cross-entropy of the student's own logits (T = 1) with the target class indices, as
    torch.nn.functional.cross_entropy. Without a target there is no hard loss and loss is soft_loss.
    """
    if teacher_logits.shape != student_logits.shape:
        raise SolverInputError(
            "teacher_logits",
            f"the shape of student_logits {list(student_logits.shape)}",
            list(teacher_logits.shape),
            ja=f"student_logits と同じ形 {list(student_logits.shape)}",
        )
    student, teacher = np.atleast_2d(student_logits), np.atleast_2d(teacher_logits)
    batch, classes = student.shape
    if classes == 0:
        raise SolverInputError(
            "student_logits", "at least one class", list(student_logits.shape), ja="1 つ以上のクラス"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        student_log_probs_t = log_softmax(student / temperature)
        teacher_probs_t = softmax(teacher / temperature)
        # torch's kl_div: xlogy(target, target) − target·input, where xlogy is 0 for a target of 0
        with np.errstate(divide="ignore"):
            plogp = np.where(teacher_probs_t > 0, teacher_probs_t * np.log(teacher_probs_t), 0.0)
        pointwise = plogp - teacher_probs_t * student_log_probs_t
        kl_per_sample = pointwise.sum(axis=-1)
        soft_loss = temperature**2 * (pointwise.sum() / batch)
    if not (np.isfinite(student_log_probs_t).all() and np.isfinite(teacher_probs_t).all()):
        raise SolverInputError(
            "temperature",
            "a temperature for which the logits / T stay finite",
            temperature,
            ja="logits / T が有限に収まる温度",
        )
    if not math.isfinite(soft_loss):
        raise SolverInputError(
            "temperature", "a temperature for which T²·KL stays finite", temperature, ja="T²·KL が有限に収まる温度"
        )
    steps: dict[str, Any] = {
        "student_probs_t": np.exp(student_log_probs_t).reshape(student_logits.shape),
        "teacher_probs_t": teacher_probs_t.reshape(student_logits.shape),
        "kl_per_sample": kl_per_sample,
        "soft_loss": float(soft_loss),
    }
    hard_loss = None
    loss = float(soft_loss)
    if target is not None:
        labels = target.reshape(-1)
        if labels.shape != (batch,) or target.ndim != student_logits.ndim - 1:
            one_row = student_logits.ndim == 1
            raise SolverInputError(
                "target",
                "one class index" if one_row else f"[N] = [{batch}] class indices",
                target.tolist(),
                ja="クラス番号 1 つ" if one_row else f"クラス番号 [N] = [{batch}]",
            )
        if ((labels < 0) | (labels >= classes)).any():
            raise SolverInputError(
                "target", f"class indices from 0 to {classes - 1}", target.tolist(), ja=f"0〜{classes - 1} のクラス番号"
            )
        student_log_probs = log_softmax(student)
        hard_loss = float(-student_log_probs[np.arange(batch), labels].mean())
        loss = alpha * float(soft_loss) + (1 - alpha) * hard_loss
        steps.update({"student_log_probs": student_log_probs.reshape(student_logits.shape), "hard_loss": hard_loss})
    steps["loss"] = loss
    return Result({"soft_loss": float(soft_loss), "hard_loss": hard_loss, "loss": loss}, steps=steps)


# --- quantization -------------------------------------------------------------------------------------------

_FLOAT32_EPS = np.finfo(np.float32).eps  # MinMaxObserver's default eps: the smallest scale it returns
# quantize_per_tensor clamps to the dtype's full range, whatever quant_min and quant_max the observer used.
_DTYPE_RANGE = {"asymmetric": (0, 255), "symmetric": (-128, 127)}

QUANTIZE_LOOKUP = Lookup(
    keywords=("量子化", "quantization", "int8", "uint8", "ゼロ点", "zero point", "minmax", "lightweight", "軽量化"),
    presets={
        "symmetric": {"scheme": "symmetric"},
        "対称量子化": {"scheme": "symmetric"},
        "qint8": {"scheme": "symmetric"},
        "asymmetric": {"scheme": "asymmetric"},
        "非対称量子化": {"scheme": "asymmetric"},
        "quint8": {"scheme": "asymmetric"},
    },
    example={"x": [-1.0, 0.0, 0.5, 2.0]},
    summary_ja=(
        "テンソル単位の一様量子化 q = clamp(round(x/s) + z)、逆量子化 x̂ = (q − z)·s。範囲は 0 を含むように広げ、"
        "非対称（quint8、0〜255）は s = (max − min)/255、z = −round(min/s)、対称（qint8）は s = max|x|/127.5、"
        "z = 0。丸めは偶数丸めで、torch の MinMaxObserver と同じ。"
    ),
)


@solver("quantize", QUANTIZE_LOOKUP)
def quantize(
    x: Annotated[np.ndarray, Array()],
    bits: Annotated[int, Int(min=1, max=8)] = 8,
    scheme: Annotated[str, Choice("asymmetric", "symmetric")] = "asymmetric",
) -> Result:
    """Per-tensor uniform quantization: q = clamp(round(x/s) + z), x̂ = (q − z)·s, with s and z from min and max.

    Exactly torch's MinMaxObserver followed by torch.quantize_per_tensor, both in float32 as torch
    computes them (x is rounded to float32 first). The range always includes 0: m = min(min x, 0),
    M = max(max x, 0). asymmetric (quint8, levels 0 … 2ᵇ − 1): s = (M − m)/(2ᵇ − 1),
    z = −round(m/s) clamped to the levels. symmetric (qint8, levels −2ᵇ⁻¹ … 2ᵇ⁻¹ − 1):
    s = max(−m, M)/((2ᵇ − 1)/2), so 127.5 for 8 bits, and z = 0. s is at least float32's eps (1.19e-7).
    Rounding is half to even (round(2.5) = 2) of x·(1/s) + z in float32, as torch does. Fewer bits use
    torch's quant_min/quant_max for the observer; quantize_per_tensor clamps only to the int8/uint8 range,
    so a symmetric q can reach 2ᵇ⁻¹ (max|x|/s = 7.5 rounds to 8 for 4 bits). dequantized is torch's
    dequantize(): (q − z)·s rounded to float32. max_error = max |x − x̂| (0 for x = −3 asymmetric, where
    255·fl32(3/255) rounds back to 3).
    """
    if x.size == 0:
        raise SolverInputError("x", "a non-empty array", x.tolist(), ja="空でない配列")
    with np.errstate(over="ignore"):
        x32 = x.astype(np.float32)
    if not np.isfinite(x32).all():
        raise SolverInputError(
            "x",
            "values within float32's range (|x| < 3.4e38), where torch quantizes",
            ja="torch が量子化する float32 の範囲（|x| < 3.4e38）に収まる値",
        )
    low = min(x32.min(), np.float32(0))
    high = max(x32.max(), np.float32(0))
    if scheme == "symmetric":
        quant_min, quant_max = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        with np.errstate(over="ignore"):
            scale = max(max(-low, high) / np.float32((quant_max - quant_min) / 2), _FLOAT32_EPS)
        zero_point = 0
    else:
        quant_min, quant_max = 0, 2**bits - 1
        with np.errstate(over="ignore"):
            scale = max((high - low) / np.float32(quant_max - quant_min), _FLOAT32_EPS)
        zero_point = int(np.clip(quant_min - int(np.round(low / scale)), quant_min, quant_max))
    if not np.isfinite(scale):
        raise SolverInputError(
            "x", "values whose range max − min fits in float32", ja="範囲 max − min が float32 に収まる値"
        )
    # torch rounds x·(1/s) + z, fused (one rounding to float32), then to the nearest level, half to even.
    # x·(1/s) is exact in float64 (two 24-bit significands), so only the sum is rounded before float32.
    shifted = (x32.astype(np.float64) * float(np.float32(1) / scale) + zero_point).astype(np.float32)
    q = np.clip(np.rint(shifted).astype(np.int64), *_DTYPE_RANGE[scheme])
    # torch's dequantize() returns float32: the exact (q − z)·s (a 24-bit scale times a 9-bit integer fits in
    # float64) rounded once to float32. max_error is measured from that, as x − xq.dequantize() is.
    dequantized = ((q - zero_point) * float(scale)).astype(np.float32).astype(np.float64)
    error = np.abs(x - dequantized)
    steps = {
        "min": float(low),
        "max": float(high),
        "quant_min": quant_min,
        "quant_max": quant_max,
        "scale": float(scale),
        "zero_point": zero_point,
        "x_over_scale_plus_z": shifted.astype(np.float64),
        "q": q,
        "dequantized": dequantized,
        "error": error,
    }
    answer = {"scale": float(scale), "zero_point": zero_point, "q": q, "dequantized": dequantized}
    return Result(answer, extras={"max_error": float(error.max())}, steps=steps)


# --- magnitude pruning -------------------------------------------------------------------------------------

# libstdc++'s selection algorithms, which torch.topk runs on CPU, on (value, index) pairs compared by value
# alone: which of several equal values they pick depends on these exact steps. Only ties need them.
Pair = tuple[float, int]


def _adjust_heap(q: list[Pair], first: int, hole: int, length: int, value: Pair) -> None:
    top = child = hole
    while child < (length - 1) // 2:
        child = 2 * (child + 1)
        if q[first + child][0] < q[first + child - 1][0]:
            child -= 1
        q[first + hole] = q[first + child]
        hole = child
    if length % 2 == 0 and child == (length - 2) // 2:
        child = 2 * (child + 1)
        q[first + hole] = q[first + child - 1]
        hole = child - 1
    parent = (hole - 1) // 2
    while hole > top and q[first + parent][0] < value[0]:
        q[first + hole] = q[first + parent]
        hole, parent = parent, (parent - 1) // 2
    q[first + hole] = value


def _heap_select(q: list[Pair], first: int, middle: int, last: int) -> None:
    """std::__heap_select: a max-heap of the first elements, replacing its top by anything strictly smaller."""
    length = middle - first
    for parent in range((length - 2) // 2, -1, -1):
        _adjust_heap(q, first, parent, length, q[first + parent])
    for i in range(middle, last):
        if q[i][0] < q[first][0]:
            value, q[i] = q[i], q[first]
            _adjust_heap(q, first, 0, length, value)


def _insertion_sort(q: list[Pair], first: int, last: int) -> None:
    for i in range(first + 1, last):
        value, j = q[i], i
        if value[0] < q[first][0]:
            q[first + 1 : i + 1] = q[first:i]
            j = first
        else:
            while value[0] < q[j - 1][0]:
                q[j] = q[j - 1]
                j -= 1
        q[j] = value


def _nth_element(q: list[Pair], nth: int) -> None:
    """std::nth_element (introselect): median-of-three pivots, unguarded partition, insertion sort at ≤ 3."""
    first, last = 0, len(q)
    depth = 2 * ((last - first).bit_length() - 1)
    while last - first > 3:
        if depth == 0:
            _heap_select(q, first, nth + 1, last)
            q[first], q[nth] = q[nth], q[first]
            return
        depth -= 1
        a, b, c = first + 1, first + (last - first) // 2, last - 1
        if q[a][0] < q[b][0]:
            median = b if q[b][0] < q[c][0] else c if q[a][0] < q[c][0] else a
        else:
            median = a if q[a][0] < q[c][0] else c if q[b][0] < q[c][0] else b
        q[first], q[median] = q[median], q[first]
        low, high, pivot = first + 1, last, q[first][0]
        while True:
            while q[low][0] < pivot:
                low += 1
            high -= 1
            while pivot < q[high][0]:
                high -= 1
            if low >= high:
                break
            q[low], q[high] = q[high], q[low]
            low += 1
        first, last = (low, last) if low <= nth else (first, low)
    _insertion_sort(q, first, last)


def topk_smallest(values: np.ndarray, k: int) -> np.ndarray:
    """The indices torch.topk(values, k, largest=False) returns on CPU (as a set: in index order).

    Without a tie at the k-th value any selection gives the same set, computed vectorized. With one, the
    tied entries torch keeps depend on its algorithm: std::partial_sort when 64k ≤ n, else std::nth_element.
    """
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    kth = np.partition(values, k - 1)[k - 1]
    below, tied = values < kth, values == kth
    if np.count_nonzero(below) + np.count_nonzero(tied) == k:
        return np.flatnonzero(below | tied)
    pairs = list(zip(values.tolist(), range(len(values))))
    if 64 * k <= len(pairs):
        _heap_select(pairs, 0, k, len(pairs))
    else:
        _nth_element(pairs, k - 1)
    return np.sort(np.array([index for _, index in pairs[:k]], dtype=np.int64))


MAGNITUDE_PRUNE_LOOKUP = Lookup(
    keywords=(
        "枝刈り",
        "プルーニング",
        "pruning",
        "magnitude pruning",
        "l1_unstructured",
        "スパース化",
        "sparsity",
        "lightweight",
        "軽量化",
    ),
    example={"weight": [[0.5, -0.1, 0.3], [-0.8, 0.05, 0.2]], "amount": 0.5},
    summary_ja=(
        "大きさに基づく枝刈り：要素数 n のうち k = round(amount·n) 個の、絶対値が最も小さい重みを 0 にし、"
        "残りの重みは変えない（torch.nn.utils.prune.l1_unstructured と同じ。絶対値が等しい重みのどれを削るかも "
        "torch に合わせる）。"
    ),
)


@solver("magnitude-prune", MAGNITUDE_PRUNE_LOOKUP)
def magnitude_prune(
    weight: Annotated[np.ndarray, Array()],
    amount: Annotated[float, Number(min=0, max=1)],
) -> Result:
    """Magnitude pruning: set the k = round(amount·n) entries of smallest |w| to 0 (mask 0), keep the rest.

    Exactly torch.nn.utils.prune.l1_unstructured(module, name, amount) with a fraction amount: k is
    Python's round(amount·n), half to even (amount 0.5 of 5 entries prunes 2), the entries are
    torch.topk(|w|, k, largest=False) on the flattened weight, and the result is weight·mask (so a pruned
    negative entry is −0.0). Among equal |w| at the cut, torch keeps whichever its CPU selection algorithm
    (libstdc++'s nth_element or partial_sort) leaves behind, not the first or the last: this does the same.
    (torch reads an integer amount as a count of entries; here amount is always a fraction.)
    """
    magnitude = np.abs(weight).reshape(-1)
    count = round(amount * magnitude.size)
    pruned_indices = topk_smallest(magnitude, count)
    mask = np.ones(magnitude.size)
    mask[pruned_indices] = 0.0
    mask = mask.reshape(weight.shape)
    pruned = weight * mask
    steps = {
        "abs": magnitude.reshape(weight.shape),
        "num_entries": magnitude.size,
        "num_pruned": count,
        "pruned_indices": pruned_indices,
        "threshold": float(magnitude[pruned_indices].max()) if count else None,
        "mask": mask,
        "pruned": pruned,
    }
    return Result(pruned, extras={"mask": mask}, steps=steps)


# --- all-reduce ---------------------------------------------------------------------------------------------

ALL_REDUCE_LOOKUP = Lookup(
    keywords=(
        "オールリデュース",
        "allreduce",
        "ring all-reduce",
        "リングオールリデュース",
        "分散学習",
        "分散処理",
        "distributed",
        "distributed training",
        "データ並列",
        "data parallel",
    ),
    presets={"ring": {"algorithm": "ring"}, "リング": {"algorithm": "ring"}},
    example={"grads": [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0], [13.0, 14.0, 15.0, 16.0]]},
    summary_ja=(
        "オールリデュースによる勾配の平均 ḡ = (1/W) Σ_w g_w（DistributedDataParallel と同じ）。リング方式は勾配（"
        "N 要素）を W 個のチャンクに分け、reduce-scatter と all-gather を W − 1 ステップずつ行うので、"
        "1 台あたりの送信量は 2(W − 1)/W · N 要素（W によらず 2N 未満）。"
    ),
)


@solver("all-reduce", ALL_REDUCE_LOOKUP)
def all_reduce(
    grads: Annotated[np.ndarray, Array(shape="[W, …]")],
    algorithm: Annotated[str, Choice("ring", "naive")] = "ring",
) -> Result:
    """All-reduce to the mean gradient ḡ = (1/W) Σ_w g_w; a ring sends 2(W − 1)/W · N elements per worker.

    Every worker ends with the same averaged gradient, as in data-parallel training (DistributedDataParallel
    divides each gradient by W and all-reduces the sum; so does this). ring: the gradient of N entries is
    cut into W chunks; W − 1 reduce-scatter steps leave each worker one summed chunk, W − 1 all-gather steps
    pass the summed chunks round, each step sending one chunk (N/W elements): 2(W − 1)/W · N per worker,
    nearly 2N whatever W is (with unequal chunks, the average over workers). naive: each worker sends its
    whole gradient to each of the others, (W − 1)·N, which grows with W.
    """
    workers = grads.shape[0] if grads.ndim else 0
    if workers == 0:
        raise SolverInputError(
            "grads", "one gradient per worker (W ≥ 1)", grads.tolist(), ja="ワーカーごとに勾配 1 つ（W ≥ 1）"
        )
    size = int(np.prod(grads.shape[1:]))
    with np.errstate(over="ignore"):
        mean = (grads / workers).sum(axis=0)
    if not np.isfinite(mean).all():
        raise SolverInputError(
            "grads", "gradients whose mean stays finite in float64", ja="平均が float64 で有限に収まる勾配"
        )
    send = 2 * (workers - 1) / workers * size if algorithm == "ring" else float((workers - 1) * size)
    steps = {
        "workers": workers,
        "size": size,
        "chunk_size": size / workers,
        "communication_steps": 2 * (workers - 1) if algorithm == "ring" else 1,
        "mean": mean,
        "per_worker_send": send,
        "total_send": workers * send,
    }
    return Result(mean, extras={"per_worker_send": send, "workers": workers}, steps=steps)
