"""End-to-end: build the fixture project with MkDocs and read the pages per language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import LANGUAGES, PREFIX, facts, page, section_ids, text

pytestmark = pytest.mark.slow

RECORD_PAGES = [
    "practices/bridges/", "practices/women-first/", "practices/no-country/",
    "projects/alpha/", "workshops/alpha-kickoff/",
    "organisations/city-hall/", "organisations/helping-hands/", "people/ada-lovelace/",
]
CATALOGUES = ["practices/", "projects/", "workshops/", "organisations/", "people/"]
LANGS = LANGUAGES


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", RECORD_PAGES + CATALOGUES + [""])
def test_every_page_exists_in_every_language_with_its_lang(built_site: Path, lang, path):
    soup = page(built_site, lang, path)
    assert soup.html["lang"] == lang
    assert soup.select_one("article h1")


@pytest.mark.parametrize(("lang", "title", "label", "promoter", "date"), [
    ("it", "Ponti verso il lavoro", "Ente promotore", "Comune di Prova",
     "dal 2017 al giugno 2019"),
    # an organisation's official name is the same in every language (issue 16)
    ("en", "Bridges to work", "Promoter", "Comune di Prova", "from 2017 to June 2019"),
    ("es", "Puentes hacia el empleo", "Entidad promotora", "Comune di Prova",
     "del 2017 al junio de 2019"),
])
def test_practice_page_is_in_the_readers_language(built_site, lang, title, label, promoter,
                                                  date):
    soup = page(built_site, lang, "practices/bridges/")
    assert text(soup.select_one("article h1")) == title
    assert soup.select_one("title").get_text().startswith(title + " – ")
    practice_facts = facts(soup)
    assert label in practice_facts
    assert practice_facts[label] == promoter
    assert date in practice_facts.values()
    assert not soup.select("article h1 [lang], article > .cmp-fallback"), "fully translated"


def test_practice_page_sections_and_markdown(built_site):
    soup = page(built_site, "en", "practices/bridges/")
    assert section_ids(soup) == ["subject", "description", "territory", "beneficiaries",
                                 "results", "contacts", "links", "source", "cite"]
    items = [text(li) for li in soup.select("#description ~ ul")[0].select("li")]
    assert items == ["individual interviews;", "group workshops."]
    toc = [text(a) for a in soup.select(".md-sidebar--secondary .md-nav__link")]
    assert "Description of the practice" in toc


@pytest.mark.parametrize(("lang", "notice"), [
    ("it", "non è ancora disponibile in italiano: segue l'originale in inglese"),
    ("es", "aún no está disponible en español: a continuación, el original en inglés"),
])
def test_untranslated_fields_show_the_original_with_its_lang_and_a_notice(
        built_site, lang, notice):
    soup = page(built_site, lang, "practices/women-first/")
    title = soup.select_one("article h1 [lang]")
    assert title["lang"] == "en" and text(title) == "Women first"
    description = soup.select_one("#description + .cmp-fallback")
    assert notice in text(description.select_one(".cmp-notice"))
    assert description.select_one(".cmp-notice").find_parent(attrs={"lang": "en"}) is None
    original = text(description.select_one("div[lang=en]"))
    assert original == "Mentoring circles for migrant women in two countries."


def test_source_language_page_has_no_fallback(built_site):
    soup = page(built_site, "en", "practices/women-first/")
    assert not soup.select("article h1 [lang], article > .cmp-fallback")


@pytest.mark.parametrize(("lang", "date", "countries"), [
    ("it", "12 aprile 2019", ["Italia", "Spagna"]),
    ("en", "April 12, 2019", ["Italy", "Spain"]),
    ("es", "12 de abril de 2019", ["España", "Italia"]),
])
def test_dates_and_country_names_are_localized(built_site, lang, date, countries):
    workshop = page(built_site, lang, "workshops/alpha-kickoff/")
    assert date in facts(workshop).values()
    catalogue = page(built_site, lang, "practices/")
    assert [text(a) for a in catalogue.select("#browse-country + ul a")] == countries


def test_practice_catalogue_lists_every_practice_once_with_its_facets(built_site):
    soup = page(built_site, "en", "practices/")
    items = soup.select("#cmp-practices > li")
    assert [text(li.select_one("a")) for li in items] == [
        "Bridges to work", "Practice without a country", "Women first"]
    women = items[2]
    assert women["data-country"].split() == ["ES", "IT"]
    assert women["data-theme"].split() == ["employment", "housing"]
    assert women["data-promoter-type"] == "ngo"
    assert items[0]["data-project"] == "alpha"
    assert items[0]["data-year"].split() == ["2017", "2018", "2019"]  # 2017 to June 2019
    assert items[1]["data-country"] == ""
    finder = soup.select_one("form#cmp-finder")
    assert finder.has_attr("hidden")  # shown by the script; the list alone works without it
    assert [legend.get_text() for legend in finder.select("legend")][:3] == [
        "Country", "City", "Theme"]


@pytest.mark.parametrize(("path", "titles"), [
    ("practices/country/it/", ["Bridges to work", "Women first"]),
    ("practices/country/es/", ["Women first"]),
    ("practices/theme/employment/", ["Bridges to work", "Women first"]),
    ("practices/theme/housing/", ["Women first"]),
    ("practices/project/alpha/", ["Bridges to work"]),
    ("practices/promoter-type/ngo/", ["Women first"]),
    ("practices/year/2018/", ["Bridges to work"]),
])
def test_every_facet_value_has_a_static_page(built_site, path, titles):
    for lang in LANGS:
        soup = page(built_site, lang, path)
        assert len(soup.select("article .cmp-practices > li > a")) == len(titles)
    soup = page(built_site, "en", path)
    assert [text(a) for a in soup.select("article .cmp-practices > li > a")] == titles
    finder_link = soup.select("article p a")[0]["href"]
    assert finder_link.startswith("../../?") and "=" in finder_link


def test_catalogue_and_practice_pages_link_facet_pages(built_site):
    catalogue = page(built_site, "es", "practices/")
    assert "country/it/" in {a["href"] for a in catalogue.select("#browse-country + ul a")}
    practice = page(built_site, "es", "practices/women-first/")
    links = {text(a): a["href"] for a in practice.select(".cmp-facts a")}
    assert links["España"] == "../country/es/"
    assert links["Vivienda"] == "../theme/housing/"


def test_records_link_to_each_other_both_ways(built_site):
    project = page(built_site, "en", "projects/alpha/")
    linked = {a["href"] for a in project.select("article a")}
    assert {"../../practices/bridges/", "../../workshops/alpha-kickoff/",
            "../../organisations/city-hall/", "../../organisations/helping-hands/",
            "../../people/ada-lovelace/"} <= linked
    person = page(built_site, "en", "people/ada-lovelace/")
    assert [text(a) for a in person.select("#practices + ul a")] == ["Bridges to work",
                                                                     "Women first"]
    assert [text(a) for a in person.select("#workshops + ul a")] == ["Alpha kick-off workshop"]
    org = page(built_site, "en", "organisations/city-hall/")
    assert section_ids(org)[:3] == ["promoted-practices", "led-projects", "partner-projects"]
    assert [text(a) for a in org.select("#promoted-practices + ul a")] == [
        "Bridges to work", "Practice without a country"]
    assert [text(a) for a in org.select("#workshops + ul a")] == ["Alpha kick-off workshop"]


@pytest.mark.parametrize("lang", LANGS)
def test_record_pages_stay_out_of_the_navigation(built_site, lang):
    soup = page(built_site, lang, "practices/bridges/")
    here = built_site / PREFIX[lang] / "practices" / "bridges"
    nav = [(here / a["href"]).resolve().relative_to(built_site / PREFIX[lang]).as_posix()
           for a in soup.select(".md-sidebar--primary .md-nav__link[href]")]
    assert nav == [".", "practices", "map", "projects", "workshops", "organisations", "people",
                   "about", "using", "contributing"]


@pytest.mark.parametrize("lang", LANGS)
def test_language_switcher_points_to_the_same_record(built_site, lang):
    soup = page(built_site, lang, "practices/bridges/")
    switch = {a["hreflang"]: a["href"] for a in soup.select(".md-select__link")}
    assert set(switch) == set(LANGS)
    here = built_site / PREFIX[lang] / "practices" / "bridges"
    for target_lang, href in switch.items():
        target = (here / href).resolve() / "index.html"
        assert target == (built_site / PREFIX[target_lang] / "practices/bridges/index.html")


def test_every_internal_link_resolves(built_site):
    broken = []
    for file in built_site.rglob("*.html"):
        if file.name == "404.html":  # served at any depth: absolute links (publishing issue)
            continue
        soup = page_file(file)
        links = [a["href"] for a in soup.select("a[href]")]
        links += [e["src"] for e in soup.select("script[src]")]
        links += [form["action"] for form in soup.select("form[action]")]
        for link in links:
            href = link.split("#")[0].split("?")[0]
            if not href or re.match(r"^[a-z]+:", href):
                continue
            target = (file.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{file.relative_to(built_site)} -> {link}")
    assert broken == []


def page_file(file: Path):
    from bs4 import BeautifulSoup
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def test_no_file_of_the_site_names_a_cdn_or_font_host(built_site):
    from material_fixes import THIRD_PARTY

    named = {}
    for file in built_site.rglob("*"):
        if file.is_file() and file.suffix in {".html", ".js", ".css", ".json", ".xml", ".map"}:
            found = THIRD_PARTY.findall(file.read_text(encoding="utf-8", errors="replace"))
            if found:
                named[file.relative_to(built_site).as_posix()] = found
    assert named == {}
    assert not list(built_site.glob("assets/javascripts/*.map"))  # they name the CDN too


@pytest.mark.parametrize("lang", LANGS)
def test_generated_record_pages_stay_small(built_site, lang):
    """A record page holds its own record and the catalogues' navigation, never the
    other records: bounded whatever their number (its head's link-preview tags, its
    structured data and its citation included)."""
    size = (built_site / PREFIX[lang] / "practices/bridges/index.html").stat().st_size
    assert size <= 24_000


def test_generated_pages_land_exactly_where_expected(built_site):
    pages = {p.parent.relative_to(built_site).as_posix() + "/"
             for p in built_site.rglob("index.html")}
    expected = set()
    for lang in LANGS:
        expected |= {PREFIX[lang] + path for path in RECORD_PAGES + CATALOGUES}
        expected |= {PREFIX[lang] + name for name in HANDWRITTEN}
        expected |= {PREFIX[lang] or "./"}
        expected |= {PREFIX[lang] + name
                     for name in ("search/", "translations/", "open-data/", "map/")}
        expected |= {PREFIX[lang] + f"practices/{facet}/" for facet in FACET_PAGES}
    assert pages == expected


HANDWRITTEN = ["about/", "using/", "accessibility/", "privacy/", "contributing/"]
FACET_PAGES = ["country/it", "country/es", "city/florence", "theme/employment", "theme/housing",
               "target-group/migrants", "target-group/migrant-women", "project/alpha",
               "promoter-type/public-authority", "promoter-type/ngo",
               "year/2017", "year/2018", "year/2019"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_interface_text_leaks_between_language_builds(built_site, lang):
    from compendium.l10n import load_catalogues
    from compendium.project import Project
    from tests.conftest import REPO

    catalogues, _ = load_catalogues(Project.load(REPO))
    kinds = {catalogues[lang][f"kind.{kind}"] for kind in
             ("practice", "project", "workshop", "organisation", "person")}
    for path in RECORD_PAGES:
        soup = page(built_site, lang, path)
        assert text(soup.select_one(".cmp-kind")) in kinds, path
        labels = {text(dt) for dt in soup.select("article dt")}
        for other in set(LANGS) - {lang}:
            only_other = {v for k, v in catalogues[other].items() if k.startswith("field.")}
            only_other -= set(catalogues[lang].values())
            assert not labels & only_other, (path, other)


def test_a_short_fallback_note_is_separated_from_its_text(built_site):
    soup = page(built_site, "es", "practices/")
    item = next(li for li in soup.select("#cmp-practices > li") if "Women first" in text(li))
    assert "Women first (original en inglés)" in text(item)
    assert item.select_one("small.cmp-notice").previous_sibling == " "
