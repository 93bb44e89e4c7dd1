"""Regenerate the transcripts in README.md and docs/*.md from what `quiz` really prints.

A transcript sits between an opening and a closing marker, each at the start of a line, and everything between
the two is replaced:

- ``<!-- explain: ARGS -->`` … ``<!-- /explain -->``: what ``quiz explain ARGS`` prints (it must exit 0);
- ``<!-- quiz: ARGS -->`` … ``<!-- /quiz -->``: what ``quiz ARGS`` prints, stdout and stderr; a non-zero exit
  code is shown as ``$ echo $?`` and its value. ``<!-- quiz: printf 'TEXT' | quiz ARGS -->`` pipes TEXT in
  (``\\n`` is a new line), as the shell would.

Each block shows its command as a reader types it (``uv run quiz …``). Commands run in-process, without colour,
72 columns wide in README.md (which must stay under 12,000 bytes) and 100 in docs/, in English unless they say
``--lang``, with the built-in banks only and a fresh data directory per file (the blocks of one file run in
order and share it). ``--check`` changes nothing and exits 1 naming the stale files (tests/test_readme.py).

    uv run python scripts/readme_explanations.py            # rewrite what is stale
    uv run python scripts/readme_explanations.py --check    # only report
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = {"README.md": 72}  # docs/ pages use DEFAULT_COLUMNS
DEFAULT_COLUMNS = 100
BLOCK = re.compile(r"^(<!-- (explain|quiz): ([^\n]+?) -->\n)(.*?)^(<!-- /\2 -->)", re.S | re.M)
PIPED = re.compile(r"printf '([^']*)' \| quiz (.+)")


def documents() -> list[Path]:
    """README.md and every page under docs/, in a fixed order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def transcript(kind: str, command: str, home: str, columns: int) -> str:
    """The fenced block for one marker: the command as a reader would type it, then what it printed."""
    from click.testing import CliRunner

    from quizcli.cli import cli

    if kind == "explain":
        command = f"explain {command}"
    piped = PIPED.fullmatch(command)
    env = {
        "COLUMNS": str(columns),
        "NO_COLOR": "1",
        "QUIZ_HOME": home,
        "QUIZ_LANG": "en",
        "QUIZ_CONTENT_DIR": None,
        "QUIZ_CONTENT_PATH": None,
        "QUIZ_DEBUG": None,
    }
    result = CliRunner().invoke(
        cli,
        shlex.split(piped.group(2) if piped else command),
        input=piped.group(1).replace("\\n", "\n") if piped else None,
        env=env,
        catch_exceptions=False,
    )
    if kind == "explain" and result.exit_code != 0:
        raise SystemExit(f"`quiz {command}` failed with exit code {result.exit_code}:\n{result.output}")
    shown = f"printf '{piped.group(1)}' | uv run quiz {piped.group(2)}" if piped else f"uv run quiz {command}"
    lines = [f"$ {shown}", *(line.rstrip() for line in result.output.rstrip().splitlines())]
    if result.exit_code != 0:
        lines += ["$ echo $?", str(result.exit_code)]
    return "```\n" + "\n".join(lines) + "\n```\n"


def regenerate(text: str, columns: int = DEFAULT_COLUMNS) -> str:
    with tempfile.TemporaryDirectory(prefix="quiz-docs-") as home:
        return BLOCK.sub(lambda m: m.group(1) + transcript(m.group(2), m.group(3), home, columns) + m.group(5), text)


def main() -> int:
    os.chdir(ROOT)
    stale = []
    for path in documents():
        current = path.read_text(encoding="utf-8")
        fresh = regenerate(current, COLUMNS.get(path.name, DEFAULT_COLUMNS))
        if fresh != current:
            stale.append(path.relative_to(ROOT).as_posix())
            if "--check" not in sys.argv:
                path.write_text(fresh, encoding="utf-8")
    if stale and "--check" in sys.argv:
        print(f"stale transcripts in {', '.join(stale)}: run `uv run python scripts/readme_explanations.py`")
        return 1
    for name in stale:
        print(f"updated {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
