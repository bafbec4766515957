"""Lighthouse (mobile) on the pages where readers find practices, in every language.

Builds the site from the repository's own data and pages, serves it as GitHub
Pages does (text compressed with gzip), and runs a pinned Lighthouse from npm
(`npx --yes lighthouse@12.2.3`) on Debian's Chromium (CHROME_PATH=/usr/bin/chromium)
with its default mobile settings (Moto G Power, simulated slow 4G, 4x CPU slowdown),
performance only, on four page types per language: the practice finder, a facet
page, a practice page and the search page with a query. Each page is measured
RUNS times; the table gives the median performance score and the largest
cumulative layout shift seen. Targets (issue 14): CLS <= 0.02 and performance
>= 0.95 on every page.

Writes the "## Lighthouse" section of benchmarks/results.md (bench.py keeps it).
Usage: python benchmarks/lighthouse_bench.py (make lighthouse).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import map_size  # next to this file
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from compendium.project import Project  # noqa: E402
from compendium.urls import language_prefix  # noqa: E402

WORK = REPO / "benchmarks" / "work" / "lighthouse"
RESULTS = REPO / "benchmarks" / "results.md"
LIGHTHOUSE = "lighthouse@12.2.3"
CHROME = "/usr/bin/chromium"
RUNS = 3
START, END = "<!-- lighthouse -->", "<!-- /lighthouse -->"  # its section of results.md
PRACTICE = "practices/cinformi/"
SEARCH_WORDS = {"it": "donne", "en": "women", "es": "mujeres"}  # any other language: "migra"
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml")


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text gzip-compressed when the browser accepts it."""

    def log_message(self, format: str, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not ctype.startswith(TEXT_TYPES):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(folder: Path):
    handler = functools.partial(_GzipHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_site() -> Path:
    """The repository's site, built strictly in a copy (the repository stays untouched)."""
    return map_size.build(WORK)


def pages(site: Path, lang: str, prefix: str) -> dict[str, str]:
    """The four page types, as paths under the site (the facet page: the finder's first
    country, whose address is in the language's words)."""
    finder = BeautifulSoup((site / prefix / "practices" / "index.html").read_text("utf-8"),
                           "lxml")
    facet = finder.select_one("#browse-country + ul a")["href"]
    return {
        "finder": f"{prefix}practices/",
        "facet": f"{prefix}practices/{facet}",
        "practice": f"{prefix}{PRACTICE}",
        "search": f"{prefix}search/?q={SEARCH_WORDS.get(lang, 'migra')}",
    }


def lighthouse(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROME}
        result = subprocess.run(
            ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--only-categories=performance",
             "--chrome-flags=--headless=new --no-sandbox", "--output=json",
             f"--output-path={report}"], env=env, capture_output=True, text=True)
        if result.returncode != 0 or not report.exists():
            raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        data = json.loads(report.read_text("utf-8"))
    audits = data["audits"]
    return {"score": data["categories"]["performance"]["score"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"],
            "tbt": audits["total-blocking-time"]["numericValue"]}


def measure() -> list[dict]:
    site = build_site()
    project = Project.load(REPO)
    rows = []
    with serve(site) as base:
        for lang in project.languages:
            prefix = language_prefix(lang, project.default_language)
            for kind, path in pages(site, lang, prefix).items():
                runs = [lighthouse(f"{base}/{path}") for _ in range(RUNS)]
                row = {"lang": lang, "kind": kind, "path": path,
                       "score": statistics.median(r["score"] for r in runs),
                       "cls": max(r["cls"] for r in runs),
                       "lcp": statistics.median(r["lcp"] for r in runs),
                       "tbt": statistics.median(r["tbt"] for r in runs)}
                print(f"{lang} {kind}: performance {row['score']:.2f}, CLS {row['cls']:.3f}",
                      flush=True)
                rows.append(row)
    return rows


def section(rows: list[dict]) -> str:
    met = all(r["cls"] <= 0.02 and r["score"] >= 0.95 for r in rows)
    lines = [
        START,
        "## Lighthouse (mobile)",
        "",
        f"Written by `make lighthouse` (benchmarks/lighthouse_bench.py) on "
        f"{time.strftime('%Y-%m-%d')}: `npx {LIGHTHOUSE}` on Debian's Chromium, default "
        "mobile settings (simulated slow 4G, 4x CPU slowdown), performance only, on the "
        "site built from the repository's data and served gzip-compressed as GitHub Pages "
        f"serves it. {RUNS} runs per page: median performance score, median largest "
        "contentful paint and total blocking time, and the largest cumulative layout shift "
        "of the runs.",
        "",
        "| language | page | address | performance | CLS (max) | LCP (ms) | TBT (ms) |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['lang']} | {r['kind']} | `/{r['path']}` | {r['score']:.2f} | "
                     f"{r['cls']:.3f} | {r['lcp']:.0f} | {r['tbt']:.0f} |")
    lines += ["", "Targets: cumulative layout shift <= 0.02 and performance >= 0.95 on every "
              f"page: {'met' if met else 'missed'}.", END]
    return "\n".join(lines)


def write(section_text: str) -> None:
    """Replace the Lighthouse section of results.md (or append it), keeping the rest."""
    text = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        text = text[:text.index(START)] + section_text + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section_text + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(section(measure()))
