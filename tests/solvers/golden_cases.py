"""Reading the torch-computed fixtures in tests/solvers/golden, shared by the solver tests."""

import json
import math
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def torch_cases(file: str) -> list:
    cases = json.loads((GOLDEN / file).read_text(encoding="utf-8"))["cases"]
    return [pytest.param(case["params"], case["answer"], id=str(i)) for i, case in enumerate(cases)]


def sigmoid(u: float) -> float:
    return 1.0 / (1.0 + math.exp(-u))
