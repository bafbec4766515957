"""Links between output files (compendium/urls.py)."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from compendium.urls import relative_url

DESTS = ["index.html", "en/index.html", "en/practices/index.html",
         "en/practices/socialpay/index.html", "practices/country/it/index.html",
         "es/map/index.html", "en/search/data/manifest.js", "assets/compendium.css",
         "en/about/index.html", "data/practices.json", "./odd/index.html",
         "a/../b/index.html"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_relative_links_are_those_of_posixpath(directory_urls):
    """The fast path gives exactly what posixpath.relpath gives, for every pair."""
    for source, target in itertools.product(DESTS, DESTS):
        rel = posixpath.relpath(posixpath.dirname(target) or ".",
                                posixpath.dirname(source) or ".")
        name = posixpath.basename(target)
        if directory_urls and name == "index.html":
            expected = "./" if rel == "." else f"{rel}/"
        else:
            expected = name if rel == "." else f"{rel}/{name}"
        assert relative_url(source, target, directory_urls) == expected, (source, target)
