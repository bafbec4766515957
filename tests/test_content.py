"""The compendium's content: everything the seeds hold, in all three languages.

Builds the repository itself (real data, real hand-written pages) once, and fails
when a project, practice, workshop or contact person of the sources is missing in
any language, or when a translatable field lacks a language without being marked
as "not translated yet" (`es: ~`).
"""

from __future__ import annotations

import json
from pathlib import Path

import phonenumbers
import pytest

from compendium import phones
from compendium.dataset import load_dataset
from compendium.fields import ListOf, Object, Text
from compendium.l10n import load_catalogues
from compendium.labels import label_key
from compendium.project import Project
from compendium.schemas import RECORD_TYPES, VOCABULARIES
from tests.conftest import REPO
from tests.helpers import LANGUAGES, PREFIX, page, text

pytestmark = pytest.mark.slow
LANGS = LANGUAGES
PROJECTS = ["lecim", "mistra", "savoir-faire", "inclucities",
            "teams", "commit", "soft-ii", "nexos"]  # the last four are named in the sheets
PRACTICES = [
    "accoglienza-toscana-libro-bianco", "trento-integrated-communication", "cinformi",
    "socialpay", "smart-volunteering", "andalucia-integra",
    "nuevos-senderos-viviendas-solidarias", "disc", "mentorasteam", "rec", "vamos",
    "voices-of-immigrant-women",
]
WORKSHOPS = [
    "savoir-faire-florence-2019", "savoir-faire-seville-2021", "lecim-local-workshops",
    "lecim-study-visits", "lecim-training-seminars", "inclucities-study-visit-1",
    "inclucities-study-visit-2", "inclucities-study-visit-3", "inclucities-training-academies",
    "mistra-local-empowerment-workshops", "mistra-bilateral-visits",
    "mistra-transnational-study-visits", "mistra-final-conference",
]
PEOPLE = [
    "federica-ruggiero", "alessandro-salvi", "giuditta-giunti", "andrea-cagol", "anna-eccher",
    "gian-paolo-marras", "pablo-morales", "adolfo-paton", "javier-perez", "juan-guerrero",
    "fabiola-ortega-de-mora", "maria-teresa-terron-caro", "maria-del-mar-ahumada",
    "barbara-kuznik",
]
PAGES = ([f"projects/{s}/" for s in PROJECTS] + [f"practices/{s}/" for s in PRACTICES]
         + [f"workshops/{s}/" for s in WORKSHOPS] + [f"people/{s}/" for s in PEOPLE])


@pytest.fixture(scope="module")
def site(content_site) -> Path:
    return content_site


@pytest.fixture(scope="module")
def dataset():
    data, log = load_dataset(Project.load(REPO))
    assert log.lines() == []
    return data


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_every_record_of_the_sources_is_on_the_site_in_every_language(site, lang, path):
    soup = page(site, lang, path)
    assert soup.html["lang"] == lang
    heading = soup.select_one("article h1")
    assert heading.select("[lang]") == [], f"{path} has no title in {lang}"
    assert soup.select_one("article #source"), f"{path} shows no provenance"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "about/", "using/"])
def test_hand_written_pages_exist_in_every_language(site, lang, path):
    soup = page(site, lang, path)
    assert not soup.select(".cmp-fallback"), f"{path} is not translated into {lang}"


def test_counts(dataset):
    assert sorted(r.slug for r in dataset.all("project")) == sorted(PROJECTS)
    assert sorted(r.slug for r in dataset.all("practice")) == sorted(PRACTICES)
    assert sorted(r.slug for r in dataset.all("workshop")) == sorted(WORKSHOPS)
    assert sorted(r.slug for r in dataset.all("person")) == sorted(PEOPLE)


def _missing_languages(value, spec, path: str):
    """(field path, language) for every translatable text lacking a language entirely."""
    if value is None:
        return
    if isinstance(spec, Text) and spec.original:  # a name's translations may leave some out
        for lang in LANGS:
            if lang not in value:  # None (explicitly untranslated) is fine, absence is not
                yield path, lang
    elif isinstance(spec, ListOf):
        for index, item in enumerate(value):
            yield from _missing_languages(item, spec.item, f"{path}[{index}]")
    elif isinstance(spec, Object):
        for name, sub in spec.fields.items():
            yield from _missing_languages(value[name], sub, f"{path}.{name}" if path else name)


def test_every_translatable_field_has_every_language(dataset):
    missing = [
        f"{record.path}: {field}.{lang}"
        for kind, record_type in RECORD_TYPES.items()
        for record in dataset.all(kind)
        for field, lang in _missing_languages(record.data, record_type.schema, "")
    ]
    missing += [
        f"vocabularies/{name}: {term}.{field}.{lang}"
        for name, schema in VOCABULARIES.items()
        for term, entry in dataset.vocabularies[name].items()
        for field, lang in _missing_languages(entry, schema, "")
    ]
    assert missing == []


@pytest.mark.parametrize(("lang", "period", "note"), [
    ("it", "dal 1 ottobre 2012 al 30 settembre 2014", "Settembre ha 30 giorni"),
    ("en", "from October 1, 2012 to September 30, 2014", "September has 30 days"),
    ("es", "del 1 de octubre de 2012 al 30 de septiembre de 2014", "Septiembre tiene 30 días"),
])
def test_mistra_invalid_end_date_is_read_and_flagged(site, lang, period, note):
    soup = page(site, lang, "projects/mistra/")
    assert period in text(soup.select_one("article .cmp-facts"))
    notes = text(soup.select_one("#source-notes ~ .cmp-source-notes"))
    assert "01/10/12 to 31/09/14" in notes and note in notes


def test_inclucities_does_not_invent_mentor_roles(dataset):
    cities = dataset.get("project", "inclucities")["cities"]
    assert len(cities) == 8
    assert all(city["role"] is None for city in cities)


STATEMENT_SECTIONS = {
    "it": ["Stato di conformità", "Contenuti non accessibili", "Redazione della dichiarazione",
           "Feedback e recapiti", "Procedura di attuazione"],
    "en": ["Compliance status", "Non-accessible content", "Preparation of this statement",
           "Feedback and contact", "Enforcement procedure"],
    "es": ["Situación de cumplimiento", "Contenido no accesible",
           "Preparación de la presente declaración", "Observaciones y datos de contacto",
           "Procedimiento de aplicación"],
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_accessibility_statement_follows_the_eu_model(site, lang):
    soup = page(site, lang, "accessibility/")
    assert soup.html["lang"] == lang
    headings = [text(h2).rstrip("¶").strip() for h2 in soup.select("article h2")]
    assert headings == STATEMENT_SECTIONS[lang]
    assert "2016/2102" in text(soup.select_one("article"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_the_statement_privacy_notice_and_translation_status(site, lang):
    prefix = {"it": "", "en": "en/", "es": "es/"}[lang]
    for path in ("", "practices/", "practices/cinformi/", "people/alessandro-salvi/"):
        soup = page(site, lang, path)
        here = site / prefix / path
        targets = [(here / a["href"]).resolve() for a in soup.select(".cmp-footer-links a")]
        assert targets == [(site / prefix / "accessibility").resolve(),
                           (site / prefix / "privacy").resolve(),
                           (site / prefix / "open-data").resolve(),
                           (site / prefix / "translations").resolve()]
    privacy = text(page(site, lang, "privacy/").select_one("article"))
    assert "2016/679" in privacy


# -- Content fidelity (issue 16) ----------------------------------------------------------

PROJECT = Project.load(REPO)


@pytest.fixture(scope="module")
def strings() -> dict[str, dict[str, str]]:
    catalogues, log = load_catalogues(PROJECT)
    assert log.lines() == []
    return catalogues


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_phone_link_dials_the_number_libphonenumber_reads(site, dataset, lang):
    people = [p for p in dataset.all("person") if p.get("phone") and p.get("publish")]
    assert people
    for person in people:
        number = phonenumbers.parse(person["phone"], None)
        assert phonenumbers.is_valid_number(number), person.path
        links = page(site, lang, f"people/{person.slug}/").select("article a[href^='tel:']")
        assert [a["href"] for a in links] == [phones.tel_uri(person["phone"])]
    mistra = page(site, lang, "projects/mistra/")
    assert [a["href"] for a in mistra.select("article a[href^='tel:']")] == [
        "tel:+39-06-572-9911"]  # the source's "+39 (0) 657 299 11", with Italy's trunk 0 kept


def test_every_field_has_a_localized_label_for_source_notes(strings):
    """Any field a note may name has a label in every language, for every record type."""
    for kind, record_type in RECORD_TYPES.items():
        for name in record_type.schema.fields:
            if name == "translations":
                continue
            for lang in LANGUAGES:
                key = label_key(kind, name, {}, strings[lang].__contains__)
                assert key in strings[lang], f"{kind}.{name}: no '{key}' in locales/{lang}.yml"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_source_note_is_labelled_with_its_fields_localized_name(site, dataset, strings,
                                                                       lang):
    checked = 0
    for kind, record_type in RECORD_TYPES.items():
        for record in dataset.all(kind):
            if kind == "person" and not record.get("publish"):
                continue
            notes = record.get("source_notes") or []
            if not notes:
                continue
            soup = page(site, lang, f"{record_type.folder}/{record.slug}/")
            labels = [text(li.strong) for li in soup.select(".cmp-source-notes > li")]
            expected = [strings[lang][label_key(kind, note["field"], record.data,
                                                strings[lang].__contains__)]
                        for note in notes]
            assert labels == expected, record.path
            assert not {note["field"] for note in notes} & set(labels), record.path
            checked += len(notes)
    assert checked > 30


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_notes_label_is_the_heading_of_the_section_it_is_about(site, lang):
    soup = page(site, lang, "projects/lecim/")
    headings = {h2["id"]: text(h2) for h2 in soup.select("article h2")}
    labels = {text(li.strong) for li in soup.select(".cmp-source-notes > li")}
    assert headings["description"] in labels  # "Project description", not the practice's


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["project", "organisation"])
def test_official_names_are_the_page_title_in_every_language(site, dataset, kind, lang):
    """h1, <title>, the catalogue and the search index give the name as the source does."""
    folder = RECORD_TYPES[kind].folder
    field = "title" if kind == "project" else "name"
    catalogue = {a["href"].rstrip("/").rsplit("/", 1)[-1]: text(a)
                 for a in page(site, lang, f"{folder}/").select("article li > a")}
    for record in dataset.all(kind):
        official = record[field][record.source_language]
        soup = page(site, lang, f"{folder}/{record.slug}/")
        assert text(soup.select_one("article h1")) == official, record.path
        assert soup.title.get_text().startswith(f"{official} – "), record.path
        assert catalogue[record.slug] == official, record.path
        subtitle = (record.get(f"{field}_translation") or {}).get(lang)
        shown = soup.select_one("article .cmp-subtitle")
        assert (text(shown) if shown else None) == subtitle, record.path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_give_projects_their_official_names(site, dataset, lang):
    prefix = PREFIX[lang]
    fragments = " ".join(path.read_text(encoding="utf-8")
                         for path in (site / prefix / "search" / "data").rglob("*.js"))
    for project in dataset.all("project"):
        official = project["title"][project.source_language]
        assert json.dumps(official, ensure_ascii=False)[1:-1] in fragments or \
            json.dumps(official)[1:-1] in fragments, project.path
    # The translated name is shown under the official one (a result's subtitle), never as
    # its title.
    assert "\"title\":\"Città che apprendono per l'inclusione dei migranti\"" not in fragments


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_territory_can_be_a_province(site, dataset, lang):
    """'provincia di Trento' is a province, not the city of Trento: no city facet, no point."""
    trento = [p.slug for p in dataset.all("practice")
              if "trento-province" in ((p["territory"] or {}).get("regions") or [])]
    assert sorted(trento) == ["cinformi", "trento-integrated-communication"]
    assert dataset.term("regions", "trento-province")["level"] == "province"
    for slug in trento:
        soup = page(site, lang, f"practices/{slug}/")
        hrefs = [a["href"] for a in soup.select("article .cmp-facts a")]
        assert "../region/trento-province/" in hrefs
        assert not [h for h in hrefs if "/city/" in h]
    listed = page(site, lang, "practices/region/trento-province/")
    assert len(listed.select("article li")) == 2
    prefix = PREFIX[lang]
    assert not (site / prefix / "practices" / "city" / "trento").exists()


RESULTS_HEADINGS = {"achieved": "results_kind.achieved", "expected": "results_kind.expected",
                    "unstated": "field.results"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_are_headed_as_the_sheet_gives_them(site, dataset, strings, lang):
    kinds = {p.slug: p["results_kind"] for p in dataset.all("practice")}
    assert {slug for slug, kind in kinds.items() if kind == "expected"} == {
        "disc", "mentorasteam", "rec", "vamos", "voices-of-immigrant-women",
        "smart-volunteering"}
    for slug, kind in kinds.items():
        heading = page(site, lang, f"practices/{slug}/").select_one("article h2#results")
        assert text(heading) == strings[lang][RESULTS_HEADINGS[kind]], slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_inferred_organisation_type_is_marked_as_such(site, dataset, strings, lang):
    for organisation in dataset.all("organisation"):
        if not organisation.get("type"):
            continue
        facts_text = text(page(site, lang, f"organisations/{organisation.slug}/")
                          .select_one("article .cmp-facts"))
        marked = strings[lang]["organisation.type_inferred"] in facts_text
        assert marked == (organisation["type_basis"] == "inferred"), organisation.path
    assert dataset.get("organisation", "anci-toscana")["type_basis"] == "inferred"


def test_mistra_names_its_institution_without_calling_it_the_lead(dataset):
    mistra = dataset.get("project", "mistra")
    assert mistra["lead"] is None and mistra["presented_by"] == "ciofs-fp"
    assert "led by" not in mistra["summary"]["en"]
    planned = sorted(w.slug for w in dataset.all("workshop") if w["project"] == "mistra")
    assert planned == ["mistra-bilateral-visits", "mistra-final-conference",
                       "mistra-local-empowerment-workshops",
                       "mistra-transnational-study-visits"]
    assert {dataset.get("workshop", slug)["status"] for slug in planned} == {"planned"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_practices_can_be_filtered_by_funding_programme(site, lang):
    listed = page(site, lang, "practices/programme/erasmus-plus/")
    assert [a["href"] for a in listed.select("article li a")][:1] == [
        "../../voices-of-immigrant-women/"]
    finder = page(site, lang, "practices/")
    assert finder.select("[href$='programme/amif/']")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_projects_named_in_the_sheets_have_pages_linked_from_the_practices(site, strings,
                                                                            lang):
    named = {"accoglienza-toscana-libro-bianco": ["commit", "soft-ii", "teams"],
             "nuevos-senderos-viviendas-solidarias": ["nexos"]}
    for practice, projects in named.items():
        soup = page(site, lang, f"practices/{practice}/")
        row = next(row for row in soup.select("article .cmp-fact")
                   if text(row.dt) == strings[lang]["field.related_projects"])
        links = sorted(a["href"].rstrip("/").rsplit("/", 1)[-1] for a in row.select("dd a"))
        assert links == projects
        for project in projects:
            back = page(site, lang, f"projects/{project}/").select("#named-in + ul a")
            assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in back] == [practice]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_florence_workshop_shows_its_participants_roles(site, strings, lang):
    items = {text(li.a): text(li) for li in
             page(site, lang, "workshops/savoir-faire-florence-2019/")
             .select("#participants + ul > li")}
    assert len(items) == 12
    assert "(" in items["Anci Toscana"] and "(" not in items["Banca Etica"]
