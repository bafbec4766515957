"""Everything a reader's language changes: interface strings, dates, countries, sorting.

Interface strings live in one catalogue per language (`locales/<lang>.yml`,
nested mappings flattened to dotted keys such as `field.description`). Dates,
numbers, country and language names come from Babel's CLDR data, so they are
right in every language without translators having to type them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency, format_percent

from compendium.fields import PartialDate
from compendium.problems import ProblemLog
from compendium.project import Project
from compendium.yamlnodes import MappingNode, ScalarNode, line_of, mapping_entries, read_nodes


def load_catalogues(project: Project) -> tuple[dict[str, dict[str, str]], ProblemLog]:
    """Interface strings of every configured language, and problems reading them."""
    log = ProblemLog()
    catalogues = {}
    for lang in project.languages:
        path = project.locales_dir / f"{lang}.yml"
        display = project.display_path(path)
        catalogues[lang] = _read_catalogue(path, display, log) if path.is_file() else {}
    return catalogues, log


def _read_catalogue(path, display: str, log: ProblemLog) -> dict[str, str]:
    node = read_nodes(path, display, log)
    strings: dict[str, str] = {}
    if isinstance(node, MappingNode):
        _flatten(node, "", display, log, strings)
    elif node is not None:
        log.add(display, line_of(node), "", "expected a mapping of keys to texts, "
                "e.g. field: {description: Descrizione}")
    return strings


def _flatten(node: MappingNode, prefix: str, display: str, log: ProblemLog,
             out: dict[str, str]) -> None:
    for entry in mapping_entries(node, prefix, display, log):
        key = f"{prefix}.{entry.key}" if prefix else entry.key
        if isinstance(entry.value, MappingNode):
            _flatten(entry.value, key, display, log, out)
        elif isinstance(entry.value, ScalarNode):
            out[key] = entry.value.value
        else:
            log.add(display, line_of(entry.value), key, "expected a text or a mapping")


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
    def sort_key(text: str) -> str:
        """Accent- and case-insensitive order, good enough for names in it/en/es."""
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
