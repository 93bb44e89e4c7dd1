"""Every registered solver is documented, reachable from `quiz solve`, and named by at least one test."""

import re
from pathlib import Path

import pytest

import solvers
from solvers.registry import SOLVERS

TESTS = Path(__file__).resolve().parent
CONTRACT = TESTS.parent.parent / "shared" / "solver-contract.md"


@pytest.mark.parametrize("name", sorted(SOLVERS))
def test_solver_has_a_docstring_with_summary(name):
    assert SOLVERS[name].summary, f"{name} has no docstring"


def test_every_solver_is_named_in_a_test():
    text = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py") if p.name != "test_registry.py")
    untested = [name for name in SOLVERS if f'"{name}"' not in text and f"'{name}'" not in text]
    assert untested == []


def test_registering_a_name_twice_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        solvers.registry.solver("conv-output")(lambda: None)


def test_every_contract_row_is_registered():
    if not CONTRACT.exists():
        pytest.skip("shared/solver-contract.md is not beside the project")
    rows = [
        line.split("|")[1].strip()
        for line in CONTRACT.read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| solver") and not line.startswith("|---")
    ]
    assert rows and [row for row in rows if row not in SOLVERS] == []


def test_solvers_import_nothing_from_quizcli():
    for module in (TESTS.parent / "solvers").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+quizcli", module.read_text(encoding="utf-8"), re.M), module.name
