"""Render generated pages to HTML fragments with the templates in overrides/compendium/.

The Jinja environment here is the core's own, with autoescaping on: record
text is untrusted, and only `SafeMarkdown` output is ever marked safe. The
fragment becomes the page's content; the surrounding theme (Material today)
adds header, navigation and footer.

A template's mistake (an unknown interface string, a misspelt field, any
other error) stops the build with one line that names the template, its line
and the page, instead of a traceback or a silently missing section.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from jinja2.exceptions import TemplateSyntaxError
from markupsafe import Markup

from compendium.l10n import Localizer, MissingStringError
from compendium.page_meta import first_paragraph
from compendium.page_parts import part_template
from compendium.pages import PAGE_TYPES, PageSpec, TemplatePathError
from compendium.pages.base import Heading
from compendium.safe_markdown import SafeMarkdown
from compendium.settings import BuildSettings
from compendium.site import SiteModel

# Every id our templates write (record text cannot carry ids: the sanitiser drops them).
_ID_RE = re.compile(r'\bid="([^"]+)"')


class _CompiledTemplates(BytecodeCache):
    """Compiled templates, kept by Jinja's key: template name and source checksum."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class RenderError(Exception):
    """A template failed; the message is one line a maintainer can act on."""


@dataclass(frozen=True)
class RenderedPage:
    html: str
    title: str  # plain text, in `title_lang`
    title_lang: str
    headings: list[Heading]
    anchors: frozenset[str]  # every id in the fragment, for link checking
    scripts: tuple[str, ...] = ()  # relative URLs, to load at the end of the page
    description: str = ""  # plain text, for the page's description and link previews


class Renderer:
    """Turns a `PageSpec` into HTML; one instance serves every language and every build."""

    def __init__(self, site: SiteModel, localizers: dict[str, Localizer]):
        self.site = site
        self.localizers = localizers
        self.markdown = SafeMarkdown()
        self.env = Environment(
            loader=FileSystemLoader(site.project.templates_dir),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            # Templates are compiled once per Renderer; a changed template folder gets a
            # new Renderer (see loader.open_compendium), so no per-page stat() calls.
            auto_reload=False,
            # A new Renderer comes with every change to the data (a preview makes one
            # after each save): unchanged templates are not compiled again.
            bytecode_cache=_COMPILED,
        )
        # `tojson` (structured data, scripts' data) without the spaces of json.dumps'
        # default separators: machines read it, and every record page carries some.
        self.env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}

    def render(self, spec: PageSpec, settings: BuildSettings) -> RenderedPage:
        """The page's content; raises RenderError when its template fails."""
        l10n = self.localizers[spec.lang]
        view = PAGE_TYPES[spec.type].view(self.site, spec, l10n, self.markdown, settings)
        with self._reporting(spec.template, spec.dest_uri):
            title = view.page_title()
            html = self.env.get_template(spec.template).render(
                view=view, t=l10n.t, l10n=l10n, record=spec.record, page_title=title
            )
            description = view.description(first_paragraph(html))
        return RenderedPage(html, title.text, title.lang, view.headings,
                            frozenset(_ID_RE.findall(html)), tuple(view.scripts), description)

    def render_pdf_link(self, reader: str, pdf_url: str) -> str:
        """The link to the printable compendium, for pages written by hand (the home page)."""
        l10n = self.localizers[reader]
        with self._reporting("pdf-link.html", pdf_url):
            return self.env.get_template("pdf-link.html").render(pdf_url=pdf_url, t=l10n.t)

    def render_notice(self, template: str, reader: str, **context) -> str:
        """A notice or page of the front end's own (a local preview's, say) in `reader`'s
        language, from a template that reads only `t`, `l10n` and `context`."""
        l10n = self.localizers[reader]
        with self._reporting(template, reader):
            return self.env.get_template(template).render(t=l10n.t, l10n=l10n, **context)

    def render_moved(self, reader: str, url: str) -> str:
        """A whole page left at a page's old address, sending readers to `url` (its new
        one, relative): no script, so it works from disk too."""
        return self.render_notice("moved.html", reader, url=url, lang=reader)

    def render_not_found_languages(self, others: list) -> str:
        """The 404 page's other languages, each in a <template> (compendium.not_found)."""
        with self._reporting("not-found-languages.html", "404.html"):
            return self.env.get_template("not-found-languages.html").render(others=others)

    def render_part(self, name: str, lang: str, page: str, **values) -> str:
        """A part of a hand-written page (compendium.page_parts), in `lang`."""
        l10n = self.localizers[lang]
        with self._reporting(part_template(name), page):
            return self.env.get_template(part_template(name)).render(t=l10n.t, l10n=l10n,
                                                                     **values)

    def render_fallback_page(self, content_html: str, reader: str, original_lang: str,
                             original_url: str, outdated: bool = False) -> str:
        """Wrap a hand-written page that is not (or no longer) in step with its original.

        Either it is missing in the reader's language and shown from the original
        (`outdated` False), or it is a translation whose original changed since.
        Either way readers are told, in their language, and linked to the original.
        `content_html` comes from Markdown in docs/, which maintainers review;
        unlike record text it is trusted and inserted as it is.
        """
        l10n = self.localizers[reader]
        with self._reporting("fallback-page.html", original_url):
            template = self.env.get_template("fallback-page.html")
            return template.render(content=Markup(content_html), reader=reader,
                                   outdated=outdated, original_lang=original_lang,
                                   original_url=original_url, t=l10n.t, l10n=l10n)

    @contextmanager
    def _reporting(self, template: str, page: str) -> Iterator[None]:
        """Any error while rendering becomes a RenderError that says what failed, where."""
        try:
            yield
        except RenderError:
            raise
        except Exception as error:  # a template's mistake, whatever it is: report, no traceback
            raise RenderError(self._message(template, page, error)) from None

    def _message(self, template: str, page: str, error: Exception) -> str:
        where = f"{self._where(template, error)} ({page})"
        if isinstance(error, MissingStringError):
            default = self.site.project.default_language
            return (f"{where}: interface string '{error.key}' is missing; add it to "
                    f"locales/{default}.yml (and the other languages' catalogues)")
        if isinstance(error, TemplatePathError):
            return f"{where}: {error}"
        return f"{where}: {type(error).__name__}: {error}"

    def _where(self, template: str, error: Exception) -> str:
        """`template:line` of the innermost template frame of an error's traceback."""
        if isinstance(error, TemplateSyntaxError) and error.lineno:
            return f"{Path(error.filename or template).name}:{error.lineno}"
        folder = str(self.site.project.templates_dir)
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename.startswith(folder):
                return f"{Path(frame.filename).name}:{frame.lineno}"
        return template
