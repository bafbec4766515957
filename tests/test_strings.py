"""Interface strings and vocabulary labels exist in every language."""

from __future__ import annotations

import re

import pytest

from compendium.dataset import load_dataset
from compendium.l10n import load_catalogues
from compendium.project import Project
from tests.conftest import REPO

PROJECT = Project.load(REPO)
CATALOGUES, CATALOGUE_PROBLEMS = load_catalogues(PROJECT)


def test_catalogues_read_without_problems():
    assert CATALOGUE_PROBLEMS.lines() == []


@pytest.mark.parametrize("lang", PROJECT.languages)
def test_every_language_has_the_same_keys(lang):
    default = CATALOGUES[PROJECT.default_language]
    assert sorted(CATALOGUES[lang]) == sorted(default)
    for key, value in CATALOGUES[lang].items():
        assert value.strip(), f"{lang}: {key} is empty"
        placeholders = set(re.findall(r"{(\w+)}", value))
        assert placeholders == set(re.findall(r"{(\w+)}", default[key])), key


def test_every_key_used_by_a_template_exists():
    used = set()
    for template in (REPO / "overrides" / "compendium").glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*'([\w.-]+[\w-])'""", template.read_text()))
    missing = sorted(key for key in used if key not in CATALOGUES[PROJECT.default_language])
    assert missing == []


def test_every_record_field_label_exists():
    from compendium.schemas import RECORD_TYPES

    default = CATALOGUES[PROJECT.default_language]
    for record_type in RECORD_TYPES.values():
        for name in record_type.schema.fields:
            if name not in ("source_language", "title", "name", "publish"):
                assert f"field.{name}" in default, name


@pytest.mark.parametrize("lang", PROJECT.languages)
def test_bundled_vocabulary_labels_exist_in_every_language(lang):
    dataset, log = load_dataset(PROJECT)
    assert log.lines() == []
    missing = [
        f"{name}/{term_id}"
        for name, terms in dataset.vocabularies.items()
        for term_id, entry in terms.items()
        if "label" in entry and lang not in entry["label"]
    ]
    assert missing == []
