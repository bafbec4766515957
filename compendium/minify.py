"""The site's own scripts, served minified.

The scripts under overrides/assets/compendium/ are written to be read, with
comments that say why; readers download them on every search (the search
engine) or every page (the header's search box). rjsmin drops comments and
spaces without renaming anything, so the served script runs exactly as the
source reads, at about half the bytes.

Pure text in, text out: no MkDocs here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import rjsmin

OWN_SCRIPTS = "assets/compendium/"


def is_own_script(uri: str) -> bool:
    return uri.startswith(OWN_SCRIPTS) and uri.endswith(".js") and not uri.endswith(".min.js")


@cache  # the same file for every language, and every rebuild of `mkdocs serve`
def _minified(path: str, mtime: float) -> str:
    return rjsmin.jsmin(Path(path).read_text(encoding="utf-8"), keep_bang_comments=True) + "\n"


def minified_script(path: str) -> str:
    """The script at `path`, without comments and needless spaces."""
    return _minified(path, Path(path).stat().st_mtime)
