"""The ranking policy of the search, in one place.

The index (index.py) bakes the field boosts into its weights; the browser
(assets/compendium/search.js) receives everything else in the manifest
(`policy()`) and only applies it, so every number and order that decides
which page comes first is written here.

Results are sorted by, in turn:

1. how many of the query's words the page matches (all of them, unless no
   page has them all: then the pages with most of them);
2. for a quoted query, whether the page holds the quoted words as a phrase;
3. an exact name: the query is the page's whole title, acronym or name, or
   the part of its title before a dash, colon or parenthesis ("social pay"
   finds SocialPay, "LeCiM" the project LeCiM before its workshops);
4. every word of the query in the title as written, give or take an ending
   (`integrazione` in a title, not the organisation *Programma Integra*,
   which only shares its stem);
5. the score: BM25 weights of the words in the fields (name > title >
   summary > body; a title word that only shares the stem counts
   `STEM_ONLY_TITLE` of a title match), words completed while typing count
   `PREFIX`; raised when the words stand as a phrase (`PHRASE`) and the
   closer they stand (`PROXIMITY`); multiplied by the page type's factor
   (practices first at an equal match, hand-written pages last);
6. ties: the type's priority (`KINDS`), then the page's id, which follows the
   record types in `KINDS` order and, within a type, the order of the files.
"""

from __future__ import annotations

# Fields of the index and their boosts. `name` holds the title's words as
# written (folded, unstemmed: `integrazione=`) and whole names (`socialpay==`);
# the others hold stems.
FIELDS = (("name", 3), ("title", 6), ("summary", 3), ("body", 1))
TEXT_FIELDS = ("summary", "body")  # one run of word positions: the page's text

# Page types in order of priority, with their factor on the score.
KINDS = ("practice", "project", "workshop", "organisation", "person", "page")
KIND_FACTOR = {"practice": 1.0, "project": 1.0, "workshop": 0.9, "organisation": 0.75,
               "person": 0.75, "page": 0.5}

STEM_ONLY_TITLE = 0.25  # a title word sharing only the stem of a query word
PREFIX = 0.5  # a word the reader is still typing, completed from the lexicon
PHRASE = 0.5  # the query's words in a row, in order: the score times 1.5
PROXIMITY = 0.3  # the words close together: up to times 1.3 when adjacent ...
PROXIMITY_WINDOW = 24  # ... nothing beyond this many words apart

# Typos: edits allowed (substitution, insertion, deletion, transposition of
# two neighbours) by word length, for words the index does not hold.
TYPO_EDITS = ((3, 1), (6, 2))  # from 3 letters one edit, from 6 letters two
RARE_WORD_DF = 2  # a word in at most this many pages may be a typo ...
RARE_WORD_RATIO = 5  # ... of a word in this many times more pages

COMPLETIONS = 20  # most frequent words completing the last word while typing
MIN_PREFIX = 2  # letters before completing
NAME_FORM_EDITS = 2  # forms of a word that count as it in a title: same stem, 2 edits at most
MAX_WORDS = 12  # words searched in a query; the rest are ignored (and the reader told)


def policy() -> dict:
    """The ranking policy for the browser (the manifest's `ranking`)."""
    return {
        "kinds": list(KINDS),
        "kindFactor": KIND_FACTOR,
        "textFields": list(TEXT_FIELDS),
        "stemOnlyTitle": STEM_ONLY_TITLE,
        "prefix": PREFIX,
        "phrase": PHRASE,
        "proximity": PROXIMITY,
        "proximityWindow": PROXIMITY_WINDOW,
        "typoEdits": [list(pair) for pair in TYPO_EDITS],
        "rareWordDf": RARE_WORD_DF,
        "rareWordRatio": RARE_WORD_RATIO,
        "completions": COMPLETIONS,
        "minPrefix": MIN_PREFIX,
        "nameFormEdits": NAME_FORM_EDITS,
        "maxWords": MAX_WORDS,
    }
