"""The checkers the gates run on built sites: axe-core (WCAG rules, in Chromium)
and the Nu Html Checker (vnu.jar, on Java). `npm ci` puts both in node_modules
(package.json pins them); `.ci/run` installs Java and runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def require(path: Path) -> None:
    """Skip locally when a checker is missing; in CI that is a failure."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path.relative_to(REPO)} is missing (.ci/run runs `npm ci`)")
        pytest.skip(f"needs {path.relative_to(REPO)}: run `npm ci`")


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    require(AXE)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => [v.id, v.nodes.map(n => n.target.join(' ')).slice(0, 5)])",
        WCAG_AA)
    return [f"{rule}: {', '.join(targets)}" for rule, targets in found]


def vnu_errors(folder: Path) -> list[str]:
    """Every Nu Html Checker error in the HTML files under `folder`."""
    require(VNU)
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing (.ci/run installs default-jre-headless)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
         str(folder)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').replace(folder.as_uri(), '')}:{m.get('lastLine')}: "
            f"{m.get('message')}" for m in messages]
