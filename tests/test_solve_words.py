"""`quiz solve WORD`: the words a learner types, the course's example for a bare call, sizes as a session reads
them, true/false flags, the examples in every solver's --help, and did-you-mean in solve and explain."""

import functools
import json
import shlex

import pytest

import solvers
from quizcli.bank.catalog import content_dirs, load_catalog
from quizcli.bank.instances import instantiate
from quizcli.show.solve import command_line
from quizcli.study.grading import parse_shape
from solvers.params import size_parts


@functools.cache  # first called inside a test, so its cache goes to that test's QUIZ_HOME
def built_in_questions() -> list:
    return list(load_catalog(content_dirs(())).questions.values())


def listed(stdout: str) -> list[str]:
    """The solver names in the list printed for a word that names several."""
    return [line.split()[0] for line in stdout.splitlines()[1::2]]


def help_examples(run_quiz, *words: str) -> list[str]:
    """The example command lines of a --help, a line continued with a backslash joined (as the shell reads it)."""
    text = run_quiz("solve", *words, "--help").stdout.split("Examples")[-1].replace(" \\\n", " ")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip().startswith("quiz ")]


def run_line(run_quiz, line: str):
    words = shlex.split(line)
    assert words[0] == "quiz"
    return run_quiz(*words[1:])


# -- words ----------------------------------------------------------------------------------------------------


def test_sigmoid_lists_the_sigmoid_solvers_with_an_example_each(run_quiz):
    result = run_quiz("solve", "sigmoid")
    assert result.exit_code == 0
    assert listed(result.stdout) == ["activation", "sigmoid-derivative-max"]
    assert "quiz solve activation --name sigmoid --x '[-1.0, 0.5, 2.0]' --derivative" in result.stdout
    assert "quiz solve sigmoid-derivative-max" in result.stdout


def test_ssd_lists_both_ssd_solvers(run_quiz):
    result = run_quiz("solve", "ssd")
    assert result.exit_code == 0
    assert listed(result.stdout) == ["ssd-box-count", "ssd-decode"]


@pytest.mark.parametrize(
    "word, names",
    [
        ("conv", ["conv-output", "conv2d", "transposed-conv-output"]),
        ("畳み込み", ["conv-output", "conv2d"]),
        ("gru", ["gru-cell", "gru-update"]),
        ("ＬＳＴＭ", ["activation", "gradient-clipping", "lstm-cell", "lstm-cell-update", "sigmoid-derivative-max"]),
        ("output size", ["conv-output", "pool-output", "transposed-conv-output"]),
    ],
)
def test_a_word_for_several_solvers_lists_them(run_quiz, word, names):
    assert listed(run_quiz("solve", word).stdout) == names


@pytest.mark.parametrize(
    "word, name",
    [
        ("clipping", "gradient-clipping"),
        ("勾配クリッピング", "gradient-clipping"),
        ("IoU", "iou"),
        ("map", "map"),
        ("nms", "nms"),
        ("attention", "attention"),  # a solver's own name wins over softmax's keyword
        ("Leaky ReLU", "activation"),
        ("受容野", "receptive-field"),
    ],
)
def test_a_word_for_one_solver_runs_it(run_quiz, word, name):
    result = run_quiz("solve", word, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["solver"] == name


def test_a_preset_word_fixes_its_parameter(run_quiz):
    result = run_quiz("solve", "relu", "--x", "[-1, 2]", "--json")
    document = json.loads(result.stdout)
    assert document["params"]["name"] == "relu" and document["answer"] == [0.0, 2.0]


def test_the_list_as_json(run_quiz):
    document = json.loads(run_quiz("solve", "ssd", "--json").stdout)
    assert [row["solver"] for row in document] == ["ssd-box-count", "ssd-decode"]
    assert all(row["summary"] and row["command"].startswith("quiz solve ssd-") for row in document)


def test_parameters_after_a_word_for_several_solvers_are_refused(run_quiz):
    result = run_quiz("solve", "ssd", "--offsets", "[1, 0, 0, 0]")
    assert result.exit_code == 2
    assert "'ssd' names several solvers (ssd-box-count, ssd-decode)" in result.stderr


def test_the_list_is_in_the_learners_language(run_quiz):
    assert run_quiz("solve", "--lang", "ja", "ssd").stdout.startswith("「ssd」に当たるソルバーが 2 個あります")


def test_every_listed_example_runs(run_quiz):
    for word in ("sigmoid", "conv", "lstm", "detection", "rnn"):
        for row in json.loads(run_quiz("solve", word, "--json").stdout):
            assert run_line(run_quiz, row["command"] + " --json").exit_code == 0, row["command"]


def test_every_topic_and_section_of_the_banks_names_the_solvers_its_questions_use():
    """`quiz solve lstm` lists what the lstm questions compute; a word that is a solver's own name (attention,
    regularization) runs that solver instead, as the learner asked."""
    from quizcli.show.solve import matches

    used = {
        (word, q.solver)
        for q in built_in_questions()
        if q.solver
        for word in (q.topic, q.section)
        if word not in solvers.SOLVERS
    }
    named = {word: {m.spec.name for m in matches(word)} for word, _ in used}
    assert [(word, name) for word, name in sorted(used) if name not in named[word]] == []


# -- no parameters: the course's example ----------------------------------------------------------------------


def test_iou_without_parameters_runs_the_courses_example(run_quiz):
    result = run_quiz("solve", "iou")
    assert result.exit_code == 0
    assert "answer  0.142857" in result.stdout
    assert result.stderr == (
        "no parameters given: this is the course's example:\n"
        "  quiz solve iou --boxes-a '[0, 0, 2, 2]' --boxes-b '[1, 1, 3, 3]'\n"
    )


@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_a_bare_call_prints_what_the_spelt_out_example_prints(run_quiz, name):
    bare = run_quiz("solve", name, "--json")
    assert bare.exit_code == 0, bare.stderr
    spelt = command_line(solvers.SOLVERS[name], solvers.SOLVERS[name].lookup.example)
    assert run_line(run_quiz, spelt + " --json").stdout == bare.stdout


@pytest.mark.parametrize("name", sorted(n for n, spec in solvers.SOLVERS.items() if spec.params))
def test_every_example_is_a_course_questions(name):
    spec = solvers.SOLVERS[name]
    declared = solvers.jsonable(spec.resolve(spec.lookup.example))
    questions = [q for q in built_in_questions() if q.solver == name]
    assert declared in [solvers.jsonable(spec.resolve(instantiate(q).params)) for q in questions]


def test_a_call_missing_a_required_parameter_is_still_bad_input(run_quiz):
    result = run_quiz("solve", "conv-output", "--input", "5")
    assert result.exit_code == 2
    assert "kernel: expected a value" in result.stderr


# -- sizes and flags ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["5x5", "5,5", "5×5", "(5, 5)", "５×５", "5 5", "[5, 5]"])
def test_sizes_take_the_sessions_forms(run_quiz, size):
    result = run_quiz("solve", "conv-output", "--input", size, "--kernel", "3", "--json")
    assert json.loads(result.stdout)["answer"] == [3, 3]


def test_one_reader_of_sizes_for_solve_and_the_session():
    for text in ("5x5", "５×５", "(3, 4)", "7", "2*3*4"):
        assert parse_shape(text) == size_parts(text)


def test_a_size_that_is_not_one_is_bad_input(run_quiz):
    result = run_quiz("solve", "conv-output", "--input", "5x5x5", "--kernel", "3")
    assert result.exit_code == 2 and "input: expected an integer ≥ 1 or a pair like 5x5" in result.stderr


@pytest.mark.parametrize("flag, answer", [("--derivative", 0.25), ("--no-derivative", 0.5)])
def test_true_false_parameters_are_flags(run_quiz, flag, answer):
    result = run_quiz("solve", "activation", "--name", "sigmoid", "--x", "0", flag, "--json")
    assert json.loads(result.stdout)["answer"] == answer


# -- --help examples ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_every_example_in_a_solvers_help_runs(run_quiz, name):
    examples = help_examples(run_quiz, name)
    assert 1 <= len(examples) <= 2 and examples[0] == f"quiz solve {name}"
    for line in examples:
        result = run_line(run_quiz, line)
        assert result.exit_code == 0, f"{line}: {result.stderr}"


def test_every_example_in_the_solve_help_runs(run_quiz):
    examples = help_examples(run_quiz)
    assert len(examples) >= 4
    for line in examples:
        assert run_line(run_quiz, line).exit_code == 0, line


# -- did you mean ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "word, suggested",
    [
        ("sigmiod", "sigmoid"),  # two letters swapped
        ("gradient-clip", "gradient-clipping"),  # the start of a name
        ("clip", "gradient-clipping"),  # inside a name
        ("atention", "attention"),
    ],
)
def test_a_word_that_names_nothing_suggests_close_ones(run_quiz, word, suggested):
    result = run_quiz("solve", word)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: unknown solver {word!r}; did you mean ")
    assert suggested in result.stderr.split("did you mean ")[1]


def test_a_word_with_nothing_close_points_to_the_list(run_quiz):
    result = run_quiz("solve", "xyzzy")
    assert result.exit_code == 2
    assert result.stderr == "Error: unknown solver 'xyzzy'; quiz solve --help lists them\n"


def test_explain_suggests_question_ids_and_solvers(run_quiz):
    result = run_quiz("explain", "lstm")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: unknown solver or question 'lstm'; did you mean lstm-cell, ")


def test_explain_of_a_bare_solver_explains_the_courses_example(run_quiz):
    document = json.loads(run_quiz("explain", "lstm-cell", "--json").stdout)
    assert document["params"]["weight_ih"] == [[0.5], [1.0], [0.5], [-0.5]]


@pytest.mark.parametrize(
    "lang, first", [("en", "2 solvers match 'sigmoid'"), ("ja", "「sigmoid」に当たるソルバーが 2 個")]
)
def test_the_language_may_follow_a_word_for_several_solvers(run_quiz, lang, first):
    result = run_quiz("solve", "sigmoid", "--lang", lang)
    assert result.exit_code == 0 and result.stdout.startswith(first)


def test_the_language_may_follow_the_solvers_name(run_quiz):
    after = run_quiz("solve", "entropy", "--lang", "ja")
    before = run_quiz("solve", "--lang", "ja", "entropy")
    assert after.exit_code == 0 and "エントロピー" in after.stdout and "答え" in after.stdout
    assert after.stdout == before.stdout


# -- errors in the learner's language -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "words, japanese, english",
    [
        (
            ["conv-output", "--input", "5x5", "--kernel", "0"],
            "エラー: conv-output: kernel: 1 以上の整数、または 5x5 のような組が必要です（実際は 0）",
            "Error: conv-output: kernel: expected an integer ≥ 1 or a pair like 5x5, got 0",
        ),
        (
            ["conv-output", "--input", "5"],
            "エラー: conv-output: kernel: 値（1 以上の整数、または 5x5 のような組）が必要です（指定がありません）",
            "Error: conv-output: kernel: expected a value (an integer ≥ 1 or a pair like 5x5), got nothing",
        ),
        (["xyzzy"], "エラー: 「xyzzy」に当たるソルバーはありません。一覧は quiz solve --help", "Error: unknown solver"),
    ],
)
def test_a_refused_call_is_worded_in_the_language_given_after_the_word(run_quiz, words, japanese, english):
    """The solver brings the Japanese of what it expected; --lang counts after the solver's name, even one that
    names no solver."""
    ja, en = run_quiz("solve", *words, "--lang", "ja"), run_quiz("solve", *words, "--lang", "en")
    assert ja.exit_code == en.exit_code == 2
    assert ja.stderr.startswith(japanese) and en.stderr.startswith(english)


def test_a_params_file_that_is_not_an_object_is_refused_in_japanese(run_quiz, tmp_path):
    listed = tmp_path / "params.json"
    listed.write_text("[1, 2]")
    result = run_quiz("solve", "iou", "--params-file", str(listed), "--lang", "ja")
    assert result.exit_code == 2
    assert (
        result.stderr == f"エラー: --params-file: {listed} には、パラメータ名から値への対応（オブジェクト）が必要です\n"
    )


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_word_for_several_solvers_breaks_its_summaries_to_the_terminal(lang):
    from rich.cells import cell_len

    from quizcli.show.solve import choices, matches

    found = matches("lstm")
    text = choices("lstm", found, lang).text(60)
    examples = {line.strip() for line in text.splitlines() if line.strip().startswith("quiz solve ")}
    assert len(examples) == len(found)  # each example whole, on a line of its own
    assert all(cell_len(line) <= 60 for line in text.splitlines() if line.strip() not in examples)


@pytest.mark.parametrize(
    "spaced, solid", [("ソフト マックス", "ソフトマックス"), ("勾配 クリッピング", "勾配クリッピング")]
)
def test_a_space_inside_a_japanese_word_does_not_matter(run_quiz, spaced, solid):
    assert run_quiz("solve", spaced, "--json").stdout == run_quiz("solve", solid, "--json").stdout != ""
