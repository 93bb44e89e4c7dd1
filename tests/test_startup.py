"""Start-up is part of the product: the light commands must not pay for numpy or the solvers."""

import os
import subprocess
import sys

import pytest

# `quiz --help` imports every command module, so this also holds each of them to importing only click.
HEAVY = (
    "numpy",
    "solvers",
    "jsonschema",
    "fastjsonschema",
    "pylatexenc",
    "fsrs",
    "genanki",
    "yaml",
    "rich",
    "plotext",
    "budoux",
    "quizcli.labs",
)

PROBE = """
import sys
from quizcli.cli import cli
try:
    cli.main({args!r}, prog_name="quiz", standalone_mode=False)
except SystemExit:
    pass
print("HEAVY:" + " ".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


@pytest.mark.parametrize("args", [["--help"], ["list"], ["list", "--json"]])
def test_light_commands_import_nothing_heavy(args):
    code = PROBE.format(args=args, heavy=HEAVY if args == ["--help"] else ("numpy", "solvers"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "HEAVY:", result.stdout


def test_a_warm_launch_plans_from_the_cache_index(tmp_path):
    """The first `quiz list` reads the banks through the schema and fills the cache; the next one reads only the
    cache's index: it never loads the schema validators."""
    code = PROBE.format(args=["list"], heavy=("fastjsonschema", "jsonschema"))
    env = {**os.environ, "QUIZ_HOME": str(tmp_path)}
    cold, warm = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
        for _ in range(2)
    )
    assert cold.stdout.splitlines()[-1] == "HEAVY:fastjsonschema"
    assert warm.stdout.splitlines()[-1] == "HEAVY:", warm.stdout


def test_japanese_help_loads_only_the_typesetter():
    """Japanese help is broken by quizcli.typeset (BudouX and Rich's cell widths), and by nothing heavier."""
    code = PROBE.format(
        args=["--help"], heavy=tuple(m for m in HEAVY if m not in ("rich", "budoux")) + ("rich.console",)
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, "QUIZ_LANG": "ja"}
    )
    assert result.stdout.splitlines()[-1] == "HEAVY:", result.stdout
    assert "使い方: quiz" in result.stdout
