"""Typed fields that read YAML nodes and explain what they expected.

Modelled on MkDocs' `config_options`: each field type validates itself and, on
failure, logs one problem that quotes the offending value, says what was
expected and shows a correct example. Fields read the raw scalar text, so no
YAML implicit typing ever reaches a record (`NO` stays `'NO'`, a date is only
a date once a field says so).

References to other records and vocabulary entries cannot be checked while a
single file is read; fields note them in `Check.references` and the dataset
loader resolves them once everything is loaded.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from compendium import phones
from compendium.problems import ProblemLog
from compendium.yamlnodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    is_empty,
    line_of,
    mapping_entries,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NUMBER_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}$"
)
_UNSAFE_SCHEMES = ("javascript", "data", "vbscript", "file")
# Link targets in Markdown: [text](target) and [label]: target definitions.
_MARKDOWN_LINK_RE = re.compile(r"\]\(\s*<?([^\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
# Country codes people often write instead of the ISO 3166 ones.
_COUNTRY_HINTS = {"UK": "GB", "EL": "GR"}


class _Invalid:
    """Marker returned by a field whose value was rejected (and logged)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


@dataclass(frozen=True)
class Reference:
    """A slug that must name an existing record or vocabulary entry."""

    target: str  # record kind ("organisation") or vocabulary name ("themes")
    is_vocabulary: bool
    slug: str
    file: str
    line: int
    path: str


@dataclass
class Check:
    """What a field needs to know while it validates one file."""

    file: str
    log: ProblemLog
    languages: tuple[str, ...]
    source_language: str | None = None
    references: list[Reference] = field(default_factory=list)

    def error(self, node: Node, path: str, message: str) -> Any:
        self.log.add(self.file, line_of(node), path, message)
        return INVALID


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day (sources are often vague)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{part:02d}" for part in (self.month, self.day) if part]
        return "-".join(parts)


def _quote(text: str) -> str:
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")


def _node_kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the text {_quote(node.value)}"


class Field:
    """Base class: a required flag, a help text and an example for messages."""

    expected = "a value"
    plural = "values"  # how ListOf names several of them
    example = "..."

    def __init__(self, *, required: bool = False, help: str = "", example: str | None = None):
        self.required = required
        self.help = help
        if example is not None:
            self.example = example

    def describe(self) -> str:
        return f"expected {self.expected}, e.g. {self.example}"

    def validate(self, node: Node, path: str, check: Check) -> Any:
        raise NotImplementedError

    def wrong_shape(self, node: Node, path: str, check: Check) -> Any:
        return check.error(node, path, f"{self.describe()}; got {_node_kind(node)}")


class Scalar(Field):
    """A field written as one YAML scalar; subclasses parse the text."""

    def validate(self, node: Node, path: str, check: Check) -> Any:
        if not isinstance(node, ScalarNode):
            return self.wrong_shape(node, path, check)
        return self.parse(node.value.strip(), node, path, check)

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        raise NotImplementedError


class Str(Scalar):
    """Language-neutral text such as a name, a reference number or a place."""

    expected = "a single line of text"
    plural = "lines of text"
    example = "PROG-2227"

    def __init__(self, *, multiline: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.multiline = multiline
        if multiline:
            self.expected = "text"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if not self.multiline and "\n" in text:
            return check.error(node, path, f"{_quote(text)} spans several lines "
                               f"({self.describe()})")
        return text


class Bool(Scalar):
    expected = "true or false"
    example = "true"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        return check.error(node, path, f"{_quote(text)} is not true or false "
                           f"({self.describe()})")


class Number(Scalar):
    expected = "a number without thousands separators, with a dot for decimals"
    example = "394419.04"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        cleaned = text.replace("_", "")
        if not _NUMBER_RE.match(cleaned):
            return check.error(node, path, f"{_quote(text)} is not a number ({self.describe()})")
        return float(cleaned) if "." in cleaned else int(cleaned)


class Degrees(Scalar):
    """A latitude or longitude in decimal degrees, signed (south and west negative)."""

    def __init__(self, limit: int, **kwargs: Any):
        super().__init__(**kwargs)
        self.limit = limit
        self.expected = f"decimal degrees between -{limit} and {limit}"
        self.example = "43.7696" if limit == 90 else "-5.9845"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        sign, body = (-1, text[1:]) if text.startswith("-") else (1, text)
        if not _NUMBER_RE.match(body) or abs(float(body)) > self.limit:
            return check.error(node, path, f"{_quote(text)} is not a coordinate "
                               f"({self.describe()})")
        return sign * float(body)


def _example_date(year: int, month: int) -> str:
    """A valid date close to what was written: the last day of the (nearest real) month."""
    if year < 1:
        return "2019-04-12"
    month = min(max(month, 1), 12)
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _impossible_date(text: str, year: int, month: int | None, day: int | None) -> str:
    """Why a well-formed date is not a real one, with an example in the form the writer used."""
    example = _example_date(year, month or 0)
    shape = "YYYY-MM-DD" if day else "YYYY-MM"
    return (f"{_quote(text)} is not a date (expected {shape}, "
            f"e.g. {example if day else example[:7]})")


class Date(Scalar):
    expected = "YYYY-MM-DD"
    example = "2019-04-12"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        match = _DATE_RE.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return check.error(node, path, _impossible_date(text, year, month, day))
        return check.error(node, path, f"{_quote(text)} is not a date ({self.describe()})")


class ApproximateDate(Scalar):
    """A date that may be known only to the month or the year (a `PartialDate`)."""

    expected = "YYYY-MM-DD, YYYY-MM or YYYY"
    example = "2009-12"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        match = _PARTIAL_DATE_RE.match(text)
        if match:
            year, month, day = (int(part) if part else None for part in match.groups())
            try:
                dt.date(year, month or 1, day or 1)
            except ValueError:
                return check.error(node, path, _impossible_date(text, year, month, day))
            return PartialDate(year, month, day)
        return check.error(node, path, f"{_quote(text)} is not a date ({self.describe()})")


class Url(Scalar):
    expected = "a web address starting with https:// or http://"
    example = "https://www.example.org/"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        problem = url_problem(text)
        if problem:
            example = f"https://{text}" if not url_problem(f"https://{text}") else self.example
            return check.error(node, path, f"{_quote(text)} {problem} (expected "
                               f"{self.expected}, e.g. {example})")
        return text


def url_problem(text: str) -> str:
    """Why a text is not a safe absolute web address, or '' when it is one."""
    scheme = text.split(":", 1)[0].strip().lower() if ":" in text else ""
    if scheme in _UNSAFE_SCHEMES:
        return f"uses the '{scheme}:' scheme, which is not allowed"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        return "is not a valid web address"
    if "." not in parts.hostname and parts.hostname != "localhost":
        return "is not a valid web address"
    return ""


class Matching(Scalar):
    """Text that must match a regular expression; subclasses say what it is."""

    pattern: re.Pattern
    what: str  # completes "'x' is not ...", e.g. "a valid e-mail address"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if not self.pattern.match(text):
            return check.error(node, path, f"{_quote(text)} is not {self.what} "
                               f"({self.describe()})")
        return text


class Email(Matching):
    expected = "an e-mail address"
    example = "name@example.org"
    pattern = _EMAIL_RE
    what = "a valid e-mail address"


class Phone(Scalar):
    """A phone number libphonenumber reads as valid, in international form (compendium.phones)."""

    expected = "a phone number in international form, with + and the country code"
    example = phones.EXAMPLE

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        problem = phones.phone_problem(text)
        if problem:
            return check.error(node, path, f"{_quote(text)} {problem} (expected "
                               f"{self.expected}, e.g. {phones.example_for(text)})")
        return text


class Choice(Scalar):
    def __init__(self, choices: tuple[str, ...], **kwargs: Any):
        super().__init__(**kwargs)
        self.choices = choices
        self.expected = "one of: " + ", ".join(choices)
        self.example = choices[0]

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if text not in self.choices:
            return check.error(node, path, f"{_quote(text)} is not allowed "
                               f"({self.describe()})")
        return text


class Language(Scalar):
    expected = "a configured language code"
    plural = "configured language codes"
    example = "it"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if text not in check.languages:
            return check.error(node, path, _not_a_language(text, check.languages))
        return text


def _not_a_language(code: str, languages: tuple[str, ...]) -> str:
    message = (f"'{code}' is not a configured language (expected one of: "
               f"{', '.join(languages)}; languages are set in compendium.yml)")
    if " " in code:  # {it: a, b} reads "b" as a key: the text needed quotes
        message += "; text with commas inside {...} must be quoted, e.g. {it: \"a, b\"}"
    return message


@cache
def _country_codes() -> frozenset[str]:
    from babel import Locale

    territories = Locale.parse("en").territories
    return frozenset(code for code in territories if len(code) == 2 and code.isalpha())


class Country(Scalar):
    expected = "an ISO 3166-1 alpha-2 country code"
    plural = "ISO 3166-1 alpha-2 country codes"
    example = "IT"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if text in _country_codes():
            return text
        hint = _COUNTRY_HINTS.get(text.upper())
        example = hint or (text.upper() if text.upper() in _country_codes() else self.example)
        return check.error(node, path, f"{_quote(text)} is not an ISO 3166-1 alpha-2 country "
                           f"code (expected {self.expected}, e.g. {example})")


class Ref(Scalar):
    """The slug of another record, e.g. `anci-toscana` for data/organisations/anci-toscana.yml."""

    def __init__(self, target: str, *, vocabulary: bool = False, **kwargs: Any):
        super().__init__(**kwargs)
        self.target = target
        self.vocabulary = vocabulary
        if vocabulary:
            self.expected = f"an id from data/vocabularies/{target}.yml"
            self.plural = f"ids from data/vocabularies/{target}.yml"
        else:
            article = "an" if target[0] in "aeiou" else "a"
            self.expected = f"the slug of {article} {target} record"
            self.plural = f"slugs of {target} records"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if not SLUG_RE.match(text):
            return check.error(node, path, f"{_quote(text)} is not a valid id (expected "
                               "lowercase letters, digits and hyphens, e.g. "
                               f"{slug_suggestion(text)})")
        check.references.append(
            Reference(self.target, self.vocabulary, text, check.file, line_of(node), path)
        )
        return text


def slug_suggestion(text: str) -> str:
    """A valid slug close to what was written, for examples in messages."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words) or "my-slug"


class Text(Field):
    """Translatable text: a mapping from language code to text.

    The text in the record's source language is required; the others may be
    missing and are then shown with a fallback notice. A language written with
    no text (`es:` or `es: ~`) is *explicitly* not translated yet: it is kept
    as None, shown like a missing one, and counted as such by the content
    checks. With `markdown=True`
    the text is Markdown (rendered safely), and link targets are checked here
    so that an unsafe link is reported rather than silently dropped.
    """

    expected = "a text per language"
    example = "{it: ..., en: ..., es: ...}"

    def __init__(self, *, markdown: bool = False, original: bool = True, **kwargs: Any):
        super().__init__(**kwargs)
        self.markdown = markdown
        # False for a translation of another field (a name's translation): it has no
        # text in the source language, and languages may be left out.
        self.original = original

    def validate(self, node: Node, path: str, check: Check) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong_shape(node, path, check)
        texts: dict[str, str | None] = {}
        written: set[str] = set()  # languages with something written, valid or not
        for entry in mapping_entries(node, path, check.file, check.log):
            where = f"{path}.{entry.key}"
            written.add(entry.key)
            if entry.key not in check.languages:
                check.error(entry.key_node, where, _not_a_language(entry.key, check.languages))
                continue
            if is_empty(entry.value):
                written.discard(entry.key)
                texts[entry.key] = None  # explicitly not translated yet
                continue
            if not isinstance(entry.value, ScalarNode):
                check.error(entry.value, where, f"expected text; got {_node_kind(entry.value)}")
                continue
            text = entry.value.value.strip()
            if self.markdown:
                self._check_links(text, entry.value, where, check)
            elif "\n" in text:
                check.error(entry.value, where, f"{_quote(text)} spans several lines "
                            "(expected a single line of text)")
                continue
            texts[entry.key] = text
        source = check.source_language
        if self.original and source and source not in written:
            return check.error(node, path, f"no text in the source language '{source}' "
                               f"(expected e.g. {path.rsplit('.', 1)[-1]}: {{{source}: ...}})")
        return texts

    @staticmethod
    def _check_links(text: str, node: Node, path: str, check: Check) -> None:
        for match in _MARKDOWN_LINK_RE.finditer(text):
            target = _balanced(match.group(1) or match.group(2))
            scheme = target.split(":", 1)[0].lower() if ":" in target else ""
            if scheme in _UNSAFE_SCHEMES:
                check.error(node, path, f"the link target {_quote(target)} uses the "
                            f"'{scheme}:' scheme, which is not allowed (expected an http(s) "
                            "or mailto link, e.g. [site](https://www.example.org/))")


def _balanced(target: str) -> str:
    """A link target up to the parenthesis that closes the Markdown link around it."""
    depth = 0
    for index, char in enumerate(target):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return target[:index]
            depth -= 1
    return target


_SOURCE_HASH_RE = re.compile(r"^[0-9a-f]{8}$")


class TranslationMarks(Field):
    """What each translation was made from: `<field path>.<language>: <source hash>`.

    The hash is that of the source-language text the translation was made
    from (see compendium.translations). `compendium translations mark` writes
    these; a translation whose source has changed since is reported as
    outdated and shown to readers with a notice.
    """

    expected = "a mapping from a field and language to a source hash"
    example = "{description.en: 3f9a1c2e}"

    def validate(self, node: Node, path: str, check: Check) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong_shape(node, path, check)
        marks: dict[str, str] = {}
        for entry in mapping_entries(node, path, check.file, check.log):
            value = entry.value.value.strip() if isinstance(entry.value, ScalarNode) else ""
            if not _SOURCE_HASH_RE.match(value):
                check.error(entry.value, f"{path}.{entry.key}", f"{_quote(value)} is not a "
                            "source hash (expected the 8 hexadecimal characters that "
                            "`compendium translations mark` writes, e.g. 3f9a1c2e)")
                continue
            marks[entry.key] = value
        return marks


class ListOf(Field):
    def __init__(self, item: Field, *, min_items: int = 0, **kwargs: Any):
        super().__init__(**kwargs)
        self.item = item
        self.min_items = min_items
        self.expected = f"a list of {item.plural}"
        self.example = f"[{item.example}]"

    def validate(self, node: Node, path: str, check: Check) -> Any:
        if not isinstance(node, SequenceNode):
            return self.wrong_shape(node, path, check)
        if len(node.value) < self.min_items:
            return check.error(node, path, f"needs at least {self.min_items} "
                               f"item{'s' if self.min_items > 1 else ''} ({self.describe()})")
        values, seen = [], {}
        for index, item_node in enumerate(node.value):
            where = f"{path}[{index}]"
            value = self.item.validate(item_node, where, check)
            if value is INVALID:
                continue
            if isinstance(value, str):
                if value in seen:
                    check.error(item_node, where, f"{_quote(value)} is listed twice (also "
                                f"{path}[{seen[value]}]); keep one")
                    continue
                seen[value] = index
            values.append(value)
        return values


ObjectCheck = Callable[[dict[str, Any], dict[str, Node], str, Check], None]


class Object(Field):
    """A mapping with known keys; unknown keys are typos until proven otherwise.

    The validated value has every key of the schema, None where the field was
    absent, so that templates can tell "empty" from "misspelt".
    """

    expected = "a mapping of fields"
    plural = "mappings of fields"

    def __init__(self, fields: Mapping[str, Field], *, checks: tuple[ObjectCheck, ...] = (),
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.fields = dict(fields)
        self.checks = checks
        first = next(iter(self.fields))
        self.example = f"{{{first}: {self.fields[first].example}}}"

    def validate(self, node: Node, path: str, check: Check) -> Any:
        if not isinstance(node, MappingNode):
            return self.wrong_shape(node, path, check)
        values: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        for entry in mapping_entries(node, path, check.file, check.log):
            where = f"{path}.{entry.key}" if path else entry.key
            spec = self.fields.get(entry.key)
            if spec is None:
                check.error(entry.key_node, where, self._unknown(entry.key))
                continue
            nodes[entry.key] = entry.key_node
            if is_empty(entry.value):
                if spec.required:
                    check.error(entry.key_node, where, f"missing value ({spec.describe()})")
                continue
            value = spec.validate(entry.value, where, check)
            if value is not INVALID:
                values[entry.key] = value
        for name, spec in self.fields.items():
            if spec.required and name not in nodes:
                where = f"{path}.{name}" if path else name
                check.error(node, where, f"missing required field ({spec.describe()})")
        for object_check in self.checks:
            object_check(values, nodes, path, check)
        return {name: values.get(name) for name in self.fields}

    def _unknown(self, key: str) -> str:
        close = difflib.get_close_matches(key, self.fields, n=1, cutoff=0.6)
        if close:
            return f"unknown field (did you mean '{close[0]}'?)"
        return f"unknown field (expected one of: {', '.join(self.fields)})"


def period_in_order(values: dict[str, Any], nodes: dict[str, Node], path: str,
                    check: Check) -> None:
    """`end` may not come before `start` (compared at the precision they share)."""
    start, end = values.get("start"), values.get("end")
    if start is None or end is None:
        return
    start_day = start.earliest() if isinstance(start, PartialDate) else start
    end_day = end.latest() if isinstance(end, PartialDate) else end
    if end_day < start_day:
        where = f"{path}.end" if path else "end"
        check.error(nodes["end"], where, f"{end} is before {path}.start {start} (expected "
                    f"an end on or after the start, e.g. {start})")
