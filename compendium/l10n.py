"""Everything a reader's language changes: interface strings, dates, countries, sorting.

Interface strings live in one catalogue per language (`locales/<lang>.yml`,
nested mappings flattened to dotted keys such as `field.description`). Dates,
numbers, country and language names come from Babel's CLDR data, so they are
right in every language without translators having to type them.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_percent

from compendium.fields import MAX_TEXT, PartialDate, text_problem
from compendium.problems import ProblemLog
from compendium.project import Project
from compendium.sourcefiles import refuse_outside
from compendium.yamlnodes import (
    MappingNode,
    Node,
    ScalarNode,
    line_of,
    mapping_entries,
    read_nodes,
)


def catalogue_files(project: Project) -> dict[str, Path]:
    """locales/<lang>.yml of every language that has one (inside the project)."""
    files = {}
    for lang in project.languages:
        path = project.locales_dir / f"{lang}.yml"
        if path.is_file() and not refuse_outside(path, project.root, project.display_path,
                                                 None):
            files[lang] = path
    return files


def load_catalogues(project: Project) -> tuple[dict[str, dict[str, str]], ProblemLog]:
    """Interface strings of every configured language, and problems reading them.

    Each string is checked against the default language's, which the code
    fills in: the same `{name}` placeholders, written as plain names (Python's
    format() would otherwise crash on a stray brace, or print the internals
    of what `{start.__class__}` reaches).
    """
    log = ProblemLog()
    files = catalogue_files(project)
    for lang in project.languages:
        path = project.locales_dir / f"{lang}.yml"
        refuse_outside(path, project.root, project.display_path, log)
    read = {lang: _read_catalogue(path, project.display_path(path), log)
            for lang, path in files.items()}
    catalogues = {lang: strings for lang, (strings, _lines) in read.items()}
    default = catalogues.get(project.default_language, {})
    for lang, (strings, lines) in read.items():
        display = project.display_path(files[lang])
        for key, text in strings.items():
            problem = _string_problem(text, default.get(key), lang == project.default_language,
                                      project.default_language)
            if problem:
                log.add(display, lines[key], key, problem)
    return {lang: catalogues.get(lang, {}) for lang in project.languages}, log


def placeholders(text: str) -> set[str]:
    """The `{name}` placeholders of an interface string (ValueError if braces are unpaired)."""
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text)
            if name is not None}


def _string_problem(text: str, original: str | None, is_original: bool, default: str) -> str:
    problem = text_problem(text, MAX_TEXT) if text.strip() else ""
    if problem:
        return problem
    try:
        names = placeholders(text)
        fields = [(name, spec, conversion) for _literal, name, spec, conversion
                  in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return (f"{_quote(text)} has a '{{' or '}}' without its pair; placeholders are "
                "written {name}, and a brace of its own {{ or }}")
    bad = [name for name, spec, conversion in fields
           if not name.isidentifier() or spec or conversion]
    if bad:
        return (f"the placeholder {{{bad[0]}...}} is not allowed: placeholders are plain "
                "names that the site fills in, e.g. {count}")
    if is_original or original is None:
        return ""
    try:
        known = placeholders(original)
    except ValueError:
        return ""  # reported on the original
    unknown = sorted(names - known)
    if unknown:
        have = ", ".join(f"{{{name}}}" for name in sorted(known)) or "none"
        return (f"the placeholder {{{unknown[0]}}} is not one the site fills in here (the "
                f"original in locales/{default}.yml has: {have})")
    return ""


def _quote(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")


def _read_catalogue(path: Path, display: str,
                    log: ProblemLog) -> tuple[dict[str, str], dict[str, int]]:
    node = read_nodes(path, display, log)
    strings: dict[str, str] = {}
    lines: dict[str, int] = {}
    if isinstance(node, MappingNode):
        _flatten(node, "", display, log, strings, lines)
    elif node is not None:
        log.add(display, line_of(node), "", "expected a mapping of keys to texts, "
                "e.g. field: {description: Descrizione}")
    return strings, lines


def _flatten(node: MappingNode, prefix: str, display: str, log: ProblemLog,
             out: dict[str, str], lines: dict[str, int]) -> None:
    for entry in mapping_entries(node, prefix, display, log):
        key = f"{prefix}.{entry.key}" if prefix else entry.key
        value: Node = entry.value
        if isinstance(value, MappingNode):
            _flatten(value, key, display, log, out, lines)
        elif isinstance(value, ScalarNode):
            out[key], lines[key] = value.value, line_of(value)
        else:
            log.add(display, line_of(value), key, "expected a text or a mapping")


@dataclass(frozen=True)
class Localized:
    """A translatable field resolved for one reader."""

    text: str
    lang: str  # the language the text is written in
    fallback: bool  # True when it is not in the reader's language
    outdated_from: str | None = None  # the original's language, when it changed since


def localize(texts: dict[str, str | None] | None, reader: str,
             source: str) -> Localized | None:
    """The reader's text, else the source-language original (marked as a fallback).

    A language mapped to None is "not translated yet" and treated as missing.
    """
    available = {lang: text for lang, text in (texts or {}).items() if text}
    if not available:
        return None
    if reader in available:
        return Localized(available[reader], reader, False)
    lang = source if source in available else next(iter(available))
    return Localized(available[lang], lang, True)


class MissingStringError(KeyError):
    """A template asked for an interface string that no catalogue has (a typo, or a new
    string not added to locales/ yet)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


class Localizer:
    """Formats values for readers of one language."""

    def __init__(self, lang: str, strings: dict[str, str], fallback: dict[str, str]):
        self.lang = lang
        self._strings = strings
        self._fallback = fallback
        self._locale = _locale(lang)

    def t(self, key: str, **values: Any) -> str:
        """Interface string `key`, with `{name}` placeholders filled in."""
        text = self._strings.get(key, self._fallback.get(key))
        if text is None:
            raise MissingStringError(key)
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._strings or key in self._fallback

    def date(self, value: dt.date | PartialDate) -> str:
        if isinstance(value, PartialDate):
            if value.precision == "year":
                return str(value.year)
            if value.precision == "month":
                return format_skeleton("yMMMM", value.earliest(), locale=self._locale)
            value = value.earliest()
        return format_date(value, "long", locale=self._locale)

    def country(self, code: str) -> str:
        return self._locale.territories.get(code, code)

    def language(self, code: str) -> str:
        """Name of a language in the reader's language ("inglese" for en, to Italians)."""
        return self._locale.languages.get(code, code)

    def percent(self, ratio: float) -> str:
        return format_percent(ratio, locale=self._locale)

    def money(self, amount: float, currency: str) -> str:
        return format_currency(amount, currency, locale=self._locale)

    @staticmethod
    @functools.lru_cache(maxsize=1 << 16)  # lists are sorted by title again on many pages
    def sort_key(text: str) -> str:
        """Accent- and case-insensitive order, good enough for names in it/en/es."""
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
