"""Facet pages: the practices that share one facet value (country Italy, theme
housing, year 2019...), one static page per value and language, for readers
without JavaScript and for search engines; the finder refines them further.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from compendium.dataset import Record
from compendium.facets import FACETS, FACETS_BY_KEY, value_slug
from compendium.l10n import Localized
from compendium.pages.base import PageSpec, PageType, PageView

if TYPE_CHECKING:
    from compendium.site import SiteModel

FOLDER = "practices"  # facet pages live under the practices catalogue: practices/<facet>/<value>/


class FacetPageView(PageView):
    def page_title(self) -> Localized:
        """'Country: Italy', in the reader's language."""
        key, value = self.spec.facet
        text = self.l10n.t("facet.page_title", facet=self.l10n.t(FACETS_BY_KEY[key].label),
                           value=self.facet_label(key, value).text)
        return Localized(text, self.lang, False)

    def description(self, lead: str) -> str:
        """'Country: Italy. 3 good practices.': the count alone is the same on many pages."""
        return f"{self.page_title().text}. {lead}"

    def facet_practices(self) -> list[Record]:
        key, value = self.spec.facet
        return self.sorted(self.site.facets[key][value])


class FacetPages(PageType):
    name = "facet"
    folder = FOLDER
    template = "facet.html"
    view = FacetPageView

    def dest(self, prefix: str, key: str, value: str) -> str:
        return f"{prefix}{FOLDER}/{key}/{value_slug(value)}/index.html"

    def specs(self, site: SiteModel, lang: str) -> Iterator[PageSpec]:
        for facet in FACETS:
            for value in sorted(site.facets[facet.key]):
                yield PageSpec(lang, self.name, self.template, FOLDER,
                               self.dest(site.prefix(lang), facet.key, value),
                               name=f"{facet.key}/{value_slug(value)}", facet=(facet.key, value))


PAGE_TYPE = FacetPages()
