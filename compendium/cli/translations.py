"""`compendium translations`: the status report, and `mark` for reviewed translations."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from compendium.cli.translations_report import json_report, text_report
from compendium.dataset import Dataset
from compendium.loader import check_project
from compendium.problems import DataError, ProblemLog
from compendium.project import Project, find_root
from compendium.schemas import RECORD_TYPES
from compendium.sourcefiles import walk
from compendium.translations.marks import mark_page, record_marks, write_record_marks
from compendium.translations.status import translatable_fields, translation_status


def run(args: argparse.Namespace) -> int:
    project = Project.load(find_root(args.root))
    dataset, _catalogues, log = check_project(project)
    if log:
        raise DataError(log)
    langs = args.lang or [lang for lang in project.languages]
    unknown = [lang for lang in langs if lang not in project.languages]
    if unknown:
        print(f"unknown language {', '.join(unknown)} (the site has "
              f"{', '.join(project.languages)})", file=sys.stderr)
        return 2
    if args.action == "mark":
        return _mark(project, dataset, args)
    status = translation_status(project, dataset)
    report = json_report if args.format == "json" else text_report
    print(report(status, langs))
    return 1 if args.check and any(status.of(lang) for lang in langs) else 0


def _mark(project: Project, dataset: Dataset, args: argparse.Namespace) -> int:
    files = _all_files(project, dataset) if args.all else [f.resolve() for f in args.files]
    if not files:
        print("name the files to mark (a record under data/ or a page under docs/<lang>/), "
              "or use --all", file=sys.stderr)
        return 2
    by_path = {(project.root / r.path).resolve(): r
               for kind in dataset.records for r in dataset.all(kind)}
    langs = set(args.lang) if args.lang else None
    fields = set(args.field) if args.field else None
    for file in files:
        record = by_path.get(file)
        unknown = _unknown_fields(record, fields)
        if unknown:
            print(unknown, file=sys.stderr)
            return 2
        if record is not None:
            marks, chosen = record_marks(record, fields, langs)
            write_record_marks(file, marks)
            what = ", ".join(chosen) if len(chosen) <= 3 else f"{len(chosen)} translations"
            print(f"{project.display_path(file)}: {what or 'nothing'} marked current")
        elif _page_language(project, file):
            original = project.docs_dir / project.default_language / \
                file.relative_to(project.docs_dir / _page_language(project, file))
            if not original.is_file():
                return _fail(project, file, f"has no original {project.display_path(original)}")
            mark_page(original, file)
            print(f"{project.display_path(file)}: marked current "
                  f"(original {project.display_path(original)})")
        else:
            return _fail(project, file, "is neither a record under data/ nor a translated page "
                         "under docs/<lang>/ (e.g. data/practices/socialpay.yml, "
                         "docs/en/about.md)")
    return 0


def _unknown_fields(record, fields: set[str] | None) -> str:
    """Why --field names something `mark` cannot mark in this file, or ''."""
    if not fields:
        return ""
    if record is None:
        return "--field applies to records; a page is marked as a whole (leave --field out)"
    known = translatable_fields(RECORD_TYPES[record.kind].schema)
    for name in sorted(fields):
        if re.sub(r"\[\d+\]", "", name) not in known:
            return (f"{record.path} has no translatable field '{name}' (expected one of: "
                    f"{', '.join(sorted(known))})")
    return ""


def _page_language(project: Project, file: Path) -> str | None:
    for lang in project.languages:
        if lang != project.default_language and file.is_relative_to(project.docs_dir / lang):
            return lang
    return None


def _all_files(project: Project, dataset: Dataset) -> list[Path]:
    records = sorted((project.root / r.path).resolve()
                     for kind in dataset.records for r in dataset.all(kind))
    pages = sorted(p.resolve() for lang in project.languages if lang != project.default_language
                   for p in walk(project.docs_dir / lang, project.root, project.display_path)
                   if p.suffix == ".md" and (project.docs_dir / project.default_language /
                                             p.relative_to(project.docs_dir / lang)).is_file())
    return records + pages


def _fail(project: Project, file: Path, message: str) -> int:
    log = ProblemLog()
    log.add(project.display_path(file), 0, "", message)
    raise DataError(log)
