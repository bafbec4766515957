"""Generated pages of earlier builds, reused while nothing they depend on has changed.

For a front end that builds the same site again and again: a preview (`make serve`)
rebuilds after every save, where one record changed and a thousand pages did not. A
page rendered before is reused when, since then,

- what every page depends on is unchanged (`SharedInputs`): the project's settings
  (compendium.yml), the templates, the interface strings, the vocabularies, the
  build's settings, and the structure of
  the data: which records exist, every reference between records or to a
  vocabulary, and the facet values of practices, from which back-links, facet pages,
  the map and the catalogues' groups are derived rather than read record by record;
- and every field it read has the same value (compendium.reads notes the reads,
  field by field, or whole records).

Rendering it again would then give the same page, so reusing it is invisible
(tests/test_incremental.py builds after edits and compares with a fresh build, byte
for byte). Derived data cached on the site model must therefore depend on that
structure only; a page type that reads anything else (the translation status reads
the hand-written pages too) declares `reusable = False` and is always rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compendium.dataset import Dataset
from compendium.facets import FACETS
from compendium.fields import Field, ListOf, Object, Ref
from compendium.loader import Compendium
from compendium.pages import PAGE_TYPES, PageSpec
from compendium.reads import reading
from compendium.render import RenderedPage
from compendium.schemas import RECORD_TYPES
from compendium.settings import BuildSettings

Reads = tuple[tuple[str, str, str, str], ...]  # kind, slug, field ("": all), fingerprint


@dataclass(frozen=True)
class _Entry:
    shared: str
    reads: Reads
    page: Any  # a RenderedPage, or another value made from records


class FragmentCache:
    """Rendered pages by output file, with what they were rendered from."""

    def __init__(self) -> None:
        self._entries: dict[tuple, _Entry] = {}
        self._files: dict[str, tuple[str, dict[str, str]]] = {}
        self._shared: tuple[int, str, str] | None = None  # id(compendium), settings, digest
        self.reused = 0  # pages reused since the cache was made (for benchmarks and tests)

    def render(self, spec: PageSpec, compendium: Compendium, settings: BuildSettings,
               render: Callable[[], RenderedPage]) -> RenderedPage:
        """The page of `spec`, reused or rendered by `render` (and remembered)."""
        if not PAGE_TYPES[spec.type].reusable:
            return render()
        return self.value(("page", spec.dest_uri, spec.template), compendium, settings, render)

    def value(self, key: tuple, compendium: Compendium, settings: BuildSettings,
              make: Callable[[], Any]) -> Any:
        """Whatever `make` computes from records (a page, the text a search index holds
        of a record), reused while the fields it read and the shared inputs are
        unchanged. `key` names it among all the values this cache holds."""
        shared = self.shared(compendium, settings)
        entry = self._entries.get(key)
        if entry is not None and entry.shared == shared and _unchanged(
                entry.reads, compendium.site.dataset):
            self.reused += 1
            return entry.page
        with reading() as records:
            value = make()
        reads = tuple(sorted((r.kind, r.slug, field or "", r.field_fingerprint(field))
                             for r, field in records))
        self._entries[key] = _Entry(shared, reads, value)
        return value

    def files(self, name: str, inputs: str, make: Callable[[], dict[str, str]]
              ) -> dict[str, str]:
        """Files that are not pages (a language's search index, the open data), made by
        `make` from `inputs` (a text that holds all they depend on), reused while those
        inputs are unchanged."""
        digest = hashlib.sha256(inputs.encode()).hexdigest()
        found = self._files.get(name)
        if found is not None and found[0] == digest:
            self.reused += 1
            return found[1]
        made = make()
        self._files[name] = (digest, made)
        return made

    def shared(self, compendium: Compendium, settings: BuildSettings) -> str:
        """The digest of what every page depends on, computed once per compendium."""
        if self._shared is None or self._shared[:2] != (id(compendium), repr(settings)):
            digest = SharedInputs(compendium).digest(repr(settings))
            self._shared = (id(compendium), repr(settings), digest)
        return self._shared[2]


def _unchanged(reads: Reads, dataset: Dataset) -> bool:
    for kind, slug, field, fingerprint in reads:
        record = dataset.get(kind, slug)
        if record is None or record.field_fingerprint(field or None) != fingerprint:
            return False
    return True


class SharedInputs:
    """What every generated page depends on besides the records it reads."""

    def __init__(self, compendium: Compendium):
        self.project = compendium.project
        self.dataset = compendium.site.dataset

    def digest(self, settings: str) -> str:
        sha = hashlib.sha256((settings + repr(self.project)).encode())
        for folder in (self.project.templates_dir, self.project.locales_dir):
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                sha.update(_file_entry(path, folder))
        sha.update(repr(sorted(self.dataset.vocabularies.items())).encode())
        for part in self.structure():
            sha.update(repr(part).encode())
        return sha.hexdigest()

    def structure(self) -> Iterator[Any]:
        """Every record by kind and slug, in order, with its references and, for a
        practice, its facet values."""
        for kind, by_slug in self.dataset.records.items():
            schema = RECORD_TYPES[kind].schema
            for slug, record in by_slug.items():
                data = record.__dict__["_data"]  # not a read of any page
                yield kind, slug, list(_references(data, schema))
        for practice in self.dataset.all("practice"):
            yield [facet.values(self.dataset, practice) for facet in FACETS]


def _file_entry(path: Path, folder: Path) -> bytes:
    return path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"


def _references(value: Any, spec: Field, path: str = "") -> Iterator[tuple[str, str, Any]]:
    """(field path, target, value) of every reference, to records and to vocabularies."""
    if value is None:
        return
    if isinstance(spec, Ref):
        yield path, spec.target, value
    elif isinstance(spec, ListOf):
        for item in value:
            yield from _references(item, spec.item, path)
    elif isinstance(spec, Object):
        for name, sub in spec.fields.items():
            yield from _references(value.get(name), sub, f"{path}.{name}" if path else name)
