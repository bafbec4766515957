"""Build-time, size and edit-loop benchmark: the compendium against plain MkDocs + Material.

For each N, generates N synthetic practices in three languages and builds:

* ours: the real project (hooks, templates, static-i18n) with the practices as records;
* plain: the same text as hand-written Markdown pages (docs/<lang>/practices/<slug>.md,
  not in the nav) built by plain MkDocs + Material with its default plugins (search);
* plain-i18n: the same pages built by MkDocs + Material + static-i18n (one build per
  language, as ours), to show which part of the difference the i18n plugin itself costs;
* i18n-search: the same, with Material's search plugin: the baseline of the build-time
  target (a site of the same pages with a search of its own).

All builds run in this process's Python, alternating, in the same run, so that the
ratios between them mean something on a noisy 2-core machine. Then, at the largest N:
the search benchmark (benchmarks/search_bench.py), the edit loop under a real
`mkdocs serve` (benchmarks/serve_bench.py) and a profile of our build; at each scale N
(10 000 by default) our build alone, with its peak memory, site size, page size and
search bytes, to show that everything grows linearly. Results go to
benchmarks/results.md.

Usage: python benchmarks/bench.py [N ...] [--scale N ...] [--no-serve] [--no-search]
(default: 0 100 1000, scale 10000; N = 0 measures the fixed cost of a build).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import map_size  # next to this file
import search_bench  # next to this file
import serve_bench  # next to this file
import yaml
from report import Report  # next to this file

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
            "results_kind": "achieved",
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


BUILDS = ("ours", "plain", "plain-i18n", "i18n-search")
PROFILE_LINES = 14


def build_run(root: Path, profile: Path | None = None) -> float:
    """One `mkdocs build`, in seconds (under cProfile when `profile` names its output)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_LANG", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    if profile is not None:
        command[1:1] = ["-m", "cProfile", "-o", str(profile)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def build_seconds(root: Path) -> float:
    return build_run(root)


def measured_build(root: Path) -> dict:
    """One `mkdocs build`: wall seconds, CPU seconds of all its processes (MkDocs and its
    worker; far less sensitive than wall time to what else the machine runs), and peak
    memory (KiB): the largest sum, sampled every 50 ms, of their resident sizes."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SITE_LANG", None)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=root,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, sum(_rss_kib(child) for child in _tree(process.pid)))
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"build failed in {root} (mkdocs build there says why)")
    return {"s": time.perf_counter() - start, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_kib": peak}


def _tree(pid: int) -> list[int]:
    """A process and its descendants, from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(child) for child in task.read_text().split()]
    return found


def _rss_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def mean_page_bytes(site: Path, pattern: str) -> float:
    sizes = [path.stat().st_size for path in site.glob(pattern)]
    return statistics.mean(sizes) if sizes else 0.0


def site_size(site: Path) -> tuple[int, int]:
    """Bytes and number of files of a built site."""
    sizes = [path.stat().st_size for path in site.rglob("*") if path.is_file()]
    return sum(sizes), len(sizes)


def run(n: int) -> dict:
    practices = synthetic_practices(n)
    base = WORK / str(n)
    shutil.rmtree(base, ignore_errors=True)
    roots = {name: base / name for name in BUILDS}
    for root in roots.values():
        root.mkdir(parents=True)
    write_ours(roots["ours"], practices)
    write_plain(roots["plain"], practices)
    write_plain(roots["plain-i18n"], practices, i18n=True)
    write_plain(roots["i18n-search"], practices, i18n=True, search=True)
    times: dict[str, list[float]] = {name: [] for name in roots}
    measured: list[dict] = []
    for _ in range(REPEATS):  # alternate, so that machine noise hits all alike
        for name, root in roots.items():
            if name == "ours":
                measured.append(measured_build(root))
            times[name].append(measured[-1]["s"] if name == "ours" else build_seconds(root))
    ours, plain = roots["ours"], roots["plain"]
    size, files = site_size(ours / "site")
    return {
        "n": n,
        "ours_s": min(times["ours"]),
        "plain_s": min(times["plain"]),
        "plain_i18n_s": min(times["plain-i18n"]),
        "i18n_search_s": min(times["i18n-search"]),
        "ours_bytes": statistics.mean(
            mean_page_bytes(ours / "site", f"{prefix}practices/practice-*/index.html")
            for prefix in ("", "en/", "es/")),
        "plain_bytes": mean_page_bytes(plain / "site", "*/practices/practice-*/index.html"),
        "site_bytes": size,
        "site_files": files,
        "peak_kib": max(m["peak_kib"] for m in measured),
        "cpu_s": min(m["cpu_s"] for m in measured),
    }


def scale_run(n: int, base: int = 1000) -> list[dict]:
    """Our build alone at `base` and at N, one after the other (no baselines: theirs do
    not scale to N): time, CPU time, peak memory, site size, practice page size and
    the search's bytes to the first result."""
    rows = []
    for size in (base, n):
        root = WORK / str(size) / "ours"
        if size != base or not root.is_dir():
            shutil.rmtree(root.parent, ignore_errors=True)
            root.mkdir(parents=True)
            write_ours(root, synthetic_practices(size))
        measured = measured_build(root)
        total, files = site_size(root / "site")
        search = search_bench.measure_ours(root / "site")
        rows.append({
            "n": size, "ours_s": measured["s"], "cpu_s": measured["cpu_s"],
            "peak_kib": measured["peak_kib"], "site_bytes": total, "site_files": files,
            "ours_bytes": statistics.mean(
                mean_page_bytes(root / "site", f"{prefix}practices/practice-*/index.html")
                for prefix in ("", "en/", "es/")),
            "search_raw": search["search_raw"], "search_gzip": search["search_gzip"],
            "first_ms": search["first_ms"]})
    return rows


def search_run(n: int, ours_seconds: float, material_seconds: float) -> dict:
    """The search benchmark at N practices, on the sites run(n) left in WORK/<n>/."""
    base = WORK / str(n)
    pagefind_seconds = search_bench.pagefind_site(base / "i18n-search" / "site",
                                                  base / "pagefind")
    rows = search_bench.measure(base / "ours" / "site", base / "i18n-search" / "site",
                                base / "pagefind")
    builds = {"ours": ours_seconds, "material": material_seconds,
              "pagefind": material_seconds + pagefind_seconds}
    return {"n": n, "rows": [{**row, "build_s": builds[row["engine"]]} for row in rows]}


def profile_run(n: int) -> list[str]:
    """Where our build's time goes at N (cProfile, cumulative), as table rows."""
    root = WORK / str(n) / "ours"
    stats_file = WORK / f"profile-{n}.pstats"
    build_run(root, profile=stats_file)
    stats = pstats.Stats(str(stats_file))
    total = stats.total_tt
    rows = []
    for (path, line, name), (_cc, calls, _tt, cumulative, _callers) in sorted(
            stats.stats.items(), key=lambda item: -item[1][3]):
        where = _short(path)
        if not where or name.startswith("<"):
            continue
        rows.append(f"| `{where}:{line}({name})` | {calls:,} | {cumulative:.2f} | "
                    f"{100 * cumulative / total:.0f} % |")
        if len(rows) == PROFILE_LINES:
            break
    return rows


_PROFILED = ("compendium/", "hooks/", "mkdocs/commands/build.py", "mkdocs_static_i18n/",
             "mkdocs/structure/", "jinja2/environment.py")


def _short(path: str) -> str:
    for part in _PROFILED:
        if part in path:
            return part + path.split(part, 1)[1] if not part.endswith(".py") else part
    return ""


def serve_runs(n: int) -> list[dict]:
    root = WORK / str(n) / "ours"
    return [serve_bench.edit_loop(root, "es"), serve_bench.edit_loop(root, None)]


def main(argv: list[str]) -> None:
    args = list(argv)
    scale = _option(args, "--scale") or [10000]
    serve = "--no-serve" not in args
    search = "--no-search" not in args
    sizes = [int(arg) for arg in args if not arg.startswith("--")] or [0, 100, 1000]
    rows = []
    for n in sizes:
        row = run(n)
        print(f"N={n}: ours {row['ours_s']:.2f}s, plain {row['plain_s']:.2f}s, "
              f"plain-i18n {row['plain_i18n_s']:.2f}s, i18n-search {row['i18n_search_s']:.2f}s, "
              f"ours/i18n-search {row['ours_s'] / row['i18n_search_s']:.2f}, "
              f"page {row['ours_bytes']:.0f} B", flush=True)
        rows.append(row)
    largest = rows[-1]
    report = Report(rows)
    if largest["n"] > 0:
        report.profile = profile_run(largest["n"])
        if serve:
            report.serve = serve_runs(largest["n"])
            for result in report.serve:
                print(f"edit loop ({result['only'] or 'all'}): {result['edit_s']:.2f}s "
                      f"(first build {result['first_build_s']}s)", flush=True)
        if search:
            report.search = search_run(largest["n"], largest["ours_s"],
                                       largest["i18n_search_s"])
    for n in scale:
        if n > largest["n"]:
            report.scale.append(scale_run(n))
            print("scale: " + ", ".join(f"N={row['n']} {row['ours_s']:.2f}s "
                                        f"(CPU {row['cpu_s']:.2f}s)"
                                        for row in report.scale[-1]), flush=True)
    report.save(WORK / "results.json")
    RESULTS.write_text(search_bench.with_kept_sections(report.markdown(), RESULTS))
    map_size.main()  # its own section of results.md


def _option(args: list[str], name: str) -> list[int] | None:
    if name not in args:
        return None
    at = args.index(name)
    values = []
    while at + 1 < len(args) and not args[at + 1].startswith("--"):
        values.append(int(args.pop(at + 1)))
    args.pop(at)
    return values


if __name__ == "__main__":
    main(sys.argv[1:])
