"""The study-session engine: which questions to ask, how an answer moves its FSRS card, undo and re-rating.

Plain Python with an injected clock and random generator; the terminal loop lives in :mod:`quizcli.study.terminal`.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from quizcli.bank.catalog import Catalog, Question
from quizcli.bank.instances import Instance, instantiate
from quizcli.clock import iso, utc_now
from quizcli.study.grading import Verdict, grade
from quizcli.study.store import Review, Store

DRILL_KINDS = ("numeric", "shape", "code-choice")
DEFAULT_LIMIT = {"review": 20, "drill": 20, "exam": 100}
EXAM_SECONDS_PER_QUESTION = 72  # 100 questions in 120 minutes
FAST_SECONDS = 10.0
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}

Clock = Callable[[], datetime]


def content_hash(question: Question) -> str:
    text = json.dumps(question.spec, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def area_of(question: Question) -> str:
    return question.tags[0]


def rating_for(verdict: Verdict, seconds: float) -> int:
    """Wrong → Again, right → Good, right within FAST_SECONDS → Easy."""
    if not verdict.correct:
        return 1
    return 4 if seconds < FAST_SECONDS else 3


@dataclass
class Item:
    question: Question
    seed: int | None = None
    is_new: bool = True
    edited: bool = False
    _instance: Instance | None = field(default=None, repr=False)

    def instance(self) -> Instance:
        if self._instance is None:
            self._instance = instantiate(self.question, self.seed)
        return self._instance

    @property
    def needs_solver(self) -> bool:
        return self.question.solver is not None


@dataclass(frozen=True)
class Answered:
    item: Item
    review_id: int
    rating: int
    correct: bool | None
    given: str
    card_before: str | None
    due_before: str | None
    reviewed_at: datetime


@dataclass(frozen=True)
class ExamResult:
    """A mock exam's report card: answers right and asked, per syllabus area and in all, and the time taken."""

    areas: dict[str, tuple[int, int]]  # area → (right, asked), areas in order
    right: int
    asked: int
    used: timedelta
    allowed: timedelta  # the time limit, or the time used when there was none


def plan(
    catalog: Catalog,
    cards: dict[str, tuple[str, str, str]],
    *,
    mode: str,
    now: datetime,
    rng: random.Random,
    limit: int | None,
    topic: str | None = None,
    tags: Sequence[str] = (),
) -> list[Item]:
    """The questions of one session, in the order they will be asked."""
    selected = catalog.select(topic=topic, tags=tags)
    count = limit or DEFAULT_LIMIT[mode]

    def item(question: Question, seed: int | None = None) -> Item:
        card = cards.get(question.id)
        return Item(question, seed, is_new=card is None, edited=card is not None and card[2] != content_hash(question))

    if mode == "review":
        stamp = iso(now)
        due = sorted((q for q in selected if q.id in cards and cards[q.id][1] <= stamp), key=lambda q: cards[q.id][1])
        new = [q for q in selected if q.id not in cards]
        return [item(q) for q in (due + new)[:count]]
    if mode == "drill":
        drills = [q for q in selected if q.kind in DRILL_KINDS]
        rng.shuffle(drills)
        drills.sort(key=lambda q: "variants" not in q.spec)  # fresh numbers first
        return [item(q, rng.randrange(2**31) if "variants" in q.spec else None) for q in drills[:count]]
    return [item(q) for q in _across_areas([q for q in selected if q.kind != "text"], rng, count)]


def _across_areas(questions: list[Question], rng: random.Random, count: int) -> list[Question]:
    """Round-robin over syllabus areas, shuffled within each, so a mock exam covers the syllabus."""
    by_area: dict[str, list[Question]] = {}
    for question in questions:
        by_area.setdefault(area_of(question), []).append(question)
    pools = list(by_area.values())
    for pool in pools:
        rng.shuffle(pool)
    rng.shuffle(pools)
    chosen: list[Question] = []
    while len(chosen) < count and any(pools):
        for pool in pools:
            if pool and len(chosen) < count:
                chosen.append(pool.pop())
    return chosen


class Session:
    """One sitting: grades and records answers, undoes them, changes their rating, and keeps a mock exam's time
and score. Every change is committed at once."""

    def __init__(
        self,
        store: Store,
        items: list[Item],
        *,
        mode: str,
        clock: Clock = utc_now,
        scheduler: Any = None,
        time_limit: timedelta | None = None,
    ) -> None:
        import fsrs

        self.store, self.items, self.mode, self.clock, self.time_limit = store, items, mode, clock, time_limit
        self.scheduler = scheduler or fsrs.Scheduler()
        self.answered: list[Answered] = []
        self.skipped = 0
        self.started_at = clock()
        self.id = store.start_session(iso(self.started_at), mode, len(items))

    def answer(self, item: Item, text: str, seconds: float, option_order: list[int] | None = None) -> Answered:
        """Grade ``text``, rate it by correctness and speed, and record it. Raises :class:`grading.Unclear`, and
        records nothing, when the answer cannot be read."""
        verdict = grade(item.instance(), text, option_order)
        return self.record(item, verdict.given, rating_for(verdict, seconds), verdict.correct, seconds)

    def record(self, item: Item, given: str, rating: int, correct: bool | None, seconds: float) -> Answered:
        import fsrs

        now = self.clock()
        before = self.store.cards().get(item.question.id)
        card = fsrs.Card.from_dict(json.loads(before[0])) if before else fsrs.Card(card_id=_card_id(item))
        card, _ = self.scheduler.review_card(card, fsrs.Rating(rating), review_datetime=now)
        review = Review(
            item.question.id,
            iso(now),
            rating,
            correct,
            given,
            int(seconds * 1000),
            item.seed,
            area_of(item.question),
            self.mode,
            before[0] if before else None,
        )
        review_id = self.store.record(
            self.id, review, json.dumps(card.to_dict()), iso(card.due), content_hash(item.question)
        )
        answered = Answered(
            item, review_id, rating, correct, given, before[0] if before else None, before[1] if before else None, now
        )
        self.answered.append(answered)
        return answered

    def undo(self) -> Item | None:
        """Take back the last answer (its card returns to where it was); the item to ask again."""
        if not self.answered:
            return None
        last = self.answered.pop()
        self.store.undo(
            last.review_id, last.item.question.id, last.card_before, last.due_before, content_hash(last.item.question)
        )
        return last.item

    def rerate(self, rating: int) -> Answered | None:
        """Give the last answer another rating: its card is rescheduled from where it was before."""
        import fsrs

        if not self.answered:
            return None
        last = self.answered[-1]
        card = (
            fsrs.Card.from_dict(json.loads(last.card_before))
            if last.card_before
            else fsrs.Card(card_id=_card_id(last.item))
        )
        card, _ = self.scheduler.review_card(card, fsrs.Rating(rating), review_datetime=last.reviewed_at)
        self.store.rerate(
            last.review_id,
            last.item.question.id,
            rating,
            json.dumps(card.to_dict()),
            iso(card.due),
            content_hash(last.item.question),
        )
        self.answered[-1] = Answered(
            last.item,
            last.review_id,
            rating,
            last.correct,
            last.given,
            last.card_before,
            last.due_before,
            last.reviewed_at,
        )
        return self.answered[-1]

    def close(self) -> None:
        self.store.end_session(self.id, iso(self.clock()))

    @property
    def correct_count(self) -> int:
        return sum(1 for a in self.answered if a.correct)

    def time_left(self) -> timedelta | None:
        """What is left of the time limit, never below zero; None when there is no limit."""
        if self.time_limit is None:
            return None
        return max(self.started_at + self.time_limit - self.clock(), timedelta(0))

    @property
    def time_is_up(self) -> bool:
        return self.time_left() == timedelta(0)

    def exam_result(self) -> ExamResult:
        areas: dict[str, tuple[int, int]] = {}
        for answered in self.answered:
            area = area_of(answered.item.question)
            right, asked = areas.get(area, (0, 0))
            areas[area] = (right + bool(answered.correct), asked + 1)
        used = self.clock() - self.started_at
        return ExamResult(
            dict(sorted(areas.items())), self.correct_count, len(self.answered), used, self.time_limit or used
        )


def _card_id(item: Item) -> int:
    # fsrs.Card() without an id sleeps 1 ms to make one unique; a stable id from the question id is better.
    return int(hashlib.sha256(item.question.id.encode()).hexdigest()[:12], 16)


def exam_time_limit(count: int, limit_given: bool) -> timedelta:
    return timedelta(seconds=EXAM_SECONDS_PER_QUESTION * count) if limit_given else timedelta(minutes=120)
