"""Hostile banks too big to commit (50 MB, 5,000-deep nesting, millions of values), built on demand.

tests/test_hostile.py checks that each is refused with the right message in bounded memory, and
bench/bench_hostile.py how long a refusal takes. Each entry of GENERATED is the bank's bytes and the fragments its
error must contain; BIG names the ones worth a process of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def _question(qid: str) -> str:
    return (
        f"  - id: {qid}\n    topic: lstm\n    tags: [lstm]\n    source: concept\n    kind: text\n"
        "    difficulty: 1\n    prompt: {ja: 問題, en: question}\n    model_answer: {ja: 答え, en: answer}\n"
        "    keywords: {ja: [答え], en: [answer]}\n    explanation: {ja: 説明, en: explanation}\n"
    )


def _fifty_megabytes() -> bytes:
    head = "format_version: 1\nquestions:\n" + _question("fifty-megabytes") + "description: "
    return (head + "x" * (50 * 1024**2 - len(head) - 1) + "\n").encode()


def _just_under_the_size_limit() -> bytes:
    """4.9 MB of one legal scalar: read, parsed and refused (no questions)."""
    return ("format_version: 1\ndescription: " + "長い説明" * 400_000 + "\nquestions: []\n").encode()


# name → (what to write, fragments the error must contain)
GENERATED: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "fifty-megabytes": (_fifty_megabytes, ["file is 52.4 MB; a bank may be at most 5 MB"]),
    "nested-5000-flow-lists": (
        lambda: ("format_version: 1\nquestions: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        [":2: nested more than 64 levels deep"],
    ),
    "nested-5000-flow-mappings": (
        lambda: ("format_version: 1\nquestions: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n").encode(),
        [":2: nested more than 64 levels deep"],
    ),
    "nested-5000-block-lists": (
        lambda: ("format_version: 1\nquestions:\n" + "- " * 5000 + "x\n").encode(),
        [":3: nested more than 64 levels deep"],
    ),
    "nested-3000-indented-mappings": (  # 3,000 levels of indentation is 4.5 MB, near the size limit
        lambda: ("format_version: 1\nquestions:\n" + "".join(" " * i + "a:\n" for i in range(3000))).encode(),
        [":67: nested more than 64 levels deep"],
    ),
    "million-item-list": (
        lambda: ("format_version: 1\nquestions: [" + "1, " * 1_600_000 + "1]\n").encode(),
        [":2: more than 50,000 values in one file"],
    ),
    "three-hundred-thousand-keys": (
        lambda: ("format_version: 1\n" + "".join(f"k{i}: 1\n" for i in range(300_000))).encode(),
        [":25000: more than 50,000 values in one file"],
    ),
    "billion-laughs-deep": (
        lambda: (
            "format_version: 1\na: &a [lol]\n"
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(20))
            + "questions: *u\n"
        ).encode(),
        [":3: aliases (*name) are not allowed"],
    ),
    "long-scalar": (_just_under_the_size_limit, ["questions: [] should be non-empty"]),
    "twenty-thousand-items": (  # under the value limit: each item is a schema error, and only the first few count
        lambda: ("format_version: 1\nquestions: [" + "1, " * 19_999 + "1]\n").encode(),
        [":2: 1 is not of type 'object'"],
    ),
    "huge-int-in-a-key": (
        lambda: ("format_version: 1\nquestions: []\n? " + "9" * 4400 + "\n: 1\n").encode(),
        [":3: cannot read", "as int: too many digits"],
    ),
}

BIG = [
    "fifty-megabytes",
    "nested-5000-flow-lists",
    "nested-5000-block-lists",
    "million-item-list",
    "three-hundred-thousand-keys",
    "twenty-thousand-items",
    "long-scalar",
    "billion-laughs-deep",
]


def write(folder: Path, names: list[str]) -> dict[str, Path]:
    """Each named bank as FOLDER/NAME/NAME.yaml: one bank per directory, so that it can be a QUIZ_CONTENT_DIR."""
    paths = {}
    for name in names:
        paths[name] = folder / name / f"{name}.yaml"
        paths[name].parent.mkdir(parents=True)
        paths[name].write_bytes(GENERATED[name][0]())
    return paths
