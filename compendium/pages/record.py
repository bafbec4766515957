"""Record pages: one page per published record, in every language, out of the navigation.

The template is the record's kind (`practice.html`, `project.html`, ...); the
page lives at `<record type folder>/<slug>/`. Catalogue pages link them: no
page grows with the number of records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from compendium.dataset import Record
from compendium.l10n import Localized
from compendium.pages.base import PageSpec, PageType, PageView
from compendium.schemas import RECORD_TYPES

if TYPE_CHECKING:
    from compendium.site import SiteModel


class RecordView(PageView):
    def page_title(self) -> Localized:
        """A record's title (or name), in the reader's language when it has one."""
        return self.title(self.spec.record)


class RecordPages(PageType):
    name = "record"
    view = RecordView

    def dest(self, prefix: str, record: Record) -> str:
        return f"{prefix}{RECORD_TYPES[record.kind].folder}/{record.slug}/index.html"

    def spec(self, lang: str, record: Record, dest_uri: str) -> PageSpec:
        """The page of one record, written to `dest_uri` (its page, or the PDF)."""
        return PageSpec(lang, self.name, f"{record.kind}.html", RECORD_TYPES[record.kind].folder,
                        dest_uri, record=record)

    def specs(self, site: SiteModel, lang: str) -> Iterator[PageSpec]:
        prefix = site.prefix(lang)
        for record_type in RECORD_TYPES.values():
            for record in site.dataset.all(record_type.kind):
                yield self.spec(lang, record, self.dest(prefix, record))


PAGE_TYPE = RecordPages()
