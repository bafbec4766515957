"""Internal links and anchors of a built site, checked on the files themselves."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINKS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
         ("form", "action"), ("iframe", "src"), ("source", "src"))


@cache
def _parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def _ids(file: Path) -> set[str]:
    soup = _parse(file)
    return {e["id"] for e in soup.select("[id]")} | {e["name"] for e in soup.select("a[name]")}


def _target(site: Path, file: Path, url: str, directory_urls: bool) -> Path | None:
    """The file a link leads to, or None when it leads nowhere."""
    path = unquote(urlsplit(url).path)
    if path.startswith("/"):  # only the 404 page links from the root (it is served anywhere)
        target = site / path.lstrip("/")
    else:
        target = Path(posixpath.normpath((file.parent / path).as_posix())) if path else file
    if target.is_dir():
        return target / "index.html" if directory_urls and (target / "index.html").is_file() \
            else None
    return target if target.is_file() else None


def broken_links(site: Path, directory_urls: bool = True) -> list[str]:
    """Every internal link, script, stylesheet, image or form target in the site's
    HTML that leads to no file, or to an anchor the target page does not have.
    Without directory URLs (the offline copy) a link must name a file, since a
    folder does not open from disk."""
    broken = []
    for file in sorted(site.rglob("*.html")):
        soup = _parse(file)
        for tag, attribute in LINKS:
            for element in soup.find_all(tag, attrs={attribute: True}):
                url = element[attribute].strip()
                parts = urlsplit(url)
                if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:")):
                    continue
                target = _target(site, file, url, directory_urls)
                where = f"{file.relative_to(site)} -> {url}"
                if target is None:
                    broken.append(where)
                elif parts.fragment and target.suffix == ".html" and \
                        unquote(parts.fragment) not in _ids(target):
                    broken.append(f"{where} (no such anchor)")
    return broken
