"""The edit loop: how long after saving a one-field change the preview shows it.

Drives a real `mkdocs serve` (as `make serve` runs it) on the synthetic project that
benchmarks/bench.py writes: waits for the first build, then, several times, changes
one field of one practice (its Spanish description) and asks the server for that
practice's Spanish page until the new text is there. The time runs from the save to
the answer that holds it, so it includes MkDocs noticing the change (it polls the
files twice a second), the rebuild, and the answer. Once with `SITE_LANG=es` (the
translator's preview of one language) and once with every language.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

EDITS = 4
PRACTICE = "practice-0007"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, timeout: float = 300) -> float:
    start = time.perf_counter()
    while text not in _get(url):
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.05)
    return time.perf_counter() - start


def _with_marker(text: str, marker: str) -> str:
    """The record with its Spanish description starting with `marker`: one field."""
    data = yaml.safe_load(text)
    data["description"]["es"] = f"{marker} {data['description']['es']}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def edit_loop(root: Path, only: str | None) -> dict:
    """Seconds from save to the edit on the served page (median of EDITS), and the
    first build's seconds as MkDocs reports it."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_LANG": only or ""}
    log = root / f"serve-{only or 'all'}.log"
    record = root / "data" / "practices" / f"{PRACTICE}.yml"
    original = record.read_text(encoding="utf-8")
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
             "--watch", "data", "--watch", "locales", "--watch", "compendium.yml"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/es/practices/{PRACTICE}/"
    try:
        _wait_for(url, "</html>", timeout=1800)
        first = re.search(r"Documentation built in ([\d.]+) seconds", log.read_text())
        times = []
        for number in range(EDITS):
            marker = f"cmpedit{number}x"
            record.write_text(_with_marker(original, marker), encoding="utf-8")
            times.append(_wait_for(url, marker))
            time.sleep(1.0)  # let the server settle, as a person would between saves
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        record.write_text(original, encoding="utf-8")
    return {"only": only, "first_build_s": float(first.group(1)) if first else None,
            "edit_s": statistics.median(times), "edits": times}
