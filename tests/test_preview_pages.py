"""What a local preview adds to pages as it serves them (compendium/preview.py,
compendium.csp.allow_inline_script), and that no built site ever holds any of it."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import compendium
from compendium.csp import POLICY, fill_policy, inline_script_hashes, script_source
from tests.conftest import FIXTURE_DATA, copy_project

RELOAD = "var livereload = function(epoch, requestId) {};\nlivereload(1, 2);\n"


@pytest.fixture(scope="module")
def opened(tmp_path_factory) -> compendium.Compendium:
    return compendium.open_compendium(copy_project(tmp_path_factory.mktemp("p"), FIXTURE_DATA))


def _page(body: str = "<p>x</p>") -> str:
    return fill_policy(f'<html lang="en"><head><meta http-equiv="Content-Security-Policy" '
                       f'content="{POLICY}"></head><body class="x">{body}</body></html>')


def test_a_served_page_allows_exactly_the_added_script():
    page = _page()
    served = compendium.allow_inline_script(page, RELOAD)
    policy = re.search(r'content="([^"]*)"', served).group(1)
    assert policy == re.search(r'content="([^"]*)"', page).group(1).replace(
        "script-src 'self'", f"script-src 'self' {script_source(RELOAD)}")
    digest = base64.b64encode(hashlib.sha256(RELOAD.encode()).digest()).decode()
    assert script_source(RELOAD) == f"'sha256-{digest}'"  # as browsers hash it


def test_a_page_without_the_policy_is_left_alone():
    assert compendium.allow_inline_script("<p>no policy</p>", RELOAD) == "<p>no policy</p>"


def test_the_failure_notice_opens_the_body_in_the_page_language(opened):
    pages = compendium.PreviewPages(opened)
    served = pages.with_failure(_page(), "es", ["data/x.yml:3: title: <b>bad</b>", "Aborted"])
    body = BeautifulSoup(served, "lxml").body
    notice = body.find(recursive=False)
    assert notice["class"] == ["cmp-preview-failed"] and notice["role"] == "alert"
    assert notice["lang"] == "es"
    assert "Su último cambio no se ha generado." in notice.get_text()
    assert [li.get_text() for li in notice.find_all("li")] == [
        "data/x.yml:3: title: <b>bad</b>", "Aborted"]  # escaped, shown as text


@pytest.mark.parametrize(("path", "lang", "same"), [
    ("/en/practices/x/", "en", "/es/practices/x/"),
    ("/practices/x/", "it", "/es/practices/x/"),
    ("/", "it", "/es/"),
    ("/en/", "en", "/es/"),
])
def test_an_address_of_another_language_answers_with_the_preview_note(opened, path, lang,
                                                                      same):
    pages = compendium.PreviewPages(opened)
    assert pages.language_of(path) == lang
    html = BeautifulSoup(pages.not_built(path, "es"), "lxml")
    assert html.html["lang"] == "es"
    assert "solo las páginas en español" in html.get_text()
    assert html.find("a", hreflang="es")["href"] == same
    assert "'cmp-inline-scripts'" not in str(html)  # the policy is filled in


def test_under_a_sub_path_languages_and_addresses_keep_it(opened):
    pages = compendium.PreviewPages(opened, "/compendium/")
    assert pages.language_of("/compendium/en/x/") == "en"
    assert pages.in_language("/compendium/en/x/", "es") == "/compendium/es/x/"


def _files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file()
            and path.suffix in (".html", ".js", ".css", ".xml")]


def test_no_built_site_holds_the_preview_or_its_script(built_site, offline_site):
    for site in (built_site, offline_site):
        for path in _files(site):
            text = path.read_text(encoding="utf-8")
            assert "livereload" not in text, path
            assert "cmp-preview-failed" not in text or path.suffix == ".css", path
            if path.suffix == ".html" and "Content-Security-Policy" in text:
                policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"',
                                   text).group(1)
                hashes = policy.split("script-src 'self'")[1].split(";")[0].split()
                assert hashes == inline_script_hashes(text), path  # its own scripts only
