"""The page model: which pages the site has in each language, and where they live.

Generator-neutral on purpose: a page is a `PageSpec` (template, record,
destination path); any static-site generator that can add a page with given
HTML at a given path can publish it. Record pages stay out of the navigation,
so no page grows with the number of records; catalogue pages list them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property

from compendium.dataset import Dataset, Record
from compendium.facets import FACETS, facet_values, value_slug
from compendium.geo import MapLayout, map_layout
from compendium.l10n import Localized, localize
from compendium.project import Project
from compendium.relations import Relations, published
from compendium.schemas import RECORD_TYPES
from compendium.search.refs import ref_of
from compendium.translations.status import Status, translation_status

# Catalogue pages, in navigation order, by record folder.
CATALOGUES = ("practices", "projects", "workshops", "organisations", "people")
_TITLE_FIELD = {"organisation": "name", "person": "name"}


@dataclass(frozen=True)
class PageSpec:
    """One generated page in one language."""

    lang: str
    template: str  # file under the templates folder
    folder: str  # first URL segment: practices, projects, ..., search
    dest_uri: str  # output file, e.g. en/practices/socialpay/index.html
    record: Record | None = None  # the record of a record page
    name: str = "index"  # names a page that has no record, within its folder
    in_nav: bool = False  # catalogues only: record pages would make every page O(N)
    facet: tuple[str, str] | None = None  # (facet key, value) of a facet page

    @property
    def src_uri(self) -> str:
        """A stable name for the page, as if it were a Markdown file in docs/<lang>/."""
        name = self.record.slug if self.record else self.name
        return f"{self.lang}/{self.folder}/{name}.md"


class SiteModel:
    """Published records, their links, and the pages built from them."""

    def __init__(self, project: Project, dataset: Dataset):
        self.project = project
        self.dataset = published(dataset)
        self.relations = Relations.of(self.dataset)
        self._maps: dict[str, MapLayout | None] = {}
        self.pdf_enabled = False  # set by the front end when the build makes the PDFs

    def prefix(self, lang: str) -> str:
        """Output folder of a language: '' for the default one, 'en/' for English."""
        return "" if lang == self.project.default_language else f"{lang}/"

    def record_dest(self, record: Record, lang: str) -> str:
        folder = RECORD_TYPES[record.kind].folder
        return f"{self.prefix(lang)}{folder}/{record.slug}/index.html"

    def catalogue_dest(self, folder: str, lang: str) -> str:
        return f"{self.prefix(lang)}{folder}/index.html"

    def facet_dest(self, facet: str, value: str, lang: str) -> str:
        return f"{self.prefix(lang)}practices/{facet}/{value_slug(value)}/index.html"

    def search_dest(self, lang: str) -> str:
        return f"{self.prefix(lang)}search/index.html"

    def map_dest(self, lang: str) -> str:
        return f"{self.prefix(lang)}map/index.html"

    def map_layout(self, lang: str) -> MapLayout | None:
        """The map's geometry; labels are measured in `lang` (names differ by language)."""
        if lang not in self._maps:
            names = {city: self.term("cities", city, lang).text for city in
                     self.dataset.vocabularies.get("cities", {})}
            self._maps[lang] = map_layout(self.dataset, names)
        return self._maps[lang]

    def term(self, vocabulary: str, term_id: str, lang: str) -> Localized:
        """A vocabulary term's label for a reader of `lang` (the id when it has none)."""
        entry = self.dataset.term(vocabulary, term_id) or {}
        label = localize(entry.get("label"), lang, self.project.default_language)
        return label or Localized(term_id, lang, False)

    def pdf_dest(self, lang: str) -> str:
        """The printable compendium of a language (compendium.printed), by its home page."""
        return f"{self.prefix(lang)}compendium.pdf"

    def handwritten_dest(self, lang: str, name: str, directory_urls: bool) -> str:
        """Where MkDocs writes docs/<lang>/<name>: `about.md` or just `about`."""
        stem = name.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            page = f"{stem}.html"
        else:
            page = f"{stem}/index.html" if directory_urls else f"{stem}.html"
        return self.prefix(lang) + page

    def open_data_dest(self, lang: str) -> str:
        return f"{self.prefix(lang)}open-data/index.html"

    def translations_dest(self, lang: str) -> str:
        return f"{self.prefix(lang)}translations/index.html"

    def dest_in(self, spec: PageSpec, lang: str) -> str:
        """Where the page of `spec` lives in another language."""
        return self.prefix(lang) + spec.dest_uri[len(self.prefix(spec.lang)):]

    @cached_property
    def translations(self) -> Status:
        """What is missing or outdated in each language (the translation-status page)."""
        return translation_status(self.project, self.dataset)

    @cached_property
    def facets(self) -> dict[str, dict[str, list[Record]]]:
        """Facet values in use, and their practices (see compendium.facets)."""
        return facet_values(self.dataset)

    @cached_property
    def search_refs(self) -> dict[Record, str]:
        """Index ids of record pages, the same in every language (hand-written pages follow)."""
        records = (record for record_type in RECORD_TYPES.values()
                   for record in self.dataset.all(record_type.kind))
        return {record: ref_of(position) for position, record in enumerate(records)}

    def pages(self, lang: str) -> list[PageSpec]:
        """Every generated page of one language: catalogues, search, facets, records."""
        specs = [
            PageSpec(lang, f"catalogue-{folder}.html", folder, self.catalogue_dest(folder, lang),
                     in_nav=True)
            for folder in CATALOGUES
        ]
        specs.append(PageSpec(lang, "map.html", "map", self.map_dest(lang), in_nav=True))
        specs.append(PageSpec(lang, "search.html", "search", self.search_dest(lang)))
        specs.append(PageSpec(lang, "translations.html", "translations",
                              self.translations_dest(lang)))
        specs.append(PageSpec(lang, "open-data.html", "open-data", self.open_data_dest(lang)))
        for facet in FACETS:
            for value in sorted(self.facets[facet.key]):
                specs.append(PageSpec(lang, "facet.html", "practices",
                                      self.facet_dest(facet.key, value, lang),
                                      name=f"{facet.key}/{value_slug(value)}",
                                      facet=(facet.key, value)))
        for record_type in RECORD_TYPES.values():
            for record in self.dataset.all(record_type.kind):
                specs.append(PageSpec(lang, f"{record.kind}.html", record_type.folder,
                                      self.record_dest(record, lang), record))
        return specs

    def title(self, record: Record, lang: str) -> Localized:
        """A record's display title for a reader of `lang` (names are not translated)."""
        value = record.get(_TITLE_FIELD.get(record.kind, "title"))
        if isinstance(value, str):
            return Localized(value, lang, False)
        return localize(value, lang, record.source_language)


def site_url_of(dest: str, directory_urls: bool) -> str:
    """URL of an output file relative to the site root, as MkDocs writes it."""
    if directory_urls and (dest == "index.html" or dest.endswith("/index.html")):
        return dest[: -len("index.html")]
    return dest


def relative_url(from_dest: str, to_dest: str, directory_urls: bool) -> str:
    """Link from one output file to another, as MkDocs would write it.

    With directory URLs `practices/x/index.html` is linked as `practices/x/`;
    without them (offline copies opened from disk) the link names the file.
    """
    rel = posixpath.relpath(posixpath.dirname(to_dest) or ".",
                            posixpath.dirname(from_dest) or ".")
    name = posixpath.basename(to_dest)
    if directory_urls and name == "index.html":
        return "./" if rel == "." else f"{rel}/"
    return name if rel == "." else f"{rel}/{name}"
