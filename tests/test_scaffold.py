"""`quiz new-question`: every scaffold is a bank that `quiz validate` accepts unchanged."""

import json
import numbers
import subprocess
import sys

import pytest
from click.testing import CliRunner

import solvers
from quizcli.bank import scaffold
from quizcli.bank.catalog import load_bank
from quizcli.bank.validate import validate
from quizcli.cli import QuizGroup
from quizcli.commands.new_question import new_question

SIZE_SOLVERS = ["conv-output", "pool-output", "transposed-conv-output", "receptive-field", "conv2d"]


def run(*args):
    return CliRunner().invoke(new_question, list(args), catch_exceptions=False)


def run_quiz(*args):
    """Through the real error edge: a QuizError becomes one line on stderr and its exit code."""
    return CliRunner().invoke(QuizGroup(commands={"new-question": new_question}), ["new-question", *args])


def assert_valid(path):
    report = validate([path])
    assert report.problems == [], path.read_text(encoding="utf-8")
    assert report.questions == 1


@pytest.mark.parametrize("kind", scaffold.KINDS)
def test_every_kind_validates_unchanged(kind, tmp_path):
    result = run("--kind", kind)
    assert result.exit_code == 0, result.output
    path = tmp_path / f"{kind}.yaml"
    path.write_text(result.stdout, encoding="utf-8")
    assert_valid(path)
    [question] = load_bank(path)
    assert question.kind == kind
    assert "TODO" in question.text("prompt", "ja") and "TODO" in question.text("prompt", "en")


@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_every_solver_makes_a_valid_numeric_question(name, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(scaffold.new_question("numeric", name), encoding="utf-8")
    assert_valid(path)
    from quizcli.bank.instances import instantiate

    [question] = load_bank(path)
    answer = instantiate(question).answer
    assert isinstance(answer, numbers.Real) and not isinstance(answer, bool)  # pick reaches one number
    assert question.solver == name and question.id == f"my-{name}-numeric"


@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_every_solver_makes_a_valid_shape_question_or_says_why_not(name, tmp_path):
    try:
        text = scaffold.new_question("shape", name)
    except scaffold.BadInput as error:
        assert name not in SIZE_SOLVERS
        assert str(error).endswith("use --kind numeric")
        return
    path = tmp_path / "q.yaml"
    path.write_text(text, encoding="utf-8")
    assert_valid(path)


@pytest.mark.parametrize("name", SIZE_SOLVERS)
def test_size_solvers_make_shape_questions(name):
    assert f"solver: {name}" in scaffold.new_question("shape", name)


def test_a_solver_question_belongs_where_the_banks_ask_about_that_solver():
    text = scaffold.new_question("numeric", "kl-divergence")
    assert "    topic: information-theory\n    section: information-theory\n" in text


@pytest.mark.parametrize("name", sorted(scaffold.CODE_TEMPLATES))
def test_code_choice_templates_validate(name, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(scaffold.new_question("code-choice", name), encoding="utf-8")
    assert_valid(path)


def test_params_are_described_and_optional_ones_commented(tmp_path):
    text = scaffold.new_question("shape", "conv-output")
    spec = solvers.SOLVERS["conv-output"]
    assert f"kernel: [3, 3]  # {spec.param('kernel').param.describe()}" in text
    assert "# dilation: 1  # optional, default 1:" in text


def test_pick_for_a_structured_answer():
    text = scaffold.new_question("numeric", "lstm-cell-update")
    assert "\n    pick: c.0  #" in text
    assert "\n    tolerance: {abs: 0.0005}" in text


def test_integer_answer_has_no_tolerance():
    assert "tolerance" not in scaffold.new_question("numeric", "densenet-channels")


def test_output_file_and_force(tmp_path):
    path = tmp_path / "new.yaml"
    result = run("--kind", "text", "--id", "rnn-third-weight", "-o", str(path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"quiz validate {path}" in result.stderr
    assert load_bank(path)[0].id == "rnn-third-weight"
    path.write_text("mine", encoding="utf-8")

    refused = run_quiz("--kind", "choice", "-o", str(path))
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: {path} already exists; use --force to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "mine"

    assert run("--kind", "choice", "-o", str(path), "--force").exit_code == 0
    assert_valid(path)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--kind", "essay"], "unknown kind 'essay'; choose one of choice, numeric, shape, code-choice, text"),
        (["--kind", "numeric", "--solver", "conv-outptu"], "unknown solver 'conv-outptu'; did you mean conv-output?"),
        (["--kind", "numeric", "--solver", "zzzz"], "unknown solver 'zzzz'; quiz solve --help lists them"),
        (["--kind", "choice", "--solver", "softmax"], "--solver applies to numeric, shape and code-choice questions"),
        (["--kind", "text", "--id", "Not_Kebab"], "--id 'Not_Kebab' is not a kebab-case id"),
        (["--kind", "code-choice", "--solver", "conv2d"], "no code-choice template for solver 'conv2d'"),
        (["--kind", "shape", "--solver", "softmax"], "solver 'softmax' computes no size"),
    ],
)
def test_refusals_are_one_line_exit_2(args, message, tmp_path):
    result = run_quiz(*args, "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.yaml").exists()


def test_a_scaffolded_question_in_a_pack_is_listed_and_studied(tmp_path):
    from tests.conftest import ROOT, quiz_process

    pack = tmp_path / "pack"
    pack.mkdir()
    made = quiz_process(
        "new-question",
        "--kind",
        "shape",
        "--solver",
        "conv-output",
        "--id",
        "my-pack-conv",
        "-o",
        str(pack / "mine.yaml"),
    )
    assert made.returncode == 0, made.stderr
    assert "my-pack-conv" in quiz_process("list", "--content", str(pack), "--json").stdout
    topic = json.loads(quiz_process("list", "--content", str(pack), "--json").stdout)
    topic = next(entry["topic"] for entry in topic if entry["id"] == "my-pack-conv")
    session = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--content", str(pack), "--topic", topic, "--lang", "en"],
        input="s\n" * 50,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert session.returncode == 0, session.stderr
    assert "TODO" in session.stdout  # the scaffold's prompt, asked after the built-in questions of its topic
