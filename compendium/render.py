"""Render generated pages to HTML fragments with the templates in overrides/compendium/.

The Jinja environment here is the core's own, with autoescaping on: record
text is untrusted, and only `SafeMarkdown` output is ever marked safe. The
fragment becomes the page's content; the surrounding theme (Material today)
adds header, navigation and footer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from compendium.l10n import Localizer
from compendium.safe_markdown import SafeMarkdown
from compendium.site import PageSpec, SiteModel
from compendium.view import Heading, PageView

# Every id our templates write (record text cannot carry ids: the sanitiser drops them).
_ID_RE = re.compile(r'\bid="([^"]+)"')


@dataclass(frozen=True)
class RenderedPage:
    html: str
    title: str  # plain text, in `title_lang`
    title_lang: str
    headings: list[Heading]
    anchors: frozenset[str]  # every id in the fragment, for link checking
    scripts: tuple[str, ...] = ()  # relative URLs, to load at the end of the page


class Renderer:
    """Turns a `PageSpec` into HTML; one instance serves every language of a build."""

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
        )

    def render(self, spec: PageSpec, directory_urls: bool) -> RenderedPage:
        l10n = self.localizers[spec.lang]
        view = PageView(self.site, spec, l10n, self.markdown, directory_urls)
        title = view.page_title()
        html = self.env.get_template(spec.template).render(
            view=view, t=l10n.t, l10n=l10n, record=spec.record, page_title=title
        )
        return RenderedPage(html, title.text, title.lang, view.headings,
                            frozenset(_ID_RE.findall(html)), tuple(view.scripts))

    def render_pdf_link(self, reader: str, pdf_url: str) -> str:
        """The link to the printable compendium, for pages written by hand (the home page)."""
        l10n = self.localizers[reader]
        return self.env.get_template("pdf-link.html").render(pdf_url=pdf_url, t=l10n.t)

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
        template = self.env.get_template("fallback-page.html")
        return template.render(content=Markup(content_html), reader=reader, outdated=outdated,
                               original_lang=original_lang, original_url=original_url,
                               t=l10n.t, l10n=l10n)
