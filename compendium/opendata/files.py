"""The open-data files of the site, under data/: by path, their text."""

from __future__ import annotations

import json
from typing import NamedTuple

from compendium.dataset import Dataset
from compendium.opendata.jsonschema import collection_schema
from compendium.opendata.records import records_json
from compendium.opendata.table import spreadsheet_csv, write_csv
from compendium.schemas import RECORD_TYPES, RecordType

FOLDER = "data"


class DataPaths(NamedTuple):
    """Where one record type's files are, from the site root."""

    json: str
    csv: str  # exact: reads back into the records (compendium.opendata.table)
    spreadsheet_csv: str  # the same table, safe to open in a spreadsheet
    schema: str


def data_paths(record_type: RecordType) -> DataPaths:
    base = f"{FOLDER}/{record_type.folder}"
    return DataPaths(f"{base}.json", f"{base}.csv", f"{base}.spreadsheet.csv",
                     f"{base}.schema.json")


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def open_data_files(dataset: Dataset, languages: tuple[str, ...]) -> dict[str, str]:
    """data/<folder>.json and .csv per record type, their schema, and an index of them."""
    files: dict[str, str] = {}
    index = []
    for record_type in RECORD_TYPES.values():
        paths = data_paths(record_type)
        records = records_json(dataset, record_type.kind)
        csv_text, columns = write_csv(records)
        files[paths.json] = _json(records)
        files[paths.csv] = csv_text
        files[paths.spreadsheet_csv] = spreadsheet_csv(csv_text)
        schema = collection_schema(record_type, languages)
        schema["x-csv-columns"] = columns  # which CSV columns hold JSON (lists, numbers)
        files[paths.schema] = _json(schema)
        index.append({"type": record_type.kind, "count": len(records),
                      **{name: path.removeprefix(f"{FOLDER}/")
                         for name, path in paths._asdict().items()}})
    files[f"{FOLDER}/index.json"] = _json({"languages": list(languages), "files": index})
    return files
