"""`quiz export`: the banks as an Anki deck (one note per question) or as one resolved JSON document.

Anki recognises a note by its guid, a note type by its model id and a deck by its deck id, so all three are
fixed here: importing a new export updates the notes already in Anki (and keeps their review history)
instead of adding duplicates. Solver questions are exported with the bank's own numbers, never a drawn
variant (seed None, the numbers `quiz validate` checks and `quiz explain ID` shows).
"""

from __future__ import annotations

import html
import json
import random
import re
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizcli.bank.catalog import FORMAT_VERSION, Question, load_catalog
from quizcli.errors import BadInput, QuizError
from quizcli.formats import format_answer, format_value
from quizcli.i18n import t
from quizcli.paths import atomic_write

MODEL_ID = 1_718_204_517  # never change: Anki identifies the note type by it
DECK_ID = 1_718_204_593  # never change: Anki identifies the deck by it
MODEL_NAME = "quiz E資格 (v1)"
DECK_NAME = "E資格 quiz"
FIELDS = ("Front", "Back", "Id", "Topic")
STEP_CLIP = 300  # characters of one step's value on a card

CSS = """\
.card { font-family: sans-serif; font-size: 18px; text-align: left; color: black; background: white; }
.options li { margin: 0.3em 0; }
pre { background: #f4f4f4; padding: 0.4em; white-space: pre-wrap; }
code { font-family: monospace; }
table.steps td { padding: 0.1em 0.6em; vertical-align: top; }
.why { color: #555; }
.meta, .id { color: #888; font-size: 12px; margin-top: 1em; }
"""

FRONT_TEMPLATE = '{{Front}}<div class="meta">{{Topic}}</div>'
BACK_TEMPLATE = '{{FrontSide}}<hr id="answer">{{Back}}<div class="id">quiz explain {{Id}}</div>'

_SPANS = re.compile(r"\$([^$]+)\$|`([^`]+)`")


@dataclass(frozen=True)
class Card:
    """One Anki note as HTML: what ``quiz export anki`` writes for a question."""

    id: str
    front: str
    back: str
    topic: str
    tags: tuple[str, ...]


# ---------------------------------------------------------------- text → HTML


def to_html(text: str) -> str:
    """Bank text as HTML: ``$…$`` becomes MathJax ``\\(…\\)``, backtick spans ``<code>``, the rest escaped."""
    parts, position = [], 0
    for match in _SPANS.finditer(text):
        parts.append(_plain(text[position : match.start()]))
        math, code = match.groups()
        parts.append(rf"\({html.escape(math)}\)" if math is not None else f"<code>{html.escape(code)}</code>")
        position = match.end()
    parts.append(_plain(text[position:]))
    return "".join(parts)


def _plain(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _pre(code: str) -> str:
    return f"<pre><code>{html.escape(code)}</code></pre>"


def _clip(text: str, limit: int = STEP_CLIP) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- one card per question


def card_for(question: Question, lang: str) -> Card:
    """The front and back of ``question`` in ``lang``, with the bank's own numbers."""
    from quizcli.bank.instances import fill
    from quizcli.show.explain import explain_question

    explanation = explain_question(question)  # seed None: the bank's numbers, not a drawn drill variant
    names = explanation.instance.names if explanation.instance else {}

    def text(name: str) -> str:
        return to_html(fill(question.text(name, lang), names)) if name in question.spec else ""

    front = [f'<div class="prompt">{text("prompt")}</div>']
    back: list[str] = []
    order: list[int] = []  # the options' shuffled order; only choice questions have options
    if question.kind in ("choice", "code-choice"):
        order = _option_order(question)
        front.append(_options_front(question, order, lang))
        back.append(_options_key(question, order, explanation, lang))
    elif question.kind == "text":
        keywords = ", ".join(to_html(word) for word in question.spec["keywords"][lang])
        back.append(f'<div class="answer"><b>{t(lang, "anki_model_answer")}:</b> {text("model_answer")}</div>')
        back.append(f'<div class="keywords"><b>{t(lang, "anki_keywords")}:</b> {keywords}</div>')
    else:
        back.append(_value_answer(question, explanation.answer, lang))
    if explanation.steps:
        back.append(_steps(explanation, lang))
    back.append(f'<div class="explanation"><b>{t(lang, "anki_explanation")}:</b> {text("explanation")}</div>')
    if question.kind in ("choice", "code-choice"):
        back.append(_whys(question, order, lang))
    tags = tuple(dict.fromkeys([*question.tags, f"topic::{question.topic}", f"kind::{question.kind}"]))
    return Card(question.id, "".join(front), "".join(back), question.topic, tags)


def _option_order(question: Question) -> list[int]:
    """Options shuffled, the same way on every export (seeded by the id): the key is not always A."""
    order = list(range(len(question.spec["options"])))
    random.Random(question.id).shuffle(order)
    return order


def _letter(position: int) -> str:
    return chr(ord("A") + position) if position < 26 else str(position + 1)


def _option_html(question: Question, index: int, lang: str) -> str:
    option = question.spec["options"][index]
    if "code" in option:
        return _pre(option["code"])
    text = option["text"]
    return to_html(text if isinstance(text, str) else text[lang])


def _options_front(question: Question, order: Sequence[int], lang: str) -> str:
    items = "".join(f"<li>{_option_html(question, index, lang)}</li>" for index in order)
    correct = sum(bool(option.get("correct")) for option in question.spec["options"])
    several = f' <span class="several">{t(lang, "anki_several")}</span>' if correct > 1 else ""
    return f'<ol class="options" type="A">{items}</ol>{several}'


def _options_key(question: Question, order: Sequence[int], explanation: Any, lang: str) -> str:
    keys = []
    for position, index in enumerate(order):
        if question.spec["options"][index].get("correct"):
            keys.append(f"{_letter(position)}. {_option_html(question, index, lang)}")
    answer = f'<div class="answer"><b>{t(lang, "anki_answer")}:</b> {" / ".join(keys)}</div>'
    if question.kind == "code-choice":
        value = html.escape(_clip(format_value(explanation.answer)))
        answer += f'<div class="value">{t(lang, "anki_value")}: <code>{value}</code></div>'
    return answer


def _whys(question: Question, order: Sequence[int], lang: str) -> str:
    items = []
    for position, index in enumerate(order):
        option = question.spec["options"][index]
        if "why" in option:
            items.append(f"<li>{_letter(position)}: {to_html(option['why'][lang])}</li>")
    return f'<ul class="why">{"".join(items)}</ul>' if items else ""


def _value_answer(question: Question, answer: Any, lang: str) -> str:
    shown = to_html(format_answer(answer, question.kind, question.text("unit", lang), question.spec.get("tolerance")))
    return f'<div class="answer"><b>{t(lang, "anki_answer")}:</b> {shown}</div>'


def _steps(explanation: Any, lang: str) -> str:
    rows = "".join(
        f"<tr><td>{number}</td><td>{html.escape(step.name)}</td>"
        f"<td><code>{html.escape(_clip(format_value(step.value)))}</code></td></tr>"
        for number, step in enumerate(explanation.steps, 1)
    )
    solver = f'<div class="solver">{t(lang, "anki_solver")}: <code>{html.escape(explanation.solver)}</code></div>'
    return f'<div class="steps"><b>{t(lang, "anki_steps")}:</b><table class="steps">{rows}</table>{solver}</div>'


# ---------------------------------------------------------------- selection and writing


def select(
    content_dirs: Iterable[Path], topic: str | None = None, tags: Sequence[str] = (), lang: str = "en"
) -> list[Question]:
    """The questions to export from the banks under ``content_dirs``, in bank order; nothing matching is an error
    (in ``lang``), not an empty deck."""
    questions = load_catalog(content_dirs).select(topic=topic, tags=tags)
    if not questions:
        filters = (f" --topic {topic}" if topic else "") + "".join(f" --tag {tag}" for tag in tags)
        raise BadInput(t(lang, "export_no_match", filters=filters))
    return questions


def export_anki(
    path: str | Path,
    content_dirs: Iterable[Path],
    *,
    topic: str | None = None,
    tags: Sequence[str] = (),
    lang: str = "en",
    timestamp: float | None = None,
) -> int:
    """Write the selected questions to ``path`` as an .apkg, cards and errors in ``lang``; returns how many notes
    it holds."""
    cards = [card_for(question, lang) for question in select(content_dirs, topic, tags, lang)]
    write_apkg(cards, Path(path), timestamp, lang)
    return len(cards)


def write_apkg(cards: Iterable[Card], path: Path, timestamp: float | None = None, lang: str = "en") -> None:
    """genanki's package, written without its stray temporary file and atomically (a failed export leaves
    the previous file in place); a failure to write is reported in ``lang``."""
    import itertools
    import sqlite3
    import time

    import genanki

    model = genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        css=CSS,
        templates=[{"name": "Card 1", "qfmt": FRONT_TEMPLATE, "afmt": BACK_TEMPLATE}],
    )
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[card.front, card.back, card.id, card.topic],
                tags=list(card.tags),
                guid=guid(card.id),
            )
        )
    timestamp = time.time() if timestamp is None else timestamp
    with tempfile.TemporaryDirectory(prefix="quiz-anki-") as scratch:
        collection = Path(scratch) / "collection.anki2"
        db = sqlite3.connect(collection)
        try:
            genanki.Package(deck).write_to_db(db.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
            db.commit()
        finally:
            db.close()
        _write_export(path, lambda handle: _zip(handle, collection), lang)


def _zip(handle: Any, collection: Path) -> None:
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(collection, "collection.anki2")
        archive.writestr("media", "{}")


def guid(question_id: str) -> str:
    """The note's guid: a function of the question id alone, so a re-export updates the same note."""
    import genanki

    guid: str = genanki.guid_for(question_id)  # genanki is untyped; guid_for returns a base91 string
    return guid


def _write_export(path: Path, write: Any, lang: str) -> None:
    try:
        atomic_write(path, write)
    except OSError as error:
        raise QuizError(t(lang, "export_cannot_write", path=path, reason=error.strerror or error)) from None


# ---------------------------------------------------------------- JSON


def resolved_bank(questions: Iterable[Question], content_dirs: Sequence[Path]) -> dict[str, Any]:
    """Every question's spec as written, with the answer its solver computes (bank numbers, no seed), and its
    bank named relative to the one of ``content_dirs`` it is in."""
    from quizcli.bank.instances import instantiate
    from solvers import jsonable

    entries = []
    for question in questions:
        bank = _bank_name(question.path, content_dirs)
        entry: dict[str, Any] = {"id": question.id, "bank": bank, "spec": question.spec}
        if question.solver:
            instance = instantiate(question)
            entry["params"] = jsonable(instance.params)
            entry["answer"] = jsonable(instance.answer)
        entries.append(entry)
    return {"format_version": FORMAT_VERSION, "questions": entries}


def to_json(questions: Iterable[Question], content_dirs: Sequence[Path]) -> str:
    return json.dumps(resolved_bank(questions, content_dirs), ensure_ascii=False, indent=2, default=str)


def write_json(path: str | Path, text: str, lang: str = "en") -> None:
    _write_export(Path(path), lambda handle: handle.write((text + "\n").encode("utf-8")), lang)


def _bank_name(path: Path, content_dirs: Iterable[Path]) -> str:
    """The bank's path relative to its content directory (day3/lstm.yaml), else as given."""
    for directory in content_dirs:
        try:
            return path.resolve().relative_to(directory.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()
