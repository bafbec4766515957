"""The page model: the published records, their links, and which pages the site has
in each language.

Generator-neutral on purpose: a page is a `PageSpec` (template, record,
destination path) of one of the page types registered in compendium.pages;
any static-site generator that can add a page with given HTML at a given path
can publish it. Everything here is derived from the data alone: the same model
serves every language and every build, and holds no per-build state.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from compendium.dataset import Dataset, Record
from compendium.facets import facet_values
from compendium.geo import BaseMap, base_map
from compendium.l10n import Localized, localize
from compendium.pages import PAGE_TYPES, PageSpec
from compendium.project import Project
from compendium.relations import Relations, published
from compendium.schemas import RECORD_TYPES
from compendium.translations.status import Status, translation_status
from compendium.urls import language_prefix


class SiteModel:
    """Published records, their links, and the pages built from them."""

    def __init__(self, project: Project, dataset: Dataset):
        self.project = project
        self.dataset = published(dataset)
        self.relations = Relations.of(self.dataset)

    def prefix(self, lang: str) -> str:
        """Output folder of a language: '' for the default one, 'en/' for English."""
        return language_prefix(lang, self.project.default_language)

    def pages(self, lang: str) -> list[PageSpec]:
        """Every generated page of one language, page type by page type."""
        return [spec for page_type in PAGE_TYPES.values()
                for spec in page_type.specs(self, lang)]

    def dest(self, page_type: str, lang: str, *key: Any) -> str:
        """The output file of a generated page: dest('record', 'en', record) is
        `en/practices/<slug>/index.html`; dest('map', 'es') is `es/map/index.html`."""
        return PAGE_TYPES[page_type].dest(self.prefix(lang), *key)

    def dest_in(self, spec: PageSpec, lang: str) -> str:
        """Where the page of `spec` lives in another language."""
        return self.prefix(lang) + spec.dest_uri[len(self.prefix(spec.lang)):]

    def title(self, record: Record, lang: str) -> Localized:
        """A record's display title for a reader of `lang` (names are not translated)."""
        value = record.get(RECORD_TYPES[record.kind].title_field)
        if isinstance(value, str):
            return Localized(value, lang, False)
        return localize(value, lang, record.source_language)

    def term(self, vocabulary: str, term_id: str, lang: str) -> Localized:
        """A vocabulary term's label for a reader of `lang` (the id when it has none)."""
        entry = self.dataset.term(vocabulary, term_id) or {}
        label = localize(entry.get("label"), lang, self.project.default_language)
        return label or Localized(term_id, lang, False)

    @cached_property
    def base_map(self) -> BaseMap | None:
        """The map's shapes and markers, the same in every language (compendium.geo)."""
        return base_map(self.dataset)

    @cached_property
    def translations(self) -> Status:
        """What is missing or outdated in each language (the translation-status page)."""
        return translation_status(self.project, self.dataset)

    @cached_property
    def facets(self) -> dict[str, dict[str, list[Record]]]:
        """Facet values in use, and their practices (see compendium.facets)."""
        return facet_values(self.dataset)
