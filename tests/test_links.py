"""No broken internal link or anchor in site/ or site-offline/ (issue 6), checked
over the built files of the fixture site, the real site and their offline copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, run_make
from tests.linkcheck import broken_links

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def content_offline(tmp_path_factory) -> Path:
    """`make offline` of the repository itself (real data and pages)."""
    root = copy_project(tmp_path_factory.mktemp("content-offline") / "project",
                        data=REPO / "data", docs=REPO / "docs")
    result = run_make(root, "offline")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site-offline"


def test_no_broken_link_or_anchor_in_the_fixture_site(built_site):
    assert broken_links(built_site) == []


def test_no_broken_link_or_anchor_in_the_real_site(content_site):
    assert broken_links(content_site) == []


def test_no_broken_link_or_anchor_in_the_offline_copies(offline_site, content_offline):
    assert broken_links(offline_site, directory_urls=False) == []
    assert broken_links(content_offline, directory_urls=False) == []
    assert not (content_offline / "404.html").exists()  # no server to serve it


def test_the_checker_sees_what_is_broken(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><a href="../b/">b</a><a href="#nope">x</a><a href="#top">ok</a>'
        '<a href="https://example.org/x">out</a><img src="missing.png">', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a/index.html -> ../b/", "a/index.html -> #nope (no such anchor)",
        "a/index.html -> missing.png"]
    assert broken_links(tmp_path, directory_urls=False) == [
        "a/index.html -> ../b/", "a/index.html -> #nope (no such anchor)",
        "a/index.html -> missing.png"]
