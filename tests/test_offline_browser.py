"""The offline copy (`make offline`), opened from disk in Chromium with no
server and no network: every page loads with nothing requested from elsewhere
and no console error; links, the language switch, search and the finder work,
also from the unpacked zip (issue 6)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.browser import PageWatch, wait_until, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _open(page, file: Path) -> None:
    page.goto(file.as_uri())
    page.wait_for_load_state("load")


def test_every_page_opens_from_disk_with_nothing_from_elsewhere(offline_site, browser):
    page = browser.new_page()
    watch = PageWatch(page, "file://")
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 80
    for file in pages:
        _open(page, file)
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
            # an old address of a facet page: it sends the reader to the new one, from disk too
            here = file.as_uri()
            page.wait_for_url(lambda url: url != here)  # noqa: B023 (used at once)
            page.wait_for_load_state("load")
            assert page.url.startswith(offline_site.as_uri()) and page.url.endswith(".html")
            assert page.locator("article h1").count() == 1, file.relative_to(offline_site)
        assert watch.problems == [], file.relative_to(offline_site)
    page.close()


def test_links_and_the_language_switch_work_from_disk(offline_site, browser):
    with watched_page(browser, "file://") as page:
        _open(page, offline_site / "index.html")
        page.get_by_role("navigation", name="Navigazione").get_by_role(
            "link", name="Buone pratiche").first.click()
        page.wait_for_load_state("load")
        assert page.url == (offline_site / "practices" / "index.html").as_uri()
        page.locator("#cmp-practices a", has_text="Ponti verso il lavoro").click()
        page.wait_for_load_state("load")
        assert page.url == (offline_site / "practices" / "bridges" / "index.html").as_uri()
        page.locator(".md-header__option .md-select button").click()
        page.get_by_role("link", name="English", exact=True).click()
        page.wait_for_load_state("load")
        assert page.url == (offline_site / "en" / "practices" / "bridges" / "index.html").as_uri()
        assert page.locator("article h1").inner_text() == "Bridges to work"
        page.locator(".cmp-footer-links a").first.click()
        page.wait_for_load_state("load")
        assert page.url == (offline_site / "en" / "accessibility.html").as_uri()


def test_the_zip_unpacks_to_a_copy_where_search_works(offline_copy, browser, tmp_path):
    with zipfile.ZipFile(offline_copy / "dist" / "compendium-offline.zip") as archive:
        archive.extractall(tmp_path)
    site = tmp_path / "site-offline"
    assert (site / "index.html").is_file()
    with watched_page(browser, "file://") as page:
        page.goto((site / "es" / "search" / "index.html").as_uri() + "?q=vivienda")
        page.locator("#cmp-search-results > li a").first.wait_for()
        first = page.locator("#cmp-search-results > li a").first
        assert first.inner_text() == "Women first"  # no Spanish title yet: shown in English
        page.goto((site / "practices" / "index.html").as_uri() + "?theme=housing")
        wait_until(page, "document.querySelectorAll('#cmp-practices > li:not([hidden])')"
                         ".length === 1")
