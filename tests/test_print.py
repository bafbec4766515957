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


# -- the layout of the real compendium (WeasyPrint's boxes, page by page) ------------
@pytest.fixture(scope="module")
def real_layouts() -> dict:
    """The real compendium laid out by WeasyPrint in every language, as `make pdf` does."""
    _require_weasyprint()
    import compendium
    from compendium.printed import layout, print_document
    from tests.conftest import REPO

    opened = compendium.open_compendium(REPO)
    return {lang: layout(print_document(opened.renderer, lang, SITE_NAMES[lang], "1.1.2026"),
                         "http://127.0.0.1:8000/", REPO / "overrides/compendium/print.css")
            for lang in LANGUAGES}


def _text_boxes(box):
    """Every piece of laid-out text under a box."""
    from weasyprint.formatting_structure.boxes import TextBox

    stack = [box]
    while stack:
        box = stack.pop()
        if isinstance(box, TextBox):
            yield box
        stack.extend(getattr(box, "children", []))


def _overlaps(page) -> list[tuple[str, str]]:
    """Pairs of text boxes of a page (margins' page numbers included) that overlap by
    more than half a point."""
    boxes = sorted(_text_boxes(page._page_box), key=lambda b: b.position_y)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b.position_y >= a.position_y + a.height - 0.5:
                break
            if (a.position_x < b.position_x + b.width - 0.5
                    and b.position_x < a.position_x + a.width - 0.5):
                found.append((a.text, b.text))
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_practices_start_within_the_first_15_percent_of_the_pages(real_layouts, lang):
    pages = real_layouts[lang].pages
    first = min(number for number, page in enumerate(pages, 1)
                for anchor in page.anchors if anchor.startswith("practice-"))
    assert first / len(pages) <= 0.15, (first, len(pages))
    # Before them: the cover, the contents and the introduction, nothing else.
    assert "introduction" in pages[first - 2].anchors


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_two_text_boxes_overlap_on_any_page(real_layouts, lang):
    overlaps = {number: found for number, page in enumerate(real_layouts[lang].pages, 1)
                if (found := _overlaps(page))}
    assert overlaps == {}


def test_the_overlap_check_sees_an_overlap(real_layouts):
    """The check above finds what it looks for: the same text box twice."""
    from weasyprint.formatting_structure.boxes import TextBox

    page = real_layouts[LANGUAGES[0]].pages[3]
    box = next(_text_boxes(page._page_box))
    assert isinstance(box, TextBox)
    page._page_box.children[0].children.append(box.copy())
    try:
        assert _overlaps(page)
    finally:
        page._page_box.children[0].children.pop()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_facts_use_the_width_of_the_page(real_layouts, lang):
    """Values of a record's facts are laid out across the page, beside their labels:
    never squeezed into a narrow column with the right one empty."""
    from weasyprint.formatting_structure.boxes import BlockContainerBox

    for sheet in real_layouts[lang].pages:
        frame = sheet._page_box
        width = frame.width - frame.margin_left - frame.margin_right
        stack = [frame]
        while stack:
            box = stack.pop()
            if isinstance(box, BlockContainerBox) and box.element_tag == "dd":
                assert box.width >= 0.6 * width
                assert box.position_x >= frame.margin_left + 0.2 * width
            stack.extend(getattr(box, "children", []))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_left_almost_empty_but_where_a_part_ends(real_layouts, lang):
    pages = real_layouts[lang].pages
    frame = pages[0]._page_box
    top, bottom = frame.margin_top, frame.height - frame.margin_bottom
    starts = [any(a.startswith("part-") or a == "introduction" for a in sheet.anchors)
              for sheet in pages]
    short = []
    for number, sheet in enumerate(pages[1:-1], 2):  # the cover and the last page aside
        if starts[number]:  # the next page starts a part: this one may end short
            continue
        body = sheet._page_box.children[0]  # the page's content, not its margins' numbers
        lowest = max((b.position_y + b.height for b in _text_boxes(body)), default=top)
        if (lowest - top) / (bottom - top) < 0.6:
            short.append(number)
    assert short == []
