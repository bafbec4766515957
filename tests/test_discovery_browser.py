"""The published site in Chromium, served as GitHub Pages serves a project site:
under /compendium/, with 404.html for every missing address (issue 6)."""

from __future__ import annotations

import pytest

from tests.browser import PageWatch, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NOT_FOUND = {"it": "Pagina non trovata", "en": "Page not found", "es": "Página no encontrada"}


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
        assert page.title().startswith(NOT_FOUND[lang])
        assert page.locator(".cmp-header-search").get_attribute("lang") == lang
        visible.get_by_role("searchbox").fill("mentoring")
        visible.get_by_role("searchbox").press("Enter")
        page.wait_for_load_state("load")
        prefix = "" if lang == "it" else f"{lang}/"
        assert page.url == f"{base}/{prefix}search/?q=mentoring"
        page.locator("#cmp-search-results > li").first.wait_for()
        # The one expected problem: the 404 of the missing page itself (and its console line).
        assert [p for p in watch.problems if "404" in p and "HTTP" in p] == [
            f"HTTP 404: {base}/{path}"]
        assert [p for p in watch.problems if "404" not in p] == []
        page.close()


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
