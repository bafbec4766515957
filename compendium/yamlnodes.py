"""Strict YAML reading: a node tree with line numbers, and no implicit typing.

`yaml.safe_load` is not strict enough for records written by hand: it silently
keeps the last of two duplicate keys, turns `NO` into `False` and `2014-09-31`
into a crash. We therefore stop at the *node* level (PyYAML's composer, the
libyaml one when available) and let each field type read the scalar text
itself (see `compendium.fields`). Nodes keep their line numbers, so every
problem can point at the line to fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from compendium.problems import ProblemLog

try:  # libyaml is much faster; the pure-Python loader behaves the same.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode

NULL_TAG = "tag:yaml.org,2002:null"
# Tags the composer assigns by itself; anything else was written explicitly
# (`!!python/object`, `!include`, ...) and has no place in a record.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary")
}


def line_of(node: Node) -> int:
    """1-based line where a node starts."""
    return node.start_mark.line + 1


def is_empty(node: Node | None) -> bool:
    """True for an absent value, `~`, `null` or an empty scalar such as `key:`."""
    if node is None:
        return True
    if isinstance(node, ScalarNode):
        return node.tag == NULL_TAG or (node.style is None and node.value == "")
    return False


def read_nodes(path: Path, display_path: str, log: ProblemLog) -> Node | None:
    """Compose one YAML document into nodes, or log why it cannot be read.

    Returns None (after logging) for unreadable files, syntax errors, several
    documents in one file and explicit tags.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        log.add(display_path, 0, "", f"the file is not valid UTF-8 ({error.reason} at byte "
                f"{error.start}); save it as UTF-8")
        return None
    except OSError as error:
        log.add(display_path, 0, "", f"cannot read the file ({error.strerror})")
        return None
    return compose_text(text, display_path, log)


def compose_text(text: str, display_path: str, log: ProblemLog) -> Node | None:
    """Compose YAML text into nodes, logging syntax errors with their position."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        column = f" (column {mark.column + 1})" if mark else ""
        what = error.problem or error.context or "invalid YAML"
        log.add(display_path, line, "", f"YAML syntax error: {what}{column}; check the "
                "indentation and quote text that contains ': ' or starts with a special "
                "character, e.g. title: \"Note: quoted\"")
        return None
    except yaml.YAMLError as error:
        log.add(display_path, 0, "", f"YAML syntax error: {error}")
        return None
    if node is not None and not _tags_are_standard(node, display_path, log):
        return None
    return node


def _tags_are_standard(root: Node, display_path: str, log: ProblemLog) -> bool:
    ok = True
    for node in _walk(root):
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            log.add(display_path, line_of(node), "", f"the YAML tag '{tag}' is not "
                    "allowed (records hold plain text, numbers, lists and mappings only)")
            ok = False
    return ok


def _walk(root: Node) -> Iterator[Node]:
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases point at nodes already visited
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)


@dataclass(frozen=True)
class Entry:
    """One `key: value` pair of a mapping node."""

    key: str
    key_node: Node
    value: Node


def mapping_entries(
    node: MappingNode, path: str, display_path: str, log: ProblemLog
) -> Iterator[Entry]:
    """Entries of a mapping, logging duplicate and non-text keys instead of yielding them."""
    first_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or is_empty(key_node):
            log.add(display_path, line_of(key_node), path or "", "a key must be a plain "
                    "word, e.g. title")
            continue
        key = key_node.value
        where = f"{path}.{key}" if path else key
        if key in first_lines:
            log.add(display_path, line_of(key_node), where, f"duplicate key '{key}' (first "
                    f"defined on line {first_lines[key]}); keep only one of them")
            continue
        first_lines[key] = line_of(key_node)
        yield Entry(key, key_node, value_node)
