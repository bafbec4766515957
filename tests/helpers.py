"""Reading built pages the way a reader sees them."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from compendium.project import Project
from compendium.urls import language_prefix

# The site's languages as compendium.yml lists them: adding one to the real site
# keeps every language-wide test meaningful.
_PROJECT = Project.load(Path(__file__).resolve().parent.parent)
LANGUAGES = _PROJECT.languages
DEFAULT_LANGUAGE = _PROJECT.default_language
PREFIX = {lang: language_prefix(lang, DEFAULT_LANGUAGE) for lang in LANGUAGES}


def page(site: Path, lang: str, path: str) -> BeautifulSoup:
    """Parsed HTML of `path` (e.g. 'practices/bridges/') in a language of the built site."""
    file = site / PREFIX[lang] / path / "index.html"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def text(node) -> str:
    """Visible text with whitespace collapsed."""
    return " ".join(node.get_text(" ").split())


def facts(soup: BeautifulSoup) -> dict[str, str]:
    """The first facts list of a record page, as {label: value}."""
    found = {}
    for row in soup.select("article .cmp-facts")[0].select(".cmp-fact"):
        found[text(row.dt)] = text(row.dd)
    return found


def section_ids(soup: BeautifulSoup) -> list[str]:
    return [h2.get("id") for h2 in soup.select("article h2")]
