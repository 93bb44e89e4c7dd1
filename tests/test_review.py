"""Reviews that re-teach: fresh numbers for a due drill, new cards interleaved across topics, ratings that say how
the answer came, and the messages for a selection with nothing in it. The engine alone, with a real store."""

import random
from datetime import timedelta
from pathlib import Path

import fsrs
import pytest

from quizcli.bank.catalog import Catalog, Question, UnknownName, load_catalog
from quizcli.study.grading import Unclear, choice_indices
from quizcli.study.session import Item, NothingToStudy, Session, fast_seconds, plan, rating_for
from quizcli.study.store import open_store
from tests.conftest import T0

STUDY = Path(__file__).parent / "banks" / "study"


@pytest.fixture
def study():
    return load_catalog([STUDY])


@pytest.fixture(scope="module")
def shipped():
    return load_catalog()


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path)
    yield opened
    opened.close()


def session_for(store, items, now=T0, piped=False):
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    return Session(store, items, mode="review", clock=lambda: now, scheduler=scheduler, piped=piped)


def review_plan(catalog, cards, seed, now=T0, limit=None):
    return plan(catalog, cards, mode="review", now=now, rng=random.Random(seed), limit=limit)


def by_id(items):
    return {item.question.id: item for item in items}


def logged(store, columns):
    return store.db.execute(f"SELECT {columns} FROM reviews ORDER BY id").fetchall()


# -- a due drill comes back with fresh numbers --------------------------------------------------------------------


def test_a_drill_reviewed_twice_shows_different_numbers_each_time(study, store):
    first = by_id(review_plan(study, store.cards(), 0))["study-numeric"]
    assert first.seed is None  # a new card: the bank's own numbers
    session_for(store, [first]).answer(first, "6", 30)
    shown = [first.instance().params]
    for day, seed in ((1, 1), (2, 2)):
        now = T0 + timedelta(days=365 * day)  # long past due
        (due,) = [item for item in review_plan(study, store.cards(), seed, now) if not item.is_new]
        assert due.question.id == "study-numeric" and due.seed is not None
        shown.append(due.instance().params)
        session_for(store, [due], now).answer(due, str(2 * sum(due.instance().params.values())), 30)
    assert shown[0] != shown[1] != shown[2] != shown[0]
    seeds = [seed for (seed,) in logged(store, "seed")]
    assert seeds[0] is None and None not in seeds[1:] and seeds[1] != seeds[2]
    assert logged(store, "correct") == [(1,), (1,), (1,)]


def test_a_due_question_without_variants_keeps_its_numbers(study, store):
    shape = by_id(review_plan(study, store.cards(), 0))["study-shape"]
    session_for(store, [shape]).answer(shape, "3x3", 30)
    (due,) = [item for item in review_plan(study, store.cards(), 1, T0 + timedelta(days=30)) if not item.is_new]
    assert due.seed is None


# -- new cards: interleaved, easiest first, in a seeded order -------------------------------------------------------


def new_ids(catalog, seed, limit=None):
    return [item.question.id for item in review_plan(catalog, {}, seed, limit=limit)]


def test_the_seed_makes_the_order_and_without_one_it_varies(shipped):
    assert new_ids(shipped, 1) == new_ids(shipped, 1)
    assert new_ids(shipped, 1) != new_ids(shipped, 2)
    assert new_ids(shipped, None) != new_ids(shipped, None)


@pytest.mark.parametrize("seed", range(8))
def test_new_cards_alternate_sections_easiest_first(shipped, seed):
    everything = review_plan(shipped, {}, seed, limit=len(shipped.questions))
    assert len(everything) == len(shipped.questions)
    sections = [item.question.section for item in everything]
    assert len(set(sections[:6])) >= 4
    assert all(a != b for a, b in zip(sections, sections[1:]))  # none has half the questions: none need repeat
    for section in set(sections):
        difficulties = [item.question.difficulty for item in everything if item.question.section == section]
        assert difficulties == sorted(difficulties), section


def made_up(topics):
    """A catalog of one-line choice questions, one on each topic given, in that order."""
    questions = {}
    for number, topic in enumerate(topics):
        qid = f"q{number}"
        spec = {"prompt": {"ja": qid, "en": qid}}
        questions[qid] = Question(
            qid, topic, topic, (topic,), "concept", "choice", 1, spec, Path("made-up.yaml"), number
        )
    return Catalog(questions, ())


@pytest.mark.parametrize("seed", range(10))
def test_a_crowded_topic_is_spread_between_the_others(seed):
    catalog = made_up("aaabc")
    topics = [item.question.topic for item in review_plan(catalog, {}, seed)]
    assert topics[0::2] == ["a", "a", "a"] and sorted(topics[1::2]) == ["b", "c"]


@pytest.mark.parametrize("seed", range(10))
def test_a_topic_with_too_many_repeats_only_where_it_must(seed):
    topics = [item.question.topic for item in review_plan(made_up("aaaab"), {}, seed)]
    assert topics == ["a", "b", "a", "a", "a"]


def test_the_first_new_card_is_not_on_the_topic_of_the_last_due_one(study, store):
    choice = by_id(review_plan(study, store.cards(), 0))["study-choice"]  # lstm
    session_for(store, [choice]).answer(choice, "1", 30)
    for seed in range(10):
        items = review_plan(study, store.cards(), seed, T0 + timedelta(days=30))
        assert items[0].question.id == "study-choice" and items[1].question.topic != "lstm"


# -- ratings --------------------------------------------------------------------------------------------------------


def answer_choice(study, store, piped=False):
    item = by_id(review_plan(study, store.cards(), 0))["study-choice"]
    return item, session_for(store, [item], piped=piped)


def test_a_hint_caps_a_right_answer_at_hard(study, store):
    item, session = answer_choice(study, store)
    session.hint_taken(item)
    assert session.answer(item, "1", 1.0).rating == 2
    assert logged(store, "rating, correct") == [(2, 1)]


def test_asking_for_a_hint_a_question_does_not_have_costs_nothing(study, store):
    item = by_id(review_plan(study, store.cards(), 0))["study-shape"]
    session = session_for(store, [item])
    session.hint_taken(item)
    assert session.answer(item, "3x3", 1.0).rating == 4


def test_right_after_undoing_a_wrong_answer_is_again_and_r_still_overrides(study, store):
    item, session = answer_choice(study, store)
    assert session.answer(item, "2", 30.0).rating == 1
    assert session.undo() is item
    retried = session.answer(item, "1", 1.0)
    assert (retried.correct, retried.rating) == (True, 1)
    session.rerate(3)
    assert logged(store, "rating, correct") == [(3, 1)]


def test_piped_answers_are_never_easy(study, store):
    item, session = answer_choice(study, store, piped=True)
    assert session.answer(item, "1", 0.01).rating == 3


def test_fast_depends_on_the_kind_and_the_length(study):
    choice, numeric, code = (study.questions[qid] for qid in ("study-choice", "study-numeric", "study-code"))
    thresholds = [fast_seconds(question) for question in (choice, code, numeric)]
    assert thresholds[0] < thresholds[1] < thresholds[2]
    assert rating_for(Item(numeric), True, 12.0) == 4  # a calculation done in 12 s
    assert rating_for(Item(choice), True, 12.0) == 3  # a one-line concept question read in 12 s
    spec = {**choice.spec, "prompt": {"ja": "あ" * 200, "en": "a" * 500}}
    longer = Question("long", "lstm", "rnn", ("lstm",), "concept", "choice", 1, spec, choice.path, 1)
    reading_allowance = fast_seconds(longer) - fast_seconds(choice)  # a computed threshold, not a timing
    assert reading_allowance > 20


def test_a_self_rated_answer_counts_as_correct_from_good_up(study, store):
    item = by_id(review_plan(study, store.cards(), 0))["study-text"]
    session = session_for(store, [item])
    session.record(item, "hidden-to-hidden", 3, None, 20)
    assert session.correct_count == 1
    session.rerate(2)
    assert session.correct_count == 0
    assert logged(store, "rating, correct") == [(2, None)]  # self-rated: FSRS has the rating, nothing is graded


# -- a selection with nothing in it ----------------------------------------------------------------------------------


def selected(catalog, **filters):
    return plan(catalog, {}, mode=filters.pop("mode", "review"), now=T0, rng=random.Random(0), limit=None, **filters)


def test_topic_and_tag_are_read_whatever_their_case(shipped):
    assert {item.question.topic for item in selected(shipped, topic="LSTM")} == {"lstm"}
    assert all("cnn" in item.question.tags for item in selected(shipped, tags=["CNN"]))


@pytest.mark.parametrize(
    "filters, key, details",
    [
        ({"topic": "lstm", "tags": ["cnn"]}, "no_match", {"topic": "lstm", "tags": ["cnn"]}),
        ({"topic": "rl", "mode": "drill"}, "no_drills", {"topic": "rl", "tags": [], "count": 9}),
    ],
)
def test_an_empty_selection_says_why(shipped, filters, key, details):
    with pytest.raises(NothingToStudy) as raised:
        selected(shipped, **filters)
    assert raised.value.key == key
    assert details.items() <= raised.value.details.items()


@pytest.mark.parametrize(
    "filters, key, name, close",
    [
        ({"topic": "lstn"}, "unknown_topic", "lstn", ["lstm"]),
        ({"topic": "nope"}, "unknown_topic", "nope", []),
        ({"tags": ["nope"]}, "unknown_tag", "nope", []),
        ({"tags": ["detectoin"]}, "unknown_tag", "detectoin", ["detection", "expectation"]),
    ],
)
def test_an_unknown_topic_or_tag_names_the_close_ones(shipped, filters, key, name, close):
    with pytest.raises(UnknownName) as raised:
        selected(shipped, **filters)
    assert (raised.value.key, raised.value.name, raised.value.close) == (key, name, close)
    assert "lstm" in raised.value.known or "detection" in raised.value.known


def test_the_choice_message_names_the_last_letter():
    with pytest.raises(Unclear) as raised:
        choice_indices("e", 4)
    assert raised.value.details == {"count": 4, "last": "d"}
