"""The map of practices and project cities: where each city goes on a static SVG.

Pure geometry, the same for every language: cities of the gazetteer
(data/vocabularies/cities.yml, `lat`/`lon`) that a practice or a project names,
projected with an equirectangular projection scaled by the cosine of the
middle latitude (distances look right at European latitudes), inside a frame
with a graticule every 5 degrees. No tiles, no base map to download: the site
makes no third-party request and the map works offline. Labels that would
overlap are moved down until they do not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from compendium.dataset import Dataset, Record

WIDTH = 720.0
MARGIN = 2.0  # degrees around the outermost cities
STEP = 5  # degrees between graticule lines
LABEL_HEIGHT = 13.0
LABEL_CHAR = 6.2  # average width of a label character at the map's font size


@dataclass
class MapCity:
    city: str  # vocabulary id
    x: float
    y: float
    practices: list[Record] = field(default_factory=list)
    projects: list[Record] = field(default_factory=list)
    label_y: float = 0.0


@dataclass
class MapLayout:
    width: float
    height: float
    cities: list[MapCity]
    meridians: list[tuple[int, float]]  # (degrees, x)
    parallels: list[tuple[int, float]]  # (degrees, y)


def _located(dataset: Dataset) -> dict[str, MapCity]:
    """Cities with coordinates that practices or projects name, with those records."""
    found: dict[str, MapCity] = {}

    def city(term_id: str) -> MapCity | None:
        term = dataset.term("cities", term_id) or {}
        if term.get("lat") is None or term.get("lon") is None:
            return None
        return found.setdefault(term_id, MapCity(term_id, term["lon"], term["lat"]))

    for practice in dataset.all("practice"):
        for term_id in (practice.get("territory") or {}).get("cities") or []:
            if (entry := city(term_id)) is not None:
                entry.practices.append(practice)
    for project in dataset.all("project"):
        for item in project.get("cities") or []:
            entry = city(item["city"])
            if entry is not None and project not in entry.projects:
                entry.projects.append(project)
    return found


def map_layout(dataset: Dataset, names: dict[str, str]) -> MapLayout | None:
    """Positions of the cities; `names` (city id to label) sizes the labels."""
    cities = sorted(_located(dataset).values(), key=lambda c: (-c.y, c.x))
    if not cities:
        return None
    west, east = min(c.x for c in cities) - MARGIN, max(c.x for c in cities) + MARGIN
    south, north = min(c.y for c in cities) - MARGIN, max(c.y for c in cities) + MARGIN
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * squeeze)
    height = (north - south) * scale

    def x_of(lon: float) -> float:
        return round((lon - west) * squeeze * scale, 1)

    def y_of(lat: float) -> float:
        return round((north - lat) * scale, 1)

    for c in cities:
        c.x, c.y = x_of(c.x), y_of(c.y)
    _place_labels(cities, names)
    meridians = [(d, x_of(d)) for d in range(math.ceil(west / STEP) * STEP, int(east) + 1, STEP)]
    parallels = [(d, y_of(d)) for d in range(math.ceil(south / STEP) * STEP, int(north) + 1,
                                             STEP)]
    return MapLayout(WIDTH, round(height, 1), cities, meridians, parallels)


def _place_labels(cities: list[MapCity], names: dict[str, str]) -> None:
    placed: list[tuple[float, float, float]] = []  # x from, x to, baseline y
    for c in sorted(cities, key=lambda c: c.y):
        width = LABEL_CHAR * len(names.get(c.city, c.city))
        start, end, y = c.x + 7, c.x + 7 + width, c.y + 4
        while any(start < b and a < end and abs(y - other) < LABEL_HEIGHT
                  for a, b, other in placed):
            y += LABEL_HEIGHT
        c.label_y = y
        placed.append((start, end, y))
