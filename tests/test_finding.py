"""Finding a practice (issue 14), as built: cards in every list, breadcrumbs, related
practices, an organisation's practices with its roles, bare web addresses as links,
and the cards the search page draws. What runs in the browser is in
test_finding_browser.py."""

from __future__ import annotations

import json

import pytest

from compendium.cards import BRIEF_CHARS, SUMMARY_CHARS, brief, opening
from compendium.l10n import Localized, load_catalogues
from compendium.project import Project
from compendium.safe_markdown import SafeMarkdown
from tests.conftest import REPO
from tests.helpers import LANGUAGES, PREFIX, page, text

pytestmark = pytest.mark.slow

CATALOGUES, _ = load_catalogues(Project.load(REPO))


def t(lang: str, key: str, **values) -> str:
    default = CATALOGUES[Project.load(REPO).default_language]
    return CATALOGUES[lang].get(key, default[key]).format(**values)


def _facts(card) -> dict[str, str]:
    return {row["data-fact"]: text(row.dd) for row in card.select(".cmp-card__fact")}


# -- the summary ------------------------------------------------------------------------
def test_a_summary_is_the_opening_of_the_text_cut_at_a_sentence():
    text_ = ("Cinformi, the Immigration information centre, is an operational unit of the "
             "Autonomous Province of Trento. Its objectives are to develop knowledge of "
             "immigration and to encourage communication between social actors.")
    assert opening(text_) == ("Cinformi, the Immigration information centre, is an "
                              "operational unit of the Autonomous Province of Trento.")
    assert opening("Short and whole.") == "Short and whole."
    long_sentence = "word " * 80
    cut = opening(long_sentence)
    assert cut.endswith("…") and len(cut) <= 201 and "  " not in cut


# -- cards ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_practice_of_the_real_site_has_a_full_card_in_the_finder(content_site, lang):
    finder = page(content_site, lang, "practices/")
    cards = finder.select("#cmp-practices > li.cmp-card")
    assert len(cards) == 12
    for card in cards:
        title = text(card.select_one(".cmp-card__title a"))
        assert text(card.select_one(".cmp-card__summary")), title
        facts = _facts(card)
        assert set(facts) == {"promoters", "where", "themes", "period"}, title
        assert all(facts.values()), title


def test_a_card_shows_each_fact_in_the_readers_language(built_site):
    finder = page(built_site, "es", "practices/")
    bridges = next(li for li in finder.select("#cmp-practices > li")
                   if text(li.select_one(".cmp-card__title")) == "Puentes hacia el empleo")
    assert text(bridges.select_one(".cmp-card__summary")) == (
        "Orientación laboral para nacionales de terceros países.")
    assert _facts(bridges) == {"promoters": "Comune di Prova",  # an official name
                               "where": "Florencia, Italia", "themes": "Empleo",
                               "period": "2017–2019"}
    assert [text(dt) for dt in bridges.select("dt")] == [
        t("es", "cards.promoters"), t("es", "cards.where"), t("es", "cards.themes"),
        t("es", "cards.period")]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_a_summary_in_another_language_says_so(built_site, lang):
    """Women first is written in English only: its card shows the opening of its
    description in English, marked as such, with the notice in the reader's language."""
    finder = page(built_site, lang, "practices/")
    women = next(li for li in finder.select("#cmp-practices > li")
                 if "Women first" in text(li.select_one(".cmp-card__title")))
    summary = women.select_one(".cmp-card__summary")
    assert summary.select_one("[lang=en]").get_text() == (
        "Mentoring circles for migrant women in two countries.")
    assert text(summary.select_one(".cmp-notice")).strip("()") == t(
        lang, "notice.original_in", language=_language_name(lang, "en"))
    assert _facts(women)["period"] == t(lang, "cards.not_stated")


def _language_name(reader: str, code: str) -> str:
    from babel import Locale
    return Locale.parse(reader).languages[code]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_of_other_records_are_cards_with_what_helps_choose(built_site, lang):
    project = page(built_site, lang, "projects/")
    alpha = project.select_one("ul.cmp-cards > li")
    assert _facts(alpha) == {"period": "2018–2020",
                             "programme": {"it": "Fondo di prova", "en": "Test Fund",
                                           "es": "Fondo de prueba"}[lang]}
    workshops = page(built_site, lang, "workshops/")
    kickoff = _facts(workshops.select_one("ul.cmp-cards > li"))
    assert set(kickoff) == {"date", "where", "project"}
    organisations = page(built_site, lang, "organisations/")
    city_hall = next(li for li in organisations.select("ul.cmp-cards > li")
                     if text(li.select_one(".cmp-card__title")).endswith("(CdP)"))
    assert set(_facts(city_hall)) == {"type", "where"}
    for path in ("projects/alpha/", "workshops/alpha-kickoff/", "organisations/city-hall/"):
        record = page(built_site, lang, path)
        assert record.select("#practices + ul.cmp-cards > li .cmp-card__summary"), path


# -- the practice page ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_record_page_has_a_breadcrumb_in_the_readers_language(built_site, lang):
    soup = page(built_site, lang, "practices/bridges/")
    crumbs = soup.select("article nav.cmp-breadcrumb ol > li")
    assert soup.select_one("nav.cmp-breadcrumb")["aria-label"] == t(lang, "finding.breadcrumb")
    assert [text(li) for li in crumbs] == [t(lang, "site.home"),
                                           t(lang, "catalogue.practices.title"),
                                           text(soup.select_one("article h1"))]
    assert [a["href"] for a in soup.select("nav.cmp-breadcrumb ol a")] == ["../../", "../"]
    assert crumbs[-1].select_one("[aria-current=page]")
    back = soup.select_one("nav.cmp-breadcrumb a.cmp-back")
    assert back.has_attr("hidden") and text(back) == t(lang, "finding.back")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_practices_share_most_first_and_say_what(built_site, lang):
    soup = page(built_site, lang, "practices/women-first/")
    related = soup.select("section.cmp-related #related ~ ul.cmp-cards > li")
    assert [text(li.select_one(".cmp-card__title a")) for li in related] == [
        text(page(built_site, lang, "practices/bridges/").select_one("article h1"))]
    shared = text(related[0].select_one(".cmp-card__shared"))
    theme = {"it": "Lavoro", "en": "Employment", "es": "Empleo"}[lang]
    country = {"it": "Italia", "en": "Italy", "es": "Italia"}[lang]
    assert shared == f"{t(lang, 'finding.shared')} {theme}, {country}"
    alone = page(built_site, lang, "practices/no-country/")
    assert not alone.select("#related")  # it shares nothing: no empty section
    for li in related:  # a summary in about one line, the card's own opening
        summary = li.select_one(".cmp-card__summary")
        assert summary is None or len(text(summary)) <= BRIEF_CHARS + 1


def test_a_brief_summary_is_the_cards_own_cut_to_one_line_in_the_same_language():
    long = Localized(("Word " * 60).strip() + ".", "it", True)
    short = brief(long)
    assert len(short.text) <= BRIEF_CHARS + 1 and short.text.endswith("…")
    assert (short.lang, short.fallback) == ("it", True)
    assert long.text.startswith(short.text[:-1])
    sentences = Localized("A short one. Then another sentence that goes on. " * 3, "en", False)
    cut = brief(sentences).text
    assert cut.endswith("one.") and sentences.text.startswith(cut)  # whole sentences
    assert len(cut) <= BRIEF_CHARS + 1
    assert brief(None) is None and BRIEF_CHARS < SUMMARY_CHARS


def test_the_printed_compendium_has_no_breadcrumb_or_related_practices(built_site):
    from compendium.loader import open_compendium
    from compendium.printed import print_document

    opened = open_compendium(built_site.parent)
    html = print_document(opened.renderer, "en", "Test", "")
    assert "cmp-breadcrumb" not in html and 'id="related"' not in html
    assert "finding.js" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_organisations_practices_are_listed_once_with_its_roles(built_site, lang):
    soup = page(built_site, lang, "organisations/helping-hands/")
    practices = soup.select("#practices + ul.cmp-cards > li")
    assert len(practices) == 1  # Women first
    assert text(practices[0].select_one(".cmp-card__roles")) == t(
        lang, "cards.role", roles=t(lang, "roles.promoters"))
    projects = soup.select("#projects + ul.cmp-cards > li")
    assert text(projects[0].select_one(".cmp-card__roles")) == t(
        lang, "cards.role", roles=t(lang, "roles.partners"))


def test_a_practice_promoted_and_joined_by_an_organisation_is_listed_once(make_project):
    root = make_project()
    practice = root / "data" / "practices" / "women-first.yml"
    practice.write_text(practice.read_text().replace(
        "promoters: [helping-hands]",
        "promoters: [helping-hands]\nstakeholder_organisations: [helping-hands]"))
    from tests.conftest import run_mkdocs
    assert run_mkdocs(root, "build", "--strict").returncode == 0
    soup = page(root / "site", "en", "organisations/helping-hands/")
    practices = soup.select("#practices + ul.cmp-cards > li")
    assert len(practices) == 1
    assert text(practices[0].select_one(".cmp-card__roles")) == "Its role: promoter, stakeholder"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bare_web_addresses_in_record_text_are_links(content_site, lang):
    viw = page(content_site, lang, "practices/voices-of-immigrant-women/")
    links = {a["href"]: a for a in viw.select("#other-information ~ p a")}
    assert links["https://viw.pixel-online.org"]["rel"] == ["noopener", "noreferrer"]
    cinformi = page(content_site, lang, "practices/cinformi/")
    in_results = cinformi.select_one("#results ~ * a[href='https://www.cinformi.it']")
    assert text(in_results) == "www.cinformi.it"  # the source's words, linked


def test_bare_web_addresses_get_the_same_safety_as_markdown_links():
    md = SafeMarkdown()
    html = str(md.render("See www.example.org/a_b. Or https://x.org/(y), "
                         "`https://code.example.org` and [z](https://z.org/www.q.org)"))
    assert '<a href="https://www.example.org/a_b" rel="noopener noreferrer">' \
           "www.example.org/a_b</a>." in html
    assert '<a href="https://x.org/" rel="noopener noreferrer">https://x.org/</a>(y)' in html
    assert "<code>https://code.example.org</code>" in html
    assert html.count("<a ") == 3  # no link inside a link
    sneaky = str(md.render('www.evil.org/"onmouseover="alert(1) javascript:alert(1)'))
    assert "onmouseover=" not in sneaky.split(">")[0] and 'href="javascript' not in sneaky


# -- the search page's cards ---------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_fragments_carry_the_cards_of_records(built_site, lang):
    folder = built_site / PREFIX[lang] / "search" / "data"
    fragments = [json.loads(f.read_text().split(",", 2)[2].rsplit(");", 1)[0])
                 for f in folder.glob("f-*/*.js")]
    by_title = {fragment["title"]: fragment for fragment in fragments}
    women = by_title["Women first"]["card"]
    assert women["summary"] == "Mentoring circles for migrant women in two countries."
    assert [fact[0] for fact in women["facts"]] == ["promoters", "where", "themes", "period"]
    if lang != "en":
        assert women["summary_lang"] == "en" and women["summary_note"]
    pages = [fragment for fragment in fragments if "card" not in fragment]
    assert pages, "hand-written pages have no card"
