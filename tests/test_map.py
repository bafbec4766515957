"""The map of practices and project cities (issue 8): a static SVG in each
language, points placed by the cities' coordinates, each linking to its city's
practices, and the same cities as a list."""

from __future__ import annotations

import pytest

from tests.helpers import LANGUAGES, PREFIX, page, text

pytestmark = pytest.mark.slow
LANGS = LANGUAGES


def _points(soup):
    return {text(a.select_one("text")): (float(a.circle["cx"]), float(a.circle["cy"]), a["href"])
            for a in soup.select("svg.cmp-map__svg a")}


@pytest.mark.parametrize("lang", LANGS)
def test_every_city_of_a_practice_or_project_is_a_point_linking_to_its_page(
        content_site, lang):
    soup = page(content_site, lang, "map/")
    points = _points(soup)
    assert len(points) == 14  # the cities with coordinates that records name as a territory
    here = content_site / PREFIX[lang] / "map"
    for _name, (_x, _y, href) in points.items():
        assert (here / href / "index.html").resolve().is_file(), href
    listed = [text(li.a) for li in soup.select("ul.cmp-map__list > li")]
    assert sorted(listed) == sorted(points)


def test_points_sit_where_the_cities_are(content_site):
    points = _points(page(content_site, "en", "map/"))
    assert points["Santander"][0] < points["Bologna"][0] < points["Budapest"][0]  # west to east
    assert points["Jelgava"][1] < points["Berlin"][1] < points["Bologna"][1] < \
        points["Catania"][1]  # north to south
    assert points["Bologna"][2] == "../projects/lecim/"  # a city with no practice: its project


@pytest.mark.parametrize("lang", LANGS)
def test_a_province_is_not_put_on_the_map_as_its_capital(content_site, lang):
    soup = page(content_site, lang, "map/")
    assert "Trento" not in _points(soup)  # the sources say "provincia di Trento"
    unmapped = {text(li.a): [text(a) for a in li.select("a")[1:]]
                for li in soup.select("#elsewhere + p + ul > li")}
    province = {"it": "Provincia di Trento", "en": "Province of Trento",
                "es": "Provincia de Trento"}[lang]
    assert unmapped["Cinformi - Centro informativo per l'immigrazione"] == [province]
    caption = text(soup.select_one("figcaption"))
    assert {"it": "gazetteer", "en": "gazetteers", "es": "nomenclátores"}[lang] in caption


def test_a_city_with_a_practice_links_to_its_practices_in_the_fixture(built_site):
    soup = page(built_site, "es", "map/")
    points = _points(soup)
    assert points["Florencia"][2] == "../practices/city/florence/"
    svg = soup.select_one("svg.cmp-map__svg")
    assert svg["role"] == "group"
    assert soup.select_one(f"#{svg['aria-labelledby']}").name == "figcaption"
    labels = [a["aria-label"] for a in soup.select("svg a")]
    assert "Florencia: buenas prácticas 1, proyectos 1" in labels
    unmapped = [text(a) for a in soup.select("#elsewhere + p + ul > li > a")]
    assert "Women first" in unmapped  # its source names countries, no city
