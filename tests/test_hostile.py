"""Hostile and broken banks: each is refused with one clear line naming the file, in bounded memory, and nothing
in it runs.

The small ones are committed under tests/hostile/ (first line: ``# expect: fragment … fragment``); the big ones
(50 MB, 5,000-deep nesting, millions of values) are written at test time by bench/hostile_banks.py. Every bank
goes through `quiz validate` and `quiz start --mode drill` in-process (memory traced), and the expensive ones
through `quiz validate` in a real process as well (peak RSS). How long a refusal takes depends on the machine: it
is a budget of bench/bench_hostile.py, as a ratio to a baseline timed in the same run; here pytest-timeout only
catches a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from hostile_banks import BIG, GENERATED, write  # noqa: E402

HOSTILE = Path(__file__).parent / "hostile"
COMMITTED = sorted(HOSTILE.glob("*.yaml"))
TRACED_BYTES = 64 * 1024**2  # what one refusal may allocate, in-process
PROCESS_RSS = 128 * 1024**2  # a whole `quiz validate` process, interpreter and libraries (~40 MB) included
MARKER = "PWNED"  # every escape in tests/hostile/ tries to create ./PWNED


def expected(path: Path) -> list[str]:
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    if not first_line.startswith("# expect: "):
        return [f"{path.name}:1: not valid UTF-8"]  # utf16.yaml: its first line is not readable text
    return first_line.removeprefix("# expect: ").split(" … ")


def _traced(run: Callable[[], object]) -> tuple[object, int]:
    """Run in-process; (result, peak bytes traced)."""
    tracemalloc.start()
    try:
        result = run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return write(tmp_path_factory.mktemp("hostile-generated"), list(GENERATED))


def _cases():
    cases = [pytest.param(path, expected(path), id=path.stem) for path in COMMITTED]
    cases += [pytest.param(name, fragments, id=name) for name, (_, fragments) in GENERATED.items()]
    return cases


@pytest.fixture
def bank(request, generated, tmp_path, monkeypatch):
    """The bank's path (committed ones copied to a directory of their own), with the cwd in tmp_path.

    In-process, the shipped banks are left out (an empty QUIZ_CONTENT_DIR), so that the memory measured is the
    hostile bank's; the real-process test keeps them, as a learner's `quiz validate FILE` does."""
    monkeypatch.chdir(tmp_path)  # an escape that ran would leave ./PWNED here
    (tmp_path / "no-content").mkdir()
    monkeypatch.setenv("QUIZ_CONTENT_DIR", str(tmp_path / "no-content"))
    source = request.param
    if isinstance(source, str):
        return generated[source]
    copy = tmp_path / "bank" / source.name
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    return copy


def _assert_one_clear_error(stderr: str, path: Path, fragments: list[str]) -> None:
    assert str(path) in stderr
    for fragment in fragments:
        assert fragment in stderr, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert max(len(line) for line in stderr.splitlines()) < 500  # a message, not a dump of the file


@pytest.mark.parametrize("bank, fragments", _cases(), indirect=["bank"])
def test_validate_refuses_it(bank, fragments, run_quiz):
    result, peak = _traced(lambda: run_quiz("validate", str(bank)))
    assert result.exit_code == 1
    _assert_one_clear_error(result.stderr, bank, fragments)
    assert peak < TRACED_BYTES, f"{peak / 1024**2:.0f} MB"
    assert not Path(MARKER).exists(), "content ran code"


@pytest.mark.parametrize("bank, fragments", _cases(), indirect=["bank"])
def test_start_refuses_or_skips_it(bank, fragments, run_quiz, monkeypatch):
    """A session on the bank alone: a load error stops it (exit 1, the file named); a question whose code is
    refused is skipped with a message naming the file. Either way nothing runs."""
    monkeypatch.setenv("QUIZ_CONTENT_DIR", str(bank.parent))
    monkeypatch.setenv("QUIZ_LANG", "en")
    monkeypatch.setenv("COLUMNS", "1000")  # no wrapping inside the file name
    result, peak = _traced(lambda: run_quiz("start", "--mode", "drill", input="1\n1\n1\n"))
    if result.exit_code == 0:
        assert "Skipping a question that cannot be built" in result.stdout
        _assert_one_clear_error(result.stdout, bank, [fragments[0]])
    else:
        assert result.exit_code == 1
        _assert_one_clear_error(result.stderr, bank, [fragments[0]])
    assert peak < TRACED_BYTES, f"{peak / 1024**2:.0f} MB"
    assert not Path(MARKER).exists(), "content ran code"


@pytest.mark.parametrize(
    "bank, fragments",
    [pytest.param(name, GENERATED[name][1], id=name) for name in BIG]
    + [pytest.param(HOSTILE / "setup-bomb.yaml", expected(HOSTILE / "setup-bomb.yaml"), id="setup-bomb")],
    indirect=["bank"],
)
def test_a_real_process_stays_within_memory(bank, fragments, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "QUIZ_CONTENT_DIR")}
    peak_file = tmp_path / "peak-kb"
    result = subprocess.run(
        [sys.executable, "-c", PEAK_REPORTING_QUIZ, str(peak_file), "validate", str(bank)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    _assert_one_clear_error(result.stderr, bank, fragments)
    peak = int(peak_file.read_text()) * 1024
    assert peak < PROCESS_RSS, f"{peak / 1024**2:.0f} MB"
    assert not Path(MARKER).exists()


# `quiz ARGS…` that writes its peak resident memory (VmHWM, of this program only) to the file in argv[1] at exit.
# ru_maxrss will not do: a forked child's counts the parent's memory before exec, here all of pytest's.
PEAK_REPORTING_QUIZ = """
import atexit, sys
peak_file = sys.argv.pop(1)

def report():
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(peak_file, "w") as out:
        out.write(peak)

atexit.register(report)
sys.argv[0] = "quiz"
from quizcli.cli import main
main()
"""
