"""Compact ids of indexed pages: every posting of the index repeats one."""

from __future__ import annotations

from compendium.dataset import Dataset, Record
from compendium.schemas import RECORD_TYPES

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def ref_of(position: int) -> str:
    """The id of the page at `position` in the index: base 36, so `1000` is `rs`."""
    text = ""
    while True:
        position, digit = divmod(position, 36)
        text = _DIGITS[digit] + text
        if position == 0:
            return text


def record_refs(dataset: Dataset) -> dict[Record, str]:
    """Index ids of record pages, the same in every language: records of the searched
    types in the order of RECORD_TYPES (hand-written pages follow them)."""
    records = (record for record_type in RECORD_TYPES.values() if record_type.searched
               for record in dataset.all(record_type.kind))
    return {record: ref_of(position) for position, record in enumerate(records)}
