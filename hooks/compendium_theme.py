"""MkDocs specifics of the glue: reading the build's settings from mkdocs.yml, the
virtual files of generated pages, and what Material's templates need in their
context. Each helper turns MkDocs objects into plain values for the core
(`compendium.LanguageBuild`) and the core's answers into MkDocs objects or
template context; none keeps state between builds.

Helpers of compendium_hooks.py (MkDocs puts this folder on the import path while
it loads a hook).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import rjsmin
from jinja2 import BytecodeCache, Environment
from markupsafe import Markup, escape
from material_fixes import local_scripts, split_page  # hooks/material_fixes.py
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

import compendium

SITE_WIDE_TEMPLATES = {"404.html": "404", "sitemap.xml": "sitemap"}
MATERIAL_SCRIPTS = "assets/javascripts/"
OWN_SCRIPTS = "assets/compendium/"


def language(config: MkDocsConfig) -> str:
    """The language being built: static-i18n sets theme.language before each build."""
    return config.theme["language"]


def check_languages(config: MkDocsConfig, opened: compendium.Compendium, lang: str,
                    only: str | None = None) -> None:
    """mkdocs.yml and compendium.yml must agree on the languages of the site (a preview
    of one language builds that one and the default one)."""
    expected = list(opened.languages)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        built = [language.locale for language in i18n.config.languages if language.build]
        if only is not None:
            built = [language.locale for language in i18n.config.languages]
        if built != expected:
            raise Abort(f"mkdocs.yml builds the languages {built} but compendium.yml lists "
                        f"{expected}; list the same languages, in the same order, in both")
    if lang not in expected:
        raise Abort(f"theme.language '{lang}' is not one of compendium.yml's languages {expected}")


def default_language(config: MkDocsConfig) -> str:
    """The language static-i18n builds first, at the site's root."""
    i18n = config.plugins.get("i18n")
    defaults = [language.locale for language in (i18n.config.languages if i18n else [])
                if language.default]
    return defaults[0] if defaults else language(config)


def built_languages(config: MkDocsConfig) -> list[str]:
    """The languages static-i18n builds, in its order: the default one first."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [language(config)]
    default = default_language(config)
    return [default] + [lang.locale for lang in i18n.config.languages
                        if lang.build and lang.locale != default]


def preview_language(config: MkDocsConfig, serving: bool) -> str | None:
    """The one language `make serve SITE_LANG=xx` previews (mkdocs.yml's
    extra.preview_language); None for every language, and always in a real build."""
    if not serving:
        return None
    i18n = config.plugins.get("i18n")
    locales = tuple(language.locale for language in (i18n.config.languages if i18n else []))
    try:
        return compendium.preview_language((config.extra or {}).get("preview_language"),
                                           locales)
    except compendium.SettingsError as error:
        raise Abort(str(error)) from None


def build_only(config: MkDocsConfig, lang: str) -> None:
    """static-i18n builds `lang` and the default language (always built, first)."""
    i18n = config.plugins.get("i18n")
    default = default_language(config)
    for language_config in i18n.config.languages if i18n else []:
        language_config.build = language_config.locale in (lang, default)


def check_navigation(config: MkDocsConfig, pages: list[compendium.PageSpec]) -> None:
    """mkdocs.yml's nav must list the generated pages whose type is in the navigation
    (a new page type that declares `in_nav`, say), or they would silently be missing."""
    listed = set(_nav_paths(config.nav or []))
    missing = sorted({spec.src_uri.split("/", 1)[1] for spec in pages if spec.in_nav}
                     - listed)
    if missing:
        raise Abort(f"mkdocs.yml's nav does not list {', '.join(missing)}, generated pages "
                    "that their page type (compendium/pages/) puts in the navigation; "
                    "add them to nav where readers should find them")


def _nav_paths(entries) -> list[str]:
    """Every page path of a nav, however nested (`- Title: path` or `- path`)."""
    paths: list[str] = []
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, str):
            paths.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                paths.extend(_nav_paths(value))
    return paths


def build_settings(config: MkDocsConfig, only: str | None = None
                   ) -> compendium.BuildSettings:
    """The build's settings from mkdocs.yml (raises compendium.SettingsError)."""
    return compendium.BuildSettings(
        directory_urls=config.use_directory_urls,
        site_url=config.site_url or "",
        site_names=_site_names(config),
        build_date=get_build_datetime().date(),
        only_language=only,
        **compendium.extra_settings(config.extra or {}),
    )


def _site_names(config: MkDocsConfig) -> dict[str, str]:
    """The site's name in each language, as mkdocs.yml gives it to static-i18n."""
    i18n = config.plugins.get("i18n")
    languages = i18n.config.languages if i18n is not None else []
    return {language.locale: language.site_name or config.site_name for language in languages}


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled theme templates, shared by the builds of every language.

    MkDocs makes a new Jinja environment for each build, and static-i18n builds
    once per language: without this, Material's templates are compiled three
    times. Entries are keyed by template name and source checksum, so the cache
    holds no language-dependent state.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_bytecode = _MemoryBytecodeCache()


def prepare_environment(env: Environment) -> Environment:
    """The shared template cache, and the Content-Security-Policy as a global of every
    template (main.html writes it; the core fills in its script hashes)."""
    env.bytecode_cache = _bytecode
    env.globals["cmp_csp"] = compendium.CSP_POLICY
    return env


# -- files --------------------------------------------------------------------
def generated_file(spec: compendium.PageSpec, build: compendium.LanguageBuild,
                   config: MkDocsConfig) -> File:
    """A virtual Markdown file for a generated page, with what static-i18n expects of it."""
    inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
    file.dest_uri = spec.dest_uri
    # The language switcher of static-i18n reads these to link the same page
    # in the other languages (see its reconfigure_page_context).
    file.locale = file.locale_alternate_of = spec.lang
    file.alternates = {
        lang: File(spec.src_uri, None, config.site_dir, config.use_directory_urls,
                   dest_uri=build.dest_in(spec, lang))
        for lang in build.languages
    }
    return file


def serve_material_script_locally(files: Files, config: MkDocsConfig) -> None:
    """Material's script, served with the site's own files in place of its CDN scripts
    (material_fixes.local_scripts); its source maps are left out."""
    for file in list(files):
        uri = file.src_uri
        if not uri.startswith(MATERIAL_SCRIPTS) or "/" in uri[len(MATERIAL_SCRIPTS):]:
            continue
        if uri.endswith(".min.js.map"):
            files.remove(file)
        elif uri.startswith(f"{MATERIAL_SCRIPTS}bundle.") and uri.endswith(".min.js"):
            files.remove(file)
            files.append(File.generated(config, uri, content=_local_bundle(file.abs_src_path)))


def serve_own_scripts_minified(files: Files, config: MkDocsConfig) -> None:
    """The site's own scripts (assets/compendium/*.js), served without comments and
    needless spaces: they are written to be read, with comments that say why, and
    readers download them on every search or page. rjsmin renames nothing, so the
    served script runs exactly as its source reads, at about half the bytes."""
    for file in list(files):
        uri = file.src_uri
        if uri.startswith(OWN_SCRIPTS) and uri.endswith(".js") and not uri.endswith(".min.js"):
            files.remove(file)
            files.append(File.generated(config, uri, content=_minified(
                file.abs_src_path, Path(file.abs_src_path).stat().st_mtime)))


@cache  # the same file for every language, and every rebuild of `mkdocs serve`
def _minified(path: str, mtime: float) -> str:
    return rjsmin.jsmin(Path(path).read_text(encoding="utf-8"), keep_bang_comments=True) + "\n"


@cache  # the same theme file for every language, and every rebuild of `mkdocs serve`
def _local_bundle(path: str) -> str:
    try:
        return local_scripts(Path(path).read_text(encoding="utf-8"))
    except ValueError as error:
        raise Abort(str(error)) from None


def handwritten(page: Page, build: compendium.LanguageBuild) -> compendium.HandwrittenPage:
    """A hand-written page as the core sees it: where it goes, what language its text is
    in (static-i18n shows the original where a translation is missing), and its original."""
    original = _versions(page.file).get(build.default_language)
    source = page.file.abs_src_path
    return compendium.HandwrittenPage(
        dest_uri=page.file.dest_uri, title=page.title or "",
        lang=getattr(page.file, "locale", build.lang),
        source=Path(source) if source else None,
        original_dest=original.dest_uri if original is not None else None)


def _versions(file: File) -> dict[str, File]:
    """A file's versions in every language (static-i18n's, or ours for generated pages)."""
    return getattr(file, "alternates", None) or {}


def _urls(file: File) -> dict[str, str]:
    return {lang: version.url for lang, version in _versions(file).items()}


# -- template context -----------------------------------------------------------
def toc_tree(headings) -> list[dict]:
    """A generated page's sections (level 2) with their subsections (3) nested under
    them, as MkDocs' get_toc wants them; titles escaped, as Material prints them raw."""
    tree: list[dict] = []
    open_items: list[dict] = []  # the last item of each level above the current one
    for heading in headings:
        item = {"level": heading.level, "id": heading.id, "name": str(escape(heading.text)),
                "children": []}
        while open_items and open_items[-1]["level"] >= heading.level:
            open_items.pop()
        (open_items[-1]["children"] if open_items else tree).append(item)
        open_items.append(item)
    return tree


def name_home_page(page: Page, build: compendium.LanguageBuild) -> None:
    """The navigation's first entry reads "Home" in the reader's language, not the home
    page's heading (the site's name, already in the header). Called once the page is
    rendered and indexed under its heading; MkDocs draws the navigation after that."""
    if build.is_home(page.file.dest_uri):
        page.title = build.l10n.t("site.home")


def page_context(page: Page, build: compendium.LanguageBuild, site_description: str) -> dict:
    """What overrides/ read for a page: the language switcher's links to this very page
    (relative: static-i18n leaves home pages with absolute links, which break under
    a sub-path and from disk), the search box, hreflang links, the footer, the
    site's names, and the page's title, description (the site's, for a page with
    no text to describe it) and link-preview tags."""
    urls = _urls(page.file)
    dest = page.file.dest_uri
    title = Markup(page.title or "").striptags()  # generated pages' titles come escaped
    description = (page.meta or {}).get("description") or site_description
    return {"cmp_language_links": urls, "cmp_search": build.search_box(dest),
            "cmp_alternates": build.hreflang(urls), "cmp_footer": build.page_footer(dest),
            "cmp_site": site_names(build),
            "cmp_meta": build.page_meta(dest, title, Markup(description).striptags())}


def site_names(build: compendium.LanguageBuild) -> dict[str, str]:
    """The site's name, and its short form for narrow places (overrides/partials/)."""
    return {"name": build.site_name, "short_name": build.short_site_name}


class _QuietSkippedTemplates(logging.Filter):
    """404.html and sitemap.xml are written once, by the default language's build (the
    others' give an empty output, see compendium_hooks.on_post_template), and MkDocs
    logs "Template skipped" for each empty one: nothing to act on. (Taking them out of
    the theme's static templates instead would copy sitemap.xml raw.)"""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (record.levelno == logging.INFO and message.startswith("Template skipped")
                    and any(f"'{name}'" in message for name in SITE_WIDE_TEMPLATES))


logging.getLogger("mkdocs.commands.build").addFilter(_QuietSkippedTemplates())


class _QuietOverrides(logging.Filter):
    """static-i18n logs every site_name and site_description it sets for a language, in
    every build: nothing to act on. Its other messages pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.INFO and "config '" in record.getMessage()
                    and "Overriding '" in record.getMessage())


logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure").addFilter(_QuietOverrides())


def site_wide_name(template_name: str) -> str | None:
    """The core's name of a template that makes one file for every language."""
    return SITE_WIDE_TEMPLATES.get(template_name)


def site_wide_context(template_name: str, context: dict, build: compendium.LanguageBuild,
                      pages: list[File]) -> dict:
    """The 404 page's texts in every language and the sitemap's entries, in the build
    that writes them."""
    name = site_wide_name(template_name)
    if name is None or not build.writes(name):
        return {}
    if name == "404":
        root = context["base_url"]
        sections = build.not_found(root)
        own = next(section for section in sections if section["lang"] == build.lang)
        # The language menu leads to each language's home page: without links of its
        # own it would show static-i18n's, as the last page rendered left them.
        homes = {lang: root.rstrip("/") + "/" + build.site.prefix(lang)
                 for lang in build.compendium.project.languages}
        return {"cmp_not_found": sections, "cmp_search": own["search"],
                "cmp_footer": build.root_footer(root), "cmp_site": site_names(build),
                "cmp_meta": build.not_found_meta(), "cmp_language_links": homes}
    pages = sorted(pages, key=lambda f: f.dest_uri)  # every page of the language
    return {"cmp_sitemap": build.sitemap(_urls(file) for file in pages)}


# The 404 pages of the languages built so far, by site folder and language: the one
# state kept from one language's build to the next, on purpose (compendium.not_found:
# the last build writes the page of every language). Each build replaces its own.
_not_found_pages: dict[str, dict[str, compendium.NotFoundPage]] = {}


def collect_not_found(config: MkDocsConfig, build: compendium.LanguageBuild,
                      output: str) -> dict[str, compendium.NotFoundPage]:
    """Keep this language's 404 page, cut where Material's visible part starts and
    ends; return every language's kept so far (raises ValueError if Material's page
    changed shape)."""
    pages = _not_found_pages.setdefault(config.site_dir, {})
    pages[build.lang] = compendium.NotFoundPage(*split_page(output))
    return pages


# -- `mkdocs serve`: files written once the pages are served -----------------------
@dataclass
class LaterFiles:
    """What a preview's build leaves to be written once its pages are served: the files
    the worker makes (search indexes, open data), which a save seldom changes and which
    would hold back the page that shows the change. compendium_hooks hands them over,
    compendium_preview writes them; the one state shared by the two hook modules."""

    preview: bool = False  # a preview is serving (compendium_preview.on_serve)
    folders: list[str] = field(default_factory=list)  # relative to the site
    write: Callable[[Path], None] | None = None  # writes them into the published site

    def take(self) -> tuple[list[str], Callable[[Path], None] | None]:
        folders, write = self.folders, self.write
        self.folders, self.write = [], None
        return folders, write


LATER = LaterFiles()
