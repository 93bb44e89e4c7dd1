"""The study-session engine: which questions to ask, how an answer moves its FSRS card, undo and re-rating.

Plain Python with an injected clock and random generator; the terminal loop lives in :mod:`quizcli.study.terminal`.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import random
import unicodedata
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from quizcli.bank.catalog import Catalog, Question, syllabus
from quizcli.bank.instances import Instance, instantiate
from quizcli.clock import iso, utc_now
from quizcli.i18n import LANGS
from quizcli.study.grading import grade
from quizcli.study.store import Review, Store

DRILL_KINDS = ("numeric", "shape", "code-choice")
DEFAULT_LIMIT = {"review": 20, "drill": 20, "exam": 100}
# The share of basic, standard and hard questions in a mock exam (difficulty 1, 2, 3): mostly questions that
# test understanding, as candidates report the real exam to be, with some recall and some multi-step ones.
EXAM_DIFFICULTY_MIX = {1: 0.3, 2: 0.5, 3: 0.2}
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
SEED_RANGE = 1_000_000  # six digits: read off the header, typed after quiz explain --seed; plenty of draws per drill
# An answer is fast (Easy) when it comes before a prepared learner could have read the question and thought it
# through. Thinking, by kind: recognising a concept, reading code against the question, a size formula, a
# small calculation by hand.
THINKING_SECONDS = {"choice": 2.0, "code-choice": 5.0, "shape": 8.0, "numeric": 15.0}
# Reading, in characters per second: a wide (CJK) character says about what 2.5 narrow ones do, so a question
# takes about as long in Japanese as in English; code is read more slowly than prose.
WIDE_PER_SECOND, NARROW_PER_SECOND, CODE_PER_SECOND = 8.0, 20.0, 12.0

Clock = Callable[[], datetime]
K = TypeVar("K")


def content_hash(question: Question) -> str:
    text = json.dumps(question.spec, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def area_of(question: Question) -> str:
    """The syllabus section a question counts under in stats and in a mock exam's report."""
    return question.section


@dataclass
class Item:
    question: Question
    seed: int | None = None
    is_new: bool = True
    edited: bool = False
    hinted: bool = False  # the learner asked for the hint
    feedback_seen: bool = False  # answered, shown the key, then undone: typing the key again is not recall
    _instance: Instance | None = field(default=None, repr=False)

    def instance(self) -> Instance:
        if self._instance is None:
            self._instance = instantiate(self.question, self.seed)
        return self._instance

    @property
    def needs_solver(self) -> bool:
        return self.question.solver is not None


def rating_for(item: Item, correct: bool, seconds: float | None) -> int:
    """The FSRS rating of a graded answer. Wrong, or right only after the key was shown (u, then again) → Again;
    right after the hint → Hard; right → Good; right within :func:`fast_seconds` → Easy. ``seconds`` is None
    when the time says nothing of the learner (answers piped in)."""
    if not correct or item.feedback_seen:
        return 1
    if item.hinted:
        return 2
    if seconds is not None and seconds < fast_seconds(item.question):
        return 4
    return 3


def fast_seconds(question: Question) -> float:
    """Faster than this is Easy: the time to read the question and its options, plus thinking time by kind."""
    options = question.spec.get("options", [])
    prose = [question.spec["prompt"], *(option["text"] for option in options if "text" in option)]
    code = "".join(option["code"] for option in options if "code" in option)
    # The mean over the languages: the same answer time rates the same whichever language it was read in.
    reading = sum(_reading_seconds(_in(text, lang)) for text in prose for lang in LANGS) / len(LANGS)
    return THINKING_SECONDS.get(question.kind, 0.0) + reading + len(code) / CODE_PER_SECOND


def _in(text: str | dict[str, str], lang: str) -> str:
    """A bank text in ``lang``: bilingual, or one string for both (a formula, a name)."""
    return text if isinstance(text, str) else text[lang]


def _reading_seconds(text: str) -> float:
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return wide / WIDE_PER_SECOND + (len(text) - wide) / NARROW_PER_SECOND


@dataclass(frozen=True)
class Answered:
    item: Item
    review_id: int
    rating: int
    correct: bool | None  # None: a free-text answer, rated by the learner rather than graded
    given: str
    card_before: str | None
    due_before: str | None
    reviewed_at: datetime

    @property
    def counts_as_correct(self) -> bool:
        """Graded: the verdict. Self-rated: Good or Easy, the learner's own "I had it"."""
        return self.correct if self.correct is not None else self.rating >= 3


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
    """The questions of one session, in the order they will be asked. Raises :class:`NothingToStudy` when the
    topic, tags and mode leave nothing to ask."""
    selected = _select(catalog, topic=topic, tags=tags, mode=mode)
    count = limit or DEFAULT_LIMIT[mode]

    def item(question: Question, seed: int | None = None) -> Item:
        card = cards.get(question.id)
        return Item(question, seed, is_new=card is None, edited=card is not None and card[2] != content_hash(question))

    if mode == "review":
        stamp = iso(now)
        # The earliest due first: heapq.nsmallest is sorted()[:count], without sorting thousands of due cards.
        due = heapq.nsmallest(
            count, (q for q in selected if q.id in cards and cards[q.id][1] <= stamp), key=lambda q: cards[q.id][1]
        )
        new = _interleaved(
            [q for q in selected if q.id not in cards],
            rng,
            after=area_of(due[-1]) if due else None,
            limit=count - len(due),
        )
        # A drill comes back with fresh numbers: what is reviewed is the method, not a remembered result.
        return [*(item(q, _fresh_seed(q, rng)) for q in due), *(item(q) for q in new)]
    if mode == "drill":
        drills = [q for q in selected if q.kind in DRILL_KINDS]
        rng.shuffle(drills)
        drills.sort(key=lambda q: not q.has_variants)  # fresh numbers first
        return [item(q, _fresh_seed(q, rng)) for q in drills[:count]]
    return [item(q) for q in _by_weight([q for q in selected if q.kind != "text"], rng, count)]


class NothingToStudy(Exception):
    """The topic, tags and mode select nothing to ask; ``key`` names the message that says why, ``details`` fill
    it in (the terminal words it in the learner's language)."""

    def __init__(self, key: str, **details: Any) -> None:
        super().__init__(key)
        self.key, self.details = key, details


def _select(catalog: Catalog, *, topic: str | None, tags: Sequence[str], mode: str) -> list[Question]:
    """The questions on ``topic`` with every tag in ``tags`` (an unknown one raises the catalog's UnknownName)."""
    selected = catalog.select(topic=topic, tags=tags)
    if not selected:
        raise NothingToStudy("no_match", topic=topic, tags=list(tags))
    if mode == "drill" and not any(q.kind in DRILL_KINDS for q in selected):
        raise NothingToStudy("no_drills", topic=topic, tags=list(tags), count=len(selected))
    return selected


def _interleaved(
    questions: list[Question], rng: random.Random, after: str | None = None, limit: int | None = None
) -> list[Question]:
    """New questions syllabus section by section in turn, each section's easiest first, so that no two in a row
    share a section (nor the first the section ``after``) unless one section has too many for that. ``rng``
    orders the sections and the questions of equal difficulty. With ``limit``, the first ``limit`` of that order
    (the same, and drawn from ``rng`` alike)."""
    pools: dict[str, deque[Question]] = {}
    for question in sorted(rng.sample(questions, len(questions)), key=lambda q: q.difficulty):
        pools.setdefault(area_of(question), deque()).append(question)
    turns = list(pools)
    rng.shuffle(turns)
    ordered: list[Question] = []
    previous = after
    while turns and (limit is None or len(ordered) < limit):
        previous = _next_section(turns, pools, previous)
        ordered.append(pools[previous].popleft())
        turns.remove(previous)
        if pools[previous]:
            turns.append(previous)
    return ordered


def _next_section(turns: list[str], pools: dict[str, deque[Question]], previous: str | None) -> str:
    """The first section in turn other than ``previous``; but one holding over half of what is left comes now,
    or there will not be enough others to put between its questions."""
    left = sum(len(pool) for pool in pools.values())
    crowded = max(turns, key=lambda section: len(pools[section]))
    if crowded != previous and 2 * len(pools[crowded]) > left:
        return crowded
    return next((section for section in turns if section != previous), turns[0])


def _fresh_seed(question: Question, rng: random.Random) -> int | None:
    return rng.randrange(SEED_RANGE) if question.has_variants else None


def _by_weight(questions: list[Question], rng: random.Random, count: int) -> list[Question]:
    """A mock exam: each syllabus section gets a share of ``count`` in proportion to its exam weight, and within
    a section the difficulties follow :data:`EXAM_DIFFICULTY_MIX` as far as the bank allows (both by
    :func:`apportion`), the questions drawn at random; then all are shuffled together."""
    pools: dict[tuple[str, int], list[Question]] = {}
    for question in questions:
        pools.setdefault((area_of(question), question.difficulty), []).append(question)
    for pool in pools.values():
        rng.shuffle(pool)
    sections = syllabus().sections
    in_section: dict[str, dict[int, int]] = {}
    for (section, difficulty), pool in pools.items():
        in_section.setdefault(section, {})[difficulty] = len(pool)
    weights = {section: sections[section].weight if section in sections else 0.0 for section in in_section}
    capacity = {section: sum(sizes.values()) for section, sizes in in_section.items()}
    chosen: list[Question] = []
    for section, seats in apportion(weights, capacity, count, rng).items():
        mix = {difficulty: EXAM_DIFFICULTY_MIX[difficulty] for difficulty in in_section[section]}
        for difficulty, taken in apportion(mix, in_section[section], seats, rng).items():
            chosen += pools[section, difficulty][:taken]
    rng.shuffle(chosen)
    return chosen


def apportion(weights: Mapping[K, float], capacity: Mapping[K, int], count: int, rng: random.Random) -> dict[K, int]:
    """Share ``count`` seats among sections in proportion to ``weights``, no section over its ``capacity``.

    Sainte-Laguë: each seat goes to the open section with the highest weight / (2·seats + 1), which keeps
    every share within a seat of its exact proportion and favours neither large nor small sections; a section
    that runs out of questions leaves its seats to the others. Ties are broken at random."""
    seats: dict[K, int] = dict.fromkeys(weights, 0)
    for _ in range(min(count, sum(capacity.values()))):
        open_sections = [s for s in weights if seats[s] < capacity[s]]
        best = max(open_sections, key=lambda s: (weights[s] / (2 * seats[s] + 1), rng.random()))
        seats[best] += 1
    return seats


class Session:
    """One sitting: grades and records answers, undoes them, changes their rating, and keeps the time limit of a
    mock exam (:mod:`quizcli.study.exam` keeps its answers and score). Every change is committed at once."""

    def __init__(
        self,
        store: Store,
        items: list[Item],
        *,
        mode: str,
        clock: Clock = utc_now,
        scheduler: Any = None,
        time_limit: timedelta | None = None,
        piped: bool = False,
    ) -> None:
        import fsrs

        self.store, self.items, self.mode, self.clock, self.time_limit = store, items, mode, clock, time_limit
        self.piped = piped  # answers read from a pipe, not typed: their time says nothing of the learner
        self.scheduler = scheduler or fsrs.Scheduler()
        self.answered: list[Answered] = []
        self.skipped = 0
        self.started_at = clock()
        self.id = store.start_session(iso(self.started_at), mode, len(items))

    def answer(self, item: Item, text: str, seconds: float, option_order: list[int] | None = None) -> Answered:
        """Grade ``text``, rate it by correctness and speed, and record it. Raises :class:`grading.Unclear`, and
        records nothing, when the answer cannot be read."""
        verdict = grade(item.instance(), text, option_order)
        return self.record(item, verdict.given, self.rating(item, verdict.correct, seconds), verdict.correct, seconds)

    def rating(self, item: Item, correct: bool, seconds: float) -> int:
        """:func:`rating_for`, with no Easy for piped answers."""
        return rating_for(item, correct, None if self.piped else seconds)

    def hint_taken(self, item: Item) -> None:
        """The learner asked for the hint (one there is): a right answer now rates Hard at best."""
        item.hinted = item.hinted or "hint" in item.question.spec

    def record(self, item: Item, given: str, rating: int, correct: bool | None, seconds: float) -> Answered:
        now = self.clock()
        before = self.store.cards().get(item.question.id)
        review, card, due = self.reviewed(item, given, rating, correct, seconds, now, before[0] if before else None)
        review_id = self.store.record(self.id, review, card, due, content_hash(item.question))
        answered = Answered(
            item, review_id, rating, correct, given, before[0] if before else None, before[1] if before else None, now
        )
        self.answered.append(answered)
        return answered

    def reviewed(
        self,
        item: Item,
        given: str,
        rating: int,
        correct: bool | None,
        seconds: float,
        at: datetime,
        card_before: str | None,
    ) -> tuple[Review, str, str]:
        """The review of an answer given ``at`` and where it moves the card: (review, card JSON, due). Nothing is
        stored: :meth:`record` stores one at once, a mock exam all of its own at submission."""
        import fsrs

        card = fsrs.Card.from_dict(json.loads(card_before)) if card_before else fsrs.Card(card_id=_card_id(item))
        card, _ = self.scheduler.review_card(card, fsrs.Rating(rating), review_datetime=at)
        review = Review(
            item.question.id,
            iso(at),
            rating,
            correct,
            given,
            int(seconds * 1000),
            item.seed,
            area_of(item.question),
            self.mode,
            card_before,
        )
        return review, json.dumps(card.to_dict()), iso(card.due)

    def undo(self) -> Item | None:
        """Take back the last answer (its card returns to where it was); the item to ask again."""
        if not self.answered:
            return None
        last = self.answered.pop()
        self.store.undo(
            last.review_id, last.item.question.id, last.card_before, last.due_before, content_hash(last.item.question)
        )
        last.item.feedback_seen = True  # its feedback, and so the key, came with the answer
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
        return sum(1 for a in self.answered if a.counts_as_correct)

    def time_left(self) -> timedelta | None:
        """What is left of the time limit, never below zero; None when there is no limit."""
        if self.time_limit is None:
            return None
        return max(self.started_at + self.time_limit - self.clock(), timedelta(0))


def _card_id(item: Item) -> int:
    # fsrs.Card() without an id sleeps 1 ms to make one unique; a stable id from the question id is better.
    return int(hashlib.sha256(item.question.id.encode()).hexdigest()[:12], 16)
