"""One schema per record type and per controlled vocabulary.

The practice schema follows the seeds' best-practice summary sheet
("SCHEDA RIASSUNTIVA DELLA BUONA PRATICA" / "BEST PRACTICE SUMMARY SHEET"),
section by section. Translatable text is a `Text` (one entry per language);
language-neutral facts (dates, codes, numbers, references) are stored once.
Field order here is the order of `compendium new` scaffolds and of the pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from compendium.fields import (
    ApproximateDate,
    Bool,
    Choice,
    Country,
    Date,
    Degrees,
    Email,
    Field,
    Language,
    ListOf,
    Number,
    Object,
    Phone,
    Ref,
    Str,
    Text,
    TranslationMarks,
    Url,
    period_in_order,
)

# Fields of every record that say nothing about its subject: left out of the
# search index's body (titles and summaries are indexed on their own).
NOT_SEARCHED = frozenset({"title", "name", "summary", "source_language", "publish",
                          "provenance", "source_notes", "links", "translations"})


@dataclass(frozen=True)
class RecordType:
    """A kind of record: where its files live, what they may contain, and how the
    site presents it. The order of RECORD_TYPES is the order of the catalogues (in
    the navigation, the search index and the open data).
    """

    kind: str  # singular, used in references and templates: "practice"
    folder: str  # under data/ and in URLs: "practices"
    schema: Object
    title_field: str = "title"  # the field that names a record (a Text, or a Str if untranslated)
    print_position: int | None = None  # part of the printed compendium, in order; None: left out
    searched: bool = True  # whether its pages are in the search index
    not_searched: frozenset[str] = NOT_SEARCHED  # fields left out of the index's body

    @property
    def heading(self) -> str:
        """Interface string naming the whole kind: its catalogue's title, its part of the PDF."""
        return f"catalogue.{self.folder}.title"


def _vocab(name: str, example: str, **kwargs) -> Ref:
    return Ref(name, vocabulary=True, example=example, **kwargs)


def _org(**kwargs) -> Ref:
    return Ref("organisation", example="anci-toscana", **kwargs)


def _person(**kwargs) -> Ref:
    return Ref("person", example="federica-ruggiero", **kwargs)


def _provenance() -> Object:
    return Object(
        {
            "source": _vocab("sources", "savoir-faire-report", required=True,
                             help="The source document (data/vocabularies/sources.yml)."),
            "other_sources": ListOf(_vocab("sources", "lecim-abstract"),
                                    help="Further documents the record also draws on."),
            "location": Text(required=True, example="{en: 'Best practice summary sheet SocialPay'}",
                             help="Where in the document: page, section or sheet."),
            "note": Text(markdown=True, help="Anything a reader should know about the source."),
        },
        required=True,
        help="Which source document this record comes from, and where.",
    )


def _source_notes() -> ListOf:
    return ListOf(
        Object(
            {
                "field": Str(required=True, example="period.end",
                             help="The field whose value differs from the source."),
                "source_says": Str(required=True, multiline=True, example="'31/09/14'",
                                   help="The source's text, verbatim."),
                "note": Text(required=True, help="What was recorded instead, and why."),
            }
        ),
        help="Errors and ambiguities of the source, and how they were read.",
    )


def _links() -> ListOf:
    return ListOf(
        Object({"url": Url(required=True), "label": Text(help="Link text; the URL if empty.")}),
        help="Web pages about this record.",
    )


def _period(date_field: type[Field]) -> Object:
    return Object(
        {"start": date_field(), "end": date_field()},
        checks=(period_in_order,),
        help="When it started and ended (either may be unknown).",
    )


_COMMON_TAIL = {
    "links": _links(),
    "provenance": _provenance(),
    "source_notes": _source_notes(),
    "translations": TranslationMarks(
        help="What each translation was made from; written by `compendium translations mark`."),
}

PRACTICE = RecordType("practice", "practices", print_position=3, schema=Object({
    "source_language": Language(required=True, help="Language the source sheet is written in."),
    "title": Text(required=True, help="Short name of the practice."),
    "summary": Text(help="One or two sentences for lists and search results."),
    "promoters": ListOf(_org(), min_items=1, required=True,
                        help="Promoting institutions (ENTE PROMOTORE / INSTITUTION)."),
    "promoters_note": Text(help="The promoter as the sheet words it, when that says more "
                                "than the organisations' names (a department, a pair)."),
    "subject": Text(required=True, help="OGGETTO DELLA BUONA PRATICA / SUBJECT."),
    "description": Text(markdown=True, required=True, help="DESCRIZIONE / DESCRIPTION."),
    "implementation_context": Text(markdown=True,
                                   help="IMPLEMENTATION CONTEXT AND TERRITORY, as written."),
    "territory": Object({
        "countries": ListOf(Country()),
        "regions": Text(help="Regions or provinces, as names readers know."),
        "cities": ListOf(_vocab("cities", "florence")),
        "notes": Text(markdown=True, help="TERRITORIO DI ATTUAZIONE, as written."),
    }, help="Where the practice is implemented."),
    "stakeholders": Text(markdown=True, help="SOGGETTI COINVOLTI / STAKEHOLDERS INVOLVED."),
    "stakeholder_organisations": ListOf(_org(), help="Stakeholders that have a record."),
    "beneficiaries": Text(markdown=True, help="DESTINATARI / BENEFICIARIES."),
    "target_groups": ListOf(_vocab("target_groups", "migrant-women")),
    "themes": ListOf(_vocab("themes", "employment")),
    "results": Text(markdown=True, help="RISULTATI FINORA RAGGIUNTI / RESULTS."),
    "future_perspectives": Text(markdown=True, help="PROSPETTIVE E OBIETTIVI FUTURI."),
    "transferability": Text(markdown=True, help="OPPORTUNITÀ DI TRASFERIBILITÀ."),
    "contacts": ListOf(_person(), help="PERSONA DI RIFERIMENTO / CONTACT PERSON."),
    "other_information": Text(markdown=True, help="ALTRO / OTHER."),
    "project": Ref("project", example="savoir-faire", help="The project that collected it."),
    "workshop": Ref("workshop", example="savoir-faire-florence-2019",
                    help="The workshop where it was presented."),
    "period": _period(ApproximateDate),
    **_COMMON_TAIL,
}))

PROJECT = RecordType("project", "projects", print_position=1, schema=Object({
    "source_language": Language(required=True),
    "title": Text(required=True, help="Full name of the project."),
    "acronym": Str(example="MiStra"),
    "summary": Text(help="One or two sentences for lists and search results."),
    "programme": Text(help="Funding programme, e.g. FAMI 2014-2020."),
    "action": Text(help="Action or objective of the programme."),
    "reference": Str(help="Reference number given by the funder."),
    "period": _period(ApproximateDate),
    "budget": Object({
        "amount": Number(required=True),
        "currency": Choice(("EUR",), required=True),
        "note": Text(),
    }),
    "lead": _org(help="Lead organisation (capofila)."),
    "partners": ListOf(_org()),
    "associated_partners": ListOf(_org(), help="Associated (e.g. foreign) partners."),
    "cities": ListOf(Object({
        "city": _vocab("cities", "catania", required=True),
        "role": _vocab("city_roles", "target-city"),
        "organisation": _org(help="Association or body that takes part with the city."),
    })),
    "description": Text(markdown=True),
    "problems": Text(markdown=True, help="Problems the project addresses."),
    "objectives": Text(markdown=True),
    "target_groups": ListOf(_vocab("target_groups", "migrants")),
    "target_groups_note": Text(help="Target groups as the source words them."),
    "themes": ListOf(_vocab("themes", "employment")),
    "methods": Text(markdown=True),
    "activities": Text(markdown=True),
    "deliverables": Text(markdown=True),
    "results": Text(markdown=True),
    "contacts": ListOf(_person()),
    **_COMMON_TAIL,
}))

WORKSHOP = RecordType("workshop", "workshops", print_position=2, schema=Object({
    "source_language": Language(required=True),
    "title": Text(required=True),
    "summary": Text(),
    "type": _vocab("event_types", "workshop"),
    "project": Ref("project", required=True, example="savoir-faire"),
    "date": Date(help="Left empty when the sources give none."),
    "format": Choice(("in-person", "online")),
    "city": _vocab("cities", "florence", help="Where it was held, or the host city online."),
    "venue": Str(),
    "platform": Str(example="Zoom", help="Online platform, for online events."),
    "participants": ListOf(_org()),
    "speakers": ListOf(_person()),
    "programme": Text(markdown=True),
    "outcomes": Text(markdown=True),
    **_COMMON_TAIL,
}))

ORGANISATION = RecordType("organisation", "organisations", title_field="name", schema=Object({
    "source_language": Language(required=True),
    "name": Text(required=True, help="Name as the organisation uses it in each language."),
    "acronym": Str(example="CIOFS-FP"),
    "type": _vocab("organisation_types", "public-authority",
                   help="Left empty when the sources do not say."),
    "country": Country(),
    "city": _vocab("cities", "florence"),
    "website": Url(),
    "address": Str(multiline=True, example="1 Square de Meeûs, B-1000 Brussels"),
    "description": Text(markdown=True),
    **_COMMON_TAIL,
}))

PERSON = RecordType("person", "people", title_field="name", print_position=4,
                    schema=Object({
    "source_language": Language(required=True),
    "name": Str(required=True, example="Federica Ruggiero"),
    "publish": Bool(required=True, help="false keeps this person off every page of the site."),
    "role": Text(),
    "organisation": _org(),
    "email": Email(),
    "phone": Phone(),
    **_COMMON_TAIL,
}))

RECORD_TYPES: dict[str, RecordType] = {
    t.kind: t for t in (PRACTICE, PROJECT, WORKSHOP, ORGANISATION, PERSON)
}

# Controlled vocabularies: data/vocabularies/<name>.yml maps ids to entries.
_LABEL = Text(required=True, help="The label readers see, per language.")

VOCABULARIES: dict[str, Object] = {
    "themes": Object({"label": _LABEL}),
    "target_groups": Object({"label": _LABEL}),
    "organisation_types": Object({"label": _LABEL}),
    "city_roles": Object({"label": _LABEL}),
    "event_types": Object({"label": _LABEL}),
    "cities": Object({
        "label": _LABEL,
        "country": Country(required=True),
        # Where the city lies, for the map only: a gazetteer fact, not a source's.
        "lat": Degrees(90, help="Latitude of the city centre (WGS 84, degrees north)."),
        "lon": Degrees(180, help="Longitude of the city centre (WGS 84, degrees east)."),
    }),
    "sources": Object({
        "title": Str(required=True, help="The document's own title, in its language."),
        "file": Str(required=True, help="The file under shared/seeds/ it was read from."),
        "languages": ListOf(Language(), min_items=1, required=True),
        "description": Text(required=True),
    }),
}
