"""Content-Security-Policy of the built pages: the site's own resources only.

The policy travels in a <meta http-equiv> (GitHub Pages sets no headers), so
it is written by the page template with a placeholder for the inline scripts,
and filled in here once the page is rendered: Material's theme puts a few small
inline scripts in every page (its storage helpers, its anchor fix), and they
run only if their SHA-256 is listed. Any other inline script, event handler or
`javascript:` URL (say, one smuggled in through record text) is refused by the
browser. Directives a <meta> policy cannot carry (frame-ancestors, report-uri,
sandbox) are left out, as browsers report them as errors.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPTS = "'cmp-inline-scripts'"  # the placeholder the template writes

POLICY = "; ".join([
    "default-src 'none'",
    f"script-src 'self' {INLINE_SCRIPTS}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
])

_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts of a page, in order, each once."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if _SRC.search(attributes) or _DATA_TYPE.search(attributes):
            continue  # a file of the site, or data that never runs
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def fill_policy(html: str) -> str:
    """Put the hashes of the page's own inline scripts in place of the placeholder."""
    if INLINE_SCRIPTS not in html:
        return html
    return html.replace(INLINE_SCRIPTS, " ".join(inline_script_hashes(html)), 1)


def script_source(body: str) -> str:
    """The CSP source expression that allows one inline script: 'sha256-<base64>'."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_POLICY_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content="[^"]*?'
                          r"script-src 'self')")


def allow_inline_script(html: str, body: str) -> str:
    """A finished page whose policy also allows one given inline script, by its hash.

    For a script that a front end adds to a page as it serves it, never to a
    built file: the live-reload script of a local preview. Pages without the
    site's policy are returned unchanged.
    """
    return _POLICY_META.sub(lambda match: f"{match.group(1)} {script_source(body)}", html,
                            count=1)
