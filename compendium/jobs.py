"""Files a build makes in a second process while it goes on: search indexes, open data.

A language's search index (compendium.search) needs the records and the text of the
hand-written pages, and the open data only the records: not the pages the theme
draws. A build hands each of them to a worker process as soon as its inputs are
known, renders the next language's pages meanwhile (both cores of a two-core
machine), and writes them all when the last language is done. A preview starts them
at the start of each rebuild (a search index from the records and the hand-written
pages of its previous build) and takes each if its inputs turn out unchanged (they
nearly always are: a save changes a record); files whose inputs did not change at all
are not made again.

Whichever process makes them, the files are what the same function gives for the
same inputs: a build's output does not depend on it (tests/test_reproducible.py and
tests/test_incremental.py compare builds byte for byte). If the worker cannot run,
the index is made in this process.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Make = Callable[..., dict[str, str]]


@dataclass
class _Job:
    digest: str
    make: Make
    args: tuple
    folder: Path | None  # where its files go, once the build asks for them
    clean: str  # the folder under `folder` that only these files fill (emptied first)
    future: Future | None = None  # None: made in this process when collected
    files: dict[str, str] | None = None


@dataclass
class Jobs:
    """The indexes of one front end's builds: one worker process, kept between builds."""

    parallel: bool = True  # False: every index in this process, when asked
    _pool: ProcessPoolExecutor | None = None
    _jobs: dict[str, _Job] = field(default_factory=dict)  # by name (the language)
    _done: dict[str, _Job] = field(default_factory=dict)  # the last files made, by name
    pages: dict[str, list] = field(default_factory=dict)  # hand-written pages, by language
    head_start: dict[str, Any] = field(default_factory=dict)  # LanguageSearch, by language
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def start(self, name: str, make: Make, args: tuple, folder: Path | None = None,
              clean: str = "", inputs: str | None = None) -> None:
        """Have `make(*args)` run in the worker, unless it is running or done already;
        its files go to `folder` when collected (None: not yet known, a head start).
        `inputs` sums up all the files depend on, when repr(args) would be long."""
        digest = _digest(args if inputs is None else inputs)
        with self._lock:
            self._start(name, make, args, folder, clean, digest)

    def _start(self, name: str, make: Make, args: tuple, folder: Path | None, clean: str,
               digest: str) -> None:
        job = self._jobs.get(name)
        if job is not None and job.digest == digest:
            job.folder = folder or job.folder
            return
        if job is not None and job.future is not None and not job.future.cancel():
            self._jobs[name] = _Job(digest, make, args, folder, clean)  # the worker is busy
            return  # with a guess that was wrong: this one is made here, when collected
        done = self._done.get(name)
        if done is not None and done.digest == digest:
            self._jobs[name] = _Job(digest, make, args, folder, clean, files=done.files)
            return
        self._jobs[name] = _Job(digest, make, args, folder, clean, self._submit(make, args))

    def collect(self) -> list[tuple[Path, str, dict[str, str]]]:
        """(folder, the folder under it to empty first, files) of every job that has a
        folder, waiting for those still running. A preview may collect in a thread of its
        own while its next build starts jobs: they are taken out first."""
        with self._lock:
            taken = [(name, job) for name, job in self._jobs.items() if job.folder is not None]
            for name, _job in taken:
                del self._jobs[name]
        collected = []
        for name, job in taken:
            if job.files is None:
                job.files = self._result(job)
            collected.append((job.folder, job.clean, job.files))
            with self._lock:
                self._done[name] = job
        return collected

    def forget_folders(self) -> None:
        """A new build begins: files of jobs started before go nowhere until asked for."""
        with self._lock:
            for job in self._jobs.values():
                job.folder = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _submit(self, make: Make, args: tuple) -> Future | None:
        if not self.parallel:
            return None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1,
                                             mp_context=multiprocessing.get_context("spawn"))
        try:
            return self._pool.submit(make, *args)
        except (BrokenProcessPool, RuntimeError):  # no worker: made here when collected
            self.close()
            return None

    def _result(self, job: _Job) -> dict[str, str]:
        if job.future is None:
            return job.make(*job.args)
        try:
            return job.future.result()
        except BrokenProcessPool:  # the worker died (out of memory, killed): do it here
            self.close()
            return job.make(*job.args)


def _digest(args: Any) -> str:
    return hashlib.sha256(repr(args).encode()).hexdigest()
