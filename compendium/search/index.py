"""A prebuilt lunr index for one language, cut into shards the browser loads on demand.

The index is an ordinary serialized lunr index, as lunr.py would write it;
lunr.js loads it with `lunr.Index.load`, so no index is built in the browser.
A whole index grows with every posting of every page, so it is cut into
sorted ranges of terms: each shard is itself a valid serialized lunr index
holding some terms and the parts of the document vectors that belong to them.
A query word only needs the shard whose range holds it (a prefix, the few
whose ranges start with it); the browser ANDs the words' results. A word's
score in its shard equals its contribution in the whole index (lunr scores by
dot product with the document vector), so ranking is unchanged.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from compendium.search.analysis import Analyzer
from compendium.search.documents import SearchDocument

# Field boosts: a word in the title weighs more than in the summary, more than in the body.
FIELDS = (("title", 10), ("summary", 4), ("body", 1))
LUNR_VERSION = "2.3.9"  # the vendored lunr.js, which loads these indexes
_K1, _B = 1.2, 0.75  # lunr's BM25 parameters
SHARD_BYTES = 24_000  # postings and vectors per shard, about (a frequent term may exceed it)


def build_index(documents: Iterable[SearchDocument], analyzer: Analyzer) -> dict:
    """The serialized lunr index of the documents, with the browser's query pipeline.

    The same dict lunr.py's `Builder(...).build().serialize()` gives for these
    terms (tests/test_search_index.py checks it), written directly: lunr.py's
    builder wraps every token in objects and copies, five times slower.
    """
    postings: dict[str, dict] = {}
    frequencies: list[tuple[str, str, Counter, int]] = []  # field, ref, term counts, length
    total_length: Counter = Counter()
    count = 0
    for document in documents:
        count += 1
        for name, _boost in FIELDS:
            # In order of first occurrence, as lunr numbers terms.
            counts, length = analyzer.term_counts(getattr(document, name))
            frequencies.append((name, document.ref, counts, length))
            total_length[name] += length
            for term in counts:
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {field: {} for field, _ in FIELDS}
                    posting["_index"] = len(postings) - 1
                posting[name][document.ref] = {}
    average = {name: total_length[name] / count for name, _ in FIELDS} if count else {}
    return {
        "version": LUNR_VERSION,
        "fields": [name for name, _ in FIELDS],
        "fieldVectors": _field_vectors(frequencies, postings, average, count),
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": list(analyzer.query_pipeline),
    }


def _field_vectors(frequencies, postings: dict[str, dict], average: dict[str, float],
                   count: int) -> list:
    """BM25 weights per field and document, computed and rounded exactly as lunr does."""
    boosts = dict(FIELDS)
    idf: dict[str, float] = {}
    vectors = []
    for name, ref, counts, length in frequencies:
        elements = []
        for term, tf in counts.items():
            if term not in idf:
                with_term = sum(len(refs) for field, refs in postings[term].items()
                                if field != "_index")
                ratio = (count - with_term + 0.5) / (with_term + 0.5)
                idf[term] = math.log(1 + abs(ratio))
            score = idf[term] * ((_K1 + 1) * tf) / (
                _K1 * (1 - _B + _B * (length / average[name])) + tf)
            score *= boosts[name]
            elements.append((postings[term]["_index"], round(score, 3)))
        elements.sort()
        vectors.append([f"{name}/{ref}", [value for pair in elements for value in pair]])
    return vectors


@dataclass(frozen=True)
class Shard:
    first: str  # the shortest prefix of its first term that sorts after the previous shard
    index: dict  # a serialized lunr index


def shard_index(serialized: dict, max_bytes: int = SHARD_BYTES) -> list[Shard]:
    """Cut a serialized index into sorted ranges of terms; each loads with lunr.Index.load."""
    groups = _term_ranges(serialized["invertedIndex"], max_bytes)
    shard_of_term = {posting["_index"]: number
                     for number, entries in enumerate(groups) for _, posting in entries}
    vectors: list[dict[str, list]] = [{} for _ in groups]
    for field_ref, vector in serialized["fieldVectors"]:
        for position in range(0, len(vector), 2):
            part = vectors[shard_of_term[vector[position]]]
            part.setdefault(field_ref, []).extend(vector[position:position + 2])
    shards = []
    previous = ""
    for entries, part in zip(groups, vectors, strict=True):
        first = _boundary(previous, entries[0][0])
        shards.append(Shard(first, {**serialized, "invertedIndex": entries,
                                    "fieldVectors": [list(item) for item in sorted(part.items())]}))
        previous = entries[-1][0]
    return shards


def _term_ranges(inverted_index: list, max_bytes: int) -> list[list]:
    """Consecutive terms, grouped up to about `max_bytes` of postings and vectors each."""
    groups: list[list] = []
    size = max_bytes
    for term, posting in inverted_index:
        cost = len(term) + 20 + sum(
            len(ref) + 18 for field, refs in posting.items() if field != "_index" for ref in refs)
        if size + cost > max_bytes and (not groups or groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append([term, posting])
        size += cost
    return groups


def _boundary(previous: str, first: str) -> str:
    """The shortest prefix of `first` sorting after `previous`: keeps the manifest small."""
    for length in range(1, len(first) + 1):
        if first[:length] > previous:
            return first[:length]
    return first
