"""How text becomes index terms: the very steps the browser applies to queries.

The index is built here, in Python, and queried by lunr.js in the reader's
browser, so both sides must turn a word into the same term. For each language:

1. words: NFC text split on anything that is not a letter, a digit or `_`
   (the browser splits queries with the same rule), lowercased;
2. stop words dropped (lunr-languages' lists; lunr.js' own for English);
3. stemmed: Snowball for the languages lunr-languages covers (the Python
   `snowballstemmer` package generates the same code), lunr.js' Porter
   stemmer for English; other languages are not stemmed;
4. accents folded, so that `citta` finds `città`.

Folding comes after stemming because stemmers have accent-dependent rules
(Spanish `integración` loses `-ación`, `integracion` does not). A reader who
types without accents gets the stem of the folded word, so the index holds
that variant too: a word adds fold(stem(w)) and stem(fold(w)), and a query
word needs only fold(stem(q)), which is one of them whichever way it is typed.

`tests/test_search_parity.py` runs the vendored JavaScript on the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import snowballstemmer
from lunr.stemmer import PorterStemmer

# Languages lunr-languages stems, by ISO 639-1 code, with Snowball's name for them.
SNOWBALL = {"it": "italian", "es": "spanish", "fr": "french", "de": "german",
            "pt": "portuguese"}
FOLD = "compendium-fold"  # registered in the browser by compendium-search.js
_WORD_RE = re.compile(r"[^\W]+")  # letters, digits and "_", as /[\p{L}\p{N}_]+/u in JS
_STOPWORDS = Path(__file__).parent / "stopwords"
TEXTS_KEPT = 20_000  # analysed texts kept per language (a field of a page each)


def words(text: str) -> list[str]:
    """The lowercased words of a text, split as the browser splits a query."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text).lower())


def fold(word: str) -> str:
    """The word without accents: `città` -> `citta`, `información` -> `informacion`."""
    decomposed = unicodedata.normalize("NFD", word)
    # Every mark, as the browser's /\p{M}/gu: the two sides must fold alike.
    return "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))


class _LunrJsPorter(PorterStemmer):
    """lunr.py's Porter stemmer, with step 1c as lunr.js writes it.

    lunr.js turns a final y into i only after a consonant (`cry` -> `cri`,
    `day` stays), lunr.py after any vowel in the stem (`day` -> `dai`): the
    index must stem as the browser will stem the query.
    """

    def step1c(self) -> None:
        if self.ends("y") and self.k >= 2 and self.b[self.k - 1] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


@dataclass(frozen=True)
class Analyzer:
    """Words to terms for one language, at index time and at query time."""

    lang: str
    stopwords: frozenset[str]
    stem: object  # callable str -> str
    query_pipeline: tuple[str, ...]  # lunr.js pipeline labels, applied to query words
    _memo: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _texts: dict[str, tuple[Counter, int]] = field(default_factory=dict, compare=False,
                                                   repr=False)

    def query_term(self, word: str) -> str | None:
        """The term a query word looks for; None for a stop word."""
        if word in self.stopwords:
            return None
        return fold(self.stem(word))

    def index_terms(self, text: str) -> list[str]:
        """Terms a text adds to the index (both spellings of accented words)."""
        return [term for word in words(text) for term in self._word_terms(word)]

    def term_counts(self, text: str) -> tuple[Counter, int]:
        """How often each term occurs in a text (in order of first occurrence), and in all.

        The same as counting `index_terms(text)`, with each distinct word analysed once.
        Texts seen lately are not analysed again (callers only read the result): the
        search worker of a preview makes the same index again after every save, where
        one record changed.
        """
        found = self._texts.get(text)
        if found is not None:
            return found
        counts: Counter = Counter()
        for word, times in Counter(words(text)).items():
            for term in self._word_terms(word):
                counts[term] += times
        if len(self._texts) >= TEXTS_KEPT:
            del self._texts[next(iter(self._texts))]  # the oldest
        found = self._texts[text] = (counts, sum(counts.values()))
        return found

    def _word_terms(self, word: str) -> tuple[str, ...]:
        """Index terms of one word; texts repeat their words, so results are kept."""
        found = self._memo.get(word)
        if found is None:
            found = self._memo[word] = self._analyze(word)
        return found

    def _analyze(self, word: str) -> tuple[str, ...]:
        if word in self.stopwords:
            return ()
        stemmed = fold(self.stem(word))
        folded = fold(word)
        variant = self.stem(folded) if folded != word else stemmed
        return (stemmed,) if variant == stemmed else (stemmed, variant)


@cache
def analyzer(lang: str) -> Analyzer:
    """The analyzer of a language; languages without a stemmer are only folded."""
    if lang == "en":
        porter = _LunrJsPorter()
        return Analyzer("en", _stopwords("en"), porter.stem,
                        ("stopWordFilter", "stemmer", FOLD))
    if lang in SNOWBALL:
        stemmer = snowballstemmer.stemmer(SNOWBALL[lang])
        return Analyzer(lang, _stopwords(lang), stemmer.stemWord,
                        (f"stopWordFilter-{lang}", f"stemmer-{lang}", FOLD))
    return Analyzer(lang, frozenset(), _identity, (FOLD,))


def browser_scripts(lang: str) -> tuple[str, ...]:
    """Vendored scripts (under assets/vendor/lunr/) the browser needs for `lang`."""
    if lang in SNOWBALL:
        return ("lunr.min.js", "lunr.stemmer.support.min.js", f"lunr.{lang}.min.js")
    return ("lunr.min.js",)


def _stopwords(lang: str) -> frozenset[str]:
    lines = (_STOPWORDS / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _identity(word: str) -> str:
    return word
