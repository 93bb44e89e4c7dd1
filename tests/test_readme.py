"""README.md and docs/ stay true: the first block, the transcripts, the `quiz solve` examples, the links."""

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = {path.relative_to(ROOT).as_posix(): path for path in [ROOT / "README.md", *sorted(ROOT.glob("docs/*.md"))]}


def test_first_block_is_the_two_commands():
    first = re.search(r"```\n(.*?)```", README, re.S).group(1)
    assert first.split("\n")[:2] == ["uv run quiz start", "uv run pytest"] and first.count("\n") == 2


def test_readme_is_short():
    assert len(README.encode("utf-8")) <= 12_000, "README.md is over 12,000 bytes: move material to docs/"


def test_readme_has_exactly_one_explain_transcript():
    assert len(re.findall(r"^<!-- explain: ", README, re.M)) == 1


def test_every_page_has_a_transcript_the_script_keeps_current():
    """docs/ has pages with transcripts, so the regeneration below is exercised beyond the README."""
    with_blocks = [name for name, path in PAGES.items() if "<!-- /" in path.read_text(encoding="utf-8")]
    assert "README.md" in with_blocks and any(name.startswith("docs/") for name in with_blocks)


def test_transcripts_are_regenerated():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_explanations.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def solve_examples() -> list:
    """Every `$ uv run quiz solve … --json` line in README.md and docs/, with the line printed under it."""
    examples = []
    for name, path in PAGES.items():
        text = path.read_text(encoding="utf-8")
        for command, shown in re.findall(r"^\$ uv run quiz (solve .*--json)\n(.*)$", text, re.M):
            examples.append(pytest.param(command, shown, id=f"{name}: {command[:40]}"))
    return examples


def test_there_are_solve_examples():
    assert len(solve_examples()) >= 2


@pytest.mark.parametrize(("command", "shown"), solve_examples())
def test_solve_examples_print_what_the_docs_show(run_quiz, command, shown):
    result = run_quiz(*shlex.split(command))
    assert json.loads(result.stdout) == json.loads(shown), command


@pytest.mark.parametrize("name", sorted(PAGES))
def test_commands_shown_can_be_typed_as_they_are(name):
    """Bare `quiz` fails with "command not found" until `uv tool install .`: transcripts say `uv run quiz`."""
    text = PAGES[name].read_text(encoding="utf-8")
    assert re.findall(r"^\$ (?:.*\| )?quiz ", text, re.M) == []


def anchors(path: Path) -> set[str]:
    """GitHub's ids for the headings of a Markdown file: lower case, punctuation dropped, spaces to hyphens."""
    headings = re.findall(r"^#+ (.*)$", path.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


@pytest.mark.parametrize("name", [*sorted(PAGES), "content/README.md"])
def test_links_point_inside_the_project_and_exist(name):
    path = ROOT / name
    text = path.read_text(encoding="utf-8")
    assert "../shared" not in text
    for target, anchor in re.findall(r"\]\(([^)#\s]+)(?:#([^)\s]*))?\)", text):
        if re.match(r"[a-z]+://", target):
            continue
        linked = (path.parent / target).resolve()
        assert linked.is_relative_to(ROOT) and linked.exists(), f"{name} links to {target}, not a file of the project"
        if anchor:
            assert anchor in anchors(linked), f"{name} links to {target}#{anchor}, which has no such heading"
