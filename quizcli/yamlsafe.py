"""Read a YAML bank as plain data and nothing else.

Content comes from other people, so this reader refuses everything a hostile file could use: language tags
(safe loading only), aliases (the "billion laughs" bomb), duplicate keys (silently last-wins otherwise), deep
nesting (the composer recurses), byte-order marks, invalid UTF-8, oversized files and files of too many values.
Values are JSON-like: dates stay the text they were written as; !!binary, !!set, !!omap and !!pairs are refused,
and a scalar its type cannot read (int("9" * 5000), !!bool maybe) is an error at its line. Every mapping it
returns is a :class:`Located` dict that remembers the line of each key, so errors can point at a line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 50_000  # values, lists and mappings in one file: some 500 questions (the largest bank has 30)

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlError(Exception):
    """Unreadable YAML; ``line`` is 1-based or None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class Located(dict):
    """A mapping that knows the line of the mapping itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise YamlError(f"a mapping key must be text, got {type(key).__name__}", line)
        if key in mapping:
            raise YamlError(f"duplicate key {key!r} (first at line {mapping.key_lines[key]})", line)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _guarded(construct: Any) -> Any:
    """A scalar constructor whose failure (int("9" * 5000), !!bool x, a 30 February) is a YamlError at its line."""

    def run(loader: _Loader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
            text = node.value if len(node.value) <= 40 else node.value[:39] + "…"
            reason = "too many digits" if "Exceeds the limit" in str(error) else _one_line(str(error))
            raise YamlError(f"cannot read {text!r} as {node.tag.rsplit(':', 1)[-1]}: {reason}",
                            node.start_mark.line + 1) from None

    return run


def _refuse(loader: _Loader, node: yaml.Node) -> Any:
    raise YamlError(f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in a bank "
                    "(only text, numbers, true/false, null, lists and mappings)", node.start_mark.line + 1)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
for _tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"):
    _Loader.add_constructor(_tag, _guarded(_Loader.yaml_constructors[_tag]))
# Dates stay the text they were written as: a bank holds JSON-like data only (the bank cache is JSON).
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
for _tag in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)


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
    _check_structure(text)
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark
        raise YamlError(_one_line(error.problem or str(error)), mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise _yaml_error(error, text) from None
    finally:
        loader.dispose()


def _check_structure(text: str) -> None:
    """Refuse aliases, deep nesting and too many values from the event stream, before anything is built."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Base):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError("aliases (*name) are not allowed in a bank", event.start_mark.line + 1)
            if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                nodes += 1
                if nodes > MAX_NODES:
                    raise YamlError(f"more than {MAX_NODES:,} values in one file; split the bank into several "
                                    "files", event.start_mark.line + 1)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlError(f"nested more than {MAX_DEPTH} levels deep", event.start_mark.line + 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as error:
        raise _yaml_error(error, text) from None


def _yaml_error(error: yaml.YAMLError, text: str) -> YamlError:
    if isinstance(error, yaml.reader.ReaderError):  # a control character: it has an offset, not a mark
        # libyaml counts the offset in UTF-8 bytes, the pure-Python reader in characters
        before = text.encode("utf-8")[: error.position] if _Base is not yaml.SafeLoader else text[: error.position]
        code = error.character if isinstance(error.character, int) else ord(error.character)
        line = before.count(b"\n" if isinstance(before, bytes) else "\n") + 1
        return YamlError(f"invalid YAML: character U+{code:04X} is not allowed ({error.reason})", line)
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return YamlError(f"invalid YAML: {_one_line(problem)}", mark.line + 1 if mark else None)


def _one_line(text: str) -> str:
    return " ".join(text.split())
