"""Broken and hostile banks: each file under tests/banks/broken says, on its first line, what validate must report."""

from pathlib import Path

import pytest

from quizcli.bank.catalog import BankError, load_bank, load_catalog
from tests.conftest import quiz_process

BROKEN = sorted((Path(__file__).parent / "banks" / "broken").glob("*.yaml"))
MARKER = "PWNED"  # what the escapes in tests/banks/broken/ try to create, in the working directory


def expected_message(path: Path) -> str:
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    assert first_line.startswith("# expect: "), path
    return first_line.removeprefix("# expect: ")


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_validate_rejects_with_a_precise_message(path, tmp_path):
    result = quiz_process("validate", str(path), cwd=tmp_path)
    assert result.returncode == 1
    for fragment in expected_message(path).split(" … "):
        assert fragment in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / MARKER).exists(), "content ran code"


def test_duplicate_ids_across_files_name_both():
    folder = Path(__file__).parent / "banks" / "dup"
    result = quiz_process("validate", str(folder))
    assert result.returncode == 1
    assert "shared-id: id: id is already used at" in result.stderr
    assert "a.yaml" in result.stderr and "b.yaml" in result.stderr


def test_load_catalog_refuses_duplicate_ids():
    with pytest.raises(BankError, match="shared-id"):
        load_catalog([Path(__file__).parent / "banks" / "dup"])


def test_validate_lists_every_problem(tmp_path):
    for path in BROKEN[:3]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    result = quiz_process("validate", str(tmp_path))
    assert result.returncode == 1
    assert "3 problem(s) in 3 bank file(s)" in result.stderr


def test_missing_path_is_an_error():
    result = quiz_process("validate", "/nonexistent/bank.yaml")
    assert result.returncode == 1
    assert "/nonexistent/bank.yaml: no such file or directory" in result.stderr


def test_questions_keep_their_line(tmp_path):
    bank = tmp_path / "b.yaml"
    bank.write_text((Path(__file__).parent / "banks" / "dup" / "a.yaml").read_text())
    (question,) = load_bank(bank)
    assert question.line == 3 and question.where == f"{bank}:3"


def test_oversized_bank_is_refused_without_parsing(tmp_path):
    bank = tmp_path / "big.yaml"
    bank.write_bytes(b"format_version: 1\n" + b"#" * (6 * 1024 * 1024))
    result = quiz_process("validate", str(bank))
    assert result.returncode == 1 and "a bank may be at most 5 MB" in result.stderr
