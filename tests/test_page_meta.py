"""What every page says about itself (issue 17): one <title> pattern, its own
description, link-preview tags with the site's own image, schema.org data that
matches the page, the navigation's first entry and the site's short name, and a
table of contents that lists the page's real sections; per language, on the
fixture site and the real one."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO
from tests.helpers import LANGUAGES, PREFIX, page, text

pytestmark = pytest.mark.slow

DASH = " – "
RECORD_PAGES = {"practice": "practices/cinformi/", "project": "projects/lecim/",
                "workshop": "workshops/savoir-faire-florence-2019/",
                "organisation": "organisations/aiccre/", "person": "people/alessandro-salvi/"}
SCHEMA_TYPES = {"practice": "CreativeWork", "project": "Project", "workshop": "Event",
                "organisation": "Organization", "person": "Person"}


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its !ENV values read as their defaults."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def _site_names() -> dict[str, str]:
    """The site's name per language, as mkdocs.yml gives it to static-i18n."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang.get("site_name") or config["site_name"]
            for lang in i18n["languages"]}


def _strings(lang: str) -> dict:
    return yaml.safe_load((REPO / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))


SITE = _site_names()


def _language_pages(site: Path, lang: str) -> dict[str, BeautifulSoup]:
    """Every page of one language by its path ('practices/x/'), the 404 page aside, and
    the pages left at facet pages' old addresses aside (they only send readers on)."""
    root = site / PREFIX[lang]
    others = {PREFIX[other].rstrip("/") for other in LANGUAGES if PREFIX[other]}
    pages = {}
    for file in sorted(root.rglob("index.html")):
        path = file.parent.relative_to(root).as_posix()
        if not PREFIX[lang] and path.split("/", 1)[0] in others:
            continue
        html = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        key = "" if path == "." else f"{path}/"
        pages[key] = BeautifulSoup(html, "lxml")
    return pages


def _heading(soup: BeautifulSoup) -> str:
    h1 = soup.select_one("article h1")
    for link in h1.select(".headerlink"):
        link.decompose()
    return text(h1)


def _cut_from(short: str, full: str) -> bool:
    """`short` is `full`, or its beginning cut at a word with an ellipsis."""
    return short == full or (short.endswith("…") and full.startswith(short[:-1])
                             and len(short) <= 200)


def _meta(soup: BeautifulSoup, name: str) -> str | None:
    tag = soup.select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return tag["content"] if tag else None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_title_is_page_then_site_and_a_home_page_the_site_alone(content_site, lang):
    wrong = []
    for path, soup in _language_pages(content_site, lang).items():
        title = soup.title.string
        expected = SITE[lang] if path == "" else f"{_heading(soup)}{DASH}{SITE[lang]}"
        if title != expected:
            wrong.append((path, title))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_a_description_of_its_own(content_site, lang):
    pages = _language_pages(content_site, lang)
    descriptions = {path: _meta(soup, "description") for path, soup in pages.items()}
    assert all(descriptions.values())
    repeated = [d for d, count in Counter(descriptions.values()).items() if count > 1]
    assert repeated == []
    for path in RECORD_PAGES.values():  # a record's summary where it has one
        summary = pages[path].select_one(".cmp-summary")
        if summary is not None:
            assert _cut_from(descriptions[path], text(summary))
    intro = text(pages["practices/"].select_one("article h1 ~ p"))
    assert _cut_from(descriptions["practices/"], intro)  # a list's introduction


@pytest.mark.parametrize("lang", LANGUAGES)
def test_link_previews_have_title_description_address_languages_name_and_image(
        built_site, lang):
    locales = {other: _meta(page(built_site, other, ""), "og:locale") for other in LANGUAGES}
    for path in ("", "practices/", "practices/bridges/", "about/"):
        soup = page(built_site, lang, path)
        canonical = soup.select_one("link[rel=canonical]")["href"]
        title = SITE[lang] if path == "" else _heading(soup)
        assert _meta(soup, "og:title") == title
        assert _meta(soup, "og:description") == _meta(soup, "description")
        for name in ("twitter:title", "twitter:description", "twitter:image"):
            assert soup.select_one(f'meta[name="{name}"]') is None  # X reads og:* instead
        assert _meta(soup, "og:url") == canonical
        assert _meta(soup, "og:type") == ("website" if path == "" else "article")
        assert _meta(soup, "og:site_name") == SITE[lang]
        assert _meta(soup, "og:locale") == locales[lang]
        assert locales[lang].split("_")[0] == lang
        alternates = [m["content"] for m in soup.select('meta[property="og:locale:alternate"]')]
        assert alternates == [locales[other] for other in LANGUAGES if other != lang]
        image = _meta(soup, "og:image")
        assert _meta(soup, "twitter:card") == "summary_large_image"
        assert _meta(soup, "og:image:alt") == SITE[lang]
        site_url = canonical[: len(canonical) - len(PREFIX[lang] + path)]
        file = built_site / image[len(site_url):]
        assert image.startswith(site_url) and file.is_file()
        png = file.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        size = struct.unpack(">II", png[16:24])
        assert size == (1200, 630) == (int(_meta(soup, "og:image:width")),
                                       int(_meta(soup, "og:image:height")))


def _structured(soup: BeautifulSoup) -> dict:
    scripts = soup.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def _urls(value) -> list[str]:
    if isinstance(value, dict):
        return [u for key, item in value.items()
                for u in ([item] if key == "url" else _urls(item))]
    if isinstance(value, list):
        return [u for item in value for u in _urls(item)]
    return []


def _facts(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The first facts list of a record page: label -> the texts of its value's links,
    or its whole text when it has none."""
    found = {}
    for row in soup.select("article .cmp-facts")[0].select(".cmp-fact"):
        links = [text(a) for a in row.dd.select("a")]
        found[text(row.dt)] = links or [text(row.dd)]
    return found


def _label(lang: str, key: str) -> str:
    return _strings(lang)["field"][key]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(RECORD_PAGES))
def test_structured_data_is_valid_json_ld_that_matches_the_page(content_site, kind, lang):
    soup = page(content_site, lang, RECORD_PAGES[kind])
    data = _structured(soup)
    canonical = soup.select_one("link[rel=canonical]")["href"]
    heading = _heading(soup)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ItemPage"
    assert data["inLanguage"] == soup.html["lang"] == lang
    assert (data["url"], data["name"]) == (canonical, heading)
    assert data["isPartOf"]["name"] == SITE[lang]
    entity = data["mainEntity"]
    assert (entity["@type"], entity["name"], entity["url"]) == (SCHEMA_TYPES[kind], heading,
                                                                canonical)
    summary = soup.select_one(".cmp-summary")
    if summary is not None:
        assert entity["description"] == text(summary)  # whole, unlike the meta description
    facts = _facts(soup)
    if kind == "practice":
        assert [org["name"] for org in entity["creator"]] == facts[_label(lang, "promoters")]
        assert entity["keywords"] == facts[_label(lang, "themes")]
    elif kind == "project":
        assert entity["alternateName"] == facts[_label(lang, "acronym")][0]
    elif kind == "workshop":
        assert entity["startDate"] == soup.select_one("article .cmp-facts time")["datetime"]
        assert entity["location"]["address"]["addressLocality"] == \
            facts[_label(lang, "city")][0]
        assert entity["organizer"]["name"] == facts[_label(lang, "project")][0]
    elif kind == "person":
        assert entity["jobTitle"] == facts[_label(lang, "role")][0]
        assert entity["worksFor"]["name"] == facts[_label(lang, "organisation")][0]
    # Every record it names is a page of the site: nobody who is not published.
    site_url = canonical[: len(canonical) - len(PREFIX[lang] + RECORD_PAGES[kind])]
    for url in _urls(data):
        assert url.startswith(site_url), url
        assert (content_site / url[len(site_url):] / "index.html").is_file(), url


def test_structured_data_is_data_the_content_security_policy_never_runs(built_site):
    soup = page(built_site, "en", "practices/bridges/")
    script = soup.select_one('script[type="application/ld+json"]').string
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    policy = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert f"'sha256-{digest}'" not in policy  # not allowed to run: it is not a script


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_navigation_starts_at_home_and_the_site_name_is_short_where_space_is(
        built_site, lang):
    site = _strings(lang)["site"]
    for path in ("", "practices/", "practices/bridges/"):
        soup = page(built_site, lang, path)
        first = soup.select_one(".md-nav--primary > .md-nav__list > li > a")
        assert text(first) == site["home"]
        assert text(soup.select_one(".md-nav--primary > .md-nav__title")) == site["short_name"]
        header = soup.select_one(".md-header__topic")
        assert text(header.select_one(".cmp-site-name")) == SITE[lang]
        assert text(header.select_one(".cmp-site-name--short")) == site["short_name"]
    home = page(built_site, lang, "")
    assert home.title.string == SITE[lang]  # never "Site - Site"


def _toc_targets(soup: BeautifulSoup) -> list[tuple[str, str]]:
    links = soup.select(".md-sidebar--secondary .md-nav--secondary .md-nav__link")
    return [(link["href"].lstrip("#"), text(link)) for link in links]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_table_of_contents_lists_the_pages_real_sections(built_site, lang):
    for path, soup in _language_pages(built_site, lang).items():
        article = soup.select_one("article")
        for extra in article.select(".headerlink, h2 .cmp-count"):  # permalinks, counts
            extra.decompose()
        sections = [(h["id"], text(h)) for h in article.select("h2[id], h3[id]")]
        assert _toc_targets(soup) == sections, path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_practices_toc_holds_the_finder_and_the_facets_under_browse(built_site, lang):
    soup = page(built_site, lang, "practices/")
    toc = soup.select_one(".md-sidebar--secondary .md-nav--secondary > .md-nav__list")
    top = [text(item.a) for item in toc.find_all("li", recursive=False)]
    finder = _strings(lang)["finder"]
    assert top == [finder["title"], finder["browse"]]
    browse = toc.find_all("li", recursive=False)[1]
    facets = [text(a) for a in browse.select(":scope > nav li > a")]
    assert facets == [text(h3) for h3 in soup.select("article h3[id^=browse-]")]
    assert facets


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_open_data_page_names_sections_readers_see_not_data_fields(built_site, lang):
    soup = page(built_site, lang, "open-data/")
    article = soup.select_one("article")
    for code in article.select("code"):
        code.decompose()
    prose = " ".join(text(p) for p in article.select("p"))
    assert "provenance" not in prose
    source = _strings(lang)["field"]["provenance"]  # the section of a record page
    assert source in prose
