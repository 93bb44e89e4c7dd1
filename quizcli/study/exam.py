"""The mock exam, sat like the real CBT: every question drawn counts, nothing is graded on screen before the report,
and FSRS hears of the answers once, when the exam is handed in.

An answer is stored the moment it is given, as a pending row of the exam, so Ctrl-C or a killed process loses
none; :meth:`Exam.submit` then scores every drawn question and moves the card of each answered one in a single
transaction. Plain Python with the session's injected clock; the keyboard side is :mod:`quizcli.study.exam_loop`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from quizcli.bank.catalog import syllabus
from quizcli.clock import iso, utc_now
from quizcli.errors import BadInput
from quizcli.study.grading import grade
from quizcli.study.session import Item, Session, area_of, content_hash
from quizcli.study.store import CardMove, Store

SECONDS_PER_QUESTION = 72  # the real exam's pace: about 100 questions in 120 minutes
FULL_EXAM = timedelta(minutes=120)


def exam_time_limit(count: int, limit_given: bool) -> timedelta:
    """120 minutes for the full exam, 72 s a question for a shorter one.

    QUIZ_EXAM_SECONDS, seconds per question for any exam, exists so that tests can sit a real exam whose time runs
    out in seconds (docs/development.md).
    """
    override = os.environ.get("QUIZ_EXAM_SECONDS")
    if override:
        try:
            seconds = float(override)
        except ValueError:
            seconds = 0
        if not seconds > 0:
            raise BadInput(f"QUIZ_EXAM_SECONDS={override!r}: give a positive number of seconds per question")
        return timedelta(seconds=seconds * count)
    return timedelta(seconds=SECONDS_PER_QUESTION * count) if limit_given else FULL_EXAM


class TimeUp(Exception):
    """The time limit has passed: the exam is over, and whatever the learner typed last is not scored."""


@dataclass(frozen=True)
class Given:
    """The learner's current answer to one question, as graded (never shown before the report)."""

    text: str
    correct: bool
    rating: int
    seconds: float
    at: datetime


@dataclass(frozen=True)
class Outcome:
    """One drawn question in the report: right, wrong, skipped (seen, never answered), timed_out (on screen when
    the time ran out, not answered in time) or unseen (never reached)."""

    number: int  # as on screen, from 1
    item: Item
    status: str

    @property
    def area(self) -> str:
        return area_of(self.item.question)


@dataclass(frozen=True)
class ExamResult:
    outcomes: tuple[Outcome, ...]
    used: timedelta
    allowed: timedelta
    pass_mark: int | None  # percent, when the learner set one

    @property
    def right(self) -> int:
        return sum(outcome.status == "right" for outcome in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def percent(self) -> float:
        return 100 * self.right / self.total if self.total else 0.0

    @property
    def passed(self) -> bool | None:
        return None if self.pass_mark is None else self.percent >= self.pass_mark

    @property
    def areas(self) -> dict[str, tuple[int, int]]:
        """Syllabus section → (right, drawn), in syllabus order."""
        areas: dict[str, tuple[int, int]] = {}
        for outcome in self.outcomes:
            right, drawn = areas.get(outcome.area, (0, 0))
            areas[outcome.area] = (right + (outcome.status == "right"), drawn + 1)
        return dict(sorted(areas.items(), key=lambda item: syllabus().position(item[0])))

    @property
    def to_review(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status != "right"]


class Exam:
    """One mock exam: its questions in order, the learner's answers so far, its clock; submission or interruption
    ends it. Questions are addressed by their index in :attr:`items`."""

    def __init__(
        self,
        store: Store,
        items: list[Item],
        *,
        time_limit: timedelta,
        pass_mark: int | None = None,
        clock: Callable[[], datetime] = utc_now,
        scheduler: Any = None,
        piped: bool = False,
    ) -> None:
        self.session = Session(
            store, items, mode="exam", clock=clock, scheduler=scheduler, time_limit=time_limit, piped=piped
        )
        self.items, self.time_limit, self.pass_mark = items, time_limit, pass_mark
        self.given: dict[int, Given] = {}
        self.seen: set[int] = set()
        self.timed_out: int | None = None
        store.start_exam(
            self.session.id,
            [(item.question.id, item.seed, area_of(item.question)) for item in items],
            time_limit.total_seconds(),
            pass_mark,
        )

    def time_left(self) -> timedelta:
        return self.session.time_left() or timedelta(0)  # a session with a time limit never says None

    def show(self, index: int) -> Given | None:
        """The learner sees question ``index``; their answer to it so far, if any."""
        self.seen.add(index)
        return self.given.get(index)

    def check_time(self, index: int | None) -> None:
        """Raise :class:`TimeUp` once the limit has passed; question ``index``, on screen then and not answered in
        time, counts as timed out."""
        if self.time_left():
            return
        if index is not None and index not in self.given:
            self.timed_out = index
        raise TimeUp

    def answer(self, index: int, text: str, seconds: float, option_order: list[int] | None = None) -> None:
        """Grade and store the answer to question ``index``, in place of any earlier one. Raises :class:`TimeUp`
        after the limit and :class:`grading.Unclear` for an answer that cannot be read; neither keeps anything."""
        self.check_time(index)
        verdict = grade(self.items[index].instance(), text, option_order)
        now = self.session.clock()
        rating = self.session.rating(self.items[index], verdict.correct, seconds)
        given = Given(verdict.given, verdict.correct, rating, seconds, now)
        self.session.store.save_exam_answer(
            self.session.id, index, given.text, given.correct, int(seconds * 1000), iso(now)
        )
        self.given[index] = given

    def unanswered(self) -> list[int]:
        return [index for index in range(len(self.items)) if index not in self.given]

    def next_unanswered(self, after: int) -> int | None:
        """The first unanswered question after ``after``; None when none is left after it."""
        return next((index for index in self.unanswered() if index > after), None)

    def submit(self) -> ExamResult:
        """Hand the exam in: score every drawn question and move each answered card, in one transaction."""
        result = ExamResult(
            tuple(Outcome(index + 1, item, self._status(index)) for index, item in enumerate(self.items)),
            self._time_used(),
            self.time_limit,
            self.pass_mark,
        )
        cards = self.session.store.cards()
        moves = {}
        for index, given in self.given.items():
            item = self.items[index]
            before = cards.get(item.question.id)
            review, card, due = self.session.reviewed(
                item, given.text, given.rating, given.correct, given.seconds, given.at, before[0] if before else None
            )
            moves[index] = CardMove(review, card, due, content_hash(item.question))
        self.session.store.submit_exam(
            self.session.id,
            {outcome.number - 1: outcome.status for outcome in result.outcomes},
            moves,
            result.right,
            result.used.total_seconds(),
        )
        return result

    def interrupt(self) -> None:
        """Keep the exam as interrupted: its answers stay stored, neither scored nor shown to FSRS."""
        self.session.store.interrupt_exam(self.session.id, self._time_used().total_seconds())

    def _time_used(self) -> timedelta:
        # Past the limit the exam is over, not running: a late answer adds nothing to its time.
        return min(self.session.clock() - self.session.started_at, self.time_limit)

    def _status(self, index: int) -> str:
        given = self.given.get(index)
        if given is not None:
            return "right" if given.correct else "wrong"
        if index == self.timed_out:
            return "timed_out"
        return "skipped" if index in self.seen else "unseen"
