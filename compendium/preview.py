"""What a local preview adds to the pages it serves, for any front end that serves the
built site and rebuilds it when a file changes (the MkDocs hooks' `make serve`).

- When the last change fails to build, readers keep the last good version, and every
  page says so at its top, with the same lines as the log, in the page's language: a
  translator who saved a typo sees what to fix without looking at the terminal.
- A preview of one language (`make serve SITE_LANG=es`) builds no page of the others;
  addresses in them answer with a page that says so, instead of a broken link.

Nothing here ever reaches a built site: the front end adds it to pages as it serves
them. Text in, text out; the notices are templates (overrides/compendium/preview-*.html).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from compendium.csp import INLINE_SCRIPTS, POLICY
from compendium.loader import Compendium

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)


def is_page(path: str) -> bool:
    """Whether a site path names a page (folder or .html), not an asset."""
    return path.endswith(("/", ".html"))


class PreviewPages:
    """The preview's notices and pages, in the languages of the last good build."""

    def __init__(self, compendium: Compendium, mount: str = "/"):
        self.compendium = compendium
        self.project = compendium.project
        self.mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"

    def site_path(self, path: str) -> str:
        """A request path without the folder the site is served under (`/en/x/` -> `en/x/`)."""
        return path[len(self.mount):] if path.startswith(self.mount) else path.lstrip("/")

    def language_of(self, path: str) -> str:
        """The language of a request path: its first folder when it names a language
        other than the default one, else the default one (served at the root)."""
        first = self.site_path(path).split("/", 1)[0]
        if first in self.project.languages:
            return first
        return self.project.default_language

    def in_language(self, path: str, lang: str) -> str:
        """The same request path in another language: `/en/x/` -> `/es/x/`."""
        rest = self.site_path(path)
        if self.language_of(path) != self.project.default_language:
            rest = rest.split("/", 1)[1] if "/" in rest else ""
        return self.mount + self.compendium.site.prefix(lang) + rest

    def with_failure(self, html: str, lang: str, lines: Sequence[str]) -> str:
        """A served page with, first in its body, the notice that the last change failed."""
        notice = self.compendium.renderer.render_notice(
            "preview-failed.html", lang, lines=list(lines))
        match = _BODY_OPEN.search(html)
        at = match.end() if match else 0
        return html[:at] + notice + html[at:]

    def not_built(self, path: str, previewed: str) -> str:
        """The page that answers an address of a language the preview does not build."""
        return self.compendium.renderer.render_notice(
            "preview-not-built.html", previewed, csp=POLICY.replace(f" {INLINE_SCRIPTS}", ""),
            page_language=self.language_of(path), previewed=previewed,
            same_page=self.in_language(path, previewed))
