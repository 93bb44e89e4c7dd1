"""Every registered solver is documented (docstring and a row of docs/solver-contract.md), named by at least one
test, and every contract row above contract v2 is registered. docs/solver-contract.md holds every row of the shared
contract when that file is beside the project."""

import re
from pathlib import Path

import pytest

import solvers
from solvers.registry import SOLVERS

TESTS = Path(__file__).resolve().parent
CONTRACT = TESTS.parent / "docs" / "solver-contract.md"  # the project's own copy of the contract
SHARED_CONTRACT = TESTS.parent.parent / "shared" / "solver-contract.md"  # upstream, beside the project if at all
V2_HEADING = "## Syllabus solvers (contract v2)"


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


def table_rows(text: str) -> list[str]:
    """The body rows of every Markdown table in ``text``, each line as written (header and rule lines left out)."""
    lines = text.splitlines()
    return [
        line
        for i, line in enumerate(lines)
        if line.startswith("| ")
        and not re.fullmatch(r"\|(-+\|)+", line)
        and not (i + 1 < len(lines) and re.fullmatch(r"\|(-+\|)+", lines[i + 1]))
    ]


def solver_names(text: str) -> list[str]:
    return [row.split("|")[1].strip() for row in table_rows(text)]


def test_the_contract_has_one_v2_heading():
    assert CONTRACT.read_text(encoding="utf-8").count(V2_HEADING) == 1


def test_every_row_of_the_shared_contract_is_in_the_projects_copy():
    if not SHARED_CONTRACT.exists():
        pytest.skip("shared/solver-contract.md is not beside the project")
    ours = set(table_rows(CONTRACT.read_text(encoding="utf-8")))
    shared = table_rows(SHARED_CONTRACT.read_text(encoding="utf-8"))
    assert shared and [row for row in shared if row not in ours] == []


def test_every_contract_row_above_v2_is_registered():
    above_v2 = solver_names(CONTRACT.read_text(encoding="utf-8").split(V2_HEADING)[0])
    assert above_v2 and [name for name in above_v2 if name not in SOLVERS] == []


def test_every_registered_solver_has_a_contract_row():
    documented = set(solver_names(CONTRACT.read_text(encoding="utf-8")))
    assert [name for name in sorted(SOLVERS) if name not in documented] == []


def test_solvers_import_nothing_from_quizcli():
    for module in (TESTS.parent / "solvers").glob("*.py"):
        assert not re.search(r"^\s*(from|import)\s+quizcli", module.read_text(encoding="utf-8"), re.M), module.name


def test_json_has_no_infinity():
    """roc-auc's first threshold is +inf, as sklearn's; JSON has no such number, so it is written as a string."""
    import json

    import numpy as np

    from solvers import jsonable

    data = jsonable({"t": np.array([np.inf, 0.5, -np.inf]), "x": np.float64("nan"), "y": 1.5})
    assert json.loads(json.dumps(data, allow_nan=False)) == {"t": ["inf", 0.5, "-inf"], "x": "nan", "y": 1.5}


@pytest.mark.parametrize("name", sorted(SOLVERS))
def test_every_solver_says_its_formula_in_japanese(name):
    """`quiz explain --lang ja` and `quiz solve` in Japanese show the Lookup's summary_ja as the formula."""
    summary = SOLVERS[name].lookup.summary_ja
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", summary), f"{name}: no Japanese summary_ja"
