"""A preview renders again only the pages whose inputs changed (compendium/fragments.py):
the fields each page read, or what every page shares."""

from __future__ import annotations

from pathlib import Path

import pytest

import compendium
from compendium.settings import BuildSettings
from tests.conftest import FIXTURE_DATA, copy_project

BRIDGES = "data/practices/bridges.yml"


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p", FIXTURE_DATA)


def _render(root: Path, cache: compendium.FragmentCache) -> tuple[dict[str, str], set[str]]:
    """Every English page's content, and the pages rendered (not reused) to make it."""
    build = compendium.LanguageBuild(compendium.open_compendium(root), "en", BuildSettings(),
                                     cache)
    pages, rendered = {}, set()
    for spec in build.pages():
        before = cache.reused
        pages[spec.dest_uri] = build.render(spec).html
        if cache.reused == before:
            rendered.add(spec.dest_uri)
    return pages, rendered


def _fresh(root: Path) -> dict[str, str]:
    return _render(root, compendium.FragmentCache())[0]


def _edit(root: Path, old: str, new: str, name: str = BRIDGES) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_description_changes_its_own_page_only(project):
    cache = compendium.FragmentCache()
    _render(project, cache)
    _edit(project, "group workshops.", "group workshops and mentoring.")
    pages, rendered = _render(project, cache)
    assert pages == _fresh(project)
    assert rendered == {"en/practices/bridges/index.html", "en/translations/index.html"}


def test_a_title_changes_every_page_that_shows_it(project):
    cache = compendium.FragmentCache()
    _render(project, cache)
    _edit(project, "en: Bridges to work", "en: Bridges to jobs")
    pages, rendered = _render(project, cache)
    assert pages == _fresh(project)
    assert {"en/practices/bridges/index.html", "en/practices/index.html",
            "en/organisations/city-hall/index.html"} <= rendered
    assert "en/practices/women-first/index.html" in rendered  # Bridges is related to it
    assert "en/practices/theme/housing/index.html" not in rendered  # Bridges is not there


def test_a_new_reference_changes_the_pages_derived_from_links(project):
    cache = compendium.FragmentCache()
    _render(project, cache)
    _edit(project, "promoters: [city-hall]", "promoters: [city-hall, helping-hands]")
    pages, rendered = _render(project, cache)
    assert pages == _fresh(project)
    assert "en/organisations/helping-hands/index.html" in rendered


def test_an_interface_string_changes_every_page(project):
    cache = compendium.FragmentCache()
    _render(project, cache)
    _edit(project, "  country: Country", "  country: Country or state", "locales/en.yml")
    pages, rendered = _render(project, cache)
    assert pages == _fresh(project)
    assert rendered == set(pages) and len(pages) > 10
