"""Regenerate generative_*.json: PyTorch's and SciPy's answers for the generative solvers' contract rows.

Needs torch and scipy, so it is not part of the test run; tests/solvers/test_generative.py reads the JSON it
writes. Run it from the repo root with any Python that has torch, scipy and numpy (a CPU wheel is enough):

    python tests/solvers/golden/make_generative.py

Seeded: it draws the same cases every time; only the libraries' answers and recorded versions can change.
It imports nothing from the project, so the numbers are the libraries' own:

- vae-kl: torch.distributions.kl_divergence(Normal(μ, exp(½ logvar)), Normal(0, 1)).sum(), and z = μ + σ·ε.
- gan-loss: torch.nn.functional.binary_cross_entropy (BCELoss, mean), real against 1 and fake against 0 / 1.
- gan-optimal-d: D* = p/(p + q) by torch, scipy.spatial.distance.jensenshannon(p, q)² for jsd, and
  scipy.special.xlogy for the value Σ p log D* + q log(1 − D*).
- diffusion-forward: diffusers' DDPMScheduler.add_noise written out in torch (cumprod of 1 − β, then
  ᾱ**0.5 x0 + (1 − ᾱ)**0.5 ε), at the 0-based timestep t − 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import torch
import torch.nn.functional as F
from scipy.spatial.distance import jensenshannon
from scipy.special import xlogy
from torch.distributions import Normal, kl_divergence

HERE = Path(__file__).resolve().parent
rng = np.random.default_rng(20250715)


def _t(value: Any) -> torch.Tensor:
    return torch.tensor(value, dtype=torch.float64)


def _shape() -> tuple[int, ...]:
    return [(), (int(rng.integers(1, 6)),), (int(rng.integers(1, 4)), int(rng.integers(1, 5)))][int(rng.integers(3))]


def _write(name: str, solver: str, cases: list[dict[str, Any]]) -> None:
    versions = {"torch": torch.__version__, "scipy": scipy.__version__, "numpy": np.__version__}
    header = json.dumps({"solver": solver, **versions})[:-1]
    body = ",\n".join(json.dumps(case) for case in cases)  # one case a line: diffs stay readable
    (HERE / name).write_text(f'{header}, "cases": [\n{body}\n]}}\n', encoding="utf-8")


# --- vae-kl ---------------------------------------------------------------------------------------------------


def vae_kl_case(mu: Any, logvar: Any, eps: Any = None) -> dict[str, Any]:
    m, lv = _t(mu), _t(logvar)
    std = torch.exp(0.5 * lv)
    kl = kl_divergence(Normal(m, std), Normal(torch.zeros_like(m), torch.ones_like(m))).sum()
    params: dict[str, Any] = {"mu": mu, "logvar": logvar}
    case: dict[str, Any] = {"params": params, "answer": kl.item()}
    if eps is not None:
        params["eps"] = eps
        case["z"] = (m + std * _t(eps)).tolist()
    return case


def vae_kl_cases() -> list[dict[str, Any]]:
    cases = [
        vae_kl_case([0.0, 0.0], [0.0, 0.0]),
        vae_kl_case([1.0, 0.0], [0.0, 1.0], [0.5, -1.0]),
        vae_kl_case(0.7, -0.3, 1.2),
        vae_kl_case([1e-8, -2e-9], [1e-8, -3e-7]),  # nearly N(0, 1): the KL is tiny
        vae_kl_case([3.0, -4.0], [20.0, -20.0], [0.1, 0.2]),
        vae_kl_case([[0.5, -0.5], [2.0, 0.0]], [[-50.0, 5.0], [0.0, 700.0]]),
        vae_kl_case([], []),
    ]
    for _ in range(25):
        shape = _shape()
        mu = (rng.standard_normal(shape) * rng.choice([0.1, 1.0, 10.0])).tolist()
        logvar = rng.uniform(-10, 10, shape).tolist()
        eps = rng.standard_normal(shape).tolist() if rng.random() < 0.6 else None
        cases.append(vae_kl_case(mu, logvar, eps))
    return cases


# --- gan-loss -------------------------------------------------------------------------------------------------


def gan_loss_case(d_real: Any, d_fake: Any) -> dict[str, Any]:
    real, fake = _t(d_real), _t(d_fake)
    real_loss = F.binary_cross_entropy(real, torch.ones_like(real))
    fake_loss = F.binary_cross_entropy(fake, torch.zeros_like(fake))
    answer = {
        "d_loss": (real_loss + fake_loss).item(),
        "g_loss_minimax": (-fake_loss).item(),
        "g_loss_nonsaturating": F.binary_cross_entropy(fake, torch.ones_like(fake)).item(),
    }
    return {"params": {"d_real": d_real, "d_fake": d_fake}, "answer": answer}


def gan_loss_cases() -> list[dict[str, Any]]:
    cases = [
        gan_loss_case([0.9, 0.8], [0.1, 0.3]),
        gan_loss_case(0.5, 0.5),
        gan_loss_case([1.0, 1.0], [0.0, 0.0]),  # a perfect discriminator: every loss term is 0 but one
        gan_loss_case([0.0, 0.5], [1.0, 0.5]),  # log 0: BCELoss clamps it at −100
        gan_loss_case([1e-50, 1e-17], [1e-17, 1 - 1e-16]),  # log1p(−x), not log(1 − x), for the fakes
        gan_loss_case([0.99, 0.7, 0.6], [0.2]),
        gan_loss_case([[0.6, 0.7], [0.8, 0.9]], [[0.4, 0.3], [0.2, 0.1]]),
    ]
    for _ in range(25):
        d_real = rng.uniform(0, 1, _shape()).tolist()
        d_fake = rng.uniform(0, 1, _shape()).tolist()
        cases.append(gan_loss_case(d_real, d_fake))
    return cases


# --- gan-optimal-d --------------------------------------------------------------------------------------------


def gan_optimal_d_case(p_data: list[float], p_g: list[float]) -> dict[str, Any]:
    p, q = _t(p_data), _t(p_g)
    total = p + q
    d_star = torch.where(total > 0, p / torch.where(total > 0, total, 1.0), 0.5)
    p_np, q_np, d_np = np.array(p_data), np.array(p_g), d_star.numpy()
    value = float(np.sum(xlogy(p_np, np.where(p_np > 0, d_np, 1.0)) + xlogy(q_np, np.where(q_np > 0, 1 - d_np, 1.0))))
    jsd = float(jensenshannon(p_np, q_np) ** 2)
    return {"params": {"p_data": p_data, "p_g": p_g}, "answer": d_star.tolist(), "value": value, "jsd": jsd}


def _distribution(k: int, zeros: bool) -> list[float]:
    p = rng.dirichlet(np.full(k, 0.7))
    if zeros:
        p[rng.random(k) < 0.3] = 0.0
        if p.sum() == 0:
            p[0] = 1.0
    return (p / p.sum()).tolist()


def gan_optimal_d_cases() -> list[dict[str, Any]]:
    cases = [
        gan_optimal_d_case([0.1, 0.4, 0.5], [0.3, 0.4, 0.3]),
        gan_optimal_d_case([0.5, 0.5], [0.5, 0.5]),  # p_g = p_data: D* = ½, value −log 4
        gan_optimal_d_case([1.0, 0.0], [0.0, 1.0]),  # disjoint supports: jsd = log 2, value 0
        gan_optimal_d_case([0.5, 0.5, 0.0], [0.25, 0.75, 0.0]),  # an outcome neither has
        gan_optimal_d_case([1.0], [1.0]),
    ]
    for _ in range(25):
        k = int(rng.integers(2, 9))
        cases.append(gan_optimal_d_case(_distribution(k, rng.random() < 0.4), _distribution(k, rng.random() < 0.4)))
    return cases


# --- diffusion-forward ----------------------------------------------------------------------------------------


def diffusion_case(x0: Any, betas: list[float], t: int, noise: Any) -> dict[str, Any]:
    alphas_cumprod = torch.cumprod(1.0 - _t(betas), dim=0)
    alpha_bar = alphas_cumprod[t - 1]  # diffusers' timestep t − 1
    x_t = alpha_bar**0.5 * _t(x0) + (1 - alpha_bar) ** 0.5 * _t(noise)
    params = {"x0": x0, "betas": betas, "t": t, "noise": noise}
    return {"params": params, "answer": x_t.tolist(), "alpha_bar": alpha_bar.item()}


def diffusion_forward_cases() -> list[dict[str, Any]]:
    ddpm = torch.linspace(1e-4, 0.02, 1000, dtype=torch.float64).tolist()  # Ho et al.'s linear schedule
    cases = [
        diffusion_case([1.0, -0.5], [0.1, 0.2, 0.3], 2, [0.5, -1.0]),
        diffusion_case(2.0, [0.5], 1, -1.0),
        diffusion_case([0.3, -0.7, 1.0], ddpm, 1, [0.1, 0.2, -0.3]),
        diffusion_case([[0.3, -0.7], [1.0, 0.0]], ddpm, 1000, [[0.1, 0.2], [-0.3, 1.5]]),
        diffusion_case([1.0, 2.0], [0.0, 0.0], 2, [3.0, 4.0]),  # β = 0: nothing changes
        diffusion_case([1.0, 2.0], [0.2, 1.0, 0.1], 3, [3.0, 4.0]),  # β = 1: pure noise from there on
    ]
    for _ in range(20):
        steps = int(rng.integers(1, 60))
        betas = rng.uniform(0, rng.choice([0.05, 0.5, 1.0]), steps).tolist()
        shape = _shape()
        x0 = (rng.standard_normal(shape) * 2).tolist()
        noise = rng.standard_normal(shape).tolist()
        cases.append(diffusion_case(x0, betas, int(rng.integers(1, steps + 1)), noise))
    return cases


if __name__ == "__main__":
    _write("generative_vae_kl.json", "vae-kl", vae_kl_cases())
    _write("generative_gan_loss.json", "gan-loss", gan_loss_cases())
    _write("generative_gan_optimal_d.json", "gan-optimal-d", gan_optimal_d_cases())
    _write("generative_diffusion_forward.json", "diffusion-forward", diffusion_forward_cases())
