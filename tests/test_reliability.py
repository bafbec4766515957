"""Bad input never crashes, hangs or half-publishes (issue 19).

Every golden case (tests/golden/) is also run through `compendium validate` and
`mkdocs build`: both must refuse it with the same lines and no traceback, and
the build must leave the previous site alone. Costly Markdown is refused or
rendered fast, and what editors leave next to the files is skipped by both.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from compendium.csp import UnexpectedScriptError, inline_script_hashes
from compendium.fields import MAX_TEXT
from compendium.loader import check_project
from compendium.project import Project
from compendium.safe_markdown import SafeMarkdown, markdown_problem, plain_paragraphs
from tests.conftest import run_mkdocs
from tests.test_golden_errors import CASES, lay_out

COMPENDIUM = Path(sys.executable).parent / "compendium"


def _expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_validate_command_refuses_every_golden_case_in_the_same_lines(case, make_project):
    result = subprocess.run([COMPENDIUM, "validate"], cwd=lay_out(case, make_project),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:-1] == _expected(case) or \
        result.stderr.splitlines() == _expected(case)  # compendium.yml: no count line


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_refuses_every_golden_case_like_validate_and_keeps_the_site(case, make_project):
    root = lay_out(case, make_project)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("last good build")
    result = run_mkdocs(root, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    for line in _expected(case):
        assert f"ERROR   -  {line}" in output
    assert (root / "site" / "index.html").read_text() == "last good build"


def _junk(root: Path) -> None:
    """What editors leave while files are open: none of it is a record or a page."""
    for folder, name in ((root / "data" / "practices", "bridges.yml"),
                         (root / "docs" / "en", "about.md")):
        (folder / f".#{name}").symlink_to("user@host.4242:1700000000")
        (folder / f"dangling-{name}").symlink_to("nowhere")
        (folder / f"{name}~").write_bytes((folder / name).read_bytes())
        (folder / f".{name}.swp").write_bytes(b"b0VIM 9.0\x00")
        (folder / f"#{name}#").write_text("half: [")


def test_validate_skips_editor_backups_and_dangling_links(make_project):
    root = make_project()
    _junk(root)
    result = subprocess.run([COMPENDIUM, "validate"], cwd=root, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 3 practices")


@pytest.mark.slow
def test_build_skips_editor_backups_and_dangling_links_and_publishes_none(make_project):
    root = make_project()
    _junk(root)
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    published = [p.name for p in (root / "site").rglob("*")]
    assert not [name for name in published if name.endswith(("~", ".swp", "#"))
                or name.startswith((".#", "dangling"))]


# Markdown that made Python-Markdown recurse until it crashed or take minutes, at sizes
# just under the bounds validation sets: each must be refused or render fast.
_COSTLY = {
    "nested lists": "- " * 8 + "x\n\n",
    "unmatched brackets": "[a " * 30 + "\n\n",
    "unclosed link targets": "[a](b " * 20 + "\n\n",
    "blank lines": "a\n" + "\n" * 50,
    "setext lines": "=\n" * 150 + "\n",
    "rules": "---\n" * 150 + "\n",
    "empty items": "-\n" * 150 + "\n",
    "emphasis": "*a" * 200 + "\n\n",
}


def _best_time(render, text: str) -> float:
    """The fastest of three runs: the machine is shared, and noisy."""
    times = []
    for _ in range(3):
        start = time.perf_counter()
        render(text)
        times.append(time.perf_counter() - start)
    return min(times)


def _validate_and_render(text: str) -> None:
    if not markdown_problem(text):
        plain_paragraphs(text)
        SafeMarkdown().render(text)


@pytest.mark.parametrize("name", list(_COSTLY))
def test_markdown_at_the_bounds_is_refused_or_rendered_about_as_fast_as_prose(name):
    """Measured against ordinary prose of the same length on the same machine (about
    0.05 s): a few times slower at most (before the bounds, 10 000 '[' took 10 s and
    600 '- ' crashed). A ratio, since the machine is shared and noisy."""
    block = _COSTLY[name]
    text = (block * (MAX_TEXT // len(block)))[:MAX_TEXT]
    prose = ("The project offers **guidance** and [training](https://example.org/).\n\n"
             "- one\n- two\n\n")
    prose = (prose * (MAX_TEXT // len(prose)))[:MAX_TEXT]
    assert _best_time(_validate_and_render, text) < 20 * _best_time(_validate_and_render,
                                                                       prose), name


@pytest.mark.parametrize("size", [900_000, 1_000_000], ids=["900 kB", "1 MB"])
@pytest.mark.parametrize("unit", ["[", "- ", "a\n", "\n", "=\n", "x"])
def test_a_field_of_a_megabyte_is_refused_well_under_a_second(make_project, unit, size):
    root = make_project()
    body = (unit * (size // len(unit)))[:size]
    quoted = body.replace("\n", "\\n")
    (root / "data" / "practices" / "huge.yml").write_text(
        "source_language: it\ntitle: {it: Test}\npromoters: [city-hall]\nsubject: {it: Test}\n"
        f'description: {{it: "x{quoted}x"}}\n'
        "provenance: {source: fixture-source, location: {it: scheda 9}}\n", encoding="utf-8")
    start = time.perf_counter()
    _dataset, _catalogues, log = check_project(Project.load(root))
    elapsed = time.perf_counter() - start
    assert [problem.file for problem in log] == ["data/practices/huge.yml"]
    (root / "data" / "practices" / "huge.yml").unlink()
    start = time.perf_counter()
    check_project(Project.load(root))
    # Well under a second more than the same project without it (a shared, noisy machine).
    assert elapsed < time.perf_counter() - start + 1.0


def test_only_the_themes_known_inline_scripts_are_hashed():
    known = ('<script>__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>'
             '(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse('
             '_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.'
             'setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>')
    assert len(inline_script_hashes(known)) == 1
    assert inline_script_hashes('<script type="application/json">{"a": 1}</script>') == []
    for unexpected in ("<script>alert(1)</script>",
                       known.replace('"../.."', '"x"+alert(1)+"x"'),
                       known.replace("catch(e){}", "catch(e){alert(1)}")):
        with pytest.raises(UnexpectedScriptError, match="not one of the theme's known ones"):
            inline_script_hashes(unexpected)


@pytest.mark.slow
def test_an_unexpected_inline_script_stops_the_build_with_a_clear_message(make_project):
    root = make_project()
    template = root / "overrides" / "compendium" / "practice.html"
    template.write_text("<script>window.stolen = 1</script>\n" + template.read_text("utf-8"),
                        encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("practices/bridges/index.html: an inline script that is not one of the theme's "
            "known ones ('window.stolen = 1'), which browsers would refuse to run") \
        in result.stderr


def test_translations_command_skips_editor_backups_and_dangling_links(make_project):
    root = make_project()
    _junk(root)
    result = subprocess.run([COMPENDIUM, "translations"], cwd=root, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "dangling" not in result.stdout and "~" not in result.stdout


@pytest.mark.slow
def test_serve_keeps_rebuilding_while_an_editor_holds_its_lock_link(make_project):
    """Emacs makes `.#bridges.yml` (a link to nowhere) as soon as the file is modified."""
    from tests.preview import make_serve

    root = make_project()
    with make_serve(root) as running:
        running.wait_for("/en/practices/bridges/", "Bridges to work")
        _junk(root)
        record = root / "data" / "practices" / "bridges.yml"
        record.write_text(record.read_text().replace("Bridges to work", "Bridges to jobs"))
        running.wait_for("/en/practices/bridges/", "Bridges to jobs")
