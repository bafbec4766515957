"""Lambert azimuthal equal-area projection (spherical), centred on the map's places.

The projection of European statistical maps (ETRS89-LAEA, EPSG:3035, is its
ellipsoidal form centred on 52N 10E): areas keep their proportions, so a
country or region is as large on the map as it is on the ground, and shapes
are right near the centre. Spherical formulas are exact enough at a few
pixels per kilometre; results are in radians of the unit sphere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Projection:
    lon0: float  # centre, degrees
    lat0: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        """(x east, y north) on the plane tangent at the centre."""
        phi0, phi = math.radians(self.lat0), math.radians(lat)
        lam = math.radians(lon - self.lon0)
        cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / max(1 + cos_c, 1e-12))  # the antipode has no image
        north = math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam)
        return k * math.cos(phi) * math.sin(lam), k * north
