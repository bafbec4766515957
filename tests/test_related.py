"""Related practices (compendium.related): ranked by overlap, found in linear time."""

from __future__ import annotations

import random

from compendium.related import WINDOW, related


def test_the_practices_sharing_most_come_first_and_an_item_is_never_its_own():
    features = {
        "a": {"theme:housing", "theme:work", "country:IT"},
        "b": {"theme:housing", "theme:work", "country:IT"},  # shares 3 with a
        "c": {"theme:housing", "country:ES"},  # shares 1 with a
        "d": {"theme:work", "country:IT"},  # shares 2 with a
        "e": {"theme:health"},  # shares nothing
    }
    found = related(list(features), lambda slug: sorted(features[slug]))
    assert found.of["a"] == ["b", "d", "c"]
    assert "e" not in found.of["a"] and found.of["e"] == []
    assert all(slug not in others for slug, others in found.of.items())


def test_at_equal_overlap_a_rarer_shared_feature_counts_more():
    features = {
        "a": ["country:IT", "theme:rare"],
        "b": ["country:IT"],
        "c": ["country:IT"],
        "d": ["theme:rare"],
    }
    assert related(list(features), features.get).of["a"] == ["d", "b", "c"]


def test_no_more_than_the_limit_and_ties_keep_the_given_order():
    items = [f"p{i}" for i in range(9)]
    found = related(items, lambda _item: ["theme:same"], limit=5)
    assert found.of["p0"] == ["p1", "p2", "p3", "p4", "p5"]
    assert found.of["p8"] == ["p0", "p1", "p2", "p3", "p4"]


def _synthetic(n: int) -> list[tuple[str, tuple[str, ...]]]:
    """Practices as the benchmark makes them: few themes and countries, so every
    posting list holds a large share of all practices (the worst case for pairs)."""
    rng = random.Random(n)
    return [(f"p{i:05d}", tuple(
        [f"theme:{t}" for t in rng.sample(["work", "inclusion", "reception"], 1)]
        + [f"country:{c}" for c in rng.sample(["IT", "ES", "FR", "BE", "DE", "GR"],
                                              rng.randint(1, 2))]))
            for i in range(n)]


def test_the_work_grows_linearly_with_the_number_of_practices():
    """Ten times the practices may cost at most fifteen times the work (a pass over
    all pairs would cost a hundred times); counted in candidates, not seconds."""
    small, large = _synthetic(1_000), _synthetic(10_000)
    work_small = related(small, lambda item: item[1]).work
    work_large = related(large, lambda item: item[1]).work
    assert work_large / work_small <= 15
    assert work_large <= 10_000 * 3 * (2 * WINDOW + 1)  # features per practice x window


def test_in_long_lists_the_neighbours_looked_at_are_the_most_alike():
    """Practices with the same features sort next to each other in every list, so a
    practice whose twin is far away in slug order still finds it."""
    items = [(f"p{i:04d}", ("theme:work", f"country:{'IT' if i % 2 else 'ES'}"))
             for i in range(500)]
    items.append(("z-twin", ("theme:work", "country:FR", "group:women")))
    items.append(("a-twin", ("theme:work", "country:FR", "group:women")))
    found = related(items, lambda item: item[1])
    assert found.of[items[-1]][0] == items[-2]
    assert found.of[items[-2]][0] == items[-1]
