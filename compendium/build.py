"""The build of one language: what it writes, and where.

This is the build policy, in the core so that any static-site generator can
follow it by translating its own events into these calls (the MkDocs hooks in
hooks/ do just that):

- every generated page of the language (`pages`, `render`);
- hand-written pages get a notice when they are missing in the language or
  translated from an original that changed since, and the language's home
  page links the printable compendium when the build makes it
  (`handwritten_page`);
- the theme's shared parts: the header's search box, the footer's links, a
  page's versions in every language (hreflang), the 404 page and the sitemap;
- what a page says about itself: its <title>, description and link-preview
  tags (compendium.page_meta);
- the files that are not pages (`write_files`): the search index always, the
  PDF when asked, the open data once (in the default language's build); the
  sitemap is written once too, the 404 page by every language's build with
  the languages built so far (compendium.not_found), and no 404 page in a
  copy read from disk (`writes`).

A LanguageBuild lives for one build of one language: the state it gathers (the
hand-written pages for the search index) never leaks into another language.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from markupsafe import Markup

from compendium.compact import compact_html
from compendium.csp import UnexpectedScriptError, fill_policy
from compendium.fragments import FragmentCache
from compendium.jobs import Jobs
from compendium.loader import Compendium
from compendium.not_found import NotFoundPage, OtherLanguage, one_page
from compendium.opendata.files import FOLDER as OPEN_DATA_FOLDER
from compendium.opendata.files import open_data_files
from compendium.page_meta import (
    IMAGE,
    PageMeta,
    document_title,
    first_paragraph,
    og_locale,
    shorten,
)
from compendium.page_parts import UnknownPartError, fill_parts
from compendium.pages import PageSpec
from compendium.printed import print_document, write_pdf
from compendium.publisher import report_address
from compendium.render import RenderedPage, RenderError
from compendium.search.bundle import FOLDER as SEARCH_FOLDER
from compendium.search.bundle import LanguageSearch
from compendium.settings import BuildSettings
from compendium.urls import handwritten_dest, pdf_dest, relative_url, site_url_of

FOOTER_PAGES = ("accessibility", "privacy")  # hand-written, in docs/<lang>/
SITE_WIDE = ("404", "sitemap")  # one file for every language (see `writes`)
LOCAL_ADDRESS = "http://127.0.0.1:8000/"  # `make serve`'s, when the site's is not known


@dataclass(frozen=True)
class HandwrittenPage:
    """A page written by hand (docs/<lang>/), as the front end rendered it."""

    dest_uri: str  # its output file in this language
    title: str
    lang: str  # the language its text is in (the original's, when it is missing here)
    source: Path | None = None  # its Markdown file, when it has one
    original_dest: str | None = None  # the output file of its original (default language)


Link = Callable[[str], str]  # an output file's path -> the href that reaches it


class LanguageBuild:
    """One language's build of the site, for any front end."""

    def __init__(self, compendium: Compendium, lang: str, settings: BuildSettings,
                 fragments: FragmentCache | None = None, jobs: Jobs | None = None):
        """`fragments`: pages of earlier builds to reuse (a preview's); None renders all.
        `jobs`: a second process for the search indexes, shared by the languages of a
        build (and by a preview's builds); None makes each in `write_files`."""
        if lang not in compendium.project.languages:
            raise ValueError(f"'{lang}' is not one of the site's languages "
                             f"{list(compendium.project.languages)}")
        self.compendium = compendium
        self.lang = lang
        self.settings = settings
        self.fragments = fragments
        self.site = compendium.site
        self.renderer = compendium.renderer
        self.l10n = compendium.renderer.localizers[lang]
        self.jobs = jobs
        self.search = (jobs.head_start.pop(lang, None) if jobs else None) or LanguageSearch(
            self.site, self.l10n, self.renderer.markdown, settings.directory_urls)
        if self.search.site is not self.site:  # a head start from other data
            self.search = LanguageSearch(self.site, self.l10n, self.renderer.markdown,
                                         settings.directory_urls)
        self.search.pages = []  # this build's hand-written pages, as they come
        if fragments is not None:
            self.search.remember = lambda key, make: fragments.value(
                key, compendium, settings, make)

    @property
    def prefix(self) -> str:
        return self.site.prefix(self.lang)

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language of the site, in the order readers see them."""
        return self.compendium.languages

    @property
    def default_language(self) -> str:
        return self.compendium.default_language

    @property
    def is_default(self) -> bool:
        """The default language's build writes the files shared by every language."""
        return self.lang == self.compendium.project.default_language

    @property
    def makes_pages(self) -> bool:
        """False in a preview of another language: no generated page, no search index."""
        return self.settings.only_language in (None, self.lang)

    # -- pages --------------------------------------------------------------
    def pages(self) -> list[PageSpec]:
        """Every generated page of this language."""
        return self.site.pages(self.lang) if self.makes_pages else []

    def dest_in(self, spec: PageSpec, lang: str) -> str:
        """Where a generated page of this build lives in another language."""
        return self.site.dest_in(spec, lang)

    def render(self, spec: PageSpec) -> RenderedPage:
        """A generated page's content (raises render.RenderError on a template's mistake)."""
        if self.fragments is None:
            return self.renderer.render(spec, self.settings)
        return self.fragments.render(spec, self.compendium, self.settings,
                                     lambda: self.renderer.render(spec, self.settings))

    def handwritten_page(self, html: str, page: HandwrittenPage) -> str:
        """A hand-written page's content, with the parts that depend on the publisher
        (compendium.page_parts), indexed for search, with its notice (if it needs
        one) and, on the home page of builds that make it, the PDF's link."""
        html = self._with_parts(html, page)
        self.search.add_page(page.dest_uri, page.title, html)
        html = self._with_notice(html, page)
        if self.settings.pdf and page.dest_uri == f"{self.prefix}index.html":
            html += self.renderer.render_pdf_link(self.lang, self._link_from(page.dest_uri)(
                pdf_dest(self.prefix)))
        return html

    def _with_parts(self, html: str, page: HandwrittenPage) -> str:
        """Markers replaced by their parts, in the language of the page's text."""
        def render(name: str) -> str:
            return self.renderer.render_part(name, page.lang, page.dest_uri,
                                             publisher=self.compendium.project.publisher,
                                             report_url=self.report_address)
        try:
            return fill_parts(html, render)
        except UnknownPartError as error:
            project = self.compendium.project
            where = project.display_path(page.source) if page.source else page.dest_uri
            raise RenderError(f"{where}: {error}") from None

    @property
    def report_address(self) -> str:
        """Where readers report a problem (compendium.publisher), or ''."""
        return report_address(self.settings.feedback_url, self.compendium.project.publisher)

    def _with_notice(self, html: str, page: HandwrittenPage) -> str:
        default = self.compendium.project.default_language
        outdated = page.lang == self.lang != default and self._outdated(page.source)
        if page.lang == self.lang and not outdated:
            return html
        url = (self._link_from(page.dest_uri)(page.original_dest)
               if page.original_dest is not None else "./")
        return self.renderer.render_fallback_page(html, self.lang, default, url,
                                                  outdated=outdated)

    def _outdated(self, source: Path | None) -> bool:
        """Read from the translation status the site already holds (its status page)."""
        lang_dir = self.compendium.project.docs_dir / self.lang
        if source is None or not source.is_relative_to(lang_dir):
            return False
        name = source.relative_to(lang_dir).as_posix()
        return any(gap.kind == "page" and gap.name == name
                   for gap in self.site.translations.of(self.lang, "outdated"))

    def finish_html(self, html: str) -> str:
        """A whole page as the theme wrote it, without its indentation (compendium.compact),
        with its Content-Security-Policy filled in (raises RenderError for an inline script
        the policy does not know)."""
        try:
            return fill_policy(compact_html(html))
        except UnexpectedScriptError as error:
            raise RenderError(str(error)) from None

    # -- what a page says about itself (compendium.page_meta) -------------------
    def is_home(self, dest_uri: str) -> bool:
        return dest_uri == f"{self.prefix}index.html"

    @property
    def site_name(self) -> str:
        return self.settings.site_name(self.lang) or self.short_site_name

    @property
    def short_site_name(self) -> str:
        """The site's name where space is short (a phone's header, the menu's title)."""
        return self.l10n.t("site.short_name")

    def describe(self, html: str) -> str:
        """A page's description from its HTML: its first paragraph, shortened."""
        return shorten(first_paragraph(html))

    def page_meta(self, dest_uri: str, title: str, description: str) -> PageMeta:
        """The title, description and link-preview tags of a page (plain text)."""
        home = self.is_home(dest_uri)
        site_url = self.settings.site_url
        languages = self.compendium.project.languages
        return PageMeta(
            title=self.site_name if home or not title else title,
            document_title=document_title(title, self.site_name, home),
            description=shorten(description),
            url=site_url + site_url_of(dest_uri, self.settings.directory_urls) if site_url else "",
            locale=og_locale(self.lang),
            alternate_locales=tuple(og_locale(lang) for lang in languages if lang != self.lang),
            site_name=self.site_name,
            image=site_url + IMAGE if site_url else "",
            image_alt=self.site_name,
            type="website" if home else "article")

    # -- the theme's shared parts ---------------------------------------------
    def search_box(self, dest_uri: str) -> dict[str, str]:
        """What the header's search box needs: the search page of this language, and its words."""
        return self._search_box(self.lang, self._link_from(dest_uri))

    def _search_box(self, lang: str, link: Link) -> dict[str, str]:
        t = self.compendium.renderer.localizers[lang].t
        return {"url": link(self.site.dest("search", lang)), "label": t("search.label"),
                "placeholder": t("search.placeholder"), "submit": t("search.submit")}

    def footer(self, link: Link) -> dict:
        """The footer's links in this language; `link` turns an output path into an href."""
        t = self.l10n.t
        links = [{"text": t(f"footer.{name}"),
                  "url": link(handwritten_dest(self.prefix, name, self.settings.directory_urls))}
                 for name in FOOTER_PAGES]
        links.append({"text": t("footer.open_data"), "url": link(self.site.dest("open-data",
                                                                                self.lang))})
        links.append({"text": t("footer.translations"),
                      "url": link(self.site.dest("translations", self.lang))})
        if self.report_address:
            links.append({"text": t("footer.feedback"), "url": self.report_address})
        return {"label": t("footer.label"), "links": links, "made_with": t("footer.made_with"),
                "and": t("footer.and")}

    def page_footer(self, dest_uri: str) -> dict:
        """The footer of a page, its links relative to it."""
        return self.footer(self._link_from(dest_uri))

    def root_footer(self, root: str) -> dict:
        """The footer of a page served at any depth (the 404 page): links from the root."""
        return self.footer(self._link_from_root(root))

    def hreflang(self, urls: Mapping[str, str]) -> list[dict[str, str]]:
        """Absolute URLs of a page in every language (`urls`: site-relative, by language),
        and x-default (the default language's). Search engines want them on every page
        and in the sitemap."""
        if not urls or not self.settings.site_url:
            return []
        project = self.compendium.project
        links = [{"hreflang": lang, "href": self._absolute(urls[lang])}
                 for lang in project.languages if lang in urls]
        default = project.default_language
        if default in urls:
            links.append({"hreflang": "x-default", "href": self._absolute(urls[default])})
        return links

    def _absolute(self, url: str) -> str:
        """A site URL ('en/practices/x/', or './' for the home page) made absolute."""
        return self.settings.site_url + ("" if url == "./" else url)

    def sitemap(self, pages: Iterable[Mapping[str, str]]) -> list[dict]:
        """Every page in every language, each with its alternates (hreflang and
        x-default); `pages` are the site-relative URLs of each page, by language."""
        entries = []
        for urls in pages:
            versions = self.hreflang(urls)
            for link in versions:
                if link["hreflang"] != "x-default":
                    entries.append({"loc": link["href"], "alternates": versions})
        return entries

    def not_found(self, root: str) -> list[dict]:
        """The 404 page's message, with links from the site's root: in every language
        in the default language's build (the page readers without JavaScript see),
        in its own elsewhere (compendium.not_found)."""
        link = self._link_from_root(root)
        languages = self.compendium.project.languages if self.is_default else (self.lang,)
        sections = []
        for lang in languages:
            t = self.compendium.renderer.localizers[lang].t
            prefix = self.site.prefix(lang)
            sections.append({
                "lang": lang, "prefix": prefix,
                "title": t("not_found.title"),
                "text": t("not_found.text"), "home_label": t("not_found.home"),
                "home": root + prefix, "search": self._search_box(lang, link),
            })
        return sections

    def not_found_meta(self) -> PageMeta:
        """The 404 page's title and description; it has no address of its own."""
        meta = self.page_meta("404.html", self.l10n.t("not_found.title"),
                              self.l10n.t("not_found.text"))
        return replace(meta, url="", type="website")

    def not_found_page(self, pages: Mapping[str, NotFoundPage]) -> str:
        """The 404 file from the languages' 404 pages built so far, by language ('' until
        the default language's is known): see compendium.not_found."""
        project = self.compendium.project

        def other(lang: str, page: NotFoundPage) -> OtherLanguage:
            title = document_title(self.renderer.localizers[lang].t("not_found.title"),
                                   self.settings.site_name(lang))
            return OtherLanguage(lang, self.site.prefix(lang), title, Markup(page.body))

        return one_page(pages, project.languages, project.default_language, other,
                        self.renderer.render_not_found_languages)

    def _link_from(self, dest_uri: str) -> Link:
        return lambda target: relative_url(dest_uri, target, self.settings.directory_urls)

    def _link_from_root(self, root: str) -> Link:
        root = root.rstrip("/") + "/"
        return lambda target: root + site_url_of(target, self.settings.directory_urls)

    # -- files that are not pages ----------------------------------------------
    def writes(self, site_wide: str) -> bool:
        """Whether this build writes a file shared by every language ('404', 'sitemap')."""
        if site_wide not in SITE_WIDE:
            raise ValueError(f"unknown site-wide file '{site_wide}' (expected one of {SITE_WIDE})")
        if site_wide == "404":  # every language's build, with the pages built so far
            return self.settings.directory_urls  # a copy read from disk has no server
        return self.is_default

    def write_files(self, site_dir: Path, last: bool = True,
                    later: bool = False) -> Callable[[Path], None] | None:
        """Write this language's search index, its PDF when asked, and (in the default
        language's build) the open data, into the built site. With `jobs`, the search
        index and the open data are made in the worker and written once `last` (the
        last language of the build) is done, with every other language's.

        `later`: a preview serves its pages before the worker is done; the function
        returned writes the worker's files into the site as published (its folder)."""
        folder = site_dir / self.prefix
        if self.makes_pages:
            _write(site_dir, self._moved_pages())
        if self.jobs is None:
            if self.makes_pages:
                _write(folder, self.search.files(), clean=SEARCH_FOLDER)
            if self.is_default:  # language-neutral files: once, at the site root
                _write(site_dir, self._reused("open-data", self._open_data,
                                              self._records), clean=OPEN_DATA_FOLDER)
        else:
            self._start_files(site_dir)
        if self.settings.pdf:
            self._write_pdf(site_dir)
        if not last or self.jobs is None:
            return None
        if later:
            return lambda published: self._write_jobs(site_dir, published)
        self._write_jobs(site_dir, site_dir)
        return None

    def _write_jobs(self, built: Path, published: Path) -> None:
        """The worker's files, under `published` as they would be under `built`."""
        for target, clean, files in self.jobs.collect():
            _write(published / target.relative_to(built), files, clean=clean)

    def later_folders(self) -> list[str]:
        """The folders (relative to the site) that `write_files(later=True)` fills."""
        return [OPEN_DATA_FOLDER] + [f"{self.site.prefix(lang)}{SEARCH_FOLDER}"
                                     for lang in self.compendium.project.languages]

    def _start_files(self, site_dir: Path | None) -> None:
        """This language's files for the worker (`site_dir` None: a head start)."""
        if self.makes_pages:
            if site_dir is not None:
                self.jobs.pages[self.lang] = list(self.search.pages)
            self.jobs.start(self.lang, *self.search.job(), clean=SEARCH_FOLDER,
                            folder=site_dir / self.prefix if site_dir else None)
        if self.is_default:
            self.jobs.start("open-data", open_data_files, (
                self.site.dataset, self.compendium.project.languages), folder=site_dir,
                clean=OPEN_DATA_FOLDER, inputs=self._records())

    def start_files(self, languages: Iterable[str]) -> None:
        """A preview's head start: make each language's search index (from the records
        and the hand-written pages of the previous build) and the open data in the
        worker while the pages are built; `write_files` takes them if their inputs
        turn out unchanged."""
        if self.jobs is None:
            return
        self.jobs.forget_folders()
        for lang in languages:
            build = self if lang == self.lang else LanguageBuild(
                self.compendium, lang, self.settings, self.fragments, self.jobs)
            build.search.pages = list(self.jobs.pages.get(lang, []))  # a guess
            build._start_files(None)
            build.search.pages = []
            if build is not self:
                self.jobs.head_start[lang] = build.search

    def _open_data(self) -> dict[str, str]:
        return open_data_files(self.site.dataset, self.compendium.project.languages)

    def _reused(self, name: str, make: Callable[[], dict[str, str]],
                inputs: Callable[[], str]) -> dict[str, str]:
        """Files made by `make`, or (in a preview) the same files of an earlier build
        when `inputs`, with what every page depends on, are unchanged."""
        if self.fragments is None:
            return make()
        shared = self.fragments.shared(self.compendium, self.settings)
        return self.fragments.files(name, shared + inputs(), make)

    def _records(self) -> str:
        """The content of every published record and vocabulary, and the languages."""
        return repr((self.compendium.project.languages, self.site.dataset.vocabularies,
                     [(kind, [(record.path, record.fingerprint) for record in records.values()])
                      for kind, records in self.site.dataset.records.items()]))

    def _moved_pages(self) -> dict[str, str]:
        """At the old address of every page that moved (facet pages now in the reader's
        words), a page that sends readers to the new one: old links keep working."""
        directory_urls = self.settings.directory_urls
        return {old: self.renderer.render_moved(self.lang, relative_url(old, new, directory_urls))
                for old, new in self.site.moved(self.lang)}

    def _write_pdf(self, site_dir: Path) -> None:
        """The printable compendium of this language, next to its home page."""
        date = self.l10n.date(self.settings.build_date) if self.settings.build_date else ""
        html = print_document(self.renderer, self.lang, self.settings.site_name(self.lang),
                              date)
        base = (self.settings.site_url or LOCAL_ADDRESS) + self.prefix
        write_pdf(html, base, self.compendium.project.templates_dir / "print.css",
                  site_dir / pdf_dest(self.prefix))


def _write(folder: Path, files: dict[str, str], clean: str = "") -> None:
    """Write `files` under `folder`, after emptying `folder/clean` (an older build's)."""
    if clean:
        shutil.rmtree(folder / clean, ignore_errors=True)
    for path, text in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
