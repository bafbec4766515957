"""The prebuilt search index: analysis per language, boosts, shards, one language per index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lunr.index import Index

from compendium.search.analysis import analyzer, fold, words
from compendium.search.bundle import bundle
from compendium.search.documents import SearchDocument, page_document
from compendium.search.index import FIELDS, build_index, shard_index
from compendium.search.refs import ref_of
from tests.helpers import PREFIX


@pytest.mark.parametrize(("lang", "spellings"), [
    ("it", ["città", "citta", "CITTÀ"]),
    ("it", ["integrazione", "integrazioni"]),
    ("es", ["integración", "integraciones"]),
    ("es", ["migrantes", "migrante"]),
    ("en", ["employment", "employments"]),
    ("en", ["training", "trainings"]),
])
def test_forms_of_a_word_look_for_the_same_term(lang, spellings):
    language = analyzer(lang)
    assert len({language.query_term(words(form)[0]) for form in spellings}) == 1


@pytest.mark.parametrize(("lang", "text", "typed"), [
    ("es", "La integración de las personas", "integracion"),
    ("it", "Le città inclusive", "citta"),
    ("es", "Información práctica", "informacion"),
    ("en", "Café culture", "cafe"),
])
def test_words_typed_without_accents_find_accented_text(lang, text, typed):
    language = analyzer(lang)
    assert language.query_term(typed) in language.index_terms(text)


@pytest.mark.parametrize(("lang", "stopword"), [("it", "della"), ("es", "las"), ("en", "the")])
def test_stop_words_are_neither_indexed_nor_searched(lang, stopword):
    language = analyzer(lang)
    assert analyzer(lang).query_term(stopword) is None
    assert language.index_terms(f"{stopword} {stopword}") == []


def test_english_stems_as_lunr_js_does():
    """lunr.js keeps a final y after a vowel: `day`, not lunr.py's `dai`."""
    english = analyzer("en")
    assert [english.query_term(w) for w in ("day", "days", "cry", "key")] == [
        "day", "day", "cri", "key"]


def test_a_language_without_a_stemmer_is_only_folded():
    other = analyzer("xx")
    assert other.index_terms("Ça débute") == ["ca", "debute"]
    assert other.query_pipeline == ("compendium-fold",)


def test_words_split_on_anything_but_letters_digits_and_underscore():
    assert words("dell'integrazione, 2019–2021: «città»") == [
        "dell", "integrazione", "2019", "2021", "città"]
    assert fold("Ñandú") == "Nandu"


def _doc(ref: str, title: str = "", summary: str = "", body: str = "") -> SearchDocument:
    return SearchDocument(ref, f"page-{ref}/", "practice", title, summary, body)


def _ranking(index: Index, term: str) -> list[str]:
    return [r["ref"] for r in index.query(_term_query(index, term))]


def _term_query(index: Index, term: str):
    query = index.create_query()
    query.term(term, use_pipeline=False)
    return query


def test_title_weighs_more_than_summary_more_than_body():
    filler = "other words here"
    docs = [
        _doc("body", "Unrelated", filler, "housing for families " + filler),
        _doc("title", "Housing first", filler, filler),
        _doc("summary", "Unrelated too", "Housing help " + filler, filler),
    ]
    index = _load(build_index(docs, analyzer("en")))
    assert _ranking(index, analyzer("en").query_term("housing")) == ["title", "summary", "body"]


def test_the_index_is_what_lunr_py_would_build():
    from lunr.builder import Builder

    english = analyzer("en")
    texts = ["Migrant women: employment and training for women", "Housing first, housing now",
             "", "Training courses in Trento and training online", "Città inclusive"]
    docs = [_doc(ref_of(i), text, text[:12], text * 2) for i, text in enumerate(texts)]
    builder = Builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        builder.add({"ref": doc.ref, **{name: english.index_terms(getattr(doc, name))
                                        for name, _ in FIELDS}})
    expected = {**builder.build().serialize(), "pipeline": list(english.query_pipeline)}
    assert build_index(docs, english) == expected


def test_shards_answer_like_the_whole_index():
    texts = ["migrant women employment", "housing first for families", "training courses",
             "employment and training", "women mentoring circles", "zebra crossing"]
    docs = [_doc(ref_of(i), text, "", text) for i, text in enumerate(texts)]
    serialized = build_index(docs, analyzer("en"))
    whole = _load(serialized)
    shards = shard_index(serialized, max_bytes=200)
    assert len(shards) > 2
    starts = [shard.first for shard in shards] + ["\uffff"]
    for number, shard in enumerate(shards):
        part = _load(shard.index)
        for term, _posting in shard.index["invertedIndex"]:
            assert starts[number] <= term < starts[number + 1]
            assert _scores(part, term) == _scores(whole, term), term
    assert len({term for shard in shards for term, _ in shard.index["invertedIndex"]}) == len(
        serialized["invertedIndex"])


def _scores(index: Index, term: str) -> dict[str, float]:
    return {r["ref"]: round(r["score"], 6) for r in index.query(_term_query(index, term))}


def _load(serialized: dict) -> Index:
    """lunr.py cannot run the browser's pipeline names; queries here use no pipeline."""
    return Index.load({**serialized, "pipeline": []})


def test_bundle_files_are_scripts_that_hand_over_their_data():
    docs = [_doc("0", "Housing first", "Homes for families", "Long text " * 10)]
    files = bundle(docs, "en", {"practice": "Good practice"})
    manifest = _data(files["manifest.js"])
    assert manifest["lang"] == "en" and manifest["count"] == 1
    assert manifest["pipeline"] == ["stopWordFilter", "stemmer", "compendium-fold"]
    assert manifest["scripts"] == ["lunr.min.js"]
    [(start, shard)] = manifest["shards"]
    assert _data(files[shard])["invertedIndex"][0][0].startswith(start)
    fragment = _data(files[f"{manifest['fragments']}/0.js"])
    assert fragment == {"url": "page-0/", "title": "Housing first", "kind": "Good practice",
                        "text": "Homes for families\n" + "Long text " * 10}


def _data(script: str):
    match = re.fullmatch(r'compendiumSearch\.receive\("\w+","[^"]+",(.*)\);\n', script, re.S)
    return json.loads(match.group(1))


def test_a_hand_written_page_is_summarised_by_its_first_paragraph():
    html = ("<h1>About</h1><p>The compendium &amp; its <em>sources</em>.</p>"
            "<h2>Methods</h2><p>How records were made.</p><script>ignored()</script>")
    document = page_document("9", "about/", "About", html)
    assert document.summary == "The compendium & its sources."
    assert document.body == "Methods How records were made."


def _terms(site: Path, lang: str) -> set[str]:
    folder = site / PREFIX[lang] / "search" / "data"
    return {term for shard in folder.glob("s-*.js")
            for term, _ in _data(shard.read_text(encoding="utf-8"))["invertedIndex"]}


def _fragments(site: Path, lang: str) -> list[dict]:
    folder = site / PREFIX[lang] / "search" / "data"
    return [_data(f.read_text(encoding="utf-8")) for f in folder.glob("f-*/*.js")]


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "own", "others"), [
    ("it", "ponti", {"bridges", "puentes"}),
    ("en", "bridges", {"ponti", "puentes"}),
    ("es", "puentes", {"ponti", "bridges"}),
])
def test_each_language_indexes_its_own_pages_only(built_site, lang, own, others):
    terms = _terms(built_site, lang)
    language = analyzer(lang)
    assert language.query_term(own) in terms
    assert not {analyzer(other).query_term(word) for other, word in
                zip(("it", "en", "es"), ("ponti", "bridges", "puentes"), strict=True)
                if word in others} & terms
    titles = {fragment["title"] for fragment in _fragments(built_site, lang)}
    home_title = {"it": "Ponti verso il lavoro", "en": "Bridges to work",
                  "es": "Puentes hacia el empleo"}[lang]
    assert home_title in titles
    manifest = _data((built_site / PREFIX[lang] / "search/data/manifest.js").read_text())
    assert manifest["lang"] == lang and manifest["count"] == len(titles)


@pytest.mark.slow
def test_hand_written_pages_are_indexed_with_links_from_the_language_home(built_site):
    fragments = {f["url"]: f for f in _fragments(built_site, "en")}
    assert fragments["about/"]["kind"] == "Page"
    assert fragments["practices/bridges/"]["kind"] == "Good practice"
    assert not [url for url in fragments if url.startswith(("search", "practices/country"))]


@pytest.mark.slow
def test_unpublished_people_are_not_in_any_search_file(built_site):
    files = list(built_site.rglob("search/data/**/*.js"))
    assert len(files) > 10
    for file in files:
        content = file.read_text(encoding="utf-8").lower()
        assert not {"secretina", "nascosta", "riservata", "000000"} & set(words(content)), file
