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
from functools import cache
from pathlib import Path

import compendium_theme as theme  # hooks/compendium_theme.py, a sibling (see there)
from jinja2 import BytecodeCache
from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_datetime

from compendium.csp import POLICY, fill_policy
from compendium.loader import Compendium, open_compendium
from compendium.minify import is_own_script, minified_script
from compendium.opendata.files import FOLDER as OPEN_DATA_FOLDER
from compendium.opendata.files import open_data_files
from compendium.printed import print_document, write_pdf
from compendium.problems import DataError
from compendium.render import RenderedPage
from compendium.search.bundle import FOLDER as SEARCH_FOLDER
from compendium.search.bundle import LanguageSearch
from compendium.site import PageSpec, SiteModel, relative_url, site_url_of
from compendium.theme_fixes import drop_toggle_autocomplete, local_scripts

log = logging.getLogger("mkdocs.plugins.compendium")
TITLE_ID = "cmp-title"  # the id of every generated page's <h1> (overrides/compendium/)


@dataclass
class _Build:
    """State of the build of one language."""

    lang: str
    compendium: Compendium
    search: LanguageSearch
    specs: dict[str, PageSpec] = field(default_factory=dict)  # by src_uri
    files: Files | None = None
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
    compendium.site.pdf_enabled = bool((config.extra or {}).get("pdf"))
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
    _serve_material_script_locally(files, config)
    _serve_own_scripts_minified(files, config)
    build.files = files
    return files


MATERIAL_SCRIPTS = "assets/javascripts/"


def _serve_material_script_locally(files: Files, config) -> None:
    """Material's script, served with the site's own files in place of its CDN scripts
    (compendium.theme_fixes.local_scripts); its source maps are left out."""
    for file in list(files):
        uri = file.src_uri
        if not uri.startswith(MATERIAL_SCRIPTS) or "/" in uri[len(MATERIAL_SCRIPTS):]:
            continue
        if uri.endswith(".min.js.map"):
            files.remove(file)
        elif uri.startswith(f"{MATERIAL_SCRIPTS}bundle.") and uri.endswith(".min.js"):
            files.remove(file)
            files.append(File.generated(config, uri, content=_local_bundle(file.abs_src_path)))


def _serve_own_scripts_minified(files: Files, config) -> None:
    """The site's own scripts (assets/compendium/*.js), minified (compendium.minify)."""
    for file in list(files):
        if is_own_script(file.src_uri):
            files.remove(file)
            files.append(File.generated(config, file.src_uri,
                                        content=minified_script(file.abs_src_path)))


@cache  # the same theme file for every language, and every rebuild of `mkdocs serve`
def _local_bundle(path: str) -> str:
    try:
        return local_scripts(Path(path).read_text(encoding="utf-8"))
    except ValueError as error:
        raise Abort(str(error)) from None


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
    """Compile Material's templates once for all languages (see _MemoryBytecodeCache).

    The Content-Security-Policy is a global of every template (main.html
    writes it); on_post_page and on_post_template fill in its script hashes.
    """
    env.bytecode_cache = _bytecode
    env.globals["cmp_csp"] = POLICY
    return env


def on_post_page(output: str, page, config) -> str:
    return fill_policy(drop_toggle_autocomplete(output))


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Render generated pages early, so that their title is known to the theme."""
    build = _current()
    spec = build.specs.get(page.file.src_uri)
    if spec is None:
        return markdown
    try:
        rendered = build.compendium.renderer.render(spec, config.use_directory_urls)
    except KeyError as error:  # t('...') with a key no catalogue has: a template's typo
        raise Abort(f"{spec.template} ({spec.dest_uri}): {error.args[0]}; add it to "
                    f"locales/{build.compendium.project.default_language}.yml (and the "
                    "other languages' catalogues)") from None
    build.rendered[page.file.src_uri] = rendered
    # Material prints titles unescaped in several places: give it escaped text.
    page.meta["title"] = str(escape(rendered.title))
    page.meta["compendium_scripts"] = list(rendered.scripts)  # main.html loads them
    return ""


def on_page_content(html: str, page, config, files) -> str:
    """Swap in the generated HTML, its table of contents and its anchors.

    Hand-written pages are indexed for search and get their notices (see
    _handwritten_page).
    """
    build = _current()
    rendered = build.rendered.pop(page.file.src_uri, None)
    if rendered is None:
        build.search.add_page(page.file.dest_uri, page.title or "", html)
        return _handwritten_page(html, page, config)
    # The page title (every generated page's <h1 id="cmp-title">) heads the table
    # of contents, as in a Markdown page: Material's "skip to content" link
    # leads to the first entry, so it lands on the title, not past it.
    page.toc = get_toc([{
        "level": 1, "id": TITLE_ID, "name": str(escape(rendered.title)),
        "children": [{"level": h.level, "id": h.id, "name": str(escape(h.text)),
                      "children": []} for h in rendered.headings],
    }])
    page.present_anchor_ids = set(rendered.anchors)
    return rendered.html


def _handwritten_page(html: str, page, config) -> str:
    """A hand-written page with its notice, if it needs one, and on the home page of
    builds that make the printable compendium, the link to it."""
    build = _current()
    html = _handwritten_notice(html, page, config)
    site = build.compendium.site
    if site.pdf_enabled and page.file.dest_uri == site.prefix(build.lang) + "index.html":
        url = relative_url(page.file.dest_uri, site.pdf_dest(build.lang),
                           config.use_directory_urls)
        html += build.compendium.renderer.render_pdf_link(build.lang, url)
    return html


def _handwritten_notice(html: str, page, config) -> str:
    """A hand-written page missing in this language (static-i18n shows the original),
    or translated from an original that changed since, gets a notice and a link."""
    build = _current()
    project = build.compendium.project
    default = project.default_language
    page_lang = getattr(page.file, "locale", build.lang)
    outdated = page_lang == build.lang != default and _page_outdated(page, project)
    if page_lang == build.lang and not outdated:
        return html
    original = getattr(page.file, "alternates", {}).get(default)
    url = relative_url(page.file.dest_uri, original.dest_uri, config.use_directory_urls) \
        if original is not None else "./"
    return build.compendium.renderer.render_fallback_page(html, build.lang, default, url,
                                                          outdated=bool(outdated))


def _page_outdated(page, project) -> bool:
    """Read from the translation status the site already holds (its status page)."""
    build = _current()
    source = Path(page.file.abs_src_path)
    lang_dir = project.docs_dir / build.lang
    if not source.is_relative_to(lang_dir):
        return False
    name = source.relative_to(lang_dir).as_posix()
    return any(gap.kind == "page" and gap.name == name
               for gap in build.compendium.site.translations.of(build.lang, "outdated"))


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
    context["cmp_search"] = theme.search_box(_current().compendium, _current().lang,
                                             page.file.dest_uri, config)
    context["cmp_alternates"] = theme.alternates(_current().compendium, page.file, config)
    context["cmp_footer"] = theme.footer(
        _current().compendium, _current().lang,
        lambda dest: relative_url(page.file.dest_uri, dest, config.use_directory_urls), config)
    return context


SITE_WIDE_TEMPLATES = ("404.html", "sitemap.xml")


def _default_build() -> bool:
    build = _current()
    return build.lang == build.compendium.project.default_language


def on_template_context(context, template_name: str, config):
    """Context of the pages that are not documentation pages: 404 and sitemap."""
    if not _default_build():
        return context
    if template_name == "404.html":
        context["cmp_not_found"] = theme.not_found(_current().compendium, context["base_url"],
                                                   config)
        context["cmp_search"] = context["cmp_not_found"][0]["search"]
        root = context["base_url"].rstrip("/") + "/"
        context["cmp_footer"] = theme.footer(
            _current().compendium, _current().lang,
            lambda dest: root + site_url_of(dest, config.use_directory_urls), config)
    elif template_name == "sitemap.xml":
        context["cmp_sitemap"] = theme.sitemap(_current().compendium, _current().files, config)
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    """Write 404.html and sitemap.xml in the default language's build only
    (and no 404.html in an offline copy), with their script hashes filled in.

    static-i18n builds every language into the same site folder, so each
    build would overwrite them and the last language would win; both cover
    every language (see compendium_theme.not_found and .sitemap). MkDocs writes no file for
    an empty output.
    """
    if template_name in SITE_WIDE_TEMPLATES and not _default_build():
        return ""
    if template_name == "404.html" and not config.use_directory_urls:
        return ""  # an offline copy has no server to serve it
    return fill_policy(drop_toggle_autocomplete(output))


@event_priority(10)  # before static-i18n (-100) starts the next language's build
def on_post_build(config):
    """Write this language's search index next to its search page, and (in the
    default language's build) the open data under data/."""
    build = _current()
    folder = Path(config.site_dir) / build.compendium.site.prefix(build.lang)
    shutil.rmtree(folder / SEARCH_FOLDER, ignore_errors=True)  # shards of an older build
    _write(folder, build.search.files())
    if build.compendium.site.pdf_enabled:
        _write_pdf(config, build)
    if _default_build():  # language-neutral files: once, at the site root
        site_dir = Path(config.site_dir)
        shutil.rmtree(site_dir / OPEN_DATA_FOLDER, ignore_errors=True)
        _write(site_dir, open_data_files(build.compendium.site.dataset,
                                         build.compendium.project.languages))


def _write_pdf(config, build: _Build) -> None:
    """The printable compendium of this language, next to its home page."""
    site = build.compendium.site
    l10n = build.compendium.renderer.localizers[build.lang]
    date = l10n.date(get_build_datetime().date())
    html = print_document(build.compendium.renderer, build.lang, config.site_name, date)
    base = (config.site_url or "http://127.0.0.1:8000/") + site.prefix(build.lang)
    write_pdf(html, base, build.compendium.project.templates_dir / "print.css",
              Path(config.site_dir) / site.pdf_dest(build.lang))


def _write(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _current() -> _Build:
    if _build is None:  # pragma: no cover - MkDocs always calls on_config first
        raise Abort("the compendium hooks ran before on_config")
    return _build
