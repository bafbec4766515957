"""Adding a language is a configuration change (issue 7): with a temporary fourth
language (French) and no translation at all, the build succeeds, every page is
there under /fr/ with fallback notices in the right `lang`, and the status
command reports everything as missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compendium.cli import main
from tests.conftest import copy_project, run_mkdocs
from tests.helpers import page, text

pytestmark = pytest.mark.slow

FRENCH = """        - locale: fr
          name: Français
          build: true
          site_name: Compendium des bonnes pratiques pour l'inclusion des migrants

"""


def add_french(root: Path) -> None:
    """The documented steps (README, "Adding a language"), minus the translating."""
    config = root / "compendium.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "languages: [it, en, es]", "languages: [it, en, es, fr]"), encoding="utf-8")
    mkdocs = root / "mkdocs.yml"
    text_ = mkdocs.read_text(encoding="utf-8")
    mkdocs.write_text(text_.replace("\nhooks:", "\n" + FRENCH + "hooks:", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def french(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("french") / "project")
    add_french(root)
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def test_every_page_of_the_site_is_there_in_french(french):
    site = french / "site"
    def pages(lang: str) -> tuple[set[str], int]:
        """A language's pages, and apart the number of its facet pages, whose addresses are
        in its own words (practices/<facet>/<value>/index.html, see compendium.facet_paths)."""
        files = {p.relative_to(site / lang).as_posix(): p for p in (site / lang).rglob("*.html")}
        facets = {path for path in files if path.startswith("practices/") and path.count("/") == 3}
        moved = {path for path in facets  # old addresses: pages that send readers on
                 if 'http-equiv="refresh"' in files[path].read_text(encoding="utf-8")}
        return set(files) - facets, len(facets - moved)

    english, in_french = pages("en"), pages("fr")
    assert english[0] and in_french == english
    assert (site / "fr" / "search" / "data" / "manifest.js").is_file()


def test_french_pages_show_the_originals_marked_with_notices(french):
    site = french / "site"
    french_dir = site / "fr"
    soup = page(site, "en", "practices/bridges/")  # sanity: English is unaffected
    assert soup.html["lang"] == "en"
    bridges = _fr(french_dir, "practices/bridges/")
    assert bridges.html["lang"] == "fr"
    title = bridges.select_one("article h1 [lang]")
    assert (title["lang"], text(title)) == ("it", "Ponti verso il lavoro")
    notices = bridges.select("article .cmp-fallback > .cmp-notice")
    assert notices and all(n.select_one("a[hreflang]") for n in notices)
    about = _fr(french_dir, "about/")
    assert about.select_one("article .cmp-fallback > div[lang=it]") is not None
    assert about.select_one("article .cmp-fallback > .cmp-notice a")["hreflang"] == "it"


def _fr(folder: Path, path: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((folder / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_the_status_command_reports_everything_missing_in_french(french, capsys):
    assert main(["translations", "--lang", "fr", "--format", "json",
                 "--root", str(french)]) == 0
    report = json.loads(capsys.readouterr().out)["languages"]["fr"]
    assert report["total"] > 0
    assert report["missing"] == report["total"] and report["current"] == 0
    kinds = {item["kind"] for item in report["items"]}
    assert kinds >= {"practice", "project", "workshop", "organisation", "person", "page",
                     "interface"}
