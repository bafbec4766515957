"""MkDocs glue for the compendium: thin on purpose.

Everything that matters (loading, validation, page model, rendering) lives in
the `compendium` package and knows nothing about MkDocs. These handlers only
hand MkDocs the pages the core describes, for the language being built.

mkdocs-static-i18n runs one complete build per language, so every handler
below runs once per language. The language is read from the config at the
start of each build (`on_config`) and all per-build state is replaced there;
nothing carries over from one language to the next.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache
from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from compendium.loader import Compendium, open_compendium
from compendium.problems import DataError
from compendium.render import RenderedPage
from compendium.search.bundle import FOLDER as SEARCH_FOLDER
from compendium.search.bundle import LanguageSearch
from compendium.site import PageSpec, SiteModel, relative_url

log = logging.getLogger("mkdocs.plugins.compendium")


@dataclass
class _Build:
    """State of the build of one language."""

    lang: str
    compendium: Compendium
    search: LanguageSearch
    specs: dict[str, PageSpec] = field(default_factory=dict)  # by src_uri
    rendered: dict[str, RenderedPage] = field(default_factory=dict)


_build: _Build | None = None


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


def _language(config) -> str:
    """The language being built: static-i18n sets theme.language before each build."""
    return config.theme["language"]


@event_priority(-110)  # after static-i18n's on_config (-100) has switched the language
def on_config(config):
    global _build
    root = Path(config.config_file_path).parent
    try:
        compendium = open_compendium(root)
    except DataError as error:
        for line in error.log.lines():
            log.error(line)
        raise Abort(f"{error}; nothing was built and the previous site is untouched. "
                    "Fix the lines above (or run `compendium validate`).") from None
    lang = _language(config)
    _check_languages(config, compendium, lang)
    renderer = compendium.renderer
    search = LanguageSearch(compendium.site, renderer.localizers[lang], renderer.markdown,
                            config.use_directory_urls)
    _build = _Build(lang, compendium, search)
    return config


def _check_languages(config, compendium: Compendium, lang: str) -> None:
    """mkdocs.yml and compendium.yml must agree on the languages of the site."""
    expected = list(compendium.project.languages)
    i18n = config.plugins.get("i18n")
    if i18n is not None:
        built = [language.locale for language in i18n.config.languages if language.build]
        if built != expected:
            raise Abort(f"mkdocs.yml builds the languages {built} but compendium.yml lists "
                        f"{expected}; list the same languages, in the same order, in both")
    if lang not in expected:
        raise Abort(f"theme.language '{lang}' is not one of compendium.yml's languages {expected}")


@event_priority(-200)  # after static-i18n (-100) rebuilt the file list for this language
def on_files(files: Files, config) -> Files:
    build = _current()
    site = build.compendium.site
    for spec in site.pages(build.lang):
        if files.get_file_from_path(spec.src_uri) is not None:
            raise Abort(f"docs/{spec.src_uri} clashes with a generated page; remove or rename it")
        files.append(_generated_file(spec, site, config))
        build.specs[spec.src_uri] = spec
    return files


def _generated_file(spec: PageSpec, site: SiteModel, config) -> File:
    """A virtual Markdown file for a generated page, with what static-i18n expects of it."""
    inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
    file = File.generated(config, spec.src_uri, content="", inclusion=inclusion)
    file.dest_uri = spec.dest_uri
    # The language switcher of static-i18n reads these to link the same page
    # in the other languages (see its reconfigure_page_context).
    file.locale = file.locale_alternate_of = spec.lang
    file.alternates = {
        lang: File(spec.src_uri, None, config.site_dir, config.use_directory_urls,
                   dest_uri=site.dest_in(spec, lang))
        for lang in site.project.languages
    }
    return file


def on_env(env, config, files):
    """Compile Material's templates once for all languages (see _MemoryBytecodeCache)."""
    env.bytecode_cache = _bytecode
    return env


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Render generated pages early, so that their title is known to the theme."""
    build = _current()
    spec = build.specs.get(page.file.src_uri)
    if spec is None:
        return markdown
    rendered = build.compendium.renderer.render(spec, config.use_directory_urls)
    build.rendered[page.file.src_uri] = rendered
    # Material prints titles unescaped in several places: give it escaped text.
    page.meta["title"] = str(escape(rendered.title))
    page.meta["compendium_scripts"] = list(rendered.scripts)  # main.html loads them
    return ""


def on_page_content(html: str, page, config, files) -> str:
    """Swap in the generated HTML, its table of contents and its anchors.

    A hand-written page that static-i18n took from another language (its
    fallback) is marked as such, with a notice in the reader's language.
    """
    build = _current()
    rendered = build.rendered.pop(page.file.src_uri, None)
    if rendered is None:
        build.search.add_page(page.file.dest_uri, page.title or "", html)
        page_lang = getattr(page.file, "locale", build.lang)
        if page_lang != build.lang:
            return build.compendium.renderer.render_fallback_page(html, page_lang, build.lang)
        return html
    page.toc = get_toc([
        {"level": h.level, "id": h.id, "name": str(escape(h.text)), "children": []}
        for h in rendered.headings
    ])
    page.present_anchor_ids = set(rendered.anchors)
    return rendered.html


@event_priority(40)  # after static-i18n's on_page_context (50) set up the switcher
def on_page_context(context, page, config, nav):
    """Point the language switcher at this very page in every language.

    static-i18n leaves home pages with absolute links ("/en/"), which break
    under a sub-path (GitHub Pages) and from disk; every page gets the
    relative URL of its own alternate instead.
    """
    alternates = getattr(page.file, "alternates", {})
    # Read it as the theme does: static-i18n sets it as an attribute of extra.
    for alternate in getattr(config.extra, "alternate", None) or []:
        target = alternates.get(alternate["lang"])
        if target is not None:
            alternate["link"] = target.url
    context["cmp_search"] = _search_box(page.file.dest_uri, config)
    return context


def _search_box(dest_uri: str, config) -> dict[str, str]:
    """What the header's search box needs: the search page of this language, and its words."""
    build = _current()
    t = build.compendium.renderer.localizers[build.lang].t
    target = build.compendium.site.search_dest(build.lang)
    return {"url": relative_url(dest_uri, target, config.use_directory_urls),
            "label": t("search.label"), "placeholder": t("search.placeholder"),
            "submit": t("search.submit")}


@event_priority(10)  # before static-i18n (-100) starts the next language's build
def on_post_build(config):
    """Write this language's search index next to its search page."""
    build = _current()
    folder = Path(config.site_dir) / build.compendium.site.prefix(build.lang)
    shutil.rmtree(folder / SEARCH_FOLDER, ignore_errors=True)  # shards of an older build
    for path, text in build.search.files().items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _current() -> _Build:
    if _build is None:  # pragma: no cover - MkDocs always calls on_config first
        raise Abort("the compendium hooks ran before on_config")
    return _build
