"""Real headless Chromium (Debian's) driven by Playwright, and a local server for sites."""

from __future__ import annotations

import functools
import io
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]


def require_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("Debian chromium is missing at /usr/bin/chromium (.ci/run installs it)")
        pytest.skip("browser tests need Debian chromium: apt-get install -y chromium")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


class _PagesHandler(_QuietHandler):
    """Serves like GitHub Pages: the site under a path, 404.html for what is missing."""

    under = "/"

    def send_head(self):
        path = self.path.split("?", 1)[0]
        if not path.startswith(self.under):
            return self._not_found()
        self.path = "/" + self.path[len(self.under):]
        local = Path(self.translate_path(self.path))
        if not (local.is_file() or (local / "index.html").is_file()):
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(folder: Path, under: str | None = None) -> Iterator[str]:
    """Serve `folder` over http on a free local port; yields the base URL.

    With `under` ('/compendium/'), serve it as GitHub Pages serves a project
    site: below that path, with 404.html for every missing address.
    """
    if under is None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
    else:
        pages = type("Pages", (_PagesHandler,), {"under": under})
        handler = functools.partial(pages, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}" + (under or "").rstrip("/")
    finally:
        server.shutdown()
        server.server_close()


class PageWatch:
    """Console errors and failed or foreign requests seen by a page."""

    def __init__(self, page, origin: str):
        self.problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # A navigation aborts the previous page's pending requests: not a failure.
        page.on("requestfailed", lambda r: r.failure != "net::ERR_ABORTED" and
                self.problems.append(f"failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(
            f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: not r.url.startswith((origin, "data:")) and
                self.problems.append(f"foreign request: {r.url}"))


@contextmanager
def watched_page(browser, origin: str) -> Iterator:
    """A new page for the block; when the block ends, the page must have seen no console
    error and no failed or foreign request (PageWatch). Closed whatever happens."""
    page = browser.new_page()
    watch = PageWatch(page, origin)
    try:
        yield page
        assert watch.problems == []
    finally:
        page.close()


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll a JavaScript expression until it is true.

    Playwright's wait_for_function builds its predicate with `new Function`,
    which the site's Content-Security-Policy forbids (no 'unsafe-eval');
    page.evaluate goes through the DevTools protocol and is not affected.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(50)
