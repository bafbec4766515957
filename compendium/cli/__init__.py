"""The `compendium` command: everything that is not MkDocs itself.

    compendium validate      check every record, vocabulary and interface string
    compendium translations  what is missing or outdated in each language
    compendium translations mark FILE...  mark reviewed translations as current
    compendium new KIND SLUG  write a new record with every field, ready to fill in

Exit status 0 when the data is sound, 1 when it has problems (each printed on
one line: file:line: field: message), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from compendium.fields import MAX_SLUG, is_slug, slug_suggestion
from compendium.loader import check_project
from compendium.problems import DataError
from compendium.project import CONFIG_NAME, Project, find_root
from compendium.scaffold import skeleton
from compendium.schemas import RECORD_TYPES
from compendium.sourcefiles import outside


def _validate(args: argparse.Namespace) -> int:
    project = Project.load(find_root(args.root))
    dataset, _catalogues, log = check_project(project)
    if log:
        for line in log.lines():
            print(line, file=sys.stderr)
        count = len(log)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.",
              file=sys.stderr)
        return 1
    counts = ", ".join(
        f"{len(dataset.all(kind))} {record_type.folder}"
        for kind, record_type in RECORD_TYPES.items()
    )
    print(f"OK: {counts}; {len(dataset.vocabularies)} vocabularies.")
    for note in project.publisher.unset():  # facts only the publisher can give: not errors
        print(f"note: {CONFIG_NAME}: {note}")
    return 0


def _new(args: argparse.Namespace) -> int:
    project = Project.load(find_root(args.root))
    record_type = RECORD_TYPES[args.kind]
    if not is_slug(args.slug):
        print(f"{args.slug[:60]!r} is not a slug (expected lowercase letters, digits and "
              f"hyphens, at most {MAX_SLUG} characters, e.g. "
              f"{slug_suggestion(args.slug) or 'socialpay'})", file=sys.stderr)
        return 2
    folder = project.data_dir / record_type.folder
    file = folder / f"{args.slug}.yml"
    display = project.display_path(file)
    problem = _cannot_write(project, folder, file)
    if problem:
        print(f"{display} {problem}", file=sys.stderr)
        return 2
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with file.open("x", encoding="utf-8") as out:  # never through a link, never over a file
            out.write(skeleton(record_type, project))
    except OSError as error:
        print(f"cannot write {display} ({error.strerror}); check that you may write to "
              f"{project.display_path(folder)}/", file=sys.stderr)
        return 1
    _dataset, _catalogues, log = check_project(project)
    todo = [line for line in log.lines() if line.startswith(f"{display}:")]
    print(f"Wrote {display}.")
    if todo:
        print("Still to fill in before the site builds:")
        print("\n".join(f"  {line}" for line in todo))
    return 0


def _cannot_write(project: Project, folder: Path, file: Path) -> str:
    """Why `compendium new` must not write `file`, or ''."""
    if file.is_symlink() and not file.exists():
        return "is a link to nowhere (an editor's lock, or a removed file); remove it first"
    if file.exists() or file.is_symlink():
        return "already exists; choose another slug"
    if outside(folder, project.root) is not None:
        return "would be written outside the project (its folder is a link); check data/"
    return ""


def _translations(args: argparse.Namespace) -> int:
    from compendium.cli.translations import run

    return run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compendium", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check all records without building")
    validate.add_argument("--root", type=Path, default=Path.cwd(),
                          help="project folder (default: the one holding compendium.yml)")
    validate.set_defaults(run=_validate)
    translations = commands.add_parser(
        "translations", help="list missing and outdated translations, or mark them current",
        description="Without an action: every record field, vocabulary label and hand-written "
        "page that is missing or outdated in a language, with file and line. With `mark`: "
        "record that the translations in FILE (a record or a page in docs/<lang>/) are "
        "current, i.e. made from the original as it is now.")
    translations.add_argument("action", nargs="?", choices=("status", "mark"), default="status")
    translations.add_argument("files", nargs="*", type=Path, help="with mark: files to mark")
    translations.add_argument("--lang", action="append",
                              help="only this language (repeatable)")
    translations.add_argument("--field", action="append",
                              help="with mark: only this field, e.g. description (repeatable)")
    translations.add_argument("--all", action="store_true",
                              help="with mark: every record and page of the project")
    translations.add_argument("--format", choices=("text", "json"), default="text")
    translations.add_argument("--check", action="store_true",
                              help="exit with status 1 when anything is missing or outdated")
    translations.add_argument("--root", type=Path, default=Path.cwd(),
                              help="project folder (default: the one holding compendium.yml)")
    translations.set_defaults(run=_translations)
    new = commands.add_parser("new", help="write a new record with every field, to fill in")
    new.add_argument("kind", choices=list(RECORD_TYPES))
    new.add_argument("slug", help="the file name and URL, e.g. socialpay")
    new.add_argument("--root", type=Path, default=Path.cwd(),
                     help="project folder (default: the one holding compendium.yml)")
    new.set_defaults(run=_new)
    return parser


def console() -> int:
    """The `compendium` command. A command ends quietly when the reader of its output
    does (`compendium translations | head`): the default for SIGPIPE, set only here, in
    a process of its own; `main` called from Python (the tests, other tools) leaves the
    caller's handling alone, whose servers would otherwise die of a closed socket."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    return main()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as error:
        for line in error.log.lines():
            print(line, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(console())
