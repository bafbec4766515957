"""GitHub issue forms let people who do not use git contribute (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FORMS = Path(__file__).resolve().parent.parent / ".github" / "ISSUE_TEMPLATE"
SUMMARY_SHEET = ["title", "promoter", "subject", "description", "territory", "stakeholders",
                 "beneficiaries", "results", "future", "transferability", "contact", "other",
                 "source"]


def _form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["new-practice.yml", "translation-error.yml", "problem.yml"])
def test_each_form_is_a_valid_issue_form(name):
    form = _form(name)
    assert form["name"] and form["description"]
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown"}
        if item["type"] != "markdown":
            assert item["attributes"]["label"]


def test_the_practice_form_asks_for_every_section_of_the_summary_sheet():
    ids = [item.get("id") for item in _form("new-practice.yml")["body"]]
    assert [i for i in ids if i in SUMMARY_SHEET] == SUMMARY_SHEET
    required = {item["id"] for item in _form("new-practice.yml")["body"]
                if item.get("validations", {}).get("required")}
    assert {"title", "promoter", "subject", "description", "source"} <= required


def test_the_translation_form_asks_where_and_what():
    ids = {item["id"] for item in _form("translation-error.yml")["body"]}
    assert ids == {"page", "language", "wrong", "better"}
