"""The mock exam at the keyboard, like the real CBT: questions in order, skip and come back (g N, l, the review
screen after the last question), the time left on every prompt, and no feedback of any kind until the report.

Input and output only; :mod:`quizcli.study.exam` keeps the answers, the clock and the score. The end of the input
hands the exam in; Ctrl-C keeps it as interrupted (exit 130), its answers stored but not scored.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from typing import Any

from quizcli.bank.catalog import syllabus
from quizcli.bank.instances import InstanceError
from quizcli.errors import EXIT_INTERRUPTED, EXIT_OK
from quizcli.formats import format_duration
from quizcli.i18n import t
from quizcli.study import grading
from quizcli.study.exam import Exam, ExamResult, Outcome, TimeUp
from quizcli.study.session import Item
from quizcli.study.terminal import StudyLoop
from quizcli.typeset import Paragraph

# What the study loop offers and an exam must refuse: the hint, the explanation and its code, undo and re-rating
# all give away or change a graded answer before the report.
FEEDBACK_COMMAND = re.compile(r"[?ceu]|r\s*\d*")
GO_TO = re.compile(r"g\s*(\d+)")
ROW = 10  # questions per row of the review screen's grid


class Submit(Exception):
    """The learner hands the exam in."""


class GoTo(Exception):
    """Leave the screen for question ``index``, or for the review screen when it is None."""

    def __init__(self, index: int | None) -> None:
        super().__init__(index)
        self.index = index


class ExamLoop(StudyLoop):
    commands_key = "exam_commands"

    def __init__(
        self,
        exam: Exam,
        *,
        lang: str,
        console: Any,
        read: Callable[[str], str] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(exam.session, exam.items, lang=lang, console=console, read=read, rng=rng)
        self.mock_exam = exam

    def run(self) -> int:
        try:
            self._warm_up_solvers()
            self._sit()
        except (Submit, EOFError):
            pass
        except TimeUp:
            self._say("exam_over", "bold red")
        except KeyboardInterrupt:
            self.mock_exam.interrupt()
            self.session.close()
            self.console.print()
            self._say("exam_interrupted", "yellow", answered=len(self.mock_exam.given))
            return EXIT_INTERRUPTED
        result = self.mock_exam.submit()
        self.session.close()
        self.console.print(self._report(result))
        return EXIT_OK

    def _sit(self) -> None:
        """Move between the questions and the review screen until the exam is handed in or the time is up."""
        position: int | None = 0
        while True:
            try:
                if position is None:
                    self._review_screen()
                else:
                    self._question(position)
            except GoTo as move:
                position = move.index

    # -- screens: each ends by raising where to go (GoTo), Submit or TimeUp -----------------------------------
    def _question(self, index: int) -> None:
        item = self.mock_exam.items[index]
        try:
            self.console.print(self._question_panel(item))
        except InstanceError as error:  # a broken bank entry stays unanswered rather than end the exam
            self._say("broken_question", "red", error=error)
            raise GoTo(self.mock_exam.next_unanswered(index)) from None
        given = self.mock_exam.show(index)
        if given is not None:
            self._say("exam_your_answer", "dim", answer=given.text)
        shown = time.monotonic()
        while True:
            line = self.read(self._prompt(index))
            self.mock_exam.check_time(index)
            word = grading.normalize(line).lower()
            if self._navigate(word):
                continue
            if word == "s":
                raise GoTo(self.mock_exam.next_unanswered(index))
            if FEEDBACK_COMMAND.fullmatch(word):
                self._say("exam_refused", "yellow")
                continue
            if not word:
                self._say("exam_empty", "yellow")
                continue
            try:
                self.mock_exam.answer(index, line, time.monotonic() - shown, self._order(item))
            except grading.Unclear as unclear:
                self._say(unclear.key, "yellow", **unclear.details)
                continue
            raise GoTo(self.mock_exam.next_unanswered(index))

    def _review_screen(self) -> None:
        """After the last question: the unanswered ones again (Enter), any question (g N), or hand in (q)."""
        self._print_list()
        while True:
            left = self.mock_exam.unanswered()
            prompt = t(self.lang, "exam_review_left", count=len(left)) if left else t(self.lang, "exam_review_done")
            word = grading.normalize(self.read(prompt)).lower()
            self.mock_exam.check_time(None)
            if self._navigate(word):
                continue
            if word:
                self._say("exam_review_keys", "yellow")
                continue
            if left:
                raise GoTo(left[0])
            raise Submit

    def _navigate(self, word: str) -> bool:
        """q, l and g N, the same at a question and on the review screen; True when ``word`` was l or a g N out
        of range (the learner stays where they are)."""
        if word == "q":
            raise Submit
        if word == "l":
            self._print_list()
            return True
        if match := GO_TO.fullmatch(word):
            number = int(match[1])
            if 1 <= number <= len(self.mock_exam.items):
                raise GoTo(number - 1)
            self._say("exam_go_to_range", "yellow", total=len(self.mock_exam.items))
            return True
        return False

    # -- rendering --------------------------------------------------------------------------------
    def _number(self, item: Item) -> int:
        return next(number for number, drawn in enumerate(self.mock_exam.items, 1) if drawn is item)

    def _prompt(self, index: int) -> str:
        return t(
            self.lang,
            "exam_prompt",
            number=index + 1,
            total=len(self.mock_exam.items),
            remaining=format_duration(self.mock_exam.time_left()),
        )

    def _print_list(self) -> None:
        """Every question as answered (●) or not (○), ten to a row, with the time left: the CBT's 見直し画面."""
        unanswered = self.mock_exam.unanswered()
        total = len(self.mock_exam.items)
        cells = [f"{number:>3} {'○' if number - 1 in unanswered else '●'}" for number in range(1, total + 1)]
        self.console.print(
            t(
                self.lang,
                "exam_list_title",
                remaining=format_duration(self.mock_exam.time_left()),
                answered=total - len(unanswered),
                total=total,
            ),
            style="bold",
        )
        for start in range(0, total, ROW):
            self.console.print("  ".join(cells[start : start + ROW]), highlight=False)
        if unanswered:
            numbers = ", ".join(str(index + 1) for index in unanswered)
            self._say("exam_unanswered", "dim", numbers=numbers)

    def _report(self, result: ExamResult) -> Any:
        from rich.console import Group
        from rich.padding import Padding
        from rich.table import Table
        from rich.text import Text

        from quizcli.typeset import Fitted

        table = Table(t(self.lang, "section"), t(self.lang, "score"), "%", title=t(self.lang, "exam_report"))
        for area, (right, drawn) in result.areas.items():
            table.add_row(
                Paragraph(syllabus().section_name(area, self.lang)), f"{right}/{drawn}", f"{100 * right / drawn:.0f}"
            )
        table.add_row(t(self.lang, "total"), f"{result.right}/{result.total}", f"{result.percent:.0f}", style="bold")
        parts: list[Any] = [
            table,
            Text(t(self.lang, "exam_score", right=result.right, total=result.total, percent=result.percent), "bold"),
            Text(t(self.lang, "time_used", used=format_duration(result.used), limit=format_duration(result.allowed))),
        ]
        if result.passed is not None:
            verdict = t(self.lang, "exam_passed" if result.passed else "exam_failed")
            parts.append(
                Text(
                    t(self.lang, "exam_pass_line", mark=result.pass_mark, verdict=verdict),
                    style="bold green" if result.passed else "bold red",
                )
            )
        if result.to_review:
            parts.append(Text(t(self.lang, "exam_to_review", count=len(result.to_review)), style="bold"))
            review = Table(box=None, show_header=False, pad_edge=False)
            review.add_column(no_wrap=True)
            review.add_column(no_wrap=True)
            review.add_column(no_wrap=True)  # a command to copy: whole, or on a line of its own below
            stacked: list[Any] = []
            for outcome in result.to_review:
                number, status = f"{outcome.number:>3}", t(self.lang, f"exam_status_{outcome.status}")
                review.add_row(number, status, _explain_command(outcome))
                stacked += [Text(f"{number}  {status}"), Padding(Paragraph(_explain_command(outcome)), (0, 0, 0, 2))]
            parts.append(Fitted(review, Group(*stacked)))
        return Group(*parts)


def _explain_command(outcome: Outcome) -> str:
    seed = outcome.item.seed
    return f"quiz explain {outcome.item.question.id}" + (f" --seed {seed}" if seed is not None else "")
