"""Rules that keep a test-wise guesser from passing without the knowledge (content/README.md, "Questions a
guesser cannot game"), checked by `quiz validate` on each bank file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quizcli.bank.catalog import Question
from quizcli.i18n import LANGS

# In a bank file, the key may be the uniquely longest option, or the uniquely shortest, in at most this share of
# its single-answer choice questions (by display width, in each language). Chance, with four options, is 25 %.
MAX_KEY_SHARE = 0.30
# "(1) 0.15 (2) 0.25 …" in a question answered by typing a value: a learner types 2 and is marked wrong.
NUMBERED_CHOICES = re.compile(r"[(（]\s*1\s*[)）]\s*[-−+]?[\d.]+\S*\s*[(（]\s*2\s*[)）]\s*[-−+]?[\d.]")


@dataclass(frozen=True)
class KeyLengths:
    """How often a bank file's key stands out by its length, per language."""

    questions: int  # single-answer choice questions
    longest: dict[str, int]
    shortest: dict[str, int]

    def share(self, counts: dict[str, int], lang: str) -> float:
        return counts[lang] / self.questions if self.questions else 0.0

    def summary(self) -> str:
        def shares(counts: dict[str, int]) -> str:
            return ", ".join(f"{lang} {100 * self.share(counts, lang):.0f}%" for lang in LANGS)

        return (
            f"{self.questions} single-answer choice question(s); the key is the uniquely longest option in "
            f"{shares(self.longest)}, the uniquely shortest in {shares(self.shortest)}"
        )


def key_lengths(questions: list[Question]) -> KeyLengths:
    from rich.cells import cell_len

    single = [q for q in questions if q.kind == "choice" and sum(_is_key(o) for o in q.spec["options"]) == 1]
    longest, shortest = dict.fromkeys(LANGS, 0), dict.fromkeys(LANGS, 0)
    for question in single:
        for lang in LANGS:
            widths = [cell_len(_option_text(option, lang)) for option in question.spec["options"]]
            key = next(i for i, option in enumerate(question.spec["options"]) if _is_key(option))
            longest[lang] += widths[key] == max(widths) and widths.count(widths[key]) == 1
            shortest[lang] += widths[key] == min(widths) and widths.count(widths[key]) == 1
    return KeyLengths(len(single), longest, shortest)


def file_problems(path: Any, questions: list[Question]) -> list[str]:
    """The file's key-length shares over :data:`MAX_KEY_SHARE`."""
    lengths = key_lengths(questions)
    problems = []
    for what, counts in (("longest", lengths.longest), ("shortest", lengths.shortest)):
        for lang in LANGS:
            if lengths.share(counts, lang) > MAX_KEY_SHARE:
                problems.append(
                    f"{path}: the key is the uniquely {what} option in {counts[lang]} of {lengths.questions} "
                    f"single-answer choice questions ({lang}); at most {100 * MAX_KEY_SHARE:.0f}% may be"
                )
    return problems


def question_problems(question: Question) -> list[str]:
    """A multi-answer question whose every option is a key; a typed-answer question that numbers choices."""
    where = f"{question.where}: {question.id}"
    problems = []
    options = question.spec.get("options", [])
    if question.kind == "choice" and len(options) > 1 and all(_is_key(o) for o in options):
        problems.append(f"{where}: options: every option is a key (all of the above); make at least one wrong")
    if question.kind in ("numeric", "shape"):
        for lang in LANGS:
            if NUMBERED_CHOICES.search(question.text("prompt", lang)):
                problems.append(
                    f"{where}: prompt.{lang}: lists numbered choices, but the learner types a value;"
                    " make it a choice question or drop the choices"
                )
    return problems


def _is_key(option: dict[str, Any]) -> bool:
    return option.get("correct") is True


def _option_text(option: dict[str, Any], lang: str) -> str:
    text = option.get("text", option.get("code", ""))
    return text if isinstance(text, str) else text[lang]
