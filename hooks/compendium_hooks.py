"""MkDocs glue for the compendium: thin on purpose.

Everything that matters (loading, validation, the pages of a language, what a
language's build writes) lives in the `compendium` package, which knows
nothing about MkDocs; these handlers translate MkDocs events into calls to its
public API (`compendium.LanguageBuild`).

mkdocs-static-i18n runs one complete build per language, so every handler
below runs once per language. The language is read from the config at the
start of each build (`on_config`) and all per-build state is replaced there;
nothing carries over from one language to the next, and nothing is written on
an object shared between builds, but for one deliberate exception: each
language's 404 page, kept until the last build writes the one 404 file of
every language (compendium_theme.collect_not_found).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import compendium_reuse as reuse  # hooks/compendium_reuse.py: `mkdocs serve` only
import compendium_theme as theme  # hooks/compendium_theme.py, a sibling (see there)
from jinja2 import Environment
from markupsafe import escape
from material_fixes import drop_toggle_autocomplete  # hooks/material_fixes.py
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import compendium

log = logging.getLogger("mkdocs.plugins.compendium")
TITLE_ID = "cmp-title"  # the id of every generated page's <h1> (overrides/compendium/)


@dataclass
class _State:
    """The glue's state during the build of one language."""

    build: compendium.LanguageBuild
    config: MkDocsConfig  # the build's: static-i18n builds every language with it
    specs: dict[str, compendium.PageSpec] = field(default_factory=dict)  # by src_uri
    files: Files | None = None
    rendered: dict[str, compendium.RenderedPage] = field(default_factory=dict)
    reused: reuse.LanguagePages | None = None  # `mkdocs serve` only


_state: _State | None = None
_serving = False  # `mkdocs serve` (see on_startup)
_reuse: reuse.PageReuse | None = None  # pages kept from one preview build to the next
_jobs: compendium.Jobs | None = None  # the search indexes' worker process


@event_priority(0)  # nothing depends on the order here
def on_startup(command: str, dirty: bool) -> None:
    """A preview (`mkdocs serve`) may build one language only (compendium_preview.py),
    and reuses the pages that a change leaves as they were (compendium_reuse.py)."""
    global _serving, _reuse, _jobs
    _serving = command == "serve"
    if _serving and _reuse is None:
        _reuse = reuse.PageReuse()
        reuse.quiet_links_to(_reuse)
    if _jobs is None:
        _jobs = compendium.Jobs()


@event_priority(0)  # nothing depends on the order here
def on_shutdown() -> None:
    """The search indexes' worker process ends with MkDocs."""
    if _jobs is not None:
        _jobs.close()


@event_priority(-110)  # after static-i18n's on_config (-100) has switched the language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Open (or reuse) the validated compendium and start this language's build."""
    global _state
    root = Path(config.config_file_path).parent
    try:  # once per build: every language is built from the same data
        opened = (_state.build.compendium if _state is not None and _state.config is config
                  else compendium.open_compendium(root))
    except compendium.DataError as error:
        for line in error.log.lines():
            log.error(line)
        raise Abort(f"{error}; nothing was built and the previous site is untouched. "
                    "Fix the lines above (or run `compendium validate`).") from None
    lang = theme.language(config)
    only = theme.preview_language(config, _serving)
    theme.check_languages(config, opened, lang, only)
    try:
        settings = theme.build_settings(config, only)
    except compendium.SettingsError as error:
        raise Abort(str(error)) from None
    fragments = _reuse.fragments if _reuse is not None else None
    _state = _State(compendium.LanguageBuild(opened, lang, settings, fragments, _jobs), config)
    if _serving and lang == theme.built_languages(config)[0]:  # a preview's rebuild begins
        _state.build.start_files(theme.built_languages(config))
    if _reuse is not None:
        _state.reused = _reuse.start(config, _state.build)
    return config


@event_priority(-200)  # after static-i18n (-100) rebuilt the file list for this language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add this language's generated pages (and Material's script, served locally)."""
    state = _current()
    for file in [f for f in files if f.abs_src_path and compendium.is_ignored(Path(
            f.abs_src_path))]:
        files.remove(file)  # editor backups, dangling links: skipped as validation skips them
    pages = state.build.pages()
    theme.check_navigation(config, pages)
    for spec in pages:
        if files.get_file_from_path(spec.src_uri) is not None:
            raise Abort(f"docs/{spec.src_uri} clashes with a generated page; remove or rename it")
        file = theme.generated_file(spec, state.build, config)
        if _reuse is not None and state.reused is not None:
            try:
                rendered = _reuse.add(spec, file, state.build, state.reused, files, config)
            except compendium.RenderError as error:
                raise Abort(str(error)) from None
            if rendered is not None:
                state.rendered[spec.src_uri] = rendered
        files.append(file)
        state.specs[spec.src_uri] = spec
    theme.serve_material_script_locally(files, config)
    theme.serve_own_scripts_minified(files, config)
    state.files = files
    return files


@event_priority(0)  # static-i18n's on_env only adds a Jinja extension: order is free
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Compile Material's templates once for all languages; give templates the CSP."""
    return theme.prepare_environment(env)


@event_priority(0)  # after static-i18n's (50), which picks a fallback page's Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render generated pages early, so that their title is known to the theme."""
    state = _current()
    spec = state.specs.get(page.file.src_uri)
    if spec is None:
        return markdown
    try:
        rendered = state.rendered.get(page.file.src_uri) or state.build.render(spec)
    except compendium.RenderError as error:
        raise Abort(str(error)) from None
    state.rendered[page.file.src_uri] = rendered
    # Material prints titles unescaped in several places: give it escaped text.
    page.meta["title"] = str(escape(rendered.title))
    page.meta["description"] = rendered.description
    page.meta["compendium_scripts"] = list(rendered.scripts)  # main.html loads them
    return ""


@event_priority(0)  # static-i18n has no on_page_content: order is free
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Swap in the generated HTML, its table of contents and its anchors; hand-written
    pages go through the core (search index, notices, PDF link)."""
    state = _current()
    rendered = state.rendered.pop(page.file.src_uri, None)
    if rendered is None:
        page.meta.setdefault("description", state.build.describe(html))
        try:
            html = state.build.handwritten_page(html, theme.handwritten(page, state.build))
        except compendium.RenderError as error:
            raise Abort(str(error)) from None
        theme.name_home_page(page, state.build)
        return html
    # The page title (every generated page's <h1 id="cmp-title">) heads the table
    # of contents, as in a Markdown page: Material's "skip to content" link
    # leads to the first entry, so it lands on the title, not past it.
    page.toc = get_toc([{
        "level": 1, "id": TITLE_ID, "name": str(escape(rendered.title)),
        "children": theme.toc_tree(rendered.headings),
    }])
    page.present_anchor_ids = set(rendered.anchors)
    return rendered.html


@event_priority(40)  # after static-i18n's on_page_context (50) set up the switcher
def on_page_context(context: dict, page: Page, config: MkDocsConfig,
                    nav: Navigation) -> dict:
    """The theme's shared parts for this page: language switcher, search box, hreflang
    links and footer (overrides/partials/ read them)."""
    context.update(theme.page_context(page, _current().build, config.site_description or ""))
    return context


@event_priority(0)  # after static-i18n's (50), which adds its sitemap data we do not use
def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """Context of the pages that are not documentation pages: 404 and sitemap."""
    state = _current()
    pages = list(state.files.documentation_pages()) if state.files else []
    pages += state.reused.reused if state.reused else []
    context.update(theme.site_wide_context(template_name, context, state.build, pages))
    return context


@event_priority(0)  # before static-i18n's (-100), which only forwards to a PDF plugin
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    state = _current()
    html = _finish(drop_toggle_autocomplete(output), page.file.dest_uri)
    if _reuse is not None and state.reused is not None:
        _reuse.written(state.reused, page.file.src_uri, page.file.dest_uri, html)
    return html


def _finish(output: str, dest: str) -> str:
    """The page with its CSP filled in; an unknown inline script stops the build."""
    try:
        return _current().build.finish_html(output)
    except compendium.RenderError as error:
        raise Abort(f"{dest}: {error}") from None


@event_priority(0)  # static-i18n has no on_post_template: order is free
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Write 404.html and sitemap.xml only where the core says so (the sitemap once for
    every language, the 404 page by every language with those built so far; no 404
    page in a copy read from disk). MkDocs writes no file for an empty output."""
    build = _current().build
    name = theme.site_wide_name(template_name)
    if name is not None and not build.writes(name):
        return ""
    output = drop_toggle_autocomplete(output)
    if name == "404":
        try:
            output = build.not_found_page(theme.collect_not_found(config, build, output))
        except ValueError as error:
            raise Abort(str(error)) from None
    return _finish(output, template_name) if output else ""


@event_priority(10)  # before static-i18n (-100) starts the next language's build
def on_post_build(config: MkDocsConfig) -> None:
    """Write this language's files that are not pages (search index, open data, PDF)."""
    last = theme.language(config) == theme.built_languages(config)[-1]
    build = _current().build
    write = build.write_files(Path(config.site_dir), last=last,
                              later=_serving and theme.LATER.preview)
    if write is not None:  # a preview writes them once the pages are served
        theme.LATER.folders, theme.LATER.write = build.later_folders(), write


def _current() -> _State:
    if _state is None:  # pragma: no cover - MkDocs always calls on_config first
        raise Abort("the compendium hooks ran before on_config")
    return _state
