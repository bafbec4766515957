"""The map page: every practice placed (at its cities, else its regions, else its
countries) on a base map drawn at build time (compendium.geo), a filter by theme,
and the same places as lists, for screen readers and for everyone."""

from __future__ import annotations

from collections.abc import Iterable

from compendium.dataset import Record
from compendium.geo import BaseMap, Label, Place, Point
from compendium.geo.places import LEVELS
from compendium.l10n import Localized
from compendium.pages.base import PageType, PageView


class MapView(PageView):
    def map(self) -> BaseMap | None:
        """Shapes and markers, the same in every language (see compendium.geo)."""
        return self.site.base_map

    def place_name(self, place: Place) -> Localized:
        if place.kind == "country":
            return Localized(self.l10n.country(place.key), self.lang, False)
        return self.term("cities" if place.kind == "city" else "regions", place.key)

    def labels(self, layout: BaseMap) -> dict[tuple[str, str], Label]:
        """Where each point's name goes, measured in this language (names differ)."""
        return layout.labels({(p.place.kind, p.place.key): self.place_name(p.place).text
                              for p in layout.points})

    def place_url(self, place: Place) -> str:
        """A city's or region's practices (its facet page), a project city's project, or
        else the place's entry in the list under the map (a country's entry lists the
        practices placed at the country itself, which its facet page does not)."""
        facet = {"city": "city", "region": "region"}.get(place.kind)
        if facet and place.practices and place.key in self.site.facets.get(facet, {}):
            return self.facet_url(facet, place.key)
        if place.kind == "city" and not place.practices and place.projects:
            return self.url(self.sorted(place.projects)[0])
        return f"#{place.anchor}"

    def places_by_level(self, points: Iterable[Point]) -> list[tuple[str, list[Place]]]:
        """The places of each level (cities, regions, countries), by name."""
        found = []
        for level in LEVELS:
            places = [p.place for p in points if p.place.kind == level]
            places.sort(key=lambda p: self.l10n.sort_key(self.place_name(p).text))
            if places:
                found.append((level, places))
        return found

    @staticmethod
    def level_counts(levels: list[tuple[str, list[Place]]]) -> dict[str, int]:
        """How many places of each level the map shows: {'city': 12, ...}."""
        counts = dict.fromkeys(LEVELS, 0)
        counts.update((level, len(places)) for level, places in levels)
        return counts

    def slugs(self, records: Iterable[Record]) -> str:
        return " ".join(sorted(r.slug for r in records))

    def themes(self) -> list[tuple[str, Localized]]:
        """The themes practices have, by label: the map's filter."""
        found = [(theme, self.term("themes", theme)) for theme in self.site.facets["theme"]]
        return sorted(found, key=lambda item: self.l10n.sort_key(item[1].text))


class MapPage(PageType):
    name = "map"
    folder = "map"
    template = "map.html"
    title_key = "map.title"
    in_nav = True
    view = MapView


PAGE_TYPE = MapPage()
