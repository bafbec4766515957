"""A prebuilt lunr index for one language, cut into shards the browser loads on demand.

lunr.py builds one ordinary lunr index (lunr.js loads it with
`lunr.Index.load`, no index is built in the browser). A whole index grows
with every posting of every page, so it is cut by the first letters of its
terms: each shard is itself a valid serialized lunr index holding some terms
and the parts of the document vectors that belong to them. A query word only
needs the shard of its first letters; the browser ANDs the words' results.
A word's score in its shard equals its contribution in the whole index (lunr
scores by dot product with the document vector), so ranking is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from lunr.builder import Builder
from lunr.index import Index

from compendium.search.analysis import Analyzer
from compendium.search.documents import SearchDocument

# Field boosts: a word in the title weighs more than in the summary, more than in the body.
FIELDS = (("title", 10), ("summary", 4), ("body", 1))
PREFIX_LENGTH = 2  # shards are keyed by the first two letters of a term
SHARD_BYTES = 24_000  # adjacent small prefixes share a file up to about this size


def build_index(documents: Iterable[SearchDocument], analyzer: Analyzer) -> dict:
    """The serialized lunr index of the documents, with the browser's query pipeline."""
    serialized = build_lunr(documents, analyzer).serialize()
    serialized["pipeline"] = list(analyzer.query_pipeline)
    return serialized


def build_lunr(documents: Iterable[SearchDocument], analyzer: Analyzer) -> Index:
    """The lunr.py index of the documents (terms already analyzed: no lunr pipeline)."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for document in documents:
        builder.add({
            "ref": document.ref,
            **{name: analyzer.index_terms(getattr(document, name)) for name, _ in FIELDS},
        })
    return builder.build()


@dataclass(frozen=True)
class Shard:
    prefixes: tuple[str, ...]
    index: dict  # a serialized lunr index


def shard_index(serialized: dict, max_bytes: int = SHARD_BYTES) -> list[Shard]:
    """Cut a serialized index by term prefix; each piece loads with lunr.Index.load."""
    groups: list[list] = []  # [prefixes, entries, approximate size]
    for term, posting in serialized["invertedIndex"]:
        prefix = term[:PREFIX_LENGTH]
        size = len(term) + len(json.dumps(posting, separators=(",", ":")))
        last = groups[-1] if groups else None
        if last and (prefix in last[0] or last[2] + size <= max_bytes):
            if prefix not in last[0]:
                last[0].append(prefix)
            last[1].append([term, posting])
            last[2] += size
        else:
            groups.append([[prefix], [[term, posting]], size])
    vectors = {field_ref: vector for field_ref, vector in serialized["fieldVectors"]}
    return [Shard(tuple(prefixes), _sub_index(serialized, entries, vectors))
            for prefixes, entries, _ in groups]


def _sub_index(serialized: dict, entries: list, vectors: dict[str, list]) -> dict:
    """A serialized index with only `entries` and the vector parts they use."""
    term_indexes = {posting["_index"] for _, posting in entries}
    field_refs = {
        f"{field}/{ref}"
        for _, posting in entries
        for field in serialized["fields"]
        for ref in posting.get(field, {})
    }
    field_vectors = []
    for field_ref in sorted(field_refs):
        vector = vectors.get(field_ref, [])
        pairs = [vector[i:i + 2] for i in range(0, len(vector), 2)]
        kept = [value for pair in pairs if pair[0] in term_indexes for value in pair]
        field_vectors.append([field_ref, kept])
    return {**serialized, "fieldVectors": field_vectors, "invertedIndex": entries}
