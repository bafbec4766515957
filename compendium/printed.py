"""The printable compendium: one HTML document per language, from the same record
templates as the site, turned into a PDF by WeasyPrint (see write_pdf). The
good practices come first, right after the contents and a short introduction
(RecordType.print_position), then the projects, workshops and contact persons.

The record fragments are rendered as if they lived where the PDF lives
(urls.pdf_dest: `<lang>/compendium.pdf`), so their relative links resolve
to the site's pages once WeasyPrint makes them absolute against the site's
address. Each record keeps its fallback notices and `lang` marks, and its
provenance section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from compendium.pages import PAGE_TYPES
from compendium.render import Renderer
from compendium.schemas import RECORD_TYPES, RecordType
from compendium.settings import BuildSettings
from compendium.urls import pdf_dest

# Record pages are rendered as if they lived at the PDF's place, with directory URLs.
_SETTINGS = BuildSettings(directory_urls=True)


@dataclass(frozen=True)
class PrintedRecord:
    anchor: str
    title: str
    title_lang: str
    html: Markup


@dataclass(frozen=True)
class PrintedPart:
    anchor: str
    heading: str
    records: list[PrintedRecord]


def print_document(renderer: Renderer, lang: str, site_name: str, date_text: str) -> str:
    """The whole compendium in `lang` as one HTML document, ready for WeasyPrint."""
    site, l10n = renderer.site, renderer.localizers[lang]
    record_pages, dest = PAGE_TYPES["record"], pdf_dest(site.prefix(lang))
    parts = []
    for record_type in printed_types():
        records = []
        view_sorted = sorted(site.dataset.all(record_type.kind),
                             key=lambda r: l10n.sort_key(site.title(r, lang).text))
        for record in view_sorted:
            page = renderer.render(record_pages.spec(lang, record, dest), _SETTINGS)
            records.append(PrintedRecord(f"{record.kind}-{record.slug}", page.title,
                                         page.title_lang, Markup(page.html)))
        parts.append(PrintedPart(f"part-{record_type.folder}", l10n.t(record_type.heading),
                                 records))
    template = renderer.env.get_template("print.html")
    return template.render(parts=parts, lang=lang, site_name=site_name, date=date_text,
                           t=l10n.t, l10n=l10n)


def printed_types() -> list[RecordType]:
    """The record types the printed compendium has a part for, in its order."""
    return sorted((t for t in RECORD_TYPES.values() if t.print_position is not None),
                  key=lambda t: t.print_position)


def layout(html: str, base_url: str, stylesheet: Path):
    """The document laid out in pages by WeasyPrint (imported here: only PDF builds
    need it and its Pango); its pages' boxes are what the tests check for overlaps."""
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=base_url).render(
        stylesheets=[CSS(filename=str(stylesheet))])


def write_pdf(html: str, base_url: str, stylesheet: Path, target: Path) -> None:
    """Typeset with WeasyPrint and write the PDF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    layout(html, base_url, stylesheet).write_pdf(target)
