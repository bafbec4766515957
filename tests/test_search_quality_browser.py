"""Search that forgives and explains (issue 15), on the real site in headless Chromium:
typos, accents, words being typed, words of another language, odd queries, ranking,
snippets, the header's suggestions, highlights on the page opened, counts per type."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from compendium.search.analysis import fold
from tests.browser import PageWatch, serve, wait_until, watched_page
from tests.checkers import axe_violations
from tests.conftest import run_mkdocs
from tests.helpers import LANGUAGES, PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = LANGUAGES


def _prefix(lang: str) -> str:
    return PREFIX[lang]


@pytest.fixture(scope="module")
def served(content_site):
    with serve(content_site) as base:
        yield base


def _open_search(browser, base: str, lang: str, query: str = "", extra: str = ""):
    page = browser.new_page()
    watch = PageWatch(page, base)
    page.goto(f"{base}/{_prefix(lang)}search/" + (f"?q={query}{extra}" if query else ""))
    if query:
        _settled(page)
    return page, watch


def _settled(page) -> None:
    wait_until(page, "(() => { const s = document.getElementById('cmp-search-status');"
                     " const l = document.getElementById('cmp-search-results');"
                     " return s.textContent && !l.hasAttribute('aria-busy'); })()", 15)


def _status(page) -> list[str]:
    return page.locator("#cmp-search-status p").all_inner_texts()


def _titles(page) -> list[str]:
    return page.locator("#cmp-search-results > li > a").all_inner_texts()


def _search(page, query: str, typing: bool = False) -> dict:
    """Titles, types and refs of the results, and what the engine made of the query."""
    return page.evaluate("""async ([q, typing]) => {
      const S = window.compendiumSearch;
      const found = await S.search(q, typing);
      const docs = await Promise.all(found.results.map((r) => S.fragment(r.ref)));
      return {titles: docs.map((d) => d.title), subtitles: docs.map((d) => d.subtitle || ""),
              refs: found.results.map((r) => r.ref),
              kinds: found.results.map((r) => r.kind), corrections: found.corrections,
              hints: found.hints.map((h) => [h.lang, h.words]), missing: found.missing};
    }""", [query, typing])


# ---- Forgiving ----

# Typing mistakes of every kind, in words of each language's records:
# {lang: [(typed, corrected, a title among the first results), ...]}.
TYPOS = {
    "it": [("competenxe digitali", "competenze", "DISC"), ("cinfromi", "cinformi", "Cinformi"),
           ("mentorastem", "mentorasteam", "MentoraSTEAM"), ("sardexx", "sardex", "Sardex"),
           ("allogggi", "alloggi", "Nuevos Senderos")],
    "en": [("housimg", "housing", "Nuevos Senderos"), ("cinfromi", "cinformi", "Cinformi"),
           ("volunteerng", "volunteering", "SMART Volunteering"),
           ("sassarri", "sassari", "SocialPay"), ("depopulatoin", "depopulation", "Nuevos")],
    "es": [("viviemda", "vivienda", "Nuevos Senderos"), ("cinfromi", "cinformi", "Cinformi"),
           ("despoblacin", "despoblación", "Nuevos Senderos"), ("sardexx", "sardex", "Sardex"),
           ("mentorastemm", "mentorasteam", "MentoraSTEAM")],
}
CORRECTED = {"it": "Risultati per {}.", "en": "Showing results for {}.",
             "es": "Resultados para {}."}


def test_every_language_has_typo_cases():
    assert set(TYPOS) == set(LANGS) == set(CORRECTED)


@pytest.mark.parametrize("lang", LANGS)
def test_a_typo_shows_the_results_of_the_closest_word_and_offers_the_words_as_typed(
        served, browser, lang):
    """Substitution, transposition, missing, doubled and extra letters, in each language."""
    for typed, corrected, title in TYPOS[lang]:
        page, watch = _open_search(browser, served, lang, typed)
        lines = _status(page)
        assert CORRECTED[lang].format(typed.replace(typed.split()[0], corrected)) in lines, typed
        assert any(title in t for t in _titles(page)[:3]), (typed, _titles(page)[:3])
        instead = page.locator("#cmp-search-status a").first
        assert typed in instead.inner_text()
        instead.click()
        page.wait_for_load_state("load")
        _settled(page)
        assert parse_qs(urlparse(page.url).query) == {"q": [typed], "exact": ["1"]}
        assert not any(line.startswith(CORRECTED[lang].split("{")[0]) for line in _status(page))
        assert watch.problems == []
        page.close()


def _accented_words(site, lang: str) -> list[str]:
    """A word of the index for each accented letter the language's pages use, as written."""
    [path] = (site / _prefix(lang) / "search" / "data").glob("l-*.js")
    script = path.read_text(encoding="utf-8")
    entries = json.loads(script[script.index(",[") + 1:-3])
    found: dict[str, str] = {}
    for _term, _pages, written in entries:
        for word in written.split():
            for letter in sorted(set(word) - set(fold(word))):
                found.setdefault(letter, word)
    return sorted(set(found.values()))


@pytest.mark.parametrize("lang", LANGS)
def test_accents_and_case_change_neither_the_results_nor_their_order(content_site, served,
                                                                    browser, lang):
    accented = _accented_words(content_site, lang) + {"it": ["città inclusive", "integrazione"],
                                       "es": ["integración", "inclusión social"],
                                       }.get(lang, [])
    assert len(accented) >= 3
    page, _ = _open_search(browser, served, lang)
    for word in accented:
        spellings = [word, fold(word), word.upper(), fold(word).capitalize()]
        answers = [_search(page, spelling)["refs"] for spelling in spellings]
        assert answers[0], word
        assert all(answer == answers[0] for answer in answers), (word, answers)
    page.close()


def test_integracion_and_integracion_with_its_accent_find_the_same_pages(served, browser):
    page, _ = _open_search(browser, served, "es")
    with_accent, without = _search(page, "integración"), _search(page, "integracion")
    assert with_accent["refs"] == without["refs"] and len(with_accent["refs"]) >= 15
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_word_being_typed_matches_the_words_it_starts_without_a_shard_per_keystroke(
        served, browser, lang):
    word = {"it": "integrazione", "en": "integration", "es": "integración"}[lang]
    page = browser.new_page()
    shards: list[str] = []
    page.on("request", lambda r: "/search/data/s-" in r.url and shards.append(r.url))
    page.goto(f"{served}/{_prefix(lang)}practices/")
    box = page.locator("#cmp-header-q")
    box.press_sequentially(word[:7], delay=150)  # "integra", "integrat", as a reader types
    page.locator("#cmp-header-list [role=option]").first.wait_for()
    options = page.locator("#cmp-header-list [role=option]").all_inner_texts()
    assert any(re.search(word[:7], option, re.I) for option in options[:-1]), options
    box.press_sequentially(word[7:], delay=150)
    wait_until(page, f"document.querySelector('#cmp-header-option-all').textContent"
                     f".includes({word!r})")
    assert len(set(shards)) <= 3, shards  # shards load by range, not by keystroke
    page.close()
    found = _search(_open_search(browser, served, lang)[0], word[:8], typing=True)
    assert len(found["refs"]) >= 10 and not found["missing"]


WRONG_LANGUAGE = [("en", "donne", "it"), ("it", "housing", "en"), ("es", "donne", "it")]


@pytest.mark.parametrize(("lang", "word", "other"), WRONG_LANGUAGE)
def test_a_word_of_another_language_links_that_languages_search(served, browser, lang, word,
                                                                 other):
    assert {lang, other} <= set(LANGS)
    page, watch = _open_search(browser, served, lang, word)
    assert page.locator("#cmp-search-results > li").count() == 0
    words_there = page.locator(f"#cmp-search-status span[lang={other}]")
    assert words_there.inner_text() == f"“{word}”"
    link = page.locator("#cmp-search-status a").last
    assert link.get_attribute("href").endswith(f"{_prefix(other)}search/?q={word}")
    link.click()
    page.wait_for_load_state("load")
    _settled(page)
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("#cmp-search-results > li").count() > 0
    assert watch.problems == []
    page.close()


ODD = {  # {lang: (stop words only, punctuation only)}
    "it": ("di della", "?!… --"), "en": ("the of and", "?!… --"), "es": ("de la", "?!… --"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_odd_queries_get_a_sensible_answer_and_html_stays_text(content_site, served, browser,
                                                               lang):
    stop, punctuation = ODD[lang]
    page, watch = _open_search(browser, served, lang, stop)
    strings = page.evaluate("compendiumSearch.manifest().then((m) => m.strings)")
    assert _status(page) == [strings["stopwords"].replace("{query}", stop)]
    for query, expected in ((punctuation, strings["empty"]),):
        page.locator("#cmp-search-q").fill(query)
        page.locator("#cmp-search-q").press("Enter")
        wait_until(page, f"document.getElementById('cmp-search-status').textContent === "
                         f"{expected!r}")
    html = '<img src=x onerror="window.pwned=1"><b>migrant</b>'
    page.locator("#cmp-search-q").fill(html)
    page.locator("#cmp-search-q").press("Enter")
    wait_until(page, "document.getElementById('cmp-search-status').textContent.includes('<img')")
    assert page.evaluate("document.querySelectorAll('#cmp-search-status img, "
                         "#cmp-search-results img, main b').length") == 0
    assert page.evaluate("window.pwned") is None
    long = " ".join(_accented_words(content_site, lang) * 4)  # a pasted paragraph
    page.locator("#cmp-search-q").fill(long)
    page.locator("#cmp-search-q").press("Enter")
    count = page.evaluate("compendiumSearch.manifest().then((m) => m.ranking.maxWords)")
    wait_until(page, "document.getElementById('cmp-search-status').textContent.includes("
                     f"{strings['too_long'].replace('{count}', str(count))!r})")
    assert watch.problems == []
    page.close()


def test_a_quoted_phrase_ranks_the_page_that_has_it_first(served, browser):
    page, _ = _open_search(browser, served, "en")
    assert _search(page, '"white paper"')["titles"][0].startswith("#AccoglienzaToscana")
    quoted, loose = _search(page, '"social inclusion"'), _search(page, "social inclusion")
    assert set(quoted["refs"]) == set(loose["refs"])  # quotes order, they do not filter
    page.close()


def test_minus_excludes_the_pages_with_that_word(served, browser):
    page, watch = _open_search(browser, served, "en", "women -steam")
    titles = _titles(page)
    assert titles and not [t for t in titles if "STEAM" in t]
    assert "SMART Volunteering for migrant women" in titles
    assert any("steam" in line for line in _status(page))
    page.close()
    page, _ = _open_search(browser, served, "en", "-steam")
    assert page.locator("#cmp-search-results > li").count() == 0
    assert watch.problems == []
    page.close()


# ---- Ranking ----

@pytest.mark.parametrize("lang", LANGS)
def test_a_name_or_acronym_comes_first(served, browser, lang):
    page, _ = _open_search(browser, served, lang)
    assert _search(page, "social pay")["titles"][0] == "SocialPay"
    lecim = _search(page, "LeCiM")
    assert lecim["kinds"][:4] == ["project", "workshop", "workshop", "workshop"]
    cinformi = _search(page, "cinformi")  # the practice and the organisation match alike
    assert cinformi["kinds"][:2] == ["practice", "organisation"]
    guide = _search(page, "socialpay")  # the contributor guide names socialpay.yml
    assert guide["titles"][0] == "SocialPay" and guide["kinds"][-1] == "page"
    page.close()


@pytest.mark.parametrize(("lang", "word"), [("it", "integrazione"), ("es", "integración"),
                                            ("es", "integracion")])
def test_a_title_that_only_shares_a_stem_does_not_come_first(served, browser, lang, word):
    page, _ = _open_search(browser, served, lang)
    found = _search(page, word)
    assert found["titles"][0] != "Programma Integra"
    assert "Programma Integra" not in found["titles"][:5]
    first = found["titles"][0] + " " + found["subtitles"][0]  # the name, and its translation
    assert re.search(word[:9], first, re.I)  # a title with the very word
    page.close()


def test_ties_go_to_the_type_first_in_the_policy_then_to_the_page_order(served, browser):
    page, _ = _open_search(browser, served, "en")
    order = page.evaluate("""async () => {
      const kinds = (await compendiumSearch.manifest()).ranking.kinds;
      const base = {matched: 1, quoted: 0, named: 0, titled: 0, score: 2};
      const results = [{...base, kind: "organisation", number: 1},
                       {...base, kind: "practice", number: 9},
                       {...base, kind: "practice", number: 3},
                       {...base, kind: "page", number: 0}];
      results.sort((a, b) => compendiumSearch.compare(a, b, kinds));
      return results.map((r) => r.kind + r.number);
    }""")
    assert order == ["practice3", "practice9", "organisation1", "page0"]
    page.close()


# ---- What the reader sees ----

SNIPPET_QUERIES = {"it": ["integrazione", "donne migranti", "sardex", "formazione"],
                   "en": ["integration", "migrant women", "sardex", "training"],
                   "es": ["integración", "mujeres migrantes", "sardex", "formación"]}


@pytest.mark.parametrize("lang", LANGS)
def test_every_snippet_shows_the_matched_words_when_the_text_holds_them(served, browser, lang):
    page, _ = _open_search(browser, served, lang)
    report = page.evaluate("""async (queries) => {
      const S = window.compendiumSearch;
      const labels = (await S.manifest()).labels;
      const out = [];
      for (const q of queries) {
        const found = await S.search(q, false);
        for (const result of found.results.slice(0, 5)) {
          const shown = await S.page(result);
          const li = S.renderResult(result, found, shown, labels);
          const snippet = li.querySelector(".cmp-result__snippet");
          out.push({q, title: shown.doc.title,
                    inText: result.hits.some((list) => list.length),
                    marked: snippet.querySelectorAll("mark").length,
                    labelled: snippet.querySelectorAll(".cmp-result__label").length,
                    text: snippet.textContent});
        }
      }
      return out;
    }""", SNIPPET_QUERIES[lang])
    assert len(report) >= 12
    unmarked = [(r["q"], r["title"]) for r in report if r["inText"] and not r["marked"]]
    assert unmarked == []
    for r in report:  # a field is shown with its label, never run into the text before it
        assert not r["text"].startswith(r["title"])


def test_the_header_box_suggests_results_as_a_keyboard_combobox(served, browser):
    with watched_page(browser, served) as page:
        page.goto(f"{served}/en/practices/socialpay/")
        page.locator("main h1").click()
        page.keyboard.press("/")  # focuses the box
        assert page.evaluate("document.activeElement.id") == "cmp-header-q"
        box = page.locator("#cmp-header-q")
        assert box.get_attribute("role") == "combobox"
        assert box.get_attribute("aria-expanded") == "false"
        page.keyboard.type("lecim", delay=50)
        options = page.locator("#cmp-header-list [role=option]")
        wait_until(page, "(document.getElementById('cmp-header-option-all') || {}).textContent"
                         " === 'All results for “lecim”'")
        assert box.get_attribute("aria-expanded") == "true"
        assert options.first.inner_text().startswith("Learning Cities for Migrants Inclusion")
        assert options.last.inner_text() == "All results for “lecim”"
        assert "suggestions" in page.locator("#cmp-header-live").inner_text()
        assert axe_violations(page) == []
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        second = options.nth(1)
        assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
        assert second.get_attribute("aria-selected") == "true"
        page.keyboard.press("ArrowUp")
        assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
        page.keyboard.press("Escape")
        assert page.locator("#cmp-header-list").is_hidden()
        assert box.get_attribute("aria-expanded") == "false"
        page.keyboard.type(" ")
        options.first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")  # opens the chosen result
        page.wait_for_url("**/en/projects/lecim/?h=*")
        page.locator("#cmp-header-q").fill("lecim")
        page.locator("#cmp-header-q").press("Enter")  # nothing chosen: the search page
        page.wait_for_url("**/en/search/?q=lecim")


def test_the_page_opened_from_a_result_highlights_the_words_until_cleared(served, browser):
    page, watch = _open_search(browser, served, "en", "payments sassari")
    page.locator("#cmp-search-results > li a").first.click()
    page.wait_for_load_state("load")
    assert urlparse(page.url).path == "/en/practices/socialpay/"
    marks = page.locator("article mark.cmp-highlight-word")
    marks.first.wait_for()
    assert {m.lower() for m in marks.all_inner_texts()} == {"payments", "sassari"}
    note = page.locator(".cmp-highlight")
    note.wait_for()
    assert "payments" in note.inner_text() and "sassari" in note.inner_text()
    assert axe_violations(page) == []
    note.get_by_role("button").click()
    assert marks.count() == 0 and note.count() == 0
    assert "h=" not in page.url
    assert page.evaluate("document.activeElement.tagName") == "H1"
    assert watch.problems == []
    page.close()


def test_the_results_page_counts_each_type_and_narrows_to_one(served, browser):
    page, watch = _open_search(browser, served, "en", "lecim")
    types = page.locator("#cmp-search-types")
    assert types.is_visible()
    labels = types.locator("label").all_inner_texts()
    assert labels[0].startswith("All (") and "Workshops and events (3)" in labels
    counts = [int(re.search(r"\((\d+)\)", label).group(1)) for label in labels]
    assert counts[0] == sum(counts[1:]) == page.locator("#cmp-search-results > li").count()
    assert axe_violations(page) == []
    types.get_by_label("Workshops and events").check()
    wait_until(page, "document.querySelectorAll('#cmp-search-results > li').length === 3")
    kinds = page.locator("#cmp-search-results > li").evaluate_all(
        "items => items.map((li) => li.dataset.kind)")
    assert kinds == ["workshop"] * 3
    assert parse_qs(urlparse(page.url).query) == {"q": ["lecim"], "type": ["workshop"]}
    assert _status(page)[0].startswith(f"{counts[0]} results") and "3 of" in _status(page)[0]
    page.reload()
    _settled(page)
    assert types.get_by_label("Workshops and events").is_checked()
    assert page.locator("#cmp-search-results > li").count() == 3
    assert watch.problems == []
    page.close()


def _practice(title: str, description: str) -> str:
    return (f"source_language: en\ntitle:\n  en: {title}\npromoters: [helping-hands]\n"
            f"subject:\n  en: {title}\ndescription:\n  en: {description}\n"
            "provenance:\n  source: fixture-source\n  location: {en: sheet 9}\n")


def test_the_query_words_in_a_row_or_close_together_rank_first(make_project, tmp_path,
                                                                 browser):
    """Two pages alike but for how far apart the words stand; the far one comes first in
    the page order, so only the words' proximity can put the near one before it."""
    filler = "people meet every week to share news about work school and family life"
    overlay = tmp_path / "overlay"
    (overlay / "practices").mkdir(parents=True)
    (overlay / "practices" / "a-far.yml").write_text(_practice(
        "Northern example", f"The garden opens on Mondays; {filler}; a cooperative runs it."))
    (overlay / "practices" / "b-near.yml").write_text(_practice(
        "Southern example", f"The garden cooperative opens on Mondays; {filler}; it runs."))
    root = make_project(overlay=overlay)
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as base:
        page, _ = _open_search(browser, base, "en")
        assert _search(page, "garden cooperative")["titles"][:2] == [
            "Southern example", "Northern example"]  # in a row
        assert _search(page, "cooperative garden")["titles"][:2] == [
            "Southern example", "Northern example"]  # close together
        assert _search(page, "mondays")["titles"][:2] == [
            "Northern example", "Southern example"]  # a single word: a tie, in page order
        page.close()


def test_slash_focuses_the_search_pages_own_box(served, browser):
    page, watch = _open_search(browser, served, "es", "vivienda")
    assert page.locator("script[src$='header-search.js']").count() == 0  # its own box lists
    page.locator("main h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "cmp-search-q"
    assert page.locator("#cmp-search-q").input_value() == "vivienda"
    assert watch.problems == []
    page.close()
