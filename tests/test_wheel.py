"""The built wheel carries the banks and works from any directory, with no checkout around."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.xdist_group("wheel")  # one worker builds the wheel once for both tests


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    if shutil.which("uv") is None:
        pytest.skip("uv is not installed")
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(work / "dist"), str(ROOT)], check=True, capture_output=True
    )
    (wheel,) = (work / "dist").glob("*.whl")
    venv = work / "venv"
    subprocess.run(["uv", "venv", "--quiet", str(venv)], check=True, capture_output=True)
    subprocess.run(
        ["uv", "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), str(wheel)],
        check=True,
        capture_output=True,
    )
    return wheel, venv / "bin" / "quiz", work


def test_wheel_contains_the_banks(installed):
    wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "quizcli/content/day2/cnn-review.yaml" in names
    assert "quizcli/bank/schema.json" in names
    assert any(name.startswith("solvers/") for name in names)


def test_installed_quiz_lists_and_validates_from_elsewhere(installed):
    _, quiz, work = installed
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "QUIZ_HOME": str(work / "home")}
    listing = subprocess.run([str(quiz), "list", "--json"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    assert "conv-output-size-review" in listing.stdout
    validation = subprocess.run([str(quiz), "validate"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert validation.returncode == 0, validation.stderr
    assert validation.stdout.splitlines()[-1].startswith("ok: ")
    assert (
        "site-packages"
        in subprocess.run(
            [
                str(quiz.parent / "python"),
                "-c",
                "from quizcli.bank.catalog import builtin_content_dir as d; print(d())",
            ],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
