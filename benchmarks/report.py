"""benchmarks/results.md from one run of benchmarks/bench.py: tables, targets and
verdicts computed from the measurements, then the hand-written analysis
(benchmarks/analysis.md), which says what the numbers mean and what a missed target
would take."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import search_bench  # next to this file

ANALYSIS = Path(__file__).resolve().parent / "analysis.md"
BUILD_TARGET = 1.25  # ours / MkDocs + Material + static-i18n + its search, at N = 1000
EDIT_TARGET_S = 3.0  # one-field edit visible in a one-language preview
PAGE_TARGET = 20_000  # bytes of a practice page's HTML, at any N (tests/test_site_build.py)
LINEAR_SLACK = 1.2  # growth over 10x N may exceed 10x by this factor (fixed costs, noise)


@dataclass
class Report:
    rows: list[dict]
    profile: list[str] = field(default_factory=list)
    serve: list[dict] = field(default_factory=list)
    search: dict | None = None
    scale: list[list[dict]] = field(default_factory=list)  # [at 1000, at N] per N

    def save(self, path: Path) -> None:
        """The measurements, so that the text can be written again without measuring
        (python benchmarks/report.py)."""
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Report:
        return cls(**json.loads(path.read_text(encoding="utf-8")))

    def markdown(self) -> str:
        lines = self._header() + self._builds() + self._edit_loop() + self._scale()
        lines += self._profile() + (search_lines(self.search) if self.search else [])
        if ANALYSIS.is_file():
            lines += ["", ANALYSIS.read_text(encoding="utf-8").rstrip(), ""]
        return "\n".join(lines)

    def _header(self) -> list[str]:
        return [
            "# Benchmark results", "",
            f"Written by `make bench` (benchmarks/bench.py) on {time.strftime('%Y-%m-%d')}, "
            f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
            f"{os.getloadavg()[0]:.1f} at the end. Build times are the best of 3 alternating "
            "runs of each build in the same run; compare ratios, not seconds, across "
            "machines.", "",
            "N synthetic practices x 3 languages. *ours*: the compendium (records, hooks, "
            "static-i18n, catalogues, facet pages, map, open data, three search indexes). "
            "*plain*: the same text as hand-written Markdown pages, not in the nav, built by "
            "plain MkDocs + Material (with its search). *plain-i18n*: the same pages with "
            "static-i18n, one build per language as ours. *i18n-search*: plain-i18n with "
            "Material's search plugin, the baseline of the build-time target.", "",
        ]

    def _builds(self) -> list[str]:
        lines = [
            "| N | ours (s) | plain (s) | plain-i18n (s) | i18n-search (s) | ours/plain "
            "| ours/plain-i18n | ours/i18n-search | ours practice page (B) | plain practice "
            "page (B) | ours site (MB) | ours peak memory (MiB) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in self.rows:
            page = (f"{row['ours_bytes']:.0f} | {row['plain_bytes']:.0f}" if row["n"]
                    else "- | -")
            lines.append(
                f"| {row['n']} | {row['ours_s']:.2f} | {row['plain_s']:.2f} | "
                f"{row['plain_i18n_s']:.2f} | {row['i18n_search_s']:.2f} | "
                f"{row['ours_s'] / row['plain_s']:.2f} | "
                f"{row['ours_s'] / row['plain_i18n_s']:.2f} | "
                f"{row['ours_s'] / row['i18n_search_s']:.2f} | {page} | "
                f"{row['site_bytes'] / 1e6:.1f} | {row['peak_kib'] / 1024:.0f} |")
        last = self.rows[-1]
        ratio = last["ours_s"] / last["i18n_search_s"]
        lines += ["", f"**Build-time target** (N = {last['n']}, ours <= {BUILD_TARGET}x "
                  f"i18n-search, same run): {_verdict(ratio <= BUILD_TARGET)} "
                  f"({ratio:.2f}x).", ""]
        pages = [row for row in self.rows if row["n"]] + [
            row for pair in self.scale for row in pair]
        largest = max((row["ours_bytes"] for row in pages), default=0)
        lines += [f"**Page-size target** (a practice page's HTML <= {PAGE_TARGET:,} bytes at "
                  f"every N, this table's and the scale run's): "
                  f"{_verdict(largest <= PAGE_TARGET)} (largest {largest:,.0f}).", ""]
        return lines

    def _edit_loop(self) -> list[str]:
        if not self.serve:
            return []
        full = self.rows[-1]["ours_s"]
        lines = [
            f"## The edit loop at N = {self.rows[-1]['n']}", "",
            "A real `mkdocs serve` of the same project (benchmarks/serve_bench.py): after "
            "its first build, one field of one practice (its Spanish description) is "
            "changed and saved, and the practice's Spanish page is asked for until it "
            "shows the change; the time runs from the save to that answer (MkDocs polls "
            "the files twice a second: up to 0.5 s of it is noticing the change). Median "
            "of 4 saves.", "",
            "| preview | first build (s) | edit visible (s) | each edit (s) | target | |",
            "|---|---:|---:|---|---|---|",
        ]
        for result in self.serve:
            if result["only"]:
                target, met = f"<= {EDIT_TARGET_S:.0f} s", result["edit_s"] <= EDIT_TARGET_S
                name = f"`SITE_LANG={result['only']}`"
            else:
                target = f"<= full build / 3 = {full / 3:.2f} s"
                met = result["edit_s"] <= full / 3
                name = "every language"
            each = ", ".join(f"{t:.2f}" for t in result["edits"])
            first = result["first_build_s"]
            lines.append(f"| {name} | {first if first is not None else '-'} | "
                         f"{result['edit_s']:.2f} | {each} | {target} | {_verdict(met)} |")
        return [*lines, ""]

    def _scale(self) -> list[str]:
        if not self.scale:
            return []
        lines = [
            "## Scale", "",
            "Our build alone, at N = 1 000 and then at the larger N, one after the other. "
            "CPU time is that of all the build's processes (MkDocs and its worker): unlike "
            "wall time it hardly depends on what else the machine runs, so linear growth "
            "is judged on it. Peak memory is the largest sum of their resident sizes; "
            "search bytes are what the English search page downloads until its first "
            "result (search_bench.py).", "",
            "| N | build (s) | CPU (s) | CPU s per 1 000 practices | peak memory (MiB) "
            "| site (MB) | files | practice page (B) | search bytes to first result | gzip |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for pair in self.scale:
            for row in pair:
                lines.append(
                    f"| {row['n']} | {row['ours_s']:.2f} | {row['cpu_s']:.2f} | "
                    f"{1000 * row['cpu_s'] / row['n']:.2f} | {row['peak_kib'] / 1024:.0f} | "
                    f"{row['site_bytes'] / 1e6:.1f} | {row['site_files']:,} | "
                    f"{row['ours_bytes']:.0f} | {row['search_raw']:,} | "
                    f"{row['search_gzip']:,} |")
        for base, row in self.scale:
            lines += ["", _growth(base, row)]
        return [*lines, ""]

    def _profile(self) -> list[str]:
        if not self.profile:
            return []
        return [f"## Profile of our build at N = {self.rows[-1]['n']}", "",
                "cProfile of one `mkdocs build` (all three languages), by cumulative time; "
                "profiling roughly doubles the times, the shares are what matters.", "",
                "| function | calls | cumulative (s) | share |", "|---|---:|---:|---:|",
                *self.profile, ""]


def _growth(base: dict, row: dict) -> str:
    growth = row["n"] / base["n"]
    factors = {name: row[key] / base[key] for name, key in (
        ("CPU time", "cpu_s"), ("peak memory", "peak_kib"), ("site size", "site_bytes"))}
    linear = all(factor <= growth * LINEAR_SLACK for factor in factors.values())
    told = ", ".join(f"{name} x{factor:.1f}" for name, factor in factors.items())
    return (f"**Linear growth** from N = {base['n']} to {row['n']} (x{growth:.0f}): {told} "
            f"(wall time x{row['ours_s'] / base['ours_s']:.1f}), page size "
            f"x{row['ours_bytes'] / base['ours_bytes']:.2f}: {_verdict(linear)}.")


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


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
        "included); *material* is the i18n-search build above (one index of all "
        "languages, built in the browser); *pagefind* is that build plus Pagefind's "
        "indexing. Our search page waits 120 ms after the last keystroke before "
        "searching (so that typing does not load a shard per letter): that pause is part of "
        "our times. Material downloads its whole index while the page loads, before the "
        "reader types, so its first query only pays for searching.",
        "",
    ]
    return lines


if __name__ == "__main__":  # results.md again from the last run's measurements
    here = Path(__file__).resolve().parent
    results = here / "results.md"
    text = Report.load(here / "work" / "results.json").markdown()
    results.write_text(search_bench.with_kept_sections(text, results))
