"""Records as CSV, one row per record, and back.

Nested fields become dotted columns (`title.en`, `territory.countries`,
`period.start`); lists are written as JSON arrays (`["IT","ES"]`), so that any
value survives the trip through a spreadsheet and back (`read_csv`
reverses `write_csv` exactly). Numbers and booleans are JSON too.

That exact file is for programs. Spreadsheets read a cell that begins with
`=`, `+`, `-` or `@` as a formula (CSV injection): a phone number `+39 ...`
becomes an error, and a crafted cell can run a formula. The second file,
`spreadsheet_csv`, is the same table made safe to open: such cells get a
leading apostrophe (`'+39 ...`), which spreadsheets show as text and hide,
and the file has a byte-order mark and CRLF lines, as Excel expects of UTF-8.
`read_spreadsheet_csv` reverses it.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any


def flatten(value: dict[str, Any], prefix: str = "") -> dict[str, str]:
    cells: dict[str, str] = {}
    for key, item in value.items():
        column = f"{prefix}{key}"
        if isinstance(item, dict):
            cells.update(flatten(item, f"{column}."))
        elif isinstance(item, str):
            cells[column] = item
        else:
            cells[column] = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
    return cells


def unflatten(cells: dict[str, str], columns: dict[str, str]) -> dict[str, Any]:
    """`columns` says which columns hold JSON rather than text (see write_csv)."""
    value: dict[str, Any] = {}
    for column, cell in cells.items():
        if cell == "":
            continue
        target = value
        *parents, last = column.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = json.loads(cell) if columns.get(column) == "json" else cell
    return value


def write_csv(records: list[dict[str, Any]]) -> tuple[str, dict[str, str]]:
    """CSV text, and for each column "text" or "json" (published with the schema)."""
    rows = [flatten(record) for record in records]
    columns: dict[str, str] = {}
    for record, row in zip(records, rows, strict=True):
        for column in row:
            kind = "text" if isinstance(_at(record, column), str) else "json"
            columns.setdefault(column, kind)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), columns


def read_csv(text: str, columns: dict[str, str]) -> list[dict[str, Any]]:
    return [unflatten(row, columns) for row in csv.DictReader(io.StringIO(text))]


# What starts a formula in Excel, LibreOffice or Google Sheets (OWASP's list, with the
# full-width forms some of them also accept).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
BOM = "\ufeff"


def spreadsheet_csv(text: str) -> str:
    """The exact CSV `text` made safe to open in a spreadsheet (see the module's docstring)."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows[0] if rows else [])
    writer.writerows([_inert(cell) for cell in row] for row in rows[1:])
    return BOM + out.getvalue()


def _inert(cell: str) -> str:
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) or cell.startswith("'") else cell


def read_spreadsheet_csv(text: str, columns: dict[str, str]) -> list[dict[str, Any]]:
    """Records from a spreadsheet_csv file: the apostrophe it added is taken off again."""
    rows = csv.DictReader(io.StringIO(text.removeprefix(BOM)))
    return [unflatten({column: cell[1:] if cell.startswith("'") else cell
                       for column, cell in row.items()}, columns) for row in rows]


def _at(record: dict[str, Any], column: str) -> Any:
    value: Any = record
    for part in column.split("."):
        value = value[part]
    return value
