"""The map's geometry (compendium.geo), without a build: the projection, the shipped
outlines, clipping and simplification, the labels' collision pass, and where each
practice goes (its cities, else its regions, else its countries)."""

from __future__ import annotations

import math

from compendium.dataset import Dataset, Record
from compendium.geo import base_map, shapes
from compendium.geo.labels import Marker, place_labels, text_width
from compendium.geo.layout import FONT, HIT, MIN_WIDTH, PROJECTION, WIDTH
from compendium.geo.outlines import outlines
from compendium.geo.places import place_records
from compendium.geo.projection import Projection

CITIES = {
    "florence": {"label": {"en": "Florence"}, "country": "IT", "lat": 43.77, "lon": 11.26},
    "seville": {"label": {"en": "Seville"}, "country": "ES", "lat": 37.39, "lon": -5.98},
    "atlantis": {"label": {"en": "Atlantis"}, "country": "ES"},  # no coordinates
}
REGIONS = {
    "tuscany": {"label": {"en": "Tuscany"}, "country": "IT", "code": "IT-52"},
    "trento-province": {"label": {"en": "Province of Trento"}, "country": "IT",
                        "code": "IT-TN"},
    "nowhere": {"label": {"en": "Nowhere"}, "country": "IT"},  # no code: no outline
}


def _practice(slug: str, **territory) -> Record:
    return Record("practice", slug, f"data/practices/{slug}.yml",
                  {"source_language": "en", "territory": territory, "themes": ["housing"]})


def _dataset(*practices: Record) -> Dataset:
    return Dataset(records={"practice": {p.slug: p for p in practices}},
                   vocabularies={"cities": CITIES, "regions": REGIONS})


def test_the_projection_is_centred_on_europe_with_east_and_north_positive():
    assert PROJECTION(10, 52) == (0.0, 0.0)
    east, _ = PROJECTION(20, 52)
    _, north = PROJECTION(10, 60)
    assert east > 0 and north > 0


def test_the_projection_keeps_areas():
    """Equal-area: a 1-degree cell near the pole and one near the centre keep the
    ratio of their areas on the sphere (cos of the latitude)."""
    project = Projection(10, 52)

    def cell(lon: float, lat: float) -> float:
        corners = [project(lon, lat), project(lon + 1, lat), project(lon + 1, lat + 1),
                   project(lon, lat + 1)]
        return shapes.area(corners)

    expected = (math.sin(math.radians(71)) - math.sin(math.radians(70))) / \
        (math.sin(math.radians(41)) - math.sin(math.radians(40)))
    assert math.isclose(cell(25, 70) / cell(-5, 40), expected, rel_tol=1e-3)


def test_the_shipped_outlines_hold_european_countries_and_regions():
    data = outlines()
    assert {"IT", "ES", "FR", "DE", "PT", "GR", "CY", "FI", "GB", "BE", "SI"} <= set(data.countries)
    assert len(data.area("IT-TN")) >= 1  # a province
    assert len(data.area("IT-52")) >= 10  # Tuscany: its ten provinces
    assert len(data.area("ES-AN")) >= 8  # Andalusia: its eight provinces
    assert data.area("XX-00") == ()
    west, south, east, north = data.box
    for rings in data.countries.values():
        for ring in rings:
            assert all(west <= lon <= east and south <= lat <= north for lon, lat in ring)


def test_clipping_cuts_a_ring_to_the_frame():
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]
    cut = shapes.clip(square, (0.0, 0.0, 5.0, 5.0))
    assert shapes.bounds(cut) == (0.0, 0.0, 5.0, 5.0)
    assert shapes.area(cut) == 25.0
    assert shapes.clip(square, (20.0, 20.0, 30.0, 30.0)) == []


def test_simplifying_drops_points_closer_than_the_tolerance_to_the_line():
    wiggly = [(0.0, 0.0), (5.0, 0.2), (10.0, 0.0), (10.0, 10.0), (5.0, 9.7), (0.0, 10.0)]
    assert shapes.simplify(wiggly, 0.5) == [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0),
                                            (0.0, 10.0)]
    assert len(shapes.simplify(wiggly, 0.1)) == 6


def test_path_data_is_whole_units_and_relative():
    assert shapes.path_data([[(1.2, 2.0), (4.0, 1.6), (4.0, 6.0), (1.0, 6.4)]]) == \
        "M1 2l3 0 0 4-3 0z"


def test_an_inner_point_is_inside_a_concave_shape_and_clear_of_markers():
    ell = [(0.0, 0.0), (10.0, 0.0), (10.0, 2.0), (2.0, 2.0), (2.0, 10.0), (0.0, 10.0)]
    x, y = shapes.inner_point(ell)
    assert (x <= 2 and 0 <= y <= 10) or (y <= 2 and 0 <= x <= 10)  # centroid (3.2, 3.2) is not
    wide = [(0.0, 0.0), (20.0, 0.0), (20.0, 4.0), (0.0, 4.0)]
    x, _ = shapes.inner_point(wide, avoid=[(2.0, 2.0)])
    assert x > 10
    shaded = [(10.0, 0.0), (20.0, 0.0), (20.0, 4.0), (10.0, 4.0)]
    x, _ = shapes.inner_point(wide, avoid=[(2.0, 2.0)], outside=[shaded])
    assert 2 < x < 10  # not in the shaded half, however crowded the other


def test_labels_never_overlap_one_another_or_a_marker():
    markers = [Marker(60 + 70 * i, 100 + 30 * (i % 3), 5, f"City {i}") for i in range(8)]
    markers += [Marker(500 + 3 * i, 300, 4, f"Crowded {i}") for i in range(12)]  # too close
    place_labels(markers, (720, 500), FONT)
    assert all(m.label for m in markers[:8])
    boxes = [m.label.box for m in markers if m.label]
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= 720 and a[1] >= 0 and a[3] <= 500
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
        for m in markers:
            assert not (a[0] < m.x + m.radius and m.x - m.radius < a[2]
                        and a[1] < m.y + m.radius and m.y - m.radius < a[3])


def test_a_label_with_no_room_is_left_out():
    markers = [Marker(10, 10, 5, "A very long name that cannot fit anywhere at all")]
    place_labels(markers, (60, 30), FONT)
    assert markers[0].label is None


def test_text_size_is_12_px_and_links_24_px_at_the_narrowest_map():
    scale = MIN_WIDTH / WIDTH
    assert FONT * scale >= 12
    assert 2 * HIT * scale >= 24
    assert text_width("Mm", 10) > text_width("il", 10)


def test_a_practice_goes_to_its_cities_else_its_regions_else_its_countries():
    placed = place_records(_dataset(
        _practice("city", countries=["IT"], cities=["florence"], regions=["tuscany"]),
        _practice("region", countries=["IT"], regions=["trento-province"]),
        _practice("country", countries=["IT", "ES"]),
        _practice("mixed", countries=["IT", "ES"], cities=["seville"], regions=["tuscany"]),
        _practice("unknown-places", countries=[], cities=["atlantis"], regions=["nowhere"]),
        _practice("free-text-region", countries=["ES"], regions={"en": "Andalusia"}),
        _practice("none"),
        _practice("nulls", countries=None, cities=None, regions=None),  # as validated data
    ), outlines())
    where = {key: sorted(p.slug for p in place.practices)
             for key, place in placed.places.items()}
    assert where == {
        ("city", "florence"): ["city"],
        ("region", "trento-province"): ["region"],
        ("country", "IT"): ["country"],
        ("country", "ES"): ["country", "free-text-region"],
        ("city", "seville"): ["mixed"],
        ("region", "tuscany"): ["mixed"],
    }
    assert [p.slug for p in placed.unplaced] == ["unknown-places", "none", "nulls"]


def test_the_base_map_draws_outlines_highlights_and_a_marker_per_place():
    drawn = base_map(_dataset(
        _practice("city", countries=["IT"], cities=["florence"]),
        _practice("region", countries=["IT"], regions=["trento-province"]),
        _practice("country", countries=["ES"]),
    ))
    assert drawn.width == WIDTH and 0.6 * WIDTH <= drawn.height <= 1.05 * WIDTH
    assert drawn.land.startswith("M") and drawn.land.count("z") > 10
    assert [s.key for s in drawn.countries] == ["ES"]
    assert [s.key for s in drawn.regions] == ["trento-province"]
    points = {(p.place.kind, p.place.key): p for p in drawn.points}
    assert set(points) == {("city", "florence"), ("region", "trento-province"),
                           ("country", "ES")}
    for point in drawn.points:
        assert 0 < point.x < drawn.width and 0 < point.y < drawn.height
    assert points[("country", "ES")].x < points[("city", "florence")].x  # Spain is west
    assert points[("region", "trento-province")].y < points[("city", "florence")].y  # north
    assert base_map(_dataset(_practice("none"))) is None
