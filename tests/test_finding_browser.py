"""Finding a practice in Chromium (issue 14), in every language of compendium.yml: cards
everywhere, sorting, filter chips, addresses read case-insensitively, the language
switcher keeping the reader's place, and the way back from a practice to the results."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from compendium.l10n import load_catalogues
from compendium.project import Project
from compendium.schemas import RECORD_TYPES
from tests.browser import serve, wait_until, watched_page
from tests.conftest import REPO
from tests.helpers import LANGUAGES, PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECT = Project.load(REPO)
CATALOGUES, _ = load_catalogues(PROJECT)
SHOWN = "#cmp-practices > li:not([hidden])"


def t(lang: str, key: str, **values) -> str:
    default = CATALOGUES[PROJECT.default_language]
    return CATALOGUES[lang].get(key, default[key]).format(**values)


@pytest.fixture(scope="module")
def fixture_base(built_site):
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def content_base(content_site):
    with serve(content_site) as base:
        yield base


def _titles(page) -> list[str]:
    return page.locator(f"{SHOWN} .cmp-card__title a").all_inner_texts()


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _wait_shown(page, count: int) -> None:
    wait_until(page, f"document.querySelectorAll('{SHOWN}').length === {count}")


def _facts(card) -> dict[str, str]:
    return {row.get_attribute("data-fact"): row.locator("dd").inner_text()
            for row in card.locator(".cmp-card__fact").all()}


# -- cards --------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_cards_show_summary_where_themes_and_period_for_every_practice(
        content_base, browser, lang):
    with watched_page(browser, content_base) as page:
        page.goto(f"{content_base}/{PREFIX[lang]}practices/")
        cards = page.locator("#cmp-practices > li")
        assert cards.count() == 12
        for card in cards.all():
            assert card.is_visible()
            assert card.locator(".cmp-card__summary").inner_text().strip()
            facts = _facts(card)
            assert {"where", "themes", "period"} <= set(facts)
            assert all(value.strip() for value in facts.values())
        # The same cards on a facet page, reached from the finder's list of countries.
        page.locator("#browse-country + ul a").first.click()
        page.wait_for_load_state("load")
        for card in page.locator("article .cmp-practices > li").all():
            assert card.locator(".cmp-card__summary").inner_text().strip()
            assert {"where", "themes", "period"} <= set(_facts(card))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_are_cards_too(content_base, browser, lang):
    with watched_page(browser, content_base) as page:
        word = {"it": "donne", "en": "women", "es": "mujeres"}.get(lang, "migra")
        page.goto(f"{content_base}/{PREFIX[lang]}search/?q={word}")
        first = page.locator("#cmp-search-results > li").first
        first.wait_for()
        practices = page.locator("#cmp-search-results > li:has([data-fact=themes])")
        assert practices.count() >= 1
        for result in practices.all():
            assert result.locator(".cmp-card__summary").inner_text().strip()
            assert {"where", "themes", "period"} <= set(_facts(result))


# -- the finder -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_finder_sorts_by_title_newest_and_relevance_kept_in_the_address(
        fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/")
        by_title = _titles(page)
        sort = page.locator("#cmp-finder-sort")
        assert sort.input_value() == "title"
        assert page.locator("#cmp-finder-sort option[value=relevance]").is_disabled()

        sort.select_option("newest")
        wait_until(page, "location.search === '?sort=newest'")
        newest = page.locator("#cmp-practices > li[data-newest] .cmp-card__title a").inner_text()
        assert _titles(page)[0] == newest  # the only one with a period comes first
        assert _titles(page)[1:] == [title for title in by_title if title != newest]

        page.reload()
        assert sort.input_value() == "newest" and _titles(page)[0] == newest
        sort.select_option("title")
        wait_until(page, "location.search === ''")
        assert _titles(page) == by_title

        # Words given: relevance becomes the order, and is in the choice.
        page.locator("#cmp-finder-q").fill("women")
        wait_until(page, "new URLSearchParams(location.search).get('q') === 'women'")
        wait_until(page, "document.getElementById('cmp-finder-sort').value === 'relevance'")
        assert not page.locator("#cmp-finder-sort option[value=relevance]").is_disabled()
        assert "sort" not in _query(page)  # the default order for words is not written
        sort.select_option("title")
        wait_until(page, "new URLSearchParams(location.search).get('sort') === 'title'")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_active_filters_are_chips_that_remove_them_and_clear_all_shows_only_when_set(
        fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/")
        chips = page.locator("#cmp-finder-chips button")
        clear = page.locator("#cmp-finder-clear")
        assert chips.count() == 0 and not clear.is_visible()

        page.locator("details[data-facet=country] summary").click()
        spain = page.locator("#cmp-finder input[name=country][value=ES]")
        spain.check()
        wait_until(page, "location.search === '?country=ES'")
        _wait_shown(page, 1)
        label = f"{t(lang, 'facet.country')}: {spain.get_attribute('data-label')}"
        assert chips.count() == 1 and chips.first.locator("span").first.inner_text() == label
        assert chips.first.get_attribute("aria-label") == t(lang, "finding.remove", filter=label)
        assert clear.is_visible() and clear.inner_text() == t(lang, "finding.clear")

        chips.first.focus()
        page.keyboard.press("Enter")  # a chip is a button: the keyboard removes it
        wait_until(page, "location.search === ''")
        _wait_shown(page, 3)
        assert not spain.is_checked() and chips.count() == 0 and not clear.is_visible()
        assert page.evaluate("document.activeElement.id") == "cmp-finder-q"

        spain.check()
        page.locator("#cmp-finder-q").fill("mentoring")
        wait_until(page, "document.querySelectorAll('#cmp-finder-chips button').length === 2")
        clear.click()
        wait_until(page, "location.search === ''")
        _wait_shown(page, 3)
        assert page.locator("#cmp-finder-q").input_value() == "" and not spain.is_checked()
        assert not clear.is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_values_in_the_address_are_read_case_insensitively_and_unknown_ones_named(
        fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/?country=it&theme=HOUSING")
        wait_until(page, "location.search === '?country=IT&theme=housing'")
        _wait_shown(page, 1)
        assert page.locator("#cmp-finder input[value=IT]").is_checked()
        assert page.locator("#cmp-finder-chips button").count() == 2
        assert page.locator("#cmp-finder-unknown").is_hidden()

        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/?country=xx&year=1999&q=")
        note = page.locator("#cmp-finder-unknown")
        note.wait_for()
        assert note.inner_text() == " ".join([
            t(lang, "finding.unknown", facet=t(lang, "facet.country"), value="xx"),
            t(lang, "finding.unknown", facet=t(lang, "facet.year"), value="1999")])
        _wait_shown(page, 3)  # the filters that match nothing are left out, not applied
        wait_until(page, "location.search === ''")


def test_typed_words_are_written_to_the_address_as_the_reader_types(fixture_base, browser):
    page = browser.new_page()
    page.goto(f"{fixture_base}/en/practices/")
    page.locator("#cmp-finder-q").press_sequentially("guid", delay=30)
    wait_until(page, "new URLSearchParams(location.search).get('q') === 'guid'")
    copied = page.url
    other = browser.new_page()  # a copied link opens the same list
    other.goto(copied)
    assert other.locator("#cmp-finder-q").input_value() == "guid"
    _wait_shown(other, 1)
    other.close()
    page.close()


# -- the language switcher keeps the reader's place -------------------------------------
def _switch(page, lang: str) -> None:
    page.locator(".md-header__option .md-select button").click()
    page.locator(f".md-select__link[hreflang={lang}]").click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_keeps_the_finders_filters_words_and_order(fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/")
        page.locator("details[data-facet=country] summary").click()
        page.locator("#cmp-finder input[name=country][value=IT]").check()
        page.locator("#cmp-finder-q").fill("women")
        page.locator("#cmp-finder-sort").select_option("newest")
        wait_until(page, "location.search === '?q=women&country=IT&sort=newest'")
        for other in [code for code in LANGUAGES if code != lang]:
            _switch(page, other)
            assert page.url == (f"{fixture_base}/{PREFIX[other]}practices/"
                                "?q=women&country=IT&sort=newest")
            assert page.locator("html").get_attribute("lang") == other
            assert page.locator("#cmp-finder-q").input_value() == "women"
            assert page.locator("#cmp-finder input[value=IT]").is_checked()
            assert page.locator("#cmp-finder-sort").input_value() == "newest"
            _wait_shown(page, 1)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_keeps_the_search_and_fills_the_box(fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}search/?q=mentoring")
        page.locator("#cmp-search-results > li").first.wait_for()
        for other in [code for code in LANGUAGES if code != lang]:
            _switch(page, other)
            assert page.url == f"{fixture_base}/{PREFIX[other]}search/?q=mentoring"
            assert page.locator("#cmp-search-q").input_value() == "mentoring"
            page.locator("#cmp-search-results > li").first.wait_for()


FACET_PAGES = {"it": "practices/tema/abitare/", "en": "practices/theme/housing/",
               "es": "practices/tema/vivienda/"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switcher_on_a_facet_page_leads_to_the_same_facet_page(fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}{FACET_PAGES[lang]}")
        for other in [code for code in LANGUAGES if code != lang]:
            _switch(page, other)
            assert page.url == f"{fixture_base}/{PREFIX[other]}{FACET_PAGES[other]}"
            assert page.locator("article .cmp-card__title a").all_inner_texts() == ["Women first"]


# -- a practice page: the way back to the results ------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_the_finder_a_practice_page_leads_back_to_the_same_results(
        fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        results = f"{fixture_base}/{PREFIX[lang]}practices/?country=ES"
        page.goto(results)
        _wait_shown(page, 1)
        page.locator(f"{SHOWN} .cmp-card__title a").first.click()
        page.wait_for_load_state("load")
        back = page.locator("nav.cmp-breadcrumb a.cmp-back")
        assert back.is_visible() and back.inner_text() == t(lang, "finding.back")
        back.click()
        page.wait_for_load_state("load")
        assert page.url == results
        _wait_shown(page, 1)
        # Reached otherwise (a link from elsewhere, a new visit), the page has no way back.
        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/bridges/")
        assert back.is_hidden()
        assert page.locator("nav.cmp-breadcrumb ol > li").count() == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_practice_page_shows_its_breadcrumb_and_related_practices_that_lead_on(
        fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        page.goto(f"{fixture_base}/{PREFIX[lang]}practices/women-first/")
        crumbs = page.locator("nav.cmp-breadcrumb ol > li")
        title = page.locator("article h1").inner_text()
        heading = RECORD_TYPES["practice"].heading
        assert crumbs.all_inner_texts() == [t(lang, "site.home"), t(lang, heading), title]
        assert crumbs.nth(2).locator("[aria-current=page]").count() == 1
        related = page.locator("section.cmp-related")
        assert related.locator("h2").inner_text() == t(lang, "finding.related")
        cards = related.locator(".cmp-card")
        assert cards.count() >= 1 and cards.first.is_visible()
        assert cards.first.locator(".cmp-card__shared").inner_text().startswith(
            t(lang, "finding.shared"))
        cards.first.locator(".cmp-card__title a").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/{PREFIX[lang]}practices/bridges/")
        crumbs.nth(1).locator("a").click()  # the breadcrumb leads to the catalogue
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/{PREFIX[lang]}practices/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_the_search_page_a_practice_page_leads_back_to_the_same_search(
        fixture_base, browser, lang):
    with watched_page(browser, fixture_base) as page:
        results = f"{fixture_base}/{PREFIX[lang]}search/?q=mentoring"
        page.goto(results)
        page.locator("#cmp-search-results > li a").first.click()
        page.wait_for_load_state("load")
        page.locator("nav.cmp-breadcrumb a.cmp-back").click()
        page.wait_for_load_state("load")
        assert page.url == results
        assert page.locator("#cmp-search-q").input_value() == "mentoring"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_finders_states_and_the_way_back_pass_axe(content_site, browser, lang):
    """What the scripts add (chips, Clear all, the note on an unknown value, the way
    back) passes axe-core's WCAG 2.1 AA rules too, as the gates check the built pages."""
    from tests.checkers import axe_violations

    context = browser.new_context(bypass_csp=True)  # axe is injected by the test
    page = context.new_page()
    with serve(content_site) as base:
        page.goto(f"{base}/{PREFIX[lang]}practices/?country=it&year=1890&sort=newest&q=a")
        page.locator("#cmp-finder-chips button").first.wait_for()
        assert page.locator("#cmp-finder-unknown").is_visible()
        assert axe_violations(page) == []
        page.locator(f"{SHOWN} .cmp-card__title a").first.click()
        page.wait_for_load_state("load")
        assert page.locator("a.cmp-back").is_visible()
        assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_finder_is_the_whole_list_of_cards_and_no_dead_form(
        fixture_base, browser, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{fixture_base}/{PREFIX[lang]}practices/?country=ES")
    assert not page.locator("#cmp-finder").is_visible()  # a form that could do nothing
    cards = page.locator("#cmp-practices > li")
    assert cards.count() == 3 and all(card.is_visible() for card in cards.all())
    assert all(card.locator(".cmp-card__summary").is_visible() for card in cards.all())
    assert page.locator("#browse-country + ul a").count() == 2  # facet pages instead
    context.close()
