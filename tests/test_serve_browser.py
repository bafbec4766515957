"""`make serve` in real Chromium: pages reload by themselves after an edit, under the
site's Content-Security-Policy, and a change that fails to build is shown on the
open page while the last good site keeps being served."""

from __future__ import annotations

import time

import pytest

from tests.browser import PageWatch
from tests.checkers import axe_violations, vnu_errors
from tests.preview import make_serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGE = "/en/practices/bridges/"


def _text_after_reload(page, selector: str, expected: str, timeout: float = 90) -> str:
    """Wait, without touching the page, until it has reloaded by itself and shows
    `expected` (the page's own live-reload script must do the reloading)."""
    from playwright.sync_api import Error as PlaywrightError

    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            text = page.locator(selector).first.inner_text(timeout=1000)
            if expected in text:
                return text
        except PlaywrightError:  # the page is reloading: its old document is gone
            pass
        page.wait_for_timeout(200)
    raise AssertionError(f"{selector} never showed {expected!r}; last: {text!r}")


def _open(browser, running, path: str = PAGE):
    page = browser.new_page()
    watch = PageWatch(page, running.base)
    logs: list[str] = []
    page.on("console", lambda message: logs.append(message.text))
    page.goto(running.base + path)
    deadline = time.monotonic() + 10
    while "Enabled live reload" not in logs and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert "Enabled live reload" in logs, logs  # MkDocs' script ran: the CSP allowed it
    page.evaluate("window.cmpBeforeEdit = true")  # gone once the page has reloaded
    return page, watch


def test_an_edited_record_reloads_the_open_page_with_no_console_error(make_project, browser):
    root = make_project()
    with make_serve(root) as running:
        page, watch = _open(browser, running)
        assert page.locator("article h1").inner_text() == "Bridges to work"
        record = root / "data" / "practices" / "bridges.yml"
        record.write_text(record.read_text().replace("Bridges to work", "Bridges to jobs"))
        assert _text_after_reload(page, "article h1", "Bridges to jobs") == "Bridges to jobs"
        assert page.evaluate("window.cmpBeforeEdit === undefined")
        page.wait_for_timeout(300)
        assert watch.problems == []
        page.close()


def test_a_change_that_fails_is_shown_on_the_open_page_and_the_site_still_served(
        make_project, browser):
    root = make_project()
    with make_serve(root) as running:
        page, watch = _open(browser, running)
        record = root / "data" / "practices" / "bridges.yml"
        good = record.read_text()
        record.write_text(good.replace("Bridges to work", "Bridges to jobs")
                          + "nonsense_field: 1\n")
        notice = _text_after_reload(page, ".cmp-preview-failed", "nonsense_field")
        assert "data/practices/bridges.yml" in notice
        assert page.locator(".cmp-preview-failed").get_attribute("role") == "alert"
        assert axe_violations(page) == []
        assert page.locator("article h1").inner_text() == "Bridges to work"  # the last good
        status, html = running.get(PAGE, timeout=10)  # answered, not held
        assert status == 200 and "Bridges to work" in html and "nonsense_field" in html
        assert running.get("/en/", timeout=10)[0] == 200

        record.write_text(good.replace("Bridges to work", "Bridges to jobs"))
        assert _text_after_reload(page, "article h1", "Bridges to jobs") == "Bridges to jobs"
        assert page.locator(".cmp-preview-failed").count() == 0
        page.wait_for_timeout(300)
        assert watch.problems == []
        page.close()
    output = running.output()
    assert "nonsense_field" in output  # the problem is in the log as well
    assert "Traceback" not in output


def test_the_note_of_a_language_not_previewed_is_accessible_and_valid(make_project, browser,
                                                                     tmp_path):
    root = make_project()
    with make_serve(root, "SITE_LANG=es") as running:
        page = browser.new_page()
        watch = PageWatch(page, running.base)
        page.goto(running.base + "/en/practices/bridges/")
        assert page.locator("html").get_attribute("lang") == "es"
        assert page.locator("h1").inner_text() == "No está en esta vista previa"
        assert axe_violations(page) == []
        checked = tmp_path / "checked"
        checked.mkdir()
        (checked / "note.html").write_text(page.content(), encoding="utf-8")
        page.get_by_role("link", name="La misma dirección en español").click()
        page.wait_for_load_state("load")
        assert page.url == running.base + "/es/practices/bridges/"
        assert watch.problems == []
        page.close()
    assert vnu_errors(checked) == []
