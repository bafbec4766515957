"""Facet pages' addresses in the words of their language (compendium.facet_paths)."""

from __future__ import annotations

from compendium.facet_paths import facet_paths, legacy_path, path_word


def test_a_label_becomes_a_word_of_ascii_letters_digits_and_hyphens():
    assert path_word("Integración laboral") == "integracion-laboral"
    assert path_word("Reino Unido") == "reino-unido"
    assert path_word("Città") == "citta"
    assert path_word("Castilla-La Mancha / León (2)") == "castilla-la-mancha-leon-2"
    assert path_word("«»!") == ""


def test_words_shared_by_two_values_or_empty_fall_back_to_the_ids():
    labels = {("theme", "housing"): "Vivienda", ("theme", "homes"): "vivienda",
              ("theme", "odd"): "!!", ("theme", "work"): "Empleo",
              ("year", "2019"): None}
    paths = facet_paths({"theme": ["housing", "homes", "odd", "work"], "year": ["2019"]},
                        {"theme": "Tema", "year": "Año"}.get,
                        lambda key, value: labels[(key, value)])
    assert paths == {("theme", "housing"): ("tema", "housing"),
                     ("theme", "homes"): ("tema", "homes"),
                     ("theme", "odd"): ("tema", "odd"),
                     ("theme", "work"): ("tema", "empleo"),
                     ("year", "2019"): ("ano", "2019")}


def test_two_facets_never_share_a_word():
    paths = facet_paths({"city": ["x"], "country": ["y"]}, lambda key: "Lugar",
                        lambda key, value: value)
    assert paths == {("city", "x"): ("city", "x"), ("country", "y"): ("country", "y")}


def test_the_old_address_is_made_of_ids():
    assert legacy_path("country", "IT") == ("country", "it")
