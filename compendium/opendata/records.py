"""Records as plain JSON values: what the validator read, nothing more.

Absent fields are left out, dates are ISO 8601 text (`2019`, `2019-04`,
`2019-04-12`), translatable text is a mapping from language to text. The
translation marks are bookkeeping for translators and stay out. Only the
published view of the data is exported, so a hidden person is nowhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from compendium.dataset import Dataset, Record
from compendium.fields import PartialDate

LEFT_OUT = {"translations"}


def record_json(record: Record) -> dict[str, Any]:
    data = {"slug": record.slug}
    for name, value in record.data.items():
        if name not in LEFT_OUT:
            plain = plain_value(value)
            if plain is not None:
                data[name] = plain
    return data


def plain_value(value: Any) -> Any:
    """A validated value as JSON: None and empty containers are dropped."""
    if isinstance(value, dict):
        out = {key: plain_value(item) for key, item in value.items()}
        out = {key: item for key, item in out.items() if item is not None}
        return out or None
    if isinstance(value, list):
        items = [plain_value(item) for item in value]
        return [item for item in items if item is not None] or None
    if isinstance(value, (PartialDate, dt.date)):
        return str(value) if isinstance(value, PartialDate) else value.isoformat()
    return value


def records_json(dataset: Dataset, kind: str) -> list[dict[str, Any]]:
    return [record_json(record) for record in sorted(dataset.all(kind), key=lambda r: r.slug)]
