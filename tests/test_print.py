"""The printable compendium (issue 8): one PDF per language, from the same
templates, with every practice, project, workshop and contact person in that
language (fallbacks marked), contents and page numbers; and pages that print
well from the browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser import serve
from tests.conftest import copy_project, run_mkdocs
from tests.helpers import LANGUAGES, PREFIX, page

pytestmark = pytest.mark.slow
TITLES = {  # every practice, the project and the workshop of the fixture data
    "it": ["Ponti verso il lavoro", "Women first", "Pratica senza paese",
           "Progetto Alfa per l'inclusione", "Workshop di avvio di Alfa"],
    "en": ["Bridges to work", "Women first", "Practice without a country",
           "Alpha project for inclusion", "Alpha kick-off workshop"],
    "es": ["Puentes hacia el empleo", "Women first", "Práctica sin país",
           "Proyecto Alfa para la inclusión", "Taller de arranque de Alfa"],
}
SITE_NAMES = {"it": "Compendio delle buone pratiche", "en": "Compendium of good practices",
              "es": "Compendio de buenas prácticas"}


def _require_weasyprint() -> None:
    """WeasyPrint needs the system's Pango: skip without it locally, fail in CI."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        if os.environ.get("CI"):
            pytest.fail(f"WeasyPrint cannot run ({error}); .ci/run installs Pango")
        pytest.skip(f"the printed compendium needs Pango: {error}")


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory) -> Path:
    _require_weasyprint()
    root = copy_project(tmp_path_factory.mktemp("pdf") / "project")
    result = run_mkdocs(root, "build", "--strict", env={"COMPENDIUM_PDF": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def _text(site: Path, lang: str) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(site / PREFIX[lang] / "compendium.pdf")
    return [" ".join(p.extract_text().split()) for p in reader.pages]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pdf_holds_every_record_in_the_readers_language(pdf_site, lang):
    pages = _text(pdf_site, lang)
    whole = "\n".join(pages)
    assert pages[0].count(SITE_NAMES[lang]) == 1  # the cover
    for title in TITLES[lang]:
        assert title in whole, title
    assert "Ada Lovelace" in whole  # the contact persons
    assert "Secretina" not in whole  # not published, not printed
    assert re.search(rf"\b2 / {len(pages)}\b", pages[1])  # page numbers
    contents = pages[1]
    assert TITLES[lang][0] in contents and re.search(r"\.{5,} ?\d+", contents)


def test_fallbacks_are_marked_in_the_pdf(pdf_site):
    whole = "\n".join(_text(pdf_site, "es"))
    assert "Este texto aún no está disponible en español" in whole


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_and_practices_pages_link_the_pdf(pdf_site, lang):
    for path in ("", "practices/"):
        soup = page(pdf_site, lang, path)
        link = soup.select_one("article .cmp-pdf a[type='application/pdf']")
        target = (pdf_site / PREFIX[lang] / path / link["href"]).resolve()
        assert target == (pdf_site / PREFIX[lang] / "compendium.pdf").resolve()


def test_without_pdfs_no_page_links_one(built_site):
    assert not (built_site / "compendium.pdf").exists()
    assert page(built_site, "en", "practices/").select_one(".cmp-pdf") is None


@pytest.mark.browser
def test_a_page_prints_without_navigation_and_with_link_addresses(built_site, browser):
    with serve(built_site) as base:
        tab = browser.new_page()
        tab.goto(f"{base}/en/practices/bridges/")
        tab.emulate_media(media="print")
        assert not tab.locator(".md-header").is_visible()
        assert not tab.locator(".md-sidebar--primary").is_visible()
        assert not tab.locator(".md-footer").is_visible()
        assert tab.locator("article h1").is_visible()
        after = tab.eval_on_selector(
            "article a[href^='http']", "a => getComputedStyle(a, '::after').content")
        assert "http" in after
        tab.close()
