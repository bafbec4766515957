"""`make build`, `make pdf` and `make offline` replace site/, site-offline/ and the zip
all at once (compendium/atomic_build.py, issue 19): builds side by side, failed, killed
or interrupted at any point leave the old complete output or the new one, never a mix;
the offline zip is byte-identical for the same SOURCE_DATE_EPOCH."""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from compendium import atomic_build
from tests.conftest import copy_project, run_make

FILES = 200
# A stand-in for the site generator: writes FILES pages slowly, all naming its run.
WRITER = f"""
import sys, time
from pathlib import Path
folder, run, pause = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
for index in range({FILES}):
    (folder / f"page{{index}}.html").write_text(run)
    time.sleep(pause)
if run == "fail":
    sys.exit(3)
"""


def _command(tmp_path: Path, run: str, pause: float = 0.0) -> list[str]:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    return [sys.executable, str(script), "{}", run, str(pause)]


def _build(tmp_path: Path, run: str, pause: float = 0.0, zip_name: str | None = None,
           env: dict | None = None, wait: bool = True):
    args = [sys.executable, "-m", "compendium.atomic_build", "site"]
    if zip_name:
        args += ["--zip", zip_name]
    process = subprocess.Popen([*args, "--", *_command(tmp_path, run, pause)], cwd=tmp_path,
                               env={**os.environ, **(env or {})}, stderr=subprocess.PIPE,
                               text=True)
    if wait:
        process.wait(timeout=120)
    return process


def _runs(site: Path) -> set[str]:
    """Which runs wrote the pages of `site` (one, if it is complete and unmixed)."""
    pages = list(site.glob("page*.html"))
    assert len(pages) == FILES, f"{len(pages)} pages"
    return {page.read_text() for page in pages}


def _snapshot(site: Path) -> tuple[int, set[str]] | None:
    """(pages, runs) of the folder `site` names at this instant, read through one handle;
    None if it was swapped out and removed while being read (the old site going away)."""
    folder = os.open(site, os.O_RDONLY)
    try:
        names = [name for name in os.listdir(folder) if name.startswith("page")]  # noqa: PTH208
        runs = set()
        for name in names:
            try:
                handle = os.open(name, os.O_RDONLY, dir_fd=folder)
            except FileNotFoundError:
                if site.stat().st_ino != os.fstat(folder).st_ino:
                    return None
                raise
            with os.fdopen(handle) as page:
                runs.add(page.read())
        return len(names), runs
    finally:
        os.close(folder)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".site.build",
                                                                         ".site.old")))


def test_a_build_replaces_the_site_and_a_failed_one_keeps_it(tmp_path):
    assert _build(tmp_path, "first").returncode == 0
    assert _runs(tmp_path / "site") == {"first"}
    failed = _build(tmp_path, "fail")
    assert failed.returncode == 3
    assert "site/ is unchanged" in failed.stderr.read()
    assert _runs(tmp_path / "site") == {"first"}
    assert _leftovers(tmp_path) == []
    assert oct((tmp_path / "site").stat().st_mode & 0o777) != "0o700"  # readable by a server


def test_builds_side_by_side_leave_one_complete_site_and_readers_never_see_a_mix(tmp_path):
    assert _build(tmp_path, "first").returncode == 0
    seen, stop = [], threading.Event()

    def read() -> None:
        """Open site/ as a server would at the start of a request, and read it all."""
        while not stop.is_set():
            view = _snapshot(tmp_path / "site")
            if view is not None:
                seen.append(view)

    reader = threading.Thread(target=read)
    reader.start()
    builds = [_build(tmp_path, run, pause=0.002, wait=False) for run in ("a", "b", "c")]
    codes = [build.wait(timeout=120) for build in builds]
    stop.set()
    reader.join()
    assert codes == [0, 0, 0]
    assert len(_runs(tmp_path / "site")) == 1
    assert seen and [view for view in seen if view[0] != FILES or len(view[1]) != 1] == []
    assert len({run for _count, runs in seen for run in runs}) > 1  # swaps happened meanwhile
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_build_killed_midway_keeps_the_site_and_leaves_nothing_behind(tmp_path, signum):
    assert _build(tmp_path, "first").returncode == 0
    process = _build(tmp_path, "killed", pause=0.01, wait=False)
    time.sleep(0.5)
    process.send_signal(signum)
    assert process.wait(timeout=60) != 0
    assert _runs(tmp_path / "site") == {"first"}
    if signum == signal.SIGKILL:  # no clean-up possible: the next run does it
        assert _build(tmp_path, "next").returncode == 0
        assert _runs(tmp_path / "site") == {"next"}
    time.sleep(0.2)  # the killed writer, orphaned, may still be finishing
    assert _leftovers(tmp_path) == [] or signum == signal.SIGKILL


def test_stopped_between_the_swap_and_the_clean_up_the_site_is_the_new_one(tmp_path,
                                                                          monkeypatch):
    assert _build(tmp_path, "first").returncode == 0
    monkeypatch.chdir(tmp_path)

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_build.shutil, "rmtree", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_build.build(tmp_path / "site", _command(tmp_path, "second"), None)
    assert _runs(tmp_path / "site") == {"second"}


def test_without_an_atomic_exchange_an_interrupted_swap_is_undone_by_the_next_run(tmp_path,
                                                                                 monkeypatch):
    assert _build(tmp_path, "first").returncode == 0
    site = tmp_path / "site"
    monkeypatch.setattr(atomic_build, "_exchange", lambda *_: False)
    site.rename(tmp_path / ".site.old-999999")  # as if stopped between the two renames
    atomic_build._recover(site)
    assert _runs(site) == {"first"}
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "marker").write_text("new")
    atomic_build.swap(fresh, site)
    assert (site / "marker").read_text() == "new" and _runs(fresh) == {"first"}


def test_an_interrupted_zip_never_replaces_the_good_one(tmp_path, monkeypatch):
    assert _build(tmp_path, "first", zip_name="dist/site.zip").returncode == 0
    good = (tmp_path / "dist" / "site.zip").read_bytes()
    monkeypatch.chdir(tmp_path)
    real = atomic_build.write_zip

    def interrupted(folder, temporary, root):
        real(folder, temporary, root)  # written in full, then stopped before the swap
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic_build, "write_zip", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_build.build(tmp_path / "site", _command(tmp_path, "second"),
                           tmp_path / "dist" / "site.zip")
    assert (tmp_path / "dist" / "site.zip").read_bytes() == good
    assert _runs(tmp_path / "site") == {"first"}
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == ["site.zip"]


def test_the_zip_is_reproducible_for_the_same_source_date_epoch(tmp_path):
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}
    assert _build(tmp_path, "same", zip_name="one.zip", env=epoch).returncode == 0
    time.sleep(1.1)  # other file times, another second on the clock
    assert _build(tmp_path, "same", zip_name="two.zip", env=epoch).returncode == 0
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and names[0] == "site/"
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


@pytest.mark.slow
def test_two_make_builds_at_once_both_succeed_and_leave_one_complete_site(tmp_path):
    root = copy_project(tmp_path / "project")
    single = copy_project(tmp_path / "single")
    assert run_make(single, "build").returncode == 0
    stamp = root / ".installed"
    stamp.touch()
    make = ["make", "--no-print-directory", "-o", str(stamp), "build", f"STAMP={stamp}",
            f"BIN={Path(sys.executable).parent}"]
    builds = [subprocess.Popen(make, cwd=root, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    assert [build.wait(timeout=600) for build in builds] == [0, 0]
    compared = filecmp.dircmp(root / "site", single / "site")
    assert (compared.left_only, compared.right_only) == ([], [])
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site.build")) == []


@pytest.mark.slow
def test_make_offline_twice_gives_the_same_zip(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = copy_project(tmp_path / "project")
    assert run_make(root, "offline").returncode == 0
    first = (root / "dist" / "compendium-offline.zip").read_bytes()
    assert run_make(root, "offline").returncode == 0
    assert (root / "dist" / "compendium-offline.zip").read_bytes() == first
    with zipfile.ZipFile(root / "dist" / "compendium-offline.zip") as archive:
        assert "site-offline/index.html" in archive.namelist()
