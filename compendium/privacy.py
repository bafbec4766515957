"""No mention of a hidden person anywhere: the privacy notice's promise, checked.

A person with `publish: false` is dropped from every structured reference
(compendium.relations.published), but their name, e-mail or phone number can
still be written in free text: a workshop's programme listing its speakers, a
description, a hand-written page, an interface string. Every such text reaches
pages, search shards, open data, PDFs and the offline zip, so validation
looks for them all, in every language, and refuses each occurrence with its
file, line and field.

Names are matched whole, in either order ("Ada Lovelace", "Lovelace Ada"),
ignoring case, accents and line breaks; e-mails ignoring case; phone numbers
by their digits (spaces, dots and a country prefix do not hide them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compendium.dataset import Dataset, Record
from compendium.handwritten import Page
from compendium.problems import ProblemLog
from compendium.project import Project
from compendium.yamlnodes import line_of, node_at, read_nodes

_PHONE_RUN = re.compile(r"\+?[0-9][0-9 ()./-]{4,}[0-9]")
_MIN_PHONE_DIGITS = 6
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
HINT = ("remove it or anonymise it (e.g. 'a contact person of the organisation'): people with "
        "publish: false must not be named anywhere on the site")


def fold(text: str) -> str:
    """Lowercase, without accents, with runs of whitespace as one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isascii() and char.isdigit())


@dataclass(frozen=True)
class Hidden:
    """What would identify one hidden person, ready to be searched for."""

    record: Record
    name: re.Pattern | None
    email: str
    phone: str  # digits only

    @classmethod
    def of(cls, person: Record) -> Hidden:
        words = fold(person.get("name", "")).split()
        name = None
        if words:
            orders = {" ".join(words), " ".join(words[1:] + words[:1])}
            name = re.compile("|".join(rf"(?<!\w){re.escape(o)}(?!\w)" for o in orders))
        return cls(person, name, (person.get("email") or "").casefold(),
                   _digits(person.get("phone") or ""))

    def found_in(self, text: str, folded: str | None = None) -> str:
        """What of this person `text` gives away ('name', 'e-mail', 'phone number'), or ''.
        `folded` is fold(text), when the caller has it already."""
        if self.name is not None and self.name.search(fold(text) if folded is None else folded):
            return "name"
        if self.email and self.email in text.casefold():
            return "e-mail address"
        if len(self.phone) >= _MIN_PHONE_DIGITS and any(
                _same_number(self.phone, _digits(run.group()))
                for run in _PHONE_RUN.finditer(text)):
            return "phone number"
        return ""


def _same_number(phone: str, written: str) -> bool:
    """`+39 055 000000` is `055 000000` and `0039 055 000000`: one ends with the other."""
    shorter, longer = sorted((phone, written), key=len)
    return len(shorter) >= _MIN_PHONE_DIGITS and longer.endswith(shorter)


def hidden_people(dataset: Dataset) -> list[Hidden]:
    return [Hidden.of(p) for p in dataset.all("person") if p.get("publish") is False]


def check_privacy(project: Project, dataset: Dataset, pages: list[Page],
                  catalogue_files: list[Path]) -> ProblemLog:
    """Every mention of a hidden person in published text, with file, line and field."""
    log = ProblemLog()
    hidden = hidden_people(dataset)
    if not hidden:
        return log
    for kind in dataset.records:
        for record in dataset.all(kind):
            if kind != "person" or record.get("publish") is not False:
                _check_record(project, record, hidden, log)
    for name, terms in dataset.vocabularies.items():
        file = f"{project.display_path(project.data_dir)}/vocabularies/{name}.yml"
        _check_values(project, file, terms, hidden, log)
    for page in pages:
        _check_lines(page.display, page.text, hidden, log)
    for path in catalogue_files:
        _check_lines(project.display_path(path), path.read_text(encoding="utf-8"), hidden, log)
    return log


def _check_record(project: Project, record: Record, hidden: list[Hidden],
                  log: ProblemLog) -> None:
    _check_values(project, record.path, {k: v for k, v in record.data.items()
                                         if k != "translations"}, hidden, log)


def _check_values(project: Project, file: str, values: dict[str, Any], hidden: list[Hidden],
                  log: ProblemLog) -> None:
    nodes = None
    for path, text in _texts(values):
        folded = fold(text)
        for person in hidden:
            what = person.found_in(text, folded)
            if not what:
                continue
            if nodes is None:
                nodes = read_nodes(project.root / file, file, ProblemLog()) or False
            parts = [name or int(index) for name, index in _PART.findall(path)]
            node = node_at(nodes or None, parts)
            log.add(file, line_of(node) if node is not None else 0, path,
                    _message(person, what))


def _check_lines(display: str, text: str, hidden: list[Hidden], log: ProblemLog) -> None:
    lines = text.split("\n")
    for index, line in enumerate(lines):
        after = lines[index + 1] if index + 1 < len(lines) else ""
        for person in hidden:
            what = person.found_in(line)
            if not what and not person.found_in(after):  # a name split over two lines
                what = person.found_in(f"{line} {after}")
            if what:
                log.add(display, index + 1, "", _message(person, what))


def _message(person: Hidden, what: str) -> str:
    return (f"gives the {what} of {person.record.get('name')} ({person.record.path} has "
            f"publish: false); {HINT}")


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) of every text in a validated value, in every language."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
