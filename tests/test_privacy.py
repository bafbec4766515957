"""A contact person who is not to be published leaves no trace in anything the
build writes: pages, search indexes, sitemap (also gzipped), any data file, the
offline copy and its zip (issue 6)."""

from __future__ import annotations

import gzip
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_DATA, copy_project, run_mkdocs

pytestmark = pytest.mark.slow

HIDDEN = ("Secretina", "Nascosta", "secretina@example.org", "hidden-person", "055 000000")
REMOVED = ("Ada Lovelace", "Lovelace", "ada@example.org", "ada-lovelace", "657 299 11")


def _contents(folder: Path):
    """(name, text) of every file under `folder`, gzip and zip members opened."""
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = file.read_bytes()
        if file.suffix == ".gz":
            data = gzip.decompress(data)
        if file.suffix == ".zip":
            with zipfile.ZipFile(file) as archive:
                for member in archive.namelist():
                    yield f"{file.name}:{member}", archive.read(member).decode("utf-8", "replace")
            continue
        yield str(file.relative_to(folder)), data.decode("utf-8", "replace")


def _traces(folder: Path, words: tuple[str, ...]) -> list[str]:
    return [f"{word!r} in {name}" for name, content in _contents(folder)
            for word in words if word in content or word in name]


def test_a_person_with_publish_false_is_nowhere_in_the_site(built_site):
    assert _traces(built_site, HIDDEN) == []


def test_a_person_with_publish_false_is_nowhere_in_the_offline_copy_or_its_zip(offline_copy):
    assert (offline_copy / "dist" / "compendium-offline.zip").exists()
    assert _traces(offline_copy / "site-offline", HIDDEN) == []
    assert _traces(offline_copy / "dist", HIDDEN) == []


def test_a_removed_person_record_leaves_no_trace(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "people" / "ada-lovelace.yml").unlink()
    for file in data.rglob("*.yml"):  # the records that named her no longer do
        text = file.read_text(encoding="utf-8")
        file.write_text(re.sub(r"ada-lovelace,? ?|, ada-lovelace", "", text), encoding="utf-8")
    root = copy_project(tmp_path / "project", data=data)
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert _traces(root / "site", REMOVED) == []
    assert _traces(root / "site", HIDDEN) == []
