"""`make serve` in a project copy, as a maintainer runs it, for the preview's tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_serve_command(*variables: str) -> list[str]:
    """`make serve` with this test run's Python (no .venv in a project copy)."""
    return ["make", "--no-print-directory", "serve", f"VENV={sys.prefix}", "STAMP=",
            *variables]


def environment() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name in ("SITE_URL", "SITE_LANG"):
        env.pop(name, None)
    return env


@dataclass
class Running:
    base: str  # http://127.0.0.1:<port>
    log: Path  # everything `make serve` printed
    process: subprocess.Popen

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str, timeout: float = 30) -> tuple[int, str]:
        """Status and text of a request; a hanging server fails the test (timeout)."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def wait_for(self, path: str, contains: str, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                last = self.get(path, timeout=10)[1]
                if contains in last:
                    return last
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"{path} never showed {contains!r}; last response:\n{last[:500]}"
                             f"\nlog:\n{self.output()[-3000:]}")

    def wait_for_log(self, text: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"`make serve` never logged {text!r}:\n{self.output()}")
            time.sleep(0.2)


@contextmanager
def make_serve(root: Path, *variables: str) -> Iterator[Running]:
    """`make serve` in `root` on a free port, until the block ends."""
    port = free_port()
    log = root / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            make_serve_command(f"SERVE_ADDR=127.0.0.1:{port}", *variables), cwd=root,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, env=environment())
    running = Running(f"http://127.0.0.1:{port}", log, process)
    try:
        running.wait_for_log("Serving on")
        yield running
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        _wait_for_group(process.pid)


def _wait_for_group(group: int, timeout: float = 30) -> None:
    """Until every process of `make serve` (mkdocs too, shutting down) has ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
