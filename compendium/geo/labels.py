"""Labels that do not overlap: a greedy collision pass over candidate positions.

Each marker tries eight positions around itself (right first, as readers
expect), then the same further out with a leader line; a position is taken
when its box stays inside the frame and clear of every marker and of every
label placed before it. Markers with more practices are placed first. Widths
are estimated from the characters (no font is at hand at build time), on the
generous side, so the browser's real boxes are smaller than those checked here.
A label that finds no room is left out: its marker keeps its name as a tooltip
and in the list under the map.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # left, top, right, bottom

NARROW = frozenset("fijlrt.,:;'()- ")
CLEARANCE = 5.0  # units between a label and any marker but its own
WIDE = frozenset("mwMW")


def text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width in a sans-serif font of `size`."""
    em = 0.0
    for char in text:
        if char in NARROW:
            em += 0.38
        elif char in WIDE or char.isupper():
            em += 0.8 if char in WIDE else 0.72
        else:
            em += 0.6
    return em * size


@dataclass
class Label:
    x: float  # text anchor point
    y: float  # baseline
    anchor: str  # SVG text-anchor: start, middle, end
    box: Box
    leader: tuple[float, float, float, float] | None = None  # line from marker to label


@dataclass
class Marker:
    x: float
    y: float
    radius: float
    text: str
    label: Label | None = None


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(segment: tuple[float, float, float, float], box: Box) -> bool:
    """Whether a line segment passes through a box (Liang-Barsky clipping)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


# Directions to try, in degrees (0 is east, 90 south): right, left, above, below,
# the diagonals, then the directions between them.
DIRECTIONS = (0, 180, -90, 90, -45, 45, -135, 135, -22.5, 22.5, 157.5, -157.5,
              -67.5, -112.5, 67.5, 112.5)


def _gap(marker: Marker, box: Box) -> float:
    """How far a box is from a marker's edge."""
    dx = max(box[0] - marker.x, 0.0, marker.x - box[2])
    dy = max(box[1] - marker.y, 0.0, marker.y - box[3])
    return math.hypot(dx, dy) - marker.radius


def _candidates(marker: Marker, width: float, size: float) -> Iterator[Label]:
    height = size * 1.2
    for level, gap in enumerate((3.0, size * 0.9, size * 1.9, size * 3.2)):
        reach = marker.radius + gap
        for degrees in DIRECTIONS if level else DIRECTIONS[:8]:
            dx, dy = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
            x, y = marker.x + reach * dx, marker.y + reach * dy
            left = x if dx > 0.3 else x - width if dx < -0.3 else x - width / 2
            top = y if dy > 0.3 else y - height if dy < -0.3 else y - height / 2
            box = (left, top, left + width, top + height)
            leader = None
            if level:
                near_x = min(max(marker.x, box[0]), box[2])
                near_y = min(max(marker.y, box[1]), box[3])
                leader = (marker.x, marker.y, near_x, near_y)
            yield Label(left, top + size * 0.88, "start", box, leader)


def place_labels(markers: list[Marker], frame: tuple[float, float], size: float,
                 priority: list[int] | None = None) -> None:
    """Give each marker a label that fits, in order of `priority` (indexes), or none.

    A label keeps CLEARANCE units away from every other marker, and no other marker
    is nearer to it than its own, so that it never reads as the name of a neighbour."""
    width_limit, height_limit = frame
    around = [(m.x - m.radius - CLEARANCE, m.y - m.radius - CLEARANCE,
               m.x + m.radius + CLEARANCE, m.y + m.radius + CLEARANCE) for m in markers]
    labels: list[Box] = []
    leaders: list[tuple[float, float, float, float]] = []
    for index in priority if priority is not None else range(len(markers)):
        marker = markers[index]
        others = around[:index] + around[index + 1:]
        for label in _candidates(marker, text_width(marker.text, size), size):
            box = label.box
            if box[0] < 2 or box[1] < 2 or box[2] > width_limit - 2 or box[3] > height_limit - 2:
                continue
            if any(_overlaps(box, other) for other in (*labels, *others)):
                continue
            own = _gap(marker, box)
            if any(_gap(other, box) < own for other in markers if other is not marker):
                continue  # it would read as the name of a nearer marker
            if any(_crosses(leader, box) for leader in leaders):
                continue
            if label.leader and any(_crosses(label.leader, other)
                                    for other in (*labels, *others)):
                continue
            marker.label = label
            labels.append(box)
            if label.leader:
                leaders.append(label.leader)
            break
