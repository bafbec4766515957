"""The prebuilt search index: analysis per language, fields, positions, shards, files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lunr.index import Index

from compendium.schemas import RECORD_TYPES
from compendium.search.analysis import analyzer, build_lexicon, fold, words
from compendium.search.bundle import bundle
from compendium.search.documents import Passage, SearchDocument, page_document
from compendium.search.index import build_index, field_terms, name_terms, shard_index
from compendium.search.ranking import FIELDS, KINDS, policy
from compendium.search.refs import ref_of
from tests.helpers import PREFIX


def _lexicon(lang: str, *texts: str):
    return build_lexicon(analyzer(lang), texts)


@pytest.mark.parametrize(("lang", "spellings"), [
    ("it", ["città", "citta", "CITTÀ"]),
    ("it", ["integrazione", "integrazioni"]),
    ("es", ["integración", "integraciones", "integracion", "INTEGRACIÓN"]),
    ("es", ["migrantes", "migrante"]),
    ("en", ["employment", "employments"]),
    ("en", ["training", "trainings"]),
])
def test_forms_of_a_word_look_for_the_same_term(lang, spellings):
    lexicon = _lexicon(lang, " ".join(spellings))
    assert len({lexicon.term(form) for form in spellings}) == 1


def test_a_term_depends_on_the_folded_word_only():
    """Accents and case never change a term, hence never a result or its rank."""
    text = ("La integración de las personas, integrar e integraciones; información, "
            "orientación, Andalucía, más allá, público y publicó, Ñandú")
    lexicon = _lexicon("es", text)
    for word in words(text):
        assert lexicon.term(word) == lexicon.term(fold(word)) == lexicon.term(word.upper())


def test_an_unaccented_word_keeps_the_family_of_its_written_form():
    """Snowball strips `-ación` but not `-acion`: the lexicon keeps `integracion` with
    `integrar`, so both spellings find the same pages."""
    lexicon = _lexicon("es", "La integración y cómo integrar a las personas")
    assert lexicon.term("integracion") == lexicon.term("integrar") == "integr"
    assert lexicon.overrides["integracion"] == "integr"
    assert analyzer("es").stem_term("integracion") == "integracion"  # what Snowball alone says


@pytest.mark.parametrize(("lang", "text", "typed"), [
    ("es", "La integración de las personas", "integracion"),
    ("it", "Le città inclusive", "citta"),
    ("es", "Información práctica", "informacion"),
    ("en", "Café culture", "cafe"),
])
def test_words_typed_without_accents_find_accented_text(lang, text, typed):
    lexicon = _lexicon(lang, text)
    assert lexicon.term(typed) in lexicon.terms(text)


@pytest.mark.parametrize(("lang", "stopwords"), [
    ("it", ["della", "è", "e", "perché", "perche"]), ("es", ["las", "más", "mas", "él"]),
    ("en", ["the", "THE"]),
])
def test_stop_words_are_neither_indexed_nor_searched_with_or_without_accents(lang, stopwords):
    lexicon = _lexicon(lang, " ".join(stopwords))
    assert [lexicon.term(word) for word in stopwords] == [None] * len(stopwords)
    assert lexicon.terms(" ".join(stopwords)) == []
    assert lexicon.words == {}


def test_english_stems_as_lunr_js_does():
    """lunr.js keeps a final y after a vowel: `day`, not lunr.py's `dai`."""
    english = analyzer("en")
    assert [english.stem_term(w) for w in ("day", "days", "cry", "key")] == [
        "day", "day", "cri", "key"]


def test_a_language_without_a_stemmer_is_only_folded():
    other = analyzer("xx")
    assert build_lexicon(other, ["Ça débute"]).terms("Ça débute") == ["ca", "debute"]
    assert other.stemmer_label is None


def test_numbers_are_their_own_terms():
    lexicon = _lexicon("it", "Nel 2019, 1ª edizione")
    assert lexicon.term("2019") == "2019"


def test_words_split_on_anything_but_letters_digits_and_underscore():
    assert words("dell'integrazione, 2019–2021: «città»") == [
        "dell", "integrazione", "2019", "2021", "città"]
    assert fold("Ñandú") == "Nandu"


def _doc(ref: str, title: str = "", summary: str = "", body: str = "", kind: str = "practice",
         acronym: str = "") -> SearchDocument:
    return SearchDocument(ref, f"page-{ref}/", kind, title,
                          (Passage(summary),) if summary else (),
                          tuple(Passage(part) for part in body.split("\n") if part), acronym)


def _index(docs: list[SearchDocument], lang: str = "en") -> tuple[dict, Index]:
    lexicon = build_lexicon(analyzer(lang), [t for d in docs for t in
                                            (d.title_text, *(p.text for p in d.passages))])
    serialized = build_index(docs, lexicon)
    return serialized, _load(serialized)


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
    _, index = _index(docs)
    assert _ranking(index, "hous") == ["title", "summary", "body"]
    assert [name for name, _ in FIELDS] == ["name", "title", "summary", "body"]


def test_the_name_field_holds_title_words_as_written_and_whole_names():
    lexicon = _lexicon("it", "Programma Integra integrazione")
    organisation = _doc("0", "Programma Integra", kind="organisation")
    project = _doc("1", "Learning Cities for Migrants Inclusion", acronym="LeCiM")
    practice = _doc("2", "Cinformi - Centro informativo per l'immigrazione")
    assert name_terms(organisation, lexicon) == [
        "programma=", "integra=", "programmaintegra=="]
    assert "integrazione=" not in name_terms(organisation, lexicon)  # only the stem is shared
    assert {"lecim=", "lecim=="} <= set(name_terms(project, _lexicon("en", "LeCiM")))
    assert "cinformi==" in name_terms(practice, lexicon)  # the name before the dash


def test_positions_count_every_word_and_run_on_from_summary_to_body():
    lexicon = _lexicon("en", "Homes for the families. Housing first, families")
    doc = _doc("0", "Homes", "Homes for the families.", "Housing first, families")
    fields = field_terms(doc, lexicon)
    family = lexicon.term("families")
    assert fields["summary"][family] == [3]  # homes(0) for(1) the(2) families(3)
    assert fields["body"][family] == [6]  # housing(4) first(5) families(6)
    assert fields["title"][lexicon.term("homes")] == [0]


def test_the_index_is_what_lunr_py_would_build():
    """lunr.py, given the same terms per field, builds the same index (positions aside)."""
    from lunr.builder import Builder

    texts = ["Migrant women: employment and training for women", "Housing first, housing now",
             "", "Training courses in Trento and training online", "Città inclusive"]
    docs = [_doc(ref_of(i), text, text[:12], text * 2) for i, text in enumerate(texts)]
    serialized, _ = _index(docs)
    lexicon = build_lexicon(analyzer("en"), [t for d in docs for t in
                                            (d.title_text, *(p.text for p in d.passages))])
    builder = Builder()
    builder.ref("ref")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in docs:
        fields = field_terms(doc, lexicon)
        builder.add({"ref": doc.ref, **{
            name: [term for term, positions in fields[name].items()
                   for _ in range(len(positions) or 1)] for name, _ in FIELDS}})
    expected = builder.build().serialize()
    expected["pipeline"] = []
    assert _without_positions(serialized) == expected


def _without_positions(serialized: dict) -> dict:
    return {**serialized, "invertedIndex": [
        [term, {field: {ref: {} for ref in refs} if field != "_index" else refs
                for field, refs in posting.items()}]
        for term, posting in serialized["invertedIndex"]]}


def test_shards_answer_like_the_whole_index_and_hold_the_words_of_their_range():
    texts = ["migrant women employment", "housing first for families", "training courses",
             "employment and training", "women mentoring circles", "zebra crossing"]
    docs = [_doc(ref_of(i), text, "", text) for i, text in enumerate(texts)]
    serialized, whole = _index(docs)
    lexicon = build_lexicon(analyzer("en"), texts)
    vocabulary = {word: [term, 1] for word, term in lexicon.words.items()}
    shards = shard_index(serialized, vocabulary, max_bytes=200)
    assert len(shards) > 2
    starts = [shard.first for shard in shards] + ["\uffff"]
    for number, shard in enumerate(shards):
        part = _load(shard.index)
        for term, _posting in shard.index["invertedIndex"]:
            assert starts[number] <= term < starts[number + 1]
            assert _scores(part, term) == _scores(whole, term), term
        for word, (term, _pages) in shard.index.get("words", {}).items():
            assert starts[number] <= word < starts[number + 1]
            written = word[:term] if isinstance(term, int) else term
            assert written == lexicon.term(word)
    assert len({term for shard in shards for term, _ in shard.index["invertedIndex"]}) == len(
        serialized["invertedIndex"])
    assert {w for shard in shards for w in shard.index.get("words", {})} == set(lexicon.words)


def _scores(index: Index, term: str) -> dict[str, float]:
    return {r["ref"]: round(r["score"], 6) for r in index.query(_term_query(index, term))}


def _load(serialized: dict) -> Index:
    return Index.load({**serialized, "pipeline": []})


def test_bundle_files_are_scripts_that_hand_over_their_data():
    long_text = "\n".join(f"Paragraph {i} about housing and families in town." * 8
                          for i in range(10))
    docs = [_doc("0", "Housing first", "Homes for families", long_text),
            _doc("1", "About", "", "A page", kind="page")]
    files = bundle(docs, "en", {"labels": {}, "strings": {}, "languages": {}})
    manifest = _data(files["manifest.js"])
    assert manifest["lang"] == "en" and manifest["count"] == 2
    assert manifest["kinds"] == [[0, "practice"], [1, "page"]]
    assert manifest["stemmer"] == "stemmer" and manifest["scripts"] == ["lunr.min.js"]
    assert manifest["ranking"] == policy()
    assert "the" in manifest["stopwords"].split()
    first, folder = manifest["firsts"][0], manifest["shards"]
    assert _data(files[f"{folder}/0.js"])["invertedIndex"][0][0].startswith(first)
    lexicon = _data(files[manifest["lexicon"]])
    assert ["hous", 1, "housing"] in lexicon
    fragment = _data(files[f"{manifest['fragments']}/0.js"])
    assert fragment["url"] == "page-0/" and fragment["title"] == "Housing first"
    assert fragment["kind"] == "practice" and fragment["text"][0] == "Homes for families"
    assert len(fragment["more"]) >= 2  # a long page is cut into parts ...
    rest = [_data(files[f"{manifest['fragments']}/0-{n}.js"])["text"]
            for n in range(1, len(fragment["more"]) + 1)]
    shown = fragment["text"] + [p for part in rest for p in part]
    assert shown == ["Homes for families", *long_text.split("\n")]  # ... of whole passages
    positions = [len(words(" ".join(fragment["text"])))]
    for part in rest[:-1]:
        positions.append(positions[-1] + len(words(" ".join(part))))
    assert fragment["more"] == positions


def test_every_page_type_has_a_place_in_the_ranking_policy():
    assert set(KINDS) == set(RECORD_TYPES) | {"page"}
    assert KINDS[0] == "practice" and KINDS[-1] == "page"
    assert set(policy()["kindFactor"]) == set(KINDS)


def _data(script: str):
    match = re.fullmatch(r'compendiumSearch\.receive\("\w+","[^"]+",(.*)\);\n', script, re.S)
    return json.loads(match.group(1))


def test_a_hand_written_page_is_summarised_by_its_first_paragraph_without_its_code():
    html = ("<h1>About</h1><p>The compendium &amp; its <em>sources</em>.</p>"
            "<h2>Methods</h2><p>How records were made, e.g. <code>make build</code>.</p>"
            "<pre><code>title: {en: SocialPay}</code></pre><ul><li>One</li><li>Two</li></ul>"
            "<script>ignored()</script>")
    document = page_document("9", "about/", "About", html)
    assert [p.text for p in document.summary] == ["The compendium & its sources."]
    assert [p.text for p in document.body] == ["Methods", "How records were made, e.g. make build.",
                                                "One", "Two"]


def _shards(site: Path, lang: str) -> list[dict]:
    folder = site / PREFIX[lang] / "search" / "data"
    return [_data(shard.read_text(encoding="utf-8")) for shard in folder.glob("s-*/*.js")]


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
    shards = _shards(built_site, lang)
    vocabulary = {word for shard in shards for word in shard.get("words", {})}
    assert own in vocabulary and not others & vocabulary
    titles = {f["title"] for f in _fragments(built_site, lang) if "title" in f}
    home_title = {"it": "Ponti verso il lavoro", "en": "Bridges to work",
                  "es": "Puentes hacia el empleo"}[lang]
    assert home_title in titles
    manifest = _data((built_site / PREFIX[lang] / "search/data/manifest.js").read_text())
    assert manifest["lang"] == lang and manifest["count"] == len(titles)


@pytest.mark.slow
def test_hand_written_pages_are_indexed_with_links_from_the_language_home(built_site):
    fragments = {f["url"]: f for f in _fragments(built_site, "en") if "url" in f}
    assert fragments["about/"]["kind"] == "page"
    assert fragments["practices/bridges/"]["kind"] == "practice"
    assert not [url for url in fragments if url.startswith(("search", "practices/country"))]
    manifest = _data((built_site / "en/search/data/manifest.js").read_text())
    assert manifest["labels"]["practice"] == {"one": "Good practice", "other": "Good practices"}
    assert manifest["languages"]["it"] == {"name": "Italian", "data": "../../../search/data/",
                                           "search": "../search/"}


@pytest.mark.slow
def test_unpublished_people_are_not_in_any_search_file(built_site):
    files = list(built_site.rglob("search/data/**/*.js"))
    assert len(files) > 10
    for file in files:
        content = file.read_text(encoding="utf-8").lower()
        assert not {"secretina", "nascosta", "riservata", "000000"} & set(words(content)), file


def test_a_names_translation_is_indexed_and_shown_with_the_name_not_in_the_body():
    """Official names are the same in every language; their translation, in the reader's
    language only, counts as the title (`integrazione` in VAMOS' Italian subtitle)."""
    from compendium import open_compendium
    from compendium.search.bundle import LanguageSearch
    from tests.conftest import REPO

    opened = open_compendium(REPO)
    italian = LanguageSearch(opened.site, opened.renderer.localizers["it"],
                             opened.renderer.markdown, True)
    vamos = next(d for d in italian.documents() if d.url == "practices/vamos/")
    assert vamos.title.startswith("VAMOS - Labour and social integration")
    assert vamos.subtitle == "Integrazione lavorativa e sociale dei migranti"
    assert "integrazione" in words(vamos.title_text)
    assert not [p for p in vamos.body if p.text == vamos.subtitle]
    lexicon = build_lexicon(analyzer("it"), [vamos.title_text])
    assert "integrazione=" in name_terms(vamos, lexicon)
    assert "integrazionelavorativaesocialedeimigranti==" in name_terms(vamos, lexicon)
    english = LanguageSearch(opened.site, opened.renderer.localizers["en"],
                             opened.renderer.markdown, True)
    assert next(d for d in english.documents() if d.url == "practices/vamos/").subtitle == ""
