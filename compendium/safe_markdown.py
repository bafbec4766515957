"""Markdown for untrusted record text: no raw HTML, no unsafe links, ever.

Two layers. Python-Markdown is told not to recognise raw HTML at all (its
HTML block and inline HTML processors are removed), so `<script>` in a record
comes out as the visible text `&lt;script&gt;`. The result then goes through
nh3 (the Ammonia sanitiser) with a small allow-list and only http, https and
mailto links, which also catches tricks such as entity-encoded `javascript:`.
Headings are shifted so that record text never competes with the page's own
`<h1>`/`<h2>` structure.

Python-Markdown is not linear: it recurses once per level of nested lists
(RecursionError at some 500), scans to the end of the paragraph for every
unmatched `[` or `(` of a link, and re-splits a block for every line of some
constructs. `markdown_problem` bounds exactly these, so that validation
refuses what would take more than a fraction of a second to render; our own
preprocessing (`plain_paragraphs`) is linear.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "sub", "sup",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_URL_SCHEMES = {"http", "https", "mailto"}
_TOP_LEVEL = 3  # record text sits under the page's <h2> sections
_HEADING_TAGS = {f"h{level}" for level in range(1, 7)}
# Anything that could make Markdown do more than paragraphs: inline syntax, HTML,
# entities, list and heading markers, hard line breaks.
# Linear: `^[ \t]*` cannot run over lines (`^\s*` could, on every line, to the end).
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>#&!|~]|^[ \t]*(?:[-+]|[0-9]+[.)])\s|  $", re.M)
# Bounds of Markdown text (see markdown_problem), far above any real record's:
MAX_NESTING = 8  # lists and quotes inside each other
MAX_BLOCK_LINES = 200  # lines of one paragraph, list or quote (no blank line between)
MAX_SCAN = 100_000  # characters Python-Markdown reads looking for the ends of links
# A quote mark or list marker at the start of a line (after the indentation).
_MARKER = re.compile(r"(?:>|[-+*](?=[ \t])|[0-9]{1,9}[.)](?=[ \t]))[ \t]*")


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of `text` when it is plain prose, else None.

    Plain prose would come out of Markdown as `<p>` elements holding the same
    (escaped) text; recognising it saves the whole Markdown pipeline for most
    record fields. Anything unusual returns None and goes through Markdown.
    """
    if _MARKDOWN_SYNTAX.search(text):
        return None
    paragraphs = [part for part in re.split(r"\n[ \t]*\n", text.strip("\n")) if part]
    if any("\n" in part or part.startswith((" ", "\t")) for part in paragraphs):
        return None
    return paragraphs


def markdown_problem(text: str) -> str:
    """Why Markdown text would be too costly to render, or ''. Linear in the text."""
    lines = text.split("\n")
    depth = max((_nesting(line) for line in lines), default=0)
    if depth > MAX_NESTING:
        return (f"lists or quotes nested more than {MAX_NESTING} levels deep; check "
                "the markers at the start of the lines, e.g. '- item' or '  - sub-item'")
    block = longest_block(lines)
    if block > MAX_BLOCK_LINES:
        return (f"{block} lines without a blank line between them (at most "
                f"{MAX_BLOCK_LINES}); separate paragraphs and lists with blank lines")
    if link_scan_cost(text) > MAX_SCAN:
        return ("too many '[' or '(' without their closing ']' or ')'; close them, or write "
                "\\[ for a bracket of its own")
    return ""


def _nesting(line: str) -> int:
    """Levels a line opens: one per 4 columns of indentation and per marker after it."""
    body = line.lstrip(" \t")
    depth = len(line[:len(line) - len(body)].expandtabs(4)) // 4
    position = 0
    while depth <= MAX_NESTING and (match := _MARKER.match(body, position)):
        depth, position = depth + 1, match.end()
    return depth


def longest_block(lines: list[str]) -> int:
    longest = run = 0
    for line in lines:
        run = run + 1 if line.strip() else 0
        longest = max(longest, run)
    return longest


def link_scan_cost(text: str) -> int:
    """Characters Python-Markdown reads looking for the `]` of every `[` and the `)` of
    every `](`, each within its paragraph: quadratic in unmatched brackets."""
    if "[" not in text:  # most texts: no link, nothing to look for
        return 0
    return sum(_scan_cost(block) for block in re.split(r"\n[ \t]*\n", text))


_BRACKET = re.compile(r"[\[\]()]")


def _scan_cost(block: str) -> int:
    """Sum, over every `[` and every `(` that follows `]`, of the distance to its match
    (or to the end of the block when it has none); nested ones count as they nest.
    Only the brackets are visited, so that ordinary text costs next to nothing."""
    cost = 0
    open_at: dict[str, list[int]] = {"]": [], ")": []}
    for match in _BRACKET.finditer(block):
        char, index = match.group(), match.start()
        if char == "[":
            open_at["]"].append(index)
        elif char == "(" and (open_at[")"] or block[index - 1:index] == "]"):
            open_at[")"].append(index)
        elif open_at.get(char):
            cost += index - open_at[char].pop()
    return cost + sum(len(block) - start for starts in open_at.values() for start in starts)


class _DemoteHeadings(Treeprocessor):
    """The text's top heading level becomes <h3>, the rest keep their distance to it."""

    def run(self, root: ET.Element) -> None:
        headings = [e for e in root.iter() if e.tag in _HEADING_TAGS]
        if not headings:
            return
        shift = _TOP_LEVEL - min(int(e.tag[1]) for e in headings)
        for element in headings:
            element.tag = f"h{min(int(element.tag[1]) + shift, 6)}"


class SafeMarkdown:
    """Renders record text to sanitised HTML. One instance is reused (it is costly to build)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_DemoteHeadings(self._md), "demote_headings", 1)

    def render(self, text: str) -> Markup:
        self._md.reset()
        html = self._md.convert(text)
        return Markup(nh3.clean(
            html,
            tags=_ALLOWED_TAGS,
            attributes=_ALLOWED_ATTRIBUTES,
            url_schemes=_URL_SCHEMES,
            link_rel="noopener noreferrer",
        ))
