"""Output paths and the links between them, as a static site lays them out.

Every generated or hand-written page is an output file (`en/practices/x/index.html`);
links between two of them are relative, so the site works under any sub-path
(GitHub Pages) and from disk (the offline copy, without directory URLs).
"""

from __future__ import annotations

import posixpath


def language_prefix(lang: str, default_language: str) -> str:
    """Output folder of a language: '' for the default one, 'en/' for English."""
    return "" if lang == default_language else f"{lang}/"


def site_url_of(dest: str, directory_urls: bool) -> str:
    """URL of an output file relative to the site root, as MkDocs writes it."""
    if directory_urls and (dest == "index.html" or dest.endswith("/index.html")):
        return dest[: -len("index.html")]
    return dest


def relative_url(from_dest: str, to_dest: str, directory_urls: bool) -> str:
    """Link from one output file to another, as MkDocs would write it.

    With directory URLs `practices/x/index.html` is linked as `practices/x/`;
    without them (offline copies opened from disk) the link names the file.
    """
    rel = _relative_folder(posixpath.dirname(to_dest), posixpath.dirname(from_dest))
    name = posixpath.basename(to_dest)
    if directory_urls and name == "index.html":
        return "./" if rel == "." else f"{rel}/"
    return name if rel == "." else f"{rel}/{name}"


def _relative_folder(target: str, start: str) -> str:
    """posixpath.relpath(target or ".", start or "."), for the clean relative paths of
    output files, without its calls to os.getcwd(): pages link pages tens of thousands
    of times in a build."""
    if not _clean(target) or not _clean(start):
        return posixpath.relpath(target or ".", start or ".")
    to, here = target.split("/") if target else [], start.split("/") if start else []
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def _clean(folder: str) -> bool:
    return not folder or not (folder.startswith("/") or folder.endswith("/") or
                              any(part in ("", ".", "..") for part in folder.split("/")))


def handwritten_dest(prefix: str, name: str, directory_urls: bool) -> str:
    """Where a static-site generator writes docs/<lang>/<name>: `about.md` or just `about`."""
    stem = name.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        page = f"{stem}.html"
    else:
        page = f"{stem}/index.html" if directory_urls else f"{stem}.html"
    return prefix + page


def pdf_dest(prefix: str) -> str:
    """The printable compendium of a language (compendium.printed), by its home page."""
    return f"{prefix}compendium.pdf"
