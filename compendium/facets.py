"""Facets of the practice finder: the ways readers narrow the list of practices.

A facet reads, from a practice, the values it has (ids, codes or years, the
same in every language); labels in the reader's language come from the view.
Every value also gets a static page per language, so readers without
JavaScript and search engines reach every filtered list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from compendium.dataset import Dataset, Record


@dataclass(frozen=True)
class Facet:
    key: str  # URL segment and query parameter: practices/<key>/<value>/, ?<key>=<value>
    label: str  # interface string of the facet's name
    values: Callable[[Dataset, Record], list[str]]
    vocabulary: str | None = None  # labels of values come from this vocabulary


def _territory(part: str) -> Callable[[Dataset, Record], list[str]]:
    return lambda _dataset, practice: list((practice.get("territory") or {}).get(part) or [])


def _listed(name: str) -> Callable[[Dataset, Record], list[str]]:
    return lambda _dataset, practice: list(practice.get(name) or [])


def _project(_dataset: Dataset, practice: Record) -> list[str]:
    return [practice.project] if practice.get("project") else []


def _promoter_types(dataset: Dataset, practice: Record) -> list[str]:
    promoters = (dataset.get("organisation", slug) for slug in practice.promoters)
    types = {promoter.get("type") for promoter in promoters if promoter is not None}
    return sorted(kind for kind in types if kind)


def _years(_dataset: Dataset, practice: Record) -> list[str]:
    """Every year the practice ran; a single known end is its only year."""
    period = practice.get("period") or {}
    start, end = period.get("start"), period.get("end")
    if start and end:
        return [str(year) for year in range(start.year, end.year + 1)]
    known = start or end
    return [str(known.year)] if known else []


FACETS: tuple[Facet, ...] = (
    Facet("country", "facet.country", _territory("countries")),
    # A region or a province is a territory of its own, not forced to its capital city.
    Facet("region", "facet.region", _territory("regions"), vocabulary="regions"),
    Facet("city", "facet.city", _territory("cities"), vocabulary="cities"),
    Facet("theme", "facet.theme", _listed("themes"), vocabulary="themes"),
    Facet("target-group", "facet.target_group", _listed("target_groups"),
          vocabulary="target_groups"),
    Facet("project", "facet.project", _project),
    Facet("programme", "facet.programme", _listed("programmes"), vocabulary="programmes"),
    Facet("promoter-type", "facet.promoter_type", _promoter_types,
          vocabulary="organisation_types"),
    Facet("year", "facet.year", _years),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}


def facet_values(dataset: Dataset) -> dict[str, dict[str, list[Record]]]:
    """For each facet, its values in use and the practices that have each."""
    found: dict[str, dict[str, list[Record]]] = {facet.key: {} for facet in FACETS}
    for practice in dataset.all("practice"):
        for facet in FACETS:
            for value in facet.values(dataset, practice):
                found[facet.key].setdefault(value, []).append(practice)
    return found


def value_slug(value: str) -> str:
    """The URL segment of a value: `IT` -> `it`; ids and years are slugs already."""
    return value.lower()
