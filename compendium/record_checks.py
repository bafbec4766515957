"""Checks that span several fields of a record, and the paths source notes name.

They keep content faithful to the sources where a single field cannot: an
official name is one text in every language (a translation is a subtitle),
results say whether the sheet reports them as achieved or expected, an
organisation type says whether a source states it, and a source note names a
field the record really has, so that readers see that field's name as its label.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from compendium.fields import Check, Field, ListOf, Object, ObjectCheck, Str, _quote
from compendium.yamlnodes import Node

_INDEX_RE = re.compile(r"\[\d+\]")


class FieldPath(Str):
    """The dotted path of a field of the record it is in, e.g. `period.end`."""

    expected = "the path of a field of this record"
    example = "period.end"

    def __init__(self, fields: Callable[[], Mapping[str, Field]], **kwargs: Any):
        super().__init__(**kwargs)
        self._fields = fields  # the record's fields, read late: they include this one

    def parse(self, text: str, node: Node, path: str, check: Check) -> Any:
        fields: Mapping[str, Field] | None = self._fields()
        walked: list[str] = []
        for part in _INDEX_RE.sub("", text).split("."):
            spec = fields.get(part) if fields is not None else None
            if spec is None:
                return check.error(node, path, _unknown(text, walked, part, fields))
            walked.append(part)
            while isinstance(spec, ListOf):
                spec = spec.item
            fields = spec.fields if isinstance(spec, Object) else None
        return text


def _unknown(text: str, walked: list[str], part: str,
             fields: Mapping[str, Field] | None) -> str:
    """Why a note's path names no field, with the closest real path as the example."""
    names = [name for name in fields or {} if name not in ("source_language", "translations")]
    close = difflib.get_close_matches(part, names, n=1, cutoff=0.6)
    usual = "description" if "description" in names else (names or [""])[0]
    example = ".".join([*walked, close[0] if close else usual]).strip(".") or "description"
    hint = f"; did you mean '{example}'?" if close else f", e.g. {example}"
    return f"{_quote(text)} is not a field of this record (expected the path of one of its " \
           f"fields{hint})"


def same_in_every_language(name: str, translation: str) -> ObjectCheck:
    """`name` is an official name: every language holds the source language's text."""

    def check_name(values: dict[str, Any], nodes: dict[str, Node], path: str,
                   check: Check) -> None:
        texts = values.get(name) or {}
        original = texts.get(check.source_language or "")
        for lang, text in texts.items():
            if original and text and text != original:
                check.error(nodes[name], f"{name}.{lang}", f"{_quote(text)} differs from the "
                            f"official name {_quote(original)} (expected the name as the "
                            f"source gives it, the same in every language, e.g. {lang}: "
                            f"{original}; a translation of it goes in {translation}.{lang})")

    return check_name


def needs(field: str, companion: str, example: str, why: str) -> ObjectCheck:
    """When `field` has a value, `companion` must have one too."""

    def check_companion(values: dict[str, Any], nodes: dict[str, Node], path: str,
                        check: Check) -> None:
        if values.get(field) and companion not in nodes:
            check.error(nodes[field], companion, f"missing ({field} is given, so {companion} "
                        f"must say {why}, e.g. {companion}: {example})")

    return check_companion
