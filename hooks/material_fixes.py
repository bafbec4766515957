"""Corrections to Material's output where its templates offer no block.

Material writes its two hidden toggles (the navigation drawer and its search)
at the top of <body>, outside any template block, with `autocomplete="off"`,
which HTML allows only on text-like inputs: two Nu Html Checker errors on every
page. They are checkboxes; the attribute goes. (Material uses it so Firefox
does not restore an open drawer on going back; the drawer still closes on
navigation.)

Material's script (assets/javascripts/bundle.*.min.js) loads two scripts from
unpkg.com when a page needs them: a ResizeObserver polyfill in old browsers,
and Mermaid when a page has a diagram. The site makes no third-party request,
so the served copy of the script loads the vendored polyfill and a stub
instead, both from the site's root (`__md_scope`, which Material's own head
script sets), and its source-map comment goes with the map it names.

The 404 page holds every language's visible part (compendium.not_found):
`split_page` cuts a page Material rendered where that part starts (after the
<body> tag) and ends (at the data script Material's script reads).

Pure text in, text out. Material-specific: it lives with the hooks, outside the
generator-neutral core.
"""

from __future__ import annotations

import re

# Material's third-party scripts, and the site's own files that replace them.
CDN_SCRIPTS = {
    "https://unpkg.com/resize-observer-polyfill":
        "assets/vendor/resize-observer-polyfill/ResizeObserver.js",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "assets/compendium/no-mermaid.js",
}
THIRD_PARTY = re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|"
                         r"fonts\.googleapis\.com|fonts\.gstatic\.com)[^\"'\s)]*")
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+")'
    r' autocomplete="off">')


_BODY = re.compile(r"<body\b[^>]*>")
_CONFIG = '<script id="__config"'


def split_page(html: str) -> tuple[str, str, str]:
    """(everything up to the <body> tag, the visible part, the data and scripts after it)
    of a page of Material 9.8.1's base.html; ValueError when its shape changed."""
    body = _BODY.search(html)
    end = html.find(_CONFIG, body.end()) if body else -1
    if body is None or end < 0:
        raise ValueError("Material's page no longer has a <body> followed by "
                         f"{_CONFIG}>; update hooks/material_fixes.split_page")
    return html[:body.end()], html[body.end():end], html[end:]


def drop_toggle_autocomplete(html: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)


def local_scripts(script: str) -> str:
    """Material's script with its CDN scripts replaced by the site's own files.

    Raises ValueError when a third-party address is left (a newer Material
    with another one): the build must stop rather than publish it.
    """
    for url, local in CDN_SCRIPTS.items():
        script = script.replace(f'"{url}"', f'new URL("{local}",__md_scope).href')
    left = sorted(set(THIRD_PARTY.findall(script)))
    if left:
        raise ValueError(f"Material's script still loads {', '.join(left)}; vendor it under "
                         "overrides/assets/vendor/ and add it to theme_fixes.CDN_SCRIPTS")
    return _SOURCE_MAP.sub("", script)
