"""The core stands alone: its public API renders every page of every language, writes
the files that are not pages, and fails loudly on a template's mistake, all without
MkDocs or Material."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import compendium
from compendium.pages import PAGE_TYPES
from tests.conftest import copy_project, run_mkdocs
from tests.helpers import LANGUAGES

# Rendering through the public API alone, in a fresh interpreter, then listing the
# modules it imported.
_ALONE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import compendium

    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    opened = compendium.open_compendium(root)
    pages = {}
    for lang in opened.project.languages:
        build = compendium.LanguageBuild(opened, lang, compendium.BuildSettings())
        rendered = [build.render(spec) for spec in build.pages()]
        pages[lang] = [page.title for page in rendered if page.html.strip()]
        build.write_files(out)
    print(json.dumps({"pages": pages, "modules": sorted(sys.modules)}))
""")


def test_every_page_of_every_language_renders_without_mkdocs_or_material(tmp_path):
    root = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", _ALONE, str(root), str(tmp_path / "site")],
                            capture_output=True, text=True, check=True)
    report = json.loads(result.stdout)
    imported = [name for name in report["modules"]
                if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")]
    assert imported == []
    opened = compendium.open_compendium(root)
    for lang in LANGUAGES:
        expected = len(opened.site.pages(lang))
        assert len(report["pages"][lang]) == expected > 20
    assert (tmp_path / "site" / "search" / "data" / "manifest.js").is_file()
    assert (tmp_path / "site" / "en" / "search" / "data" / "manifest.js").is_file()
    assert (tmp_path / "site" / "data" / "practices.json").is_file()


def test_every_registered_page_type_has_pages_and_a_title(tmp_path):
    opened = compendium.open_compendium(copy_project(tmp_path / "project"))
    for lang in LANGUAGES:
        build = compendium.LanguageBuild(opened, lang, compendium.BuildSettings())
        types = {spec.type for spec in build.pages()}
        assert types == set(PAGE_TYPES)
        for spec in build.pages():
            assert build.render(spec).title, spec.dest_uri


def test_the_public_api_is_stated():
    assert set(compendium.__all__) == {name for name in dir(compendium)
                                       if not name.startswith("_")
                                       and not isinstance(getattr(compendium, name),
                                                          type(compendium))}


def _with_template_line(root: Path, template: str, line: str) -> None:
    path = root / "overrides" / "compendium" / template
    path.write_text(line + "\n" + path.read_text("utf-8"), encoding="utf-8")


def _render_error(root: Path, folder: str, slug: str) -> str:
    opened = compendium.open_compendium(root)
    build = compendium.LanguageBuild(opened, "it", compendium.BuildSettings())
    spec = next(s for s in build.pages() if s.dest_uri == f"{folder}/{slug}/index.html")
    with pytest.raises(compendium.RenderError) as caught:
        build.render(spec)
    return str(caught.value)


@pytest.mark.parametrize(("template", "line", "page", "message"), [
    ("practice.html", "{{ view.text(record, 'descripton') }}", ("practices", "bridges"),
     "practice.html:1 (practices/bridges/index.html): view.text: practice records have no "
     "field 'descripton'; did you mean 'description'?"),
    ("organisation.html", "{{ view.incoming(record, 'practice', 'promotrs') }}",
     ("organisations", "city-hall"),
     "organisation.html:1 (organisations/city-hall/index.html): view.incoming: practice "
     "records have no reference field 'promotrs'; did you mean 'promoters'?"),
    ("organisation.html", "{{ view.incoming(record, 'practise') }}",
     ("organisations", "city-hall"),
     "organisation.html:1 (organisations/city-hall/index.html): view.incoming: there is no "
     "record kind 'practise'; did you mean 'practice'?"),
    ("practice.html", "{{ view.facet_label('contry', 'IT') }}", ("practices", "bridges"),
     "practice.html:1 (practices/bridges/index.html): KeyError: 'contry'"),
    ("practice.html", "{{ t('field.no_such_label') }}", ("practices", "bridges"),
     "practice.html:1 (practices/bridges/index.html): interface string "
     "'field.no_such_label' is missing; add it to locales/it.yml (and the other languages' "
     "catalogues)"),
])
def test_a_templates_mistake_is_reported_as_what_it_is(tmp_path, template, line, page,
                                                       message):
    root = copy_project(tmp_path / "project")
    _with_template_line(root, template, line)
    assert _render_error(root, *page) == message


@pytest.mark.slow
def test_a_misspelt_field_stops_the_mkdocs_build_in_one_line(tmp_path):
    root = copy_project(tmp_path / "project")
    _with_template_line(root, "practice.html", "{{ view.text(record, 'descripton') }}")
    result = run_mkdocs(root, "build")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("practice.html:1 (practices/bridges/index.html): view.text: practice records "
            "have no field 'descripton'; did you mean 'description'?") in result.stderr


@pytest.mark.parametrize(("extra", "message"), [
    ({"pdf": "maybe"}, "mkdocs.yml extra.pdf: 'maybe' is not a switch (expected true or "
                       "false, e.g. COMPENDIUM_PDF=1)"),
    ({"feedback_url": "javascript:alert(1)"},
     "mkdocs.yml extra.feedback_url: 'javascript:alert(1)' is not a web or e-mail address"),
    ({"feedback_url": "issues"}, "mkdocs.yml extra.feedback_url: 'issues' is not a web"),
])
def test_the_builds_own_settings_are_checked(extra, message):
    with pytest.raises(compendium.SettingsError, match="^" + message.replace("(", r"\(")
                       .replace(")", r"\)").replace(".", r"\.")):
        compendium.extra_settings(extra)


@pytest.mark.parametrize(("extra", "pdf", "feedback"), [
    ({}, False, ""),
    ({"pdf": "1", "feedback_url": ""}, True, ""),
    ({"pdf": False, "feedback_url": "https://github.com/o/r/issues"}, False,
     "https://github.com/o/r/issues"),
    ({"pdf": "false", "feedback_url": "mailto:info@example.org"}, False,
     "mailto:info@example.org"),
])
def test_settings_the_environment_sets_are_read(extra, pdf, feedback):
    assert compendium.extra_settings(extra) == {"pdf": pdf, "feedback_url": feedback}


@pytest.mark.slow
def test_a_bad_setting_stops_the_build_in_one_line(tmp_path):
    root = copy_project(tmp_path / "project")
    result = run_mkdocs(root, "build", env={"COMPENDIUM_PDF": "sometimes"})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "extra.pdf: 'sometimes' is not a switch" in result.stdout + result.stderr


@pytest.mark.slow
def test_a_page_type_in_the_navigation_must_be_listed_in_mkdocs_nav(tmp_path):
    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - map/index.md\n", ""))
    result = run_mkdocs(root, "build")
    assert result.returncode == 1
    assert "mkdocs.yml's nav does not list map/index.md" in result.stdout + result.stderr


def _runtime_imports(path: Path) -> set[str]:
    """The modules a module imports when it runs (not those for type checking only)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:  # module level only: TYPE_CHECKING blocks are `if` statements
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _module_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The core's modules: which of them each imports, and everything each imports."""
    package = Path(compendium.__file__).parent
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = _runtime_imports(path)
    graph = {name: {m for m in imports if m in modules and m != name}
             for name, imports in modules.items()}
    return graph, modules


def test_the_core_imports_in_one_direction_only():
    """No import cycle between the core's modules, and no module of the core reaches up
    to a front end (the CLI) or to a static-site generator."""
    graph, everything = _module_graph()
    for name, imports in everything.items():
        if not name.startswith("compendium.cli"):
            assert not any(m.startswith("compendium.cli") for m in imports), name
        generators = {m for m in imports if m.split(".")[0] in ("mkdocs", "material")}
        assert not generators, (name, generators)
    _assert_acyclic(graph)
    layers: dict[str, set[str]] = {}  # compendium.search, compendium.pages, ...: packages
    for name, imports in graph.items():
        layers.setdefault(_layer(name), set()).update(
            _layer(m) for m in imports if _layer(m) not in (_layer(name), "compendium"))
    _assert_acyclic(layers)


def _layer(module: str) -> str:
    return ".".join(module.split(".")[:2])


def _assert_acyclic(graph: dict[str, set[str]]) -> None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        assert name not in visiting, " -> ".join([*visiting[visiting.index(name):], name])
        if name in done:
            return
        visiting.append(name)
        for imported in sorted(graph.get(name, set()) - {"compendium"}):
            if not name.startswith(imported + "."):  # a package's own __init__
                visit(imported)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
