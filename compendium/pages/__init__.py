"""The registry of generated page types, in the order their pages are added.

Each page type is one module of this package that declares its folder and
destination rule, its template, whether it is in the navigation, the
interface string of its title, and a view with only its own helpers
(see compendium.pages.base). Adding a page type: see the README, "Adding a
page type".
"""

from __future__ import annotations

from compendium.pages import catalogue, facet, map, open_data, record, search, translations
from compendium.pages.base import PageSpec, PageType, PageView, TemplatePathError

PAGE_TYPES: dict[str, PageType] = {
    module.PAGE_TYPE.name: module.PAGE_TYPE
    for module in (catalogue, map, search, translations, open_data, facet, record)
}

__all__ = ["PAGE_TYPES", "PageSpec", "PageType", "PageView", "TemplatePathError"]
