"""`compendium translations`: golden status reports of a fixture project with
missing, outdated and re-marked translations, and the marks it writes (issue 7)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from compendium.cli import main
from tests.conftest import copy_project

GOLDEN = Path(__file__).parent / "fixtures" / "translations"


def _run(capsys, root: Path, *args: str) -> tuple[int, str]:
    code = main(["translations", *args, "--root", str(root)])
    return code, capsys.readouterr().out


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path, capsys) -> Path:
    """The fixture project with every translation marked, then a few things changed."""
    root = copy_project(tmp_path / "project")
    assert _run(capsys, root, "mark", "--all")[0] == 0
    bridges = root / "data" / "practices" / "bridges.yml"
    _replace(bridges, "it: Ponti verso il lavoro", "it: Ponti verso il lavoro e la formazione")
    _replace(bridges, "es: Puentes hacia el empleo", "es: ~")
    (root / "docs" / "es" / "using.md").unlink()
    _replace(root / "docs" / "it" / "about.md", "Fixture page.", "Fixture page, revised.")
    return root


def _golden(name: str, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        (GOLDEN / name).write_text(text, encoding="utf-8")
    assert text == (GOLDEN / name).read_text(encoding="utf-8")


def test_a_fully_marked_project_has_nothing_outdated(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    _run(capsys, root, "mark", "--all")
    code, out = _run(capsys, root, "--check")
    assert out.splitlines()[-1] == "total: 14 missing, 0 outdated"  # the fixture's own gaps
    assert code == 1  # --check fails while anything is missing
    _run(capsys, root, "mark", "--all")
    assert _run(capsys, root)[1] == out  # marking again changes nothing


def test_unmarked_translations_are_reported_as_outdated(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    bridges = root / "data" / "practices" / "bridges.yml"
    text = bridges.read_text(encoding="utf-8")
    bridges.write_text(text[:text.index("translations:")], encoding="utf-8")  # no marks
    code, out = _run(capsys, root, "--lang", "en", "--check")
    assert code == 1
    assert "  outdated  data/practices/bridges.yml:4  practice bridges: title.en" in out


def test_status_lists_missing_and_outdated_with_file_and_line(project, capsys):
    code, out = _run(capsys, project)
    assert code == 0  # without --check, a report is not a failure
    _golden("status.txt", out)
    assert _run(capsys, project, "--check")[0] == 1


def test_marking_reviewed_translations_makes_them_current(project, capsys):
    code, out = _run(capsys, project, "mark", str(project / "data/practices/bridges.yml"),
                     "--field", "title", "--lang", "en")
    assert (code, out) == (0, "data/practices/bridges.yml: title.en marked current\n")
    code, out = _run(capsys, project, "mark", str(project / "docs/en/about.md"))
    assert code == 0
    _golden("status-after-marking.txt", _run(capsys, project)[1])
    marks = (project / "data/practices/bridges.yml").read_text(encoding="utf-8")
    assert marks.count("translations:  # what each translation was made from") == 1
    assert (project / "docs/en/about.md").read_text(encoding="utf-8").startswith(
        "---\ntranslated_from: ")


def test_json_and_language_filter(project, capsys):
    assert _run(capsys, project, "--lang", "es", "--format", "json")[0] == 0
    out = _run(capsys, project, "--lang", "es", "--format", "json")[1]
    report = json.loads(out)["languages"]
    assert list(report) == ["es"]
    states = {(item["kind"], item["name"], item["field"], item["state"])
              for item in report["es"]["items"] if item["name"] in ("bridges", "about.md",
                                                                      "using.md")}
    assert states == {("practice", "bridges", "title", "missing"),
                      ("page", "about.md", "", "outdated"), ("page", "using.md", "", "missing")}


def test_mark_refuses_what_it_cannot_mark(project, capsys):
    assert main(["translations", "mark", "--root", str(project)]) == 2
    assert "name the files to mark" in capsys.readouterr().err
    assert main(["translations", "mark", str(project / "mkdocs.yml"),
                 "--root", str(project)]) == 1
    assert "is neither a record under data/ nor a translated page" in capsys.readouterr().err
    assert main(["translations", "--lang", "fr", "--root", str(project)]) == 2
