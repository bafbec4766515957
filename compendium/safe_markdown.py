"""Markdown for untrusted record text: no raw HTML, no unsafe links, ever.

Two layers. Python-Markdown is told not to recognise raw HTML at all (its
HTML block and inline HTML processors are removed), so `<script>` in a record
comes out as the visible text `&lt;script&gt;`. The result then goes through
nh3 (the Ammonia sanitiser) with a small allow-list and only http, https and
mailto links, which also catches tricks such as entity-encoded `javascript:`.
Headings are shifted so that record text never competes with the page's own
`<h1>`/`<h2>` structure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
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
# entities, list and heading markers, hard line breaks, bare web addresses.
_MARKDOWN_SYNTAX = re.compile(
    r"[\\`*_\[\]<>#&!|~]|^\s*(?:[-+]|\d+[.)])\s|  $|https?://|\bwww\.", re.M)
# A bare web address in running text (https://viw.pixel-online.org, www.cinformi.it),
# without the punctuation that ends its sentence or the brackets around it.
_BARE_URL = r"(?<![\w/@.])(?:https?://|www\.)[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"


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


class _DemoteHeadings(Treeprocessor):
    """The text's top heading level becomes <h3>, the rest keep their distance to it."""

    def run(self, root: ET.Element) -> None:
        headings = [e for e in root.iter() if e.tag in _HEADING_TAGS]
        if not headings:
            return
        shift = _TOP_LEVEL - min(int(e.tag[1]) for e in headings)
        for element in headings:
            element.tag = f"h{min(int(element.tag[1]) + shift, 6)}"


class _BareLinks(InlineProcessor):
    """A bare web address becomes a link to itself (www. ones over https), checked by
    the sanitiser like every other link."""

    ANCESTOR_EXCLUDES = ("a",)

    def handleMatch(self, m: re.Match, data: str) -> tuple[ET.Element, int, int]:  # noqa: N802
        address = m.group(0)
        link = ET.Element("a", href=address if "://" in address else f"https://{address}")
        link.text = address
        return link, m.start(0), m.end(0)


class SafeMarkdown:
    """Renders record text to sanitised HTML. One instance is reused (it is costly to build)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_DemoteHeadings(self._md), "demote_headings", 1)
        # After Markdown's own links (<...> autolinks: 120), so that it links only bare text.
        self._md.inlinePatterns.register(_BareLinks(_BARE_URL, self._md), "bare_links", 115)

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
