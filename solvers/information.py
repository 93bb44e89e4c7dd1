"""Information theory and probability: entropy, cross-entropy, KL and JS divergences, Bayes' rule.

One rule for the four information measures, scipy's: each distribution is divided by its sum before use
(scipy.stats.entropy and scipy.spatial.distance.jensenshannon do this), so counts such as [1, 1] work and
cross-entropy = entropy + KL holds exactly as scipy computes it. A distribution must be 1-D, non-empty,
non-negative and have a positive sum. Logarithms are natural (nats) unless ``base`` says otherwise; the
result in nats is divided by ln(base), as scipy does.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import OVERFLOW, Outcome, SolverInputError
from solvers.params import Array, Param
from solvers.registry import Lookup, Result, solver

Distribution = Annotated[np.ndarray, Array(ndim=1, shape="[K]")]

# A prior is a distribution whose total matters (it is the evidence's weight); decimals typed by hand add up to
# 1 within a few ulps, and 1e-9 still refuses a real slip such as 0.333 three times.
PRIOR_SUM_TOLERANCE = 1e-9


class Base(Param):
    """The logarithm's base: "e" (nats), 2 (bits), 10, or any other number > 1.

    scipy also takes bases in (0, 1), which turn every information measure negative (and jensenshannon into
    NaN); no course uses them, so they are refused.
    """

    def describe(self, lang: str = "en") -> str:
        if lang == "ja":
            return "対数の底: e、2、10（1 より大きい任意の数）"
        return "a log base: e, 2 or 10 (any number > 1)"

    def coerce(self, name: str, value: Any) -> float:
        if isinstance(value, str) and value.strip().lower() == "e":
            return math.e
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise self.refused(name, value)
        base = float(value)
        if not math.isfinite(base) or base <= 1:
            raise self.refused(name, value)
        return base


LogBase = Annotated[float, Base()]


def _normalized(name: str, p: np.ndarray) -> np.ndarray:
    """p / Σp, as scipy normalizes; refuses what is not a distribution up to scale."""
    if p.size == 0:
        raise SolverInputError(name, "at least one probability", "[]", ja="少なくとも 1 つの確率")
    if (p < 0).any():
        raise SolverInputError(name, "probabilities ≥ 0", p.tolist(), ja="0 以上の確率")
    with np.errstate(over="ignore"):
        total = np.sum(p)
    if total == 0:
        raise SolverInputError(name, "probabilities with a positive sum", p.tolist(), ja="和が正の確率")
    if not np.isfinite(total):
        # Counts near 1e308 overflow the sum; dividing by the largest first keeps the ratios, which are all that count.
        p = p / p.max()
        total = np.sum(p)
    normalized: np.ndarray = p / total
    return normalized


def _same_shape(p: np.ndarray, q: np.ndarray) -> None:
    if p.shape != q.shape:
        raise SolverInputError(
            "q", f"as many probabilities as p ({p.size})", q.tolist(), ja=f"p と同じ個数（{p.size} 個）の確率"
        )


def _support_covered(p: np.ndarray, q: np.ndarray) -> None:
    """q > 0 wherever p > 0: else −p log q is infinite (scipy returns inf; the contract calls it an error)."""
    uncovered = np.flatnonzero((p > 0) & (q == 0))
    if uncovered.size:
        k = int(uncovered[0])
        raise SolverInputError(
            "q",
            "q > 0 wherever p > 0 (else the value is infinite)",
            f"q[{k}] = 0, p[{k}] > 0",
            ja="p > 0 となるすべての要素で q > 0（そうでなければ値が無限大）",
        )


def _log_ratio_terms(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """p log(p/q) per outcome (scipy.special.rel_entr), 0 where p = 0; needs q > 0 wherever p > 0.

    Computed as p·log(p/q), rel_entr's own formula (log p − log q loses digits when p ≈ q); where p/q
    overflows (q subnormal) the difference of logs takes over, which is finite there, unlike scipy's inf.
    """
    positive = p > 0
    safe_p, safe_q = np.where(positive, p, 1.0), np.where(positive, q, 1.0)
    with np.errstate(over="ignore"):
        ratio = safe_p / safe_q
    finite = np.isfinite(ratio)
    logs = np.where(finite, np.log(np.where(finite, ratio, 1.0)), np.log(safe_p) - np.log(safe_q))
    terms: np.ndarray = np.where(positive, p * logs, 0.0)
    return terms


ENTROPY_LOOKUP = Lookup(
    keywords=(
        "エントロピー",
        "entropy",
        "情報量",
        "平均情報量",
        "シャノン",
        "shannon",
        "情報理論",
        "information theory",
    ),
    presets={"bits": {"base": 2}, "ビット": {"base": 2}},
    example={"p": [0.5, 0.25, 0.125, 0.125], "base": 2},  # Cover & Thomas, Example 2.1.2: 1.75 bits
    summary_ja=(
        "エントロピー H(p) = −Σ_k p_k log p_k（0 log 0 = 0）。底 2 ならビット、自然対数（既定）ならナット。"
        "p は和で割って正規化してから使う（scipy.stats.entropy と同じ）。一様分布で最大値 log K、1 つの値が確実な"
        "ら 0。"
    ),
)


@solver("entropy", ENTROPY_LOOKUP)
def entropy(p: Distribution, base: LogBase = math.e) -> Result:
    """Entropy H(p) = −Σ_k p_k log p_k, with 0·log 0 = 0 (scipy.stats.entropy(p, base=base)).

    p is divided by its sum first, as scipy does, so [1, 1] is a fair coin: 1 bit with base 2, ln 2 nats with
    the default base e. H is largest, log K, for the uniform distribution over K outcomes, and 0 when one
    outcome is certain.
    """
    normalized = _normalized("p", p)
    positive = normalized > 0
    # scipy.special.entr: −p·log p, and exactly 0 at p = 0 (log 0 is never taken).
    terms = np.where(positive, -normalized * np.log(np.where(positive, normalized, 1.0)), 0.0)
    nats = float(np.sum(terms))
    value = nats / math.log(base)
    return Result(
        value, steps={"p": normalized, "terms": terms, "nats": nats, "log_base": math.log(base), "entropy": value}
    )


CROSS_ENTROPY_LOOKUP = Lookup(
    keywords=(
        "交差エントロピー",
        "クロスエントロピー",
        "cross entropy",
        "交差エントロピー誤差",
        "損失関数",
        "loss function",
        "情報理論",
        "information theory",
    ),
    presets={"bits": {"base": 2}, "ビット": {"base": 2}},
    # ゼロから作るDeep Learning 4.2.2: the one-hot target "2" against the network's output: −log 0.6
    example={"p": [0, 0, 1, 0, 0, 0, 0, 0, 0, 0], "q": [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]},
    summary_ja=(
        "交差エントロピー H(p, q) = −Σ_k p_k log q_k（p が教師分布、q が予測分布、既定は自然対数）。H(p, "
        "q) = H(p) + KL(p‖q) が成り立ち、one-hot の教師では −log q_正解 になる。p > 0 で q = 0 となる値があれば無"
        "限大なので入力エラー。"
    ),
)


@solver("cross-entropy", CROSS_ENTROPY_LOOKUP)
def cross_entropy(p: Distribution, q: Distribution, base: LogBase = math.e) -> Result:
    """Cross-entropy H(p, q) = −Σ_k p_k log q_k of a prediction q against a target p; q = 0 where p > 0 is an error.

    p and q are divided by their sums first (scipy's rule for entropy and KL), so H(p, q) = H(p) + KL(p‖q),
    the identity scipy's documentation gives. Terms with p_k = 0 are 0, whatever q_k is: with a one-hot
    target only the correct class counts and H(p, q) = −log q_correct, the classification loss.
    The book's code adds δ = 1e-7 inside the log (−log(0.6 + 1e-7)); this is the exact value.
    """
    _same_shape(p, q)
    p, q = _normalized("p", p), _normalized("q", q)
    _support_covered(p, q)
    positive = p > 0
    terms = np.where(positive, -p * np.log(np.where(positive, q, 1.0)), 0.0)
    nats = float(np.sum(terms))
    value = nats / math.log(base)
    steps = {"p": p, "q": q, "terms": terms, "nats": nats, "log_base": math.log(base), "cross_entropy": value}
    return Result(value, steps=steps)


KL_DIVERGENCE_LOOKUP = Lookup(
    keywords=(
        "kl",
        "kullback-leibler",
        "カルバック・ライブラー",
        "カルバックライブラー",
        "相対エントロピー",
        "relative entropy",
        "情報理論",
        "information theory",
    ),
    presets={"bits": {"base": 2}, "ビット": {"base": 2}},
    # The course question information-theory-kl-forward: 0.3610 nats; its reverse, KL(q‖p), is 0.4682 nats.
    example={"p": [0.8, 0.15, 0.05], "q": [0.4, 0.3, 0.3]},
    summary_ja=(
        "KL ダイバージェンス KL(p‖q) = Σ_k p_k log(p_k / q_k)（期待値は第 1 引数 p でとる。scipy.stats.entropy(p,"
        " q) と同じ）。0 以上で p = q のときだけ 0、非対称で KL(p‖q) ≠ KL(q‖p)。p > 0 で q = 0 となる値があれば入"
        "力エラー。"
    ),
)


@solver("kl-divergence", KL_DIVERGENCE_LOOKUP)
def kl_divergence(p: Distribution, q: Distribution, base: LogBase = math.e) -> Result:
    """KL divergence KL(p‖q) = Σ_k p_k log(p_k / q_k), as scipy.stats.entropy(p, q, base=base); error if q = 0 < p.

    p and q are divided by their sums first, as scipy does. KL ≥ 0, with 0 only when p = q; it is not
    symmetric: KL(p‖q) ≠ KL(q‖p) in general. Terms with p_k = 0 are 0. Where scipy returns inf (q_k = 0 < p_k)
    this refuses the input instead.
    """
    _same_shape(p, q)
    p, q = _normalized("p", p), _normalized("q", q)
    _support_covered(p, q)
    terms = _log_ratio_terms(p, q)
    nats = float(np.sum(terms))
    value = nats / math.log(base)
    return Result(value, steps={"p": p, "q": q, "terms": terms, "nats": nats, "log_base": math.log(base), "kl": value})


JS_DIVERGENCE_LOOKUP = Lookup(
    keywords=(
        "js",
        "jsd",
        "jensen-shannon",
        "ジェンセン・シャノン",
        "イェンセン・シャノン",
        "gan",
        "情報理論",
        "information theory",
    ),
    presets={"bits": {"base": 2}, "ビット": {"base": 2}},
    # m = [0.25, 0.5, 0.25]; each half contributes ½ bit · ½ twice: 0.5 bits.
    example={"p": [0.5, 0.5, 0.0], "q": [0.0, 0.5, 0.5], "base": 2},
    summary_ja=(
        "JS ダイバージェンス JS(p‖q) = ½KL(p‖m) + ½KL(q‖m)、m = (p + q)/2。対称で常に有限、0 以上 log "
        "2（1 ビット）以下で、最大値は p と q の重なりがないとき（scipy の jensenshannon はこの平方根を返す）"
        "。"
    ),
)


@solver("js-divergence", JS_DIVERGENCE_LOOKUP)
def js_divergence(p: Distribution, q: Distribution, base: LogBase = math.e) -> Result:
    """JS divergence JS(p‖q) = ½KL(p‖m) + ½KL(q‖m), m = (p + q)/2 (= scipy's jensenshannon(p, q, base)²).

    p and q are divided by their sums first, as scipy does. JS is symmetric, finite even where one
    distribution is 0 (m covers both), and at most log 2 (1 bit), reached by disjoint supports. scipy's
    jensenshannon returns the distance √JS (the step "distance"); the answer is its square, computed the
    way scipy computes what it takes the root of. A result a rounding below 0 (p ≈ q) is reported as 0.
    The GAN's optimal discriminator turns its value function into −log 4 + 2·JS(p_data‖p_g).
    """
    _same_shape(p, q)
    p, q = _normalized("p", p), _normalized("q", q)
    m = (p + q) / 2.0
    # Half of the smallest subnormal rounds to 0; m is then as good as max(p, q), and its terms as good as 0.
    m = np.where((m == 0) & ((p > 0) | (q > 0)), np.maximum(p, q), m)
    kl_p_m = float(np.sum(_log_ratio_terms(p, m))) / math.log(base)
    kl_q_m = float(np.sum(_log_ratio_terms(q, m))) / math.log(base)
    value = max((kl_p_m + kl_q_m) / 2.0, 0.0)
    steps = {"p": p, "q": q, "m": m, "kl_p_m": kl_p_m, "kl_q_m": kl_q_m, "js": value, "distance": math.sqrt(value)}
    return Result(value, steps=steps)


BAYES_LOOKUP = Lookup(
    keywords=(
        "ベイズ",
        "ベイズの定理",
        "bayes",
        "bayes' theorem",
        "事後確率",
        "posterior",
        "条件付き確率",
        "conditional probability",
        "確率",
        "probability",
    ),
    # Gigerenzer's mammography problem: 1% prevalence, 80% sensitivity, 9.6% false positives → 7.8%.
    example={"prior": [0.01, 0.99], "likelihood": [0.8, 0.096]},
    summary_ja=(
        "ベイズの定理 P(H_k | E) = P(E | H_k) P(H_k) / P(E)、エビデンス P(E) = Σ_j P(E | H_j) P(H_j)（全確率の定理"
        "）。prior は和が 1 の事前確率（正規化しない）、likelihood は各仮説のもとで E が起こる確率。"
    ),
)


@solver("bayes", BAYES_LOOKUP)
def bayes(
    prior: Annotated[np.ndarray, Array(ndim=1, shape="[K]")],
    likelihood: Annotated[np.ndarray, Array(ndim=1, shape="[K]")],
) -> Result:
    """Bayes' rule P(H_k | E) = P(E | H_k) P(H_k) / P(E), with the evidence P(E) = Σ_j P(E | H_j) P(H_j).

    prior is P(H_k) over hypotheses that exclude each other and cover every case: its entries are in
    [0, 1] and sum to 1 (within 1e-9; it is not rescaled, because the evidence depends on it). likelihood is
    P(E | H_k) for each hypothesis; the entries need not sum to 1, and densities (values > 1, as in Gaussian
    naive Bayes) work too. Evidence 0 (E impossible under the prior) has no posterior.
    """
    if prior.size == 0:
        raise SolverInputError("prior", "at least one hypothesis", "[]", ja="少なくとも 1 つの仮説")
    if likelihood.shape != prior.shape:
        raise SolverInputError(
            "likelihood",
            f"one value per hypothesis ({prior.size})",
            likelihood.tolist(),
            ja=f"仮説ごとに 1 つの値（{prior.size} 個）",
        )
    if ((prior < 0) | (prior > 1)).any():
        raise SolverInputError("prior", "probabilities in [0, 1]", prior.tolist(), ja="[0, 1] の範囲の確率")
    if abs(float(np.sum(prior)) - 1.0) > PRIOR_SUM_TOLERANCE:
        total = f"{float(np.sum(prior)):.12g}"
        raise SolverInputError(
            "prior",
            "probabilities summing to 1",
            Outcome(f"sum {total}", f"実際の和は {total}"),
            ja="和が 1 になる確率",
        )
    if (likelihood < 0).any():
        raise SolverInputError(
            "likelihood", "probabilities (or densities) ≥ 0", likelihood.tolist(), ja="0 以上の確率（または確率密度）"
        )
    # The evidence is a weighted mean of the likelihoods, so it overflows only for a prior a rounding above 1.
    joint = prior * likelihood
    with np.errstate(over="ignore"):
        evidence = float(np.sum(joint))
    if not math.isfinite(evidence):
        raise SolverInputError(
            "likelihood",
            "values whose evidence Σ prior·likelihood is finite",
            OVERFLOW,
            ja="エビデンス Σ prior·likelihood が有限になる値",
        )
    if evidence == 0:
        raise SolverInputError(
            "likelihood",
            "a positive likelihood for some hypothesis with a positive prior",
            0.0,
            ja="事前確率が正の仮説のうち少なくとも 1 つで正になる尤度",
        )
    posterior = joint / evidence
    steps = {"prior": prior, "likelihood": likelihood, "joint": joint, "evidence": evidence, "posterior": posterior}
    return Result(posterior, extras={"evidence": evidence}, steps=steps)
