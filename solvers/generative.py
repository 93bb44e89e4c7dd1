"""Generative models: the VAE's KL term and reparameterization, GAN losses and the optimal discriminator, and the
diffusion (DDPM) forward process.

Conventions follow PyTorch where it has the computation: torch.distributions' Normal–Normal KL, BCELoss for the
GAN losses (each log clamped at −100), and torch.cumprod for ᾱ, as diffusers' DDPMScheduler.add_noise uses it.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

import numpy as np

from solvers.errors import OVERFLOW, Outcome, SolverInputError
from solvers.params import Array, Int, Optional
from solvers.registry import Lookup, Result, solver

# torch's BCELoss clamps each log at −100, so that D = 0 or 1 gives a loss of 100, not inf.
_BCE_LOG_FLOOR = -100.0
# How far from 1 the sum of typed probabilities may be: float rounding, not a missing outcome.
_SUM_TOLERANCE = 1e-9


def _same_shape(name: str, array: np.ndarray, like: str, shape: tuple[int, ...]) -> None:
    if array.shape != shape:
        raise SolverInputError(
            name, f"the shape of {like}, {list(shape)}", list(array.shape), ja=f"{like} と同じ形 {list(shape)}"
        )


def _probabilities(name: str, p: np.ndarray) -> None:
    if p.size == 0 or (p < 0).any() or (p > 1).any():
        raise SolverInputError(
            name, "a non-empty array of probabilities in [0, 1]", p.tolist(), ja="[0, 1] の確率からなる空でない配列"
        )


def _distribution(name: str, p: np.ndarray) -> None:
    _probabilities(name, p)
    if abs(math.fsum(p.tolist()) - 1.0) > _SUM_TOLERANCE:
        total = f"{math.fsum(p.tolist()):.12g}"
        raise SolverInputError(
            name,
            "probabilities that sum to 1",
            Outcome(f"a sum of {total}", f"合計は {total} でした"),
            ja="合計が 1 になる確率",
        )


# --- VAE -----------------------------------------------------------------------------------------------------

VAE_KL_LOOKUP = Lookup(
    keywords=(
        "vae",
        "変分オートエンコーダ",
        "変分自己符号化器",
        "variational autoencoder",
        "再パラメータ化",
        "reparameterization",
        "reparameterization trick",
        "kl項",
        "kl term",
        "潜在変数",
    ),
    example={"mu": [1.0, 0.0], "logvar": [0.0, 1.0], "eps": [0.5, -1.0]},
    summary_ja=(
        "VAE の KL 項 KL(N(μ, σ²) ‖ N(0, I)) = −½ Σ (1 + log σ² − μ² − σ²)。エンコーダは logvar = log "
        "σ² を出力し、全成分の和をとる（torch.distributions の正規分布どうしの KL と同じ）。ε を与えると再パラメー"
        "タ化した標本 z = μ + exp(½ log σ²) ⊙ ε も求める。"
    ),
)


@solver("vae-kl", VAE_KL_LOOKUP)
def vae_kl(
    mu: Annotated[np.ndarray, Array()],
    logvar: Annotated[np.ndarray, Array()],
    eps: Annotated[np.ndarray | None, Optional(Array())] = None,
) -> Result:
    """KL(N(μ, σ²) ‖ N(0, 1)) = −½ Σ (1 + log σ² − μ² − σ²), summed over every entry; z = μ + σ ⊙ ε.

    logvar is log σ², as a VAE's encoder outputs it. The per-dimension terms are those of
    torch.distributions.kl_divergence(Normal(μ, σ), Normal(0, 1)); their sum is the answer (any shape: a batch
    is summed too). 1 + log σ² − σ² is evaluated as log σ² − expm1(log σ²), which keeps its digits when σ² is
    near 1 (the KL of a nearly standard normal is tiny, and 1 − σ² would cancel them away).

    With eps (a draw ε ~ N(0, I), same shape as μ), the extra z is the reparameterized sample
    μ + exp(½ log σ²) ⊙ ε: the randomness sits in ε, so gradients flow to μ and log σ².
    μ = [1, 0], log σ² = [0, 1]: KL = ½·1 + ½(e − 2) = 0.8591.
    """
    _same_shape("logvar", logvar, "mu", mu.shape)
    with np.errstate(over="ignore", invalid="ignore"):
        sigma2 = np.exp(logvar)
        mu2 = mu * mu
        kl_per_dim = 0.5 * (mu2 + np.expm1(logvar) - logvar)
        kl = float(np.sum(kl_per_dim))
    if not np.isfinite(mu2).all():
        raise SolverInputError("mu", "means whose squares are finite", OVERFLOW, ja="2 乗が有限になる平均")
    if not np.isfinite(sigma2).all():
        raise SolverInputError(
            "logvar",
            "log-variances whose σ² is finite (log σ² ≤ 709)",
            OVERFLOW,
            ja="σ² が有限になる対数分散（log σ² ≤ 709）",
        )
    if not math.isfinite(kl):
        raise SolverInputError(
            "logvar",
            "means and log-variances whose summed KL is finite",
            OVERFLOW,
            ja="KL の合計が有限になる平均と対数分散",
        )
    steps: dict[str, Any] = {"mu_squared": mu2, "sigma2": sigma2, "kl_per_dim": kl_per_dim, "kl": kl}
    extras: dict[str, Any] = {}
    if eps is not None:
        _same_shape("eps", eps, "mu", mu.shape)
        with np.errstate(over="ignore", invalid="ignore"):
            sigma = np.exp(0.5 * logvar)
            z = mu + sigma * eps
        if not np.isfinite(z).all():
            raise SolverInputError(
                "eps", "noise whose sample μ + σε is finite", OVERFLOW, ja="標本 μ + σε が有限になるノイズ"
            )
        steps.update({"sigma": sigma, "eps": eps, "z": z})
        extras["z"] = z
    return Result(kl, extras=extras, steps=steps)


# --- GAN -----------------------------------------------------------------------------------------------------


def _clamped_log(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        logs: np.ndarray = np.maximum(np.log(x), _BCE_LOG_FLOOR)
    return logs


def _clamped_log1m(x: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):  # log1p(−x), as torch's BCE kernel: log(1 − 1e-17) is not 0 there
        logs: np.ndarray = np.maximum(np.log1p(-x), _BCE_LOG_FLOOR)
    return logs


GAN_LOSS_LOOKUP = Lookup(
    keywords=(
        "gan",
        "敵対的生成ネットワーク",
        "generative adversarial network",
        "識別器",
        "discriminator",
        "生成器",
        "generator",
        "ミニマックス",
        "minimax",
        "non-saturating",
    ),
    example={"d_real": [0.9, 0.8], "d_fake": [0.1, 0.3]},
    summary_ja=(
        "識別器の損失 L_D = −(E[log D(x)] + E[log(1 − D(G(z)))])、生成器の損失はミニマックス形 E[log(1 "
        "− D(G(z)))] と非飽和形 −E[log D(G(z))]。平均はそれぞれの標本についてとり、各 log は torch の "
        "BCELoss と同じく −100 で下限を切る。"
    ),
)


@solver("gan-loss", GAN_LOSS_LOOKUP)
def gan_loss(
    d_real: Annotated[np.ndarray, Array()],
    d_fake: Annotated[np.ndarray, Array()],
) -> Result:
    """GAN losses: L_D = −(E[log D(x)] + E[log(1 − D(G(z)))]), L_G = E[log(1 − D(G(z)))] or −E[log D(G(z))].

    d_real are D's probabilities on real data x, d_fake on generated data G(z); each mean is over its own
    entries (the two may differ in number). As torch.nn.BCELoss computes them, with each log clamped at −100:
    d_loss = BCE(d_real, 1) + BCE(d_fake, 0); g_loss_minimax = −BCE(d_fake, 0), the generator's side of
    min_G max_D V(D, G), which saturates (its gradient vanishes) when D confidently rejects the fakes early in
    training; g_loss_nonsaturating = BCE(d_fake, 1), the −log D(G(z)) the original paper trains G with instead.
    The step value is V(D, G) = −d_loss.
    """
    _probabilities("d_real", d_real)
    _probabilities("d_fake", d_fake)
    log_d_real = _clamped_log(d_real)
    log_one_minus_d_fake = _clamped_log1m(d_fake)
    log_d_fake = _clamped_log(d_fake)
    value = float(np.mean(log_d_real)) + float(np.mean(log_one_minus_d_fake))
    answer = {
        "d_loss": 0.0 - value,  # 0.0 − …: no −0.0 for a perfect discriminator
        "g_loss_minimax": float(np.mean(log_one_minus_d_fake)),
        "g_loss_nonsaturating": 0.0 - float(np.mean(log_d_fake)),
    }
    steps = {
        "log_d_real": log_d_real,
        "log_one_minus_d_fake": log_one_minus_d_fake,
        "log_d_fake": log_d_fake,
        "value": value,
        **answer,
    }
    return Result(answer, steps=steps)


GAN_OPTIMAL_D_LOOKUP = Lookup(
    keywords=(
        "gan",
        "最適な識別器",
        "最適識別器",
        "optimal discriminator",
        "jsd",
        "jensen-shannon",
        "ジェンセン・シャノン",
        "js divergence",
    ),
    example={"p_data": [0.1, 0.4, 0.5], "p_g": [0.3, 0.4, 0.3]},
    summary_ja=(
        "G を固定したときの最適な識別器 D*(x) = p_data(x) / (p_data(x) + p_g(x))。このとき価値関数は "
        "V(D*, G) = −log 4 + 2·JSD(p_data ‖ p_g)（自然対数）で、p_g = p_data のとき最小値 −log 4 をとる。"
    ),
)


@solver("gan-optimal-d", GAN_OPTIMAL_D_LOOKUP)
def gan_optimal_d(
    p_data: Annotated[np.ndarray, Array(ndim=1, shape="[K]")],
    p_g: Annotated[np.ndarray, Array(ndim=1, shape="[K]")],
) -> Result:
    """Optimal discriminator D*(x) = p_data(x) / (p_data(x) + p_g(x)); then V(D*, G) = −log 4 + 2·JSD(p_data ‖ p_g).

    Both are distributions over the same K outcomes (each sums to 1). The extra value is
    Σ p_data log D* + p_g log(1 − D*), computed from D* itself (0·log 0 = 0), and jsd the Jensen–Shannon
    divergence ½KL(p_data ‖ m) + ½KL(p_g ‖ m), m = (p_data + p_g)/2, in nats (scipy's jensenshannon(p, q)²).
    Goodfellow et al.'s theorem: the value is −log 4 exactly when p_g = p_data (D* = ½ everywhere), its minimum.
    Where both probabilities are 0, every D gives the same value; D* is reported as ½ there.
    """
    _same_shape("p_g", p_g, "p_data", p_data.shape)
    _distribution("p_data", p_data)
    _distribution("p_g", p_g)
    total = p_data + p_g
    seen = total > 0
    safe_total = np.where(seen, total, 1.0)
    d_star = np.where(seen, p_data / safe_total, 0.5)
    one_minus_d_star = np.where(seen, p_g / safe_total, 0.5)  # p_g/(p_data + p_g), not 1 − D*: no cancellation
    value = float(np.sum(_xlogy(p_data, d_star) + _xlogy(p_g, one_minus_d_star)))
    m = 0.5 * total
    safe_m = np.where(seen, m, 1.0)
    jsd = 0.5 * float(np.sum(_xlogy(p_data, p_data / safe_m) + _xlogy(p_g, p_g / safe_m)))
    steps = {
        "d_star": d_star,
        "one_minus_d_star": one_minus_d_star,
        "value": value,
        "m": m,
        "jsd": jsd,
        "minus_log_4_plus_2jsd": -math.log(4.0) + 2.0 * jsd,
    }
    return Result(d_star, extras={"value": value, "jsd": jsd}, steps=steps)


def _xlogy(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """x·log y with 0·log y = 0 (scipy.special.xlogy), without log(0) warnings."""
    positive = x > 0
    return np.where(positive, x * np.log(np.where(positive, y, 1.0)), 0.0)


# --- diffusion -------------------------------------------------------------------------------------------------

DIFFUSION_FORWARD_LOOKUP = Lookup(
    keywords=(
        "diffusion",
        "拡散モデル",
        "diffusion model",
        "ddpm",
        "拡散過程",
        "forward process",
        "ノイズスケジュール",
        "noise schedule",
        "alpha bar",
    ),
    example={"x0": [1.0, -0.5], "betas": [0.1, 0.2, 0.3], "t": 2, "noise": [0.5, -1.0]},
    summary_ja=(
        "DDPM の拡散過程を 1 回で計算する：x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε、ᾱ_t = Π_{s≤t} (1 − β_s)（累積積）"
        "。t は Ho et al. (2020) と同じく 1 から数える（diffusers の add_noise は 0 始まりの t − 1 を受け取り、"
        "同じ値になる）。"
    ),
)


@solver("diffusion-forward", DIFFUSION_FORWARD_LOOKUP)
def diffusion_forward(
    x0: Annotated[np.ndarray, Array()],
    betas: Annotated[np.ndarray, Array(ndim=1, shape="[T]")],
    t: Annotated[int, Int(min=1)],
    noise: Annotated[np.ndarray, Array()],
) -> Result:
    """DDPM forward process in one jump: x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε, with ᾱ_t = Π_{s≤t} (1 − β_s).

    t counts from 1 as in Ho et al. (x_1 is the first noisy step); diffusers' DDPMScheduler.add_noise takes
    the 0-based timestep t − 1 and computes the same numbers (torch.cumprod of 1 − β, then the square roots).
    Each β_s is in [0, 1]; noise ε has the shape of x_0. ᾱ_t falls towards 0, so x_t drifts from the data to
    pure noise: β = [0.1, 0.2, 0.3], t = 2 gives ᾱ = 0.9 × 0.8 = 0.72.
    """
    if betas.size == 0 or (betas < 0).any() or (betas > 1).any():
        raise SolverInputError(
            "betas",
            "a non-empty list of noise rates β in [0, 1]",
            betas.tolist(),
            ja="[0, 1] のノイズ率 β からなる空でないリスト",
        )
    if t > betas.size:
        raise SolverInputError(
            "t",
            f"a step from 1 to {betas.size} (the number of betas)",
            t,
            ja=f"1〜{betas.size}（betas の個数）のステップ",
        )
    _same_shape("noise", noise, "x0", x0.shape)
    alphas = 1.0 - betas
    alpha_bars = np.cumprod(alphas)
    alpha_bar = float(alpha_bars[t - 1])
    signal_rate, noise_rate = math.sqrt(alpha_bar), math.sqrt(1.0 - alpha_bar)
    with np.errstate(over="ignore"):
        x_t = signal_rate * x0 + noise_rate * noise
    if not np.isfinite(x_t).all():
        raise SolverInputError(
            "x0", "data and noise whose mixture is finite", OVERFLOW, ja="混ぜた結果が有限になるデータとノイズ"
        )
    steps = {
        "alphas": alphas,
        "alpha_bars": alpha_bars,
        "alpha_bar": alpha_bar,
        "sqrt_alpha_bar": signal_rate,
        "sqrt_one_minus_alpha_bar": noise_rate,
        "x_t": x_t,
    }
    return Result(x_t, extras={"alpha_bar": alpha_bar}, steps=steps)
