"""`quiz stats` figures from a real database with a fixed clock."""

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs

from quizcli.bank.catalog import load_catalog
from quizcli.study.session import Session, plan
from quizcli.study.stats import compute

STUDY = Path(__file__).parent / "banks" / "study"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def answer(store, clock_value, correct_pattern):
    catalog = load_catalog([STUDY])
    items = plan(catalog, store.cards(), mode="review", now=clock_value, rng=random.Random(0), limit=None)
    bank_order = list(catalog.questions)  # new questions come interleaved by topic; these days follow the bank
    items.sort(key=lambda item: (item.is_new, bank_order.index(item.question.id)))
    session = Session(
        store, items, mode="review", clock=lambda: clock_value, scheduler=fsrs.Scheduler(enable_fuzzing=False)
    )
    for item, correct in zip(items, correct_pattern):
        session.record(item, "x", 3 if correct else 1, correct if item.question.kind != "text" else None, 20)


def test_figures_after_three_days_of_study(isolated_home, run_quiz):
    from quizcli.study.store import open_store

    store = open_store()
    answer(store, NOW - timedelta(days=2), [True, False])
    answer(store, NOW - timedelta(days=1), [True, True, True])
    store.close()
    figures = compute(NOW)
    assert figures["reviews_total"] == 5
    assert figures["cards"] == 3  # day 2 reviewed the two due cards, then one new question
    assert figures["streak"] == 2  # yesterday and the day before; none yet today
    assert figures["per_day"]["2026-11-18"] == 2 and figures["per_day"]["2026-11-19"] == 3
    assert figures["areas"]["rnn"] == {"answered": 2, "correct": 2, "accuracy": 1.0}
    assert figures["areas"]["cnn"] == {"answered": 3, "correct": 2, "accuracy": 0.6667}
    assert figures["due_now"] <= figures["due_today"] <= figures["due_week"] <= 3
    assert 0 < figures["retention"] <= 1
    document = json.loads(run_quiz("stats", "--json").stdout)
    assert document["reviews_total"] == 5 and "due_now" in document


def test_answers_count_under_the_section_their_question_has_now(isolated_home):
    """Answers logged under an older area name (a topic, before questions named their syllabus section) move to
    the question's section; an answer to a question the bank no longer has keeps the area it was logged under."""
    import sqlite3

    from quizcli.paths import database_path
    from quizcli.study.store import open_store

    store = open_store()
    answer(store, NOW - timedelta(days=1), [True, False, True])
    store.close()
    with sqlite3.connect(database_path()) as db:
        db.execute("UPDATE reviews SET area = 'lstm'")
        db.execute("UPDATE reviews SET question_id = 'gone' WHERE id = (SELECT MAX(id) FROM reviews)")
    section_of = {q.id: q.section for q in load_catalog([STUDY]).questions.values()}
    areas = compute(NOW, section_of)["areas"]
    assert areas["lstm"]["answered"] == 1  # the question that is gone
    assert sum(row["answered"] for row in areas.values()) == 3
    assert set(areas) - {"lstm"} <= set(section_of.values())


def test_empty_history(run_quiz):
    assert run_quiz("stats").stdout.startswith("Nothing recorded yet")
    assert json.loads(run_quiz("stats", "--json").stdout)["reviews_total"] == 0
    assert "まだ記録がありません" in run_quiz("stats", "--lang", "ja").stdout


# --- the retention estimate ------------------------------------------------------------------------------------


def random_cards(count: int, seed: int) -> list[str]:
    """Card JSON as sessions store it: cards moved by fsrs through random reviews at random times, with the odd
    card that fsrs itself would read as having no memory yet (no stability, a stability of 0, no last review),
    a last review in the future (a clock set back) and last reviews written with other UTC offsets."""
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler()
    cards = []
    for card_id in range(1, count + 1):
        card = fsrs.Card(card_id=card_id)
        moment = NOW - timedelta(days=rng.uniform(0, 400))
        for _ in range(rng.randrange(0, 6)):
            card, _ = scheduler.review_card(card, fsrs.Rating(rng.randint(1, 4)), review_datetime=moment)
            moment += timedelta(seconds=rng.uniform(0, 90 * 86400))
        state = card.to_dict()
        odd = rng.random()
        if odd < 0.02:
            state["stability"] = 0
        elif odd < 0.04:
            state["last_review"] = (NOW + timedelta(days=rng.uniform(0, 3))).isoformat()
        elif odd < 0.08 and state["last_review"]:
            offset = timezone(timedelta(minutes=rng.choice([-600, -90, 330, 540])))
            state["last_review"] = datetime.fromisoformat(state["last_review"]).astimezone(offset).isoformat()
        elif odd < 0.10:
            state["stability"] = rng.uniform(0.001, 1e4)  # far beyond what four ratings reach
        cards.append(json.dumps(state))
    return cards


def test_retrievability_is_fsrs_own_to_the_last_bit(isolated_home):
    """stats reads each card's stability and last review out of its JSON in SQL and computes fsrs's
    R = (1 + FACTOR·t/S)^DECAY itself: on 3,000 cards it equals Scheduler.get_card_retrievability exactly, and the
    mean it shows equals the one the Card objects give."""
    from quizcli.study.stats import _retention, forgetting_curve, retrievability
    from quizcli.study.store import open_store

    cards = random_cards(3000, seed=20)
    store = open_store()
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO cards (question_id, card, due, content_hash) VALUES (?, ?, '', '')",
            [(f"q{n}", card) for n, card in enumerate(cards)],
        )
    memory = {qid: (stability, last) for qid, _, stability, last in store.card_memory()}
    store.close()
    scheduler = fsrs.Scheduler()
    decay, factor = forgetting_curve()
    assert (decay, factor) == (scheduler._DECAY, scheduler._FACTOR)
    expected = []
    for n, card in enumerate(cards):
        theirs = scheduler.get_card_retrievability(fsrs.Card.from_dict(json.loads(card)), current_datetime=NOW)
        ours = retrievability(*memory[f"q{n}"], NOW, decay=decay, factor=factor)
        assert ours == theirs, (card, ours, theirs)
        expected.append(theirs)
    assert len(set(expected)) > 1500  # the cards really differ (a sixth were never reviewed)
    assert 0 in expected and any(0 < r < 0.5 for r in expected) and 1.0 in expected  # none, forgotten, just seen
    assert _retention([memory[f"q{n}"] for n in range(len(cards))], NOW) == round(sum(expected) / len(expected), 4)


def test_retention_of_no_cards_is_none():
    from quizcli.study.stats import _retention

    assert _retention([], NOW) is None
