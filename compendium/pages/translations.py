"""The translation-status page: progress of every language, and what each lacks
or has out of date (compendium.translations.status), linked to the pages a
translator checks."""

from __future__ import annotations

from dataclasses import dataclass

from compendium.l10n import Localized
from compendium.pages.base import PageType, PageView
from compendium.translations.status import Gap
from compendium.urls import handwritten_dest


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


class TranslationsView(PageView):
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
                label = self.title(record)
                url = self.url_to(self.site.dest("record", lang, record))
            elif gap.kind == "page":
                label = Localized(gap.name, self.lang, False)
                url = self.url_to(handwritten_dest(self.site.prefix(lang), gap.name,
                                                   self.settings.directory_urls))
            else:
                label, url = Localized(gap.name, self.lang, False), None
            views.append(GapView(gap, label, url))
        return views


class TranslationsPage(PageType):
    name = "translations"
    folder = "translations"
    template = "translations.html"
    title_key = "translations.title"
    reusable = False  # it reads the hand-written pages as well as the records
    view = TranslationsView


PAGE_TYPE = TranslationsPage()
