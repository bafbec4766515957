"""One entry point for front ends: open the project, or fail with every problem.

Both the `compendium` command and the MkDocs hooks call `open_compendium`;
neither knows how data, vocabularies or interface strings are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compendium.dataset import Dataset, fingerprint, load_dataset
from compendium.handwritten import read_pages
from compendium.l10n import Localizer, catalogue_files, load_catalogues
from compendium.privacy import check_privacy
from compendium.problems import DataError, ProblemLog
from compendium.project import Project
from compendium.render import Renderer
from compendium.site import SiteModel


@dataclass
class Compendium:
    """A validated project, ready to render pages in any of its languages.

    It holds only the published view of the data (`site.dataset`): nothing that
    renders from it can reach a person with `publish: false`.
    """

    project: Project
    site: SiteModel
    renderer: Renderer

    @property
    def languages(self) -> tuple[str, ...]:
        return self.project.languages

    @property
    def default_language(self) -> str:
        return self.project.default_language


def check_project(project: Project) -> tuple[Dataset, dict[str, dict[str, str]], ProblemLog]:
    """Load records, vocabularies, interface strings and hand-written pages, collecting
    every problem, the mentions of hidden people among them (compendium.privacy)."""
    dataset, log = load_dataset(project)
    catalogues, locale_log = load_catalogues(project)
    log.extend(locale_log)
    pages = read_pages(project, log)
    log.extend(check_privacy(project, dataset, pages,
                             list(catalogue_files(project).values())))
    return dataset, catalogues, log


_CACHE: dict[Path, tuple[tuple, Compendium]] = {}


def open_compendium(root: Path) -> Compendium:
    """The project at `root`, reused while its data, strings and templates are unchanged.

    Raises DataError listing every problem. MkDocs builds each language
    separately; the cache makes them share one load and one validation.
    """
    project = Project.load(root)
    state = (project, fingerprint(project.data_dir), fingerprint(project.locales_dir),
             fingerprint(project.templates_dir), fingerprint(project.docs_dir))
    cached = _CACHE.get(project.root)
    if cached and cached[0] == state:
        return cached[1]
    dataset, catalogues, log = check_project(project)
    if log:
        raise DataError(log)
    default = catalogues[project.default_language]
    localizers = {lang: Localizer(lang, catalogues[lang], default) for lang in project.languages}
    site = SiteModel(project, dataset, localizers)
    compendium = Compendium(project, site, Renderer(site, localizers))
    _CACHE[project.root] = (state, compendium)
    return compendium


def last_opened(root: Path) -> Compendium | None:
    """The compendium last opened at `root`, without checking that its files are
    unchanged: a preview shows its notices in the languages of its last good build."""
    cached = _CACHE.get(root.resolve())
    return cached[1] if cached else None
