"""Reviews that re-teach, as a learner sees them: `quiz start` in a real pseudo-terminal (pexpect) the size of a
small window, ratings read back from the SQLite file."""

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import yaml

from quizcli.bank.catalog import load_catalog
from quizcli.i18n import t
from tests.conftest import quiz_process

ROOT = Path(__file__).resolve().parent.parent
STUDY = Path(__file__).parent / "banks" / "study"
DRILL_NUMBERS = re.compile(r"x = (-?\d+), y = (-?\d+)")


def content_of(tmp_path, *ids, six_by_six=False):
    """A content directory with the study bank's questions ``ids``; ``six_by_six`` adds a size question whose
    answer, 6, is also the study drill's answer for the bank's numbers, so piped answers fit either order."""
    study = load_catalog([STUDY]).questions
    questions = [study[qid].spec for qid in ids]
    if six_by_six:
        questions.append(
            {
                **study["study-shape"].spec,
                "id": "six-by-six",
                "topic": "cnn-arch",
                "params": {"input": [8, 8], "kernel": 3, "stride": 1, "padding": 0},
                "prompt": {
                    "ja": "8×8、3×3、ストライド 1 の出力サイズは？",
                    "en": "8×8 input, 3×3 filter, stride 1: size?",
                },
            }
        )
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    document = {"format_version": 1, "questions": json.loads(json.dumps(questions))}  # plain dicts for PyYAML
    (content / "bank.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return content


def spawn(home, *args, content=None, lang="en"):
    env = {**os.environ, "QUIZ_HOME": str(home), "NO_COLOR": "1", "TERM": "dumb", "QUIZ_LANG": lang}
    env.pop("QUIZ_CONTENT_DIR", None)
    if content:
        env["QUIZ_CONTENT_DIR"] = str(content)
    return pexpect.spawn(
        sys.executable,
        ["-m", "quizcli", "start", *args],
        env=env,
        encoding="utf-8",
        timeout=60,  # only a hang waits this long
        dimensions=(40, 100),
        cwd=str(ROOT),
    )


def finish(child):
    child.expect("Enter to finish")
    child.sendline("")
    child.expect(pexpect.EOF)


def logged(home, columns):
    with sqlite3.connect(home / "quiz.db") as db:
        return db.execute(f"SELECT {columns} FROM reviews ORDER BY id").fetchall()


def make_everything_due(home):
    with sqlite3.connect(home / "quiz.db") as db:
        db.execute("UPDATE cards SET due = '2000-01-01T00:00:00.000000Z'")


def option_number(child, text):
    return re.search(r"(\d)\) " + re.escape(text), child.before).group(1)


def test_a_due_drill_comes_back_with_fresh_numbers_that_quiz_explain_reproduces(tmp_path):
    content = content_of(tmp_path, "study-numeric")
    shown, seeds = [], []
    for run, seed in enumerate([None, "1", "2"]):
        child = spawn(tmp_path, *(["--seed", seed] if seed else []), content=content)
        child.expect("answer> ")
        header = re.search(r"1/1 .*", child.before).group(0)
        assert ("review" in header) == (run > 0)
        seeds.append(re.search(r"seed (\d+)", header).group(1) if run else None)
        x, y = map(int, DRILL_NUMBERS.search(child.before).groups())
        shown.append((x, y))
        child.sendline(str(2 * (x + y)))
        child.expect("correct")
        finish(child)
        make_everything_due(tmp_path)
    assert shown[0] == (1, 2) and len(set(shown)) == 3
    assert logged(tmp_path, "seed, correct") == [(None, 1), (int(seeds[1]), 1), (int(seeds[2]), 1)]
    explained = quiz_process("explain", "study-numeric", "--seed", seeds[2], env={"QUIZ_CONTENT_DIR": str(content)})
    assert explained.returncode == 0 and "x = {}, y = {}".format(*shown[2]) in explained.stdout


def first_panels(home, seed):
    """The first six new questions of the shipped banks, as shown, skipping each."""
    child = spawn(home, "--seed", seed, "--limit", "6")
    panels = []
    for _ in range(6):
        child.expect("answer> ")
        panels.append(child.before.split("╭")[-1])
        child.sendline("s")
    child.expect(pexpect.EOF)
    return panels


def test_the_seed_orders_new_cards_across_topics(tmp_path):
    once, again, other = (first_panels(tmp_path / name, seed) for name, seed in [("a", "1"), ("b", "1"), ("c", "2")])
    assert once == again and once != other
    for panels in (once, other):
        topics = [re.search(r"\d/6\s+(.+?)\s{2,}", panel).group(1) for panel in panels]  # the section
        assert len(set(topics)) >= 4 and all(a != b for a, b in zip(topics, topics[1:]))


def test_a_hint_then_a_right_answer_is_rated_hard(tmp_path):
    child = spawn(tmp_path, content=content_of(tmp_path, "study-choice"))
    child.expect("answer> ")
    right = option_number(child, "forget gate")
    child.sendline("?")
    child.expect("named for what it does")
    child.sendline(right)
    child.expect("rated 2 hard")
    finish(child)
    assert logged(tmp_path, "rating, correct") == [(2, 1)]


def test_piped_right_answers_are_rated_good_however_fast(tmp_path):
    env = {
        **os.environ,
        "QUIZ_HOME": str(tmp_path),
        "QUIZ_CONTENT_DIR": str(content_of(tmp_path, "study-numeric", six_by_six=True)),
    }
    result = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--lang", "en"],
        input="6\n6\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "2 answered, 2 correct" in result.stdout
    assert logged(tmp_path, "rating, correct") == [(3, 1), (3, 1)]


def test_retyping_the_key_after_undo_is_again_and_r_still_overrides(tmp_path):
    child = spawn(tmp_path, content=content_of(tmp_path, "study-choice", "study-code"))  # lstm: easier first
    child.expect("answer> ")
    right = option_number(child, "forget gate")
    child.sendline(sorted({"1", "2", "3"} - {right})[0])
    child.expect("wrong")
    child.expect("answer> ")
    child.sendline("u")
    child.expect("undone")
    child.expect("1/2")
    child.expect("answer> ")
    child.sendline(right)
    child.expect("rated 1 again")
    child.expect("answer> ")
    child.sendline("r 3")
    child.expect("Rating changed to 3 good")
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert logged(tmp_path, "rating, correct") == [(3, 1)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_e_shows_the_pending_question_again_and_c_the_code(tmp_path, lang):
    child = spawn(tmp_path, content=content_of(tmp_path, "study-numeric", six_by_six=True), lang=lang)
    child.expect_exact(t(lang, "prompt"))
    child.sendline("6")  # right for either question
    child.expect_exact(t(lang, "prompt"))
    assert "2/2" in child.before
    child.sendline("e")
    child.expect(t(lang, "explain_why"))
    assert t(lang, "explain_code") not in child.before
    # pexpect compiles with re.DOTALL: ".+" would run on to the last bracket of whatever output came in the same read
    child.expect(re.escape(t(lang, "code_behind_key", solver="XX")).replace("XX", "[a-z0-9-]+"))
    child.expect("2/2")  # the pending question, shown again
    child.expect_exact(t(lang, "prompt"))
    child.sendline("c")
    child.expect(t(lang, "explain_code"))
    child.expect("def ")
    child.expect("2/2")
    child.expect_exact(t(lang, "prompt"))
    child.sendline("q")
    child.expect(pexpect.EOF)


def test_commands_before_any_answer_say_so_and_nothing_else(tmp_path):
    child = spawn(tmp_path, content=content_of(tmp_path, "study-choice"))
    for command, message in [
        ("r 2", "No answer yet to re-rate."),
        ("e", "Nothing answered yet; answer first"),
        ("c", "Nothing answered yet; answer first"),
        ("9", "Answer with an option number 1–3 or letter a–c (several: 1,3)."),
    ]:
        child.expect("answer> ")
        child.sendline(command)
        child.expect_exact(message)
        child.expect("answer> ")
        assert "Answer with" not in child.before
        child.sendline("")  # so that the next round's first expect has a prompt to find
        child.expect("Type an answer")
    child.sendline("q")
    child.expect(pexpect.EOF)


def test_a_self_rated_answer_rated_good_counts_as_correct(tmp_path):
    child = spawn(tmp_path, content=content_of(tmp_path, "study-text"))
    child.expect("your answer> ")
    child.sendline("the hidden-to-hidden weight")
    child.expect("rate yourself")
    child.sendline("3")
    finish(child)
    child.close()
    assert "1 answered, 1 correct" in child.before
    assert logged(tmp_path, "rating, correct") == [(3, None)]


def test_q_at_the_self_rating_quits_and_records_nothing_of_that_answer(tmp_path):
    child = spawn(tmp_path, content=content_of(tmp_path, "study-text"))
    child.expect("your answer> ")
    child.sendline("the hidden-to-hidden weight")
    child.expect("rate yourself")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert logged(tmp_path, "rating, correct") == []


@pytest.mark.parametrize(
    "args, lang, message",
    [
        (["--tag", "nope"], "en", r"no question has the tag nope; tags: accelerators, activation, "),
        (
            ["--tag", "nope"],
            "ja",
            r"タグ「nope」の付いた問題はありません。タグ: accelerators、activation、.*… \(\+\d+\)$",
        ),
        (["--mode", "drill", "--topic", "rl"], "en", r"topic rl has no drills \(it has \d+ concept questions\)"),
        (
            ["--mode", "drill", "--topic", "rl"],
            "ja",
            r"トピック rl にはドリルがありません（概念問題が \d+ 問あります）",
        ),
        (
            ["--topic", "lstn"],
            "en",
            r"no questions on topic 'lstn' \(did you mean lstm\?\); topics: accelerators, alphago, ",
        ),
        (["--topic", "lstm", "--tag", "cnn"], "en", r"no question matches topic lstm, tag cnn"),
    ],
)
def test_an_empty_selection_says_why(args, lang, message):
    result = quiz_process("start", *args, "--lang", lang, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and re.search(message, result.stderr), result.stderr


def test_topic_and_tag_are_read_whatever_their_case():
    result = quiz_process("start", "--topic", "LSTM", "--tag", "Lstm", "--limit", "1", stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert re.search(r"1/1\s+Recurrent networks", result.stdout)
