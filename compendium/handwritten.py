"""Hand-written pages (docs/<lang>/*.md): read once, checked like records.

MkDocs reads these pages itself, late in the build, and stops with a traceback
on what it cannot read: invalid UTF-8, front matter its YAML loader chokes on
(it recurses once per nesting level), Markdown that makes Python-Markdown
recurse or scan quadratically. Validation reads them first with the same
rules as record text, so `compendium validate` and the build fail alike, with
file and line, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from compendium.fields import text_problem
from compendium.problems import ProblemLog
from compendium.project import Project
from compendium.safe_markdown import markdown_problem
from compendium.sourcefiles import walk
from compendium.translations.hashing import split_front_matter
from compendium.yamlnodes import MAX_FILE_BYTES, compose_text

MAX_PAGE = 200_000  # characters of a page: the longest hand-written page has some 15 000


@dataclass(frozen=True)
class Page:
    """A hand-written page as read: its path as maintainers see it, and its text."""

    display: str
    text: str


def read_pages(project: Project, log: ProblemLog) -> list[Page]:
    """Every Markdown page under docs/<lang>/ of every language, problems logged."""
    pages = []
    for lang in project.languages:
        for path in walk(project.docs_dir / lang, project.root, project.display_path, log):
            if path.suffix != ".md":
                continue
            display = project.display_path(path)
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    log.add(display, 0, "", f"the page is too large (at most {MAX_FILE_BYTES:,} "
                            "bytes); split it")
                    continue
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as error:
                log.add(display, _line_at(path.read_bytes(), error.start), "", "the page is not "
                        f"valid UTF-8 ({error.reason} at byte {error.start}); save it as UTF-8")
                continue
            except OSError as error:
                log.add(display, 0, "", f"cannot read the page ({error.strerror})")
                continue
            if _page_ok(display, text, log):
                pages.append(Page(display, text))
    return pages


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _page_ok(display: str, text: str, log: ProblemLog) -> bool:
    front, body = split_front_matter(text)
    count = len(log)
    if front:
        front_log = ProblemLog()
        compose_text(front, display, front_log)
        for problem in front_log:  # the front matter starts on the page's second line
            log.add(display, problem.line + 1 if problem.line else 0, "front matter",
                    problem.message)
    problem = text_problem(body.strip() or "-", MAX_PAGE) or markdown_problem(body)
    if problem:
        log.add(display, 0, "", problem)
    return len(log) == count
