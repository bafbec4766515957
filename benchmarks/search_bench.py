"""Search benchmark: what a reader downloads and waits for until the first English result.

Three engines over the same synthetic practices (benchmarks/bench.py writes them):

* ours: the compendium's prebuilt, sharded lunr index (its English search page);
* material: Material's built-in search on MkDocs + Material + static-i18n (its
  search box on the English home page), which loads one index of all languages;
* pagefind: Pagefind (`pagefind[bin]` from PyPI) run over that same Material site,
  queried from a minimal English page through Pagefind's JavaScript API.

Each is opened in Debian's headless Chromium with an empty cache, left to finish
loading, and sent the same query by typing it. Measured: bytes of every response
from opening the page to the first result on screen (as served, and gzipped as
GitHub Pages would send text files), the part of those that is search, and the
time from the first keystroke to the first result, then for a second query.
"""

from __future__ import annotations

import gzip
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

FIRST_QUERY = "training"
SECOND_QUERY = "women"
RUNS = 3

PAGEFIND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind search</title></head>
<body><main>
<label for="q">Search</label> <input id="q" type="search">
<ol id="results"></ol>
<script type="module">
const pagefind = await import("../../pagefind/pagefind.js");
const list = document.getElementById("results");
let latest = 0;
document.getElementById("q").addEventListener("input", async (event) => {
  const ticket = ++latest;
  const search = await pagefind.search(event.target.value);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  if (ticket !== latest) return;
  list.replaceChildren(...data.map((d) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = d.url;
    link.textContent = d.meta.title;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = d.excerpt;
    item.append(link, excerpt);
    return item;
  }));
});
</script>
</main></body></html>
"""


@dataclass(frozen=True)
class Engine:
    name: str
    site: Path
    page: str  # path of the page the reader searches from
    input: str  # selector of the search box
    results: str  # selector of a result on screen
    search_paths: tuple[str, ...]  # URL parts of what belongs to search


def pagefind_site(material_site: Path, target: Path) -> float:
    """Copy the Material site, index it with Pagefind, add the search page; seconds indexing."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(material_site, target)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(target)],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"pagefind failed:\n{result.stdout}\n{result.stderr}")
    page = target / "en" / "pagefind-search" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(PAGEFIND_PAGE, encoding="utf-8")
    return elapsed


def engines(ours: Path, material: Path, pagefind: Path) -> list[Engine]:
    return [
        Engine("ours", ours, "/en/search/", "#cmp-search-q", "#cmp-search-results > li",
               ("/search/data/", "/assets/vendor/lunr/", "/assets/compendium/search")),
        Engine("material", material, "/en/", "input.md-search__input",
               ".md-search-result__item", ("search_index.json", "/workers/search")),
        Engine("pagefind", pagefind, "/en/pagefind-search/", "#q", "#results > li",
               ("/pagefind/",)),
    ]


_TIMER = """([input, results]) => {
  window.__benchMs = undefined;
  const box = document.querySelector(input);
  let typed = null;
  box.addEventListener("input", () => { if (typed === null) typed = performance.now(); },
                       { capture: true, once: true });
  const observer = new MutationObserver(() => {
    if (typed !== null && document.querySelector(results)) {
      observer.disconnect();
      window.__benchMs = performance.now() - typed;
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
}"""


def _query(page, engine: Engine, text: str) -> float:
    """Type `text` into the engine's box; milliseconds from first keystroke to a result."""
    page.locator(engine.input).fill("")
    page.evaluate("(sel) => document.querySelectorAll(sel).forEach((e) => e.remove())",
                  engine.results)
    page.evaluate(_TIMER, [engine.input, engine.results])
    page.locator(engine.input).press_sequentially(text)
    page.wait_for_function("window.__benchMs !== undefined", timeout=60_000)
    return page.evaluate("window.__benchMs")


def _bytes(site: Path, urls: list[str]) -> tuple[int, int]:
    """Sizes of the files behind the URLs: as stored, and gzipped (as Pages sends text)."""
    raw = packed = 0
    for url in urls:
        path = site / unquote(urlparse(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            continue
        data = path.read_bytes()
        raw += len(data)
        packed += min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))
    return raw, packed


def measure_once(browser, engine: Engine) -> dict:
    with serve(engine.site) as base:
        # Playwright's wait_for_function evaluates a string, which our site's
        # Content-Security-Policy refuses; the policy changes no byte or timing here.
        context = browser.new_context(bypass_csp=True)
        urls: list[str] = []
        context.on("request", lambda request: urls.append(request.url))
        page = context.new_page()
        page.goto(base + engine.page, wait_until="networkidle")
        page.locator(engine.input).click()  # a reader clicks into the box, then types
        first = _query(page, engine, FIRST_QUERY)
        downloaded = list(dict.fromkeys(urls))
        second = _query(page, engine, SECOND_QUERY)
        context.close()
    search = [url for url in downloaded if any(part in url for part in engine.search_paths)]
    total_raw, total_gzip = _bytes(engine.site, downloaded)
    search_raw, search_gzip = _bytes(engine.site, search)
    return {"first_ms": first, "second_ms": second, "total_raw": total_raw,
            "total_gzip": total_gzip, "search_raw": search_raw, "search_gzip": search_gzip,
            "requests": len(downloaded)}


def measure(ours: Path, material: Path, pagefind: Path) -> list[dict]:
    """Every engine, RUNS times alternately; median times, bytes of the last run."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[dict]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for _ in range(RUNS):
            for engine in engines(ours, material, pagefind):
                found.setdefault(engine.name, []).append(measure_once(browser, engine))
        browser.close()
    rows = []
    for name, runs in found.items():
        last = runs[-1]
        rows.append({**last, "engine": name,
                     "first_ms": statistics.median(r["first_ms"] for r in runs),
                     "second_ms": statistics.median(r["second_ms"] for r in runs)})
    return rows


def measure_ours(site: Path) -> dict:
    """Ours alone (the scale runs, where the other engines are not built): median times,
    bytes of the last run."""
    from playwright.sync_api import sync_playwright

    engine = engines(site, site, site)[0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        runs = [measure_once(browser, engine) for _ in range(RUNS)]
        browser.close()
    return {**runs[-1], "first_ms": statistics.median(r["first_ms"] for r in runs),
            "second_ms": statistics.median(r["second_ms"] for r in runs)}


KEPT = (  # sections other scripts write: search_eval.py, lighthouse_bench.py, map_size.py
    ("<!-- search-eval: begin", "<!-- search-eval: end -->"),
    ("<!-- lighthouse -->", "<!-- /lighthouse -->"),
    ("<!-- map-size -->", "<!-- /map-size -->"),
)


def with_kept_sections(text: str, results: Path) -> str:
    """`text`, followed by the sections other scripts wrote into `results` (their markers
    say which): `make bench` rewrites its own figures without losing theirs."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    for begin, end in KEPT:
        if begin in old and end in old:
            kept = old[old.index(begin):old.index(end) + len(end)]
            text = text.rstrip("\n") + "\n\n" + kept + "\n"
    return text
