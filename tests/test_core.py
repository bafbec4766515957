"""Unit tests of the core, without MkDocs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from compendium.dataset import load_dataset
from compendium.fields import PartialDate
from compendium.l10n import Localized, Localizer, localize
from compendium.project import Project
from compendium.relations import Relations, published
from compendium.safe_markdown import SafeMarkdown
from compendium.site import SiteModel
from compendium.urls import relative_url


@pytest.fixture
def dataset(make_project):
    project = Project.load(make_project())
    data, log = load_dataset(project)
    assert not log
    return project, data


@pytest.mark.parametrize(("start", "end", "directory_urls", "expected"), [
    ("en/practices/x/index.html", "en/projects/y/index.html", True, "../../projects/y/"),
    ("en/practices/x/index.html", "en/projects/y/index.html", False, "../../projects/y/index.html"),
    ("practices/x/index.html", "practices/x/index.html", True, "./"),
    ("practices/index.html", "practices/x/index.html", True, "x/"),
    ("index.html", "practices/index.html", False, "practices/index.html"),
])
def test_relative_url(start, end, directory_urls, expected):
    assert relative_url(start, end, directory_urls) == expected


def test_localize_prefers_reader_then_source_language():
    texts = {"it": "Ciao", "en": "Hello"}
    assert localize(texts, "en", "it") == Localized("Hello", "en", False)
    assert localize(texts, "es", "it") == Localized("Ciao", "it", True)
    assert localize({"en": "Hello"}, "es", "it") == Localized("Hello", "en", True)
    assert localize(None, "es", "it") is None
    # Explicitly "not translated yet" (es: ~) reads like a missing translation.
    assert localize({"it": "Ciao", "es": None}, "es", "it") == Localized("Ciao", "it", True)


@pytest.mark.parametrize(("lang", "day", "month", "year", "country", "money"), [
    ("it", "12 aprile 2019", "dicembre 2009", "2001", "Regno Unito", "399.740,00\xa0€"),
    ("en", "April 12, 2019", "December 2009", "2001", "United Kingdom", "€399,740.00"),
    ("es", "12 de abril de 2019", "diciembre de 2009", "2001", "Reino Unido", "399.740,00\xa0€"),
])
def test_localizer_formats(lang, day, month, year, country, money):
    l10n = Localizer(lang, {}, {})
    assert l10n.date(dt.date(2019, 4, 12)) == day
    assert l10n.date(PartialDate(2009, 12)) == month
    assert l10n.date(PartialDate(2001)) == year
    assert l10n.country("GB") == country
    assert l10n.money(399740, "EUR") == money


def test_localizer_strings_fall_back_and_fill_placeholders():
    l10n = Localizer("es", {"a": "uno {n}"}, {"a": "one", "b": "two"})
    assert l10n.t("a", n=1) == "uno 1"
    assert l10n.t("b") == "two"
    with pytest.raises(KeyError):
        l10n.t("missing")


def test_partial_dates_cover_their_whole_span():
    assert PartialDate(2019).earliest() == dt.date(2019, 1, 1)
    assert PartialDate(2019, 2).latest() == dt.date(2019, 2, 28)
    assert str(PartialDate(2009, 12)) == "2009-12"


@pytest.mark.parametrize(("source", "html"), [
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
    ("# Title", "<h3>Title</h3>"),
    ("### Part\n\n#### Sub", "<h3>Part</h3>\n<h4>Sub</h4>"),
    ("**b** [ok](https://example.org)",
     '<p><strong>b</strong> <a href="https://example.org" rel="noopener noreferrer">ok</a></p>'),
])
def test_safe_markdown(source, html):
    assert SafeMarkdown().render(source) == html


@pytest.mark.parametrize("text", [
    "Plain prose, with commas; quotes \"like this\" and l'apostrofo.",
    "First paragraph.\n\nSecond paragraph (with brackets) and 2018-2020 dates.",
    "Prezzi: 24 milioni, 52% start-up.",
])
def test_plain_prose_fast_path_matches_markdown(text):
    from html import unescape

    from markupsafe import escape

    from compendium.safe_markdown import plain_paragraphs

    paragraphs = plain_paragraphs(text)
    assert paragraphs is not None
    fast = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)  # what the template prints
    assert unescape(fast) == unescape(SafeMarkdown().render(text))


@pytest.mark.parametrize("text", [
    "- a list", "1. a list", "**bold**", "a [link](https://x.org)", "<b>html</b>",
    "A &amp; B", "line one\nline two", "    indented code", "para\n\n    code", "# heading",
])
def test_anything_but_plain_prose_goes_through_markdown(text):
    from compendium.safe_markdown import plain_paragraphs

    assert plain_paragraphs(text) is None


def test_unpublished_people_vanish_from_records_and_links(dataset):
    _project, data = dataset
    visible = published(data)
    assert visible.get("person", "hidden-person") is None
    assert visible.get("practice", "bridges")["contacts"] == ["ada-lovelace"]
    assert visible.get("workshop", "alpha-kickoff")["speakers"] == ["ada-lovelace"]
    assert data.get("practice", "bridges")["contacts"] == ["hidden-person", "ada-lovelace"]


def test_relations_are_read_from_the_schemas(dataset):
    _project, data = dataset
    relations = Relations.of(data)
    city_hall = data.get("organisation", "city-hall")
    assert [r.slug for r in relations.to(city_hall, "practice", "promoters")] == [
        "bridges", "no-country"]
    assert [r.slug for r in relations.to(city_hall, "project", "cities.organisation")] == [
        "alpha"]
    assert [r.slug for r in relations.to(city_hall, "project")] == ["alpha"]


def test_page_model_keeps_records_out_of_the_nav(dataset):
    project, data = dataset
    site = SiteModel(project, data)
    pages = site.pages("en")
    assert [p.dest_uri for p in pages if p.in_nav] == [
        f"en/{folder}/index.html"
        for folder in ("practices", "projects", "workshops", "organisations", "people", "map")]
    records = [p for p in pages if p.record is not None]
    assert len(records) == 3 + 1 + 1 + 2 + 1  # the unpublished person has no page
    assert {p.src_uri for p in records} >= {"en/practices/bridges.md"}
    assert site.dest("record", "it", data.get("practice", "bridges")) == (
        "practices/bridges/index.html")


def test_materials_cdn_scripts_become_the_sites_own():
    from material_fixes import local_scripts

    script = ('a=_t("https://unpkg.com/resize-observer-polyfill");'
              'b=_t("https://unpkg.com/mermaid@11/dist/mermaid.min.js");\n'
              "//# sourceMappingURL=bundle.x.min.js.map\n")
    assert local_scripts(script) == (
        'a=_t(new URL("assets/vendor/resize-observer-polyfill/ResizeObserver.js",'
        '__md_scope).href);b=_t(new URL("assets/compendium/no-mermaid.js",__md_scope).href);')


def test_a_cdn_script_the_site_does_not_replace_stops_the_build():
    from material_fixes import local_scripts

    with pytest.raises(ValueError, match=re.escape(
            "still loads https://cdn.jsdelivr.net/npm/x.js; vendor it under "
            "overrides/assets/vendor/")):
        local_scripts('_t("https://cdn.jsdelivr.net/npm/x.js")')
