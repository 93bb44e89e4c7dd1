"""Screens a learner reads on a 40-column terminal: nothing runs past the width or is broken inside a word, and
formulas read as a book prints them. Each case is a defect seen there."""

import io
import re

import pytest
from rich.cells import cell_len
from rich.console import Console

from quizcli.bank.catalog import load_catalog, syllabus
from quizcli.i18n import t
from quizcli.show.mathtext import latex_to_unicode
from tests.conftest import quiz_process
from tests.test_review_terminal import content_of


def rendered(renderable, width):
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        # \left( \right) size a bracket: no space inside it, none between exp and its bracket
        (r"\exp\left(-\frac{(x - \mu)^2}{2\sigma^2}\right)", "exp(−(x − μ)²/2σ²)"),
        # |x − μ| is bracketed already, and \lvert \rvert hug what they enclose
        (r"\exp\left(-\frac{\lvert x - \mu \rvert}{2\sigma^2}\right)", "exp(−|x − μ|/2σ²)"),
        # a subscript word that no letter follows needs no brackets: D_KL, not D_(KL)
        (r"D_{KL}(q \,\|\, p)", "D_KL(q ‖ p)"),
        (r"x_{KL}y", "x_(KL)y"),
        (r"\mathbb{E}_{q(z)}[x]", "𝔼_(q(z))[x]"),
        (r"\frac{H+2P-F}{S}", "(H+2P−F)/S"),
        (r"a \rightarrow b", "a → b"),
    ],
)
def test_formulas_read_without_doubled_brackets_or_stray_spaces(latex, text):
    assert latex_to_unicode(latex) == text


def test_a_message_breaks_between_phrases_not_after_its_first_letter(tmp_path):
    # "c で計算したコード（conv-output）を表示" is 39 cells: at 32 Rich alone broke it after its "c"
    content = content_of(tmp_path, "study-numeric", six_by_six=True)
    env = {"COLUMNS": "32", "QUIZ_HOME": str(tmp_path / "home"), "QUIZ_CONTENT_DIR": str(content)}
    result = quiz_process("start", "--lang", "ja", "--seed", "1", input="6\ne\nq\n", env=env)
    prompt = t("ja", "prompt")
    lines = [line.removeprefix(prompt) for line in result.stdout.splitlines()]  # piped: no newline after a prompt
    assert all(cell_len(line) <= 32 for line in lines), [line for line in lines if cell_len(line) > 32]
    hint = t("ja", "code_behind_key", solver="conv-output")
    first = next(line for line in lines if line.startswith("c"))
    assert first != "c" and hint.startswith(first) and len(first) > 5, lines


def test_a_plot_in_explain_fits_a_40_column_panel(tmp_path):
    result = quiz_process(
        "explain", "optimization-drill-sgd", "--lang", "ja", env={"COLUMNS": "40", "QUIZ_HOME": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= 40 for line in lines), [line for line in lines if cell_len(line) > 40]
    # each row of the plot whole, its frame closed inside the panel: a row too wide used to wrap onto a second
    # line that began with the rest of the frame ("│ ───┐", "│ │")
    rows = [line for line in lines if "┤" in line or "┘" in line or "┐" in line]
    assert len(rows) > 5 and all(line.endswith(("│ │", "┘ │", "┐ │")) for line in rows), rows
    assert not [line for line in lines if line.strip("│ ") in ("───┐", "───┘")]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_list_at_40_columns_keeps_section_names_whole_and_counts_in_their_rows(lang, tmp_path):
    narrow = quiz_process("list", "--lang", lang, env={"COLUMNS": "40", "QUIZ_HOME": str(tmp_path)}).stdout
    assert all(cell_len(line) <= 40 for line in narrow.splitlines())
    sections = {question.section for question in load_catalog().questions.values()}
    names = [syllabus().section_name(section, lang) for section in sections]
    if lang == "ja":  # every Japanese name is short enough for its column; it must not break inside a word
        assert all(name in narrow for name in names if cell_len(name) <= 18), [n for n in names if n not in narrow]
    first = syllabus().section_name("probability", lang) if "probability" in sections else None
    if first and lang == "ja":
        wide = quiz_process("list", "--lang", lang, env={"COLUMNS": "120", "QUIZ_HOME": str(tmp_path)}).stdout
        row = next(line for line in wide.splitlines() if first in line)
        counts = [cell.strip() for cell in row.split("│")[3:5]]
        narrow_row = next(line for line in narrow.splitlines() if first in line)
        assert narrow_row.split()[-2:] == counts


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("width", [40, 60])
def test_syllabus_keeps_every_section_name_whole_on_a_narrow_terminal(lang, width, tmp_path):
    result = quiz_process("syllabus", "--lang", lang, env={"COLUMNS": str(width), "QUIZ_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(cell_len(line) <= width for line in lines), [line for line in lines if cell_len(line) > width]
    text = "\n".join(lines)
    names = [section.names[lang] for section in syllabus().sections.values()]
    phrases = {phrase.strip() for name in names for phrase in _phrases(name, lang)}
    assert [phrase for phrase in phrases if phrase not in text] == []


def _phrases(text: str, lang: str) -> list[str]:
    """The pieces a line may not break inside: BudouX's phrases in Japanese, words in English."""
    import budoux

    return budoux.load_default_japanese_parser().parse(text) if lang == "ja" else text.split()


KEY_BANK = """\
format_version: 1
questions:
  - id: narrow-long-key
    topic: cnn
    section: cnn
    tags: [cnn]
    source: concept
    kind: choice
    difficulty: 1
    prompt: {ja: Grad-CAM の重みはどう求めるか。, en: How does Grad-CAM weight the channels?}
    options:
      - text:
          ja: クラス c のスコア（ソフトマックス前）を特徴マップで微分した勾配を、縦横について平均する。
          en: Average over height and width the gradient of the class score (before softmax) by the feature map.
        correct: true
      - text: {ja: 全結合層の重みをそのまま使う。, en: Reuse the dense layer's weights as they are.}
    explanation: {ja: 勾配の空間平均。, en: The spatial mean of the gradient.}
"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_long_key_hangs_under_its_own_text_after_a_miss(lang, content_with, tmp_path):
    content = content_with(KEY_BANK, "key.yaml")
    env = {"COLUMNS": "40", "QUIZ_HOME": str(tmp_path), "QUIZ_CONTENT_DIR": str(content)}
    missed = next(
        result.stdout
        for choice in "12"
        if "✗"
        in (result := quiz_process("start", "--lang", lang, "--seed", "1", input=f"{choice}\nq\n", env=env)).stdout
    )
    lines = missed.splitlines()
    label = t(lang, "answer_label")
    first = next(index for index, line in enumerate(lines) if line.startswith(label))
    hang = cell_len(lines[first].split(") ")[0]) + 2  # "正解: 1) ": the text starts after the option's number
    continued = lines[first + 1 : first + 3]
    assert all(line.startswith(" " * hang) and line.strip() for line in continued), lines[first : first + 3]


@pytest.mark.parametrize("width", [30, 40, 60, 80])
def test_a_panel_title_gives_way_to_the_width(width):
    """The whole command where it fits, then the question's id, then the id cut with "…": never cut silently."""
    from quizcli.typeset import TitledPanel

    name = "information-theory-mutual-information-definition"  # 48 cells
    top = rendered(TitledPanel("body", f"quiz explain {name}", name), width).splitlines()[0]
    assert cell_len(top) <= width and top.endswith("─╮"), top
    if width >= len(f"quiz explain {name}") + 6:
        assert f"quiz explain {name}" in top
    elif width >= len(name) + 6:
        assert f" {name} " in top and "quiz" not in top
    else:
        assert f" {name[: width - 7]}… " in top


def test_the_exam_report_keeps_every_command_to_copy_whole_at_40_columns(tmp_path):
    env = {"COLUMNS": "40", "QUIZ_HOME": str(tmp_path)}
    result = quiz_process("start", "--mode", "exam", "--limit", "4", "--seed", "2", input="1\n2\nq\n", env=env)
    review = result.stdout.split("To review")[-1].splitlines()[1:]
    assert len(review) >= 8 and all(cell_len(line) <= 40 for line in review), review
    ids = {question.id for question in load_catalog().questions.values()}
    assert sum(line.strip() in ids or line.strip().startswith("quiz explain ") for line in review) >= 4, review


def test_stats_shows_each_mock_exams_date_and_time_whole_at_40_columns(tmp_path):
    env = {"COLUMNS": "40", "QUIZ_HOME": str(tmp_path)}
    quiz_process("start", "--mode", "exam", "--limit", "2", "--seed", "2", input="1\nq\n", env=env)
    lines = quiz_process("stats", env=env).stdout.splitlines()
    history = lines[next(i for i, line in enumerate(lines) if line.startswith("Mock exams")) :]
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d  [-\d]+/2", "\n".join(history)), history
    assert re.search(r"\d:\d\d:\d\d / \d:\d\d:\d\d", "\n".join(history)) and all(cell_len(x) <= 40 for x in lines)


@pytest.mark.parametrize("lang, title", [("ja", "ステップ後のクラスタ"), ("en", "clusters after")])
def test_a_lab_plot_keeps_its_title_at_40_columns(lang, title, tmp_path):
    result = quiz_process("lab", "kmeans", "--lang", lang, env={"COLUMNS": "40", "QUIZ_HOME": str(tmp_path)})
    assert result.returncode == 0 and title in " ".join(result.stdout.split()), result.stdout[:400]
