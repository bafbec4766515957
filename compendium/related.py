"""Related practices: the few others that share most with a practice, found in linear time.

Two practices are related when they share features (a theme, a target group, a
country); the more they share, the closer they are, and at equal overlap rarer
shared features count more. Comparing every practice with every other would be
N² (10⁸ pairs at 10 000 practices), so candidates come from posting lists
instead: every practice with a feature, in a fixed order. A practice looks at
the whole list of each feature it has when that list is short (at most
2·WINDOW + 1 members: every list of the real data), and at its WINDOW
neighbours on either side when it is long. The order of the lists puts
practices with similar features next to each other (they are sorted by their
features, rarest first), so the neighbours are the likeliest to share more than
one. Each practice thus examines at most (2·WINDOW + 1) candidates per feature:
the work grows linearly with the number of practices (`Related.work` counts it,
and a test checks it).

Everything here is language-neutral: the same answer serves every language.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

LIMIT = 5  # related practices shown on a practice page
WINDOW = 25  # neighbours on either side looked at in a long posting list

T = TypeVar("T")


@dataclass
class Related(Generic[T]):
    """The related items of every item, and how many candidates were examined."""

    of: dict[T, list[T]] = field(default_factory=dict)
    work: int = 0


def related(items: Sequence[T], features: Callable[[T], Iterable[Hashable]],
            limit: int = LIMIT, window: int = WINDOW) -> Related[T]:
    """Up to `limit` related items for each of `items` (best first; ties in `items` order)."""
    own = [list(dict.fromkeys(features(item))) for item in items]
    order = _similar_first(own)
    postings: dict[Hashable, list[int]] = {}
    place: list[dict[Hashable, int]] = [{} for _ in items]
    for index in order:
        for feature in own[index]:
            members = postings.setdefault(feature, [])
            place[index][feature] = len(members)
            members.append(index)
    result: Related[T] = Related()
    for index, item in enumerate(items):
        overlap: dict[int, int] = {}
        weight: dict[int, float] = {}
        for feature in own[index]:
            members = postings[feature]
            rarity = 1 / len(members)
            for other in _neighbours(members, place[index][feature], window):
                result.work += 1
                if other != index:
                    overlap[other] = overlap.get(other, 0) + 1
                    weight[other] = weight.get(other, 0.0) + rarity
        best = heapq.nsmallest(limit, overlap, key=lambda o: (-overlap[o], -weight[o], o))
        result.of[item] = [items[other] for other in best]
    return result


def _similar_first(own: list[list[Hashable]]) -> list[int]:
    """Item indices sorted by their features, rarest first: items alike end up adjacent
    in every posting list. Features are compared by their rank of rarity."""
    counts: dict[Hashable, int] = {}
    for features in own:
        for feature in features:
            counts[feature] = counts.get(feature, 0) + 1
    ranked = sorted(counts, key=lambda f: (counts[f], repr(f)))
    rank = {feature: position for position, feature in enumerate(ranked)}
    return sorted(range(len(own)), key=lambda i: (sorted(rank[f] for f in own[i]), i))


def _neighbours(members: list[int], position: int, window: int) -> list[int]:
    """The whole list when short, else the 2·window + 1 members centred on `position`
    (shifted at either end so that every item sees as many)."""
    span = 2 * window + 1
    if len(members) <= span:
        return members
    start = min(max(0, position - window), len(members) - span)
    return members[start:start + span]


def practice_features(practice) -> list[tuple[str, str]]:
    """What makes two practices related: the themes, target groups and countries they share."""
    territory = practice.get("territory") or {}
    return ([("theme", theme) for theme in practice.get("themes") or []]
            + [("target-group", group) for group in practice.get("target_groups") or []]
            + [("country", country) for country in territory.get("countries") or []])


def related_practices(practices: Sequence) -> dict:
    """Practice -> its related practices (see `related`); `practices` in a stable order."""
    return related(practices, practice_features).of
