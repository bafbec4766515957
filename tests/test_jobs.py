"""Files made in a second process (compendium/jobs.py) are those made here; inputs that
did not change are not made again; a wrong head start or a dead worker costs time,
never a wrong file."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import compendium
from compendium.jobs import Jobs
from compendium.settings import BuildSettings
from tests.conftest import FIXTURE_DATA, copy_project


@pytest.fixture(scope="module")
def search(tmp_path_factory):
    opened = compendium.open_compendium(copy_project(tmp_path_factory.mktemp("p"),
                                                     FIXTURE_DATA))
    return compendium.LanguageBuild(opened, "en", BuildSettings()).search


def _collected(jobs: Jobs) -> dict:
    return {str(folder): files for folder, _clean, files in jobs.collect()}


def test_the_worker_makes_what_this_process_makes(search):
    jobs = Jobs()
    try:
        jobs.start("en", *search.job(), folder=Path("/en"))
        assert _collected(jobs) == {"/en": search.files()}
        assert jobs._pool is not None  # it did run in the worker
    finally:
        jobs.close()


def test_unchanged_inputs_are_not_made_again(search):
    made = []

    def make(*args):
        made.append(args)
        return {"x.js": repr(args)}

    jobs = Jobs(parallel=False)
    jobs.start("en", make, ("a",), folder=Path("/site"))
    first = _collected(jobs)
    jobs.start("en", make, ("a",), folder=Path("/site"))
    assert _collected(jobs) == first and len(made) == 1
    jobs.start("en", make, ("b",), folder=Path("/site"))
    assert _collected(jobs) == {"/site": {"x.js": "('b',)"}} and len(made) == 2


def test_a_head_start_with_other_inputs_is_not_used(search):
    jobs = Jobs()
    try:
        make, args = search.job()
        documents, *rest = args
        jobs.start("en", make, (documents[:1], *rest))  # a guess, without a folder
        jobs.start("en", make, args, folder=Path("/en"))  # the real inputs differ
        assert _collected(jobs) == {"/en": search.files()}
    finally:
        jobs.close()


def test_a_dead_worker_means_the_files_are_made_here(search):
    jobs = Jobs()
    try:
        jobs.start("warm-up", _pid, (), folder=Path("/w"))
        worker = int(_collected(jobs)["/w"]["pid"])
        os.kill(worker, signal.SIGKILL)
        jobs.start("en", *search.job(), folder=Path("/en"))
        assert _collected(jobs) == {"/en": search.files()}
    finally:
        jobs.close()


def _pid() -> dict[str, str]:
    return {"pid": str(os.getpid())}
