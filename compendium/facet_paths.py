"""Addresses of facet pages in the words of their language.

A facet page lives at `<lang>/practices/<facet word>/<value word>/`: the Spanish
page of the theme "housing" is `es/practices/tema/vivienda/`, the Italian page
of Italy `practices/paese/italia/`. The facet word is an interface string
(`facet_path.<key>` in locales/, chosen by translators: "anio", not "ano"); a
value's word is its label as readers see it (a vocabulary term, a country's
name), reduced to lower-case ASCII letters, digits and hyphens. Years and
project slugs are the same in every language.

A word that two values of a facet would share, or that is empty, falls back to
the value's id (`value_slug`), as does a facet word that two facets would
share: addresses are never ambiguous. The ids are also the address of every
facet page before it had words of its own (`legacy_path`): the build writes a
page there that sends readers on, so that old links keep working.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from compendium.facets import FACETS, value_slug

FacetPath = tuple[str, str]  # (facet word, value word)


def path_word(label: str) -> str:
    """`Integración laboral` -> `integracion-laboral`; `Reino Unido` -> `reino-unido`."""
    folded = unicodedata.normalize("NFKD", label.casefold())
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def legacy_path(key: str, value: str) -> FacetPath:
    """The language-neutral address a facet page had before (ids): `country/it`."""
    return key, value_slug(value)


def facet_paths(values: dict[str, Iterable[str]], key_label: Callable[[str], str],
                value_label: Callable[[str, str], str | None]) -> dict[tuple[str, str], FacetPath]:
    """(facet key, value) -> (facet word, value word) for one language.

    `values`: the values in use per facet key; `key_label(key)`: the facet's word
    as translators wrote it; `value_label(key, value)`: the label readers see,
    or None where the id is the word (years, projects).
    """
    keys = _unique({key: path_word(key_label(key)) for key in values}, lambda key: key)
    paths = {}
    for key, in_use in values.items():
        words = {}
        for value in in_use:
            label = value_label(key, value)
            words[value] = path_word(label) if label is not None else value_slug(value)
        for value, word in _unique(words, value_slug).items():
            paths[(key, value)] = (keys[key], word)
    return paths


def _unique(words: dict[str, str], fallback: Callable[[str], str]) -> dict[str, str]:
    """The same words, except that any word that is empty or shared by two entries
    becomes its entry's `fallback`."""
    seen: dict[str, int] = {}
    for word in words.values():
        seen[word] = seen.get(word, 0) + 1
    return {name: word if word and seen[word] == 1 else fallback(name)
            for name, word in words.items()}


def facet_words(site_values: dict[str, dict], lang_label, country_name, term_label,
                ) -> dict[tuple[str, str], FacetPath]:
    """The addresses of every facet page in one language, from the site's facet values.

    `lang_label(key)` is the facet's word (interface string), `country_name(code)`
    a country's name and `term_label(vocabulary, id)` a vocabulary term's label,
    all in that language.
    """
    by_key = {facet.key: facet for facet in FACETS}

    def label(key: str, value: str) -> str | None:
        facet = by_key[key]
        if facet.vocabulary:
            return term_label(facet.vocabulary, value)
        if key == "country":
            return country_name(value)
        return None  # years, project slugs: the same in every language

    return facet_paths({key: list(values) for key, values in site_values.items()},
                       lang_label, label)
