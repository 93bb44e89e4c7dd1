"""`quiz validate` across processes: the same report as one process, progress per file, and a clean Ctrl-C."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizcli.bank.validate import validate
from tests.conftest import ROOT, quiz_process

BANKS = Path(__file__).parent / "banks"


def _mixed_folder(tmp_path: Path) -> Path:
    """Good banks, broken ones and an id shared by two files, in one folder."""
    folder = tmp_path / "mixed"
    shutil.copytree(BANKS / "dup", folder)
    for name in ("wrong-key.yaml", "too-few-draws.yaml", "unknown-solver.yaml", "two-keys.yaml"):
        shutil.copy(BANKS / "broken" / name, folder / name)
    for bank in sorted((ROOT / "content" / "day2").glob("*.yaml")):
        shutil.copy(bank, folder / bank.name)
    return folder


def test_processes_report_what_one_process_reports(tmp_path):
    folder = _mixed_folder(tmp_path)
    alone = validate([folder], draws=10, use_cache=False)  # both checked in full, not the second from the cache
    side_by_side = validate([folder], draws=10, jobs=2, use_cache=False)
    assert side_by_side == alone
    assert any("id is already used at" in problem for problem in alone.problems)
    assert len(alone.problems) >= 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_hears_of_every_file(tmp_path, jobs):
    heard = []
    report = validate(
        [_mixed_folder(tmp_path)], draws=5, jobs=jobs, progress=lambda done, total: heard.append((done, total))
    )
    assert heard == [(done, report.files) for done in range(1, report.files + 1)]


NEEDS_PROC = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")


@pytest.fixture
def busy_validate(tmp_path):
    """`quiz validate --jobs 2` on the 5,000-question synthetic bank (a run of several seconds), and its two
    workers, once both have set themselves up. A run the test left behind is killed."""
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    folder = tmp_path / "bank"
    synthetic.write_bank(folder)
    # A session of its own, like a terminal's foreground job: Ctrl-C reaches the whole group.
    process = subprocess.Popen(
        [sys.executable, "-m", "quizcli", "validate", "--jobs", "2"],
        env={**os.environ, "QUIZ_CONTENT_DIR": str(folder)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    # Polled rather than slept on: how soon the workers get there depends on the machine.
    while process.poll() is None:
        workers = _workers(process.pid)
        if len(workers) == 2 and all(_ignores_ctrl_c(worker) for worker in workers):
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"the run ended before its workers were ready: {process.communicate()}")
    yield process, workers
    if process.returncode is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def _workers(parent: int) -> list[int]:
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in command:
            workers.append(int(stat.parent.name))
    return workers


def _ignores_ctrl_c(pid: int) -> bool:
    """Whether the worker ignores SIGINT yet, as its initializer makes it (before that, Ctrl-C would give it a
    traceback of its own)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    ignored = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
    return bool(ignored >> (signal.SIGINT - 1) & 1)


@NEEDS_PROC
def test_ctrl_c_stops_every_process_quietly(busy_validate):
    process, _ = busy_validate
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate()
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["interrupted"]
    deadline = time.monotonic() + 30  # a generous wait for the kernel to reap them, not a speed limit
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break  # no process of the group is left
        time.sleep(0.1)
    else:
        raise AssertionError("a worker outlived the interrupted run")


def test_jobs_must_be_positive():
    result = quiz_process("validate", "--jobs", "0")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and "--jobs" in result.stderr


@NEEDS_PROC
def test_a_killed_worker_is_an_error_not_a_hang(busy_validate):
    process, workers = busy_validate
    os.kill(workers[0], signal.SIGKILL)
    _, stderr = process.communicate()
    assert process.returncode == 1
    assert stderr.strip().splitlines() == ["Error: a process checking the banks died (out of memory?); try --jobs 1"]


def test_a_terminal_sees_a_progress_bar_that_then_clears(tmp_path):
    import pexpect

    folder = _mixed_folder(tmp_path)
    files = len(list(folder.glob("*.yaml")))
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizcli", "validate", "--jobs", "2"],
        encoding="utf-8",
        env={**os.environ, "QUIZ_CONTENT_DIR": str(folder), "NO_COLOR": "1"},
        timeout=60,
        dimensions=(24, 100),
    )
    child.expect_exact("checking bank files")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1  # the mixed folder has problems, listed once the bar is gone
    assert f"{files}/{files}" in child.before
    last_bar = child.before.rindex("checking bank files")
    assert "\x1b[2K" in child.before[last_bar:]  # the transient bar erases its own line
    assert "id is already used at" in child.before[last_bar:]
