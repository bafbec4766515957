"""The files of one language's search: manifest, index shards and page fragments.

Everything is a script that hands its data to `compendiumSearch.receive(...)`
(defined by assets/compendium/search.js) rather than JSON: browsers refuse to
`fetch` files from disk, but load scripts from `file://` fine, so the same
files serve the online site and the offline copy.

- `manifest.js`: where each shard's range of terms starts, the lexicon (every
  word of the text with its term and how many pages hold it: queries are
  analysed, completed while typing and corrected from it), the ranking
  policy, the page types by id, the interface strings and where the other
  languages' searches are. Loaded when the reader starts a search.
- `s-<hash>/<n>.js`: index shards (see index.py), in a folder named by their
  content so that a browser never mixes shards of two builds; the manifest
  lists where each one's range starts.
- `f-<hash>/<ref>.js`: one fragment per page (URL, title, type and its first
  passages of text), loaded only for the results on screen; a long page's
  further passages are in `<ref>-1.js`, `<ref>-2.js`..., loaded only when the
  best match of a query lies there.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from compendium.l10n import Localizer
from compendium.safe_markdown import SafeMarkdown
from compendium.search.analysis import analyzer, browser_scripts, build_lexicon, words
from compendium.search.documents import Passage, RecordText, SearchDocument, page_document
from compendium.search.index import build_index, document_frequencies, shard_index
from compendium.search.ranking import KINDS, policy
from compendium.search.refs import record_refs, ref_of
from compendium.urls import relative_url

if TYPE_CHECKING:
    from compendium.site import SiteModel

FOLDER = "search/data"  # under the language's folder: search/data/manifest.js
CHUNK_CHARS = 1500  # text per fragment file, about (a passage is never cut)
# Interface strings the scripts use, under search. in locales/*.yml.
STRINGS = (
    "loading", "results_one", "results_other", "none", "missing", "empty", "error",
    "corrected", "instead", "other_language", "other_language_link", "stopwords",
    "too_long", "partial", "only_excluded", "showing", "types", "all", "suggestions",
    "suggestions_count", "no_suggestions", "see_all", "highlighted", "clear_highlight",
    "excluded",
)


@dataclass
class LanguageSearch:
    """Collects the pages of one language as they are built, then writes their index."""

    site: SiteModel
    l10n: Localizer
    markdown: SafeMarkdown
    directory_urls: bool
    pages: list[SearchDocument] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.l10n.lang

    def url(self, dest_uri: str) -> str:
        """Link to an output file from the language's home folder."""
        return relative_url(f"{self.site.prefix(self.lang)}index.html", dest_uri,
                            self.directory_urls)

    @cached_property
    def refs(self) -> dict:
        """Index ids of the record pages (see refs.record_refs)."""
        return record_refs(self.site.dataset)

    def add_page(self, dest_uri: str, title: str, content_html: str) -> None:
        """A hand-written page, as the front end rendered it."""
        ref = ref_of(len(self.refs) + len(self.pages))
        self.pages.append(page_document(ref, self.url(dest_uri), title, content_html))

    # Remembers each record's document for the next build while the fields it read are
    # unchanged (a preview's compendium.FragmentCache.value); None makes them all.
    remember: Callable[[tuple, Callable[[], SearchDocument]], SearchDocument] | None = None

    @cached_property
    def record_documents(self) -> list[SearchDocument]:
        text = RecordText(self.site, self.l10n, self.markdown)
        documents = []
        for record, ref in self.refs.items():
            url = self.url(self.site.dest("record", self.lang, record))
            make = lambda record=record, ref=ref, url=url: text.document(record, ref, url)  # noqa: E731
            documents.append(self.remember(("search", self.lang, record.kind, record.slug,
                                            ref, url), make) if self.remember else make())
        return documents

    def documents(self) -> list[SearchDocument]:
        return self.record_documents + self.pages

    def interface(self) -> dict:
        """What the scripts show: type names, strings, and the other languages' searches."""
        t = self.l10n.t
        kinds = {kind: {"one": t(f"kind.{kind}"), "other": t(f"search.type.{kind}")}
                 for kind in KINDS}
        strings = {key: t(f"search.{key}") for key in STRINGS}
        here = f"{self.site.prefix(self.lang)}{FOLDER}"
        home = f"{self.site.prefix(self.lang)}index.html"
        languages = {
            other: {"name": self.l10n.language(other),
                    "data": posixpath.relpath(f"{self.site.prefix(other)}{FOLDER}", here) + "/",
                    "search": relative_url(home, self.site.dest("search", other),
                                           self.directory_urls)}
            for other in self.site.project.languages if other != self.lang
        }
        return {"labels": kinds, "strings": strings, "languages": languages}

    def job(self) -> tuple[Callable[..., dict[str, str]], tuple]:
        """The output files as a function and its arguments, all picklable, so that
        another process may make them (compendium.jobs)."""
        return language_files, (self.documents(), self.lang, self.interface(), self.cards())

    def files(self) -> dict[str, str]:
        """Output files, by path under the language's folder."""
        make, args = self.job()
        return make(*args)

    def cards(self) -> dict[str, dict]:
        """The card of every record (compendium.cards), by ref: the search page shows
        results as the lists of the site do (issue 14)."""
        maker = self.site.cards(self.l10n, self.markdown)
        return {ref: maker.data(record) for record, ref in self.refs.items()}


def language_files(documents: list[SearchDocument], lang: str, interface: dict | None = None,
                   cards: dict[str, dict] | None = None) -> dict[str, str]:
    """A language's output files, by path under its folder."""
    return {f"{FOLDER}/{name}": text
            for name, text in bundle(documents, lang, interface, cards).items()}


def bundle(documents: list[SearchDocument], lang: str, interface: dict | None = None,
           cards: dict[str, dict] | None = None) -> dict:
    """Manifest, shards and fragments for the documents of one language."""
    language = analyzer(lang)
    lexicon = build_lexicon(language, _texts(documents))
    serialized = build_index(documents, lexicon)
    frequencies = document_frequencies(serialized)
    vocabulary = {word: [term, frequencies[term]] for word, term in lexicon.words.items()
                  if term in frequencies}
    files: dict[str, str] = {}
    shards = shard_index(serialized, vocabulary)
    data = [_json(shard.index) for shard in shards]
    shard_folder = f"s-{_digest(''.join(data))}"
    for number, text in enumerate(data):
        files[f"{shard_folder}/{number}.js"] = _script("shard", f"{shard_folder}/{number}", text)
    fragments = {f"{document.ref}{suffix}": _json(data) for document in documents
                 for suffix, data in _fragments(document, (cards or {}).get(document.ref))}
    words = _json(_lexicon_entries(vocabulary, lexicon.written))
    files[f"l-{_digest(words)}.js"] = _script("lexicon", f"l-{_digest(words)}", words)
    folder = f"f-{_digest(''.join(fragments.values()))}"
    for key, data in fragments.items():
        files[f"{folder}/{key}.js"] = _script("doc", f"{folder}/{key}", data)
    manifest = {
        "lang": lang,
        "count": len(documents),
        "shards": shard_folder,
        "firsts": [shard.first for shard in shards],  # a shard holds the keys up to the next
        "fragments": folder,
        "kinds": _kind_runs(documents),
        "lexicon": f"l-{_digest(words)}.js",
        "stopwords": " ".join(sorted(language.stopwords)),
        "stemmer": language.stemmer_label,
        "scripts": list(browser_scripts(lang)),
        "ranking": policy(),
        **(interface or {}),
    }
    files["manifest.js"] = _script("manifest", lang, _json(manifest))
    return files


def _texts(documents: list[SearchDocument]):
    for document in documents:
        yield document.title_text
        for passage in document.passages:
            yield passage.text


def _lexicon_entries(vocabulary: dict[str, list], written: dict[str, str]) -> list:
    """[term, pages holding it, "its words"], by term: the whole lexicon, which the
    browser loads to correct typos (showing the words as the text writes them)
    and to tell a word of another language."""
    by_term: dict[str, list[str]] = defaultdict(list)
    pages: dict[str, int] = {}
    for word, (term, count) in vocabulary.items():
        by_term[term].append(written.get(word, word))
        pages[term] = count
    return [[term, pages[term], " ".join(sorted(found))] for term, found in sorted(by_term.items())]


def _kind_runs(documents: list[SearchDocument]) -> list:
    """[first page id (as a number), type] for each run of pages of one type."""
    runs: list = []
    for document in documents:
        if not runs or runs[-1][1] != document.kind:
            runs.append([int(document.ref, 36), document.kind])
    return runs


def _fragments(document: SearchDocument, card: dict | None = None) -> list[tuple[str, dict]]:
    """The page's fragment (`""`) and its further chunks (`"-1"`, ...), each with its
    passages; the first says where each further chunk's words start, and holds the
    record's card when it has one."""
    chunks: list[list[Passage]] = [[]]
    starts: list[int] = [0]
    size = position = 0
    for passage in document.passages:
        if size >= CHUNK_CHARS:
            chunks.append([])
            starts.append(position)
            size = 0
        chunks[-1].append(passage)
        size += len(passage.text)
        position += len(words(passage.text))
    head = {"url": document.url, "title": document.title, "kind": document.kind,
            "text": [_passage(p) for p in chunks[0]]}
    if document.subtitle:
        head["subtitle"] = document.subtitle
    if card:  # issue 14: a record's card (summary, facts), drawn under the result
        head["card"] = card
    if len(chunks) > 1:
        head["more"] = starts[1:]
    return [("", head)] + [(f"-{number}", {"text": [_passage(p) for p in chunk]})
                           for number, chunk in enumerate(chunks[1:], 1)]


def _passage(passage: Passage) -> str | list[str]:
    return [passage.label, passage.text] if passage.label else passage.text


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _script(kind: str, key: str, data: str) -> str:
    return f"compendiumSearch.receive({json.dumps(kind)},{json.dumps(key)},{data});\n"
