"""One schema per record type and per controlled vocabulary.

The practice schema follows the seeds' best-practice summary sheet
("SCHEDA RIASSUNTIVA DELLA BUONA PRATICA" / "BEST PRACTICE SUMMARY SHEET"),
section by section. Translatable text is a `Text` (one entry per language);
language-neutral facts (dates, codes, numbers, references) are stored once.
Field order here is the order of `compendium new` scaffolds and of the pages.
"""

from __future__ import annotations

from collections.abc import Callable
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
    ObjectCheck,
    Phone,
    Ref,
    Str,
    Subdivision,
    Text,
    TranslationMarks,
    Url,
    period_in_order,
)
from compendium.record_checks import FieldPath, needs, same_in_every_language

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


def _source_notes(fields: Callable[[], dict[str, Field]]) -> ListOf:
    return ListOf(
        Object(
            {
                "field": FieldPath(fields, required=True,
                                   help="The field whose value differs from the source; "
                                        "readers see that field's name."),
                "source_says": Str(required=True, multiline=True, example="'31/09/14'",
                                   help="The source's text, verbatim."),
                "note": Text(required=True, help="What was recorded instead, and why."),
            }
        ),
        help="Errors and ambiguities of the source (every slip, see README 'Content'), "
             "and how they were read.",
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


def _record(fields: dict[str, Field], *checks: ObjectCheck) -> Object:
    """A record's schema: its own fields, then the links, provenance and notes all share."""
    every: dict[str, Field] = dict(fields)
    every.update({
        "links": _links(),
        "provenance": _provenance(),
        "source_notes": _source_notes(lambda: every),
        "translations": TranslationMarks(
            help="What each translation was made from; written by "
                 "`compendium translations mark`."),
    })
    return Object(every, checks=checks)


def _results() -> dict[str, Field]:
    return {
        "results": Text(markdown=True, help="RISULTATI FINORA RAGGIUNTI / RESULTS."),
        "results_kind": Choice(("achieved", "expected", "unstated"),
                               help="How the source presents the results: achieved so far "
                                    "(RISULTATI FINORA RAGGIUNTI), expected (the results "
                                    "will come), or unstated (a plain RESULTS heading)."),
    }


_RESULTS_KIND = needs("results", "results_kind", "achieved",
                      "whether the source gives them as achieved, expected or unstated")

PRACTICE = RecordType("practice", "practices", print_position=1, schema=_record({
    "source_language": Language(required=True, help="Language the source sheet is written in."),
    "title": Text(required=True, help="Name of the practice as the source gives it, the same "
                                      "in every language; a descriptive title only when the "
                                      "practice has no name of its own."),
    "title_translation": Text(original=False, help="A translation of the name in other "
                                                "languages, shown under it."),
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
        "regions": ListOf(_vocab("regions", "trento-province"),
                          help="Regions or provinces the source names as the territory "
                               "(data/vocabularies/regions.yml): a province is not a city."),
        "cities": ListOf(_vocab("cities", "florence"),
                         help="Cities the source names as the territory."),
        "notes": Text(markdown=True, help="TERRITORIO DI ATTUAZIONE, as written."),
    }, help="Where the practice is implemented."),
    "stakeholders": Text(markdown=True, help="SOGGETTI COINVOLTI / STAKEHOLDERS INVOLVED."),
    "stakeholder_organisations": ListOf(_org(), help="Stakeholders that have a record."),
    "beneficiaries": Text(markdown=True, help="DESTINATARI / BENEFICIARIES."),
    "target_groups": ListOf(_vocab("target_groups", "migrant-women")),
    "themes": ListOf(_vocab("themes", "employment")),
    **_results(),
    "future_perspectives": Text(markdown=True, help="PROSPETTIVE E OBIETTIVI FUTURI."),
    "transferability": Text(markdown=True, help="OPPORTUNITÀ DI TRASFERIBILITÀ."),
    "contacts": ListOf(_person(), help="PERSONA DI RIFERIMENTO / CONTACT PERSON."),
    "other_information": Text(markdown=True, help="ALTRO / OTHER."),
    "project": Ref("project", example="savoir-faire", help="The project that collected it."),
    "workshop": Ref("workshop", example="savoir-faire-florence-2019",
                    help="The workshop where it was presented."),
    "programmes": ListOf(_vocab("programmes", "amif"),
                         help="Funding programmes the sheet names for the practice or for "
                              "the projects it gave rise to."),
    "related_projects": ListOf(Ref("project", example="teams"),
                               help="Other projects the sheet names, that have a record."),
    "period": _period(ApproximateDate),
}, _RESULTS_KIND))

PROJECT = RecordType("project", "projects", print_position=2, schema=_record({
    "source_language": Language(required=True),
    "title": Text(required=True, help="Official name of the project as the source gives it, "
                                      "the same in every language."),
    "title_translation": Text(original=False, help="A translation of the name in other "
                                                "languages, shown under it."),
    "acronym": Str(example="MiStra"),
    "summary": Text(help="One or two sentences for lists and search results."),
    "programme": _vocab("programmes", "amif", help="Funding programme "
                                                   "(data/vocabularies/programmes.yml)."),
    "action": Text(help="Call, action or objective of the programme."),
    "reference": Str(help="Reference number given by the funder."),
    "period": _period(ApproximateDate),
    "budget": Object({
        "amount": Number(required=True),
        "currency": Choice(("EUR",), required=True),
        "note": Text(),
    }),
    "lead": _org(help="Lead organisation (capofila), when a source says it leads."),
    "presented_by": _org(help="The organisation that presents the project in the source "
                              "(e.g. a fiche's 'Name of institution'), when no source says "
                              "it leads it."),
    "partners": ListOf(_org()),
    "associated_partners": ListOf(_org(), help="Associated (e.g. foreign) partners."),
    "cities": ListOf(Object({
        "city": _vocab("cities", "catania", required=True),
        "role": _vocab("city_roles", "target-city"),
        "organisation": _org(help="Association or body that takes part with the city."),
    })),
    "description": Text(markdown=True),
    "scope": Text(help="Thematic scope, as the source words it."),
    "stage": Text(help="Stage of implementation, as the source gives it (and when)."),
    "problems": Text(markdown=True, help="Problems the project addresses."),
    "objectives": Text(markdown=True),
    "target_groups": ListOf(_vocab("target_groups", "migrants")),
    "target_groups_note": Text(help="Target groups as the source words them."),
    "themes": ListOf(_vocab("themes", "employment")),
    "methods": Text(markdown=True),
    "activities": Text(markdown=True),
    "deliverables": Text(markdown=True),
    **_results(),
    "contacts": ListOf(_person()),
}, _RESULTS_KIND, same_in_every_language("title", "title_translation")))

WORKSHOP = RecordType("workshop", "workshops", print_position=3, schema=_record({
    "source_language": Language(required=True),
    "title": Text(required=True),
    "summary": Text(),
    "type": _vocab("event_types", "workshop"),
    "project": Ref("project", required=True, example="savoir-faire"),
    "status": Choice(("held", "planned"),
                     help="held: the source reports it; planned: the source describes it as "
                          "planned or to come."),
    "date": Date(help="Left empty when the sources give none."),
    "format": Choice(("in-person", "online")),
    "city": _vocab("cities", "florence", help="Where it was held, or the host city online."),
    "venue": Str(),
    "platform": Str(example="Zoom", help="Online platform, for online events."),
    "participants": ListOf(Object({
        "organisation": _org(required=True),
        "role": Text(help="Its role at the event, as the source words it."),
    })),
    "speakers": ListOf(_person()),
    "programme": Text(markdown=True),
    "outcomes": Text(markdown=True),
}))

ORGANISATION = RecordType("organisation", "organisations", title_field="name",
                          schema=_record({
    "source_language": Language(required=True),
    "name": Text(required=True, help="Official name as the source gives it, the same in every "
                                     "language."),
    "name_translation": Text(original=False, help="A translation of the name in other "
                                                "languages, shown under it."),
    "acronym": Str(example="CIOFS-FP"),
    "type": _vocab("organisation_types", "public-authority",
                   help="What kind of body it is; left empty when nothing says."),
    "type_basis": Choice(("source", "inferred"),
                         help="source: a source says it (in words or in the name, e.g. "
                              "'Fundación'); inferred: the compendium's reading, shown as "
                              "such to readers."),
    "country": Country(),
    "city": _vocab("cities", "florence"),
    "website": Url(),
    "address": Str(multiline=True, example="1 Square de Meeûs, B-1000 Brussels"),
    "description": Text(markdown=True),
}, needs("type", "type_basis", "inferred", "whether a source states the type"),
   same_in_every_language("name", "name_translation")))

PERSON = RecordType("person", "people", title_field="name", print_position=4,
                    schema=_record({
    "source_language": Language(required=True),
    "name": Str(required=True, example="Federica Ruggiero"),
    "publish": Bool(required=True, help="false keeps this person off every page of the site."),
    "role": Text(),
    "organisation": _org(),
    "email": Email(),
    "phone": Phone(),
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
    "programmes": Object({"label": Text(required=True, help="The programme's official name "
                                                         "in each language.")}),
    "regions": Object({
        "label": _LABEL,
        "country": Country(required=True),
        "level": Choice(("region", "province"), required=True,
                        help="region: a region or autonomous community; province: a "
                             "province (e.g. the autonomous province of Trento)."),
        # Where the region lies, for the map only: a gazetteer fact, not a source's.
        "code": Subdivision(help="Its ISO 3166-2 code (IT-52 Tuscany, IT-TN the province "
                                 "of Trento, ES-AN Andalusia): the map shades its outline."),
    }),
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
