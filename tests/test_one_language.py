"""Every screen in one language: in Japanese no English heading or label, in English no Japanese outside the
course's own words (its source badges, E資格) and the question's own text. Walked at 40, 80 and 120 columns."""

import io
import re
import textwrap
from pathlib import Path

import pytest

from quizcli.bank.catalog import content_dirs, load_catalog
from quizcli.i18n import MESSAGES
from quizcli.show.explain import explain_question, renderable, shown_source
from solvers import SOLVERS
from tests.conftest import english_prose, quiz_process

CATALOG = load_catalog()
STUDY = Path(__file__).parent / "banks" / "study"
WIDTHS = (40, 80, 120)
CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")
# Japanese that an English screen may show: the course's names for its sources, glossed, the exam's name and
# the textbook whose conventions some solvers follow (ゼロから作るDeep Learning).
ALLOWED_IN_ENGLISH = "".join(v for k, v in MESSAGES["en"].items() if k.startswith("source_")) + "E資格" + "ゼロから作る"
# The English catalogue's labels: short texts, different from their Japanese counterparts.
ENGLISH_LABELS = sorted(
    {
        text
        for key, text in MESSAGES["en"].items()
        if text != MESSAGES["ja"][key] and len(text.split()) <= 5 and "{" not in text and re.search("[a-z]{3}", text)
    },
    key=len,
    reverse=True,
)


def english_labels_in(screen: str, own_text: str) -> list[str]:
    """English labels on a Japanese screen that its own content (a question's Japanese text) does not explain;
    paths (/work/main/content) are names, not words."""
    screen = re.sub(r"\S*/\S*", " ", screen)
    return [
        label
        for label in ENGLISH_LABELS
        if re.search(rf"(?<![\w]){re.escape(label)}(?![\w])", screen, re.ASCII) and label not in own_text
    ]


def japanese_in(screen: str, own_text: str) -> set[str]:
    """Japanese characters on an English screen other than the allowed words and its content's own."""
    return set(CJK.findall(screen)) - set(ALLOWED_IN_ENGLISH) - set(own_text)


def own_text(question, lang: str) -> str:
    """Everything a question says in ``lang``: prompt, explanation, hint, options and their whys, model answer."""
    parts = []

    def walk(value):
        if isinstance(value, dict):
            if lang in value and isinstance(value[lang], (str, list)):
                parts.append(str(value[lang]))
            for key, item in value.items():
                if key not in ("ja", "en"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            parts.append(value)

    walk(question.spec)
    return "\n".join(parts)


def identifiers(question) -> str:
    """What an explanation shows as code, the same in both languages: parameter and step names, true and false,
    and the solver's source (shown by `c`)."""
    explanation = explain_question(question)
    names = [*explanation.params, *(step.name for step in explanation.steps), "true", "false"]
    return " ".join(names) + "\n" + explanation.source


def explain_screen(question, lang: str, width: int) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable(explain_question(question), lang, with_source=False))  # code is code
    return console.export_text()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("qid", sorted(CATALOG.questions))
def test_explain_is_in_one_language(qid, width):
    question = CATALOG.questions[qid]
    japanese = explain_screen(question, "ja", width)
    assert english_labels_in(japanese, own_text(question, "ja") + identifiers(question)) == []
    english = explain_screen(question, "en", width)
    assert japanese_in(english, own_text(question, "en")) == set()


SCREENS = [
    ["list"],
    ["syllabus"],
    ["stats"],
    ["doctor"],
    ["solve", "iou"],
    ["solve", "sigmoid"],
    ["lab", "rnn-binary-addition", "--iters", "200"],
    ["lab", "kmeans"],
    ["lab", "optimizers"],
    ["lab", "q-learning", "--episodes", "50"],
]


def code_words(args: list[str]) -> str:
    """The parameter and step names a solver's screen shows: identifiers, in either language."""
    if args[0] != "solve":
        return ""

    from quizcli.show.solve import matches

    words = []
    for match in matches(args[1]):
        result = match.spec(**match.spec.lookup.example)
        words += [param.name for param in match.spec.params] + list(result.steps) + list(result.extras)
    return " ".join(words)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", SCREENS, ids=[" ".join(a) for a in SCREENS])
def test_every_command_screen_is_in_one_language(args, width, tmp_path):
    for lang in ("ja", "en"):
        env = {"QUIZ_HOME": str(tmp_path), "QUIZ_LANG": lang, "COLUMNS": str(width), "NO_COLOR": "1"}
        result = quiz_process(*args, env=env)
        assert result.returncode == 0, result.stderr
        screen = result.stdout + result.stderr
        if lang == "ja":
            assert english_labels_in(screen, code_words(args)) == [], args
        else:
            assert japanese_in(screen, "") == set(), args


@pytest.mark.parametrize("width", WIDTHS)
def test_a_study_session_is_in_one_language(width, tmp_path):
    """A whole piped session: questions, feedback, the explanation and the code behind a key, the summary."""
    answers = "1\ne\nc\n3\n" * 6 + "q\n"
    for lang in ("ja", "en"):
        env = {
            "QUIZ_HOME": str(tmp_path / lang),
            "QUIZ_LANG": lang,
            "COLUMNS": str(width),
            "NO_COLOR": "1",
            "QUIZ_CONTENT_DIR": str(STUDY),
        }
        result = quiz_process("start", "--limit", "6", input=answers, env=env)
        assert result.returncode == 0, result.stderr
        content = "\n".join(own_text(q, lang) + identifiers(q) for q in load_catalog([STUDY]).questions.values())
        screen = result.stdout + result.stderr
        if lang == "ja":
            assert english_labels_in(screen, content) == []
        else:
            assert japanese_in(screen, content) == set()


# A learner's mistakes, one per kind of message: each is refused in one line, in the language of the command line.
REFUSED = [
    ["solve", "conv-output", "--input", "5x5", "--kernel", "0"],
    ["solve", "softmax-cross-entropy", "--logits", "[1, 2]", "--target", "5"],
    ["solve", "iou", "--boxes-a", "[0, 0, 1]"],
    ["solve", "xyzzy"],
    ["list", "--topic", "nope"],
    ["explain", "iou", "--seed", "3"],
    ["explain", "iou", "stray"],
    ["start", "--pass-mark", "50"],
    ["lab", "kmeans", "--k", "0"],
    ["lab", "rnn-binary-addition", "--init", "xavier", "--init-std", "2"],
    ["list", "--content", "/no/such/folder"],
    ["lab", "nosuch"],
]


@pytest.mark.parametrize("args", REFUSED, ids=[" ".join(a) for a in REFUSED])
def test_every_refusal_is_in_one_language(args, tmp_path):
    for lang in ("ja", "en"):
        result = quiz_process(*args, "--lang", lang, env={"QUIZ_HOME": str(tmp_path), "NO_COLOR": "1"})
        assert result.returncode == 2 and result.stdout == "" and len(result.stderr.splitlines()) == 1, result.stderr
        message = result.stderr.removeprefix("エラー: " if lang == "ja" else "Error: ")
        assert message != result.stderr, result.stderr
        if lang == "ja":
            topics = {q.topic for q in load_catalog(content_dirs(())).questions.values()}  # listed as ids
            assert english_prose(message, [*args, *code_words(args).split(), *topics]) == [], message
        else:
            assert japanese_in(message, "") == set(), message


@pytest.mark.parametrize("name", sorted(SOLVERS))
def test_the_code_behind_an_answer_shows_the_computation_not_the_messages(name):
    """The source `quiz explain` and the c key show: its error messages, which carry Japanese beside English,
    are elided, so a solver's code is in neither language but Python's."""
    shown = shown_source(SOLVERS[name].function)
    assert japanese_in(shown, "") == set(), name
    assert not re.search(r"\bja=", shown) and "SolverInputError(" not in shown.replace("SolverInputError(...)", "")
    compile(textwrap.dedent(shown), name, "exec")  # still Python
