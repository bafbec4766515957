"""A prebuilt lunr index for one language, cut into shards the browser loads on demand.

The index is an ordinary serialized lunr index, as lunr.py would write it
(`lunr.Index.load` reads it); the browser reads the same structure directly.
Fields and their boosts are the ranking policy's (ranking.py):

- `name`: the title's words as written, folded but not stemmed, each marked
  with a trailing `=` (`integrazione=`), and whole names marked `==`
  (`socialpay==` for "Social Pay" or "SocialPay"). A title that only shares a
  stem with the query is told apart from one that has its very word, and a
  query that is a page's name finds it. The marks sort right after the word,
  so a name term lies in the same shard as the word's stem, or the next one.
- `title`, `summary`, `body`: stems, with the position of each word (lunr
  metadata `p`; positions count every word, stop words too, and run on from
  summary to body), from which the browser scores phrases and proximity and
  cuts snippets around the best match.

A whole index grows with every posting of every page, so it is cut into
sorted ranges of terms: each shard is itself a valid serialized lunr index
holding some terms and the parts of the document vectors that belong to them.
A query word only needs the shard whose range holds it. A word's weight in
its shard equals its weight in the whole index, so ranking is unchanged.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from compendium.search.analysis import Lexicon, fold, words
from compendium.search.documents import SearchDocument
from compendium.search.ranking import FIELDS

LUNR_VERSION = "2.3.9"  # the vendored lunr.js, which loads these indexes
_K1, _B = 1.2, 0.75  # lunr's BM25 parameters
SHARD_BYTES = 10_000  # postings, positions, vectors, words per shard, about (a term may exceed it)
NAME_MARK = "="  # after a word in the name field; twice after a whole name


def name_terms(document: SearchDocument, lexicon: Lexicon) -> list[str]:
    """The name field: each title word as written (stop words aside), then whole names."""
    found = [f"{fold(word)}{NAME_MARK}" for word in words(document.title_text)
             if lexicon.term(word) is not None]
    found += [f"{''.join(fold(word) for word in words(name))}{NAME_MARK * 2}"
              for name in document.names]
    return [term for term in found if len(term) > len(NAME_MARK * 2)]


def field_terms(document: SearchDocument, lexicon: Lexicon) -> dict[str, dict[str, list[int]]]:
    """Each field's terms with the positions of their words ([] in the name field)."""
    fields: dict[str, dict[str, list[int]]] = {
        "name": {term: [] for term in name_terms(document, lexicon)}}
    fields["title"] = lexicon.positions(document.title_text)[0]
    start = 0
    for name, passages in (("summary", document.summary), ("body", document.body)):
        fields[name] = {}
        for passage in passages:
            found, count = lexicon.positions(passage.text, start)
            for term, positions in found.items():
                fields[name].setdefault(term, []).extend(positions)
            start += count
    return fields


def build_index(documents: Iterable[SearchDocument], lexicon: Lexicon) -> dict:
    """The serialized lunr index of the documents.

    The same dict lunr.py's `Builder(...).build().serialize()` gives for these
    terms, with positions as metadata (tests/test_search_index.py checks it),
    written directly: lunr.py's builder wraps every token in objects and
    copies, five times slower.
    """
    postings: dict[str, dict] = {}
    frequencies: list[tuple[str, str, Counter, int]] = []  # field, ref, term counts, length
    total_length: Counter = Counter()
    count = 0
    for document in documents:
        count += 1
        fields = field_terms(document, lexicon)
        for name, _boost in FIELDS:
            # In order of first occurrence, as lunr numbers terms.
            terms = fields[name]
            counts = Counter({term: len(positions) or 1 for term, positions in terms.items()})
            length = sum(counts.values())
            frequencies.append((name, document.ref, counts, length))
            total_length[name] += length
            for term, positions in terms.items():
                posting = postings.get(term)
                if posting is None:
                    posting = postings[term] = {field: {} for field, _ in FIELDS}
                    posting["_index"] = len(postings) - 1
                posting[name][document.ref] = {"p": positions} if positions else {}
    average = {name: total_length[name] / count for name, _ in FIELDS} if count else {}
    return {
        "version": LUNR_VERSION,
        "fields": [name for name, _ in FIELDS],
        "fieldVectors": _field_vectors(frequencies, postings, average, count),
        "invertedIndex": [[term, postings[term]] for term in sorted(postings)],
        "pipeline": [],  # queries are analysed by the lexicon (see analysis.py)
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
                _K1 * (1 - _B + _B * (length / (average[name] or 1))) + tf)
            score *= boosts[name]
            elements.append((postings[term]["_index"], round(score, 3)))
        elements.sort()
        vectors.append([f"{name}/{ref}", [value for pair in elements for value in pair]])
    return vectors


def document_frequencies(serialized: dict) -> dict[str, int]:
    """In how many pages each term occurs (any field)."""
    return {term: len({ref for field, refs in posting.items() if field != "_index"
                       for ref in refs})
            for term, posting in serialized["invertedIndex"]}


@dataclass(frozen=True)
class Shard:
    first: str  # the shortest prefix of its first key that sorts after the previous shard
    index: dict  # a serialized lunr index, with the lexicon's words of its range


def shard_index(serialized: dict, lexicon: dict[str, list] | None = None,
                max_bytes: int = SHARD_BYTES) -> list[Shard]:
    """Cut a serialized index into sorted ranges of keys; each loads with lunr.Index.load.

    Keys are the index's terms and the lexicon's words (`{word: [term, pages]}`),
    sorted together: the shard of a word's range says its term (in `words`, as
    the length of the word's prefix the term is, when it is one) and holds that
    term too, unless a range ends between them (a term is mostly a prefix of
    its words, and sorts just before them).
    """
    lexicon = lexicon or {}
    postings = dict(serialized["invertedIndex"])
    groups = _key_ranges(sorted(postings.keys() | lexicon.keys()), postings, lexicon, max_bytes)
    shard_of_term = {postings[key]["_index"]: number
                     for number, keys in enumerate(groups) for key in keys if key in postings}
    vectors: list[dict[str, list]] = [{} for _ in groups]
    for field_ref, vector in serialized["fieldVectors"]:
        for position in range(0, len(vector), 2):
            part = vectors[shard_of_term[vector[position]]]
            part.setdefault(field_ref, []).extend(vector[position:position + 2])
    shards = []
    previous = ""
    for keys, part in zip(groups, vectors, strict=True):
        index = {**serialized,
                 "invertedIndex": [[key, postings[key]] for key in keys if key in postings],
                 "fieldVectors": [list(item) for item in sorted(part.items())]}
        words = {key: _word_entry(key, *lexicon[key]) for key in keys if key in lexicon}
        if words:
            index["words"] = words
        shards.append(Shard(_boundary(previous, keys[0]), index))
        previous = keys[-1]
    return shards


def _word_entry(word: str, term: str, pages: int) -> list:
    """[term, pages]; the term as the length of the word's prefix when it is one."""
    return [len(term) if word.startswith(term) else term, pages]


def _key_ranges(keys: list[str], postings: dict, lexicon: dict, max_bytes: int) -> list[list]:
    """Consecutive keys, grouped up to about `max_bytes` of postings, vectors and words."""
    groups: list[list] = []
    size = max_bytes
    for key in keys:
        cost = len(key) + _cost(postings[key]) if key in postings else 0
        cost += len(key) + 8 if key in lexicon else 0
        if size + cost > max_bytes and (not groups or groups[-1]):
            groups.append([])
            size = 0
        groups[-1].append(key)
        size += cost
    return groups


def _cost(posting: dict) -> int:
    return 20 + sum(len(ref) + 18 + 4 * len(meta.get("p", ()))
                    for field, refs in posting.items() if field != "_index"
                    for ref, meta in refs.items())


def _boundary(previous: str, first: str) -> str:
    """The shortest prefix of `first` sorting after `previous`: keeps the manifest small."""
    for length in range(1, len(first) + 1):
        if first[:length] > previous:
            return first[:length]
    return first
