"""Strict YAML reading: a node tree with line numbers, and no implicit typing.

`yaml.safe_load` is not strict enough for records written by hand: it silently
keeps the last of two duplicate keys, turns `NO` into `False` and `2014-09-31`
into a crash. We therefore stop at the *node* level and let each field type
read the scalar text itself (see `compendium.fields`). Nodes keep their line
numbers, so every problem can point at the line to fix.

The nodes are composed here from the parser's events (libyaml's when
available), without recursion: libyaml's own composer recurses once per level
and takes the whole process down (a segfault, no message) on some 30 000
nested brackets. Files are bounded in size before they are parsed and in depth
while they are, and any explicit tag (`!!binary`, `!!int`, `!include`) is
refused: records hold plain text, lists and mappings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.composer import ComposerError

from compendium.problems import ProblemLog

try:  # libyaml is much faster; the pure-Python parser behaves the same.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

Node = yaml.Node
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode
ScalarNode = yaml.ScalarNode

NULL_TAG = "tag:yaml.org,2002:null"
# Records weigh a few dozen kilobytes and nest four or five levels deep.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 32


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

    Returns None (after logging) for unreadable or oversized files, syntax
    errors, nesting deeper than MAX_DEPTH, several documents in one file and
    explicit tags.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            log.add(display_path, 0, "", _too_big(size))
            return None
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        log.add(display_path, 0, "", f"the file is not valid UTF-8 ({error.reason} at byte "
                f"{error.start}); save it as UTF-8")
        return None
    except OSError as error:
        log.add(display_path, 0, "", f"cannot read the file ({error.strerror})")
        return None
    return compose_text(text, display_path, log)


def _too_big(size: int) -> str:
    return (f"the file is too large ({size:,} bytes; at most {MAX_FILE_BYTES:,}); a file holds "
            "one record, vocabulary or catalogue: shorten its texts or split it")


def compose_text(text: str, display_path: str, log: ProblemLog) -> Node | None:
    """Compose YAML text into nodes, logging syntax errors with their position."""
    if len(text) > MAX_FILE_BYTES:
        log.add(display_path, 0, "", _too_big(len(text.encode("utf-8", "replace"))))
        return None
    composer = _Composer(display_path, log)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            composer.feed(event)
    except _TooDeep as error:
        log.add(display_path, error.problem_mark.line + 1, "", f"lists and mappings nested "
                f"more than {MAX_DEPTH} levels deep; check the brackets and the "
                "indentation, e.g. cities: [florence, seville]")
        return None
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
    return composer.root


class _TooDeep(yaml.MarkedYAMLError):
    """The first collection nested deeper than MAX_DEPTH (composing stops there)."""


class _Composer:
    """Nodes from parser events, one event at a time, with an explicit stack."""

    def __init__(self, display_path: str, log: ProblemLog) -> None:
        self.display_path = display_path
        self.log = log
        self.resolver = yaml.resolver.Resolver()
        self.anchors: dict[str, Node] = {}
        self.stack: list[list] = []  # per open collection: [node, pending mapping key]
        self.root: Node | None = None
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise ComposerError("expected a single document in the stream", None,
                                    "but found another document", event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self.stack.pop()[0].end_mark = event.end_mark
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                    event.start_mark)
            self._attach(self.anchors[event.anchor])
        elif isinstance(event, yaml.NodeEvent):
            self._node(event)

    def _node(self, event: yaml.NodeEvent) -> None:
        node = self._make(event)
        if event.anchor is not None:
            if event.anchor in self.anchors:
                raise ComposerError(f"found duplicate anchor {event.anchor!r}; first "
                                    "occurrence", self.anchors[event.anchor].start_mark,
                                    "second occurrence", event.start_mark)
            self.anchors[event.anchor] = node
        self._attach(node)
        if not isinstance(node, ScalarNode):
            if len(self.stack) >= MAX_DEPTH:
                raise _TooDeep(None, None, "too deep", event.start_mark)
            self.stack.append([node, None])

    def _make(self, event: yaml.NodeEvent) -> Node:
        if event.tag is not None:
            self._refuse_tag(event)
        if isinstance(event, yaml.ScalarEvent):
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
            return ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                              style=event.style)
        kind = SequenceNode if isinstance(event, yaml.SequenceStartEvent) else MappingNode
        tag = self.resolver.resolve(kind, None, event.implicit)
        return kind(tag, [], event.start_mark, event.start_mark, flow_style=event.flow_style)

    def _refuse_tag(self, event: yaml.NodeEvent) -> None:
        tag = event.tag.replace("tag:yaml.org,2002:", "!!")
        self.log.add(self.display_path, event.start_mark.line + 1, "", f"the YAML tag '{tag}' "
                     "is not allowed (records hold plain text, numbers, lists and mappings "
                     "only; write the value without a tag, quoted if need be, e.g. \"123\")")

    def _attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        if isinstance(frame[0], SequenceNode):
            frame[0].value.append(node)
        elif frame[1] is None:
            frame[1] = node
        else:
            frame[0].value.append((frame[1], node))
            frame[1] = None


def node_at(root: Node | None, parts: list[str | int]) -> Node | None:
    """The node at a path of mapping keys and list indices, as deep as it exists."""
    node = root
    for part in parts:
        found = _child(node, part)
        if found is None:
            break
        node = found
    return node


def _child(node: Node | None, part: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(part, str):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


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
