"""`compendium new KIND SLUG` (issue 7): a record with every field of its type,
commented, whose validation lists exactly what is left to fill in."""

from __future__ import annotations

import re

import pytest

from compendium.cli import main
from compendium.schemas import RECORD_TYPES
from tests.conftest import copy_project

REQUIRED_LEFT = {
    "practice": ["title", "promoters", "subject", "description", "provenance.source",
                 "provenance.location"],
    "project": ["title", "provenance.source", "provenance.location"],
    "workshop": ["title", "project", "provenance.source", "provenance.location"],
    "organisation": ["name", "provenance.source", "provenance.location"],
    "person": ["name", "provenance.source", "provenance.location"],
}


@pytest.mark.parametrize("kind", list(RECORD_TYPES))
def test_a_new_record_has_every_field_and_lists_what_to_fill(tmp_path, capsys, kind):
    root = copy_project(tmp_path / "project")
    assert main(["new", kind, "draft-one", "--root", str(root)]) == 0
    folder = RECORD_TYPES[kind].folder
    file = root / "data" / folder / "draft-one.yml"
    text = file.read_text(encoding="utf-8")
    keys = set(re.findall(r"^(?:\s*#)?\s*([a-z_]+):", text, flags=re.M))
    expected = set(RECORD_TYPES[kind].schema.fields) - {"translations"}
    assert expected <= keys
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Wrote data/{folder}/draft-one.yml."
    left = [re.match(rf"  data/{folder}/draft-one\.yml:\d+: ([\w.]+): ", line).group(1)
            for line in out[2:]]
    assert left == REQUIRED_LEFT[kind]


def test_once_the_required_fields_are_filled_the_record_is_valid(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    main(["new", "practice", "draft-one", "--root", str(root)])
    file = root / "data" / "practices" / "draft-one.yml"
    text = file.read_text(encoding="utf-8")
    for field in ("title", "subject", "description"):
        text = text.replace(f"\n{field}:\n  it:\n", f"\n{field}:\n  it: A {field}\n", 1)
    text = text.replace("promoters: []", "promoters: [city-hall]")
    text = text.replace("  source:\n", "  source: fixture-source\n", 1)
    text = text.replace("  location:\n    it:\n", "  location:\n    it: page 1\n", 1)
    file.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--root", str(root)]) == 0, capsys.readouterr().err


def test_new_refuses_a_bad_or_taken_slug(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    assert main(["new", "practice", "Bad Slug", "--root", str(root)]) == 2
    assert "is not a slug" in capsys.readouterr().err
    assert main(["new", "practice", "bridges", "--root", str(root)]) == 2
    assert "data/practices/bridges.yml already exists" in capsys.readouterr().err
