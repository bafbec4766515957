"""Open data (issue 8): every published record as JSON and CSV under data/, each
validated against the JSON Schema published beside it, the CSV round-tripping to
the same records, and a page in each language that explains them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from compendium.opendata.table import (
    FORMULA_STARTS,
    read_csv,
    read_spreadsheet_csv,
    spreadsheet_csv,
    write_csv,
)
from compendium.schemas import RECORD_TYPES
from tests.helpers import LANGUAGES, PREFIX, page, text

pytestmark = pytest.mark.slow
FOLDERS = [record_type.folder for record_type in RECORD_TYPES.values()]


def _load(site: Path, name: str):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_published_json_validates_against_the_published_schema(content_site, folder):
    records = _load(content_site, f"{folder}.json")
    assert records
    errors = list(_validator(_load(content_site, f"{folder}.schema.json")).iter_errors(records))
    assert [error.message for error in errors] == []


def test_the_schema_refuses_what_the_validator_refuses(content_site):
    validator = _validator(_load(content_site, "practices.schema.json"))
    good = _load(content_site, "practices.json")[0]
    for bad in ({**good, "titel": good["title"]}, {**good, "source_language": "de"},
                {**good, "title": {"fr": "Titre"}},
                {**good, "period": {"start": "31/09/14"}}, {k: v for k, v in good.items()
                                                           if k != "description"}):
        assert not validator.is_valid([bad]), bad


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_csv_round_trips_to_the_same_records(content_site, folder):
    columns = _load(content_site, f"{folder}.schema.json")["x-csv-columns"]
    text_ = (content_site / "data" / f"{folder}.csv").read_text(encoding="utf-8")
    assert read_csv(text_, columns) == _load(content_site, f"{folder}.json")


def test_the_schema_follows_the_validators_fields(content_site):
    for record_type in RECORD_TYPES.values():
        item = _load(content_site, f"{record_type.folder}.schema.json")["items"]
        assert list(item["properties"]) == ["slug", *(
            name for name in record_type.schema.fields if name != "translations")]


def _cells(text_: str) -> list[str]:
    import csv
    import io

    return [cell for row in list(csv.reader(io.StringIO(text_)))[1:] for cell in row]


def test_the_real_data_has_cells_a_spreadsheet_would_read_as_formulas(content_site):
    risky = [cell for folder in FOLDERS for cell in _cells(
        (content_site / "data" / f"{folder}.csv").read_text(encoding="utf-8"))
        if cell.startswith(FORMULA_STARTS)]
    assert risky  # phone numbers (+39 ...), list items (- ...): kept exact in the plain CSV


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_spreadsheet_csv_has_no_formula_and_reads_back_to_the_same_records(content_site,
                                                                               folder):
    columns = _load(content_site, f"{folder}.schema.json")["x-csv-columns"]
    data = (content_site / "data" / f"{folder}.spreadsheet.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # as Excel reads UTF-8
    text_ = data.decode("utf-8")
    assert not [cell for cell in _cells(text_.lstrip("\ufeff"))
                if cell.startswith(FORMULA_STARTS)]
    assert read_spreadsheet_csv(text_, columns) == _load(content_site, f"{folder}.json")


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+39 06 1",
                                  "-2", "@SUM(A1)", "\tx", "＝1+1", "'quoted", "plain"])
def test_a_cell_is_inert_in_the_spreadsheet_csv_and_exact_in_the_plain_one(cell):
    records = [{"slug": "a", "note": cell}]
    exact, columns = write_csv(records)
    assert read_csv(exact, columns) == records
    safe = spreadsheet_csv(exact)
    assert not [c for c in _cells(safe.lstrip("\ufeff")) if c.startswith(FORMULA_STARTS)]
    assert read_spreadsheet_csv(safe, columns) == records


def test_the_index_lists_every_file_and_count(content_site):
    index = _load(content_site, "index.json")
    for entry in index["files"]:
        assert len(_load(content_site, entry["json"])) == entry["count"]
        assert (content_site / "data" / entry["csv"]).is_file()
        assert (content_site / "data" / entry["spreadsheet_csv"]).is_file()
    assert [e["type"] for e in index["files"]] == list(RECORD_TYPES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_open_data_page_explains_the_files_in_each_language(content_site, lang):
    soup = page(content_site, lang, "open-data/")
    assert soup.html["lang"] == lang
    links = [a["href"] for a in soup.select("article table a")]
    here = content_site / PREFIX[lang] / "open-data"
    assert {(here / href).resolve() for href in links} == {
        (content_site / "data" / f"{folder}{ext}").resolve()
        for folder in FOLDERS for ext in (".json", ".csv", ".spreadsheet.csv", ".schema.json")}
    assert "CC BY 4.0" in text(soup.select_one("#licence + p"))
    assert [h2["id"] for h2 in soup.select("article h2")] == ["format", "licence", "cite"]
