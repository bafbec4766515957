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
from compendium.safe_markdown import markdown_problem
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
MAX_SLUG = 80  # a slug is a file name and a URL segment: short, and far below 255 bytes
# ASCII digits only: `\d` would also read Arabic-Indic or Devanagari digits as a year.
_DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_PARTIAL_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# Years of a practice, project or event: anything outside is a typo (`0201`, `9999`),
# and each year in use becomes a page of the finder in every language.
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_NUMBER = 10**12  # budgets in euros; floats stay exact to the cent below 2**53
# The longest line of text (a title, a name) and the longest text, in characters.
MAX_LINE = 2_000
MAX_TEXT = 30_000
# Control characters (TAB and LF apart) and lone surrogates: invisible, or unwritable as UTF-8.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NUMBER_RE = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
# No ?, & or = in the name: in a mailto: link they would start headers (?bcc=...).
_EMAIL_RE = re.compile(
    r"^[A-Za-z0-9._%+-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}$"
)
_UNSAFE_SCHEMES = ("javascript", "data", "vbscript", "file")
# Link targets in Markdown: [text](target), [label]: target definitions and <scheme:...>
# autolinks. Linear: no part can run over more than a line or back over what it read.
_MARKDOWN_LINK_RE = re.compile(
    r"\]\([ \t]*<?([^\s>]+)|^[ ]{0,3}\[[^\[\]]*\]:\s*<?(\S+?)>?(?:\s|$)"
    r"|<([A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>|<([^\s<>@]+@[^\s<>]+)>", re.M)
# Country codes people often write instead of the ISO 3166 ones.
_COUNTRY_HINTS = {"UK": "GB", "EL": "GR"}
# Codes CLDR (hence Babel) names that ISO 3166-1 does not assign to a country:
# exceptionally reserved (EU, UN, ...) and user-assigned ones (QO, XA, XB, XK, ZZ).
_NOT_ISO_COUNTRIES = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "TA", "UN", "QO", "XA", "XB", "XK", "ZZ"})
_HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


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


def text_problem(text: str, limit: int) -> str:
    """Why a text cannot be published as it is (blank, control characters, too long), or ''."""
    if not text:
        return "blank text; write a value, or remove the line"
    control = _CONTROL_RE.search(text)
    if control:
        return (f"{_quote(text)} contains the invisible control character "
                f"U+{ord(control.group()):04X} at position {control.start() + 1}; delete it")
    if len(text) > limit:
        return (f"the text is {len(text):,} characters long (at most {limit:,}); shorten it "
                "or split it")
    return ""


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
        text = node.value.strip()
        problem = text_problem(text, MAX_TEXT if getattr(self, "multiline", False) else MAX_LINE)
        if problem:
            return check.error(node, path, f"{problem} ({self.describe()})")
        return self.parse(text, node, path, check)

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
        value = float(cleaned) if "." in cleaned else int(cleaned)
        if value > MAX_NUMBER:
            return check.error(node, path, f"{_quote(text)} is too large (expected a number "
                               f"up to {MAX_NUMBER}, e.g. {self.example})")
        return value


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


def _not_a_date(text: str, field: Field) -> str:
    digits = ": write its digits as 0-9" if any(c.isdigit() and not c.isascii() for c in text) \
        else ""
    return f"{_quote(text)} is not a date{digits} ({field.describe()})"


def _example_date(year: int, month: int) -> str:
    """A valid date close to what was written: the last day of the (nearest real) month."""
    if year < 1:
        return "2019-04-12"
    month = min(max(month, 1), 12)
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _date_problem(text: str, year: int, month: int | None, day: int | None) -> str:
    """Why the parts of a well-formed date are not a real date in range, or ''."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        shape = "YYYY-MM-DD" if day is not None else "YYYY-MM" if month is not None else "YYYY"
        return (f"{_quote(text)} is out of range (expected {shape} with a year from "
                f"{MIN_YEAR} to {MAX_YEAR}, e.g. {'2019-04-12'[:len(shape)]})")
    try:
        dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return _impossible_date(text, year, month, day)
    return ""


def _impossible_date(text: str, year: int, month: int | None, day: int | None) -> str:
    """Why a well-formed date is not a real one, with an example in the form the writer used."""
    example = _example_date(year, month or 0)
    shape = "YYYY-MM-DD" if day is not None else "YYYY-MM"
    return (f"{_quote(text)} is not a date (expected {shape}, "
            f"e.g. {example if day is not None else example[:7]})")


class Date(Scalar):
    expected = "YYYY-MM-DD"
    example = "2019-04-12"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        match = _DATE_RE.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            problem = _date_problem(text, year, month, day)
            if problem:
                return check.error(node, path, problem)
            return dt.date(year, month, day)
        return check.error(node, path, _not_a_date(text, self))


class ApproximateDate(Scalar):
    """A date that may be known only to the month or the year (a `PartialDate`)."""

    expected = "YYYY-MM-DD, YYYY-MM or YYYY"
    example = "2009-12"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        match = _PARTIAL_DATE_RE.match(text)
        if match:
            year, month, day = (int(part) if part else None for part in match.groups())
            problem = _date_problem(text, year, month, day)
            if problem:
                return check.error(node, path, problem)
            return PartialDate(year, month, day)
        return check.error(node, path, _not_a_date(text, self))


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
    if any(char.isspace() for char in text) or _CONTROL_RE.search(text) or "\\" in text:
        return "contains a space, a backslash or a control character"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "is not a valid web address"
    if "@" in parts.netloc:
        return (f"names the site '{parts.netloc.rsplit('@', 1)[-1]}' after a user name "
                "(name@site), which hides where it leads")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not 0-65535
    except ValueError:
        return "has a port that is not a number from 0 to 65535"
    return "" if _host_ok(parts.hostname or "") else "is not a valid web address"


def _host_ok(host: str) -> bool:
    """A domain name (international ones too) with a dot, or localhost."""
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return (len(labels) > 1 or host == "localhost") and all(
        _HOST_LABEL_RE.match(label) for label in labels)


def mailto_problem(target: str) -> str:
    """Why a mailto: link is unsafe or broken (headers such as ?bcc=, a bad address), or ''."""
    address = target.split(":", 1)[1]
    if "?" in address or "&" in address:
        return ("adds mail headers (?subject=, ?cc=, ?bcc=...), which could copy the message "
                "to someone the reader does not see")
    if not all(_EMAIL_RE.match(part) for part in address.split(",")):
        return "does not hold a valid e-mail address"
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


class Subdivision(Matching):
    """An ISO 3166-2 code: a region or province, as the map's outlines name it."""

    expected = "an ISO 3166-2 code"
    example = "IT-52"
    pattern = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
    what = "an ISO 3166-2 code of a region or province"

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        if not self.pattern.match(text) and self.pattern.match(text.upper()):
            return check.error(node, path, f"{_quote(text)} is not {self.what} "
                               f"(expected {self.expected}, in capitals: {text.upper()})")
        return super().parse(text, node, path, check)


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
    return frozenset(code for code in territories
                     if len(code) == 2 and code.isalpha() and code not in _NOT_ISO_COUNTRIES)


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
        if not is_slug(text):
            return check.error(node, path, f"{_quote(text)} is not a valid id (expected "
                               "lowercase letters, digits and hyphens, at most "
                               f"{MAX_SLUG} characters, e.g. {slug_suggestion(text)})")
        check.references.append(
            Reference(self.target, self.vocabulary, text, check.file, line_of(node), path)
        )
        return text


def is_slug(text: str) -> bool:
    return len(text) <= MAX_SLUG and SLUG_RE.match(text) is not None


def slug_suggestion(text: str) -> str:
    """A valid slug close to what was written, for examples in messages."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:MAX_SLUG].strip("-") or "my-slug"


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
            if not self._text_ok(text, entry.value, where, check, entry.key):
                continue
            texts[entry.key] = text
        source = check.source_language
        if self.original and source and source not in written:
            return check.error(node, path, f"no text in the source language '{source}' "
                               f"(expected e.g. {path.rsplit('.', 1)[-1]}: {{{source}: ...}})")
        return texts

    def _text_ok(self, text: str, node: Node, path: str, check: Check, lang: str) -> bool:
        """Blank, invisible, oversized or (Markdown) too costly text is logged, not kept."""
        if not text and lang == check.source_language:
            check.error(node, path, "blank text (expected the original text, in the record's "
                        f"source language '{lang}')")
            return False
        if not text:
            check.error(node, path, f"blank text (expected text, or {lang}: ~ while it is not "
                        "translated yet)")
            return False
        problem = text_problem(text, MAX_TEXT if self.markdown else MAX_LINE)
        if not problem and self.markdown:
            problem = markdown_problem(text)
        if not problem and not self.markdown and "\n" in text:
            problem = f"{_quote(text)} spans several lines (expected a single line of text)"
        if problem:
            check.error(node, path, problem)
            return False
        if self.markdown:
            self._check_links(text, node, path, check)
        return True

    @staticmethod
    def _check_links(text: str, node: Node, path: str, check: Check) -> None:
        for match in _MARKDOWN_LINK_RE.finditer(text):
            target = _balanced(next(group for group in match.groups() if group))
            if "@" in target and ":" not in target:
                target = f"mailto:{target}"  # <name@example.org>: Markdown's mail autolink
            problem = link_problem(target)
            if problem:
                check.error(node, path, f"the link target {_quote(target)} {problem} "
                            "(expected an http(s) or mailto link, e.g. "
                            "[site](https://www.example.org/))")


def link_problem(target: str) -> str:
    """Why a link target in Markdown text must not be published, or ''.

    Relative links and #anchors are left alone; absolute ones must be safe web
    addresses or plain mailto: addresses.
    """
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    if scheme in _UNSAFE_SCHEMES:
        return f"uses the '{scheme}:' scheme, which is not allowed"
    if scheme in ("http", "https"):
        return url_problem(target)
    if scheme == "mailto":
        return mailto_problem(target)
    return ""


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
