"""The published site in Chromium, served as GitHub Pages serves a project site:
under /compendium/, with 404.html for every missing address (issue 6)."""

from __future__ import annotations

import pytest

from tests.browser import PageWatch, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOT_FOUND = {"it": "Pagina non trovata", "en": "Page not found", "es": "Página no encontrada"}
# The page around the message: navigation, footer and header in the address's language.
HOME = {"it": "Inizio", "en": "Home", "es": "Inicio"}
ACCESSIBILITY = {"it": "Dichiarazione di accessibilità", "en": "Accessibility statement",
                 "es": "Declaración de accesibilidad"}
SITE_NAME = {"it": "Compendio delle buone pratiche per l'inclusione dei migranti",
             "en": "Compendium of good practices for migrants' inclusion",
             "es": "Compendio de buenas prácticas para la inclusión de migrantes"}


@pytest.mark.parametrize(("path", "lang"), [
    ("no/such/page/", "it"), ("en/practices/no-such-practice/", "en"), ("es/nada", "es"),
])
def test_the_404_page_speaks_the_language_of_the_address_and_searches_it(
        pages_site, browser, path, lang):
    with serve(pages_site, under="/compendium/") as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        response = page.goto(f"{base}/{path}")
        assert response.status == 404
        visible = page.locator("main section[lang]:visible")
        assert visible.count() == 1
        assert visible.get_attribute("lang") == lang
        assert visible.locator("h1").inner_text() == NOT_FOUND[lang]
        assert page.title() == f"{NOT_FOUND[lang]} – {SITE_NAME[lang]}"
        # The whole page is the language's own: <html lang>, header, navigation, footer.
        prefix = "" if lang == "it" else f"{lang}/"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator(".md-header__topic .cmp-site-name").first.inner_text() == \
            SITE_NAME[lang]
        first = page.locator(".md-nav--primary > .md-nav__list > li > a").first
        assert first.inner_text() == HOME[lang]
        assert first.evaluate("a => a.href") == f"{base}/{prefix}"
        practices = page.locator(".md-nav--primary > .md-nav__list > li > a").nth(1)
        assert practices.evaluate("a => a.href") == f"{base}/{prefix}practices/"
        footer = page.locator(".cmp-footer-links a").first
        assert footer.inner_text() == ACCESSIBILITY[lang]
        assert footer.evaluate("a => a.href") == f"{base}/{prefix}accessibility/"
        assert page.locator(".cmp-header-search").get_attribute("action") == \
            f"/compendium/{prefix}search/"
        assert page.locator("template").count() == 2  # the others wait, inert
        visible.get_by_role("searchbox").fill("mentoring")
        visible.get_by_role("searchbox").press("Enter")
        page.wait_for_load_state("load")
        assert page.url == f"{base}/{prefix}search/?q=mentoring"
        page.locator("#cmp-search-results > li").first.wait_for()
        # The one expected problem: the 404 of the missing page itself (and its console line).
        assert [p for p in watch.problems if "404" in p and "HTTP" in p] == [
            f"HTTP 404: {base}/{path}"]
        assert [p for p in watch.problems if "404" not in p] == []
        page.close()


@pytest.mark.parametrize("path", ["no/such/page/", "en/practices/no-such-practice/"])
def test_without_javascript_the_404_page_is_whole_in_the_default_language_with_every_message(
        pages_site, browser, path):
    with serve(pages_site, under="/compendium/") as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{base}/{path}")
        assert page.locator("html").get_attribute("lang") == "it"
        messages = page.locator("main section[lang]:visible")
        assert [m.get_attribute("lang") for m in messages.all()] == list(NOT_FOUND)
        assert [m.locator("h1").inner_text() for m in messages.all()] == list(NOT_FOUND.values())
        assert page.locator(".md-nav--primary > .md-nav__list > li > a").first.inner_text() == \
            HOME["it"]
        context.close()


def test_under_a_repository_path_pages_links_and_the_language_switch_work(pages_site, browser):
    with serve(pages_site, under="/compendium/") as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/practices/")
        page.locator("#cmp-practices a").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{base}/en/practices/")
        page.locator(".md-header__option .md-select button").click()
        page.get_by_role("link", name="Español", exact=True).click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{base}/es/practices/")
        assert page.locator("html").get_attribute("lang") == "es"
        page.wait_for_timeout(300)  # let late requests settle
        assert watch.problems == []
        page.close()


def test_hreflang_links_are_there_but_material_fetches_no_sitemap_for_them(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base}/en/practices/bridges/")
        page.wait_for_timeout(300)
        hreflangs = page.eval_on_selector_all(
            "link[hreflang]", "links => links.map(l => [l.relList.contains('alternate'), "
            "l.hreflang])")
        assert hreflangs == [[True, "it"], [True, "en"], [True, "es"], [True, "x-default"]]
        assert page.eval_on_selector_all("link[rel=alternate]", "links => links.length") == 0
        assert not [url for url in requested if "sitemap" in url]
        page.close()
