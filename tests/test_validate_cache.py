"""`quiz validate` remembers what it found in each file, by content and by the code that checked it: a second run
reports exactly what the first did without checking unchanged files again, and --no-cache checks them all."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quizcli.bank import validate as validation
from quizcli.bank.validate import validate
from tests.conftest import ROOT, quiz_process

BANKS = Path(__file__).parent / "banks"


@pytest.fixture
def mixed(tmp_path):
    """Good banks, broken ones (a wrong key, too few draws, an unknown solver, two keys) and an id shared by two
    files, in one folder."""
    folder = tmp_path / "mixed"
    shutil.copytree(BANKS / "dup", folder)
    for name in ("wrong-key.yaml", "too-few-draws.yaml", "unknown-solver.yaml", "two-keys.yaml"):
        shutil.copy(BANKS / "broken" / name, folder / name)
    shutil.copy(ROOT / "content" / "day2" / "cnn-drills.yaml", folder / "cnn-drills.yaml")
    return folder


@pytest.fixture
def checked(monkeypatch):
    """The names of the files actually checked (not taken from the cache), in order."""
    names: list[str] = []
    real = validation.check_file

    def spy(path, draws=validation.DRAWS):
        names.append(Path(path).name)
        return real(path, draws)

    monkeypatch.setattr(validation, "check_file", spy)
    return names


def test_a_second_run_reports_the_same_without_checking_again(mixed, checked):
    first = validate([mixed], draws=5)
    assert len(checked) == len(list(mixed.glob("*.yaml"))) and len(first.problems) >= 5
    checked.clear()
    second = validate([mixed], draws=5)
    assert checked == []
    assert second == first  # problems in the same words and order, the same key-length statistics


def test_an_edited_file_alone_is_checked_again(mixed, checked):
    validate([mixed], draws=5)
    with (mixed / "wrong-key.yaml").open("a", encoding="utf-8") as bank:
        bank.write("# an edit\n")
    checked.clear()
    report = validate([mixed], draws=5)
    assert checked == ["wrong-key.yaml"]
    assert report == validate([mixed], draws=5, use_cache=False)


def test_a_touch_without_a_change_is_not_checked_again(mixed, checked):
    validate([mixed], draws=5)
    status = (mixed / "cnn-drills.yaml").stat()
    os.utime(mixed / "cnn-drills.yaml", ns=(status.st_atime_ns, status.st_mtime_ns + 10_000_000_000))
    checked.clear()
    validate([mixed], draws=5)
    assert checked == []  # keyed by content, never by modification time


def test_a_change_of_content_with_the_same_size_and_time_is_checked_again(mixed, checked):
    bank = mixed / "a.yaml"
    validate([mixed], draws=5)
    status = bank.stat()
    bank.write_bytes(bank.read_bytes().replace(b"shared-id", b"shared-ix"))
    os.utime(bank, ns=(status.st_atime_ns, status.st_mtime_ns))
    checked.clear()
    report = validate([mixed], draws=5)
    assert checked == ["a.yaml"]
    assert not any("shared-id: id: id is already used" in problem for problem in report.problems)


def test_new_checking_code_checks_every_file_again(mixed, checked, monkeypatch):
    first = validate([mixed], draws=5)
    monkeypatch.setattr(validation, "code_version", lambda: "another version")
    checked.clear()
    assert validate([mixed], draws=5) == first
    assert len(checked) == len(list(mixed.glob("*.yaml")))


def test_the_code_version_covers_the_bank_code_the_solvers_and_the_syllabus():
    sources = {(path.parent.name, path.name) for path in validation.code_sources()}
    for source in [
        ("bank", "validate.py"),
        ("bank", "fairness.py"),
        ("bank", "schema.json"),
        ("bank", "variants.py"),
        ("bank", "safe_eval.py"),
        ("solvers", "registry.py"),
        ("solvers", "cnn.py"),
        ("quizcli", "formats.py"),
        ("content", "syllabus.yaml"),
    ]:
        assert source in sources
    assert all(path.is_file() for path in validation.code_sources())


def test_another_number_of_draws_is_checked_again(mixed, checked):
    validate([mixed], draws=5)
    checked.clear()
    validate([mixed], draws=6)
    assert len(checked) == len(list(mixed.glob("*.yaml")))


def test_no_cache_checks_every_file_and_refreshes_the_cache(mixed, checked):
    first = validate([mixed], draws=5)
    checked.clear()
    assert validate([mixed], draws=5, use_cache=False) == first
    assert len(checked) == len(list(mixed.glob("*.yaml")))


@pytest.mark.parametrize("damage", [b"", b"{", b"[]", b'{"key": {}, "check": {}}', b"\xff\xfe"])
def test_a_torn_or_foreign_entry_is_checked_again(damage, mixed, checked, isolated_home):
    first = validate([mixed], draws=5)
    for entry in (isolated_home / "cache" / "validate").glob("*.json"):
        entry.write_bytes(damage)
    checked.clear()
    assert validate([mixed], draws=5) == first
    assert len(checked) == len(list(mixed.glob("*.yaml")))


def test_a_data_directory_that_cannot_be_written_costs_only_speed(mixed, checked, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUIZ_HOME", str(blocker / "home"))
    first = validate([mixed], draws=5)
    assert validate([mixed], draws=5) == first
    assert len(checked) == 2 * len(list(mixed.glob("*.yaml")))


def test_progress_hears_of_cached_files_too(mixed):
    validate([mixed], draws=5)
    heard = []
    report = validate([mixed], draws=5, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(done, report.files) for done in range(1, report.files + 1)]


def test_the_command_reports_the_same_twice_and_no_cache_too(mixed, tmp_path):
    env = {"QUIZ_HOME": str(tmp_path / "home")}
    runs = [quiz_process("validate", "--jobs", "2", str(mixed), env=env) for _ in range(2)]
    runs.append(quiz_process("validate", "--no-cache", "--jobs", "1", str(mixed), env=env))
    for run in runs:
        assert (run.returncode, run.stdout, run.stderr) == (runs[0].returncode, runs[0].stdout, runs[0].stderr)
    assert runs[0].returncode == 1 and "id is already used at" in runs[0].stderr
    assert len(list((tmp_path / "home" / "cache" / "validate").glob("*.json"))) == len(list(mixed.glob("*.yaml")))
