"""`mkdocs serve` (`make serve`) for the compendium: what the preview adds to MkDocs'
development server. Nothing here runs in `mkdocs build`.

- Live reload under the site's Content-Security-Policy. MkDocs adds an inline script
  to every HTML page it serves, which the policy (inline scripts by hash only) would
  block: each served page's policy gets that script's hash as it is served. Built
  files never hold the script or its hash.
- The last good site. MkDocs' server holds every request until a rebuild succeeds, so
  after a data error every page hangs. Here each build goes to a folder of its own
  (in memory, /dev/shm, where the system has it) and, once it succeeds, becomes the
  served folder (a rename). A failed build leaves
  the served site alone; its lines go to the log as usual and to a notice on every
  served page (compendium.PreviewPages), and open pages reload to show it.
- One language, `make serve SITE_LANG=es`: static-i18n builds only the default
  language (it always does, first; with no generated page here) and that one; the
  addresses of the other languages answer with a page that says so.
- A busy address stops the preview before it builds anything, with one line that says
  how to pick another.

It relies on MkDocs 1.6.1's development server (pinned): its `root`, `builder` and
`error_handler` attributes and its WSGI application (`set_app`).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

import compendium_theme as theme  # hooks/compendium_theme.py, a sibling
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

import compendium

log = logging.getLogger("mkdocs.plugins.compendium.preview")
_LIVE_RELOAD = re.compile(r"<script>(?P<body>[^<]*\blivereload\([^<]*)</script>\s*</body>")


class _Serving:
    """What the preview knows between MkDocs' builds: set once per `mkdocs serve`."""

    serving = False  # `mkdocs serve`, not `mkdocs build`
    address_checked = False
    folder: Path | None = None  # where the preview builds (`build/`) and serves (`1/`...)
    preview: Preview | None = None
    saved_levels: tuple[int, int] | None = None  # link checks lowered in a one-language preview


_serving = _Serving()


@event_priority(0)  # nothing depends on the order here
def on_startup(command: str, dirty: bool) -> None:
    _serving.serving = command == "serve"


@event_priority(100)  # first of all: before static-i18n (-100) reads its languages
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Before the first build: a busy address stops here. Every build of a one-language
    preview: static-i18n builds only that language (and the default one, always)."""
    if not _serving.serving:
        return config
    if not _serving.address_checked:
        check_address(config.dev_addr.host, config.dev_addr.port)
        _serving.address_checked = True
    if _serving.folder is None:
        _serving.folder = _preview_folder()
    config.site_dir = str(_serving.folder / "build")
    only = theme.preview_language(config, serving=True)
    if only is not None:
        theme.build_only(config, only)
    return config


@event_priority(0)  # after every on_config: static-i18n has set this build's language
def on_pre_build(config: MkDocsConfig) -> None:
    """In a one-language preview, the default language's hand-written pages link
    generated pages that are not built: not a problem there."""
    if not _serving.serving:
        return
    only = theme.preview_language(config, serving=True)
    links, nav = config.validation.links, config.validation.nav
    if only is not None and theme.language(config) != only:
        _serving.saved_levels = (links.not_found, nav.not_found)
        links.not_found = nav.not_found = logging.DEBUG
    elif _serving.saved_levels is not None:
        links.not_found, nav.not_found = _serving.saved_levels
        _serving.saved_levels = None


@event_priority(0)  # the only handler of on_serve
def on_serve(server, config: MkDocsConfig, builder: Callable) -> object:
    """Take over MkDocs' server after the first build (see the module's docstring)."""
    _serving.preview = Preview(server, _serving.folder, Path(config.config_file_path).parent,
                               theme.preview_language(config, serving=True))
    theme.LATER.preview = True  # from now on, the worker's files follow the pages
    only = _serving.preview.only_language
    if only is not None:
        log.info(f"Previewing only '{only}': {server.url}{_prefix(config, only)}")
    return server


@event_priority(0)  # the only handler of on_shutdown
def on_shutdown() -> None:
    if _serving.folder is not None:
        shutil.rmtree(_serving.folder, ignore_errors=True)


def _preview_folder() -> Path:
    """A folder of this preview's own, in memory (/dev/shm) when the system has one with
    room to spare: a preview writes the whole site after every save, and on a busy disk
    that takes longer than building it. Folders of previews whose process is gone (a
    killed preview cannot clean up) are removed first. SIGTERM stops the preview as
    Ctrl+C does, so that it removes its own."""
    base = Path(tempfile.gettempdir())
    shm = Path("/dev/shm")
    with suppress(OSError):
        if shm.is_dir() and shutil.disk_usage(shm).free > 1 << 30:
            base = shm
    for old in base.glob(f"{_FOLDER_PREFIX}*"):
        pid = old.name[len(_FOLDER_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
    return Path(tempfile.mkdtemp(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-", dir=base))


_FOLDER_PREFIX = "compendium-preview-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        return True
    return True


def _stop(signum: int, frame) -> None:
    raise KeyboardInterrupt  # MkDocs then shuts the server down and calls on_shutdown


def _prefix(config: MkDocsConfig, lang: str) -> str:
    return "" if lang == theme.default_language(config) else f"{lang}/"


def check_address(host: str, port: int) -> None:
    """Stop with one line when the preview's address cannot be served."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise Abort(f"{host}:{port} is already in use (another preview?); stop it, "
                            f"or preview at another port: make serve SERVE_ADDR={host}:"
                            f"{port + 1 if port < 65535 else 8001}") from None
            raise Abort(f"cannot preview at {host}:{port}: {error.strerror}; use an address "
                        "of this machine, e.g. make serve SERVE_ADDR=127.0.0.1:8000") from None


class Preview:
    """MkDocs' development server, serving the last good build."""

    def __init__(self, server, folder: Path, root: Path, only_language: str | None):
        self.server = server
        self.root = root
        self.only_language = only_language
        self.failure: list[str] | None = None  # the lines of the last build, if it failed
        self.build_dir = folder / "build"  # every build's site_dir (on_config)
        self.served = folder
        self.generation = 0
        self._build = server.builder
        self._app = server.serve_request
        server.builder = self.rebuild
        server.error_handler = self.error_page
        server.set_app(self.app)
        self._publish()  # MkDocs' first build

    # -- builds -----------------------------------------------------------------
    def rebuild(self) -> None:
        """MkDocs' rebuild, into an empty build folder; served only if it succeeds."""
        shutil.rmtree(self.build_dir, ignore_errors=True)
        self.build_dir.mkdir()
        failed: Exception | None = None
        with _Problems() as problems:
            try:
                self._build()
            except Exception as error:  # whatever stopped the build: report, keep serving
                failed = error
        folders, write_later = theme.LATER.take()
        if failed is None:
            self.failure = None
            self._carry_over(folders)
            self._publish()
            if write_later is not None:
                self._write_later(write_later, self.served / str(self.generation))
        else:
            self._failed(problems.lines, failed)

    def _failed(self, lines: list[str], error: Exception) -> None:
        if isinstance(error, Abort):
            log.error(str(error))
        else:  # not bad data but a bug: its traceback helps
            log.error(f"the build failed: {type(error).__name__}: {error}", exc_info=error)
        self.failure = [*lines, str(error)]
        log.error("The change above was not built: still serving the last good site, "
                  "with these lines on every page. Fix them and save again.")

    def _carry_over(self, folders: list[str]) -> None:
        """The last served copies of the files the worker is still making (a search
        index, the open data), so that they work until the new ones are written."""
        last = self.served / str(self.generation)
        for folder in folders:
            if (last / folder).is_dir() and not (self.build_dir / folder).exists():
                with suppress(OSError, shutil.Error):  # being rewritten: none for a moment
                    shutil.copytree(last / folder, self.build_dir / folder,
                                    copy_function=os.link)

    def _write_later(self, write: Callable[[Path], None], published: Path) -> None:
        """The worker's files, written into the served site once made (the page that
        shows a change is served first); a failure is one line in the log."""
        def run() -> None:
            try:
                write(published)
            except Exception as error:  # a bug, not the data: the pages are served anyway
                log.error(f"the search index or open data of this build were not written: "
                          f"{type(error).__name__}: {error}", exc_info=error)

        threading.Thread(target=run, daemon=True).start()

    def _publish(self) -> None:
        """The build folder becomes the served one; the one before the last is dropped
        (a request may still be reading the last)."""
        self.generation += 1
        target = self.served / str(self.generation)
        self.build_dir.rename(target)
        self.build_dir.mkdir()
        self.server.root = str(target)
        old = self.served / str(self.generation - 2)
        threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()

    @property
    def pages(self) -> compendium.PreviewPages | None:
        """The notices, in the languages of the last build that read the data."""
        opened = compendium.last_opened(self.root)
        return compendium.PreviewPages(opened, self.server.mount_path) if opened else None

    # -- requests ----------------------------------------------------------------
    def error_page(self, code: int) -> bytes | None:
        page = Path(self.server.root) / f"{code}.html"
        return page.read_bytes() if page.is_file() else None

    def app(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """MkDocs' server, with the preview's changes to the HTML it answers."""
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        response = _Response()
        body = self._app(environ, response.start)
        pages = self.pages
        if response.status.startswith("404") and self._not_built(path, pages):
            # 200: a page of the preview's own, not an error (no red line in the
            # browser's console or the terminal for following a language link)
            html = pages.not_built(path, self.only_language)
            return response.send(start_response, html, status="200 OK")
        if not response.is_html:
            response.forward(start_response)
            return body
        html = b"".join(body).decode("utf-8")
        return response.send(start_response, self._served_html(html, path, pages))

    def _not_built(self, path: str, pages: compendium.PreviewPages | None) -> bool:
        return (self.only_language is not None and pages is not None
                and compendium.is_page(path) and pages.language_of(path) != self.only_language)

    def _served_html(self, html: str, path: str, pages: compendium.PreviewPages | None) -> str:
        match = _LIVE_RELOAD.search(html)
        if match:
            html = compendium.allow_inline_script(html, match.group("body"))
        if self.failure is not None and pages is not None:
            html = pages.with_failure(html, pages.language_of(path), self.failure)
        return html


class _Response:
    """The status and headers MkDocs' server answered with, held back to be changed."""

    def __init__(self) -> None:
        self.status = ""
        self.headers: list[tuple[str, str]] = []

    def start(self, status: str, headers: list[tuple[str, str]], exc_info=None):
        self.status, self.headers = status, headers
        return lambda data: None  # the legacy write() callable: MkDocs does not use it

    @property
    def is_html(self) -> bool:
        return any(name.lower() == "content-type" and value.startswith("text/html")
                   for name, value in self.headers)

    def forward(self, start_response: Callable) -> None:
        start_response(self.status, self.headers)

    def send(self, start_response: Callable, html: str, status: str | None = None) -> list:
        data = html.encode("utf-8")
        start_response(status or self.status, [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(data)))])
        return [data]


class _Problems(logging.Handler):
    """The warnings and errors MkDocs and the hooks log during one build (in the build's
    thread: the server's request log goes on meanwhile)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.lines.append(record.getMessage())

    def __enter__(self) -> _Problems:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def __exit__(self, *exc_info) -> None:
        logging.getLogger("mkdocs").removeHandler(self)
