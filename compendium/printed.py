"""The printable compendium: one HTML document per language, from the same record
templates as the site, turned into a PDF by WeasyPrint (see write_pdf).

The record fragments are rendered as if they lived where the PDF lives
(SiteModel.pdf_dest: `<lang>/compendium.pdf`), so their relative links resolve
to the site's pages once WeasyPrint makes them absolute against the site's
address. Each record keeps its fallback notices and `lang` marks, and its
provenance section.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from compendium.render import Renderer
from compendium.schemas import RECORD_TYPES
from compendium.site import PageSpec

# Parts of the printed compendium, in order: record kind and its heading key.
PARTS = (("project", "catalogue.projects.title"), ("workshop", "catalogue.workshops.title"),
         ("practice", "catalogue.practices.title"), ("person", "catalogue.people.title"))


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
    parts = []
    for kind, heading in PARTS:
        records = []
        view_sorted = sorted(site.dataset.all(kind),
                             key=lambda r: l10n.sort_key(site.title(r, lang).text))
        for record in view_sorted:
            spec = PageSpec(lang, f"{kind}.html", RECORD_TYPES[kind].folder,
                            site.pdf_dest(lang), record)
            page = renderer.render(spec, directory_urls=True)
            records.append(PrintedRecord(f"{kind}-{record.slug}", page.title, page.title_lang,
                                         Markup(page.html)))
        parts.append(PrintedPart(f"part-{RECORD_TYPES[kind].folder}", l10n.t(heading), records))
    template = renderer.env.get_template("print.html")
    return template.render(parts=parts, lang=lang, site_name=site_name, date=date_text,
                           t=l10n.t, l10n=l10n)


def write_pdf(html: str, base_url: str, stylesheet: Path, target: Path) -> None:
    """Typeset with WeasyPrint (imported here: only PDF builds need it and its Pango)."""
    from weasyprint import CSS, HTML

    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=base_url).write_pdf(
        target, stylesheets=[CSS(filename=str(stylesheet))])
