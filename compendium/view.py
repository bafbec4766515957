"""What templates see: one page, in one language, with helpers to read records.

Templates never touch raw record data for anything that depends on the
reader's language; they ask the view, which resolves translations (with
fallbacks), vocabulary labels, links relative to the current page, and
groupings sorted in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from compendium.dataset import Record
from compendium.l10n import Localized, Localizer, localize
from compendium.markdown import SafeMarkdown, plain_paragraphs
from compendium.site import PageSpec, SiteModel, relative_url


@dataclass(frozen=True)
class Heading:
    """A section heading of a rendered page, for the table of contents."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Group:
    """A heading and the records under it, e.g. a country and its practices."""

    key: str
    label: Localized
    records: list[Record]


class PageView:
    def __init__(self, site: SiteModel, spec: PageSpec, l10n: Localizer,
                 markdown: SafeMarkdown, directory_urls: bool):
        self.site = site
        self.spec = spec
        self.lang = spec.lang
        self.l10n = l10n
        self._markdown = markdown
        self._directory_urls = directory_urls
        self.headings: list[Heading] = []

    def add_heading(self, anchor: str, text: str) -> str:
        """Record a section for the table of contents (templates call it as they go)."""
        self.headings.append(Heading(2, anchor, text))
        return ""

    # -- links -------------------------------------------------------------
    def url(self, record: Record) -> str:
        return relative_url(self.spec.dest_uri, self.site.record_dest(record, self.lang),
                            self._directory_urls)

    @staticmethod
    def tel_href(phone: str) -> str:
        """A dialable tel: URI for a phone number as the source writes it.

        "+39 (0) 657 299 11" dials as +3965729911: the Italian "(0)" is dropped
        after a country code, as are spaces and punctuation.
        """
        number = phone.replace("(0)", "") if phone.startswith("+") else phone
        return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")

    # -- text --------------------------------------------------------------
    def title(self, record: Record) -> Localized:
        return self.site.title(record, self.lang)

    def text(self, record: Record, path: str) -> Localized | None:
        """A translatable field (dotted path, e.g. `territory.notes`) for this reader."""
        value: Any = record.data
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return localize(value, self.lang, record.source_language)

    def localize(self, texts: dict[str, str] | None, source: str) -> Localized | None:
        return localize(texts, self.lang, source)

    def markdown(self, text: str) -> Markup:
        return self._markdown.render(text)

    @staticmethod
    def plain_paragraphs(text: str) -> list[str] | None:
        """The paragraphs of text that has no Markdown in it, else None.

        Most record fields are plain prose; templates print those directly
        (autoescaped) and keep the Markdown renderer for text that needs it.
        """
        return plain_paragraphs(text)

    def term(self, vocabulary: str, term_id: str) -> Localized:
        entry = self.site.dataset.term(vocabulary, term_id) or {}
        label = localize(entry.get("label"), self.lang, self.site.project.default_language)
        return label or Localized(term_id, self.lang, False)

    def record(self, kind: str, slug: str) -> Record | None:
        return self.site.dataset.get(kind, slug)

    def records(self, kind: str, slugs: Iterable[str]) -> list[Record]:
        """Records for slugs, skipping any that readers may not see."""
        found = (self.record(kind, slug) for slug in slugs)
        return [record for record in found if record is not None]

    # -- lists -------------------------------------------------------------
    def incoming(self, record: Record, kind: str, *paths: str) -> list[Record]:
        """Records of `kind` that refer to `record` through any of `paths` (or any field)."""
        return self.sorted(self.site.relations.to(record, kind, *paths))

    def sorted(self, records: Iterable[Record]) -> list[Record]:
        return sorted(records, key=lambda r: self.l10n.sort_key(self.title(r).text))

    def by_date(self, records: Iterable[Record]) -> list[Record]:
        """Oldest first; records without a date last, by title."""
        return sorted(self.sorted(records),
                      key=lambda r: (r.get("date") is None, r.get("date") or dt.date.min))

    def all(self, kind: str) -> list[Record]:
        return self.sorted(self.site.dataset.all(kind))

    def group_by(self, records: Iterable[Record], keys: Callable[[Record], list[str]],
                 label: Callable[[str], Localized], missing: str) -> list[Group]:
        """Records grouped under each of their keys; records without a key under `missing`."""
        buckets: dict[str, list[Record]] = {}
        for record in records:
            for key in keys(record) or [""]:
                buckets.setdefault(key, []).append(record)
        groups = [
            Group(key, label(key) if key else Localized(missing, self.lang, False),
                  self.sorted(members))
            for key, members in buckets.items()
        ]
        return sorted(groups, key=lambda g: (g.key == "", self.l10n.sort_key(g.label.text)))

    def by_country(self, practices: Iterable[Record]) -> list[Group]:
        return self.group_by(
            practices,
            lambda r: (r.get("territory") or {}).get("countries") or [],
            lambda code: Localized(self.l10n.country(code), self.lang, False),
            self.l10n.t("catalogue.no_country"),
        )

    def by_term(self, records: Iterable[Record], field: str, vocabulary: str,
                missing_key: str) -> list[Group]:
        def keys(record: Record) -> list[str]:
            value = record.get(field)
            return value if isinstance(value, list) else [value] if value else []

        return self.group_by(
            records,
            keys,
            lambda term_id: self.term(vocabulary, term_id),
            self.l10n.t(missing_key),
        )
