"""Facet pages: the practices that share one facet value (country Italy, theme
housing, year 2019...), one static page per value and language, for readers
without JavaScript and for search engines; the finder refines them further.

Their addresses are in the words of their language (`es/practices/tema/vivienda/`,
see compendium.facet_paths); the id-based address they had before
(`es/practices/theme/housing/`) gets a page that sends readers on (`moved`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from compendium.dataset import Record
from compendium.facet_paths import legacy_path
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
        """The page's address in ids (`practices/country/it/`): where it used to be."""
        key_word, value_word = legacy_path(key, value)
        return f"{prefix}{FOLDER}/{key_word}/{value_word}/index.html"

    def dest_for(self, site: SiteModel, lang: str, key: str, value: str) -> str:
        key_word, value_word = site.facet_path(lang, key, value)
        return f"{site.prefix(lang)}{FOLDER}/{key_word}/{value_word}/index.html"

    def dest_in(self, site: SiteModel, spec: PageSpec, lang: str) -> str:
        return self.dest_for(site, lang, *spec.facet)

    def specs(self, site: SiteModel, lang: str) -> Iterator[PageSpec]:
        for facet in FACETS:
            for value in sorted(site.facets[facet.key]):
                yield PageSpec(lang, self.name, self.template, FOLDER,
                               self.dest_for(site, lang, facet.key, value),
                               name=f"{facet.key}/{value_slug(value)}", facet=(facet.key, value))

    def moved(self, site: SiteModel, lang: str) -> Iterator[tuple[str, str]]:
        """(old address, new address) of every facet page of `lang` whose address
        changed to words of the language; old links lead to a page that sends
        readers on (LanguageBuild.write_files)."""
        pages = {spec.dest_uri for spec in self.specs(site, lang)}
        for spec in self.specs(site, lang):
            old = self.dest(site.prefix(lang), *spec.facet)
            if old != spec.dest_uri and old not in pages:
                yield old, spec.dest_uri


PAGE_TYPE = FacetPages()
