"""`make serve` previews the site and rebuilds it when a record changes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, contains: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if contains in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {contains!r}; last response:\n{last[:500]}")


def test_make_serve_rebuilds_when_data_changes(make_project):
    root: Path = make_project()
    port = _free_port()
    server = subprocess.Popen(
        ["make", "-f", str(REPO / "Makefile"), "serve", f"VENV={sys.prefix}", "STAMP=",
         f"SERVE_ADDR=127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/en/practices/bridges/"
        _wait_for(url, "Bridges to work")
        record = root / "data" / "practices" / "bridges.yml"
        record.write_text(record.read_text().replace("Bridges to work", "Bridges to jobs"))
        _wait_for(url, "Bridges to jobs")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
