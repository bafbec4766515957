"""The compendium's content: everything the seeds hold, in all three languages.

Builds the repository itself (real data, real hand-written pages) once, and fails
when a project, practice, workshop or contact person of the sources is missing in
any language, or when a translatable field lacks a language without being marked
as "not translated yet" (`es: ~`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compendium.dataset import load_dataset
from compendium.fields import ListOf, Object, Text
from compendium.project import Project
from compendium.schemas import RECORD_TYPES, VOCABULARIES
from tests.conftest import REPO
from tests.helpers import LANGUAGES, page, text

pytestmark = pytest.mark.slow
LANGS = LANGUAGES
PROJECTS = ["lecim", "mistra", "savoir-faire", "inclucities"]
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
    if isinstance(spec, Text):
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
