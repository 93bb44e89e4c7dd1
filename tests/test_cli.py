import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, quiz_process

COMMANDS = ["start", "solve", "explain", "list", "validate", "stats", "lab", "export", "new-question", "doctor"]


def test_help_lists_every_command(run_quiz):
    result = run_quiz("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(run_quiz, command):
    result = run_quiz(command, "--help")
    assert result.exit_code == 0
    assert "Examples" in result.stdout


def test_solve_conv_output_prints_answer_and_formula(run_quiz):
    result = run_quiz("solve", "conv-output", "--input", "5", "--kernel", "3", "--stride", "2", "--padding", "1")
    assert result.exit_code == 0
    assert "answer  3" in result.stdout
    assert "(H + 2P − F)/S + 1" in result.stdout


def test_solve_json_pair_input(run_quiz):
    result = run_quiz(
        "solve", "conv-output", "--input", "[5,5]", "--kernel", "3", "--stride", "2", "--padding", "1", "--json"
    )
    document = json.loads(result.stdout)
    assert document["answer"] == [3, 3]
    assert document["solver"] == "conv-output"
    assert document["params"] == {"input": [5, 5], "kernel": 3, "stride": 2, "padding": 1, "dilation": 1}
    assert document["exact"] is True


def test_solve_full_width_numbers(run_quiz):
    result = run_quiz("solve", "conv-output", "--input", "５", "--kernel", "３", "--json")
    assert json.loads(result.stdout)["answer"] == 3


def test_solve_params_file_with_override(run_quiz, tmp_path):
    params = tmp_path / "p.json"
    params.write_text('{"input": 7, "kernel": 3, "stride": 2}')
    result = run_quiz("solve", "conv-output", "--params-file", str(params), "--padding", "1", "--json")
    document = json.loads(result.stdout)
    assert document["answer"] == 4
    assert document["params"]["padding"] == 1


def test_solve_yaml_params_file(run_quiz, tmp_path):
    params = tmp_path / "p.yaml"
    params.write_text("input: [6, 8]\nkernel: 3\n")
    result = run_quiz("solve", "conv-output", "--params-file", str(params), "--json")
    assert json.loads(result.stdout)["answer"] == [4, 6]


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--input", "5", "--kernel", "9"], "kernel: expected a window"),
        (["--input", "5"], "kernel: expected a value"),
        (["--input", "five", "--kernel", "3"], "input: expected an integer"),
        (["--input", "5", "--kernel", "3", "--stride", "0"], "stride: expected an integer ≥ 1"),
        (["--input", "NaN", "--kernel", "3"], "input: expected"),
        (["--input", "5", "--kernel", "3", "--bogus", "1"], "No such option"),
    ],
)
def test_solve_bad_input_exits_2_with_one_line(args, fragment):
    result = quiz_process("solve", "conv-output", *args)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_solver_suggests_the_closest():
    result = quiz_process("solve", "conv-outptu")
    assert result.returncode == 2
    assert result.stderr.strip() == "Error: unknown solver 'conv-outptu'; did you mean conv-output?"


def test_missing_params_file_is_bad_input():
    result = quiz_process("solve", "conv-output", "--params-file", "/nonexistent/p.json")
    assert result.returncode == 2
    assert "/nonexistent/p.json" in result.stderr


def test_solve_help_lists_solvers_with_summaries(run_quiz):
    result = run_quiz("solve", "--help")
    assert "conv-output" in result.stdout
    assert "sigmoid-derivative-max" in result.stdout


def test_solver_help_shows_parameters_defaults_and_formula(run_quiz):
    result = run_quiz("solve", "conv-output", "--help")
    assert "--dilation" in result.stdout and "[default: 1]" in result.stdout
    assert "⌊(H + 2P − D(F − 1) − 1) / S⌋ + 1" in result.stdout


# `quiz crash`: the real entry point, with one more command whose body has a bug.
CRASHING_QUIZ = """
import sys
import click
from quizcli.cli import cli, main

@cli.command()
def crash():
    raise ZeroDivisionError("a bug in a command")

sys.argv = ["quiz", "crash"]
main()
"""


def test_an_internal_error_is_one_line_and_exit_1():
    result = subprocess.run([sys.executable, "-c", CRASHING_QUIZ], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: internal error: ZeroDivisionError: a bug in a command (QUIZ_DEBUG=1 shows details)\n"
    )
    assert result.stdout == ""


def test_debug_mode_shows_an_internal_error_s_traceback():
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_QUIZ], capture_output=True, text=True, env={**os.environ, "QUIZ_DEBUG": "1"}
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert ", in crash\n" in result.stderr  # down to the command's own frame
    assert result.stderr.endswith("ZeroDivisionError: a bug in a command\n")
    assert "internal error" not in result.stderr


def test_debug_mode_shows_traceback():
    result = quiz_process("solve", "conv-output", "--input", "5", "--kernel", "9", env={"QUIZ_DEBUG": "1"})
    assert result.returncode == 2
    assert "Traceback" in result.stderr


def test_list_json_has_one_object_per_question(run_quiz):
    document = json.loads(run_quiz("list", "--json").stdout)
    ids = {entry["id"] for entry in document}
    assert {"conv-output-size-review", "sigmoid-derivative-max"} <= ids
    entry = next(e for e in document if e["id"] == "conv-output-size-review")
    assert entry == {
        "id": "conv-output-size-review",
        "topic": "cnn",
        "section": "cnn",
        "kind": "shape",
        "source": "確認テスト",
        "langs": ["ja", "en"],
        "solver": "conv-output",
    }


def test_list_table_and_unknown_topic(run_quiz):
    assert "cnn" in run_quiz("list").stdout
    result = quiz_process("list", "--topic", "nope")
    assert result.returncode == 2 and "no questions on topic 'nope'" in result.stderr


def test_validate_builtin_banks(run_quiz):
    result = run_quiz("validate")
    assert result.exit_code == 0, result.stderr
    *statistics, verdict = result.stdout.splitlines()
    assert verdict.startswith("ok: ")
    assert statistics and all("the key is the uniquely longest option in ja" in line for line in statistics)


def test_version(run_quiz):
    assert run_quiz("--version").stdout.startswith("quiz, version ")


def test_completion_of_solver_names():
    result = quiz_process(env={"_QUIZ_COMPLETE": "bash_complete", "COMP_WORDS": "quiz solve conv", "COMP_CWORD": "2"})
    assert "plain,conv-output" in result.stdout.splitlines()


def test_completion_of_topics_and_question_ids():
    topics = quiz_process(
        env={"_QUIZ_COMPLETE": "bash_complete", "COMP_WORDS": "quiz start --topic ls", "COMP_CWORD": "3"}
    )
    assert topics.stdout.splitlines() == ["plain,lstm"]
    ids = quiz_process(
        env={"_QUIZ_COMPLETE": "bash_complete", "COMP_WORDS": "quiz explain conv-output-s", "COMP_CWORD": "2"}
    )
    assert "plain,conv-output-size-review" in ids.stdout.splitlines()


def test_content_pack_adds_questions_and_a_reused_id_is_refused(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    source = (ROOT / "tests" / "banks" / "dup" / "a.yaml").read_text(encoding="utf-8")
    (pack / "mine.yaml").write_text(source.replace("shared-id", "my-own-question"), encoding="utf-8")
    listing = quiz_process("list", "--content", str(pack), "--json")
    assert "my-own-question" in listing.stdout
    via_env = quiz_process("list", "--json", env={"QUIZ_CONTENT_PATH": str(pack)})
    assert "my-own-question" in via_env.stdout
    (pack / "mine.yaml").write_text(source.replace("shared-id", "conv-output-size-review"), encoding="utf-8")
    refused = quiz_process("validate", str(pack))
    assert refused.returncode == 1
    assert "conv-output-size-review: id: id is already used at" in refused.stderr
    assert "mine.yaml" in refused.stderr and "cnn-review.yaml" in refused.stderr


def test_content_option_needs_a_directory():
    result = quiz_process("list", "--content", "/nonexistent")
    assert result.returncode == 2 and "--content: /nonexistent is not a directory" in result.stderr


def test_json_params_show_defaults_that_depend_on_other_parameters(run_quiz):
    pool = json.loads(run_quiz("solve", "pool-output", "--input", "4", "--kernel", "2", "--json").stdout)
    assert pool["params"]["stride"] == 2
    stack = json.loads(run_quiz("solve", "receptive-field", "--kernels", "[3, 3]", "--json").stdout)
    assert stack["params"]["strides"] == [1, 1] and stack["params"]["dilations"] == [1, 1]


def test_the_language_may_also_come_before_the_command(run_quiz):
    assert run_quiz("--lang", "ja", "stats").stdout.startswith("まだ記録がありません")
    assert run_quiz("--lang", "ja", "stats", "--lang", "en").stdout.startswith("Nothing recorded yet")
