"""Links between records, read from the schemas rather than listed by hand.

Every `Ref` field of every schema is a link. Walking the schema finds them, so
a field added to a schema is linked both ways (and hidden people disappear
from it) without touching this module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from compendium.dataset import Dataset, Record
from compendium.fields import Field, ListOf, Object, Ref
from compendium.schemas import RECORD_TYPES


def iter_references(value: Any, spec: Field, path: str = "") -> Iterator[tuple[str, str, str]]:
    """(target kind, slug, field path) for every record reference in a value.

    List indices are left out of the path: `cities.organisation`, not
    `cities[2].organisation`, because pages group back-links by field.
    """
    if value is None:
        return
    if isinstance(spec, Ref) and not spec.vocabulary:
        yield spec.target, value, path
    elif isinstance(spec, ListOf):
        for item in value:
            yield from iter_references(item, spec.item, path)
    elif isinstance(spec, Object):
        for name, sub in spec.fields.items():
            yield from iter_references(value[name], sub, f"{path}.{name}" if path else name)


def _without(value: Any, spec: Field, hidden: set[tuple[str, str]]) -> Any:
    """A copy of `value` with references to hidden records removed (None if it was one)."""
    if value is None:
        return None
    if isinstance(spec, Ref) and not spec.vocabulary:
        return None if (spec.target, value) in hidden else value
    if isinstance(spec, ListOf):
        items = (_without(item, spec.item, hidden) for item in value)
        return [item for item in items if item is not None]
    if isinstance(spec, Object):
        return {name: _without(value[name], sub, hidden) for name, sub in spec.fields.items()}
    return value


def published(dataset: Dataset) -> Dataset:
    """The dataset readers may see: people with `publish: false` are gone without trace.

    They are removed as records *and* from every field that referred to them,
    so no page, list, index or data file built from the result can mention them.
    """
    hidden = {("person", p.slug) for p in dataset.all("person") if not p.get("publish")}
    records: dict[str, dict[str, Record]] = {}
    for kind, by_slug in dataset.records.items():
        schema = RECORD_TYPES[kind].schema
        records[kind] = {
            slug: _published(record, schema, hidden)
            for slug, record in by_slug.items()
            if (kind, slug) not in hidden
        }
    return Dataset(records=records, vocabularies=dataset.vocabularies)


def _published(record: Record, schema: Field, hidden: set[tuple[str, str]]) -> Record:
    """The record without its references to hidden records; the record itself when it
    has none (so that a preview keeps its fingerprints from one build to the next)."""
    data = _without(record.data, schema, hidden)
    return record if data == record.data else replace(record, data=data)


@dataclass
class Relations:
    """Back-links: which records point at a record, grouped by kind and field."""

    _incoming: dict[tuple[str, str], dict[tuple[str, str], list[Record]]]

    @classmethod
    def of(cls, dataset: Dataset) -> Relations:
        # Buckets are dicts used as ordered sets: a thousand practices naming one
        # promoter must not cost a million comparisons.
        incoming: dict = defaultdict(lambda: defaultdict(dict))
        for kind, by_slug in dataset.records.items():
            schema = RECORD_TYPES[kind].schema
            for record in by_slug.values():
                for target, slug, path in iter_references(record.data, schema):
                    incoming[(target, slug)][(kind, path)][record] = None
        return cls(incoming)

    def to(self, record: Record, kind: str, *paths: str) -> list[Record]:
        """Records of `kind` referring to `record` through any of the fields `paths`
        (through any field at all when none is given), each once."""
        found: dict[Record, None] = {}
        for (source_kind, path), records in self._incoming.get(
            (record.kind, record.slug), {}
        ).items():
            if source_kind == kind and (not paths or path in paths):
                found.update(records)
        return list(found)
