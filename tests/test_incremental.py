"""A preview reuses the pages a change leaves as they were (compendium.FragmentCache,
hooks/compendium_reuse.py), and what it serves after any edit is byte for byte what a
fresh `mkdocs build` of the edited project writes."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, run_mkdocs

pytestmark = pytest.mark.slow

BRIDGES = "data/practices/bridges.yml"
NEW_PRACTICE = """source_language: en
title: {en: Open doors}
promoters: [city-hall]
subject: {en: Housing advice}
description: {en: Advice on renting a home.}
territory: {countries: [IT], cities: [florence]}
themes: [housing]
provenance: {source: fixture-source, location: {en: sheet 9}}
"""

STEPS = [
    [],  # the first build
    [  # text only: one practice in one language, and a promoter's name shown elsewhere
        ["replace", BRIDGES, "El proyecto ofrece:", "El proyecto propone:"],
        # its summary: on its card in lists and on other practices' pages (related)
        ["replace", BRIDGES, "en: Job guidance for third-country nationals.",
         "en: Job advice for third-country nationals."],
        ["replace", "data/organisations/city-hall.yml", "en: Test City Council",
         "en: Test Town Council"],
    ],
    [],  # nothing changed: every page reused
    [  # structure: a facet value, a new practice, an interface string
        ["replace", BRIDGES, "themes: [employment]", "themes: [employment, housing]"],
        ["write", "data/practices/open-doors.yml", NEW_PRACTICE],
        ["replace", "locales/en.yml", "  country: Country", "  country: Country or state"],
    ],
    [["delete", "data/practices/women-first.yml"],  # a record goes, and who named it
     ["replace", "data/people/ada-lovelace.yml", "ada", "ada"]],
]


def _differences(left: Path, right: Path) -> list[str]:
    found: list[str] = []

    def walk(compare: filecmp.dircmp, where: str) -> None:
        found.extend(f"{where}{name} (only one side)"
                     for name in compare.left_only + compare.right_only)
        _match, mismatch, errors = filecmp.cmpfiles(compare.left, compare.right,
                                                    compare.common_files, shallow=False)
        found.extend(f"{where}{name}" for name in mismatch + errors)
        for name, sub in compare.subdirs.items():
            walk(sub, f"{where}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def test_every_preview_build_is_byte_identical_to_a_fresh_build(tmp_path):
    project = copy_project(tmp_path / "preview")
    plan = tmp_path / "steps.json"
    plan.write_text(json.dumps(STEPS))
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, str(REPO / "tests" / "incremental_builds.py"),
                             str(project), str(out), str(plan)], capture_output=True,
                            text=True, timeout=900, env={"NO_MKDOCS_2_WARNING": "1",
                                                         "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stdout + result.stderr

    fresh = copy_project(tmp_path / "fresh")
    sys.path.insert(0, str(REPO / "tests"))
    from incremental_builds import edit

    reused = []
    for number, edits in enumerate(STEPS):
        for change in edits:
            edit(fresh, change)
        shutil.rmtree(fresh / "site", ignore_errors=True)
        built = run_mkdocs(fresh, "build")
        assert built.returncode == 0, built.stderr
        assert _differences(out / str(number), fresh / "site") == [], f"after step {number}"
        reused.append(json.loads((out / f"{number}.json").read_text()))

    assert reused[0] == {"fragments": 0, "pages": 0}  # nothing to reuse at first
    pages = [reused[n]["pages"] - reused[n - 1]["pages"] for n in range(1, len(STEPS))]
    generated = len(list((out / "2" / "en" / "practices").glob("*/index.html")))
    assert pages[0] > 0 and pages[1] > pages[0]  # a text edit re-renders only a few pages
    assert pages[1] >= 3 * generated  # nothing changed: at least every practice page reused
