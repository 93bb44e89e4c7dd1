"""The JDLA E資格 syllabus as data (``content/syllabus.yaml``): chapters, sections and exam weights.

A question names its section; the session header, ``list``, ``stats``, ``syllabus`` and the mock-exam report
all show a section by its name here, in the learner's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizcli.bank.yamlsafe import YamlError, load, read_text
from quizcli.errors import QuizError

SYLLABUS_FILE = "syllabus.yaml"


@dataclass(frozen=True)
class Section:
    id: str
    chapter: str
    names: dict[str, str]
    weight: float

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass(frozen=True)
class Chapter:
    id: str
    names: dict[str, str]
    sections: tuple[Section, ...]

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass(frozen=True)
class Syllabus:
    chapters: tuple[Chapter, ...]

    @property
    def sections(self) -> dict[str, Section]:
        """Every section by id, in syllabus order."""
        return {section.id: section for chapter in self.chapters for section in chapter.sections}

    def position(self, section_id: str) -> tuple[int, str]:
        """A sort key: syllabus order, then sections the syllabus lacks, by id."""
        order = list(self.sections)
        return (order.index(section_id) if section_id in order else len(order), section_id)

    def section_name(self, section_id: str, lang: str) -> str:
        """The section's name; an id the syllabus lacks (a progress row from an older bank) shows as itself."""
        section = self.sections.get(section_id)
        return section.name(lang) if section else section_id


def read_syllabus(path: Path) -> Syllabus:
    try:
        document = load(read_text(path))
        chapters = tuple(
            Chapter(
                id=chapter["id"],
                names=dict(chapter["name"]),
                sections=tuple(
                    Section(section["id"], chapter["id"], dict(section["name"]), float(section["weight"]))
                    for section in chapter["sections"]
                ),
            )
            for chapter in document["chapters"]
        )
    except (OSError, YamlError, KeyError, TypeError, ValueError) as error:
        raise QuizError(f"{path}: not a readable syllabus ({error})") from None
    return Syllabus(chapters)
