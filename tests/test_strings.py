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


def _call_sites() -> tuple[dict[str, set[str]], set[str]]:
    """Interface-string keys written literally in a t(...) call of a template or of the
    core, and the names each call passes; and the names passed by t(...) calls whose key
    is a variable (a macro's parameter), which serve any key written elsewhere."""
    sources = [*(REPO / "overrides").rglob("*.html"), *(REPO / "compendium").rglob("*.py"),
               *(REPO / "hooks").glob("*.py")]
    sites: dict[str, set[str]] = {}
    dynamic: set[str] = set()
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\bt\(", text):
            call = _balanced_call(text, match.end())
            names = set(re.findall(r"(?<![=!<>])\b(\w+)\s*=(?!=)", call))
            keys = re.findall(r"""["']([a-z_]+(?:\.[a-z_]+)+)["']""", call)
            for key in keys:
                sites.setdefault(key, set()).update(names)
            if not keys and re.match(r"\s*[a-z_]+\s*[,)]", call + ")"):
                dynamic.update(names)
    return sites, dynamic


def _balanced_call(text: str, start: int) -> str:
    depth = 1
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index]
    return text[start:]


def _script_names() -> set[str]:
    """Names the site's scripts fill in with format(template, {name: ...}) or formatNodes."""
    scripts = (REPO / "overrides" / "assets" / "compendium").glob("*.js")
    return {name for path in scripts
            for call in re.findall(r"format\w*\([^{]*\{([^}]*)\}", path.read_text("utf-8"))
            for name in re.findall(r"(\w+)\s*:", call)}


def test_every_placeholder_of_the_catalogues_is_one_the_code_passes():
    """The default catalogue's placeholders are those its callers pass (the validator
    holds the other languages to the default's); strings the scripts fill in use only
    names the scripts pass."""
    (sites, dynamic), scripts = _call_sites(), _script_names()
    default = CATALOGUES[PROJECT.default_language]
    wrong = []
    for key, text in default.items():
        names = set(re.findall(r"{(\w+)}", text))
        passed = sites.get(key)
        if passed is not None and names - passed - (scripts if not passed else set()):
            wrong.append(f"{key}: {sorted(names)} but the code passes {sorted(passed)}")
        elif passed is None and names - scripts - dynamic:
            wrong.append(f"{key}: {sorted(names)} but no code passes them")
    assert wrong == []
