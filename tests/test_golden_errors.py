"""Golden tests of validation messages: every rejected input, and its exact message.

Each folder in tests/golden/ holds files that are laid over the fixture data
(data/...) and `expected.txt`, the problems `compendium validate` must report,
one per line. Files under `project/` are laid over the project itself
(compendium.yml, locales/, docs/); a `case.py` holds a `prepare(root)` for
inputs that cannot be committed as files (links, huge or deeply nested text).
Run with UPDATE_GOLDEN=1 to rewrite the expectations, then review the diff:
the messages are part of the user interface.
"""

from __future__ import annotations

import os
import runpy
import shutil
from pathlib import Path

import pytest

from compendium.loader import check_project
from compendium.problems import DataError, ProblemLog
from compendium.project import Project

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path for path in GOLDEN.iterdir() if path.is_dir())


def lay_out(case: Path, make_project) -> Path:
    """A project copy with the case's files laid over it (see the module's docstring)."""
    root = make_project(overlay=case / "data" if (case / "data").is_dir() else None)
    if (case / "project").is_dir():
        shutil.copytree(case / "project", root, dirs_exist_ok=True)
    if (case / "case.py").is_file():
        runpy.run_path(str(case / "case.py"))["prepare"](root)
    return root


def problems(root: Path) -> ProblemLog:
    try:
        return check_project(Project.load(root))[2]
    except DataError as error:  # compendium.yml itself
        return error.log


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_problems_match_golden_file(case: Path, make_project) -> None:
    log = problems(lay_out(case, make_project))
    actual = "".join(f"{line}\n" for line in log.lines())
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")
    assert actual, "a golden case must produce at least one problem"


def test_fixture_data_is_valid(make_project) -> None:
    _dataset, _catalogues, log = check_project(Project.load(make_project()))
    assert log.lines() == []
