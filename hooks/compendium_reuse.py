"""Pages of earlier builds, reused by `mkdocs serve` (never by `mkdocs build`).

A preview rebuilds the whole site after every save, though one record changed. The
core reuses the content of every generated page whose inputs did not change
(compendium.FragmentCache); this module reuses the whole page around it, as the
theme wrote it, when its content and everything the theme draws around it are the
same as when it was written (`theme_inputs`: mkdocs.yml, the templates and assets
under overrides/, the hand-written pages that make the navigation, the interface
strings, compendium.yml, the build's settings and language). MkDocs then copies the
page as a file instead of rendering it through Material.

A reused page keeps its Markdown entry, marked excluded, so that links to it from
hand-written pages still resolve (MkDocs says at INFO that they lead to an excluded
page: not so, and that line is dropped). Pages in the navigation are always
rendered: MkDocs draws the navigation from them.

Helpers of compendium_hooks.py, which owns the state of a build.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

import compendium


@dataclass
class LanguagePages:
    """The reuse bookkeeping of one language's build."""

    inputs: str  # digest of the theme's inputs (theme_inputs)
    keys: dict[str, str] = field(default_factory=dict)  # src_uri -> key of the page written
    reused: list[File] = field(default_factory=list)  # their Markdown entries (excluded)


class PageReuse:
    """What a preview keeps from one build to the next."""

    def __init__(self) -> None:
        self.fragments = compendium.FragmentCache()
        self._pages: dict[str, tuple[str, str]] = {}  # dest_uri -> (key, whole page)
        self.reused_sources: set[str] = set()  # for the log filter below
        self.pages_reused = 0  # since the preview started (for benchmarks and tests)

    def start(self, config: MkDocsConfig, build: compendium.LanguageBuild) -> LanguagePages:
        self.reused_sources = set()
        return LanguagePages(theme_inputs(config, build))

    def add(self, spec: compendium.PageSpec, file: File, build: compendium.LanguageBuild,
            pages: LanguagePages, files: Files, config: MkDocsConfig
            ) -> compendium.RenderedPage | None:
        """Add a generated page's copy when it can be reused (its Markdown entry then
        excluded); else return its content, rendered or reused, for MkDocs to render."""
        rendered = build.render(spec)
        key = _key(pages.inputs, rendered)
        written = self._pages.get(spec.dest_uri)
        if spec.in_nav or written is None or written[0] != key:
            pages.keys[spec.src_uri] = key
            return rendered
        file.inclusion = InclusionLevel.EXCLUDED
        files.append(File.generated(config, spec.dest_uri, content=written[1]))
        pages.reused.append(file)
        self.reused_sources.add(spec.src_uri)
        self.pages_reused += 1
        return None

    def written(self, pages: LanguagePages, src_uri: str, dest_uri: str, html: str) -> None:
        """A generated page as the theme wrote it, kept for the next build."""
        key = pages.keys.pop(src_uri, None)
        if key is not None:
            self._pages[dest_uri] = (key, html)


def _key(inputs: str, rendered: compendium.RenderedPage) -> str:
    """The page's key: the theme's inputs and every field of its content."""
    content = repr([sorted(value) if isinstance(value, frozenset) else value
                    for value in (getattr(rendered, f.name) for f in fields(rendered))])
    return hashlib.sha256((inputs + content).encode()).hexdigest()


def theme_inputs(config: MkDocsConfig, build: compendium.LanguageBuild) -> str:
    """A digest of everything MkDocs and the theme draw around a page's content."""
    sha = hashlib.sha256(repr((build.settings, build.lang, config.site_url,
                               config.use_directory_urls, config.extra.get("alternate"),
                               config.theme.get("language"))).encode())
    project = build.compendium.project
    sha.update(Path(config.config_file_path).read_bytes())
    sha.update((project.root / "compendium.yml").read_bytes())
    folders = [Path(config.docs_dir), project.locales_dir]
    folders += [Path(folder) for folder in [config.theme.custom_dir] if folder]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            sha.update(path.relative_to(folder).as_posix().encode() + b"\0")
            sha.update(path.read_bytes())
    return sha.hexdigest()


class _QuietExcludedLinks(logging.Filter):
    """MkDocs says at INFO that a hand-written page links an excluded page: for a page
    reused by the preview it is not excluded at all (see the module's docstring)."""

    _MESSAGE = re.compile(r"contains a link to '([^']+)' which is excluded from the built site")

    def __init__(self, reuse: PageReuse):
        super().__init__()
        self.reuse = reuse

    def filter(self, record: logging.LogRecord) -> bool:
        match = self._MESSAGE.search(record.getMessage())
        return not (match and match.group(1) in self.reuse.reused_sources)


def quiet_links_to(reuse: PageReuse) -> None:
    logging.getLogger("mkdocs.structure.pages").addFilter(_QuietExcludedLinks(reuse))
