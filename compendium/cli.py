"""The `compendium` command: everything that is not MkDocs itself.

    compendium validate      check every record, vocabulary and interface string

Exit status 0 when the data is sound, 1 when it has problems (each printed on
one line: file:line: field: message), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.loader import check_project
from compendium.problems import DataError
from compendium.project import Project, find_root
from compendium.schemas import RECORD_TYPES


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
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compendium", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check all records without building")
    validate.add_argument("--root", type=Path, default=Path.cwd(),
                          help="project folder (default: the one holding compendium.yml)")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as error:
        for line in error.log.lines():
            print(line, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
