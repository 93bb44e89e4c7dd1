"""Time `quiz lab rnn-binary-addition` at its defaults (10,000 sequences) against a forward-only baseline.

Budget (issue 7): the default run finishes in under 5 s on this 2-core machine.

Baseline: 10,000 forward passes of the same network over the same sequences, without backward pass or update,
timed in the same run. It is the sequential work no implementation can skip (8 dependent steps per sequence),
so the ratio says what training adds on top: BPTT and the update cost about as much as the forward pass
again, so a ratio near 2–3 means no per-element Python loops hide in there.

Run: `uv run python bench/bench_lab.py`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from common import PYTHON, interleaved, report, wall  # noqa: E402

from quizcli.labs import binary_addition as ba  # noqa: E402

CLI = (
    "from quizcli.commands.lab import lab; "
    "lab.main(['rnn-binary-addition', '--json'], prog_name='quiz lab', standalone_mode=False)"
)


def train_default() -> float:
    started = time.perf_counter()
    ba.train(ba.make_config())
    return time.perf_counter() - started


def forward_only() -> float:
    config = ba.make_config()
    rng = np.random.default_rng(config.seed)
    params = ba.init_params(config, rng)
    inputs, _ = ba.encode(rng.integers(0, ba.HALF, size=(config.iters, 2)))
    started = time.perf_counter()
    for x in inputs:
        ba.forward(params, x, config.activation)
    return time.perf_counter() - started


def main() -> None:
    medians = interleaved({"train": train_default, "forward": forward_only}, runs=3)
    print(
        report(
            "default rnn-binary-addition training (10,000 sequences)",
            medians["train"],
            medians["forward"],
            "10,000 forward passes",
            "< 5 s",
            medians["train"] < 5.0,
        )
    )
    cli = interleaved(
        {"cli": lambda: wall([PYTHON, "-c", CLI]), "numpy": lambda: wall([PYTHON, "-c", "import numpy"])}, runs=3
    )
    print(
        report(
            "the whole command, start-up and --json included",
            cli["cli"],
            cli["numpy"],
            "import numpy",
            "< 5 s",
            cli["cli"] < 5.0,
        )
    )


if __name__ == "__main__":
    main()
