"""The drawn map: its frame, the base map's shapes and the places' markers.

The frame fits every place (cities, regions, countries) with room for labels;
everything is projected with the Lambert azimuthal equal-area projection
centred on 52N 10E (as ETRS89-LAEA, the projection of European statistical
maps), scaled to a viewBox WIDTH units wide. The base map is the same in every
language (computed once per site); only labels, whose widths depend on the
names, are placed per language (compendium.geo.labels).

Sizes are set for the narrowest the map is ever drawn: the stylesheet never
lets the SVG be narrower than MIN_WIDTH CSS pixels (a narrower screen scrolls
it), so text of FONT units is at least 12 px and each marker's link area
(HIT units of radius) at least 24 px across.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compendium.dataset import Dataset, Record
from compendium.geo import shapes
from compendium.geo.labels import Label, Marker, place_labels
from compendium.geo.outlines import Outlines, Ring, outlines
from compendium.geo.places import Place, place_records
from compendium.geo.projection import Projection

WIDTH = 720.0
MIN_WIDTH = 540  # CSS px; keep in step with .cmp-map__svg's min-width in compendium.css
FONT = round(12 * WIDTH / MIN_WIDTH, 1)  # 12 px at the narrowest
HIT = round(12.5 * WIDTH / MIN_WIDTH, 1)  # radius of a marker's link area: 25 px across
BADGE = 11.0  # radius of a region's or country's marker, which holds its count
PAD_X, PAD_Y = 110.0, 36.0  # units around the places, for labels and badges
MIN_SPAN = 0.09  # radians of the projection plane (about 570 km): never zoom in further
ASPECT = (0.6, 1.05)  # height / width, at least and at most
TOLERANCE = 0.8  # units: outlines are simplified to this
MIN_AREA = 3.0  # square units: smaller islands are left out
PROJECTION = Projection(10.0, 52.0)


@dataclass
class Point:
    """A place as drawn: where its marker is, and how large."""

    place: Place
    x: float
    y: float
    radius: float

    @property
    def badge(self) -> bool:
        """Regions and countries show their count in a badge; cities are dots."""
        return self.place.kind != "city"


@dataclass
class Shape:
    key: str  # country code or region id
    d: str  # SVG path data


@dataclass
class BaseMap:
    width: float
    height: float
    land: str  # path data of every country with no practice of its own
    countries: list[Shape]  # countries with practices placed at country level
    regions: list[Shape]  # regions and provinces with practices
    points: list[Point]
    unplaced: list[Record]  # practices that name no place the map can show

    font_size: float = FONT
    hit_radius: float = HIT

    def labels(self, names: dict[tuple[str, str], str]) -> dict[tuple[str, str], Label]:
        """Labels of the points, in the reader's language: (kind, key) -> label.

        Cities of practices choose first (a dot says nothing without its name), then
        countries, regions (their shading and count already show where they are) and
        the cities of projects only; within a level, places with more practices. A
        label with no room is left out (the marker's tooltip and the lists keep it)."""
        markers = [Marker(p.x, p.y, p.radius, names[(p.place.kind, p.place.key)])
                   for p in self.points]

        def rank(point: Point) -> int:
            if point.place.kind == "city":
                return 0 if point.place.practices else 3
            return 1 if point.place.kind == "country" else 2

        order = sorted(range(len(markers)), key=lambda i: (
            rank(self.points[i]), -len(self.points[i].place.practices), markers[i].text))
        place_labels(markers, (self.width, self.height), self.font_size, order)
        return {(p.place.kind, p.place.key): m.label
                for p, m in zip(self.points, markers, strict=True) if m.label}


class _Frame:
    """From the projection plane (y north) to the viewBox (y down)."""

    def __init__(self, points: Sequence[tuple[float, float]]):
        left, bottom, right, top = shapes.bounds(points)
        middle_x, middle_y = (left + right) / 2, (bottom + top) / 2
        span_x, span_y = max(right - left, MIN_SPAN), max(top - bottom, MIN_SPAN * ASPECT[0])
        scale = (WIDTH - 2 * PAD_X) / span_x
        height = span_y * scale + 2 * PAD_Y
        if height > WIDTH * ASPECT[1]:  # tall: fit the height instead
            height = WIDTH * ASPECT[1]
            scale = (height - 2 * PAD_Y) / span_y
        self.height = round(max(height, WIDTH * ASPECT[0]))
        self.scale, self.middle = scale, (middle_x, middle_y)

    def __call__(self, point: tuple[float, float]) -> tuple[float, float]:
        return (WIDTH / 2 + (point[0] - self.middle[0]) * self.scale,
                self.height / 2 - (point[1] - self.middle[1]) * self.scale)

    def path(self, rings: Iterable[Ring]) -> str:
        """Path data of rings of (lon, lat), cut to the frame and simplified."""
        grown = (-4.0, -4.0, WIDTH + 4, self.height + 4)
        drawn = []
        for ring in rings:
            flat = [self(PROJECTION(lon, lat)) for lon, lat in ring]
            left, top, right, bottom = shapes.bounds(flat)
            if right < grown[0] or left > grown[2] or bottom < grown[1] or top > grown[3]:
                continue
            cut = shapes.clip(flat, grown)
            if len(cut) >= 3 and shapes.area(cut) >= MIN_AREA:
                drawn.append(shapes.simplify(cut, TOLERANCE))
        return shapes.path_data(ring for ring in drawn if len(ring) >= 3)


def _anchors(places: list[Place], dataset: Dataset, data: Outlines
             ) -> list[tuple[float, float]]:
    """Where the places' markers go, on the projection plane: cities at their
    coordinates; a region's or a country's marker inside its largest piece of land,
    clear of the markers placed before it (cities, then regions, then countries),
    and a country's outside the regions of it that the map shades."""
    found: dict[int, tuple[float, float]] = {}
    shaded: dict[str, list[list[tuple[float, float]]]] = {}  # country -> its regions' rings
    for level in ("city", "region", "country"):
        for index, place in enumerate(places):
            if place.kind != level:
                continue
            if level == "city":
                term = dataset.term("cities", place.key)
                found[index] = PROJECTION(term["lon"], term["lat"])
                continue
            if level == "region":
                term = dataset.term("regions", place.key)
                rings = [[PROJECTION(*p) for p in ring] for ring in data.area(term["code"])]
                shaded.setdefault(term["country"], []).extend(rings)
            else:
                rings = [[PROJECTION(*p) for p in ring] for ring in data.countries[place.key]]
            found[index] = shapes.inner_point(max(rings, key=shapes.area),
                                              list(found.values()),
                                              outside=shaded.get(place.key, []))
    return [found[index] for index in range(len(places))]


def _radius(place: Place) -> float:
    if place.kind != "city":
        return BADGE
    return 4.0 + min(len(place.practices), 4) if place.practices else 4.0


def base_map(dataset: Dataset) -> BaseMap | None:
    """The map of the dataset's places, or None when there is nothing to place."""
    data = outlines()
    placed = place_records(dataset, data)
    if not placed.places:
        return None
    places = sorted(placed.places.values(), key=lambda p: (p.kind, p.key))
    anchors = _anchors(places, dataset, data)
    frame = _Frame(anchors)
    points = [Point(place, *(round(c, 1) for c in frame(anchor)), _radius(place))
              for place, anchor in zip(places, anchors, strict=True)]
    by_country = {p.key for p in places if p.kind == "country"}
    regions = [Shape(p.key, frame.path(data.area(dataset.term("regions", p.key)["code"])))
               for p in places if p.kind == "region"]
    return BaseMap(
        width=WIDTH, height=frame.height,
        land=frame.path(ring for code, rings in sorted(data.countries.items())
                        if code not in by_country for ring in rings),
        countries=[Shape(code, frame.path(data.countries[code])) for code in sorted(by_country)],
        regions=regions, points=points, unplaced=placed.unplaced,
    )
