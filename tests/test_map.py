"""The map of practices (issues 8 and 14), as built: a base map drawn into the page
(outlines, no tiles, no request), every practice placed at its cities, regions or
countries, markers linking to their practices, the same places as lists, the
sources of the map's data told to readers, and a page of reasonable size."""

from __future__ import annotations

import pytest

from tests.helpers import LANGUAGES, PREFIX, page, text

pytestmark = pytest.mark.slow
LANGS = LANGUAGES
MAX_PAGE = 150_000  # bytes of the map page's HTML (benchmarks/results.md)


def _points(soup):
    """{marker's place (`city-trento`, `country-it`): (x, y, href, visible label or None)}."""
    found = {}
    for a in soup.select("svg.cmp-map__svg a.cmp-map__place"):
        label = a.select_one("text.cmp-map__label")
        circle = a.select_one("circle.cmp-map__point")
        found[a["data-place"].removeprefix("place-")] = (
            float(circle["cx"]), float(circle["cy"]), a["href"], text(label) if label else None)
    return found


def _placed(soup) -> set[str]:
    return {slug for a in soup.select("svg a.cmp-map__place")
            for slug in a["data-practices"].split()}


@pytest.mark.parametrize("lang", LANGS)
def test_every_practice_of_the_real_site_is_on_the_map(content_site, lang):
    soup = page(content_site, lang, "map/")
    practices = {p.name for p in (content_site / PREFIX[lang] / "practices").iterdir()
                 if (p / "index.html").is_file() and p.name not in
                 {"country", "city", "region", "theme", "target-group", "project",
                  "promoter-type", "year", "programme"}}
    assert len(practices) == 12
    assert _placed(soup) == practices
    assert soup.select_one("#elsewhere") is None  # nothing left off the map


@pytest.mark.parametrize("lang", LANGS)
def test_the_base_map_has_country_outlines_and_coasts(content_site, lang):
    soup = page(content_site, lang, "map/")
    svg = soup.select_one("svg.cmp-map__svg")
    land = svg.select_one("path.cmp-map__land")["d"]
    assert land.count("M") > 50  # countries and islands
    tinted = svg.select("path.cmp-map__country")
    assert len(tinted) >= 5  # countries whose practices name no city or region there
    assert not svg.select("image, foreignObject, use")  # drawn, not fetched


@pytest.mark.parametrize("lang", LANGS)
def test_each_marker_links_to_a_page_or_to_its_entry_in_the_list(content_site, lang):
    soup = page(content_site, lang, "map/")
    here = content_site / PREFIX[lang] / "map"
    ids = {tag["id"] for tag in soup.select("[id]")}
    for _name, (_x, _y, href, _label) in _points(soup).items():
        if href.startswith("#"):
            assert href[1:] in ids
        else:
            assert (here / href / "index.html").resolve().is_file(), href


def test_points_sit_where_the_places_are(content_site):
    points = _points(page(content_site, "en", "map/"))
    assert points["city-santander"][0] < points["city-bologna"][0] < \
        points["city-budapest"][0]  # west to east
    assert points["city-jelgava"][1] < points["city-berlin"][1] < points["city-bologna"][1] < \
        points["city-catania"][1]  # north to south
    assert points["country-pt"][0] < points["country-es"][0] < points["country-it"][0] < \
        points["country-gr"][0] < points["country-cy"][0]
    assert points["country-fi"][1] < points["country-be"][1] < points["country-cy"][1]
    assert points["country-it"][2] == "#place-country-it"  # its entry in the list below
    assert points["country-it"][3] == "Italy"


def test_a_city_marker_leads_to_its_practices_or_else_to_its_project(content_site):
    soup = page(content_site, "en", "map/")
    for a in soup.select("svg a.cmp-map__place--city"):
        city = a["data-place"].removeprefix("place-city-")
        if a["data-practices"]:
            assert a["href"] == f"../practices/city/{city}/"
        else:
            assert a["href"].startswith("../projects/")
    assert soup.select_one('svg a[data-place="place-city-bologna"]')["href"] == \
        "../projects/lecim/"  # a city with no practice: its project


@pytest.mark.parametrize("lang", LANGS)
def test_the_svg_is_a_named_graphic_and_the_lists_hold_its_links(content_site, lang):
    soup = page(content_site, lang, "map/")
    svg = soup.select_one("svg.cmp-map__svg")
    assert svg["role"] == "graphics-document"
    names = [soup.select_one(f"#{ref}") for ref in svg["aria-labelledby"].split()]
    assert [n.name for n in names] == ["title", "desc"] and all(text(n) for n in names)
    assert {a["tabindex"] for a in svg.select("a")} == {"-1"}  # the lists are for keyboards
    listed = {a["href"] for a in soup.select("ul.cmp-map__list a")}
    for _name, (_x, _y, href, _label) in _points(soup).items():
        assert href in listed or href.startswith("#")


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_says_where_outlines_and_coordinates_come_from(content_site, lang):
    credits = text(page(content_site, lang, "map/").select_one(".cmp-map__credits"))
    assert "Natural Earth" in credits
    gazetteer = {"it": "gazetteer", "en": "gazetteers", "es": "nomenclátores"}[lang]
    assert gazetteer in credits


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_page_stays_small(content_site, lang):
    size = (content_site / PREFIX[lang] / "map" / "index.html").stat().st_size
    assert size < MAX_PAGE


@pytest.mark.parametrize("lang", LANGS)
def test_the_theme_filter_lists_the_themes_in_use_and_links_the_finder(content_site, lang):
    soup = page(content_site, lang, "map/")
    options = [o["value"] for o in soup.select("#cmp-map-theme option")]
    assert options[0] == "" and len(options) > 3
    assert soup.select_one("#cmp-map-finder")["href"] == "../practices/"
    assert soup.select_one("#cmp-map-theme").has_attr("disabled")  # until map.js runs


def test_the_fixture_map_shows_cities_countries_and_what_is_left_off(built_site):
    soup = page(built_site, "es", "map/")
    points = _points(soup)
    assert points["city-florence"][2:] == ("../practices/city/florence/", "Florencia")
    assert {"country-es", "country-it"} <= set(points)  # Women first names only countries
    titles = [text(a.title) for a in soup.select("svg a")]
    assert "Florencia: buenas prácticas 1, proyectos 1" in titles
    unplaced = [text(a) for a in soup.select("#elsewhere ~ ul > li > a")]
    assert unplaced == ["Práctica sin país"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_province_or_region_is_shaded_with_a_marker_not_put_at_its_capital(content_site, lang):
    soup = page(content_site, lang, "map/")
    points = _points(soup)
    assert "city-trento" not in points  # the sources say "provincia di Trento"
    shaded = {path["data-place"] for path in soup.select("svg path.cmp-map__region")}
    assert {"place-region-trento-province", "place-region-tuscany",
            "place-region-andalusia"} <= shaded
    for region in shaded:
        assert f"{region.removeprefix('place-')}" in points
    href = points["region-trento-province"][2]
    assert href == "../practices/region/trento-province/"
    assert points["region-trento-province"][1] < points["region-tuscany"][1]  # north of it
    entry = soup.select_one("#place-region-trento-province")
    slugs = {li["data-practice"] for li in entry.select("li[data-practice]")}
    assert slugs == {"cinformi", "trento-integrated-communication"}
