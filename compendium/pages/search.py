"""The search page: reads ?q= and lists the results that assets/compendium/
search-page.js finds in the language's prebuilt index (compendium.search)."""

from __future__ import annotations

from compendium.pages.base import PageType, PageView


class SearchPage(PageType):
    name = "search"
    folder = "search"
    template = "search.html"
    title_key = "search.title"
    view = PageView


PAGE_TYPE = SearchPage()
