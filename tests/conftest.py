"""Shared fixtures: throw-away copies of the project with fixture data.

Tests never build in the repository: they copy the project's configuration,
templates, hooks and hand-written pages into `tmp_path`, put the small
fixture dataset (tests/fixtures/data) in place of data/, and work there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DATA = REPO / "tests" / "fixtures" / "data"
FIXTURE_DOCS = REPO / "tests" / "fixtures" / "docs"
PROJECT_FILES = ("compendium.yml", "mkdocs.yml", "Makefile")
PROJECT_FOLDERS = ("hooks", "locales", "overrides")


def copy_project(target: Path, data: Path = FIXTURE_DATA, overlay: Path | None = None,
                 docs: Path = FIXTURE_DOCS) -> Path:
    """A runnable project in `target`: the repo's config, templates and hooks, with `data`
    (and `overlay` on top) and `docs`. The fixture docs link only to fixture records."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        shutil.copy2(REPO / name, target / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(REPO / name, target / name)
    shutil.copytree(docs, target / "docs")
    shutil.copytree(data, target / "data")
    if overlay is not None:
        shutil.copytree(overlay, target / "data", dirs_exist_ok=True)
    return target


def run_mkdocs(root: Path, *args: str, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess:
    """`mkdocs build` (or another subcommand) in `root`, as a maintainer would run it."""
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    full.pop("SITE_URL", None)  # the tests expect mkdocs.yml's default unless they set it
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *(args or ("build",))],
        cwd=root, env=full, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def make(data: Path = FIXTURE_DATA, overlay: Path | None = None) -> Path:
        return copy_project(tmp_path / f"project{next(counter)}", data, overlay)

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built once with `mkdocs build --strict`: its site/ folder."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def content_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository itself (real data, real hand-written pages) built strictly: its site/."""
    root = copy_project(tmp_path_factory.mktemp("content") / "project", data=REPO / "data",
                        docs=REPO / "docs")
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


PAGES_URL = "https://owner.github.io/compendium/"


@pytest.fixture(scope="session")
def pages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built as GitHub Pages publishes it: under /<repo>/ (PAGES_URL)."""
    root = copy_project(tmp_path_factory.mktemp("pages") / "project")
    result = run_mkdocs(root, "build", "--strict", env={"SITE_URL": PAGES_URL})
    assert result.returncode == 0, result.stderr
    return root / "site"


def run_make(root: Path, target: str) -> subprocess.CompletedProcess:
    """`make <target>` in a project copy, with this test run's Python (no .venv there)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    env.pop("SITE_URL", None)
    stamp = root / ".installed"
    stamp.touch()
    return subprocess.run(
        ["make", "--no-print-directory", "-o", str(stamp), target, f"STAMP={stamp}",
         f"BIN={Path(sys.executable).parent}"],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project after `make offline`: site-offline/ and dist/ are in it."""
    root = copy_project(tmp_path_factory.mktemp("offline") / "project")
    result = run_make(root, "offline")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def offline_site(offline_copy: Path) -> Path:
    """The copy for reading from disk that `make offline` writes (links name files)."""
    return offline_copy / "site-offline"


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (never a downloaded browser)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
