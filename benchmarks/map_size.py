"""The map page's size on the real site: the base map is drawn into the page, so its
outlines cost bytes in every language. Builds the repository's own data once (a few
seconds) and writes the "Map page" section of benchmarks/results.md (bench.py calls
it too). Usage: python benchmarks/map_size.py
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / "work" / "map"
RESULTS = REPO / "benchmarks" / "results.md"
TARGET = 150_000  # bytes of HTML
PREFIXES = {"it": "", "en": "en/", "es": "es/"}
START, END = "<!-- map-size -->", "<!-- /map-size -->"


def build(work: Path = WORK) -> Path:
    """The repository's site, built strictly in a copy under `work` (the repository stays
    untouched); lighthouse_bench.py builds its site here too."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("compendium.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, work / name)
    for name in ("hooks", "locales", "overrides", "docs", "data"):
        shutil.copytree(REPO / name, work / name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
                            cwd=work, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stdout}\n{result.stderr}")
    return work / "site"


def measure(site: Path) -> list[dict]:
    rows = []
    for lang, prefix in PREFIXES.items():
        html = (site / prefix / "map" / "index.html").read_bytes()
        svg = re.search(rb"<svg class=\"cmp-map__svg\".*?</svg>", html, re.S)
        rows.append({"lang": lang, "page": len(html), "gzip": len(gzip.compress(html)),
                     "svg": len(svg.group(0)) if svg else 0})
    return rows


def lines(rows: list[dict]) -> list[str]:
    worst = max(row["page"] for row in rows)
    verdict = "met" if worst < TARGET else "missed"
    return [
        START,
        "## Map page (real data)",
        "",
        "Written by `make bench` or `python benchmarks/map_size.py`. The map page of the "
        "repository's own records, in bytes: the whole HTML, gzipped (as GitHub Pages "
        "serves it), and the SVG drawn into it (base map, markers, labels).",
        "",
        "| language | page (bytes) | page gzip (bytes) | SVG (bytes) |",
        "|---|---:|---:|---:|",
        *(f"| {r['lang']} | {r['page']:,} | {r['gzip']:,} | {r['svg']:,} |" for r in rows),
        "",
        f"Target: page HTML < {TARGET:,} bytes: {verdict}.",
        END,
    ]


def write(rows: list[dict]) -> None:
    """Replace this section of results.md (or append it), leaving the rest as it is."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    section = "\n".join(lines(rows))
    if START in text and END in text:
        text = text[:text.index(START)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    rows = measure(build())
    for row in rows:
        print(f"map {row['lang']}: {row['page']} B ({row['gzip']} B gzip), SVG {row['svg']} B")
    write(rows)


if __name__ == "__main__":
    main()
