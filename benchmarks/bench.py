"""Build-time and page-size benchmark: the compendium against plain MkDocs + Material.

For each N, generates N synthetic practices in three languages and builds:

* ours: the real project (hooks, templates, static-i18n) with the practices as records;
* plain: the same text as hand-written Markdown pages (docs/<lang>/practices/<slug>.md,
  not in the nav) built by plain MkDocs + Material with its default plugins (search);
* plain-i18n: the same pages built by MkDocs + Material + static-i18n (one build per
  language, as ours), to show which part of the difference the i18n plugin itself costs.

Both builds run in this process's Python, one after the other, in the same run, so that
the ratio between them means something on a noisy 2-core machine. Results go to
benchmarks/results.md. Usage: python benchmarks/bench.py [N ...] (default: 0 100 1000;
N = 0 measures the fixed cost of a build).
"""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import lighthouse_bench  # next to this file
import map_size  # next to this file
import search_bench  # next to this file
import yaml

from compendium.translations.hashing import source_hash

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / "work"
RESULTS = REPO / "benchmarks" / "results.md"
LANGS = ("it", "en", "es")
REPEATS = 3
SEARCH_QUERY = "training"  # an English word of the bundled records, hence of the synthetic text


def _vocabulary() -> dict[str, tuple[list[str], list[int]]]:
    """Words of the bundled records per language, with cumulative frequencies.

    Synthetic text drawn from them has the vocabulary size and word frequencies of
    real practices, which is what search index sizes depend on.
    """
    counts: dict[str, Counter] = {lang: Counter() for lang in LANGS}

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in counts and isinstance(item, str):
                    counts[key].update(re.findall(r"[^\W\d_]+", item.lower()))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for path in sorted((REPO / "data").rglob("*.yml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    vocabulary = {}
    for lang, counter in counts.items():
        words = sorted(counter)
        vocabulary[lang] = (words, list(itertools.accumulate(counter[w] for w in words)))
    return vocabulary


WORDS = _vocabulary()
SECTIONS = ("description", "stakeholders", "beneficiaries", "results", "future_perspectives",
            "transferability")
HEADINGS = {"description": "Description", "stakeholders": "Stakeholders",
            "beneficiaries": "Beneficiaries", "results": "Results",
            "future_perspectives": "Future perspectives", "transferability": "Transferability"}


def _sentence(rng: random.Random, lang: str, words: int) -> str:
    vocabulary, cumulative = WORDS[lang]
    text = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, lang: str, count: int) -> str:
    return "\n\n".join(
        " ".join(_sentence(rng, lang, rng.randint(8, 16)) for _ in range(4)) for _ in range(count)
    )


def synthetic_practices(n: int) -> list[dict]:
    """N practices with the shape and length of a real summary sheet, in three languages."""
    rng = random.Random(n)
    practices = []
    for index in range(n):
        texts = {
            section: {lang: _paragraphs(rng, lang, 3 if section == "description" else 1)
                      for lang in LANGS}
            for section in SECTIONS
        }
        practices.append({
            "slug": f"practice-{index:04d}",
            "title": {lang: f"{_sentence(rng, lang, 4)[:-1]} {index}" for lang in LANGS},
            "countries": rng.sample(["IT", "ES", "FR", "BE", "DE", "GR"], rng.randint(1, 2)),
            "themes": rng.sample(["employment", "social-inclusion", "reception"], 1),
            **texts,
        })
    return practices


def _copy_project(target: Path) -> None:
    for name in ("compendium.yml", "mkdocs.yml"):
        shutil.copy2(REPO / name, target / name)
    for name in ("hooks", "locales", "overrides"):
        shutil.copytree(REPO / name, target / name)
    # The real docs link to the real records; the synthetic site gets the test suite's
    # minimal hand-written pages instead.
    shutil.copytree(REPO / "tests" / "fixtures" / "docs", target / "docs")


def write_ours(root: Path, practices: list[dict]) -> None:
    _copy_project(root)
    data = root / "data"
    shutil.copytree(REPO / "data" / "vocabularies", data / "vocabularies")
    # Only the promoter the synthetic practices use: every other record would add pages
    # that the plain baseline does not have.
    (data / "organisations").mkdir(parents=True)
    shutil.copy2(REPO / "data" / "organisations" / "anci-toscana.yml", data / "organisations")
    for folder in ("projects", "workshops", "people"):
        (data / folder).mkdir(parents=True)
    (data / "practices").mkdir()
    for practice in practices:
        record = {
            "source_language": "en",
            "title": practice["title"],
            "promoters": ["anci-toscana"],
            "subject": practice["title"],
            "territory": {"countries": practice["countries"]},
            "themes": practice["themes"],
            **{section: practice[section] for section in SECTIONS},
            "provenance": {"source": "savoir-faire-report",
                           "location": {"en": "synthetic", "it": "sintetica", "es": "sintética"}},
        }
        record["translations"] = _marks(record)  # translated from these originals, as real data
        path = data / "practices" / f"{practice['slug']}.yml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False))


def _marks(record: dict, prefix: str = "") -> dict[str, str]:
    """Translation marks saying each translation was made from the current original."""
    marks = {}
    for field, value in record.items():
        if isinstance(value, dict) and "en" in value:
            marks.update({f"{prefix}{field}.{lang}": source_hash(value["en"])
                          for lang in LANGS if lang != "en" and value.get(lang)})
        elif isinstance(value, dict):
            marks.update(_marks(value, f"{prefix}{field}."))
    return marks


def write_plain(root: Path, practices: list[dict], i18n: bool = False,
                search: bool = False) -> None:
    config = {
        "site_name": "Plain baseline",
        "theme": {"name": "material", "font": False},
        "nav": ["index.md"],
        "not_in_nav": "/*/practices/\n/practices/",
    }
    if i18n:  # listing plugins drops the default search plugin, unless asked back
        config["plugins"] = (["search"] if search else []) + [
            {"i18n": {"docs_structure": "folder", "languages": [
                {"locale": lang, "default": lang == "it", "name": lang, "build": True}
                for lang in LANGS]}}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    docs = root / "docs"
    docs.mkdir()
    (docs / "it" / "practices").mkdir(parents=True)  # not_in_nav must match something
    for index_folder in ([docs / lang for lang in LANGS] if i18n else [docs]):
        index_folder.mkdir(exist_ok=True)
        (index_folder / "index.md").write_text("# Baseline\n")
    for lang in LANGS:
        folder = docs / lang / "practices"
        folder.mkdir(parents=True, exist_ok=True)
        for practice in practices:
            body = [f"# {practice['title'][lang]}", "", practice["title"][lang], ""]
            for section in SECTIONS:
                body += [f"## {HEADINGS[section]}", "", practice[section][lang], ""]
            (folder / f"{practice['slug']}.md").write_text("\n".join(body))


def build_seconds(root: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=root,
                            env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def mean_page_bytes(site: Path, pattern: str) -> float:
    sizes = [path.stat().st_size for path in site.glob(pattern)]
    return statistics.mean(sizes) if sizes else 0.0


def run(n: int) -> dict:
    practices = synthetic_practices(n)
    base = WORK / str(n)
    shutil.rmtree(base, ignore_errors=True)
    roots = {name: base / name for name in ("ours", "plain", "plain-i18n")}
    for root in roots.values():
        root.mkdir(parents=True)
    write_ours(roots["ours"], practices)
    write_plain(roots["plain"], practices)
    write_plain(roots["plain-i18n"], practices, i18n=True)
    times: dict[str, list[float]] = {name: [] for name in roots}
    for _ in range(REPEATS):  # alternate, so that machine noise hits all alike
        for name, root in roots.items():
            times[name].append(build_seconds(root))
    ours, plain = roots["ours"], roots["plain"]
    return {
        "n": n,
        "ours_s": min(times["ours"]),
        "plain_s": min(times["plain"]),
        "plain_i18n_s": min(times["plain-i18n"]),
        "ours_bytes": statistics.mean(
            mean_page_bytes(ours / "site", f"{prefix}practices/practice-*/index.html")
            for prefix in ("", "en/", "es/")),
        "plain_bytes": mean_page_bytes(plain / "site", "*/practices/practice-*/index.html"),
    }


def search_run(n: int, ours_seconds: float) -> dict:
    """The search benchmark at N practices, on the sites run(n) left in WORK/<n>/."""
    base = WORK / str(n)
    material = base / "material-search"
    shutil.rmtree(material, ignore_errors=True)
    material.mkdir(parents=True)
    write_plain(material, synthetic_practices(n), i18n=True, search=True)
    material_seconds = build_seconds(material)
    pagefind_seconds = search_bench.pagefind_site(material / "site", base / "pagefind")
    rows = search_bench.measure(base / "ours" / "site", material / "site", base / "pagefind")
    builds = {"ours": ours_seconds, "material": material_seconds,
              "pagefind": material_seconds + pagefind_seconds}
    return {"n": n, "rows": [{**row, "build_s": builds[row["engine"]]} for row in rows]}


def search_lines(search: dict) -> list[str]:
    rows = {row["engine"]: row for row in search["rows"]}
    ours, material, pagefind = rows["ours"], rows["material"], rows["pagefind"]
    lines = [
        "",
        f"## Search at N = {search['n']} (x 3 languages)",
        "",
        f"Written by `make bench` (benchmarks/search_bench.py), same run. The reader opens "
        f"the page with an empty cache, lets it load, types `{search_bench.FIRST_QUERY}`, "
        f"waits for the first result, then types `{search_bench.SECOND_QUERY}`. Bytes "
        "count every response from opening the page to the first result on screen: as "
        "stored, and gzipped (GitHub Pages compresses text; Pagefind's files are compressed "
        "already). *Search* bytes are the engine's own files (index, fragments, scripts, "
        "worker); *page* bytes add the page, theme CSS/JS and everything else. Times are the "
        "median of 3 runs, from the first keystroke to the first result.",
        "",
        "| engine | build (s) | search bytes | search bytes gzip | page + search bytes "
        "| page + search gzip | requests | first query (ms) | second query (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in (ours, material, pagefind):
        lines.append(
            f"| {row['engine']} | {row['build_s']:.2f} | {row['search_raw']:,} | "
            f"{row['search_gzip']:,} | {row['total_raw']:,} | {row['total_gzip']:,} | "
            f"{row['requests']} | {row['first_ms']:.0f} | {row['second_ms']:.0f} |")
    lines += [
        "",
        f"Search bytes, ours / Material: {ours['search_raw'] / material['search_raw']:.3f} "
        f"(gzip {ours['search_gzip'] / material['search_gzip']:.3f}); ours / Pagefind: "
        f"{ours['search_raw'] / pagefind['search_raw']:.2f} "
        f"(gzip {ours['search_gzip'] / pagefind['search_gzip']:.2f}). "
        "Targets: at most 1/8 (0.125) of Material's, and no more than Pagefind's.",
        "",
        "*ours* builds the whole compendium (facet pages and three prebuilt indexes "
        "included); *material* is MkDocs + Material + static-i18n with its search plugin "
        "(one index of all languages, built in the browser); *pagefind* is that build plus "
        "Pagefind's indexing. Our search page waits 120 ms after the last keystroke before "
        "searching (so that typing does not load a shard per letter): that pause is part of "
        "our times. Material downloads its whole index while the page loads, before the "
        "reader types, so its first query only pays for searching.",
        "",
    ]
    return lines


def build_verdict(row: dict) -> str:
    """State plainly whether the largest run meets the build-time target."""
    ratio = row["ours_s"] / row["plain_s"]
    verdict = "met" if ratio <= 1.1 else "missed"
    return f"Build-time target at N = {row['n']}: {verdict} (ours/plain {ratio:.2f})."


def write_results(rows: list[dict], search: dict | None = None) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (benchmarks/bench.py) on {time.strftime('%Y-%m-%d')}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs. Build times are the best of "
        f"{REPEATS} alternating runs of each build in the same process run; compare the "
        "ratio, not the seconds, across machines.",
        "",
        "N synthetic practices x 3 languages. *ours*: the compendium (records, hooks, "
        "static-i18n, catalogues). *plain*: the same text as hand-written Markdown pages, not "
        "in the nav, built by plain MkDocs + Material.",
        "",
        "*plain-i18n*: the same Markdown pages built by MkDocs + Material + static-i18n, "
        "which, like ours, builds once per language.",
        "",
        "| N | ours (s) | plain (s) | ours/plain | plain-i18n (s) | ours/plain-i18n "
        "| ours s per 1000 pages | plain s per 1000 pages "
        "| ours practice page (bytes) | plain practice page (bytes) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        pages = 3 * row["n"]
        per_page = (f"{1000 * row['ours_s'] / pages:.2f} | {1000 * row['plain_s'] / pages:.2f} | "
                    f"{row['ours_bytes']:.0f} | {row['plain_bytes']:.0f}") if pages else \
            "- | - | - | -"
        lines.append(
            f"| {row['n']} | {row['ours_s']:.2f} | {row['plain_s']:.2f} | "
            f"{row['ours_s'] / row['plain_s']:.2f} | {row['plain_i18n_s']:.2f} | "
            f"{row['ours_s'] / row['plain_i18n_s']:.2f} | {per_page} |"
        )
    lines += [
        "",
        "Targets: practice page HTML <= 20 KB at any N; build time <= 1.1x plain; both "
        "growing linearly with N.",
        "",
        "N = 0 shows the fixed cost of a build. static-i18n builds the site once per "
        "language, and each build scans Material's theme folder (thousands of icon files), "
        "renders 404.html and sitemap.xml and copies the assets again: compare *plain* and "
        "*plain-i18n* at N = 0.",
        "",
        "*ours* does more work than *plain*: besides one page per record it writes a static "
        "page per facet value (country, city, theme, target group, project, promoter type, "
        "year), a prebuilt search index per language, the open data (JSON, CSV, schemas), "
        "the map and the translation status, and checks every translation against its "
        "original; *plain* has none of these.",
        "",
        build_verdict(rows[-1]),
        "",
    ]
    if search is not None:
        lines += search_lines(search)
    text = search_bench.with_kept_sections("\n".join(lines), RESULTS)
    RESULTS.write_text(text.rstrip("\n") + "\n" + lighthouse_bench.kept_section())


def main(argv: list[str]) -> None:
    sizes = [int(arg) for arg in argv] or [0, 100, 1000]
    rows = []
    for n in sizes:
        row = run(n)
        print(f"N={n}: ours {row['ours_s']:.2f}s, plain {row['plain_s']:.2f}s, "
              f"plain-i18n {row['plain_i18n_s']:.2f}s, "
              f"ratio {row['ours_s'] / row['plain_s']:.2f}, page {row['ours_bytes']:.0f} B "
              f"(plain {row['plain_bytes']:.0f} B)", flush=True)
        rows.append(row)
    search = search_run(max(sizes), rows[-1]["ours_s"]) if max(sizes) > 0 else None
    if search:
        for row in search["rows"]:
            print(f"search {row['engine']}: {row['search_raw']} B ({row['search_gzip']} B gzip), "
                  f"first {row['first_ms']:.0f} ms, second {row['second_ms']:.0f} ms", flush=True)
    write_results(rows, search)
    map_size.main()  # its own section of results.md


if __name__ == "__main__":
    main(sys.argv[1:])
