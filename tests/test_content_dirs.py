"""--content belongs to one command, not to the process: the next command in the same process does not see it."""

import json
from pathlib import Path

PACK = Path(__file__).parent / "banks" / "study"


def listed_ids(run_quiz, *args):
    result = run_quiz("list", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return {entry["id"] for entry in json.loads(result.stdout)}


def test_a_content_pack_is_gone_in_the_next_command(run_quiz):
    assert "study-choice" in listed_ids(run_quiz, "--content", str(PACK))
    assert not {qid for qid in listed_ids(run_quiz) if qid.startswith("study-")}


def test_explain_finds_a_pack_question_only_with_its_pack(run_quiz):
    assert run_quiz("explain", "study-choice", "--content", str(PACK), "--json").exit_code == 0
    assert run_quiz("explain", "study-choice", "--json").exit_code != 0
