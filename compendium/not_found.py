"""The 404 page: one file for every missing address of the site, in every language.

GitHub Pages serves the site's one 404.html for a missing address, whatever its
language prefix. Each language's build renders the whole page (header,
navigation, message, footer, with links from the site's root) in its
language; the file written holds the default language's page, which readers
without JavaScript see (with the message in every language, each marked with
its `lang`), and every other language's visible part in a `<template>`.
assets/compendium/not-found.js puts in place the one of the address's prefix
(/en/..., /es/...) before the theme's script starts.

The languages are built one after the other, so each build writes the file
with the pages known so far: the last one writes it whole, whatever the order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class NotFoundPage:
    """One language's whole 404 page, cut by the front end (which knows its theme)
    where the visible part starts and ends."""

    head: str  # doctype, <head> and the <body> tag
    body: str  # the visible part: header, navigation, message, footer
    tail: str  # the theme's data and scripts, and the end of the document


@dataclass(frozen=True)
class OtherLanguage:
    """What the 404 page holds of a language other than the default one."""

    lang: str
    prefix: str  # its addresses' prefix after the site's root: 'en/'
    title: str  # the page's <title> in that language
    body: Markup  # its visible part, as the theme rendered it (trusted)


def one_page(pages: Mapping[str, NotFoundPage], languages: Sequence[str], default: str,
             other: Callable[[str, NotFoundPage], OtherLanguage],
             templates: Callable[[list[OtherLanguage]], str]) -> str:
    """The 404 file from the languages' pages built so far ('' until the default
    language's is among them): its page, then the others' in templates."""
    if default not in pages:
        return ""
    base = pages[default]
    others = [other(lang, pages[lang]) for lang in languages
              if lang != default and lang in pages]
    return base.head + base.body + templates(others) + base.tail
