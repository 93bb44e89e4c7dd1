"""README.md stays true: its first block, its `quiz solve` examples and its explanations are checked."""

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_first_block_is_the_two_commands():
    first = re.search(r"```\n(.*?)```", README, re.S).group(1)
    assert first.split("\n")[:2] == ["uv run quiz start", "uv run pytest"] and first.count("\n") == 2


def test_solve_examples_print_what_the_readme_shows(run_quiz):
    examples = re.findall(r"^\$ quiz (solve .*--json)\n(.*)$", README, re.M)
    assert len(examples) >= 2
    for command, shown in examples:
        result = run_quiz(*shlex.split(command))
        assert json.loads(result.stdout) == json.loads(shown), command


def test_explanations_are_regenerated():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_explanations.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
