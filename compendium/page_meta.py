"""What a page says about itself to browsers, search engines and link previews.

- Its `<title>`: one pattern everywhere, "Page – Site"; a language's home page
  (whose heading is the site's name) is the site's name alone, never twice.
- Its description: a record's summary, a list's introduction, a hand-written
  page's first paragraph (or its front matter's `description`), each its own
  instead of the site's one description on every page.
- Open Graph and Twitter card tags: title, description, address, language and
  its alternates, the site's name and a default image of the site's own
  (`assets/compendium/social.png`, drawn from `social.svg`).

Plain values only: the theme's template (overrides/main.html) writes them,
escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser

from babel import Locale
from babel.core import get_global

DESCRIPTION_LIMIT = 160  # characters: about what search engines show of it (and lighter pages)
SEPARATOR = " – "  # between a page's title and the site's name
IMAGE = "assets/compendium/social.png"
IMAGE_SIZE = (1200, 630)  # the size link previews expect (1.91:1)
# Paragraphs that say what a page is, not what it holds: never its description.
_NOT_DESCRIPTIONS = {"cmp-kind", "cmp-notice"}


def document_title(title: str, site_name: str, home: bool = False) -> str:
    """The `<title>` of a page: "Page – Site", or the site's name alone on a home page
    and wherever the page's title is the site's name."""
    title = " ".join(title.split())
    if home or not title or title == site_name:
        return site_name
    return f"{title}{SEPARATOR}{site_name}"


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return f"{cut}…"


def first_paragraph(html: str) -> str:
    """The text of the first paragraph of an HTML fragment that says something about
    the page's subject (not its kind, nor a notice about its language)."""
    parser = _FirstParagraph()
    try:
        parser.feed(html)
        parser.close()
    except _ReadEnoughError:  # no need to read the rest of the page (a catalogue's is long)
        pass
    return " ".join("".join(parser.text).split())


class _ReadEnoughError(Exception):
    """The first paragraph is read."""


class _FirstParagraph(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._depth = 0  # inside the paragraph being read: nesting depth of <p>
        self._skipping = 0  # inside <script> or <style>
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skipping += 1
        elif tag == "p" and not self._done and not self._depth:
            classes = set((dict(attrs).get("class") or "").split())
            if not classes & _NOT_DESCRIPTIONS:
                self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skipping = max(0, self._skipping - 1)
        elif tag == "p" and self._depth:
            self._depth = 0
            self._done = bool("".join(self.text).strip())
            if not self._done:
                self.text.clear()
            elif not self._skipping:
                raise _ReadEnoughError

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skipping and not self._done:
            self.text.append(data)


@cache
def og_locale(lang: str) -> str:
    """A language as Open Graph names locales (language_TERRITORY), from CLDR's likely
    subtags: it -> it_IT, en -> en_US, es -> es_ES."""
    likely = get_global("likely_subtags").get(lang, lang)
    locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


@dataclass(frozen=True)
class PageMeta:
    """The tags of one page (see overrides/main.html)."""

    title: str  # the page's own title (the site's name on a home page)
    document_title: str  # its <title>
    description: str
    url: str  # absolute; '' when the build does not know the site's address
    locale: str
    alternate_locales: tuple[str, ...]
    site_name: str
    image: str  # absolute, like url
    image_alt: str
    type: str  # Open Graph: website (a home page) or article
    image_size: tuple[int, int] = IMAGE_SIZE
