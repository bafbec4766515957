"""Which files under data/, docs/ and locales/ the compendium reads.

Editors leave hidden files, backups and lock links next to the files being
edited (Emacs keeps `.#file.yml`, a link to nowhere, while a file is
modified; Vim `.file.yml.swp`; many write `file.yml~`). Validation, the
build, `mkdocs serve`'s change detection and `compendium translations` all
list files through `files_in`/`walk`, so these are skipped the same way
everywhere instead of crashing one reader and passing another.

A link that leads outside the project is refused, not followed: the build
would publish whatever it points at (a home folder, /etc). Links inside the
project are fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from compendium.problems import ProblemLog

_BACKUP_SUFFIXES = ("~", ".swp", ".swo", ".swx")


def is_ignored(path: Path) -> bool:
    """Hidden files, editor backups and swap files, and links to nowhere."""
    name = path.name
    if name.startswith(".") or name.endswith(_BACKUP_SUFFIXES):
        return True
    if name.startswith("#") and name.endswith("#"):  # Emacs' auto-save files
        return True
    return path.is_symlink() and not path.exists()


def outside(path: Path, root: Path) -> Path | None:
    """Where `path` really leads when that is outside `root` (through any link), else None."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop of links: nothing to read
        return None
    return None if target.is_relative_to(root) else target


def refuse_outside(path: Path, root: Path, display: Callable[[Path], str],
                   log: ProblemLog | None) -> bool:
    """Log (if a log is given) and return True when `path` leads outside `root`."""
    target = outside(path, root)
    if target is None:
        return False
    if log is not None:
        log.add(display(path), 0, "", f"is a link to '{_link_text(path)}', outside the project, "
                "which the site would publish; copy the file into the project instead")
    return True


def _link_text(path: Path) -> str:
    """What the link says (relative as written), else where it leads through a linked folder."""
    return str(path.readlink()) if path.is_symlink() else str(path.resolve())


def files_in(folder: Path, root: Path, display: Callable[[Path], str],
             log: ProblemLog | None = None) -> list[Path]:
    """The entries of `folder` a reader should look at, sorted: ignored ones left out,
    links outside `root` refused (and logged when a log is given)."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [path for path in entries
            if not is_ignored(path) and not refuse_outside(path, root, display, log)]


def walk(folder: Path, root: Path, display: Callable[[Path], str],
         log: ProblemLog | None = None) -> Iterator[Path]:
    """Every file under `folder`, depth first and sorted, by the rules of `files_in`.

    Folders reached twice (through links) are read once.
    """
    seen: set[Path] = set()
    stack = [folder]
    while stack:
        current = stack.pop()
        real = current.resolve()
        if real in seen:
            continue
        seen.add(real)
        entries = files_in(current, root, display, log)
        yield from (path for path in entries if path.is_file())
        stack.extend(reversed([path for path in entries if path.is_dir()]))
