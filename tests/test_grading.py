import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizcli.bank.catalog import load_catalog
from quizcli.bank.instances import instantiate
from quizcli.study.grading import Unclear, Verdict, grade, keywords_found, parse_shape

STUDY = load_catalog([Path(__file__).parent / "banks" / "study"]).questions


def instance(qid):
    return instantiate(STUDY[qid])


@pytest.mark.parametrize("text", ["3x3", "3×3", "３×３", "(3, 3)", "3 3", "3X3", "[3,3]", " 3 * 3 ", "3"])
def test_shape_forms(text):
    assert grade(instance("study-shape"), text).correct


@pytest.mark.parametrize("text", ["3x4", "4", "3x3x3"])
def test_wrong_shapes(text):
    assert not grade(instance("study-shape"), text).correct


@pytest.mark.parametrize(
    "text, correct",
    [("6", True), ("６", True), ("6.0", True), ("12/2", True), ("6.0001", False), ("-6", False), ("-0", False)],
)
def test_numbers(text, correct):
    assert grade(instance("study-numeric"), text).correct is correct


def test_choice_by_shown_number_or_letter():
    # shown order: the third option first, then the first, then the second
    order = [2, 0, 1]
    assert grade(instance("study-choice"), "2", order).correct
    assert grade(instance("study-choice"), "b", order).correct
    assert grade(instance("study-choice"), "B", order).correct
    assert not grade(instance("study-choice"), "1", order).correct
    assert not grade(instance("study-choice"), "1,2", order).correct


ODD_INPUTS = [
    "",
    " ",
    "\u3000",
    "\t\t",
    "🙂",
    "🙂🙂🙂",
    "x" * 5000,
    "1" * 5000,
    "-0",
    "+0",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "infinity",
    "\x00",
    "\x1b[31m",
    "\x07",
    "1\x00",
    "０",
    "１２",
    "３.５",
    "1,000",
    "1/0",
    "0/0",
    "1e-400",
    "0x10",
    "1_000",
    "٣",
    "三",
    "a",
    "z",
    "9",
    "0",
    "-1",
    "1.5",
    "1,1,1",
    "1 2 3 4 5",
    "()",
    "[]",
    "3x",
    "x3",
    "3x3x3x3x3",
    "((3,3))",
    "3×-3",
    "NULL",
    "None",
    "'; DROP TABLE reviews;--",
]


@pytest.mark.parametrize("qid", ["study-choice", "study-numeric", "study-shape", "study-code"])
@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_inputs_are_graded_or_reprompted(qid, text):
    try:
        verdict = grade(instance(qid), text, [0, 1, 2])
    except Unclear as unclear:
        assert unclear.key in {"empty", "too_long", "choice", "number", "finite", "shape"}
    else:
        assert isinstance(verdict, Verdict)


def test_overflowing_numbers_are_refused_not_graded():
    for text in ("1e309", "nan", "-inf"):
        with pytest.raises(Unclear, match="finite"):
            grade(instance("study-numeric"), text)


@given(st.text(max_size=200))
def test_any_text_gives_a_verdict_or_a_reprompt(text):
    for qid in ("study-choice", "study-numeric", "study-shape"):
        try:
            verdict = grade(instance(qid), text, [0, 1, 2])
        except Unclear:
            continue
        assert isinstance(verdict.correct, bool)


@given(st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=4))
def test_shape_round_trip(sizes):
    assert parse_shape("×".join(map(str, sizes))) == sizes
    assert parse_shape(", ".join(map(str, sizes))) == sizes


def test_tolerance_is_respected():
    question = STUDY["study-numeric"]
    relaxed = question.spec | {"tolerance": {"abs": 0.5}}
    loose = type(question)(**{**question.__dict__, "spec": relaxed})
    assert grade(instantiate(loose), "6.4").correct
    assert not grade(instantiate(loose), "6.6").correct
    assert math.isclose(float(grade(instantiate(loose), "6.4").given), 6.4)


def test_keywords_found_in_a_free_text_answer_whatever_their_case():
    keywords = ["hidden-to-hidden", "Bias"]
    assert keywords_found("It is the Hidden-to-Hidden weight W, no bias", keywords) == keywords
    assert keywords_found("the recurrent weight", keywords) == []
    assert keywords_found("中間層から中間層への重み", ["中間層から中間層", "入力層"]) == ["中間層から中間層"]
