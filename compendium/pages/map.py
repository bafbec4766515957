"""The map page: practices and project cities on a static SVG drawn at build time
(compendium.geo), with the same cities as a list."""

from __future__ import annotations

from collections.abc import Iterable

from compendium.dataset import Record
from compendium.geo import MapCity, MapLayout
from compendium.l10n import Localized
from compendium.pages.base import PageType, PageView


class MapView(PageView):
    def map(self) -> MapLayout | None:
        """Where the cities of practices and projects go on the map (see compendium.geo)."""
        return self.site.map_layout(self.lang)

    def city_label(self, city: str) -> Localized:
        return self.term("cities", city)

    def unmapped_practices(self, layout: MapLayout) -> list[Record]:
        """Practices whose sources name no city with coordinates: not on the map."""
        mapped = {id(r) for point in layout.cities for r in point.practices}
        return self.sorted(r for r in self.site.dataset.all("practice") if id(r) not in mapped)

    def sorted_cities(self, points: Iterable[MapCity]) -> list[MapCity]:
        return sorted(points, key=lambda p: self.l10n.sort_key(self.city_label(p.city).text))

    def city_url(self, point: MapCity) -> str:
        """A city's practices (its facet page), or its project when it has no practice."""
        if point.practices:
            return self.facet_url("city", point.city)
        return self.url(point.projects[0])


class MapPage(PageType):
    name = "map"
    folder = "map"
    template = "map.html"
    title_key = "map.title"
    in_nav = True
    view = MapView


PAGE_TYPE = MapPage()
