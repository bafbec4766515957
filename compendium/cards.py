"""Cards: what a list shows of each record, so that readers can choose without opening it.

A card is a record's title, a one- or two-sentence summary in the reader's
language and a few facts (for a practice: promoter, where, themes, period),
each a label with values that know their language (a value shown from another
language carries its own `lang`). Cards are built here, language-aware but
free of markup and links: templates draw them (overrides/compendium/_cards.html)
and the search index ships the same facts to the search page's script.

The summary is the record's `summary` field when it has one, else the opening
of its own text (the description), cut at the end of a sentence: the record's
words, never new ones.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import nh3
from markupsafe import Markup

from compendium import reads
from compendium.dataset import Record
from compendium.l10n import Localized, Localizer, localize
from compendium.safe_markdown import SafeMarkdown, plain_paragraphs

if TYPE_CHECKING:
    from compendium.site import SiteModel

SUMMARY_CHARS = 200  # about two lines of a card on a wide screen
BRIEF_CHARS = 110  # about one line: the related practices under a practice
# Where each kind's summary comes from, first found first.
SUMMARY_FIELDS = {
    "practice": ("summary", "description"),
    "project": ("summary", "description"),
    "workshop": ("summary",),
}
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


@dataclass(frozen=True)
class CardFact:
    """One line of a card: a label in the reader's language and its values."""

    key: str  # e.g. promoters, where, themes, period (CSS and tests tell them apart by it)
    label: str
    values: tuple[Localized, ...]


@dataclass(frozen=True)
class Card:
    record: Record
    title: Localized
    summary: Localized | None
    facts: tuple[CardFact, ...]



def opening(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first sentences of plain text that fit in `limit` characters; a first
    sentence longer than that is cut at a word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, limit + 1)]
    if ends and ends[-1] >= limit // 3:
        return text[:ends[-1]]
    cut = text.rfind(" ", 0, limit)
    return text[:cut if cut > 0 else limit].rstrip(" ,;:–-") + "…"


def brief(summary: Localized | None) -> Localized | None:
    """A card's summary cut to about one line, where a page shows several cards below
    its own text (a practice's related ones): enough to tell them apart."""
    if summary is None:
        return None
    return replace(summary, text=opening(summary.text, BRIEF_CHARS))


class CardMaker:
    """Cards of records for readers of one language.

    Cards are kept once made: a practice's card is drawn on many pages (the finder,
    its facet pages, other practices' related ones, the search index).
    """

    def __init__(self, site: SiteModel, l10n: Localizer, markdown: SafeMarkdown):
        self.site = site
        self.l10n = l10n
        self.lang = l10n.lang
        self._markdown = markdown
        self._cards: dict[tuple[str, str], tuple[Card, tuple]] = {}
        self._drawn: dict[tuple, tuple[Markup, tuple]] = {}

    def card(self, record: Record) -> Card:
        """`record`'s card. A card kept from an earlier page notes again what making it
        read (compendium.reads): each page that shows it depends on those fields."""
        key = (record.kind, record.slug)
        if key not in self._cards:
            with reads.reading() as read:
                card = self._make(record)
            self._cards[key] = (card, tuple(read))
        card, read = self._cards[key]
        reads.note_all(read)
        return card

    def _make(self, record: Record) -> Card:
        facts = getattr(self, f"_{record.kind}_facts", lambda _record: [])(record)
        return Card(record, self.site.title(record, self.lang), self.summary(record),
                    tuple(fact for fact in facts if fact is not None))

    def drawn(self, key: tuple, draw: Callable[[], str]) -> Markup:
        """A card as the template `draw`s it, drawn once per `key` (the record, its
        address from the page and how the list shows it): a practice's card is on the
        finder, on each of its facet pages, in the map's lists and its promoters' pages,
        and the same at the same depth of the site. Kept with what drawing it read, noted
        again for each page that shows it (compendium.reads)."""
        if key not in self._drawn:
            with reads.reading() as read:
                html = Markup(draw())
            self._drawn[key] = (html, tuple(read))
        html, read = self._drawn[key]
        reads.note_all(read)
        return html

    def data(self, record: Record) -> dict[str, Any]:
        """A record's card as plain data for a script (the search page draws it):
        summary, the language it is in and the notice when that is another, and the
        facts as [key, label, values joined]."""
        card = self.card(record)
        data: dict[str, Any] = {"facts": [
            [fact.key, fact.label, ", ".join(value.text for value in fact.values)]
            for fact in card.facts]}
        if card.summary:
            data["summary"] = card.summary.text
            if card.summary.fallback:
                data["summary_lang"] = card.summary.lang
                data["summary_note"] = self.l10n.t(
                    "notice.original_in", language=self.l10n.language(card.summary.lang))
        return data

    # -- summary -----------------------------------------------------------------
    def summary(self, record: Record) -> Localized | None:
        for name in SUMMARY_FIELDS.get(record.kind, ()):
            text = localize(record.get(name), self.lang, record.source_language)
            if text:
                words = opening(self._words(text.text))
                if words:
                    return Localized(words, text.lang, text.fallback)
        return None

    def _words(self, text: str) -> str:
        """Plain text of the first paragraphs of Markdown, enough to cut a summary from."""
        head = []
        for paragraph in re.split(r"\n[ \t]*\n", text.strip()):
            head.append(paragraph)
            if sum(len(part) for part in head) > 2 * SUMMARY_CHARS:
                break
        head_text = "\n\n".join(head)
        plain = plain_paragraphs(head_text)
        if plain is not None:
            return " ".join(plain)
        # Markdown as the words a reader sees: the safe renderer's output, without tags.
        return html.unescape(nh3.clean(str(self._markdown.render(head_text)), tags=set()))

    # -- facts of each kind ------------------------------------------------------------
    def _fact(self, key: str, label: str, values: list[Localized],
              missing: bool = False) -> CardFact | None:
        """A fact; when it has no value, 'not stated' if `missing`, else nothing."""
        if not values and missing:
            values = [self._text(self.l10n.t("cards.not_stated"))]
        return CardFact(key, self.l10n.t(label), tuple(values)) if values else None

    def _text(self, text: str) -> Localized:
        return Localized(text, self.lang, False)

    def _terms(self, vocabulary: str, ids: list[str] | None) -> list[Localized]:
        return [self.site.term(vocabulary, term_id, self.lang) for term_id in ids or []]

    def _titles(self, kind: str, slugs: list[str] | None) -> list[Localized]:
        found = (self.site.dataset.get(kind, slug) for slug in slugs or [])
        return [self.site.title(record, self.lang) for record in found if record is not None]

    def _countries(self, codes: list[str] | None) -> list[Localized]:
        return [self._text(self.l10n.country(code)) for code in codes or []]

    def years(self, period: dict | None) -> str | None:
        """A period in years: 2017–2019, 2019, since 2017, until 2014."""
        period = period or {}
        start, end = period.get("start"), period.get("end")
        if start and end:
            if start.year == end.year:
                return str(start.year)
            return f"{start.year}–{end.year}"
        if start:
            return self.l10n.t("cards.since", year=start.year)
        if end:
            return self.l10n.t("cards.until", year=end.year)
        return None

    def _period(self, record: Record, missing: bool) -> CardFact | None:
        years = self.years(record.get("period"))
        return self._fact("period", "cards.period", [self._text(years)] if years else [],
                          missing)

    def _practice_facts(self, practice: Record) -> list[CardFact | None]:
        territory = practice.get("territory") or {}
        places = (self._terms("cities", territory.get("cities"))
                  or self._terms("regions", territory.get("regions")))
        return [
            self._fact("promoters", "cards.promoters",
                       self._titles("organisation", practice.get("promoters"))),
            self._fact("where", "cards.where",
                       places + self._countries(territory.get("countries")), missing=True),
            self._fact("themes", "cards.themes", self._terms("themes", practice.get("themes")),
                       missing=True),
            self._period(practice, missing=True),
        ]

    def _project_facts(self, project: Record) -> list[CardFact | None]:
        programme = [project.programme] if project.get("programme") else []
        return [
            self._period(project, missing=False),
            self._fact("programme", "cards.programme", self._terms("programmes", programme)),
        ]

    def _workshop_facts(self, workshop: Record) -> list[CardFact | None]:
        date = workshop.get("date")
        place = self._terms("cities", [workshop.city] if workshop.get("city") else [])
        if workshop.get("format") == "online":
            place.append(self._text(self.l10n.t("format.online")))
        return [
            self._fact("date", "cards.date", [self._text(self.l10n.date(date))] if date else []),
            self._fact("where", "cards.where", place),
            self._fact("project", "cards.project",
                       self._titles("project", [workshop.project] if workshop.get("project")
                                    else [])),
        ]

    def _organisation_facts(self, organisation: Record) -> list[CardFact | None]:
        place = self._terms("cities", [organisation.city] if organisation.get("city") else [])
        if organisation.get("country"):
            place += self._countries([organisation.country])
        return [
            self._fact("type", "cards.type",
                       self._terms("organisation_types",
                                   [organisation.type] if organisation.get("type") else [])),
            self._fact("where", "cards.where", place),
        ]
