"""`quiz validate` across processes: the same report as one process, progress per file, and a clean Ctrl-C."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizcli.validate import validate
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
    alone = validate([folder], draws=10)
    side_by_side = validate([folder], draws=10, jobs=2)
    assert side_by_side == alone
    assert any("id is already used at" in problem for problem in alone.problems)
    assert len(alone.problems) >= 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_hears_of_every_file(tmp_path, jobs):
    heard = []
    report = validate([_mixed_folder(tmp_path)], draws=5, jobs=jobs,
                      progress=lambda done, total: heard.append((done, total)))
    assert heard == [(done, report.files) for done in range(1, report.files + 1)]


def test_ctrl_c_stops_every_process_quietly(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import synthetic

    synthetic.write_bank(tmp_path / "bank")
    env = {**os.environ, "QUIZ_CONTENT_DIR": str(tmp_path / "bank")}
    # A session of its own, like a terminal's foreground job: Ctrl-C reaches the whole group.
    process = subprocess.Popen([sys.executable, "-m", "quizcli", "validate", "--jobs", "2"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.5)  # the workers are busy by now: a whole run takes several seconds
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130
    assert stderr.strip().splitlines() == ["interrupted"]
    deadline = time.monotonic() + 5
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
