"""The name readers see for a field of a record: one answer for headings and notes.

A section heading and a note on the source that is about the same field must
use the same words, in the reader's language, for every record type: a
project's description is "Project description", not the practice's
"Description of the practice"; a note on `period.end` is labelled "Period";
results are "Expected results" when the sheet gives them as expected. This
module names the interface string (locales/*.yml) for a field path; the view
looks it up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# Nested fields shown under a label of their own (the others take their parent's).
_NESTED = {
    "territory.notes": "territory",
    "territory.countries": "countries",
    "territory.regions": "regions",
    "territory.cities": "cities",
}
_RESULTS_KINDS = ("achieved", "expected")


def label_key(kind: str, path: str, data: dict[str, Any], has: Callable[[str], bool]) -> str:
    """The interface string that names field `path` of a `kind` record with `data`."""
    plain = re.sub(r"\[\d+\]", "", path)
    top = plain.split(".")[0]
    field = _NESTED.get(".".join(plain.split(".")[:2]), top)
    if field == "results" and data.get("results_kind") in _RESULTS_KINDS:
        return f"results_kind.{data['results_kind']}"
    specific = f"field_for.{kind}.{field}"
    return specific if has(specific) else f"field.{field}"
