"""Where each practice and project goes on the map: a city, a region, or a country.

A practice is placed, for each country it names, at the most precise level its
record gives for that country: its cities there (with coordinates, from the
gazetteer data/vocabularies/cities.yml), else its regions or provinces there
(drawn from their ISO 3166-2 outline), else the country itself (a marker with
the count of such practices). So a practice with no city is still on the map;
only a practice that names no country, region or city is not. Projects are
placed at their cities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compendium.dataset import Dataset, Record
from compendium.geo.outlines import Outlines

LEVELS = ("city", "region", "country")  # most precise first


@dataclass
class Place:
    """A point of the map and the records placed there."""

    kind: str  # one of LEVELS
    key: str  # city id, region id or ISO 3166-1 country code
    practices: list[Record] = field(default_factory=list)
    projects: list[Record] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """Its entry in the map page's list: `place-city-florence`."""
        return f"place-{self.kind}-{self.key.lower()}"


@dataclass
class Placed:
    places: dict[tuple[str, str], Place]
    unplaced: list[Record]  # practices that name no place the map can show


def _city(dataset: Dataset, city: str) -> dict | None:
    term = dataset.term("cities", city) or {}
    return term if term.get("lat") is not None and term.get("lon") is not None else None


def _region(dataset: Dataset, region: str, outlines: Outlines) -> dict | None:
    term = dataset.term("regions", region) or {}
    return term if term.get("code") and outlines.area(term["code"]) else None


def _region_ids(territory: dict) -> list[str]:
    # Region ids of the regions vocabulary; older data holds a free text here.
    regions = territory.get("regions")
    return list(regions) if isinstance(regions, list) else []


def practice_places(dataset: Dataset, practice: Record, outlines: Outlines
                    ) -> list[tuple[str, str]]:
    """(level, key) of every place where the practice goes, one level per country."""
    territory = practice.get("territory") or {}
    cities = [(c, t["country"]) for c in territory.get("cities") or []
              if (t := _city(dataset, c)) is not None]
    regions = [(r, t["country"]) for r in _region_ids(territory)
               if (t := _region(dataset, r, outlines)) is not None]
    countries = dict.fromkeys([*(territory.get("countries") or []),
                               *(country for _, country in cities + regions)])
    found: list[tuple[str, str]] = []
    for country in countries:
        here = [("city", c) for c, where in cities if where == country]
        here = here or [("region", r) for r, where in regions if where == country]
        if not here and country in outlines.countries:
            here = [("country", country)]
        found += here
    return found


def place_records(dataset: Dataset, outlines: Outlines) -> Placed:
    """Every place the map shows, with its practices and projects."""
    places: dict[tuple[str, str], Place] = {}
    unplaced = []
    for practice in dataset.all("practice"):
        keys = practice_places(dataset, practice, outlines)
        for key in keys:
            places.setdefault(key, Place(*key)).practices.append(practice)
        if not keys:
            unplaced.append(practice)
    for project in dataset.all("project"):
        for item in project.get("cities") or []:
            if _city(dataset, item["city"]) is None:
                continue
            place = places.setdefault(("city", item["city"]), Place("city", item["city"]))
            if project not in place.projects:
                place.projects.append(project)
    return Placed(places, unplaced)
