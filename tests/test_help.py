"""Every --help in one language, Japanese or English, from one catalogue (quizcli.helptext), fitted to 40, 80 and
120 columns; click's own words (Usage, Options, [default: …], usage errors) in Japanese too."""

import re
import shlex
import string
import unicodedata

import click
import pytest

import solvers
from quizcli.cli import cli
from quizcli.commands import base
from quizcli.commands.options import LANG_META
from quizcli.helptext import HELP
from tests.conftest import english_prose, quiz_process, solver_words

WIDTHS = (40, 80, 120)
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
# Japanese that an English help may show: the exam's name, a Japanese word for a solver (quiz solve --help) and
# the textbook whose conventions some solvers follow (ゼロから作るDeep Learning).
ALLOWED_IN_ENGLISH = set("E資格畳み込みゼロから作る")
# click's English words, which a Japanese help must not show.
CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message", "default:", "required")


def walk(command: click.Command, ctx: click.Context, path: tuple[str, ...] = ()):
    """(path, command, context) for ``command`` and every command under it, hidden ones excluded."""
    yield path, command, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, click.Context(sub, info_name=name, parent=ctx), (*path, name))


def contexts(lang: str):
    root = click.Context(cli, info_name="quiz")
    root.meta[LANG_META] = lang
    return list(walk(cli, root))


def example_lines(text: str) -> list[str]:
    """The command lines of a help text's ``\\b`` blocks, without the notes beside them."""
    blocks = [p for p in re.split(r"\n\s*\n", text) if p.startswith("\b")]
    lines = (line.partition("  # ")[0].strip() for block in blocks for line in block.splitlines()[1:])
    return [line for line in lines if line.startswith(("quiz ", "_QUIZ", ". "))]


def test_both_catalogues_have_the_same_keys_and_placeholders():
    assert HELP["ja"].keys() == HELP["en"].keys()
    for key in HELP["en"]:
        fields = [{f for _, f, _, _ in string.Formatter().parse(HELP[lang][key]) if f} for lang in ("ja", "en")]
        assert fields[0] == fields[1], key


def test_every_command_option_and_argument_has_help_in_both_languages():
    """Walks the click tree: every command's help, its short help and each parameter's help are worded in both
    languages, and a command's examples are the same command lines in both."""
    walked = {}
    for lang in ("ja", "en"):
        for path, command, ctx in contexts(lang):
            assert isinstance(command, base.Command), path
            words = {"help": command.text(ctx, command.help), "short": command.short_help_in(ctx, 80)}
            for param in command.get_params(ctx):
                if not getattr(param, "hidden", False):
                    words[param.name or ""] = command.text(ctx, param.help)  # type: ignore[attr-defined]
            words["examples"] = "\n".join(example_lines(words["help"] + "\n\n" + command.text(ctx, command.epilog)))
            walked[lang, path] = words
    paths = {path for _, path in walked}
    assert len(paths) > 90  # the commands, the labs and every solver
    for path in paths:
        ja, en = walked["ja", path], walked["en", path]
        assert ja.keys() == en.keys(), path
        for name in ja:
            if name != "examples":
                assert ja[name].strip() and en[name].strip(), (path, name)
        assert ja["examples"] == en["examples"], path
        if path[:1] != ("solve",) or len(path) == 1:
            assert ja["examples"], path  # every command the catalogue helps has examples
        assert not CJK.search(en["help"]) or set(CJK.findall(en["help"])) <= ALLOWED_IN_ENGLISH, path


def help_screens():
    names = [path for path, _, _ in contexts("en") if path[:1] != ("solve",) or len(path) == 1]
    return [*names, ("solve", "iou"), ("solve", "conv-output")]


def english_phrases() -> list[str]:
    """The start of every English help text (its first four words, two of them English words), which a Japanese
    screen must not show."""
    phrases = set()
    for text in HELP["en"].values():
        words = re.sub(r"\{[^}]*\}", " ", text.replace("\b", " ")).split()
        if len(words) >= 4 and len(re.findall("[A-Za-z]{3,}", " ".join(words[:4]))) >= 2:  # words, not a formula
            phrases.add(" ".join(words[:4]))
    return sorted(phrases)


ENGLISH = english_phrases()


def cell_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", help_screens(), ids=lambda path: " ".join(path) or "quiz")
def test_every_help_fits_and_is_in_one_language(path, width):
    for lang in ("ja", "en"):
        result = quiz_process(*path, "--help", env={"QUIZ_LANG": lang, "COLUMNS": str(width)})
        assert result.returncode == 0, result.stderr
        screen = result.stdout
        too_wide = [line for line in screen.splitlines() if cell_width(line) > width]
        assert too_wide == [], (lang, width)
        if lang == "ja":
            flat = " ".join(screen.split())
            assert [word for word in CLICK_ENGLISH if word in screen] == [], path
            assert [phrase for phrase in ENGLISH if phrase in flat] == [], path
            assert "使い方:" in screen and "オプション:" in screen
        else:
            assert set(CJK.findall(screen)) <= ALLOWED_IN_ENGLISH, path


@pytest.mark.parametrize("name", sorted(solvers.SOLVERS))
def test_every_solver_parameter_says_what_it_takes_in_both_languages(name):
    params = solvers.SOLVERS[name].params
    names = solver_words(solvers.SOLVERS[name])
    for param in params:
        english, japanese = param.param.describe(), param.param.describe("ja")
        assert not CJK.search(english), (param.name, english)
        assert CJK.search(japanese) and english_prose(japanese, names) == [], (param.name, japanese)


def test_the_language_may_come_after_help():
    after = quiz_process("start", "--help", "--lang", "ja", env={"QUIZ_LANG": "en"})
    before = quiz_process("start", "--lang", "ja", "--help", env={"QUIZ_LANG": "en"})
    assert after.stdout == before.stdout and after.stdout.startswith("使い方: quiz start")
    solver = quiz_process("solve", "iou", "--help", "--lang", "ja", env={"QUIZ_LANG": "en"})
    assert "ボックスの IoU" in solver.stdout and "IoU (Jaccard index)" not in solver.stdout


def test_a_solvers_help_in_japanese_shows_its_japanese_summary_and_parameter_kinds():
    text = quiz_process("solve", "iou", "--help", env={"QUIZ_LANG": "ja", "COLUMNS": "120"}).stdout
    assert "形が [N, 4] か [4] の数値の配列 [必須]" in text
    assert "torchvision.ops.box_iou と同じ" in text and "continuous coordinates" not in text
    assert "quiz solve iou --boxes-a '[0, 0, 2, 2]' --boxes-b '[1, 1, 3, 3]'" in text


@pytest.mark.parametrize(
    "args, env, said",
    [
        (["start", "--bogus"], {"QUIZ_LANG": "ja"}, "エラー: --bogus というオプションはありません。"),
        (["explain"], {"QUIZ_LANG": "ja"}, "エラー: 引数 TARGET を指定してください。"),
        (
            ["start", "--limit", "0"],
            {"QUIZ_LANG": "ja"},
            "エラー: --limit の値が正しくありません: 0 は範囲外です（1 以上）。",
        ),
        (["new-question"], {"QUIZ_LANG": "ja"}, "エラー: オプション --kind を指定してください。"),
        (["nope"], {"QUIZ_LANG": "ja"}, "エラー: nope というコマンドはありません。"),
        # a line that does not parse still says it in the language its --lang asks for, the last one winning
        (["start", "--bogus", "--lang", "ja"], {"QUIZ_LANG": "en"}, "エラー: --bogus というオプションはありません。"),
        (["start", "--lang=ja", "--bogus", "--lang", "en"], {"QUIZ_LANG": "ja"}, "Error: No such option '--bogus'."),
        # and an error the command itself raises, in the command's language
        (
            ["explain", "nosuch", "--lang", "ja"],
            {"QUIZ_LANG": "en"},
            "エラー: 「nosuch」という問題 id もソルバーもありません。",
        ),
    ],
)
def test_usage_errors_in_the_command_lines_language(args, env, said):
    result = quiz_process(*args, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith(said) and result.stderr.count("\n") == 1, result.stderr


def test_a_long_example_is_continued_as_a_shell_line():
    text = quiz_process("--help", env={"QUIZ_LANG": "en", "COLUMNS": "40"}).stdout
    assert "    quiz solve conv-output --input \\\n      5 --kernel 3" in text


# Examples that name the learner's own files, read the keyboard or train a lab for a while: not run here (the labs'
# own tests run shortened versions of each lab); quiz solve's examples are run by tests/test_solve_words.py.
NOT_RUN = (
    "quiz validate",
    "quiz lab",
    "quiz start",
    "quiz solve",
    "quiz new-question --kind numeric --solver lstm-cell",
)


def all_examples() -> list[str]:
    lines = [
        line
        for path, command, ctx in contexts("en")
        if path[:1] != ("solve",)
        for line in example_lines(command.text(ctx, command.help))
    ]
    return sorted(
        {line for line in lines if line.startswith("quiz ") and not line.startswith(NOT_RUN) and "|" not in line}
    )


@pytest.mark.parametrize("line", all_examples())
def test_every_example_runs(line, tmp_path):
    words = shlex.split(line)
    result = quiz_process(*words[1:], cwd=tmp_path)
    assert result.returncode == 0, f"{line}: {result.stderr}"


@pytest.mark.parametrize("width", [60, 80])
def test_a_solvers_docstring_is_filled_to_the_width_and_its_table_keeps_its_columns(width):
    text = quiz_process("solve", "map", "--help", env={"QUIZ_LANG": "en", "COLUMNS": str(width)}).stdout
    paragraph = next(p for p in text.split("\n\n") if "Per category" in p).splitlines()
    assert all(cell_width(line) >= 0.75 * width for line in paragraph[:-1]), paragraph
    table = quiz_process("solve", "optimizer-step", "--help", env={"QUIZ_LANG": "en", "COLUMNS": str(width)}).stdout
    rows = [line for line in table.splitlines() if line.lstrip().startswith(("sgd  ", "momentum  ", "adamw  "))]
    assert len(rows) == 3 and len({re.match(r"\s*\S+ +", line).end() for line in rows}) == 1, rows
