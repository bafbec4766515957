"""What the search index knows of each page: its title, names and passages of text.

Record pages are described from the records themselves, walking their schema
(every translatable text, vocabulary label, country name and the names of the
records they point to), in the reader's language with the same fallbacks the
page shows. Hand-written pages are described from their HTML, without their
code blocks: those are examples (the contributor guide's YAML), not what the
page is about; code within a sentence stays. Catalogue and search pages are
not indexed: they only list what the index already holds.

Text is kept as passages (a paragraph, or a field such as the promoters with
its label) so that a result's snippet is cut from one passage and labelled,
never running a promoter's name into the title that follows it. Labels are
shown, not indexed.
"""

from __future__ import annotations

import html
import re
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

# Where a title's leading name ends: "Cinformi - Centro informativo ...", "X: ...", "X (...)".
_NAME_END = re.compile(r"\s+[-–—]\s+|:\s|\s\(")


@dataclass(frozen=True)
class Passage:
    """A paragraph of a page, or one field; `label` says which (shown, not indexed)."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class SearchDocument:
    """One page as the index and the result list see it."""

    ref: str  # short id in the index
    url: str  # link to the page, relative to the language's home folder
    kind: str  # record kind, or "page" for hand-written pages
    title: str
    summary: tuple[Passage, ...] = ()
    body: tuple[Passage, ...] = ()
    acronym: str = ""
    subtitle: str = ""  # the name translated into the page's language, shown under it

    @property
    def names(self) -> tuple[str, ...]:
        """What readers may call the page as a whole: its title, acronym, leading name,
        and the same of its translated name."""
        found = [self.acronym]
        for name in (self.title, self.subtitle):
            found += [name, _NAME_END.split(name, maxsplit=1)[0].strip()]
        return tuple(dict.fromkeys(name for name in found if name))

    @property
    def title_text(self) -> str:
        """The title field: the title, its translation, and the acronym when the title
        lacks it. Positions in the title field count from the title's first word on."""
        parts = [self.title, self.subtitle]
        if self.acronym and self.acronym.casefold() not in self.title.casefold():
            parts.append(self.acronym)
        return " ".join(part for part in parts if part)

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The page's text in reading order: summary, then body."""
        return self.summary + self.body


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
        # The name's translation is indexed and shown with the name, in the reader's
        # language only (it is no fallback: the name itself is the same everywhere).
        translated = f"{record_type.title_field}_translation"
        body = tuple(
            passage
            for name, field in record_type.schema.fields.items()
            if name not in record_type.not_searched and name != translated
            for passage in self._passages(record, name, field, record.get(name))
        )
        acronym = record.get("acronym")
        return SearchDocument(
            ref, url, record.kind, self.site.title(record, self.lang).text,
            (Passage(summary.text),) if summary else (), body,
            acronym if isinstance(acronym, str) else "",
            (record.get(translated) or {}).get(self.lang) or "")

    def _passages(self, record: Record, name: str, field: Field, value: Any
                  ) -> Iterator[Passage]:
        """A text field gives a passage per paragraph; anything else one labelled passage."""
        if value is None:
            return
        if isinstance(field, Text) and field.markdown:
            localized = localize(value, self.lang, record.source_language)
            if localized:
                yield from (Passage(part) for part in self._plain(localized.text))
        elif isinstance(field, Object):
            for sub, subfield in field.fields.items():
                yield from self._passages(record, sub, subfield, value.get(sub))
        else:
            texts = [text for text in self._texts(field, value, record) if text.strip()]
            if texts:
                yield Passage(", ".join(texts), self._label(record.kind, name))

    def _label(self, kind: str, name: str) -> str:
        for key in (f"field_for.{kind}.{name}", f"field.{name}"):
            if self.l10n.has(key):
                return self.l10n.t(key)
        return ""

    def _texts(self, field: Field, value: Any, record: Record) -> Iterator[str]:
        if value is None:
            return
        if isinstance(field, Text):
            if not field.original:  # a name's translation: only the reader's own
                value = {self.lang: value.get(self.lang)}
            localized = localize(value, self.lang, record.source_language)
            if localized:
                yield localized.text
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

    def _plain(self, text: str) -> list[str]:
        """Markdown as the paragraphs a reader sees (no link targets, no markup)."""
        paragraphs = plain_paragraphs(text)
        if paragraphs is None:
            return html_passages(str(self._markdown.render(text)))[0]
        return [" ".join(part.split()) for part in paragraphs if part.strip()]


def html_text(fragment: str) -> str:
    """The visible text of an HTML fragment."""
    return html.unescape(nh3.clean(fragment, tags=set()))


_BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "blockquote",
           "figcaption", "div", "section", "table", "ul", "ol", "dl", "tr", "br", "hr"}
# Left out: the title (indexed on its own) and code blocks (examples, such as the
# contributor guide's YAML, not what the page says).
_SKIP_BLOCKS = {"h1", "pre"}
_SKIP = _SKIP_BLOCKS | {"script", "style", "template"}


class _PageParser(HTMLParser):
    """Splits a hand-written page into passages (blocks of text), leaving out code
    blocks and the title; the first paragraph is the summary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.passages: list[str] = []
        self.summary_index: int | None = None
        self._buffer: list[str] = []
        self._skip = 0
        self._paragraph = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            if tag in _SKIP_BLOCKS:
                self._flush()
            self._skip += 1
        elif tag in _BLOCKS:
            self._flush()
            self._paragraph = tag == "p"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer = []
        if text:
            if self._paragraph and self.summary_index is None:
                self.summary_index = len(self.passages)
            self.passages.append(text)
        self._paragraph = False


def html_passages(content_html: str) -> tuple[list[str], int | None]:
    """The blocks of text of an HTML fragment, and which is its first paragraph."""
    parser = _PageParser()
    parser.feed(content_html)
    parser.close()
    return parser.passages, parser.summary_index


def page_document(ref: str, url: str, title: str, content_html: str) -> SearchDocument:
    """A hand-written page: its first paragraph is the summary, the rest the body."""
    texts, first = html_passages(content_html)
    passages = [Passage(text) for text in texts]
    summary = ()
    if first is not None:
        summary = (passages.pop(first),)
    return SearchDocument(ref, url, "page", title, summary, tuple(passages))
