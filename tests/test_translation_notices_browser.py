"""What readers see of missing and outdated translations, in Chromium (issue 7):
the notice in their language, the text in its own language (`lang`), and a link
to the original; the translation-status page lists the same gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import PageWatch, serve
from tests.conftest import copy_project, run_mkdocs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANG_OF = "e => e.closest('[lang]').getAttribute('lang')"


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The fixture site after the Italian originals changed and a page went missing."""
    root = copy_project(tmp_path_factory.mktemp("notices") / "project")
    _replace(root / "data/practices/bridges.yml", "Il progetto offre:", "Il progetto ora offre:")
    _replace(root / "docs/it/about.md", "Fixture page.", "Fixture page, revised.")
    (root / "docs/es/using.md").unlink()
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_an_outdated_field_says_so_and_links_the_original(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/practices/bridges/")
        notice = page.locator("article .cmp-outdated > .cmp-notice")
        assert notice.count() == 1
        assert notice.inner_text() == ("The original in Italian has changed since this "
                                       "translation was made, so it may be out of date. "
                                       "Read the original in Italian.")
        assert notice.evaluate(LANG_OF) == "en"
        assert page.locator("article .cmp-outdated p").nth(1).evaluate(LANG_OF) == "en"
        notice.get_by_role("link").click()
        page.wait_for_load_state("load")
        assert page.url == f"{base}/practices/bridges/"
        assert page.locator("html").get_attribute("lang") == "it"
        assert page.locator(".cmp-outdated").count() == 0  # the original has no notice
        assert watch.problems == []
        page.close()


def test_a_missing_field_is_shown_from_the_original_in_its_language(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}/es/practices/women-first/")
        fallback = page.locator("article .cmp-fallback").first
        notice = fallback.locator(".cmp-notice")
        assert notice.evaluate(LANG_OF) == "es"
        assert notice.inner_text().startswith("Este texto aún no está disponible en español")
        assert fallback.locator("div[lang]").evaluate(LANG_OF) == "en"
        assert notice.get_by_role("link").get_attribute("hreflang") == "en"
        page.close()


def test_hand_written_pages_outdated_or_missing(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}/en/about/")
        notice = page.locator("article .cmp-outdated > .cmp-notice")
        assert notice.inner_text().startswith("The original of this page, in Italian, has "
                                              "changed since this translation was made")
        assert page.locator("article h1").evaluate(LANG_OF) == "en"
        page.goto(f"{base}/es/using/")
        notice = page.locator("article .cmp-fallback > .cmp-notice")
        assert notice.inner_text().startswith("Esta página aún no está disponible en español")
        assert page.locator("article .cmp-fallback > div h1").evaluate(LANG_OF) == "it"
        notice.get_by_role("link").click()
        page.wait_for_load_state("load")
        assert page.url == f"{base}/using/"
        page.close()


def test_the_status_page_lists_the_gaps_of_every_language(site, browser):
    with serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}/en/")
        page.locator(".cmp-footer-links a", has_text="Translation status").click()
        page.wait_for_load_state("load")
        assert page.url == f"{base}/en/translations/"
        spanish = page.locator("#lang-es + ul li")
        items = spanish.all_inner_texts()
        assert any(i.startswith("Outdated: Page about.md") for i in items)
        assert any(i.startswith("Missing: Page using.md") for i in items)
        assert any(i.startswith("Outdated: Good practice Bridges to work, description")
                   for i in items)
        row = page.locator("tbody tr", has_text="Spanish")
        assert row.locator("td").nth(2).inner_text() != "0"  # outdated count
        page.close()
