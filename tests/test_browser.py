"""What runs in the browser, in real headless Chromium."""

from __future__ import annotations

import pytest

from tests.browser import PageWatch, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _switch(page, language_name: str) -> None:
    """Open the header's language menu and pick a language, as a reader would."""
    page.locator(".md-header__option .md-select button").click()
    page.get_by_role("link", name=language_name, exact=True).click()
    page.wait_for_load_state("load")


def test_language_switcher_keeps_the_reader_on_the_same_record(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/practices/bridges/")
        assert page.locator("html").get_attribute("lang") == "it"
        assert page.locator("article h1").inner_text() == "Ponti verso il lavoro"

        _switch(page, "English")
        assert page.url == f"{base}/en/practices/bridges/"
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("article h1").inner_text() == "Bridges to work"

        _switch(page, "Español")
        assert page.url == f"{base}/es/practices/bridges/"
        assert page.locator("article h1").inner_text() == "Puentes hacia el empleo"

        _switch(page, "Italiano")
        assert page.url == f"{base}/practices/bridges/"
        page.wait_for_timeout(300)  # let late requests (Material's sitemap lookups) settle
        assert watch.problems == []
        page.close()


def test_language_switcher_on_home_and_catalogue_pages(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/")
        _switch(page, "Español")
        assert page.url == f"{base}/es/"
        page.goto(f"{base}/es/practices/")
        _switch(page, "Italiano")
        assert page.url == f"{base}/practices/"
        assert page.locator("article h1").inner_text() == "Buone pratiche"
        page.wait_for_timeout(300)
        assert watch.problems == []
        page.close()


def test_old_browsers_get_the_resize_observer_polyfill_from_the_site(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        page.add_init_script("delete window.ResizeObserver")  # as in a browser without it
        watch = PageWatch(page, base)
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base}/en/practices/bridges/")
        page.wait_for_timeout(500)
        polyfill = f"{base}/assets/vendor/resize-observer-polyfill/ResizeObserver.js"
        assert polyfill in requested
        assert page.evaluate("typeof window.ResizeObserver") == "function"
        assert watch.problems == []  # nothing from another origin, no CSP refusal
        page.close()
