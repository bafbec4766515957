"""Which records a piece of work read: the dependencies of a rendered page.

A generated page is a function of the records its template reads (every field of
every record the view hands it), of what every page shares (templates, interface
strings, vocabularies, settings) and of the data's structure: which records exist,
the links between them and the facet values of practices, from which back-links,
facet pages and catalogues are derived rather than read record by record.
A preview that rebuilds the site after every save can then reuse a page while none
of these changed (compendium.fragments).

Records note every read here: of one field (`record.get("title")`, `record.title`,
`record["title"]`) or of all of them (`record.data`); `reading()` collects the notes
of one piece of work. A catalogue that shows titles is then not rendered again when
a description changes. Nothing is noted outside `reading()`, and the cost is one
context-variable lookup per read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_READS: ContextVar[set | None] = ContextVar("compendium_reads", default=None)


def note(record: Any, field: str | None = None) -> None:
    """`record`'s field `field` (None: every field) is being read (called by Record)."""
    reads = _READS.get()
    if reads is not None:
        reads.add((record, field))


def note_all(read: tuple) -> None:
    """Note again reads collected by `reading()` (work kept and reused by another page)."""
    reads = _READS.get()
    if reads is not None:
        reads.update(read)


@contextmanager
def reading() -> Iterator[set]:
    """Collect the records read in the block (nested blocks report to theirs only)."""
    reads: set = set()
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)
