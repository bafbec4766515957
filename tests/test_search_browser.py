"""Search and the practice finder in real headless Chromium, over http and from disk."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from compendium.search.analysis import analyzer, fold, words
from tests.browser import PageWatch, serve, wait_until, watched_page
from tests.conftest import REPO
from tests.helpers import LANGUAGES, PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LANGS = LANGUAGES


def _record_texts(lang: str) -> str:
    """Every text of the bundled records in one language, as written."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == lang and isinstance(item, str):
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted((REPO / "data").rglob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return "\n".join(found)


def _tricky_words(lang: str) -> str:
    language = analyzer(lang)
    stopwords = " ".join(sorted(language.stopwords))
    return f"{stopwords} day days cry 1ª ½ città perché Ñandú dell'Europa e-mail x_y 2019"


def _site_lexicon(site: Path, lang: str) -> dict[str, str]:
    """Folded word -> term, from the lexicon the build shipped (words as written)."""
    folder = site / PREFIX[lang] / "search" / "data"
    [path] = folder.glob("l-*.js")
    script = path.read_text(encoding="utf-8")
    entries = json.loads(script[script.index(",[") + 1:-3])
    return {fold(word): term for term, _pages, found in entries for word in found.split()}


@pytest.mark.parametrize("lang", LANGS)
def test_the_browser_analyzes_words_as_the_index_was_built(built_site, browser, lang):
    """Same splitting, folding, stop words and terms in the browser as in Python: from the
    lexicon for words of the text, and through lunr-languages' stemmer (against
    snowballstemmer, or lunr.js' Porter) for every other word."""
    text = _record_texts(lang) + "\n" + _tricky_words(lang)
    text += "\n" + fold(text)  # words typed without accents
    language = analyzer(lang)
    lexicon = _site_lexicon(built_site, lang)
    expected = [[word, None if language.is_stopword(word)
                 else lexicon.get(fold(word)) or language.stem_term(word)
                 if not fold(word).isdigit() else fold(word)] for word in words(text)]
    stems = [[word, language.stem_term(word)] for word in words(text)]
    with serve(built_site) as base:
        page = browser.new_page()
        page.goto(f"{base}/{PREFIX[lang]}search/")
        found = page.evaluate("text => compendiumSearch.analyze(text)", text)
        stemmed = page.evaluate("text => compendiumSearch.stemmed(text)", text)
        page.close()
    assert len(found) == len(expected) > 1000
    assert [(e, f) for e, f in zip(expected, found, strict=True) if e != f] == []
    assert [(e, f) for e, f in zip(stems, stemmed, strict=True) if e != f] == []
    assert len({term for _, term in stems} - set(lexicon.values())) > 500  # the stemmer ran


@pytest.mark.parametrize(("lang", "query", "title", "marked"), [
    ("it", "lavoro", "Ponti verso il lavoro", "lavoro"),
    ("en", "guidance", "Bridges to work", "guidance"),
    ("es", "orientacion", "Puentes hacia el empleo", "Orientación"),
])
def test_search_page_lists_results_with_matched_words_marked(built_site, browser, lang, query,
                                                             title, marked):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/{PREFIX[lang]}search/?q={query}")
        results = page.locator("main #cmp-search-results > li")
        results.first.wait_for()
        assert page.locator("#cmp-search-q").input_value() == query
        status = page.locator("main [role=status]")
        assert status.inner_text().startswith(str(results.count()))
        first = results.first
        assert first.locator("a").inner_text() == title
        assert marked in first.locator("mark").all_inner_texts()
        first.locator("a").click()
        page.wait_for_load_state("load")
        assert page.url.startswith(f"{base}/{PREFIX[lang]}practices/bridges/?h=")
        assert watch.problems == []
        page.close()


def test_the_address_follows_the_words_typed_and_no_match_is_explained(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/search/")
        status = page.locator("main [role=status]")
        assert status.inner_text() == "Type one or more words to search."
        page.locator("#cmp-search-q").press_sequentially("mentor", delay=20)
        wait_until(page, "new URL(location.href).searchParams.get('q') === 'mentor'")
        page.locator("#cmp-search-results > li").first.wait_for()
        assert page.locator("#cmp-search-results > li a").first.inner_text() == "Women first"
        page.locator("#cmp-search-q").fill("zzzqx")
        wait_until(page, "document.querySelector('#cmp-search-status').textContent"
                               ".startsWith('Nothing matches')")
        assert page.locator("#cmp-search-results > li").count() == 0
        assert parse_qs(urlparse(page.url).query) == {"q": ["zzzqx"]}
        assert watch.problems == []
        page.close()


def test_only_the_readers_language_is_downloaded_and_only_on_search(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base}/es/practices/bridges/")
        assert not [url for url in requested if "/search/data/" in url or "lunr" in url]
        page.goto(f"{base}/es/search/?q=empleo")
        page.locator("#cmp-search-results > li").first.wait_for()
        data = [url for url in requested if "/search/data/" in url]
        assert data and all(url.startswith(f"{base}/es/search/data/") for url in data)
        # A word of the text is looked up in the lexicon: no stemmer to download.
        assert not [url for url in requested if "/vendor/lunr/" in url]
        page.locator("#cmp-search-q").fill("empleadas")  # a form the text does not use
        wait_until(page, "document.querySelector('#cmp-search-status').textContent"
                         ".startsWith('2 resultados para «empleadas»')")
        assert f"{base}/assets/vendor/lunr/lunr.es.min.js" in requested
        page.close()


def test_the_header_box_searches_from_any_page_with_the_keyboard(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/organisations/city-hall/")
        for _ in range(40):  # reach it with Tab, as a keyboard user would
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "cmp-header-q":
                break
        assert page.evaluate("document.activeElement.id") == "cmp-header-q"
        page.keyboard.type("workshops")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/en/search/?q=workshops")
        page.locator("#cmp-search-results > li").first.wait_for()
        assert page.locator("#cmp-search-q").input_value() == "workshops"
        assert watch.problems == []
        page.close()


def _visible_titles(page) -> list[str]:
    return page.locator("#cmp-practices > li:visible .cmp-card__title a").all_inner_texts()


def _count_of(page, facet: str, value: str) -> str:
    box = page.locator(f"#cmp-finder input[name='{facet}'][value='{value}']")
    return box.locator("xpath=..").locator("[data-count]").text_content()


def _open_facet(page, name: str) -> None:
    """Unfold a facet, as a reader does before ticking one of its values."""
    page.locator("#cmp-finder summary", has_text=name).click()


def test_finder_combines_facets_and_words_and_keeps_state_in_the_address(built_site, browser):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/practices/")
        assert page.locator("#cmp-finder").is_visible()
        assert page.locator("#cmp-finder-status").inner_text() == "3 of 3 good practices shown"
        assert _count_of(page, "country", "IT") == "(2)"

        _open_facet(page, "Country")
        page.get_by_role("checkbox", name="Spain").check()
        page.wait_for_url("**/en/practices/?country=ES")
        assert _visible_titles(page) == ["Women first"]
        assert _count_of(page, "theme", "housing") == "(1)"
        assert _count_of(page, "country", "IT") == "(2)"  # a value of the same facet: OR

        page.get_by_role("checkbox", name="Italy").focus()
        page.keyboard.press("Space")  # facets work from the keyboard
        page.wait_for_url("**/en/practices/?country=IT&country=ES")
        assert _visible_titles(page) == ["Bridges to work", "Women first"]

        page.locator("#cmp-finder-q").fill("guidance")
        wait_until(page, "location.search.includes('q=guidance')")
        wait_until(page, "document.querySelectorAll('#cmp-practices > li:not([hidden])')"
                               ".length === 1")
        assert _visible_titles(page) == ["Bridges to work"]

        page.go_back()  # before the words: Italy and Spain
        wait_until(page, "!location.search.includes('q=')")
        page.go_back()  # Spain only
        wait_until(page, "location.search === '?country=ES'")
        assert _visible_titles(page) == ["Women first"]
        assert page.get_by_role("checkbox", name="Spain").is_checked()
        assert not page.get_by_role("checkbox", name="Italy").is_checked()
        assert watch.problems == []
        page.close()


@pytest.mark.parametrize(("lang", "query", "titles"), [
    ("it", "theme=housing", ["Women first"]),
    ("es", "year=2018", ["Puentes hacia el empleo"]),
    ("es", "promoter-type=ngo&promoter-type=public-authority&q=mujeres", ["Women first"]),
])
def test_a_shared_finder_address_opens_the_same_list(built_site, browser, lang, query, titles):
    with serve(built_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/{PREFIX[lang]}practices/?{query}")
        wait_until(
            page,
            f"document.querySelectorAll('#cmp-practices > li:not([hidden])').length === "
            f"{len(titles)}")
        assert _visible_titles(page) == titles
        # the reader sees what filters the list: a chip for each value and the words
        values = sum(len(v) for v in parse_qs(query).values())
        assert page.locator("#cmp-finder-chips button").count() == values
        assert watch.problems == []
        page.close()


def _file_url(site: Path, path: str) -> str:
    return (site / path).as_uri()


def test_search_and_finder_work_from_disk(offline_site, browser):
    with watched_page(browser, "file://") as page:
        page.goto(_file_url(offline_site, "en/search/index.html") + "?q=guidance")
        result = page.locator("#cmp-search-results > li a").first
        result.wait_for()
        assert result.get_attribute("href").endswith("practices/bridges/index.html?h=guidance")
        result.click()
        page.wait_for_load_state("load")
        bridges = _file_url(offline_site, "en/practices/bridges/index.html")
        assert page.url == bridges + "?h=guidance"
        assert page.locator("article mark").first.inner_text().lower() == "guidance"

        page.goto(_file_url(offline_site, "es/practices/index.html"))
        _open_facet(page, "Tema")
        page.get_by_role("checkbox", name="Vivienda").check()
        wait_until(page, "location.search === '?theme=housing'")
        assert _visible_titles(page) == ["Women first"]
        page.locator("#cmp-finder-q").fill("orientacion")
        wait_until(page, "document.querySelectorAll('#cmp-practices > li:not([hidden])')"
                               ".length === 0")
        assert page.locator("#cmp-finder-none").is_visible()
