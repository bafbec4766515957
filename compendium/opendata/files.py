"""The open-data files of the site, under data/: by path, their text."""

from __future__ import annotations

import json

from compendium.dataset import Dataset
from compendium.opendata.jsonschema import collection_schema
from compendium.opendata.records import records_json
from compendium.opendata.table import spreadsheet_csv, write_csv
from compendium.schemas import RECORD_TYPES

FOLDER = "data"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def open_data_files(dataset: Dataset, languages: tuple[str, ...]) -> dict[str, str]:
    """data/<folder>.json and .csv per record type, their schema, and an index of them."""
    files: dict[str, str] = {}
    index = []
    for record_type in RECORD_TYPES.values():
        name = record_type.folder
        records = records_json(dataset, record_type.kind)
        csv_text, columns = write_csv(records)
        files[f"{FOLDER}/{name}.json"] = _json(records)
        files[f"{FOLDER}/{name}.csv"] = csv_text
        files[f"{FOLDER}/{name}.spreadsheet.csv"] = spreadsheet_csv(csv_text)
        schema = collection_schema(record_type, languages)
        schema["x-csv-columns"] = columns  # which CSV columns hold JSON (lists, numbers)
        files[f"{FOLDER}/{name}.schema.json"] = _json(schema)
        index.append({"type": record_type.kind, "count": len(records),
                      "json": f"{name}.json", "csv": f"{name}.csv",
                      "spreadsheet_csv": f"{name}.spreadsheet.csv",
                      "schema": f"{name}.schema.json"})
    files[f"{FOLDER}/index.json"] = _json({"languages": list(languages), "files": index})
    return files
