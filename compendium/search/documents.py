"""What the search index knows of each page: title, summary and body text.

Record pages are described from the records themselves, walking their schema
(every translatable text, vocabulary label, country name and the names of the
records they point to), in the reader's language with the same fallbacks the
page shows. Hand-written pages are described from their HTML. Catalogue and
search pages are not indexed: they only list what the index already holds.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import nh3

from compendium.dataset import Record
from compendium.fields import Country, Field, ListOf, Object, Ref, Str, Text
from compendium.l10n import Localizer, localize
from compendium.safe_markdown import SafeMarkdown, plain_paragraphs
from compendium.schemas import RECORD_TYPES

if TYPE_CHECKING:
    from compendium.site import SiteModel

@dataclass(frozen=True)
class SearchDocument:
    """One page as the index and the result list see it."""

    ref: str  # short id in the index
    url: str  # link to the page, relative to the language's home folder
    kind: str  # record kind, or "page" for hand-written pages
    title: str
    summary: str
    body: str


class RecordText:
    """Plain text of records for readers of one language."""

    def __init__(self, site: SiteModel, l10n: Localizer, markdown: SafeMarkdown):
        self.site = site
        self.l10n = l10n
        self.lang = l10n.lang
        self._markdown = markdown

    def document(self, record: Record, ref: str, url: str) -> SearchDocument:
        summary = localize(record.get("summary"), self.lang, record.source_language)
        record_type = RECORD_TYPES[record.kind]
        body = [
            text
            for name, field in record_type.schema.fields.items()
            if name not in record_type.not_searched
            for text in self._texts(field, record.get(name), record)
        ]
        return SearchDocument(ref, url, record.kind, self.site.title(record, self.lang).text,
                              summary.text if summary else "", "\n".join(body))

    def _texts(self, field: Field, value: Any, record: Record) -> Iterator[str]:
        if value is None:
            return
        if isinstance(field, Text):
            if not field.original:  # a name's translation: only the reader's own
                value = {self.lang: value.get(self.lang)}
            localized = localize(value, self.lang, record.source_language)
            if localized:
                yield self._plain(localized.text) if field.markdown else localized.text
        elif isinstance(field, ListOf):
            for item in value:
                yield from self._texts(field.item, item, record)
        elif isinstance(field, Object):
            for name, subfield in field.fields.items():
                yield from self._texts(subfield, value.get(name), record)
        elif isinstance(field, Ref):
            yield from self._reference(field, value)
        elif isinstance(field, Country):
            yield self.l10n.country(value)
        elif isinstance(field, Str):
            yield value

    def _reference(self, field: Ref, value: str) -> Iterator[str]:
        if field.vocabulary:
            entry = self.site.dataset.term(field.target, value) or {}
            label = localize(entry.get("label"), self.lang, self.site.project.default_language)
            if label:
                yield label.text
            return
        target = self.site.dataset.get(field.target, value)
        if target is not None:  # None: a person readers may not see
            yield self.site.title(target, self.lang).text

    def _plain(self, text: str) -> str:
        """Markdown as the words a reader sees (no link targets, no markup)."""
        paragraphs = plain_paragraphs(text)
        if paragraphs is not None:
            return "\n".join(paragraphs)
        return html_text(str(self._markdown.render(text)))


def html_text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return html.unescape(nh3.clean(fragment, tags=set()))


class _PageParser(HTMLParser):
    """Splits a hand-written page into its first paragraph and the rest."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.summary: str | None = None
        self._in_paragraph = 0
        self._paragraph: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "h1":
            self._skip += 1  # the title is indexed on its own
        elif tag == "p" and self.summary is None:
            self._in_paragraph += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "h1"):
            self._skip = max(0, self._skip - 1)
        elif tag == "p" and self._in_paragraph:
            self._in_paragraph = 0
            self.summary = " ".join("".join(self._paragraph).split())

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_paragraph:
            self._paragraph.append(data)
        else:
            self.parts.append(data)


def page_document(ref: str, url: str, title: str, content_html: str) -> SearchDocument:
    """A hand-written page: its first paragraph is the summary, the rest the body."""
    parser = _PageParser()
    parser.feed(content_html)
    parser.close()
    body = " ".join(" ".join(parser.parts).split())
    return SearchDocument(ref, url, "page", title, parser.summary or "", body)
