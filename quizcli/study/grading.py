"""Read a learner's answer and grade it against an instance's key. No terminal here: text in, verdict out."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quizcli.bank.instances import Instance

MAX_ANSWER = 1000
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Unclear(Exception):
    """The answer could not be read; the message says what form is expected (the learner is asked again)."""

    def __init__(self, key: str, **details: Any) -> None:
        super().__init__(key)
        self.key, self.details = key, details


@dataclass(frozen=True)
class Verdict:
    correct: bool
    given: str  # the answer as understood, for the log and the feedback


def normalize(text: str) -> str:
    """NFKC (full-width digits, ×-free forms), no control characters, trimmed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t")
    return text.strip()


def clean(text: str) -> str:
    text = normalize(text)
    if not text:
        raise Unclear("empty")
    if len(text) > MAX_ANSWER:
        raise Unclear("too_long", limit=MAX_ANSWER)
    return text


def choice_indices(text: str, count: int) -> list[int]:
    """'2', 'b', '1,3', '1 3', 'AC' → 0-based option indices."""
    text = clean(text).lower()
    tokens = [t for t in re.split(r"[\s,、;/]+", text) if t]
    if len(tokens) == 1 and tokens[0].isalpha() and len(tokens[0]) > 1:
        tokens = list(tokens[0])
    indices = []
    for token in tokens:
        if token.isdecimal():  # isdigit() also takes ² and ፩, which int() refuses
            index = int(token) - 1
        elif len(token) == 1 and token in LETTERS:
            index = LETTERS.index(token)
        else:
            raise _unclear_choice(count)
        if not 0 <= index < count:
            raise _unclear_choice(count)
        indices.append(index)
    return sorted(set(indices))


def _unclear_choice(count: int) -> Unclear:
    return Unclear("choice", count=count, last=LETTERS[min(count, len(LETTERS)) - 1])


def parse_number(text: str) -> float:
    text = clean(text).replace(",", "").replace("−", "-")
    fraction = re.fullmatch(r"(-?\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)", text)
    try:
        value = float(fraction[1]) / float(fraction[2]) if fraction else float(text)
    except (ValueError, ZeroDivisionError):
        raise Unclear("number") from None
    if not math.isfinite(value):
        raise Unclear("finite")
    return value


def parse_numbers(text: str) -> list[float]:
    parts = [p for p in re.split(r"[\s,\[\]()]+", clean(text)) if p]
    if not parts:
        raise Unclear("number")
    return [parse_number(p) for p in parts]


def parse_shape(text: str) -> list[int]:
    """'3x3', '3×3', '(3, 3)', '3 3', '3' → [3, 3] or [3]."""
    # The solvers' reader, so that `quiz solve --input 5x5` takes every form a session does. Imported here: by the
    # time an answer is graded the solver has computed its key, while the first question must not wait for NumPy.
    from solvers.params import size_parts

    try:
        return size_parts(clean(text))
    except ValueError:
        raise Unclear("shape") from None


def grade(instance: Instance, text: str, option_order: list[int] | None = None) -> Verdict:
    """The verdict on ``text``; raises :class:`Unclear` when it cannot be read. ``option_order`` maps the
    numbers shown to the learner onto the bank's options (they are shuffled)."""
    kind = instance.question.kind
    if kind in ("choice", "code-choice"):
        options = instance.question.spec["options"]
        order = option_order or list(range(len(options)))
        chosen = sorted(order[i] for i in choice_indices(text, len(options)))
        key = sorted(i for i, option in enumerate(options) if option.get("correct"))
        return Verdict(chosen == key, ",".join(str(order.index(i) + 1) for i in chosen))
    if kind == "numeric":
        return _grade_number(instance, text)
    if kind == "shape":
        given = parse_shape(text)
        expected = instance.answer if isinstance(instance.answer, list) else [instance.answer]
        square = len(given) == 1 and len(expected) == 2 and expected[0] == expected[1]
        return Verdict(given == expected or (square and given[0] == expected[0]), "×".join(map(str, given)))
    raise ValueError(f"{kind} questions are self-rated")


def keywords_found(answer: str, keywords: Sequence[str]) -> list[str]:
    """The keywords a free-text answer mentions, whatever their case: what the learner rates themselves by."""
    folded = answer.lower()
    return [keyword for keyword in keywords if keyword.lower() in folded]


def _grade_number(instance: Instance, text: str) -> Verdict:
    expected = _flat(instance.answer)
    given = parse_numbers(text) if len(expected) > 1 else [parse_number(text)]
    if len(given) != len(expected):  # how many numbers is part of the answer (kept boxes, say): wrong, not unclear
        return Verdict(False, ", ".join(f"{g:g}" for g in given))
    tolerance = instance.question.spec.get("tolerance", {})
    absolute, relative = tolerance.get("abs", 1e-9), tolerance.get("rel", 0.0)
    # The 1e-12 slack lets "0.25" match a computed 0.25000000000000006 whatever tolerance the bank gives.
    correct = all(abs(g - e) <= max(absolute, relative * abs(e)) + 1e-12 for g, e in zip(given, expected))
    return Verdict(correct, ", ".join(f"{g:g}" for g in given))


def _flat(value: Any) -> list[float]:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [x for item in value for x in _flat(item)]
    return [float(value)]
