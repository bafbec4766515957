"""Content-Security-Policy of the built pages: the site's own resources only.

The policy travels in a <meta http-equiv> (GitHub Pages sets no headers), so
it is written by the page template with a placeholder for the inline scripts,
and filled in here once the page is rendered: Material's theme puts a few small
inline scripts in every page (its storage helpers, its anchor fix), and they
run only if their SHA-256 is listed. Only the bodies of an allow-list of the
theme's known scripts are hashed; any other inline script in a page (one a
template or a theme update added, or one smuggled in through record text)
stops the build, instead of being quietly allowed. Event handlers and
`javascript:` URLs are refused by the browser. Directives a <meta> policy
cannot carry (frame-ancestors, report-uri, sandbox) are left out, as browsers
report them as errors.
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

# Material 9.8.1's inline scripts (material/templates/partials/javascripts/*.html),
# verbatim; {base} stands for the page's base URL, the one part that varies.
KNOWN_INLINE_SCRIPTS = (
    '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.'
    'charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.path'
    'name+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+'
    'e,JSON.stringify(_))}catch(e){}}',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.'
    'checked=target.name.startsWith("__tabbed_"))',
    'var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelec'
    'torAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tab'
    's)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab)'
    '{var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}',
)
_BASE = r'[^"\\<>\s]*'  # a relative or absolute path, nothing that could end the string
_KNOWN = tuple(re.compile(re.escape(body).replace(re.escape("{base}"), _BASE))
               for body in KNOWN_INLINE_SCRIPTS)


class UnexpectedScriptError(ValueError):
    """An inline script that is not one of the theme's known ones."""


_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for the inline scripts of a page, in order, each once.

    Raises UnexpectedScriptError for an inline script that is not a known one.
    """
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group("attributes"), match.group("body")
        if _SRC.search(attributes) or _DATA_TYPE.search(attributes):
            continue  # a file of the site, or data that never runs
        if not any(known.fullmatch(body) for known in _KNOWN):
            raise UnexpectedScriptError(
                f"an inline script that is not one of the theme's known ones "
                f"({body.strip()[:80]!r}), which browsers would refuse to run. Put scripts "
                "in overrides/assets/compendium/*.js (data for them in data-* attributes or "
                "<script type=\"application/json\">), or, for a new theme release, add its "
                "script to compendium/csp.py KNOWN_INLINE_SCRIPTS")
        digest = hashlib.sha256(body.encode("utf-8")).digest()
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
