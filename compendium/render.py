"""Render generated pages to HTML fragments with the templates in overrides/compendium/.

The Jinja environment here is the core's own, with autoescaping on: record
text is untrusted, and only `SafeMarkdown` output is ever marked safe. The
fragment becomes the page's content; the surrounding theme (Material today)
adds header, navigation and footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from compendium.l10n import Localized, Localizer
from compendium.markdown import SafeMarkdown
from compendium.site import PageSpec, SiteModel
from compendium.view import PageView


@dataclass(frozen=True)
class Heading:
    """A section heading of a rendered page, for the table of contents."""

    level: int
    id: str
    text: str


@dataclass(frozen=True)
class RenderedPage:
    html: str
    title: str  # plain text, in `title_lang`
    title_lang: str
    headings: list[Heading]
    anchors: frozenset[str]  # every id in the fragment, for link checking


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
        )

    def render(self, spec: PageSpec, directory_urls: bool) -> RenderedPage:
        l10n = self.localizers[spec.lang]
        view = PageView(self.site, spec, l10n, self.markdown, directory_urls)
        if spec.record is not None:
            title = view.title(spec.record)
        else:
            title = Localized(l10n.t(f"catalogue.{spec.folder}.title"), spec.lang, False)
        html = self.env.get_template(spec.template).render(
            view=view, t=l10n.t, l10n=l10n, record=spec.record, page_title=title
        )
        outline = outline_of(html)
        return RenderedPage(html, title.text, title.lang, outline.headings,
                            frozenset(outline.anchors))


    def render_fallback_page(self, content_html: str, page_lang: str, reader: str) -> str:
        """Wrap a hand-written page shown from `page_lang` to a reader of `reader`.

        `content_html` comes from Markdown in docs/, which maintainers review;
        unlike record text it is trusted and inserted as it is.
        """
        l10n = self.localizers[reader]
        template = self.env.get_template("fallback-page.html")
        return template.render(content=Markup(content_html), page_lang=page_lang, t=l10n.t,
                               l10n=l10n)


class _OutlineParser(HTMLParser):
    """Collects `<h2 id>` headings and every element id of a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[Heading] = []
        self.anchors: list[str] = []
        self._open: tuple[int, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        anchor = dict(attrs).get("id")
        if anchor:
            self.anchors.append(anchor)
        if tag == "h2":
            self._open, self._text = (2, dict(attrs).get("id") or ""), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2" and self._open:
            level, anchor = self._open
            if anchor:
                self.headings.append(Heading(level, anchor, " ".join("".join(self._text).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def outline_of(html: str) -> _OutlineParser:
    """Headings (the page's table of contents) and anchors of a rendered fragment."""
    parser = _OutlineParser()
    parser.feed(html)
    parser.close()
    return parser
