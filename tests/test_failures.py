"""Bad data stops every front end with the same actionable lines, and loses nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, run_mkdocs

GOLDEN = Path(__file__).parent / "golden"
COMPENDIUM = Path(sys.executable).parent / "compendium"
BAD = GOLDEN / "impossible-date" / "data"
EXPECTED = (GOLDEN / "impossible-date" / "expected.txt").read_text().splitlines()


def _previous_site(root: Path) -> Path:
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build")
    return site


def test_validate_passes_on_good_data(make_project):
    result = subprocess.run([COMPENDIUM, "validate"], cwd=make_project(), capture_output=True,
                            text=True)
    assert result.returncode == 0
    first, *notes = result.stdout.splitlines()
    assert first == ("OK: 3 practices, 1 projects, 1 workshops, 2 organisations, "
                     "2 people; 9 vocabularies.")
    # What only the publisher can set is listed, as notes (tests/test_publisher.py).
    assert notes and all(n.startswith("note: compendium.yml: publisher.") for n in notes)


def test_validate_lists_every_problem_and_exits_1(make_project):
    result = subprocess.run([COMPENDIUM, "validate"], cwd=make_project(overlay=BAD),
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [*EXPECTED, "3 problems found; nothing was built."]
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_mkdocs_build_fails_with_the_same_lines_and_keeps_the_old_site(make_project):
    root = make_project(overlay=BAD)
    site = _previous_site(root)
    result = run_mkdocs(root, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    for line in EXPECTED:
        assert f"ERROR   -  {line}" in output
    assert "3 problems in the data; nothing was built and the previous site is untouched" in output
    assert "Traceback" not in output
    assert (site / "index.html").read_text() == "last good build"


@pytest.mark.slow
def test_make_build_fails_and_keeps_the_old_site(make_project):
    root = make_project(overlay=BAD)
    site = _previous_site(root)
    result = subprocess.run(
        ["make", "-f", str(REPO / "Makefile"), "build", f"VENV={sys.prefix}", "STAMP="],
        cwd=root, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert EXPECTED[0] in result.stderr
    assert (site / "index.html").read_text() == "last good build"
    assert not (root / ".site-build" / "index.html").exists()


@pytest.mark.slow
def test_make_build_replaces_the_site_on_success(make_project):
    root = make_project()
    site = _previous_site(root)
    result = subprocess.run(
        ["make", "-f", str(REPO / "Makefile"), "build", f"VENV={sys.prefix}", "STAMP="],
        cwd=root, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "last good build" not in (site / "index.html").read_text()
    assert (site / "practices" / "bridges" / "index.html").exists()


@pytest.mark.slow
def test_languages_must_match_between_mkdocs_and_compendium(make_project):
    root = make_project()
    config = root / "compendium.yml"
    config.write_text(config.read_text().replace("languages: [it, en, es]",
                                                 "languages: [it, es, en]"))
    result = run_mkdocs(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert ("mkdocs.yml builds the languages ['it', 'en', 'es'] but compendium.yml lists "
            "['it', 'es', 'en']") in result.stdout


def test_a_template_asking_for_an_unknown_interface_string_fails_in_one_line(make_project):
    root = make_project()
    template = root / "overrides" / "compendium" / "practice.html"
    template.write_text("{{ t('field.no_such_label') }}\n" + template.read_text("utf-8"),
                        encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("practice.html:1 (practices/bridges/index.html): interface string "
            "'field.no_such_label' is missing; add it to locales/it.yml") in result.stderr
