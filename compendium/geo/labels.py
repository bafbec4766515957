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

from collections.abc import Iterator
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # left, top, right, bottom

NARROW = frozenset("fijlrt.,:;'()- ")
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


def _candidates(marker: Marker, width: float, size: float) -> Iterator[Label]:
    height = size * 1.2
    for level, gap in enumerate((3.0, size * 0.9, size * 1.9)):
        reach = marker.radius + gap
        diagonal = marker.radius * 0.7 + gap
        spots = (  # (box left, box top) for right, left, above, below and the diagonals
            (marker.x + reach, marker.y - height / 2),
            (marker.x - reach - width, marker.y - height / 2),
            (marker.x - width / 2, marker.y - reach - height),
            (marker.x - width / 2, marker.y + reach),
            (marker.x + diagonal, marker.y - diagonal - height),
            (marker.x + diagonal, marker.y + diagonal),
            (marker.x - diagonal - width, marker.y - diagonal - height),
            (marker.x - diagonal - width, marker.y + diagonal),
        )
        for left, top in spots:
            box = (left, top, left + width, top + height)
            leader = None
            if level:
                near_x = min(max(marker.x, box[0]), box[2])
                near_y = min(max(marker.y, box[1]), box[3])
                leader = (marker.x, marker.y, near_x, near_y)
            yield Label(left, top + size * 0.88, "start", box, leader)


def place_labels(markers: list[Marker], frame: tuple[float, float], size: float,
                 priority: list[int] | None = None) -> None:
    """Give each marker a label that fits, in order of `priority` (indexes), or none."""
    width_limit, height_limit = frame
    taken: list[Box] = [(m.x - m.radius - 1, m.y - m.radius - 1,
                         m.x + m.radius + 1, m.y + m.radius + 1) for m in markers]
    for index in priority if priority is not None else range(len(markers)):
        marker = markers[index]
        width = text_width(marker.text, size)
        for label in _candidates(marker, width, size):
            box = label.box
            if box[0] < 2 or box[1] < 2 or box[2] > width_limit - 2 or box[3] > height_limit - 2:
                continue
            if any(_overlaps(box, other) for other in taken):
                continue
            marker.label = label
            taken.append(box)
            break
