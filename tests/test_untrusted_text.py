"""Record text is untrusted: payloads in every text field come out as inert text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_mkdocs
from tests.helpers import LANGUAGES, PREFIX

pytestmark = pytest.mark.slow
XSS = Path(__file__).parent / "fixtures" / "xss"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory) -> Path:
    from tests.conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("xss") / "project", overlay=XSS)
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["practices/bridges/", "practices/", "organisations/city-hall/"])
def test_payloads_render_inert(xss_site, lang, path):
    html = (xss_site / PREFIX[lang] / path / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "lxml")
    article = soup.select_one("article")
    assert not article.select("script:not([type='application/ld+json']), iframe, img, svg, "
                              "style, marquee, div[onclick]")
    for data in article.select("script[type='application/ld+json']"):  # data, never run:
        assert "<" not in data.string  # the payloads' tags stay escaped inside it
        json.loads(data.string)
    for element in soup.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on")], element
        for attr in ("href", "src"):
            value = (element.get(attr) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), element
    scripts = [s.get("src") or s.get_text()[:40] for s in soup.select("script")]
    assert not [s for s in scripts if "alert" in s]


def test_payloads_stay_visible_as_text(xss_site):
    soup = BeautifulSoup((xss_site / "en/practices/bridges/index.html").read_text(), "lxml")
    article = soup.select_one("article")
    assert "<script>alert('description')</script>" in article.get_text()
    assert "{{ 7*7 }}" in article.get_text()
    assert soup.title.get_text().startswith("<script>alert('title')</script>&lt;/title&gt;")
    assert [a["href"] for a in article.select("#results + p a")] == [
        "https://ok.example.org/?q=<script>alert(1)</script>"]  # escaped in the attribute
