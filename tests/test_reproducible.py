"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical
(issue 6): readers and archives can check that a published site is what the sources
give, and a deploy changes only what changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_mkdocs

pytestmark = pytest.mark.slow


def _digests(site: Path) -> dict[str, str]:
    return {file.relative_to(site).as_posix(): hashlib.sha256(file.read_bytes()).hexdigest()
            for file in sorted(site.rglob("*")) if file.is_file()}


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path):
    sites = []
    for run, seed in enumerate(("1", "2")):  # another hash seed: no set-order luck
        root = copy_project(tmp_path / f"build{run}")
        result = run_mkdocs(root, "build", "--strict",
                            env={"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        sites.append(_digests(root / "site"))
    first, second = sites
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
