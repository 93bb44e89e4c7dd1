"""The mock exam as a learner sits it: `quiz start --mode exam` in a real pseudo-terminal (pexpect), and piped."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pexpect

from quizcli.i18n import t

EXAM_BANK = Path(__file__).parent / "banks" / "exam"  # five choice questions, each with "the right one"
ROOT = Path(__file__).resolve().parent.parent
REMAINING = re.compile(r"(\d+):(\d\d):(\d\d) left answer> ")
SCREEN = {"en": ("answer> ", "the right one", "not this"), "ja": ("答え> ", "正しい選択肢", "違う選択肢")}
FEEDBACK = ("explained", "✓", "✗", "Alpha's hint", "rated")  # explanations, verdicts, a hint, ratings


def spawn(home, *args, seconds_per_question=None, lang="en"):
    env = {
        **os.environ,
        "QUIZ_HOME": str(home),
        "QUIZ_CONTENT_DIR": str(EXAM_BANK),
        "NO_COLOR": "1",
        "TERM": "dumb",
        "QUIZ_LANG": lang,
    }
    if seconds_per_question:
        env["QUIZ_EXAM_SECONDS"] = str(seconds_per_question)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "quizcli", "start", "--mode", "exam", "--seed", "3", *args],
        env=env,
        encoding="utf-8",
        timeout=60,  # only a hang waits this long for a prompt, however busy the machine
        dimensions=(50, 120),
        cwd=str(ROOT),
    )
    child.logfile_read = transcript = Transcript()
    return child, transcript


class Transcript:
    """Everything the screen showed, to check afterwards what it never showed."""

    def __init__(self):
        self.text = ""

    def write(self, data):
        self.text += data

    def flush(self):
        pass


def option(child, text):
    """The number shown before an option of the question on screen (the options are shuffled)."""
    return re.findall(r"(\d)\) " + re.escape(text), child.before)[-1]


def question(child, number, total, lang="en"):
    """Wait for question ``number``'s prompt; the option to type for the right answer and for a wrong one."""
    prompt, right, wrong = SCREEN[lang]
    child.expect(f"{number}/{total} ")  # the panel's header
    child.expect(prompt)
    return option(child, right), option(child, wrong)


def database(home, sql):
    with sqlite3.connect(home / "quiz.db") as db:
        return db.execute(sql).fetchall()


def test_right_wrong_skipped_late_and_unreached_score_1_of_5(tmp_path):
    child, transcript = spawn(tmp_path, "--limit", "5", seconds_per_question=3)  # 15 s for the whole exam
    right, _ = question(child, 1, 5)
    assert "s=skip g N=go to N l=list q=submit" in child.before
    assert "?=hint" not in child.before and "e=explain" not in child.before and "r N" not in child.before
    for refused in ("e", "u", "?", "r 2", "c"):
        child.sendline(refused)
        child.expect_exact(t("en", "exam_refused"))
        child.expect("answer> ")
    child.sendline(right)
    _, wrong = question(child, 2, 5)
    child.sendline(wrong)
    question(child, 3, 5)
    child.sendline("s")
    right, _ = question(child, 4, 5)
    hours, minutes, seconds = map(int, REMAINING.findall(child.before + child.after)[-1])
    time.sleep(3600 * hours + 60 * minutes + seconds + 1.5)
    child.sendline(right)
    child.expect_exact("Time is up.")
    child.expect_exact("Mock exam results")
    child.expect(r"total\s*│\s*1/5\s*│\s*20")
    child.expect_exact("score 1/5 (20 %)")
    child.expect_exact("To review (4; quiz explain shows why):")
    child.expect(r"2\s+wrong\s+quiz explain exam-")
    child.expect(r"3\s+unanswered\s+quiz explain exam-")
    child.expect(r"4\s+time ran out\s+quiz explain exam-")
    child.expect(r"5\s+not reached\s+quiz explain exam-")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    shown_before_the_report = transcript.text.split("Mock exam results")[0]
    assert not [word for word in FEEDBACK if word in shown_before_the_report]
    assert database(tmp_path, "SELECT correct, mode FROM reviews ORDER BY id") == [(1, "exam"), (0, "exam")]
    assert database(tmp_path, "SELECT status FROM exam_answers ORDER BY position") == [
        ("right",),
        ("wrong",),
        ("skipped",),
        ("timed_out",),
        ("unseen",),
    ]


def test_skipped_questions_are_offered_again_before_submitting(tmp_path):
    child, _ = spawn(tmp_path, "--limit", "3", "--lang", "ja", lang="ja")
    child.expect("1/3 残り")
    child.expect("答え> ")
    child.sendline("s")
    right, _ = question(child, 2, 3, "ja")
    child.sendline("l")
    child.expect_exact("見直し: 回答済 0/3")
    child.expect_exact("未回答: 1, 2, 3")
    child.sendline(right)
    question(child, 3, 3, "ja")
    child.sendline("g 9")
    child.expect_exact("問題番号は 1〜3 です")
    child.sendline("s")
    child.expect_exact("見直し: 回答済 1/3")
    child.expect_exact("未回答 2 問。Enter=未回答の問題へ")
    child.sendline("")
    right, _ = question(child, 1, 3, "ja")
    child.sendline(right)
    _, wrong = question(child, 3, 3, "ja")  # the next unanswered one
    child.sendline(wrong)
    child.expect_exact("すべて回答しました。Enter=提出")
    child.sendline("g 2")
    child.expect("2/3 ")
    child.expect_exact("今の回答: ")
    child.expect("答え> ")
    child.sendline("s")
    child.expect_exact("すべて回答しました。Enter=提出")
    child.sendline("")
    child.expect_exact("模擬試験の結果")
    child.expect_exact("得点 2/3（67%）")
    child.expect_exact("見直す問題 1 問")
    child.expect(r"3\s+不正解\s+quiz explain exam-")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(database(tmp_path, "SELECT * FROM reviews")) == 3


def test_ctrl_c_keeps_the_answers_of_an_interrupted_exam_unscored(tmp_path):
    child, _ = spawn(tmp_path, "--limit", "3")
    right, _ = question(child, 1, 3)
    child.sendline(right)
    question(child, 2, 3)
    child.sendintr()
    child.expect_exact("Mock exam interrupted. Answers kept: 1;")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert database(tmp_path, "SELECT status FROM exams") == [("interrupted",)]
    assert database(tmp_path, "SELECT COUNT(answer) FROM exam_answers") == [(1,)]
    assert database(tmp_path, "SELECT COUNT(*) FROM reviews") == [(0,)]


def test_sigkill_loses_no_exam_answer(tmp_path):
    child, _ = spawn(tmp_path, "--limit", "3")
    right, _ = question(child, 1, 3)
    child.sendline(right)
    _, wrong = question(child, 2, 3)
    child.sendline(wrong)
    question(child, 3, 3)  # the prompt comes only once the answer before it is stored
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    assert database(tmp_path, "SELECT correct FROM exam_answers ORDER BY position") == [(1,), (0,), (None,)]
    assert database(tmp_path, "SELECT status FROM exams") == [("open",)]
    env = {**os.environ, "QUIZ_HOME": str(tmp_path), "QUIZ_LANG": "en"}
    stats = subprocess.run(
        [sys.executable, "-m", "quizcli", "stats"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert "unfinished" in stats.stdout


def test_piped_answers_are_read_line_by_line_and_the_end_of_input_submits(tmp_path):
    env = {**os.environ, "QUIZ_HOME": str(tmp_path), "QUIZ_CONTENT_DIR": str(EXAM_BANK), "QUIZ_LANG": "ja"}
    result = subprocess.run(
        [sys.executable, "-m", "quizcli", "start", "--mode", "exam", "--limit", "3", "--pass-mark", "60"],
        input="1\ne\n2\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert t("ja", "exam_refused") in result.stdout
    assert re.search(t("ja", "total") + r"\s*│\s*\d/3", result.stdout) and "合格ライン 60%" in result.stdout
    assert database(tmp_path, "SELECT status FROM exam_answers ORDER BY position")[2] == ("skipped",)
    assert len(database(tmp_path, "SELECT * FROM reviews")) == 2
