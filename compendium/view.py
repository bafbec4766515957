"""What templates see: one page, in one language, with helpers to read records.

Templates never touch raw record data for anything that depends on the
reader's language; they ask the view, which resolves translations (with
fallbacks), vocabulary labels, links relative to the current page, and
groupings sorted in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from compendium import phones
from compendium.dataset import Record
from compendium.facets import FACETS, FACETS_BY_KEY
from compendium.geo import MapCity, MapLayout
from compendium.l10n import Localized, Localizer, localize
from compendium.labels import label_key
from compendium.opendata.files import FOLDER as OPEN_DATA_FOLDER
from compendium.safe_markdown import SafeMarkdown, plain_paragraphs
from compendium.schemas import RECORD_TYPES
from compendium.site import PageSpec, SiteModel, relative_url
from compendium.translations.status import Gap, record_state


@dataclass(frozen=True)
class OpenDataRow:
    kind: str
    count: int
    json: str
    csv: str
    schema: str


@dataclass(frozen=True)
class TranslationRow:
    lang: str
    name: str  # the language's name in the reader's language
    total: int
    current: int
    missing: int
    outdated: int
    percent: str


@dataclass(frozen=True)
class GapView:
    gap: Gap
    label: Localized  # record title or page name
    url: str | None  # the page in the gap's language, when there is one


@dataclass(frozen=True)
class Heading:
    """A section heading of a rendered page, for the table of contents."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet, for one reader: what it is called, how many, where listed."""

    value: str
    label: Localized
    count: int
    url: str


@dataclass(frozen=True)
class FacetView:
    key: str
    label: str
    values: list[FacetValue]


@dataclass(frozen=True)
class Group:
    """A heading and the records under it, e.g. a country and its practices."""

    key: str
    label: Localized
    records: list[Record]


class PageView:
    def __init__(self, site: SiteModel, spec: PageSpec, l10n: Localizer,
                 markdown: SafeMarkdown, directory_urls: bool):
        self.site = site
        self.spec = spec
        self.lang = spec.lang
        self.l10n = l10n
        self._markdown = markdown
        self._directory_urls = directory_urls
        self.headings: list[Heading] = []
        self.scripts: list[str] = []

    def add_heading(self, anchor: str, text: str) -> str:
        """Record a section for the table of contents (templates call it as they go)."""
        self.headings.append(Heading(2, anchor, text))
        return ""

    def add_script(self, dest_uri: str) -> str:
        """Ask for a script at the end of the page (templates call it; main.html adds it)."""
        self.scripts.append(self.url_to(dest_uri))
        return ""

    # -- links -------------------------------------------------------------
    def url(self, record: Record) -> str:
        return relative_url(self.spec.dest_uri, self.site.record_dest(record, self.lang),
                            self._directory_urls)

    @staticmethod
    def tel_href(phone: str) -> str:
        """The number to dial (validated by libphonenumber when the record was read)."""
        return phones.tel_uri(phone)

    def url_to(self, dest_uri: str) -> str:
        """Link to any output file, e.g. `assets/compendium/search.js`."""
        return relative_url(self.spec.dest_uri, dest_uri, self._directory_urls)

    def folder_url(self, dest_folder: str) -> str:
        """Link to an output folder (ends with "/"), for scripts that add file names."""
        here = posixpath.dirname(self.spec.dest_uri) or "."
        relative = posixpath.relpath(dest_folder.rstrip("/") or ".", here)
        return "./" if relative == "." else f"{relative}/"

    def facet_url(self, key: str, value: str) -> str:
        return self.url_to(self.site.facet_dest(key, value, self.lang))

    def pdf_url(self) -> str | None:
        """The printable compendium in this language, when this build makes it."""
        if not self.site.pdf_enabled:
            return None
        return self.url_to(self.site.pdf_dest(self.lang))

    def search_url(self) -> str:
        return self.url_to(self.site.search_dest(self.lang))

    def page_title(self) -> Localized:
        """The page's <h1>: a record's title, or the name of a list or of the search page."""
        spec = self.spec
        if spec.record is not None:
            return self.title(spec.record)
        if spec.facet is not None:
            key, value = spec.facet
            text = self.l10n.t("facet.page_title", facet=self.l10n.t(FACETS_BY_KEY[key].label),
                               value=self.facet_label(key, value).text)
            return Localized(text, self.lang, False)
        return Localized(self.l10n.t(f"catalogue.{spec.folder}.title"), self.lang, False)

    # -- map ----------------------------------------------------------------
    def map(self) -> MapLayout | None:
        """Where the cities of practices and projects go on the map (see compendium.geo)."""
        return self.site.map_layout(self.lang)

    def city_label(self, city: str) -> Localized:
        return self.term("cities", city)

    def unmapped_practices(self, layout: MapLayout) -> list[Record]:
        """Practices whose sources name no city with coordinates: not on the map."""
        mapped = {id(r) for point in layout.cities for r in point.practices}
        return self.sorted(r for r in self.site.dataset.all("practice") if id(r) not in mapped)

    def sorted_cities(self, points: Iterable[MapCity]) -> list[MapCity]:
        return sorted(points, key=lambda p: self.l10n.sort_key(self.city_label(p.city).text))

    def city_url(self, point: MapCity) -> str:
        """A city's practices (its facet page), or its project when it has no practice."""
        if point.practices:
            return self.facet_url("city", point.city)
        return self.url(point.projects[0])

    # -- open data ----------------------------------------------------------
    def open_data(self) -> list[OpenDataRow]:
        """The published data files by record type, linked from this page."""
        rows = []
        for record_type in RECORD_TYPES.values():
            base = f"{OPEN_DATA_FOLDER}/{record_type.folder}"
            rows.append(OpenDataRow(
                record_type.kind, len(self.site.dataset.all(record_type.kind)),
                self.url_to(f"{base}.json"), self.url_to(f"{base}.csv"),
                self.url_to(f"{base}.schema.json")))
        return rows

    # -- translation status -------------------------------------------------
    def translation_rows(self) -> list[TranslationRow]:
        """Progress of every language, named in the reader's language."""
        status = self.site.translations
        rows = []
        for lang in status.languages:
            total = status.totals.get(lang, 0)
            done = status.done(lang)
            name = self.l10n.language(lang)
            rows.append(TranslationRow(
                lang, name[:1].upper() + name[1:], total, done, len(status.of(lang, "missing")),
                len(status.of(lang, "outdated")),
                self.l10n.percent(done / total if total else 1)))
        return rows

    def translation_gaps(self, lang: str) -> list[GapView]:
        """What `lang` lacks, each linked to the page a translator checks."""
        views = []
        for gap in self.site.translations.of(lang):
            record = self.site.dataset.get(gap.kind, gap.name)
            if record is not None:
                label, url = self.title(record), self.url_to(self.site.record_dest(record, lang))
            elif gap.kind == "page":
                label = Localized(gap.name, self.lang, False)
                url = self.url_to(self.site.handwritten_dest(lang, gap.name,
                                                             self._directory_urls))
            else:
                label, url = Localized(gap.name, self.lang, False), None
            views.append(GapView(gap, label, url))
        return views

    # -- search and facets --------------------------------------------------
    def search_ref(self, record: Record) -> str:
        return self.site.search_refs[record]

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

    def facets(self) -> list[FacetView]:
        """Every facet with the values in use, in the reader's order (years by number)."""
        views = []
        for facet in FACETS:
            values = [
                FacetValue(value, self.facet_label(facet.key, value), len(practices),
                           self.facet_url(facet.key, value))
                for value, practices in self.site.facets[facet.key].items()
            ]
            if facet.key == "year":
                values.sort(key=lambda v: int(v.value))
            else:
                values.sort(key=lambda v: self.l10n.sort_key(v.label.text))
            views.append(FacetView(facet.key, self.l10n.t(facet.label), values))
        return views

    def facet_values(self, practice: Record) -> dict[str, list[str]]:
        """A practice's value ids per facet key (the finder filters on them)."""
        return {facet.key: facet.values(self.site.dataset, practice) for facet in FACETS}

    def facet_practices(self) -> list[Record]:
        key, value = self.spec.facet
        return self.sorted(self.site.facets[key][value])

    # -- text --------------------------------------------------------------
    def title(self, record: Record) -> Localized:
        return self.site.title(record, self.lang)

    def text(self, record: Record, path: str) -> Localized | None:
        """A translatable field (dotted path, e.g. `territory.notes`) for this reader."""
        value: Any = record.data
        for part in path.split("."):
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

    def original_url(self, lang: str) -> str:
        """This very page in another language (where a text's original is shown)."""
        return self.url_to(self.site.dest_in(self.spec, lang))

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

    def record(self, kind: str, slug: str) -> Record | None:
        return self.site.dataset.get(kind, slug)

    def records(self, kind: str, slugs: Iterable[str]) -> list[Record]:
        """Records for slugs, skipping any that readers may not see."""
        found = (self.record(kind, slug) for slug in slugs)
        return [record for record in found if record is not None]

    # -- lists -------------------------------------------------------------
    def incoming(self, record: Record, kind: str, *paths: str) -> list[Record]:
        """Records of `kind` that refer to `record` through any of `paths` (or any field)."""
        return self.sorted(self.site.relations.to(record, kind, *paths))

    def sorted(self, records: Iterable[Record]) -> list[Record]:
        return sorted(records, key=lambda r: self.l10n.sort_key(self.title(r).text))

    def by_date(self, records: Iterable[Record]) -> list[Record]:
        """Oldest first; records without a date last, by title."""
        return sorted(self.sorted(records),
                      key=lambda r: (r.get("date") is None, r.get("date") or dt.date.min))

    def all(self, kind: str) -> list[Record]:
        return self.sorted(self.site.dataset.all(kind))

    def group_by(self, records: Iterable[Record], keys: Callable[[Record], list[str]],
                 label: Callable[[str], Localized], missing: str) -> list[Group]:
        """Records grouped under each of their keys; records without a key under `missing`."""
        buckets: dict[str, list[Record]] = {}
        for record in records:
            for key in keys(record) or [""]:
                buckets.setdefault(key, []).append(record)
        groups = [
            Group(key, label(key) if key else Localized(missing, self.lang, False),
                  self.sorted(members))
            for key, members in buckets.items()
        ]
        return sorted(groups, key=lambda g: (g.key == "", self.l10n.sort_key(g.label.text)))

    def by_country(self, practices: Iterable[Record]) -> list[Group]:
        return self.group_by(
            practices,
            lambda r: (r.get("territory") or {}).get("countries") or [],
            lambda code: Localized(self.l10n.country(code), self.lang, False),
            self.l10n.t("catalogue.no_country"),
        )

    def by_term(self, records: Iterable[Record], field: str, vocabulary: str,
                missing_key: str) -> list[Group]:
        def keys(record: Record) -> list[str]:
            value = record.get(field)
            return value if isinstance(value, list) else [value] if value else []

        return self.group_by(
            records,
            keys,
            lambda term_id: self.term(vocabulary, term_id),
            self.l10n.t(missing_key),
        )
