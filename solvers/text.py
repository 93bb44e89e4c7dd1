"""Natural language and speech: positional encoding, BLEU, negative sampling, CTC.

Each solver names the reference it follows: Vaswani et al. for the sinusoidal encoding, NLTK's sentence_bleu
for BLEU, word2vec's skip-gram objective for negative sampling (gradients as torch autograd gives them), and
torch.nn.functional.ctc_loss for CTC.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Annotated, Any

import numpy as np

from solvers.activations import sigmoid
from solvers.errors import SolverInputError
from solvers.params import MAX_ARRAY_SIZE, Array, Int, Number, Optional, Param
from solvers.registry import Lookup, Result, solver

# --- positional encoding ----------------------------------------------------------------------------------

POSITIONAL_ENCODING_LOOKUP = Lookup(
    keywords=(
        "位置エンコーディング",
        "位置符号化",
        "positional encoding",
        "sinusoidal",
        "transformer",
        "トランスフォーマー",
    ),
    example={"length": 3, "d_model": 4},  # PE(1) = [sin 1, cos 1, sin 0.01, cos 0.01]
    summary_ja=(
        "正弦波の位置エンコーディング PE(pos, 2i) = sin(pos / 10000^(2i/d_model))、PE(pos, 2i+1) = cos(pos "
        "/ 10000^(2i/d_model))（Vaswani et al., 2017）。pos と次元の番号は 0 から数え、偶数次元が sin、"
        "その隣の奇数次元が同じ角度の cos で、角度はラジアン。答えは [length, d_model] の行列で、0 行目は "
        "[0, 1, 0, 1, …]。"
    ),
)


@solver("positional-encoding", POSITIONAL_ENCODING_LOOKUP)
def positional_encoding(
    length: Annotated[int, Int(min=1)],
    d_model: Annotated[int, Int(min=1)],
    base: Annotated[float, Number(min=0, exclusive_min=True)] = 10000.0,
) -> Result:
    """Sinusoidal positional encoding: PE(pos, 2i) = sin(pos / base^(2i/d)), PE(pos, 2i+1) = cos(pos / base^(2i/d)).

    As in "Attention Is All You Need" (Vaswani et al., 2017): row pos (0, 1, …, length − 1) is the code
    added to the embedding of the token at that position; even columns 2i take the sine and the odd column
    2i + 1 next to it the cosine of the same angle, so the wavelengths run from 2π (i = 0) to about
    2π·base. An odd d_model ends on a sine column. Row 0 is [0, 1, 0, 1, …].
    """
    if length * d_model > MAX_ARRAY_SIZE:
        raise SolverInputError(
            "length",
            f"length × d_model of at most {MAX_ARRAY_SIZE:,} entries",
            length,
            ja=f"length × d_model（要素数）が {MAX_ARRAY_SIZE:,} 以下になる値",
        )
    position = np.arange(length, dtype=np.float64)
    exponent = (np.arange(d_model) // 2 * 2) / d_model  # 2i/d, shared by the sine and the cosine of a pair
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        divisor = base**exponent
        angle = position[:, None] / divisor
    if not np.isfinite(angle).all():
        raise SolverInputError(
            "base",
            "a base whose powers base^(2i/d) keep pos / base^(2i/d) finite",
            base,
            ja="pos / base^(2i/d) が有限になる底",
        )
    encoding = np.where(np.arange(d_model) % 2 == 0, np.sin(angle), np.cos(angle))
    steps = {"position": position, "exponent": exponent, "divisor": divisor, "angle": angle, "encoding": encoding}
    return Result(encoding, steps=steps)


# --- BLEU -------------------------------------------------------------------------------------------------

MAX_BLEU_ORDER = 100


def _token(name: str, value: Any, kind: Param) -> Hashable:
    # Tokens are words or ids; NLTK compares them with ==, so 1 and "1" stay different tokens.
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise kind.refused(name, value)


class Tokens(Param):
    """A sentence as a list of tokens (words or integer ids), or as one text split at whitespace."""

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return 'トークンのリスト、または空白で区切る文（"the cat sat"）'
        return 'a list of tokens, or a sentence split at spaces ("the cat sat")'

    def coerce(self, name: str, value: Any) -> tuple[Hashable, ...]:
        if isinstance(value, str):
            return tuple(value.split())
        if not isinstance(value, (list, tuple)):
            raise self.refused(name, value)
        return tuple(_token(name, token, self) for token in value)


class TokenLists(Param):
    """One or more reference sentences: a list of token lists or of texts, or a single text.

    Kept as a 1-D object array of token tuples: sentences of different lengths are not a rectangular array,
    and this way the value still has a shape ([R]) wherever an input is shown with its shape.
    """

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return "参照文のリスト（空でない。各文はトークンのリストか文字列）"
        return "a non-empty list of reference sentences, each a list of tokens or a text"

    def coerce(self, name: str, value: Any) -> np.ndarray:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, (list, tuple)) or not value:
            raise self.refused(name, value)
        if not all(isinstance(sentence, (str, list, tuple)) for sentence in value):
            raise self.refused(name, value)
        sentences = np.empty(len(value), dtype=object)
        for i, sentence in enumerate(value):
            sentences[i] = Tokens().coerce(name, sentence)
        return sentences


def ngram_counts(tokens: Sequence[Hashable], n: int) -> Counter[tuple[Hashable, ...]]:
    return Counter(zip(*(tokens[i:] for i in range(n))))


def modified_precision(
    candidate: Sequence[Hashable], references: Sequence[Sequence[Hashable]], n: int
) -> tuple[int, int]:
    """(clipped matches, candidate n-grams) for order n, as NLTK's modified_precision: each candidate n-gram
    counts at most as often as it occurs in any one reference; the denominator is at least 1."""
    counts = ngram_counts(candidate, n)
    most: Counter[tuple[Hashable, ...]] = Counter()
    for reference in references:
        most |= ngram_counts(reference, n)  # | keeps the larger count of each n-gram
    matches = sum(min(count, most[gram]) for gram, count in counts.items())
    return matches, max(1, sum(counts.values()))


BLEU_LOOKUP = Lookup(
    keywords=(
        "機械翻訳",
        "machine translation",
        "翻訳",
        "n-gram",
        "nグラム",
        "brevity penalty",
        "簡潔さペナルティ",
        "seq2seq",
    ),
    presets={"bleu-1": {"max_n": 1}, "bleu-2": {"max_n": 2}, "bleu-3": {"max_n": 3}, "bleu-4": {"max_n": 4}},
    example={  # BLEU-2 of a candidate missing one word: p1 = 1, p2 = 3/4, BP = e^(1 − 6/5)
        "candidate": "the cat on the mat",
        "references": ["the cat is on the mat"],
        "max_n": 2,
    },
    summary_ja=(
        "文単位の BLEU = BP · exp(Σₙ wₙ log pₙ)。pₙ は修正 n-gram 適合率（候補訳の各 n-gram の一致数を "
        "1 つの参照訳での最大出現回数で頭打ちにし、候補訳の n-gram 数で割る）、BP は候補訳の長さ c が参照訳の長さ"
        " r（c に最も近いもの、同じ差なら短い方）以下のとき e^(1 − r/c)、それ以外は 1。重みは既定で一様（BLEU-4 "
        "なら各 1/4）、平滑化なしで nltk の sentence_bleu と同じ（高次の一致がないと極小の値になる）。"
    ),
)


@solver("bleu", BLEU_LOOKUP)
def bleu(
    candidate: Annotated[tuple[Hashable, ...], Tokens()],
    references: Annotated[np.ndarray, TokenLists()],
    max_n: Annotated[int | None, Optional(Int(min=1, max=MAX_BLEU_ORDER))] = None,
    weights: Annotated[np.ndarray | None, Optional(Array(ndim=1, shape="[max_n]"))] = None,
) -> Result:
    """Sentence BLEU: BLEU = BP · exp(Σₙ wₙ log pₙ), BP = 1 if c > r else e^(1 − r/c), pₙ the clipped n-gram precision.

    Exactly nltk.translate.bleu_score.sentence_bleu without smoothing. pₙ counts each candidate n-gram at
    most as often as it appears in one reference; r is the reference length closest to the candidate
    length c (a tie goes to the shorter reference). Weights default to uniform, 1/max_n each (BLEU-4: 0.25).
    As in NLTK, the weights decide the orders: weights alone give max_n = len(weights), and weights
    shorter than max_n weigh the missing orders 0 (the score is NLTK's for those weights; precisions still
    run to max_n). max_n alone defaults to 4.
    Where no unigram matches, BLEU is 0. Where a higher order has no match, NLTK warns and uses the smallest
    float (2.2e-308) for that pₙ, so BLEU is tiny but not 0 (about 1e-77 with weight 1/4): that value is
    returned too. Tokens are compared as given (case-sensitive); a text is split at spaces.
    """
    if weights is None:
        max_n = 4 if max_n is None else max_n
        weights = np.full(max_n, 1.0 / max_n)
    if max_n is None:
        max_n = weights.size
    if not 1 <= weights.size <= min(max_n, MAX_BLEU_ORDER):
        most = f"max_n = {max_n}" if max_n < MAX_BLEU_ORDER else str(MAX_BLEU_ORDER)
        raise SolverInputError(
            "weights",
            f"1 to {most} weights, one per n-gram order",
            weights.tolist(),
            ja=f"重み（n-gram の次数ごとに 1 つ、1 個以上 {most} 個以下）",
        )
    # NLTK has no max_n: the orders are its weights'. An order without a weight adds 0·log pₙ = 0.
    weights = np.pad(weights, (0, max_n - weights.size))
    if (weights < 0).any():
        raise SolverInputError("weights", "weights ≥ 0", weights.tolist(), ja="0 以上の重み")
    sentences: list[tuple[Hashable, ...]] = list(references)
    counts = [modified_precision(candidate, sentences, n) for n in range(1, max_n + 1)]
    matches, totals = np.array([m for m, _ in counts]), np.array([t for _, t in counts])
    precisions = matches / totals
    c = len(candidate)
    r = min((len(reference) for reference in sentences), key=lambda length: (abs(length - c), length))
    brevity = 1.0 if c > r else 0.0 if c == 0 else math.exp(1 - r / c)
    # NLTK's method0: a precision of 0 becomes the smallest normal float; its sum is math.fsum, in this order.
    used = [p if m else sys.float_info.min for m, p in zip(matches, precisions.tolist())]
    log_sum = math.fsum(w * math.log(p) for w, p in zip(weights.tolist(), used))
    score = 0.0 if matches[0] == 0 else brevity * math.exp(log_sum)
    steps = {
        "candidate_length": c,
        "reference_lengths": [len(reference) for reference in sentences],
        "closest_reference_length": r,
        "matches": matches,
        "totals": totals,
        "precisions": precisions,
        "weights": weights,
        "weighted_log_sum": log_sum,
        "brevity_penalty": brevity,
        "bleu": score,
    }
    extras = {"precisions": precisions, "brevity_penalty": brevity}
    return Result(score, extras=extras, steps=steps, defaults={"max_n": max_n})


# --- negative sampling ------------------------------------------------------------------------------------


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    """log σ(x) = −log(1 + e^(−x)), as torch's logsigmoid: min(x, 0) − log1p(e^(−|x|)), exact for any x."""
    result: np.ndarray = np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))
    return result


NEGATIVE_SAMPLING_LOOKUP = Lookup(
    keywords=(
        "ネガティブサンプリング",
        "負例サンプリング",
        "negative sampling",
        "word2vec",
        "skip-gram",
        "スキップグラム",
    ),
    example={"v_center": [0.5, -0.2], "u_context": [0.3, 0.8], "u_negatives": [[0.1, -0.4], [-0.6, 0.2]]},
    summary_ja=(
        "skip-gram のネガティブサンプリングの損失 L = −log σ(u_o·v_c) − Σₖ log σ(−uₖ·v_c)。v_c は中心語の入力側ベ"
        "クトル、u_o は正解の周辺語、uₖ は K 個の負例の出力側ベクトル。勾配は ∂L/∂v_c = (σ(s_o) − 1)u_o "
        "+ Σₖ σ(sₖ)uₖ、∂L/∂u_o = (σ(s_o) − 1)v_c、∂L/∂uₖ = σ(sₖ)v_c（s = u·v_c、torch の自動微分と同じ）"
        "。"
    ),
)


@solver("negative-sampling", NEGATIVE_SAMPLING_LOOKUP)
def negative_sampling(
    v_center: Annotated[np.ndarray, Array(ndim=1, shape="[D]")],
    u_context: Annotated[np.ndarray, Array(ndim=1, shape="[D]")],
    u_negatives: Annotated[np.ndarray, Array(ndim=2, shape="[K, D]")],
) -> Result:
    """Skip-gram negative-sampling loss: L = −log σ(u_o·v_c) − Σₖ log σ(−uₖ·v_c), and its gradients.

    v_c is the center word's input vector, u_o the context word's output vector, u_k the K negative
    samples' output vectors. With s = u·v_c: ∂L/∂v_c = (σ(s_o) − 1) u_o + Σₖ σ(s_k) u_k,
    ∂L/∂u_o = (σ(s_o) − 1) v_c, ∂L/∂u_k = σ(s_k) v_c — what torch autograd gives for this loss.
    log σ is evaluated as torch's logsigmoid, so a score of −800 costs 800 rather than overflowing.
    """
    size = v_center.shape[0]
    if u_context.shape != (size,):
        raise SolverInputError(
            "u_context",
            f"shape [D] = [{size}], the size of v_center",
            list(u_context.shape),
            ja=f"形 [D] = [{size}]（v_center と同じ大きさ）",
        )
    if u_negatives.shape[1] != size:
        raise SolverInputError(
            "u_negatives", f"shape [K, D] with D = {size}", list(u_negatives.shape), ja=f"形 [K, D]（D = {size}）"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        score_context = float(u_context @ v_center)
        score_negatives = u_negatives @ v_center
        loss = float(-log_sigmoid(np.array(score_context)) - log_sigmoid(-score_negatives).sum())
        coefficient_context = float(sigmoid(score_context)) - 1.0  # σ(s_o) − 1: how far from "is a context word"
        sigmoid_negatives = sigmoid(score_negatives)
        grad_center = coefficient_context * u_context + sigmoid_negatives @ u_negatives
        grad_context = coefficient_context * v_center
        grad_negatives = sigmoid_negatives[:, None] * v_center
    answer = {"loss": loss, "grad_center": grad_center, "grad_context": grad_context, "grad_negatives": grad_negatives}
    if not all(np.isfinite(value).all() for value in (score_context, score_negatives, *answer.values())):
        raise SolverInputError(
            "v_center",
            "vectors whose dot products and gradients stay finite in float64",
            ja="内積と勾配が float64 で有限になるベクトル",
        )
    steps = {
        "score_context": score_context,
        "score_negatives": score_negatives,
        "sigmoid_context": coefficient_context + 1.0,
        "sigmoid_negatives": sigmoid_negatives,
        **answer,
    }
    return Result(answer, steps=steps)


# --- CTC --------------------------------------------------------------------------------------------------


def _logsumexp(*terms: np.ndarray) -> np.ndarray:
    """log Σ eˣ elementwise over the terms, as torch's CTC kernel: shift by the max (0 where all are −∞)."""
    top = np.maximum.reduce(terms)
    shift = np.where(np.isneginf(top), 0.0, top)
    with np.errstate(divide="ignore"):  # log 0 = −∞ where every term is −∞: an unreachable state
        result: np.ndarray = np.log(sum(np.exp(term - shift) for term in terms)) + shift
    return result


def ctc_forward(log_probs: np.ndarray, extended: np.ndarray, blank: int) -> np.ndarray:
    """log α[t, s], the log-probability of all alignments of the first t + 1 frames that end in state s of the
    extended label sequence l′ = (blank, l₁, blank, l₂, …, blank): one step per frame, vectorized over s."""
    frames, states = log_probs.shape[0], extended.shape[0]
    emit = log_probs[:, extended]
    # s − 2 may be skipped into s when l′_s is a label that differs from l′_{s−2} (never into a blank).
    can_skip = np.zeros(states, dtype=bool)
    can_skip[2:] = (extended[2:] != blank) & (extended[2:] != extended[:-2])
    alpha = np.full((frames, states), -np.inf)
    alpha[0, :2] = emit[0, :2]
    for t in range(1, frames):
        previous = alpha[t - 1]
        advance, skip = np.full(states, -np.inf), np.full(states, -np.inf)
        advance[1:] = previous[:-1]
        skip[2:] = previous[:-2]
        alpha[t] = _logsumexp(previous, advance, np.where(can_skip, skip, -np.inf)) + emit[t]
    return alpha


def greedy_decode(log_probs: np.ndarray, blank: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best-path decoding: (argmax per frame, after merging repeats, after dropping blanks)."""
    best = np.argmax(log_probs, axis=1)  # ties go to the lowest class index, as torch.argmax
    merged = best[np.concatenate(([True], best[1:] != best[:-1]))]
    return best, merged, merged[merged != blank]


CTC_LOOKUP = Lookup(
    keywords=("connectionist temporal classification", "音声認識", "speech recognition", "speech", "ブランク", "blank"),
    example={  # three frames over {blank, a, b}: log of [0.25 0.5 0.25; 0.5 0.25 0.25; 0.25 0.125 0.625], target "ab"
        "log_probs": [
            [-1.3862943611198906, -0.6931471805599453, -1.3862943611198906],
            [-0.6931471805599453, -1.3862943611198906, -1.3862943611198906],
            [-1.3862943611198906, -2.0794415416798357, -0.4700036292457356],
        ],
        "target": [1, 2],
    },
    summary_ja=(
        "CTC 損失 −log p(l | x) = −log Σ_{π ∈ B⁻¹(l)} Πₜ y^t_{πₜ}。縮約 B（連続する同じ記号をまとめてからブラ"
        "ンクを除く）で正解 l になるすべてのフレーム列 π の確率を前向きアルゴリズムで足す（torch の ctc_loss,"
        ' reduction="none" と同じ）。log_probs はフレームごとの対数確率、ブランクは既定でクラス 0。greedy は'
        "各フレームの argmax に B をかけた貪欲法の復号結果。"
    ),
)


@solver("ctc", CTC_LOOKUP)
def ctc(
    log_probs: Annotated[np.ndarray, Array(ndim=2, shape="[T, C]")],
    target: Annotated[np.ndarray, Array(ndim=1, shape="[L]", dtype="int")],
    blank: Annotated[int, Int(min=0)] = 0,
) -> Result:
    """CTC loss −log p(l | x) = −log Σ_{π ∈ B⁻¹(l)} Πₜ y_{πₜ}ᵗ (forward algorithm), and greedy best-path decoding.

    Exactly torch.nn.functional.ctc_loss(reduction="none") for one sequence: l′ inserts a blank between
    labels and at both ends; α₀ starts in l′₀ or l′₁; α_t(s) = (α_{t−1}(s) + α_{t−1}(s−1) [+ α_{t−1}(s−2) when
    l′_s is a label ≠ l′_{s−2}]) · y_{l′_s}ᵗ, summed in log space; p(l | x) = α_{T−1}(S−1) + α_{T−1}(S−2).
    log_probs are log-probabilities per frame (log_softmax output); like torch, rows need not sum exactly
    to 1. Where T is too short for the target (it needs L frames plus one per repeated neighbour), no
    alignment exists and the loss is inf, as torch returns it. greedy: argmax per frame, merge repeats, drop
    blanks ("aa-ab" → "aab").
    """
    frames, classes = log_probs.shape
    if frames == 0:
        raise SolverInputError(
            "log_probs", "at least one frame (T ≥ 1)", list(log_probs.shape), ja="1 つ以上のフレーム（T ≥ 1）"
        )
    if blank >= classes:
        raise SolverInputError(
            "blank", f"a class index below C = {classes}", blank, ja=f"C = {classes} 未満のクラス番号"
        )
    if (log_probs > 0).any():
        raise SolverInputError(
            "log_probs",
            "log-probabilities (≤ 0); take the log of probabilities first",
            ja="対数確率（≤ 0。確率なら先に対数をとる）",
        )
    if ((target < 0) | (target >= classes) | (target == blank)).any():
        raise SolverInputError(
            "target",
            f"labels from 0 to {classes - 1} other than the blank ({blank})",
            target.tolist(),
            ja=f"ブランク（{blank}）以外の 0〜{classes - 1} のラベル",
        )
    # Fewer frames than this and no alignment exists: p(l | x) = 0, and the loss is inf, as torch returns it
    # (zero_infinity=False), not an input error.
    frames_needed = len(target) + int(np.count_nonzero(target[1:] == target[:-1]))
    extended = np.full(2 * len(target) + 1, blank)
    extended[1::2] = target
    with np.errstate(over="ignore", invalid="ignore"):
        alpha = ctc_forward(log_probs, extended, blank)
        log_likelihood = float(_logsumexp(*alpha[-1, -2:]))  # ending in the last label or the final blank
    best, merged, greedy = greedy_decode(log_probs, blank)
    steps = {
        "frames_needed": frames_needed,
        "extended": extended,
        "alpha": np.exp(alpha),  # the forward variables as probabilities: 0 for a state no alignment reaches
        "log_likelihood": log_likelihood,
        "best_path": best,
        "merged": merged,
        "greedy": greedy,
    }
    return Result({"loss": -log_likelihood, "greedy": greedy}, steps=steps)
