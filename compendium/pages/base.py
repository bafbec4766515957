"""What every generated page shares: its spec, its type's declaration, and the view
its template reads.

A page type (one module each in this package) declares where its pages live,
which template draws them, whether they are in the navigation, the interface
string of their title, and a view class with the helpers only its template
needs. `PageView` holds the helpers every template uses: reading records in the
reader's language, with fallbacks, and linking pages relative to the current one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from markupsafe import Markup

from compendium import phones
from compendium.cards import Card, brief
from compendium.dataset import Record
from compendium.facets import FACETS_BY_KEY
from compendium.fields import Field, ListOf, Object, Ref
from compendium.l10n import Localized, Localizer, localize
from compendium.labels import label_key
from compendium.safe_markdown import SafeMarkdown, plain_paragraphs
from compendium.schemas import RECORD_TYPES
from compendium.settings import BuildSettings
from compendium.translations.status import record_state
from compendium.urls import relative_url, site_url_of

if TYPE_CHECKING:
    from compendium.site import SiteModel


@dataclass(frozen=True)
class PageSpec:
    """One generated page in one language."""

    lang: str
    type: str  # the page type's name in the registry (compendium.pages.PAGE_TYPES)
    template: str  # file under the templates folder
    folder: str  # first URL segment: practices, projects, ..., search
    dest_uri: str  # output file, e.g. en/practices/socialpay/index.html
    title_key: str | None = None  # interface string of the title; None: the view names it
    record: Record | None = None  # the record of a record page
    name: str = "index"  # names a page that has no record, within its folder
    in_nav: bool = False  # catalogues only: record pages would make every page O(N)
    facet: tuple[str, str] | None = None  # (facet key, value) of a facet page

    @property
    def src_uri(self) -> str:
        """A stable name for the page, as if it were a Markdown file in docs/<lang>/."""
        name = self.record.slug if self.record else self.name
        return f"{self.lang}/{self.folder}/{name}.md"


class PageType:
    """A kind of generated page, declared once.

    The defaults describe a type with one page per language at `<folder>/`;
    types with many pages (records, catalogues, facet values) override `specs`
    and `dest`.
    """

    name: ClassVar[str]  # key in the registry; templates link pages by it
    folder: ClassVar[str]  # first URL segment under the language's prefix
    template: ClassVar[str]  # under the templates folder (overrides/compendium/)
    title_key: ClassVar[str | None] = None  # interface string of the page's <h1>
    in_nav: ClassVar[bool] = False  # listed in the navigation (mkdocs.yml: <folder>/index.md)
    # A preview may reuse a page while the records it read are unchanged
    # (compendium.fragments); False for a page that reads anything else.
    reusable: ClassVar[bool] = True
    view: ClassVar[type[PageView]]

    def dest(self, prefix: str, *key: Any) -> str:
        """The output file of the page identified by `key`, under a language's prefix."""
        return f"{prefix}{self.folder}/index.html"

    def dest_for(self, site: SiteModel, lang: str, *key: Any) -> str:
        """The output file of the page identified by `key` in `lang`; types whose
        addresses are in the reader's words (facet pages) need more than a prefix."""
        return self.dest(site.prefix(lang), *key)

    def dest_in(self, site: SiteModel, spec: PageSpec, lang: str) -> str:
        """Where the page of `spec` lives in another language."""
        return site.prefix(lang) + spec.dest_uri[len(site.prefix(spec.lang)):]

    def moved(self, site: SiteModel, lang: str) -> Iterator[tuple[str, str]]:
        """(old output file, new output file) of pages of `lang` that changed address."""
        return iter(())

    def specs(self, site: SiteModel, lang: str) -> Iterator[PageSpec]:
        """Every page of this type in one language."""
        yield PageSpec(lang, self.name, self.template, self.folder,
                       self.dest(site.prefix(lang)), self.title_key, in_nav=self.in_nav)


class TemplatePathError(LookupError):
    """A template named a field that the record type does not have (a typo)."""


@dataclass(frozen=True)
class Heading:
    """A section heading of a rendered page, for the table of contents."""

    level: int
    id: str
    text: str


class PageView:
    """What a template sees: one page, in one language, with helpers to read records.

    Templates never touch raw record data for anything that depends on the
    reader's language; they ask the view, which resolves translations (with
    fallbacks), vocabulary labels, and links relative to the current page.
    """

    def __init__(self, site: SiteModel, spec: PageSpec, l10n: Localizer,
                 markdown: SafeMarkdown, settings: BuildSettings):
        self.site = site
        self.spec = spec
        self.lang = spec.lang
        self.l10n = l10n
        self._markdown = markdown
        self.settings = settings
        self.headings: list[Heading] = []
        self.scripts: list[str] = []

    def page_title(self) -> Localized:
        """The page's <h1>: the interface string its type declares."""
        if self.spec.title_key is None:  # pragma: no cover - a page type's mistake
            raise TypeError(f"page type '{self.spec.type}' declares no title")
        return Localized(self.l10n.t(self.spec.title_key), self.lang, False)

    def description(self, lead: str) -> str:
        """The page's description (meta tags, link previews), given the text of its
        first paragraph, which is what most pages want: a list's introduction."""
        return lead

    def add_heading(self, anchor: str, text: str, level: int = 2) -> str:
        """Record a section (level 2) or subsection (3) for the table of contents
        (templates call it as they go)."""
        self.headings.append(Heading(level, anchor, text))
        return ""

    def add_script(self, dest_uri: str) -> str:
        """Ask for a script at the end of the page (templates call it; main.html adds it)."""
        self.scripts.append(self.url_to(dest_uri))
        return ""

    # -- links -------------------------------------------------------------
    def url_to(self, dest_uri: str) -> str:
        """Link to any output file, e.g. `assets/compendium/search.js`."""
        return relative_url(self.spec.dest_uri, dest_uri, self.settings.directory_urls)

    def absolute_url(self, dest_uri: str) -> str:
        """The address of an output file on the published site; '' when the build does
        not know the site's address."""
        base = self.settings.site_url
        return base + site_url_of(dest_uri, self.settings.directory_urls) if base else ""

    @property
    def site_name(self) -> str:
        """The site's name in the page's language."""
        return self.settings.site_name(self.lang) or self.l10n.t("site.short_name")

    def page_url(self, page_type: str, *key: Any) -> str:
        """Link to a generated page of this language, e.g. ('catalogue', 'practices')."""
        return self.url_to(self.site.dest(page_type, self.lang, *key))

    def url(self, record: Record) -> str:
        return self.page_url("record", record)

    def facet_url(self, key: str, value: str) -> str:
        return self.page_url("facet", key, value)

    def folder_url(self, dest_folder: str) -> str:
        """Link to an output folder (ends with "/"), for scripts that add file names."""
        here = posixpath.dirname(self.spec.dest_uri) or "."
        relative = posixpath.relpath(dest_folder.rstrip("/") or ".", here)
        return "./" if relative == "." else f"{relative}/"

    def original_url(self, lang: str) -> str:
        """This very page in another language (where a text's original is shown)."""
        return self.url_to(self.site.dest_in(self.spec, lang))

    @staticmethod
    def tel_href(phone: str) -> str:
        """The number to dial (validated by libphonenumber when the record was read)."""
        return phones.tel_uri(phone)

    # -- text --------------------------------------------------------------
    def title(self, record: Record) -> Localized:
        return self.site.title(record, self.lang)

    def text(self, record: Record, path: str) -> Localized | None:
        """A translatable field (dotted path, e.g. `territory.notes`) for this reader."""
        check_path(record.kind, path, "view.text")
        first, *rest = path.split(".")
        value: Any = record.get(first)  # one field read, not the whole record
        for part in rest:
            value = value.get(part) if isinstance(value, dict) else None
        loc = localize(value, self.lang, record.source_language)
        if loc and not loc.fallback and record_state(record, path, self.lang) == "outdated":
            return replace(loc, outdated_from=record.source_language)
        return loc

    def field_label(self, record: Record, path: str) -> str:
        """The name of a field for this reader: its section heading and its notes' label."""
        return self.l10n.t(label_key(record.kind, path, record.data, self.l10n.has))

    def translation(self, record: Record, field: str) -> str | None:
        """A name's translation into the reader's language, shown under the name."""
        return (record.get(field) or {}).get(self.lang)

    def localize(self, texts: dict[str, str] | None, source: str) -> Localized | None:
        return localize(texts, self.lang, source)

    def markdown(self, text: str) -> Markup:
        return self._markdown.render(text)

    @staticmethod
    def plain_paragraphs(text: str) -> list[str] | None:
        """The paragraphs of text that has no Markdown in it, else None.

        Most record fields are plain prose; templates print those directly
        (autoescaped) and keep the Markdown renderer for text that needs it.
        """
        return plain_paragraphs(text)

    def term(self, vocabulary: str, term_id: str) -> Localized:
        return self.site.term(vocabulary, term_id, self.lang)

    def facet_label(self, key: str, value: str) -> Localized:
        facet = FACETS_BY_KEY[key]
        if facet.vocabulary:
            return self.term(facet.vocabulary, value)
        if key == "country":
            return Localized(self.l10n.country(value), self.lang, False)
        if key == "project":
            project = self.record("project", value)
            return self.title(project) if project else Localized(value, self.lang, False)
        return Localized(value, self.lang, False)

    def card(self, record: Record) -> Card:
        """What a list shows of a record: summary and facts (compendium.cards)."""
        return self.site.cards(self.l10n, self._markdown).card(record)

    @staticmethod
    def brief(summary: Localized | None) -> Localized | None:
        """A card's summary in about one line (compendium.cards.brief)."""
        return brief(summary)

    def drawn_card(self, record: Record, url: str, *variant: Any, caller: Any) -> Markup:
        """The card the `{% call %}` block draws for `record` at `url` (relative to this
        page) in a list `variant` (roles, attributes, class), drawn once per language:
        the finder and facet pages draw thousands (compendium.cards.CardMaker.drawn)."""
        key = (record.kind, record.slug, url, *(_hashable(value) for value in variant))
        return self.site.cards(self.l10n, self._markdown).drawn(key, caller)

    # -- records -----------------------------------------------------------
    def record(self, kind: str, slug: str) -> Record | None:
        check_kind(kind, "view.record")
        return self.site.dataset.get(kind, slug)

    def records(self, kind: str, slugs: Iterable[str]) -> list[Record]:
        """Records for slugs, skipping any that readers may not see."""
        found = (self.record(kind, slug) for slug in slugs)
        return [record for record in found if record is not None]

    def all(self, kind: str) -> list[Record]:
        check_kind(kind, "view.all")
        return self.sorted(self.site.dataset.all(kind))

    def incoming(self, record: Record, kind: str, *paths: str) -> list[Record]:
        """Records of `kind` that refer to `record` through any of `paths` (or any field)."""
        check_kind(kind, "view.incoming")
        for path in paths:
            check_path(kind, path, "view.incoming", references_only=True)
        return self.sorted(self.site.relations.to(record, kind, *paths))

    def sorted(self, records: Iterable[Record]) -> list[Record]:
        return sorted(records, key=lambda r: self.l10n.sort_key(self.title(r).text))

    def by_date(self, records: Iterable[Record]) -> list[Record]:
        """Oldest first; records without a date last, by title."""
        return sorted(self.sorted(records),
                      key=lambda r: (r.get("date") is None, r.get("date") or dt.date.min))


def check_kind(kind: str, helper: str) -> None:
    """A record kind named by a template must exist."""
    if kind not in RECORD_TYPES:
        raise TemplatePathError(f"{helper}: there is no record kind '{kind}'"
                                f"{_did_you_mean(kind, RECORD_TYPES)}")


def check_path(kind: str, path: str, helper: str, references_only: bool = False) -> None:
    """A field path named by a template must exist in the record type's schema, so that
    a typo stops the build instead of silently leaving a section out."""
    known = _reference_paths(kind) if references_only else _field_paths(kind)
    if path not in known:
        what = "reference field" if references_only else "field"
        raise TemplatePathError(f"{helper}: {kind} records have no {what} '{path}'"
                                f"{_did_you_mean(path, known)}")


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@cache
def _field_paths(kind: str) -> frozenset[str]:
    return frozenset(path for path, _field in _walk(RECORD_TYPES[kind].schema, ""))


@cache
def _reference_paths(kind: str) -> frozenset[str]:
    return frozenset(path for path, field in _walk(RECORD_TYPES[kind].schema, "")
                     if isinstance(field, Ref) and not field.vocabulary)


def _walk(spec: Field, path: str) -> Iterator[tuple[str, Field]]:
    """(dotted path, field) of every field of a schema; list items share their list's path."""
    if path:
        yield path, spec
    if isinstance(spec, ListOf):
        yield from _walk(spec.item, path)
    elif isinstance(spec, Object):
        for name, sub in spec.fields.items():
            yield from _walk(sub, f"{path}.{name}" if path else name)


def _hashable(value: Any) -> Any:
    """`value` as a key: lists as tuples, mappings as sorted pairs."""
    if isinstance(value, dict):
        return tuple(sorted((key, _hashable(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_hashable(item) for item in value)
    return value
