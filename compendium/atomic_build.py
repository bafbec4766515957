"""Replace a built folder (site/, site-offline/) and its zip all at once, or not at all.

    python -m compendium.atomic_build site -- mkdocs build --strict --site-dir {}
    python -m compendium.atomic_build site-offline --zip dist/compendium-offline.zip \\
        -- mkdocs build --strict --no-directory-urls --site-dir {}

The command (any generator: `{}` is replaced by the folder to build into)
writes into a fresh folder next to the target, unique to this run, so two
builds at once never write into the same folder. Only when it succeeds is the
new folder swapped with the old one, under a lock, in one rename: Linux's
renameat2(RENAME_EXCHANGE) exchanges two folders atomically (elsewhere, two
renames, and a later run puts back a folder an interruption left aside).
Readers of site/ therefore always see the old complete site or the new one,
whether builds run side by side, fail, or are killed at any moment.

The zip is written to a temporary file and renamed over the old one in the
same locked step; it is reproducible: entries sorted, every time set from
SOURCE_DATE_EPOCH (as MkDocs does for the site), fixed permissions.

Not part of the generator-neutral core's model: a build tool the Makefile
calls; it imports nothing from the rest of the package.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args, command = _parser().parse_args(argv[:split]), argv[split + 1:]
    if not command:
        print("name the build command after --, with {} for the folder", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _interrupted)  # run the clean-up below, then stop
    target = args.target.absolute()
    with _lock(target):
        _recover(target, args.zip)
    return build(target, command, args.zip.absolute() if args.zip else None)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m compendium.atomic_build",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path, help="the folder to replace, e.g. site")
    parser.add_argument("--zip", type=Path, help="also replace this zip of the new folder")
    parser.epilog = "Then -- and the build command; {} stands for the folder to build into."
    return parser


def _interrupted(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)


def build(target: Path, command: list[str], zip_path: Path | None) -> int:
    """Run `command` into a new folder; on success swap it (and its zip) in."""
    fresh = _fresh_folder(target)
    new_zip = None
    try:
        code = _run(command, fresh, target)
        if code != 0:
            return code
        if zip_path is not None:
            zip_path.parent.mkdir(parents=True, exist_ok=True)
            new_zip = zip_path.with_name(f".{zip_path.name}.{os.getpid()}.tmp")
            write_zip(fresh, new_zip, target.name)
        with _lock(target), _signals_held():
            swap(fresh, target)
            if new_zip is not None:
                new_zip.replace(zip_path)
                new_zip = None
        return 0
    finally:  # after the swap, `fresh` holds the old folder
        shutil.rmtree(fresh, ignore_errors=True)
        if new_zip is not None:
            new_zip.unlink(missing_ok=True)


def _fresh_folder(target: Path) -> Path:
    """An empty folder next to `target`, named after this run, readable as a site is."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-{os.getpid()}-",
                                  dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    fresh.chmod(0o777 & ~umask)  # mkdtemp's 0700 would hide the site from a web server
    return fresh


def _run(command: list[str], fresh: Path, target: Path) -> int:
    """The build command's exit status (0 only if it wrote something into `fresh`)."""
    try:
        code = subprocess.call([part.replace("{}", str(fresh)) for part in command])
    except OSError as error:
        print(f"cannot run {command[0]} ({error.strerror})", file=sys.stderr)
        code = 127
    if code == 0 and not any(fresh.iterdir()):
        print(f"the build wrote nothing; {target.name}/ is unchanged", file=sys.stderr)
        return 1
    if code != 0:
        print(f"the build failed (exit status {code}); {target.name}/ is unchanged",
              file=sys.stderr)
    return code


def swap(fresh: Path, target: Path) -> None:
    """Put `fresh` in place of `target` in one step; `fresh` then holds the old one."""
    if not os.path.lexists(target):
        fresh.rename(target)
        return
    if _exchange(fresh, target):
        return
    aside = target.with_name(f".{target.name}.old-{os.getpid()}")
    target.rename(aside)  # not atomic: _recover puts it back if we stop right here
    fresh.rename(target)
    aside.rename(fresh)


def _exchange(first: Path, second: Path) -> bool:
    """Linux's renameat2(RENAME_EXCHANGE): both names swapped at once. False if unavailable."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                       _RENAME_EXCHANGE)
    if result == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not on this file system
        return False
    raise OSError(errno, os.strerror(errno), str(second))


def _recover(target: Path, zip_path: Path | None = None) -> None:
    """Undo what an interrupted run left: the old folder set aside (two-rename swap),
    build folders and zips of runs that are no longer alive."""
    if zip_path is not None:
        for path in zip_path.parent.glob(f".{zip_path.name}.*.tmp"):
            if not _alive(path.name.split(".")[-2]):
                path.unlink(missing_ok=True)
    for path in target.parent.glob(f".{target.name}.old-*"):
        if not os.path.lexists(target):
            path.rename(target)
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path in target.parent.glob(f".{target.name}.build-*"):
        pid = path.name[len(f".{target.name}.build-"):].split("-", 1)[0]
        if not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _lock(target: Path) -> Iterator[None]:
    """One swap at a time per target (builds themselves run side by side)."""
    with target.with_name(f".{target.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and kill wait until the folder and its zip are both swapped."""
    held = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


def write_zip(folder: Path, destination: Path, root: str) -> None:
    """A reproducible zip of `folder`, its entries named `root/...`."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    when = max(time.gmtime(epoch)[:6], _ZIP_EPOCH)
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path, name in sorted(_entries(folder, root), key=lambda entry: entry[1]):
            info = zipfile.ZipInfo(name, when)
            info.create_system = 3  # Unix, so that the permissions below are read
            if path.is_dir():
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)


def _entries(folder: Path, root: str) -> Iterator[tuple[Path, str]]:
    yield folder, f"{root}/"
    for path in folder.rglob("*"):
        name = f"{root}/{path.relative_to(folder).as_posix()}"
        yield path, f"{name}/" if path.is_dir() else name


if __name__ == "__main__":
    sys.exit(main())
