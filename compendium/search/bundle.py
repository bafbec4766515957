"""The files of one language's search: manifest, index shards and result fragments.

Everything is a script that hands its data to `compendiumSearch.receive(...)`
(defined by assets/compendium/search.js) rather than JSON: browsers refuse to
`fetch` files from disk, but load scripts from `file://` fine, so the same
files serve the online site and the offline copy.

- `manifest.js`: where each shard's range of terms starts, the query pipeline
  and the vendored scripts to load; small, and loaded only when the reader
  starts a search.
- `s-<hash>.js`: index shards (see index.py), named by content so that a
  browser never mixes shards of two builds.
- `f-<hash>/<ref>.js`: one fragment per page (URL, title, kind, text for the
  snippet), loaded only for the results on screen.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from compendium.l10n import Localizer
from compendium.safe_markdown import SafeMarkdown
from compendium.search.analysis import analyzer, browser_scripts
from compendium.search.documents import RecordText, SearchDocument, page_document
from compendium.search.index import build_index, shard_index
from compendium.search.refs import record_refs, ref_of
from compendium.urls import relative_url

if TYPE_CHECKING:
    from compendium.site import SiteModel

FOLDER = "search/data"  # under the language's folder: search/data/manifest.js
SNIPPET_CHARS = 2000  # text kept per page for result snippets


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

    def job(self) -> tuple[Callable[..., dict[str, str]], tuple]:
        """The output files as a function and its arguments, all picklable, so that
        another process may make them (compendium.jobs)."""
        documents = self.documents()
        kinds = {kind: self.l10n.t(f"kind.{kind}") for kind in {d.kind for d in documents}}
        return language_files, (documents, self.lang, kinds)

    def files(self) -> dict[str, str]:
        """Output files, by path under the language's folder."""
        make, args = self.job()
        return make(*args)


def language_files(documents: list[SearchDocument], lang: str,
                   kind_labels: dict[str, str]) -> dict[str, str]:
    """A language's output files, by path under its folder."""
    return {f"{FOLDER}/{name}": text
            for name, text in bundle(documents, lang, kind_labels).items()}


def bundle(documents: list[SearchDocument], lang: str, kind_labels: dict[str, str]) -> dict:
    """Manifest, shards and fragments for the documents of one language."""
    language = analyzer(lang)
    files: dict[str, str] = {}
    shards = []  # [first term, file]: a shard holds the terms up to the next one's first
    for shard in shard_index(build_index(documents, language)):
        data = _json(shard.index)
        name = f"s-{_digest(data)}.js"
        files[name] = _script("shard", name, data)
        shards.append([shard.first, name])
    fragments = {document.ref: _json(_fragment(document, kind_labels)) for document in documents}
    folder = f"f-{_digest(''.join(fragments.values()))}"
    for ref, data in fragments.items():
        files[f"{folder}/{ref}.js"] = _script("doc", ref, data)
    manifest = {
        "lang": lang,
        "count": len(documents),
        "shards": shards,
        "fragments": folder,
        "pipeline": list(language.query_pipeline),
        "scripts": list(browser_scripts(lang)),
    }
    files["manifest.js"] = _script("manifest", "manifest", _json(manifest))
    return files


def _fragment(document: SearchDocument, kind_labels: dict[str, str]) -> dict:
    text = "\n".join(part for part in (document.summary, document.body) if part)
    return {"url": document.url, "title": document.title,
            "kind": kind_labels.get(document.kind, document.kind),
            "text": text[:SNIPPET_CHARS]}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _script(kind: str, key: str, data: str) -> str:
    return f"compendiumSearch.receive({json.dumps(kind)},{json.dumps(key)},{data});\n"

