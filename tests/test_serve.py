"""`make serve` previews the site, rebuilds it when a record changes, keeps serving the
last good site when a change fails, previews one language, and says what to do when
its address is taken; its first run prints only what a maintainer can act on."""

from __future__ import annotations

import re
import socket
import subprocess
import time

import pytest

from tests.preview import environment, free_port, make_serve, make_serve_command

pytestmark = pytest.mark.slow


def test_make_serve_rebuilds_when_data_changes(make_project):
    root = make_project()
    with make_serve(root) as running:
        running.wait_for("/en/practices/bridges/", "Bridges to work")
        record = root / "data" / "practices" / "bridges.yml"
        record.write_text(record.read_text().replace("Bridges to work", "Bridges to jobs"))
        running.wait_for("/en/practices/bridges/", "Bridges to jobs")


def test_the_first_run_prints_nothing_to_ignore(make_project):
    root = make_project()
    with make_serve(root) as running:
        running.wait_for("/en/", "<html")
    output = running.output()
    for noise in ("Template skipped", "not included in the \"nav\"", "Overriding '",
                  "Deprecat", "WARNING", "Traceback"):
        assert noise not in output, output
    assert f"Serving on {running.base}/" in output


def test_after_a_data_error_every_page_is_still_served_and_the_fix_is_picked_up(
        make_project):
    root = make_project()
    with make_serve(root) as running:
        running.wait_for("/en/practices/bridges/", "Bridges to work")
        record = root / "data" / "practices" / "bridges.yml"
        good = record.read_text()
        record.write_text(good.replace("  en: Bridges to work", "  en: Bridges to jobs")
                          .replace("promoters: [city-hall]", "promoters: [no-such-body]"))
        running.wait_for_log("The change above was not built")
        for path in ("/en/practices/bridges/", "/practices/", "/es/", "/assets/compendium.css"):
            status, _text = running.get(path, timeout=10)  # answered at once, not held
            assert status == 200, path
        page = running.get("/en/practices/bridges/", timeout=10)[1]
        assert "Bridges to work" in page and "no-such-body" in page  # last good + why
        assert running.get("/en/missing/", timeout=10)[0] == 404

        record.write_text(good.replace("  en: Bridges to work", "  en: Bridges to jobs"))
        page = running.wait_for("/en/practices/bridges/", "Bridges to jobs")
        assert "cmp-preview-failed" not in page
    output = running.output()
    assert re.search(r"data/practices/bridges\.yml:\d+: promoters.*no-such-body", output)
    assert "Traceback" not in output


def test_one_language_preview_answers_other_languages_with_a_note(make_project):
    root = make_project()
    with make_serve(root, "SITE_LANG=es") as running:
        running.wait_for("/es/practices/bridges/", "Puentes hacia el empleo")
        for path in ("/en/practices/bridges/", "/practices/bridges/", "/en/"):
            status, page = running.get(path)
            assert status == 200, path  # a page of the preview's own, not an error
            assert "Esta vista previa genera solo las páginas en español" in page, path
            assert 'lang="es"' in page
            same = path.removeprefix("/en/").removeprefix("/")
            assert f'href="/es/{same}"' in page  # the same address in Spanish
        assert running.get("/assets/compendium.css")[0] == 200
        assert not (root / "site").exists()
    output = running.output()
    assert "Building 'en'" not in output  # English is not built at all
    assert f"Previewing only 'es': {running.base}/es/" in output
    assert "WARNING" not in output and "Traceback" not in output


def test_an_unknown_preview_language_is_one_line(make_project):
    root = make_project()
    result = subprocess.run(make_serve_command(f"SERVE_ADDR=127.0.0.1:{free_port()}",
                                               "SITE_LANG=fr"),
                            cwd=root, env=environment(), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    assert "SITE_LANG: 'fr' is not one of the site's languages (it, en, es)" in result.stdout \
        + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_busy_address_says_so_in_one_line_before_building(make_project):
    root = make_project()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(make_serve_command(f"SERVE_ADDR=127.0.0.1:{port}"),
                                cwd=root, env=environment(), capture_output=True, text=True,
                                timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    said = [line for line in output.splitlines() if f"127.0.0.1:{port}" in line]
    assert said == [f"127.0.0.1:{port} is already in use (another preview?); stop it, or "
                    f"preview at another port: make serve SERVE_ADDR=127.0.0.1:{port + 1}"]
    assert "Traceback" not in output
    assert "Building 'it'" not in output  # stopped before building anything


def test_a_stopped_preview_leaves_no_folder_behind(make_project):
    """The preview builds in a folder of its own (in memory where it can); stopping it
    (SIGTERM, as a closed terminal or this test does) removes it."""
    import tempfile
    from pathlib import Path

    def folders() -> set[Path]:
        return {path for base in (Path("/dev/shm"), Path(tempfile.gettempdir()))
                for path in base.glob("compendium-preview-*")}

    before = folders()
    root = make_project()
    with make_serve(root) as running:
        running.wait_for("/en/", "<html")
        assert folders() - before  # it exists while the preview runs
    assert folders() - before == set()


def test_the_search_index_follows_the_pages_after_an_edit(make_project):
    """The page that shows a change is served first; the search index of its language
    follows (made in the worker), and the last one is served meanwhile."""
    root = make_project()
    with make_serve(root) as running:
        running.wait_for("/en/practices/bridges/", "Bridges to work")
        assert "zanzibarian" not in _lexicon(running)
        record = root / "data" / "practices" / "bridges.yml"
        record.write_text(record.read_text().replace("Bridges to work",
                                                     "Bridges to zanzibarian work"))
        running.wait_for("/en/practices/bridges/", "zanzibarian")
        deadline = time.monotonic() + 60
        while "zanzibarian" not in _lexicon(running):
            assert time.monotonic() < deadline, "the English search never learnt the word"
            time.sleep(0.3)


def _lexicon(running) -> str:
    """The English search's lexicon as served (its manifest names the file)."""
    status, manifest = running.get("/en/search/data/manifest.js")
    assert status == 200
    name = re.search(r'"lexicon":"([^"]+)"', manifest).group(1)
    status, lexicon = running.get(f"/en/search/data/{name}")
    assert status == 200
    return lexicon
