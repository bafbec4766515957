"""Hand-written pages: translated where they exist, marked as fallbacks where not."""

from __future__ import annotations

import pytest

from compendium.translations.hashing import page_hash
from tests.conftest import run_mkdocs
from tests.helpers import page, text

pytestmark = pytest.mark.slow


def test_page_missing_in_a_language_is_shown_from_italian_with_a_notice(make_project):
    root = make_project()
    original = "# Chi siamo\n\nTesto italiano.\n"
    (root / "docs" / "it" / "history.md").write_text(original)
    marked = f"---\ntranslated_from: {page_hash(original)}\n---\n"
    (root / "docs" / "en" / "history.md").write_text(marked + "# About\n\nEnglish text.\n")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"

    english = page(site, "en", "history/")
    assert not english.select(".cmp-fallback")
    assert text(english.select_one("article h1")).startswith("About")

    spanish = page(site, "es", "history/")
    assert spanish.html["lang"] == "es"
    notice = spanish.select_one("article .cmp-fallback > .cmp-notice")
    assert text(notice) == ("Esta página aún no está disponible en español: a continuación, "
                            "el original en italiano. Ver el original en italiano.")
    link = notice.select_one("a")
    assert (link["href"], link["hreflang"]) == ("../../history/", "it")
    original = spanish.select_one("article .cmp-fallback > div[lang=it]")
    assert "Testo italiano." in text(original)
