"""What search engines and readers arriving from them see: languages, canonical
URLs, hreflang alternates, the sitemap and the 404 page (issue 6)."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from tests.conftest import PAGES_URL
from tests.helpers import LANGUAGES, PREFIX

LANGS = LANGUAGES
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default when SITE_URL is not set
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _pages(site: Path) -> dict[str, Path]:
    """Every page of the site by its URL path ('en/practices/bridges/'), 404 aside."""
    return {("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"): p
            for p in site.rglob("index.html")}


def _lang_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in ("en", "es") else "it"


def _in(lang: str, path: str) -> str:
    """The same page in another language."""
    bare = path[len(PREFIX[_lang_of(path)]):]
    return PREFIX[lang] + bare


def _soup(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def test_every_page_has_its_language_canonical_url_and_every_alternate(built_site):
    pages = _pages(built_site)
    assert len(pages) > 80
    wrong = []
    for path, file in pages.items():
        soup = _soup(file)
        lang = _lang_of(path)
        expected = {code: SITE_URL + _in(code, path) for code in LANGS}
        expected["x-default"] = SITE_URL + _in("it", path)
        alternates = {link["hreflang"]: link["href"]
                      for link in soup.select("link[hreflang]") if "alternate" in link["rel"]}
        canonical = soup.select_one("link[rel=canonical]")["href"]
        if (soup.html["lang"], canonical, alternates) != (lang, SITE_URL + path, expected):
            wrong.append(path)
        assert all(_in(code, path) in pages for code in LANGS), path
    assert wrong == []


def test_the_sitemap_lists_every_page_of_every_language_with_its_alternates(built_site):
    tree = ElementTree.parse(built_site / "sitemap.xml")
    listed = {}
    for url in tree.getroot().findall("s:url", SITEMAP):
        links = {link.get("hreflang"): link.get("href")
                 for link in url.findall("x:link", SITEMAP) if link.get("rel") == "alternate"}
        listed[url.find("s:loc", SITEMAP).text] = links
    pages = _pages(built_site)
    assert set(listed) == {SITE_URL + path for path in pages}
    for loc, links in listed.items():
        path = loc[len(SITE_URL):]
        assert links == {**{code: SITE_URL + _in(code, path) for code in LANGS},
                         "x-default": SITE_URL + _in("it", path)}
    assert not (built_site / "en" / "sitemap.xml").exists()


def _outside_templates(nodes):
    """The nodes of the page itself, not those of another language's <template>."""
    return [node for node in nodes if node.find_parent("template") is None]


def test_the_404_page_speaks_every_language_and_offers_search(built_site):
    soup = _soup(built_site / "404.html")
    sections = _outside_templates(soup.select(".cmp-not-found > section[lang]"))
    assert [s["lang"] for s in sections] == list(LANGS)
    titles = {s["lang"]: s.h1.get_text(strip=True) for s in sections}
    assert titles == {"it": "Pagina non trovata", "en": "Page not found",
                      "es": "Página no encontrada"}
    for section in sections:
        lang = section["lang"]
        form = section.select_one("form[role=search]")
        assert form["action"] == f"/{PREFIX[lang]}search/"
        label = section.select_one(f"label[for={form.input['id']}]")
        assert label.get_text(strip=True) == form["aria-label"]
        assert section.select_one("a")["href"] == f"/{PREFIX[lang]}"
    assert soup.html["lang"] == "it"  # the page around the sections is the default language's
    assert soup.select_one("form.cmp-header-search")["action"] == "/search/"


def test_the_404_page_holds_every_other_languages_whole_page_in_a_template(built_site):
    """Header, navigation, message and footer of each language, with its own links
    (compendium.not_found); not-found.js puts the right one in place."""
    soup = _soup(built_site / "404.html")
    templates = {t["lang"]: t for t in soup.select("body > template[data-cmp-prefix]")}
    assert list(templates) == [lang for lang in LANGS if PREFIX[lang]]
    for lang, template in templates.items():
        assert template["data-cmp-prefix"] == PREFIX[lang]
        nav = template.select_one(".md-nav--primary")
        links = nav.select(".md-nav__list > li > a")
        assert {a["href"] for a in links} >= {f"/{PREFIX[lang]}practices/", f"/{PREFIX[lang]}"}
        assert template.select_one("form.cmp-header-search")["action"] == \
            f"/{PREFIX[lang]}search/"
        assert [s["lang"] for s in template.select(".cmp-not-found > section")] == [lang]
        footer = [a["href"] for a in template.select(".cmp-footer-links a")]
        assert footer and all(href.startswith(f"/{PREFIX[lang]}") for href in footer)
    assert templates["en"]["data-cmp-title"] == \
        "Page not found – Compendium of good practices for migrants' inclusion"
    first = templates["en"].select_one(".md-nav--primary > .md-nav__list > li > a")
    assert "".join(first.find_all(string=True)).strip() == "Home"  # get_text skips templates


def test_every_language_build_writes_the_one_404_page_at_the_root(built_site):
    assert not (built_site / "en" / "404.html").exists()
    assert not (built_site / "es" / "404.html").exists()
    assert _soup(built_site / "404.html").select_one(".md-nav--primary")["aria-label"] == \
        "Navigazione"


def test_under_a_repository_path_urls_and_the_404_page_follow_it(pages_site):
    soup = _soup(pages_site / "es" / "practices" / "bridges" / "index.html")
    assert soup.select_one("link[rel=canonical]")["href"] == PAGES_URL + "es/practices/bridges/"
    assert {link["href"] for link in soup.select("link[hreflang]")} >= {
        PAGES_URL + "practices/bridges/", PAGES_URL + "en/practices/bridges/"}
    not_found = _soup(pages_site / "404.html")
    actions = [form["action"] for form in _outside_templates(not_found.select("main form"))]
    assert actions == ["/compendium/search/", "/compendium/en/search/", "/compendium/es/search/"]
    assert {a["href"] for a in not_found.select(".md-select__link")} == {
        "/compendium/", "/compendium/en/", "/compendium/es/"}
    scripts = [s["src"] for s in _outside_templates(not_found.select("script[src]"))]
    # not-found.js puts the address's language in place before Material's script starts.
    assert scripts[0] == "/compendium/assets/compendium/not-found.js"
    assert "bundle" in scripts[1]
    english = not_found.select_one("template[lang=en]")
    assert {a["href"] for a in english.select(".md-nav--primary .md-nav__list > li > a")} >= {
        "/compendium/en/", "/compendium/en/practices/"}
    loc = ElementTree.parse(pages_site / "sitemap.xml").getroot().find("s:url/s:loc", SITEMAP)
    assert loc.text.startswith(PAGES_URL)
