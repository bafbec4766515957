"""A plain `pip install .` (no extras) gives a working `compendium` and `mkdocs build`,
on every supported Python found on this machine, in a clean venv."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project

pytestmark = pytest.mark.slow

VERSIONS = ("3.11", "3.12", "3.13")


def _interpreter(version: str) -> str | None:
    """A Python `version` that can make a venv: on PATH, or one of pyenv's."""
    candidates = [shutil.which(f"python{version}") or ""]
    pyenv = Path.home() / ".pyenv" / "versions"
    candidates += sorted(str(p) for p in pyenv.glob(f"{version}*/bin/python{version}"))
    for candidate in filter(None, candidates):
        works = subprocess.run([candidate, "-c", "import venv, ensurepip"],
                               capture_output=True)
        if works.returncode == 0:
            return candidate
    return None


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    env.pop("SITE_URL", None)
    env.pop("PYTHONPATH", None)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("version", VERSIONS)
def test_pip_install_without_extras_builds_the_site(tmp_path, version):
    python = _interpreter(version)
    if python is None:
        pytest.skip(f"Python {version} is not on this machine (pyenv install {version})")
    venv = tmp_path / "venv"
    assert _run(python, "-m", "venv", str(venv)).returncode == 0
    bin_dir = venv / "bin"
    source = tmp_path / "source"  # a copy: the install must not write into the repository
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv*", "node_modules", "site", "site-offline", "dist", "*.egg-info",
        "__pycache__", "benchmarks"))
    install = _run(str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                   "-c", str(REPO / "constraints.txt"), str(source))
    assert install.returncode == 0, install.stderr[-2000:]
    installed = _run(str(bin_dir / "python"), "-m", "pip", "list", "--format=freeze").stdout
    assert "pytest==" not in installed and "playwright==" not in installed
    project = copy_project(tmp_path / "project")
    validate = _run(str(bin_dir / "compendium"), "validate", "--root", str(project))
    assert validate.returncode == 0, validate.stderr
    build = _run(str(bin_dir / "mkdocs"), "build", "--strict", cwd=project)
    assert build.returncode == 0, build.stderr[-2000:]
    assert (project / "site" / "en" / "practices" / "bridges" / "index.html").is_file()


def test_make_install_prints_no_banner_from_the_build_backend(tmp_path):
    """A new contributor's first `make serve` installs the project: nothing it prints
    may be a warning or deprecation banner from our own packaging (pyproject.toml)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt", "README.md"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(REPO / "compendium", source / "compendium",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PIP_NO_DEPS": "1"}  # only the project itself: dependencies do not
    env.pop("PYTHONWARNINGS", None)  # matter here, and warnings must show if there are any
    result = subprocess.run(["make", "--no-print-directory", "install",
                             f"VENV={tmp_path / 'venv'}"], cwd=source, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    output = result.stdout + result.stderr
    for banner in ("BuildBackendWarning", "Deprecat", "!!", "SetuptoolsWarning"):
        assert banner not in output, output
