"""Regenerate the explanations shown in README.md from the real `quiz explain` output.

Each block between `<!-- explain: ARGS -->` and `<!-- /explain -->` is replaced by what `quiz explain ARGS`
prints at 100 columns without colour. `--check` only reports whether README.md is up to date (a test runs it).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- explain: (.+?) -->\n)(.*?)(<!-- /explain -->)", re.S)


def explanation(args: str) -> str:
    from quizcli.cli import cli

    result = CliRunner().invoke(
        cli, ["explain", *shlex.split(args)], env={"COLUMNS": "100", "NO_COLOR": "1"}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return f"```\n$ quiz explain {args}\n{result.stdout.rstrip()}\n```\n"


def regenerate(text: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + explanation(m.group(2)) + m.group(4), text)


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = regenerate(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md explanations are stale: run `uv run python scripts/readme_explanations.py`")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
