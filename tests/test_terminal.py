"""What a learner sees and types: `quiz start` in a real pseudo-terminal (pexpect), and with piped input."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

STUDY = Path(__file__).parent / "banks" / "study"
ROOT = Path(__file__).resolve().parent.parent


def spawn(home, *args, content=STUDY):
    env = {
        **os.environ,
        "QUIZ_HOME": str(home),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "QUIZ_LANG": "en",
        "QUIZ_CONTENT_DIR": str(content) if content else "",
    }
    if not content:
        env.pop("QUIZ_CONTENT_DIR")
    return pexpect.spawn(
        sys.executable,
        ["-m", "quizcli", "start", *args],
        env=env,
        encoding="utf-8",
        timeout=60,  # only a hang waits this long for a prompt, however busy the machine
        dimensions=(50, 120),
        cwd=str(ROOT),
    )


def reviews(home):
    with sqlite3.connect(home / "quiz.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return db.execute("SELECT question_id, rating, correct FROM reviews ORDER BY id").fetchall()


def option_number(child, text):
    return re.findall(r"(\d)\) " + re.escape(text), child.before)[-1]


def answer_current(child):
    """Answer whichever study question is on screen, rightly: new cards come interleaved, so the order is the
    seed's. Returns the question's id."""
    if child.expect(["your answer> ", "answer> "]) == 0:
        child.sendline("the hidden-to-hidden weight")
        child.expect("rate yourself")
        child.sendline("3")
        return "study-text"
    screen = child.before[child.before.rfind("╭") :]  # this question's panel, not the feedback before it
    if "forget gate" in screen:
        child.sendline(option_number(child, "forget gate"))
        answered = "study-choice"
    elif "dz/dx" in screen:
        x, y = re.search(r"x = (-?[\d.]+), y = (-?[\d.]+)", screen).groups()
        child.sendline(f"{2 * (float(x) + float(y)):g}")
        answered = "study-numeric"
    elif "output size" in screen:
        child.sendline("３×３")
        answered = "study-shape"
    else:
        child.sendline(option_number(child, "gradient * rate"))
        answered = "study-code"
    child.expect("correct")
    return answered


def test_a_whole_session_by_keyboard(tmp_path):
    child = spawn(tmp_path, "--seed", "4")
    asked = [answer_current(child) for _ in range(5)]
    child.expect("Enter to finish")
    child.sendline("")
    child.expect("5 answered, 5 correct")  # the self-rated text answer (3) counts as correct
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert sorted(asked) == ["study-choice", "study-code", "study-numeric", "study-shape", "study-text"]
    assert [r[0] for r in reviews(tmp_path)] == asked
    assert ("study-text", 3, None) in reviews(tmp_path)


def test_hint_reprompt_undo_skip_rerate_and_quit(tmp_path):
    child = spawn(tmp_path, "--seed", "1")  # a seed whose first two new cards are study-choice, study-numeric
    child.expect("answer> ")
    right = option_number(child, "forget gate")
    child.sendline("?")
    child.expect("named for what it does")
    child.sendline("")
    child.expect("Type an answer")
    child.sendline("9")
    child.expect("Answer with an option number 1–3")
    wrong = {"1", "2", "3"} - {right}
    child.sendline(sorted(wrong)[0])
    child.expect("wrong")
    child.expect("answer: ")
    child.expect("answer> ")
    child.sendline("u")
    child.expect("undone")
    child.expect("1/5")
    child.expect("answer> ")
    child.sendline(right)
    child.expect("correct")
    child.expect("answer> ")
    child.sendline("r 2")
    child.expect("Rating changed to 2 hard")
    child.sendline("s")
    child.expect("Skipped")
    child.expect("3/5")
    child.sendline("q")
    child.expect(r"1 answered, 1 correct \(1 skipped\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert reviews(tmp_path) == [("study-choice", 2, 1)]


def test_ctrl_c_keeps_answers_and_exits_130(tmp_path):
    child = spawn(tmp_path, "--seed", "1")
    answer_current(child), answer_current(child)
    child.expect("answer> ")
    child.sendintr()
    child.expect("2 answered, 2 correct")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert len(reviews(tmp_path)) == 2


def test_resume_continues_with_the_next_new_question(tmp_path):
    child = spawn(tmp_path, "--seed", "1")
    first = answer_current(child)
    child.expect("answer> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child = spawn(tmp_path, "--seed", "1")
    child.expect("answer> ")
    assert "1/4" in child.before
    assert [r[0] for r in reviews(tmp_path)] == [first]  # and the next plan leaves the answered card out
    child.sendintr()
    child.expect(pexpect.EOF)


def test_sigkill_loses_no_acknowledged_answer(tmp_path):
    child = spawn(tmp_path, "--seed", "1")
    acknowledged = [answer_current(child), answer_current(child)]
    child.expect("answer> ")  # the next question shows only once the last answer is stored
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    assert [r[0] for r in reviews(tmp_path)] == acknowledged


def test_piped_answers_record_exactly_three_reviews(tmp_path):
    env = {**os.environ, "QUIZ_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--mode", "drill", "--limit", "3"],
        input="1\n1\n1\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert len(reviews(tmp_path)) == 3
    assert "3 answered" in result.stdout


def test_eof_ends_the_session_with_exit_0(tmp_path):
    env = {**os.environ, "QUIZ_HOME": str(tmp_path), "QUIZ_CONTENT_DIR": str(STUDY), "QUIZ_LANG": "ja"}
    result = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--seed", "1"],  # a seed that opens with a graded question
        input="1\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert "1 問に回答" in result.stdout
    assert len(reviews(tmp_path)) == 1


def test_unknown_topic_is_bad_input(tmp_path):
    env = {**os.environ, "QUIZ_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--topic", "nope"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and "no questions on topic 'nope'" in result.stderr


@pytest.mark.parametrize("lang, expected", [("ja", ("模擬試験の結果", "合計")), ("en", ("Mock exam results", "total"))])
def test_exam_reports_by_area_and_feeds_fsrs(tmp_path, lang, expected):
    env = {**os.environ, "QUIZ_HOME": str(tmp_path), "QUIZ_CONTENT_DIR": str(STUDY)}
    result = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--mode", "exam", "--limit", "4", "--lang", lang],
        input="1\n1\n1\n1\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert all(word in result.stdout for word in expected)
    assert "✓" not in result.stdout  # no feedback during the exam
    assert len(reviews(tmp_path)) == 4
    with sqlite3.connect(tmp_path / "quiz.db") as db:
        assert db.execute("SELECT COUNT(*) FROM cards").fetchone() == (4,)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_e_after_a_try_question_runs_its_lab(tmp_path, lang):
    import yaml

    from quizcli.i18n import t

    bank = yaml.safe_load((ROOT / "content" / "day3" / "rnn.yaml").read_text(encoding="utf-8"))
    tried = [q for q in bank["questions"] if q["id"] == "rnn-try-weight-init"]
    content = tmp_path / "content"
    content.mkdir()
    (content / "try.yaml").write_text(
        yaml.safe_dump({"format_version": 1, "questions": tried}, allow_unicode=True), encoding="utf-8"
    )
    child = spawn(tmp_path, "--lang", lang, content=content)
    child.expect_exact(t(lang, "prompt"))
    child.sendline("1")
    child.expect_exact(t(lang, "finish"))
    child.sendline("e")
    child.expect_exact(t(lang, "lab_samples_title"))
    child.expect_exact(t(lang, "lab_final_accuracy"))
    child.expect_exact(t(lang, "finish"))
    child.sendline("")
    child.expect(pexpect.EOF)
