"""Catalogue pages: every record of one kind, in the navigation, in the order of
RECORD_TYPES. The practices catalogue is also the practice finder (facets, words).

Each kind has its own template, `catalogue-<folder>.html`, and its title is the
kind's heading (RecordType.heading).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from compendium.dataset import Record
from compendium.facets import FACETS
from compendium.l10n import Localized
from compendium.pages.base import PageSpec, PageType, PageView
from compendium.schemas import RECORD_TYPES
from compendium.search.refs import record_refs
from compendium.urls import pdf_dest

if TYPE_CHECKING:
    from compendium.site import SiteModel


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
    """A heading and the records under it, e.g. an organisation type and its members."""

    key: str
    label: Localized
    records: list[Record]


class CatalogueView(PageView):
    def pdf_url(self) -> str | None:
        """The printable compendium in this language, when this build makes it."""
        return self.url_to(pdf_dest(self.site.prefix(self.lang))) if self.settings.pdf else None

    # -- the practice finder -------------------------------------------------
    @cached_property
    def _refs(self) -> dict[Record, str]:
        return record_refs(self.site.dataset)

    def search_ref(self, record: Record) -> str:
        """The record's id in the search index (the finder matches words through it)."""
        return self._refs[record]

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

    # -- groups ---------------------------------------------------------------
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

    def by_term(self, records: Iterable[Record], field: str, vocabulary: str,
                missing_key: str) -> list[Group]:
        def keys(record: Record) -> list[str]:
            value = record.get(field)
            return value if isinstance(value, list) else [value] if value else []

        return self.group_by(records, keys, lambda term_id: self.term(vocabulary, term_id),
                             self.l10n.t(missing_key))


class CataloguePages(PageType):
    name = "catalogue"
    in_nav = True
    view = CatalogueView

    def dest(self, prefix: str, folder: str) -> str:
        return f"{prefix}{folder}/index.html"

    def specs(self, site: SiteModel, lang: str) -> Iterator[PageSpec]:
        for record_type in RECORD_TYPES.values():
            folder = record_type.folder
            yield PageSpec(lang, self.name, f"catalogue-{folder}.html", folder,
                           self.dest(site.prefix(lang), folder), record_type.heading,
                           in_nav=True)


PAGE_TYPE = CataloguePages()
