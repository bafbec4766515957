"""The GitHub Pages workflow does what the README promises (issue 6)."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def _workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1): look it up under both.
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_it_runs_on_push_to_main():
    workflow = _workflow()
    trigger = workflow.get("on", workflow.get(True))
    assert trigger["push"]["branches"] == ["main"]


def test_it_tests_then_builds_strictly_then_deploys():
    jobs = _workflow()["jobs"]
    assert "bash .ci/run" in _runs(jobs["test"])
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert "make pdf" in _runs(jobs["build"])  # the site, strict, with the printed compendium
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    pdf = makefile.split("\npdf:")[1].split("\n\n")[0]
    assert "COMPENDIUM_PDF=1" in pdf and "$(BIN)/mkdocs build --strict" in pdf
    assert "actions/upload-pages-artifact" in _uses(jobs["build"])
    assert _uses(jobs["deploy"]) == ["actions/deploy-pages"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"


def test_the_suite_runs_on_every_supported_python():
    test = _workflow()["jobs"]["test"]
    assert test["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    assert test["container"] == "python:${{ matrix.python }}-bookworm"
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.11,<3.14"' in pyproject


def test_dependencies_are_cached():
    jobs = _workflow()["jobs"]
    setup = next(step for step in jobs["build"]["steps"]
                 if step.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip"
    assert "actions/cache" in _uses(jobs["test"])


def test_the_site_address_comes_from_github_pages():
    build = _workflow()["jobs"]["build"]
    step = next(step for step in build["steps"] if "make pdf" in step.get("run", ""))
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert any(s.get("id") == "pages" and s["uses"].startswith("actions/configure-pages")
               for s in build["steps"])
    assert "SOURCE_DATE_EPOCH" in step["run"]
    assert "site_url: !ENV [SITE_URL," in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
