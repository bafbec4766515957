"""The map of practices and projects, drawn at build time as a static SVG.

No tiles and no request to anyone: the base map's outlines (Natural Earth,
public domain, shipped in data/) are projected, cut to the frame and
simplified into the page itself, so the map works offline and from file://.

- places: where each practice goes (its cities, else its regions, else its countries);
- outlines: the shipped country and region shapes;
- projection: Lambert azimuthal equal-area, as European statistical maps;
- shapes: clipping, simplification and SVG path data;
- layout: the frame, the drawn shapes and markers;
- labels: labels placed so that none overlaps another.
"""

from compendium.geo.labels import Label
from compendium.geo.layout import BaseMap, Point, Shape, base_map
from compendium.geo.places import Place

__all__ = ["BaseMap", "Label", "Place", "Point", "Shape", "base_map"]
