"""The open-data page: what the data files under data/ hold (compendium.opendata
writes them), their licence and how to cite them."""

from __future__ import annotations

from dataclasses import dataclass

from compendium.opendata.files import data_paths
from compendium.pages.base import PageType, PageView
from compendium.schemas import RECORD_TYPES


@dataclass(frozen=True)
class OpenDataRow:
    kind: str
    count: int
    json: str
    csv: str
    spreadsheet_csv: str
    schema: str


class OpenDataView(PageView):
    def open_data(self) -> list[OpenDataRow]:
        """The published data files by record type, linked from this page."""
        rows = []
        for record_type in RECORD_TYPES.values():
            paths = data_paths(record_type)
            rows.append(OpenDataRow(
                record_type.kind, len(self.site.dataset.all(record_type.kind)),
                *(self.url_to(path) for path in paths)))
        return rows


class OpenDataPage(PageType):
    name = "open-data"
    folder = "open-data"
    template = "open-data.html"
    title_key = "open_data.title"
    view = OpenDataView


PAGE_TYPE = OpenDataPage()
