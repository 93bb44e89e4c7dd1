"""Regenerate information_scipy.json: scipy's answers for entropy, cross-entropy, kl-divergence, js-divergence.

Needs scipy, so it is not part of the test run; the tests read the JSON it writes. Run it from the repo root
with any Python that has scipy and numpy:

    python tests/solvers/golden/make_information.py

Every case is {"solver", "params", "answer"} or, where scipy's value is infinite or undefined (q = 0 where
p > 0, a negative entry, an all-zero distribution), {"solver", "params", "error": true}: the contract makes
those bad input. References:

- entropy:        scipy.stats.entropy(p, base=base)
- kl-divergence:  scipy.stats.entropy(p, q, base=base)
- cross-entropy:  −Σ scipy.special.xlogy(p, q) / ln(base) on p, q divided by their sums (scipy's rule), also
                  recorded as scipy's own entropy(p) + entropy(p, q) ("identity")
- js-divergence:  scipy.spatial.distance.jensenshannon(p, q, base=base) ** 2 (also recorded: "distance")
"""

from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import special
from scipy.spatial.distance import jensenshannon
from scipy.stats import entropy

OUT = Path(__file__).with_name("information_scipy.json")
rng = np.random.default_rng(20250107)
BASES = [None, 2, 10, math.e, 3.5, 1.5]  # the solvers take bases > 1


def distribution(k: int) -> list[float]:
    """A random distribution of k outcomes: Dirichlet weights, sometimes with zeros, sometimes as counts."""
    p = rng.dirichlet(np.full(k, rng.choice([0.2, 1.0, 5.0])))
    if k > 2 and rng.random() < 0.3:
        p[rng.choice(k, size=rng.integers(1, k), replace=False)] = 0.0
    if rng.random() < 0.25:
        return rng.integers(0, 20, size=k).astype(float).tolist()  # counts: scipy normalizes them
    return p.tolist()


def params(base, **arrays) -> dict:
    return {**arrays, **({} if base is None else {"base": base})}


def call(solver: str, p: list, q: list | None, base) -> dict:
    """One case: scipy's answer, or error where scipy's answer is not a finite number."""
    pa, qa = np.asarray(p, dtype=float), None if q is None else np.asarray(q, dtype=float)
    case = {"solver": solver, "params": params(base, p=p) if q is None else params(base, p=p, q=q)}
    extra = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 0/0 and sqrt of a negative rounding: recorded as errors below
        if solver == "entropy":
            answer = entropy(pa, base=base)
        elif solver == "kl-divergence":
            answer = entropy(pa, qa, base=base)
        elif solver == "cross-entropy":
            pn, qn = pa / pa.sum(), qa / qa.sum()
            answer = -np.sum(special.xlogy(pn, qn)) / math.log(base or math.e)
            extra["identity"] = float(entropy(pa, base=base) + entropy(pa, qa, base=base))
        else:
            distance = jensenshannon(pa, qa, base=base)
            answer = distance**2
            extra["distance"] = float(distance)
    bad = (pa < 0).any() or (qa is not None and (qa < 0).any())
    if bad or not np.isfinite(answer):
        return {**case, "error": True}
    return {**case, "answer": float(answer), **extra}


def cases() -> list[dict]:
    out = []
    # The worked examples of the solvers' docstrings and the course.
    out.append(call("entropy", [0.5, 0.25, 0.125, 0.125], None, 2))
    out.append(call("entropy", [1, 1], None, 2))
    out.append(call("entropy", [1.0], None, None))
    out.append(call("entropy", [0.0, 1.0, 0.0], None, None))
    out.append(call("entropy", [0.25] * 4, None, None))
    out.append(call("entropy", [1e-300, 1.0], None, None))
    out.append(call("entropy", [5e-324, 5e-324, 1e-320], None, 2))
    out.append(call("entropy", [1e300, 3e300], None, None))
    one_hot = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    dlfs = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0]
    out.append(call("cross-entropy", one_hot, dlfs, None))
    out.append(call("cross-entropy", [1, 0, 0], [0.7, 0.2, 0.1], 2))
    out.append(call("cross-entropy", [0.5, 0.5], [0.5, 0.5], 2))
    out.append(call("kl-divergence", [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], None))
    out.append(call("kl-divergence", [1 / 3, 1 / 3, 1 / 3], [0.36, 0.48, 0.16], None))
    out.append(call("kl-divergence", [0.5, 0.5], [0.9, 0.1], 2))
    out.append(call("kl-divergence", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], None))
    out.append(call("kl-divergence", [0.5, 0.5 + 1e-12], [0.5, 0.5], None))
    out.append(call("js-divergence", [0.5, 0.5, 0.0], [0.0, 0.5, 0.5], 2))
    out.append(call("js-divergence", [1.0, 0.0], [0.0, 1.0], None))
    out.append(call("js-divergence", [1.0, 0.0], [0.0, 1.0], 2))
    out.append(call("js-divergence", [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], 10))
    out.append(call("js-divergence", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5], None))
    # What the contract refuses and scipy answers with inf or nan.
    out.append(call("kl-divergence", [0.5, 0.5], [1.0, 0.0], None))
    out.append(call("cross-entropy", [0.5, 0.5], [1.0, 0.0], None))
    out.append(call("entropy", [0.0, 0.0], None, None))
    out.append(call("entropy", [0.5, -0.1, 0.6], None, None))
    out.append(call("js-divergence", [0.0, 0.0], [0.5, 0.5], None))
    # Random distributions of 1 to 60 outcomes, every base.
    for solver, count in (("entropy", 16), ("cross-entropy", 16), ("kl-divergence", 16), ("js-divergence", 16)):
        for _ in range(count):
            k = int(rng.choice([2, 3, 5, 10, 60]))
            base = BASES[int(rng.integers(len(BASES)))]
            p = distribution(k)
            if solver == "entropy":
                out.append(call(solver, p, None, base))
                continue
            q = distribution(k)
            if solver != "js-divergence" and rng.random() < 0.7:
                q = (np.asarray(q) + 0.05).tolist()  # mostly q > 0 everywhere, so KL and cross-entropy exist
            out.append(call(solver, p, q, base))
    return out


def main() -> None:
    document = {
        "meta": {
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "dtype": "float64",
            "generator": "tests/solvers/golden/make_information.py",
        },
        "cases": cases(),
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(document['cases'])} cases")


if __name__ == "__main__":
    main()
