"""JSON Schema (draft 2020-12) of the published records, derived from the very
field definitions the validator uses (compendium.schemas): the published data
and its schema cannot drift apart."""

from __future__ import annotations

from typing import Any

from compendium.fields import (
    ApproximateDate,
    Bool,
    Choice,
    Country,
    Date,
    Email,
    Field,
    Language,
    ListOf,
    Number,
    Object,
    Phone,
    Ref,
    Str,
    Text,
    Url,
)
from compendium.opendata.records import LEFT_OUT
from compendium.schemas import RecordType

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def record_schema(record_type: RecordType, languages: tuple[str, ...]) -> dict[str, Any]:
    """The schema of one record of a type, as published in <type>.json (an array of them)."""
    schema = _object(record_type.schema, languages, skip=LEFT_OUT)
    schema["properties"] = {"slug": {"type": "string", "pattern": _SLUG,
                                     "description": "The record's id: its file name and URL."},
                            **schema["properties"]}
    schema["required"] = ["slug", *schema.get("required", [])]
    return {"$schema": DRAFT, "title": f"A {record_type.kind} of the compendium", **schema}


def collection_schema(record_type: RecordType, languages: tuple[str, ...]) -> dict[str, Any]:
    item = record_schema(record_type, languages)
    item.pop("$schema")
    return {"$schema": DRAFT, "title": f"The {record_type.folder} of the compendium",
            "type": "array", "items": item}


def _object(field: Object, languages: tuple[str, ...], skip=frozenset()) -> dict[str, Any]:
    properties = {name: field_schema(sub, languages)
                  for name, sub in field.fields.items() if name not in skip}
    required = [name for name, sub in field.fields.items()
                if sub.required and name not in skip]
    schema: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def field_schema(field: Field, languages: tuple[str, ...]) -> dict[str, Any]:
    schema = _shape(field, languages)
    if field.help:
        schema["description"] = field.help
    return schema


def _shape(field: Field, languages: tuple[str, ...]) -> dict[str, Any]:
    if isinstance(field, Object):
        return _object(field, languages)
    if isinstance(field, ListOf):
        return {"type": "array", "items": field_schema(field.item, languages)}
    if isinstance(field, Text):
        return {"type": "object", "minProperties": 1, "additionalProperties": False,
                "properties": {lang: {"type": "string"} for lang in languages}}
    return _scalar(field, languages)


def _scalar(field: Field, languages: tuple[str, ...]) -> dict[str, Any]:
    if isinstance(field, Bool):
        return {"type": "boolean"}
    if isinstance(field, Number):
        return {"type": "number"}
    if isinstance(field, Date):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(field, ApproximateDate):
        return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    if isinstance(field, Url):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}
    if isinstance(field, Email):
        return {"type": "string", "format": "email"}
    if isinstance(field, (Phone, Str)):
        return {"type": "string"}
    if isinstance(field, Choice):
        return {"type": "string", "enum": list(field.choices)}
    if isinstance(field, Language):
        return {"type": "string", "enum": list(languages)}
    if isinstance(field, Country):
        return {"type": "string", "pattern": "^[A-Z]{2}$"}
    if isinstance(field, Ref):
        return {"type": "string", "pattern": _SLUG, "description": field.expected}
    raise TypeError(f"no JSON Schema for {type(field).__name__}")
