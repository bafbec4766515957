"""Pages as a reader sees them in Chromium (issue 17): nothing scrolls sideways on a
390 px phone and the header's name is whole; tables keep their numbers apart;
the search page's "more results" button only shows when there is more; the
"Cite this page" box copies its citation, also from disk, and is there to
select without JavaScript; a page that fits in the window marks no section of
its table of contents; a practice prints alone into a clean PDF; record pages
keep their structured data under the site's Content-Security-Policy."""

from __future__ import annotations

import io
from itertools import pairwise

import pytest
import yaml

from tests.browser import PageWatch, serve, wait_until
from tests.conftest import REPO
from tests.helpers import LANGUAGES, PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
PAGE_TYPES = {  # every type of page of the real site
    "home": "", "finder": "practices/", "map": "map/", "practice": "practices/cinformi/",
    "project": "projects/lecim/", "workshop": "workshops/savoir-faire-florence-2019/",
    "organisation": "organisations/aiccre/", "person": "people/alessandro-salvi/",
    "projects": "projects/", "workshops": "workshops/", "organisations": "organisations/",
    "people": "people/", "facet": "practices/country/it/", "search": "search/?q=migranti",
    "open data": "open-data/", "translations": "translations/", "about": "about/",
    "using": "using/", "contributing": "contributing/", "accessibility": "accessibility/",
    "privacy": "privacy/", "404": "no-such-page/",
}


def _strings(lang: str) -> dict:
    return yaml.safe_load((REPO / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def served(content_site):
    with serve(content_site, under="/") as base:
        yield base


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone_and_the_header_name_is_whole(served, phone, lang):
    page = phone.new_page()
    wide = {}
    for kind, path in PAGE_TYPES.items():
        page.goto(f"{served}/{PREFIX[lang]}{path}")
        width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        if width[0] > width[1]:
            wide[kind] = width
        name = page.locator(".md-header__topic").first.locator(".cmp-site-name--short")
        assert name.is_visible(), kind
        assert name.inner_text() == _strings(lang)["site"]["short_name"]
        assert name.evaluate("e => { const box = e.closest('.md-ellipsis');"
                             " return box.scrollWidth <= box.clientWidth; }"), kind
    assert wide == {}
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_translation_table_keeps_its_numbers_apart_and_names_whole(served, phone, lang):
    page = phone.new_page()
    page.goto(f"{served}/{PREFIX[lang]}translations/")
    rows = page.locator(".cmp-translations tbody tr")
    assert rows.count() == len(LANGUAGES)
    for row in rows.all():
        # The text of each visible cell, as laid out: lines and horizontal extent.
        cells = row.evaluate("""tr => [...tr.children].filter(c => c.offsetParent !== null)
            .map(c => { const r = document.createRange(); r.selectNodeContents(c);
                        const rects = [...r.getClientRects()];
                        return [Math.min(...rects.map(x => x.left)),
                                Math.max(...rects.map(x => x.right)),
                                new Set(rects.map(x => Math.round(x.top))).size]; })""")
        assert cells[0][2] == 1  # the language's name on one line
        for before, after in pairwise(cells):
            assert after[0] - before[1] >= 8  # at least half a character apart
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_open_data_table_caption_is_whole_on_a_phone(served, phone, lang):
    page = phone.new_page()
    page.goto(f"{served}/{PREFIX[lang]}open-data/")
    caption = page.locator(".cmp-data-table caption")
    assert caption.is_visible()
    box = caption.evaluate("c => { const r = document.createRange(); r.selectNodeContents(c);"
                           " const b = r.getBoundingClientRect(); return [b.left, b.right]; }")
    assert box[0] >= 0 and box[1] <= PHONE["width"]
    region = page.locator(".cmp-table-scroll")
    assert region.get_attribute("tabindex") == "0"  # its columns scroll: the keyboard too
    page.close()


SEARCHES = {"it": ("migranti", "cinformi"), "en": ("migrants", "cinformi"),
            "es": ("migrantes", "cinformi")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_more_results_shows_only_when_there_are_more(served, browser, lang):
    many, few = SEARCHES[lang]
    page = browser.new_page()
    more = page.locator("#cmp-search-more")
    for query in ("zzqqxxyy", few, ""):  # none, all on one screen, no words
        page.goto(f"{served}/{PREFIX[lang]}search/?q={query}")
        wait_until(page, "document.getElementById('cmp-search-status').textContent !== ''")
        page.wait_for_timeout(200)
        assert not more.is_visible(), query
    page.goto(f"{served}/{PREFIX[lang]}search/?q={many}")
    page.locator("#cmp-search-results > li").first.wait_for()
    assert more.is_visible()
    shown = page.locator("#cmp-search-results > li").count()
    more.click()
    wait_until(page, f"document.querySelectorAll('#cmp-search-results > li').length > {shown}")
    page.close()


def _citation(page) -> str:
    return " ".join(page.locator("#cmp-citation, .cmp-cite__text").first.inner_text().split())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["practices/cinformi/", "projects/lecim/"])
def test_the_cite_box_copies_its_citation_in_the_readers_language(served, browser, lang, path):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    page = context.new_page()
    watch = PageWatch(page, served)
    page.goto(f"{served}/{PREFIX[lang]}{path}")
    strings = _strings(lang)["cite"]
    box = page.locator(".cmp-cite")
    assert box.locator("h2").inner_text().strip().rstrip("¶").strip() == strings["title"]
    citation = _citation(page)
    title = page.locator("article h1").inner_text()
    site = page.evaluate("document.querySelector('meta[property=\"og:site_name\"]').content")
    url = page.evaluate("document.querySelector('link[rel=canonical]').href")
    today = page.evaluate("new Intl.DateTimeFormat(document.documentElement.lang,"
                          " {dateStyle: 'long'}).format(new Date())")
    assert citation.startswith(f"{title}. {strings['in']}: {site}.")
    assert url in citation
    assert strings["accessed"].format(date=today) in citation  # the reader's own date
    assert "CC BY 4.0" in citation
    button = box.get_by_role("button", name=strings["copy"])
    button.click()
    wait_until(page, "document.querySelector('.cmp-cite__status').textContent !== ''")
    assert box.locator("[role=status]").inner_text() == strings["copied"]
    assert " ".join(page.evaluate("navigator.clipboard.readText()").split()) == citation
    assert watch.problems == []
    context.close()


def test_without_javascript_the_citation_is_there_to_select_and_no_button(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/en/practices/cinformi/")
    assert page.locator(".cmp-cite__text").is_visible()
    assert "Cinformi" in _citation(page)
    assert not page.locator(".cmp-cite button").is_visible()
    context.close()


def test_the_cite_box_copies_from_disk_too(offline_site, browser):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    watch = PageWatch(page, "file://")
    page.goto((offline_site / "en" / "practices" / "bridges" / "index.html").as_uri())
    citation = _citation(page)
    page.locator(".cmp-cite button").click()
    wait_until(page, "document.querySelector('.cmp-cite__status').textContent !== ''")
    assert page.locator(".cmp-cite [role=status]").inner_text() == "Citation copied."
    assert " ".join(page.evaluate("navigator.clipboard.readText()").split()) == citation
    assert watch.problems == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_page_that_fits_the_window_marks_no_section_as_being_read(served, browser, lang):
    context = browser.new_context(viewport={"width": 1400, "height": 1200})
    page = context.new_page()
    page.goto(f"{served}/{PREFIX[lang]}people/alessandro-salvi/")
    page.wait_for_timeout(400)  # Material marks sections once it has measured the page
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")
    links = page.locator(".md-sidebar--secondary .md-nav__link")
    assert links.count() >= 2
    colours = {link.evaluate("a => getComputedStyle(a).color") for link in links.all()}
    assert len(colours) == 1  # none lit
    # A long page keeps Material's marks: at its foot, its last section is lit.
    page.goto(f"{served}/{PREFIX[lang]}practices/cinformi/")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(400)
    lit = page.locator(".md-sidebar--secondary .md-nav__link--active")
    assert lit.count() == 1
    passed = page.locator(".md-sidebar--secondary .md-nav__link--passed:not("
                          ".md-nav__link--active)").first
    assert lit.evaluate("a => getComputedStyle(a).color") != \
        passed.evaluate("a => getComputedStyle(a).color")
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_practice_prints_alone_into_a_clean_page(served, browser, lang):
    from pypdf import PdfReader

    page = browser.new_page()
    page.goto(f"{served}/{PREFIX[lang]}practices/cinformi/")
    title = page.locator("article h1").inner_text()
    sections = [h.inner_text().rstrip("¶").strip() for h in page.locator("article h2").all()]
    menu = page.locator(".md-nav--primary > .md-nav__list > li > a").nth(1).inner_text()
    footer = page.locator(".cmp-footer-links a").first.inner_text()
    strings = _strings(lang)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    printed = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert title in printed[:300]  # the practice from the top of the first page
    for heading in sections:
        assert heading in printed
    for chrome in (menu, footer, strings["cite"]["copy"], strings["search"]["placeholder"]):
        assert chrome not in printed, chrome
    assert len(pdf.pages) <= 6
    page.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_record_pages_keep_their_structured_data_under_the_sites_policy(served, browser, lang):
    page = browser.new_page()  # the site's Content-Security-Policy applies
    watch = PageWatch(page, served)
    for kind in ("practice", "project", "workshop", "organisation", "person"):
        page.goto(f"{served}/{PREFIX[lang]}{PAGE_TYPES[kind]}")
        data = page.evaluate("JSON.parse(document.querySelector("
                             "'script[type=\"application/ld+json\"]').textContent)")
        assert data["inLanguage"] == lang
    page.wait_for_timeout(200)
    assert watch.problems == []
    page.close()
