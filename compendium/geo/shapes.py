"""Plane geometry of the drawn map: cut rings to the frame, simplify them to the
map's scale, find a point well inside a shape, and write SVG path data.

All in map units (the SVG's viewBox), after projection. Simplifying here, at
the scale the map is drawn, is what keeps the page small: detail finer than
a unit would be invisible anyway.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom


def clip(ring: Sequence[Point], box: Box) -> list[Point]:
    """Sutherland-Hodgman: a closed ring cut to a rectangle (edges along it stay, outside
    the visible frame when `box` is the frame grown by a margin)."""
    left, top, right, bottom = box
    edges = ((0, left, True), (0, right, False), (1, top, True), (1, bottom, False))
    points = list(ring)
    for axis, limit, keep_above in edges:
        if not points:
            break
        result: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            now_in = current[axis] >= limit if keep_above else current[axis] <= limit
            was_in = previous[axis] >= limit if keep_above else previous[axis] <= limit
            if now_in != was_in:
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                result.append((previous[0] + t * (current[0] - previous[0]),
                               previous[1] + t * (current[1] - previous[1])))
            if now_in:
                result.append(current)
        points = result
    return points


def simplify(ring: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on a closed ring (iterative, so long coasts cannot overflow)."""
    points = [*ring, ring[0]]
    if len(points) < 4:
        return list(ring)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            dist = (abs(dx * (ay - py) - dy * (ax - px)) / norm if norm
                    else math.hypot(px - ax, py - ay))
            if dist > worst:
                worst, index = dist, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points[:-1], keep[:-1], strict=True) if kept]


def area(ring: Sequence[Point]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1]
                   for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))) / 2


def bounds(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


Edge = tuple[float, float, float, float]  # ax, ay, bx, by


def _edges(ring: Sequence[Point]) -> list[Edge]:
    return [(a[0], a[1], b[0], b[1]) for a, b in zip(ring, [*ring[1:], ring[0]], strict=True)]


def _inside(point: Point, edges: list[Edge]) -> bool:
    x, y = point
    inside = False
    for ax, ay, bx, by in edges:
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def _edge_distance(point: Point, edges: list[Edge]) -> float:
    x, y = point
    best = math.inf
    for ax, ay, bx, by in edges:
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy or 1)))
        best = min(best, math.hypot(x - ax - t * dx, y - ay - t * dy))
    return best


def inner_point(ring: Sequence[Point], avoid: Sequence[Point] = (),
                outside: Sequence[Sequence[Point]] = (), steps: int = 20) -> Point:
    """A point comfortably inside a ring, far from the points to `avoid` (other
    markers) and, where the ring has room, outside the rings `outside` (shaded parts
    of it). Of a grid over the ring, the one with the best room: its distance to the
    edge up to a margin (8% of the ring's size), plus its distance to the nearest
    marker up to five margins; ties go to the point deepest inside (a coarse pole of
    inaccessibility: a centroid can fall outside a concave shape, or on a city)."""
    left, top, right, bottom = bounds(ring)
    size = max(right - left, bottom - top)
    margin = size * 0.08
    edges = _edges(simplify(ring, size / 100))  # enough to measure by
    holes = [_edges(hole) for hole in outside]
    best, found = (False, -1.0, -1.0), ((left + right) / 2, (top + bottom) / 2)
    for i in range(steps):
        for j in range(steps):
            point = (left + (i + 0.5) * (right - left) / steps,
                     top + (j + 0.5) * (bottom - top) / steps)
            if not _inside(point, edges):
                continue
            clear = min((math.hypot(point[0] - x, point[1] - y) for x, y in avoid),
                        default=math.inf)
            depth = _edge_distance(point, edges)
            free = not any(_inside(point, hole) for hole in holes)
            score = (free, min(depth, margin) + min(clear, 5 * margin), depth)
            if score > best:
                best, found = score, point
    return found


def path_data(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data, whole units, relative moves: `M12 30l3-1 2 4z`, the shortest form."""
    parts: list[str] = []
    for ring in rings:
        points = [(round(x), round(y)) for x, y in ring]
        deltas = [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(points)]
        steps = "".join(_pair(dx, dy, first=i == 0)
                        for i, (dx, dy) in enumerate(d for d in deltas if d != (0, 0)))
        parts.append(f"M{points[0][0]} {points[0][1]}l{steps}z")
    return "".join(parts)


def _pair(dx: int, dy: int, first: bool) -> str:
    """One relative step; a minus sign separates numbers by itself."""
    sep_x = "" if first or dx < 0 else " "
    sep_y = "" if dy < 0 else " "
    return f"{sep_x}{dx}{sep_y}{dy}"
