"""The `compendium` command on hostile arguments and files (issue 19): a clear error and
nothing written where it should not be, or the file left exactly as it was apart from
the marks it is asked to write."""

from __future__ import annotations

import os
import pathlib
import re

import pytest

from compendium.cli import main
from tests.conftest import copy_project


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path / "project")


def test_new_refuses_a_slug_too_long_for_a_file_name(root, capsys):
    assert main(["new", "practice", "a" * 300, "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert "is not a slug (expected lowercase letters, digits and hyphens, at most 80 " \
           "characters" in err
    assert "Traceback" not in err
    assert not [p for p in (root / "data" / "practices").iterdir() if len(p.name) > 80]


def test_new_never_writes_through_a_dangling_link(root, capsys):
    target = root.parent / "outside.yml"
    (root / "data" / "practices" / "draft.yml").symlink_to(target)
    assert main(["new", "practice", "draft", "--root", str(root)]) == 2
    assert capsys.readouterr().err == ("data/practices/draft.yml is a link to nowhere (an "
                                       "editor's lock, or a removed file); remove it first\n")
    assert not target.exists()


def test_new_refuses_a_folder_that_links_out_of_the_project(root, capsys):
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (root / "data" / "workshops").rename(root.parent / "old-workshops")
    (root / "data" / "workshops").symlink_to(outside)
    assert main(["new", "workshop", "draft", "--root", str(root)]) == 2
    assert "would be written outside the project" in capsys.readouterr().err
    assert list(outside.iterdir()) == []


def test_new_on_a_read_only_data_folder_says_so(root, capsys, monkeypatch):
    folder = root / "data" / "practices"
    if os.geteuid() == 0:  # root writes anyway: fail as the file system would
        real_open = pathlib.Path.open

        def refuse(self, mode="r", *args, **kwargs):
            if self.parent == folder and "x" in mode:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, mode, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", refuse)
    else:
        folder.chmod(0o555)
    try:
        assert main(["new", "practice", "draft", "--root", str(root)]) == 1
    finally:
        folder.chmod(0o755)
    assert capsys.readouterr().err == ("cannot write data/practices/draft.yml (Permission "
                                       "denied); check that you may write to data/practices/\n")
    assert not (folder / "draft.yml").exists()


def test_mark_refuses_a_field_the_record_does_not_have(root, capsys):
    bridges = root / "data" / "practices" / "bridges.yml"
    before = bridges.read_bytes()
    code = main(["translations", "mark", str(bridges), "--field", "nonexistent",
                 "--root", str(root)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("data/practices/bridges.yml has no translatable field 'nonexistent' "
                          "(expected one of: beneficiaries, description, ")
    assert bridges.read_bytes() == before


def test_mark_refuses_a_field_on_a_page(root, capsys):
    page = root / "docs" / "en" / "about.md"
    assert main(["translations", "mark", str(page), "--field", "title",
                 "--root", str(root)]) == 2
    assert "a page is marked as a whole" in capsys.readouterr().err


def _without_marks(text: str) -> str:
    return re.sub(r"^(translations:.*|  [\w.\"\[\]]+: [0-9a-f]{8})\r?\n", "", text, flags=re.M)


def test_mark_keeps_crlf_line_separators_and_comments_exactly(root, capsys):
    bridges = root / "data" / "practices" / "bridges.yml"
    text = bridges.read_text(encoding="utf-8")
    text = text.replace("  en: Bridges to work", '  en: "Bridges\u2028to work"')
    text = text.replace("title.en: c65b8e85", "title.en: 00000000")  # outdated
    text += "# kept: a comment after the marks\n\n# and another\n"
    bridges.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    before = bridges.read_bytes().decode("utf-8")
    assert main(["translations", "mark", str(bridges), "--field", "title", "--lang", "en",
                 "--root", str(root)]) == 0
    after = bridges.read_bytes().decode("utf-8")
    assert after != before
    assert _without_marks(after) == _without_marks(before)
    assert "\r\n" in after and "\n" not in after.replace("\r\n", "")
    assert "Bridges\u2028to work" in after
    assert after.endswith("# kept: a comment after the marks\r\n\r\n# and another\r\n")


def test_mark_keeps_a_crlf_page_as_it_was_apart_from_its_mark(root, capsys):
    page = root / "docs" / "en" / "about.md"
    text = page.read_text(encoding="utf-8").replace("translated_from: 0c849e44",
                                                     "translated_from: 00000000\nkeep: me")
    page.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert main(["translations", "mark", str(page), "--root", str(root)]) == 0
    after = page.read_bytes().decode("utf-8")
    assert after == text.replace("\n", "\r\n").replace("00000000", "0c849e44")


def test_main_called_from_python_leaves_the_callers_sigpipe_handling_alone(root, capsys):
    """Only the `compendium` command itself dies quietly of a closed pipe (cli.console):
    main() called in a test run once turned SIGPIPE back on for pytest, whose browser
    tests' HTTP servers then killed the whole run when Chromium closed a socket."""
    import signal

    before = signal.getsignal(signal.SIGPIPE)
    assert main(["translations", "--root", str(root)]) in (0, 1)
    capsys.readouterr()
    assert signal.getsignal(signal.SIGPIPE) == before
