"""The README's recipe for a new page type works as written: one module, its line in the
registry, one template, its strings (and, in the navigation, its line in mkdocs.yml).

The recipe is applied to a copy of the core (so the repository is untouched) and the
copy is built with MkDocs, which imports it instead of the installed package.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_project, run_mkdocs
from tests.helpers import LANGUAGES, page, text

pytestmark = pytest.mark.slow

TITLES = {"it": "Temi", "en": "Themes", "es": "Temas"}
TEMPLATE = """\
{% import "_macros.html" as m with context %}
<h1 id="cmp-title">{{ page_title.text }}</h1>
<ul class="cmp-themes">
{% for label, url in view.themes() %}
<li><a href="{{ url }}">{{ m.inline(label) }}</a></li>
{% endfor %}
</ul>
"""


def _readme_module() -> str:
    """The page type module exactly as the README shows it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    recipe = readme.split("#### Adding a page type", 1)[1]
    code = re.search(r"```python\n(.*?)```", recipe, re.S).group(1)
    return "\n".join(line[3:] if line.startswith("   ") else line
                     for line in code.splitlines()) + "\n"


def test_a_new_page_type_is_one_module_one_template_and_its_strings(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    core = tmp_path / "core"
    shutil.copytree(REPO / "compendium", core / "compendium",
                    ignore=shutil.ignore_patterns("__pycache__"))
    pages = core / "compendium" / "pages"
    (pages / "themes.py").write_text(_readme_module(), encoding="utf-8")  # step 1
    registry = pages / "__init__.py"  # step 2
    source = registry.read_text(encoding="utf-8")
    source = source.replace("from compendium.pages import catalogue,",
                            "from compendium.pages import themes\nfrom compendium.pages "
                            "import catalogue,")
    source = source.replace("open_data, facet, record)", "open_data, facet, record, themes)")
    registry.write_text(source, encoding="utf-8")
    (root / "overrides" / "compendium" / "themes.html").write_text(TEMPLATE)  # step 3
    for lang in LANGUAGES:  # step 4
        catalogue = root / "locales" / f"{lang}.yml"
        with catalogue.open("a", encoding="utf-8") as out:
            out.write(f"\nthemes:\n  title: {TITLES.get(lang, TITLES['en'])}\n")
    config = root / "mkdocs.yml"  # step 5
    config.write_text(config.read_text().replace("  - map/index.md\n",
                                                 "  - map/index.md\n  - themes/index.md\n"))
    result = run_mkdocs(root, "build", "--strict", env={"PYTHONPATH": str(core)})
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in LANGUAGES:
        soup = page(root / "site", lang, "themes/")
        assert text(soup.select_one("article h1")) == TITLES[lang]
        assert soup.select(".cmp-themes a[href*='practices/theme/']")
        nav = [text(a) for a in soup.select(".md-nav--primary .md-nav__link")]
        assert TITLES[lang] in nav
