"""Record pages: one page per published record, in every language, out of the navigation.

The template is the record's kind (`practice.html`, `project.html`, ...); the
page lives at `<record type folder>/<slug>/`. Catalogue pages link them: no
page grows with the number of records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from compendium.dataset import Record
from compendium.l10n import Localized
from compendium.page_meta import first_paragraph
from compendium.pages.base import PageSpec, PageType, PageView
from compendium.related import practice_features
from compendium.schemas import RECORD_TYPES
from compendium.structured_data import record_page

if TYPE_CHECKING:
    from compendium.site import SiteModel


@dataclass(frozen=True)
class Crumb:
    label: Localized
    url: str | None  # None: the page itself


@dataclass(frozen=True)
class Citation:
    """How to cite a record's page (overrides/compendium/cite.html)."""

    title: Localized
    site_name: str
    publisher: str | None  # compendium.yml's publisher.name, when set
    year: int | None
    url: str  # absolute
    accessed: str  # the build's date, in the reader's language; the page's script
    accessed_iso: str  # puts the reader's own date of access in its place
    licence: dict[str, str] | None


class RecordView(PageView):
    def page_title(self) -> Localized:
        """A record's title (or name), in the reader's language when it has one."""
        return self.title(self.spec.record)

    @property
    def on_screen(self) -> bool:
        """False when the record is rendered for the printed compendium (its PDF), which
        has no breadcrumb, related practices or scripts."""
        return not self.spec.dest_uri.endswith(".pdf")

    def breadcrumb(self) -> list[Crumb]:
        """Home › the record type's catalogue › this record, in the reader's language."""
        record = self.spec.record
        record_type = RECORD_TYPES[record.kind]
        return [
            Crumb(self._plain(self.l10n.t("site.home")),
                  self.url_to(f"{self.site.prefix(self.lang)}index.html")),
            Crumb(self._plain(self.l10n.t(record_type.heading)),
                  self.page_url("catalogue", record_type.folder)),
            Crumb(self.page_title(), None),
        ]

    def _plain(self, text: str) -> Localized:
        return Localized(text, self.lang, False)

    def related(self) -> list[tuple[Record, list[Localized]]]:
        """Practices that share most with this one (compendium.related), best first, each
        with what they share: themes, target groups, countries, in the reader's words."""
        mine = set(practice_features(self.spec.record))
        return [(other, [self._feature_label(feature) for feature in practice_features(other)
                         if feature in mine])
                for other in self.site.related.get(self.spec.record, [])]

    def _feature_label(self, feature: tuple[str, str]) -> Localized:
        return self.facet_label(*feature)

    def involvements(self, kind: str, *paths: str) -> list[tuple[Record, list[str]]]:
        """Records of `kind` that refer to this record through any of `paths`, each once,
        with its roles: the fields that refer to it, named in `roles.<field>`."""
        roles: dict[Record, list[str]] = {}
        for path in paths:
            label = self.l10n.t(f"roles.{path.replace('.', '_')}")
            for other in self.incoming(self.spec.record, kind, path):
                roles.setdefault(other, []).append(label)
        return [(other, roles[other]) for other in self.sorted(roles)]

    def summary(self) -> str | None:
        """What the record is, in a sentence or two: its summary, else the first
        paragraph of its description (as plain text); None when it has neither."""
        record = self.spec.record
        fields = RECORD_TYPES[record.kind].schema.fields
        for name in ("summary", "description"):
            loc = self.text(record, name) if name in fields else None
            if loc:
                plain = self.plain_paragraphs(loc.text)  # no Markdown to render: as it would
                if plain is not None:  # come out of it, <p> by <p>
                    return " ".join(plain[0].split()) or None
                return first_paragraph(str(self.markdown(loc.text))) or None
        return None

    def description(self, lead: str) -> str:
        """The summary; for a record without one, its kind, name and first facts
        ('Contact person: Ana Ruiz. Project officer, Ayuntamiento de Sevilla.')."""
        summary = self.summary()
        if summary:
            return summary
        record = self.spec.record
        facts = [fact for fact in self._facts(record) if fact]
        text = f"{self.l10n.t('kind.' + record.kind)}: {self.title(record).text}."
        return f"{text} {', '.join(facts)}." if facts else text

    def _facts(self, record: Record) -> list[str | None]:
        if record.kind == "person":
            role = self.text(record, "role")
            org = self.record("organisation", record["organisation"]) \
                if record.get("organisation") else None
            return [role.text if role else None, self.title(org).text if org else None]
        city = record.get("city")
        country = record.get("country")
        kind = ("organisation_types", record.get("type")) if record.kind == "organisation" \
            else ("event_types", record.get("type"))
        return [self.term(*kind).text if kind[1] else None,
                self.term("cities", city).text if city else None,
                self.l10n.country(country) if country else None]

    def citation(self) -> Citation | None:
        """The page's citation; None when the build does not know the site's address
        (the printed compendium), since a citation without one is of no use."""
        url = self.absolute_url(self.spec.dest_uri)
        if not url:
            return None
        date = self.settings.build_date
        project = self.site.project
        return Citation(self.page_title(), self.site_name, project.publisher.name,
                        date.year if date else None, url,
                        self.l10n.date(date) if date else "",
                        date.isoformat() if date else "", project.data_licence)

    def structured_data(self) -> dict[str, Any]:
        """The page's schema.org JSON-LD (compendium.structured_data)."""
        return record_page(self)


class RecordPages(PageType):
    name = "record"
    view = RecordView

    def dest(self, prefix: str, record: Record) -> str:
        return f"{prefix}{RECORD_TYPES[record.kind].folder}/{record.slug}/index.html"

    def spec(self, lang: str, record: Record, dest_uri: str) -> PageSpec:
        """The page of one record, written to `dest_uri` (its page, or the PDF)."""
        return PageSpec(lang, self.name, f"{record.kind}.html", RECORD_TYPES[record.kind].folder,
                        dest_uri, record=record)

    def specs(self, site: SiteModel, lang: str) -> Iterator[PageSpec]:
        prefix = site.prefix(lang)
        for record_type in RECORD_TYPES.values():
            for record in site.dataset.all(record_type.kind):
                yield self.spec(lang, record, self.dest(prefix, record))


PAGE_TYPE = RecordPages()
