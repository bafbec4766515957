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
                                 "results", "contacts", "links", "source", "related", "cite"]
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
    assert [text(li.select_one(".cmp-card__title a")) for li in items] == [
        "Bridges to work", "Practice without a country", "Women first"]
    women = items[2]
    assert women["data-country"].split() == ["ES", "IT"]
    assert women["data-theme"].split() == ["employment", "housing"]
    assert women["data-promoter-type"] == "ngo"
    assert items[0]["data-project"] == "alpha"
    assert items[0]["data-year"].split() == ["2017", "2018", "2019"]  # 2017 to June 2019
    assert items[1]["data-country"] == ""
    assert items[0]["data-newest"] == "2019" and not items[2].has_attr("data-newest")
    finder = soup.select_one("form#cmp-finder")
    # Drawn at build time, shown from the first paint (nothing moves when the script
    # starts); without scripts a media query hides it and the list alone works.
    assert not finder.has_attr("hidden")
    assert text(soup.select_one("#cmp-finder-status")) == "3 of 3 good practices shown"
    assert [o["value"] for o in finder.select("#cmp-finder-sort option")] == [
        "relevance", "title", "newest"]
    assert [legend.get_text() for legend in finder.select("legend")][:3] == [
        "Country", "City", "Theme"]


# Facet pages' addresses, in the words of each language (compendium.facet_paths).
FACET_ADDRESSES = {
    ("country", "IT"): {"it": "paese/italia", "en": "country/italy", "es": "pais/italia"},
    ("country", "ES"): {"it": "paese/spagna", "en": "country/spain", "es": "pais/espana"},
    ("city", "florence"): {"it": "citta/firenze", "en": "city/florence",
                           "es": "ciudad/florencia"},
    ("theme", "employment"): {"it": "tema/lavoro", "en": "theme/employment",
                              "es": "tema/empleo"},
    ("theme", "housing"): {"it": "tema/abitare", "en": "theme/housing", "es": "tema/vivienda"},
    ("target-group", "migrants"): {"it": "destinatari/migranti", "en": "target-group/migrants",
                                   "es": "destinatarios/migrantes"},
    ("target-group", "migrant-women"): {"it": "destinatari/donne-migranti",
                                        "en": "target-group/migrant-women",
                                        "es": "destinatarios/mujeres-migrantes"},
    ("project", "alpha"): {"it": "progetto/alpha", "en": "project/alpha",
                           "es": "proyecto/alpha"},
    ("promoter-type", "public-authority"): {
        "it": "tipo-di-promotore/ente-pubblico", "en": "promoter-type/public-authority",
        "es": "tipo-de-promotor/administracion-publica"},
    ("promoter-type", "ngo"): {
        "it": "tipo-di-promotore/organizzazione-del-terzo-settore",
        "en": "promoter-type/non-profit-organisation",
        "es": "tipo-de-promotor/entidad-sin-animo-de-lucro"},
    ("year", "2017"): {"it": "anno/2017", "en": "year/2017", "es": "anio/2017"},
    ("year", "2018"): {"it": "anno/2018", "en": "year/2018", "es": "anio/2018"},
    ("year", "2019"): {"it": "anno/2019", "en": "year/2019", "es": "anio/2019"},
}


def facet_page(lang: str, key: str, value: str) -> str:
    return f"practices/{FACET_ADDRESSES[(key, value)][lang]}/"


@pytest.mark.parametrize(("facet", "titles"), [
    (("country", "IT"), ["Bridges to work", "Women first"]),
    (("country", "ES"), ["Women first"]),
    (("theme", "employment"), ["Bridges to work", "Women first"]),
    (("theme", "housing"), ["Women first"]),
    (("project", "alpha"), ["Bridges to work"]),
    (("promoter-type", "ngo"), ["Women first"]),
    (("year", "2018"), ["Bridges to work"]),
])
def test_every_facet_value_has_a_static_page_of_cards(built_site, facet, titles):
    for lang in LANGS:
        soup = page(built_site, lang, facet_page(lang, *facet))
        assert len(soup.select("article .cmp-practices > li .cmp-card__title a")) == len(titles)
        finder_link = soup.select("article > p a")[0]["href"]
        assert finder_link == f"../../?{facet[0]}={facet[1]}"
    soup = page(built_site, "en", facet_page("en", *facet))
    assert [text(a) for a in soup.select("article .cmp-card__title a")] == titles


def test_catalogue_and_practice_pages_link_facet_pages_in_the_readers_words(built_site):
    catalogue = page(built_site, "es", "practices/")
    assert "pais/italia/" in {a["href"] for a in catalogue.select("#browse-country + ul a")}
    practice = page(built_site, "es", "practices/women-first/")
    links = {text(a): a["href"] for a in practice.select(".cmp-facts a")}
    assert links["España"] == "../pais/espana/"
    assert links["Vivienda"] == "../tema/vivienda/"


@pytest.mark.parametrize("lang", LANGS)
def test_the_old_addresses_of_facet_pages_send_readers_to_the_new_ones(built_site, lang):
    """Facet pages used to live at ids (practices/theme/housing/): links to them still work."""
    for key, value in FACET_ADDRESSES:
        old = f"practices/{key}/{value.lower()}/"
        new = facet_page(lang, key, value)
        if old == new:
            continue
        soup = page(built_site, lang, old)
        assert soup.html["lang"] == lang
        refresh = soup.select_one("meta[http-equiv=refresh]")["content"]
        target = (built_site / PREFIX[lang] / old / refresh.split("url=", 1)[1]).resolve()
        assert target == (built_site / PREFIX[lang] / new).resolve(), old
        assert soup.select_one("meta[name=robots]")["content"] == "noindex"
        assert soup.select_one("body a")["href"] == refresh.split("url=", 1)[1]


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
    assert section_ids(org)[:3] == ["practices", "projects", "workshops"]
    assert [text(a) for a in org.select("#practices + ul .cmp-card__title a")] == [
        "Bridges to work", "Practice without a country"]
    assert [text(a) for a in org.select("#workshops + ul .cmp-card__title a")] == [
        "Alpha kick-off workshop"]


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
    assert size <= 20_000  # the budget of benchmarks/results.md (synthetic practices)


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
        expected |= {PREFIX[lang] + facet_page(lang, *facet) for facet in FACET_ADDRESSES}
        # the old addresses of facet pages: pages that send readers on
        expected |= {PREFIX[lang] + f"practices/{key}/{value.lower()}/"
                     for key, value in FACET_ADDRESSES}
    assert pages == expected


HANDWRITTEN = ["about/", "using/", "accessibility/", "privacy/", "contributing/"]


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
    assert "Women first (original en inglés)" in text(item.select_one(".cmp-card__title"))
    assert item.select_one("small.cmp-notice").previous_sibling == " "
