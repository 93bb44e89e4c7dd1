"""Read a YAML bank as plain data and nothing else.

Content comes from other people, so this reader refuses everything a hostile file could use: tags beyond text,
numbers, true/false, null, lists and mappings (Python objects, !!binary, !!set, local tags, merge keys),
aliases (the "billion laughs" bomb), duplicate keys (silently last-wins otherwise), deep nesting, byte-order
marks, invalid UTF-8, oversized files and files of too many values. Dates stay the text they were written as,
and a scalar its type cannot read (int("9" * 5000), !!bool maybe) is an error at its line. Every mapping it
returns is a :class:`Located` dict that remembers the line of each key, so errors can point at a line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 50_000  # values, lists and mappings in one file: some 500 questions (the largest bank has 30)

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML was built with it


class YamlError(Exception):
    """Unreadable YAML; ``line`` is 1-based or None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Located(dict[Any, Any]):  # keys are the scalars YAML allows as keys: text, numbers, true/false
    """A mapping that knows the line of the mapping itself and of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"


def _guarded(construct: Any) -> Any:
    """A scalar constructor whose failure (int("9" * 5000), !!bool x, a 30 February) is a YamlError at its line."""

    def run(loader: Any, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            text = node.value if len(node.value) <= 40 else node.value[:39] + "…"
            reason = "too many digits" if "Exceeds the limit" in str(error) else _one_line(str(error))
            raise YamlError(
                f"cannot read {text!r} as {node.tag.rsplit(':', 1)[-1]}: {reason}", node.start_mark.line + 1
            ) from None

    return run


_SCALARS = {
    _TAG + name: _guarded(yaml.SafeLoader.yaml_constructors[_TAG + name]) for name in ("int", "float", "bool", "null")
}
# Dates stay the text they were written as: a bank holds JSON-like data only (the bank cache is JSON).
_SCALARS[_TAG + "timestamp"] = yaml.SafeLoader.construct_scalar


def read_text(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlError(f"file is {size / 1e6:.1f} MB; a bank may be at most {MAX_BYTES / 1e6:.0f} MB")
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        raise YamlError("file starts with a byte-order mark; save it as UTF-8 without BOM", 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlError(f"not valid UTF-8 (byte {error.start})", line) from None


def load(text: str) -> Any:
    """Parse one YAML document into dicts, lists and scalars."""
    parser = _Parser(text)
    try:
        return _build(parser)
    except yaml.YAMLError as error:
        raise _yaml_error(error, text) from None
    finally:
        parser.dispose()


def _build(parser: Any) -> Any:
    """The document, built straight from the parser's events: aliases, deep nesting and too many values are
    refused as they come, before anything is built from them (PyYAML's own composer would first follow every
    alias and recurse once per level)."""
    # The collections being filled, innermost last: [collection, its first line, a mapping's key (and its line)
    # awaiting its value, or None].
    open_: list[list[Any]] = []
    values = documents = 0
    document: Any = None
    while True:
        event = parser.get_event()
        line = event.start_mark.line + 1
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            values += 1
            if values > MAX_VALUES:
                raise YamlError(f"more than {MAX_VALUES:,} values in one file; split the bank into several files", line)
        if isinstance(event, yaml.ScalarEvent):
            value = _scalar(parser, event, line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            mapping = isinstance(event, yaml.MappingStartEvent)
            if event.tag not in (None, "!", _MAP if mapping else _SEQ):
                raise _refused(event.tag, line)
            if len(open_) == MAX_DEPTH:
                raise YamlError(f"nested more than {MAX_DEPTH} levels deep", line)
            open_.append([_located(line) if mapping else [], line, None])
            continue
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            value, line, _ = open_.pop()
        elif isinstance(event, yaml.AliasEvent):
            raise YamlError("aliases (*name) are not allowed in a bank", line)
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlError("invalid YAML: found a second document (---); a bank file holds one", line)
            continue
        elif isinstance(event, yaml.StreamEndEvent):
            return document
        else:
            continue
        if not open_:
            document = value
            continue
        frame = open_[-1]
        parent, _, pending = frame
        if isinstance(parent, list):
            parent.append(value)
        elif pending is None:
            if not isinstance(value, (str, int, float, bool)):
                raise YamlError(f"a mapping key must be text, got {type(value).__name__}", line)
            if value in parent:
                raise YamlError(f"duplicate key {value!r} (first at line {parent.key_lines[value]})", line)
            frame[2] = (value, line)
        else:
            key, key_line = pending
            parent[key], parent.key_lines[key] = value, key_line
            frame[2] = None


def _located(line: int) -> Located:
    mapping = Located()
    mapping.line, mapping.key_lines = line, {}
    return mapping


def _scalar(parser: Any, event: yaml.ScalarEvent, line: int) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = parser.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag not in _SCALARS:
        raise _refused(tag, line)
    # The stubs' nodes take only yaml.error.Mark, but libyaml's own composer builds them with its _yaml.Mark too.
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
    return _SCALARS[tag](parser, node)


def _refused(tag: str, line: int) -> YamlError:
    what = "merge keys (<<) are" if tag == _TAG + "merge" else f"the tag {tag.replace(_TAG, '!!')} is"
    return YamlError(f"{what} not allowed in a bank (only text, numbers, true/false, null, lists and mappings)", line)


def _yaml_error(error: yaml.YAMLError, text: str) -> YamlError:
    if isinstance(error, yaml.reader.ReaderError):  # a control character: it has an offset, not a mark
        # libyaml counts the offset in UTF-8 bytes, the pure-Python reader in characters
        if _Parser is not yaml.SafeLoader:
            line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        else:
            line = text[: error.position].count("\n") + 1
        code = error.character if isinstance(error.character, int) else ord(error.character)
        return YamlError(f"invalid YAML: character U+{code:04X} is not allowed ({error.reason})", line)
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return YamlError(f"invalid YAML: {_one_line(problem)}", mark.line + 1 if mark else None)


def _one_line(text: str) -> str:
    return " ".join(text.split())
