"""Parts of hand-written pages that depend on who publishes the site.

A page in docs/<lang>/ cannot know who publishes a given copy of the site, how
to reach them, or where its readers report a problem; it marks the place with
an HTML comment on a line of its own,

    <!-- compendium:publisher -->

and the build puts there the part's template (`overrides/compendium/
part-<name>.html`), rendered in the language of the page's text from the
settings in compendium.yml (`publisher:`) and the build's report address
(compendium.publisher). Markers are the same in every language, so
translators leave them as they are; an unknown one stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MARKER = re.compile(r"<!--\s*compendium:([a-z-]+)\s*-->")
PARTS = ("publisher", "contact", "report", "enforcement")


class UnknownPartError(LookupError):
    """A page names a part that does not exist (a typo in its marker)."""


def part_template(name: str) -> str:
    return f"part-{name}.html"


def fill_parts(html: str, render: Callable[[str], str]) -> str:
    """The page with every marker replaced by `render(part name)`.

    Raises UnknownPartError for a marker naming no part.
    """
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in PARTS:
            raise UnknownPartError(f"<!-- compendium:{name} --> names no part (expected "
                                   f"one of: {', '.join(PARTS)})")
        return render(name)

    return MARKER.sub(replace, html)
