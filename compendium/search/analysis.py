"""How text becomes index terms: the very steps the browser applies to queries.

The index is built here, in Python, and queried in the reader's browser, so
both sides must turn a word into the same term. For each language:

1. words: NFC text split on anything that is not a letter, a digit or `_`
   (the browser splits queries with the same rule), lowercased;
2. accents folded first, so that whatever follows sees `integracion` whether
   the reader typed `integración` or not: a term depends only on the folded
   word, hence accents and case never change a result or its rank;
3. stop words dropped (lunr-languages' lists, folded; lunr.js' own for English);
4. stemmed: Snowball for the languages lunr-languages covers (the Python
   `snowballstemmer` package generates the same code), lunr.js' Porter
   stemmer for English; other languages are not stemmed.

Stemmers have accent-dependent rules (Spanish `integración` loses `-ación`,
`integracion` does not), so stemming folded words alone would split words of
one family. The `Lexicon` of the indexed text mends that: a folded word keeps
the term its written (accented) form stems to, `integracion` -> `integr`.
The browser receives the lexicon with the manifest and looks words up in it;
only words the text never uses go through the vendored stemmer, which yields
what Python's stemmer yields on the same folded word (tests/test_search_browser.py
runs both on every word of the records).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer
from lunr.stemmer import PorterStemmer

# Languages lunr-languages stems, by ISO 639-1 code, with Snowball's name for them.
SNOWBALL = {"it": "italian", "es": "spanish", "fr": "french", "de": "german",
            "pt": "portuguese"}
_WORD_RE = re.compile(r"[^\W]+")  # letters, digits and "_", as /[\p{L}\p{N}_]+/u in JS
_STOPWORDS = Path(__file__).parent / "stopwords"
_UNSEEN = object()


def words(text: str) -> list[str]:
    """The lowercased words of a text, split as the browser splits a query."""
    return _WORD_RE.findall(unicodedata.normalize("NFC", text).lower())


@lru_cache(maxsize=1 << 16)  # a text repeats its words
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
    """A language's rules: its stop words and its stemmer, on folded words."""

    lang: str
    stopwords: frozenset[str]  # folded
    stem: object  # callable str -> str, as the written word is stemmed
    stemmer_label: str | None  # the lunr.js pipeline function stemming it in the browser

    def is_stopword(self, word: str) -> bool:
        return fold(word) in self.stopwords

    def stem_term(self, word: str) -> str | None:
        """What the browser's stemmer makes of a word the lexicon lacks; None for a stop word."""
        folded = fold(unicodedata.normalize("NFC", word).lower())
        if folded in self.stopwords:
            return None
        return self.stem(folded)

    def written_term(self, word: str) -> str:
        """The term of a word as written: stemmed with its accents, then folded."""
        return fold(self.stem(word))


@cache
def analyzer(lang: str) -> Analyzer:
    """The rules of a language; languages without a stemmer are only folded."""
    # Stemming is the costly step; a language's words recur across pages and builds.
    if lang == "en":
        return Analyzer("en", _stopwords("en"), cache(_LunrJsPorter().stem), "stemmer")
    if lang in SNOWBALL:
        stemmer = snowballstemmer.stemmer(SNOWBALL[lang])
        return Analyzer(lang, _stopwords(lang), cache(stemmer.stemWord), f"stemmer-{lang}")
    return Analyzer(lang, frozenset(), _identity, None)


def browser_scripts(lang: str) -> tuple[str, ...]:
    """Vendored scripts (under assets/vendor/lunr/) the browser's stemmer needs for `lang`."""
    if lang in SNOWBALL:
        return ("lunr.min.js", "lunr.stemmer.support.min.js", f"lunr.{lang}.min.js")
    if lang == "en":
        return ("lunr.min.js",)
    return ()


@dataclass
class Lexicon:
    """The words of one language's indexed text and the term each stands for.

    `term(word)` depends on the folded word only. Where the stemmer would
    stem the folded word differently from its written form (`integracion`
    vs `integración`), the written form's term is kept in `overrides`.
    """

    analyzer: Analyzer
    overrides: dict[str, str]
    words: dict[str, str]  # every folded word of the text (stop words aside) -> its term
    written: dict[str, str] = field(default_factory=dict)  # folded word -> most used spelling
    _memo: dict[str, object] = field(default_factory=dict, repr=False)

    def term(self, word: str) -> str | None:
        """The term a word is indexed under and looked for; None for a stop word."""
        found = self._memo.get(word, _UNSEEN)
        if found is _UNSEEN:
            folded = fold(unicodedata.normalize("NFC", word).lower())
            if folded in self.analyzer.stopwords:
                found = None
            elif _is_number(folded):
                found = folded  # the browser keeps these as typed, without its stemmer
            else:
                found = self.overrides.get(folded) or self.analyzer.stem(folded)
            self._memo[word] = found
        return found

    def terms(self, text: str) -> list[str]:
        """Terms of a text, in order (stop words left out)."""
        return [term for term in map(self.term, words(text)) if term is not None]

    def positions(self, text: str, start: int = 0) -> tuple[dict[str, list[int]], int]:
        """Each term of a text with the positions of its words (counting every word, stop
        words too, from `start`, in order of first occurrence), and the number of words."""
        found: dict[str, list[int]] = {}
        all_words = words(text)
        for position, word in enumerate(all_words, start):
            term = self.term(word)
            if term is not None:
                found.setdefault(term, []).append(position)
        return found, len(all_words)


def build_lexicon(language: Analyzer, texts: Iterable[str]) -> Lexicon:
    """The lexicon of a body of text: each folded word gets the term of its most
    frequent written form (ties: the first in alphabetical order)."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(words(text))
    written: dict[str, Counter] = defaultdict(Counter)
    for word, times in counts.items():
        written[fold(word)][word] += times
    overrides: dict[str, str] = {}
    spelling: dict[str, str] = {}
    for folded in sorted(written):
        if folded in language.stopwords:
            continue
        best = spelling[folded] = min(written[folded].items(),
                                      key=lambda item: (-item[1], item[0]))[0]
        term = language.written_term(best)
        if term != language.stem(folded) and not _is_number(folded):
            overrides[folded] = term
    lexicon = Lexicon(language, overrides, {}, spelling)
    for folded in sorted(written):
        term = lexicon.term(folded)
        if term is not None:
            lexicon.words[folded] = term
    return lexicon


def _stopwords(lang: str) -> frozenset[str]:
    """lunr-languages' stop words, folded: `è` and `e`, `más` and `mas` alike."""
    lines = (_STOPWORDS / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line and not line.startswith("#"))


def _is_number(word: str) -> bool:
    r"""Digits and "_" only, as /^[\p{N}_]+$/u in JS."""
    return all(ch == "_" or unicodedata.category(ch).startswith("N") for ch in word)


def _identity(word: str) -> str:
    return word
