"""Record that translations are current: write the hash of their original.

Records keep the marks in a `translations:` mapping at the end of the file,
pages in their front matter (`translated_from:`). Both are rewritten as text,
line by line, so that the rest of the file (comments, quoting, order) stays
exactly as its author wrote it.
"""

from __future__ import annotations

import re
from pathlib import Path

from compendium.dataset import Record
from compendium.schemas import RECORD_TYPES
from compendium.translations.hashing import FRONT_MATTER, page_hash, source_hash
from compendium.translations.status import MARKS, PAGE_MARK, translatable

_HEADER = f"{MARKS}:  # what each translation was made from (compendium translations mark)"


def record_marks(record: Record, fields: set[str] | None = None,
                 langs: set[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """The record's marks with the chosen translations (all by default) made current,
    and the keys of those chosen ones.

    Marks of translations that no longer exist are dropped.
    """
    old = record.data.get(MARKS) or {}
    marks: dict[str, str] = {}
    chosen_keys: list[str] = []
    source = record.source_language
    for path, texts in translatable(RECORD_TYPES[record.kind].schema, record.data):
        for lang, text in texts.items():
            if lang == source or not text or not texts.get(source):
                continue
            key = f"{path}.{lang}"
            chosen = (fields is None or path in fields) and (langs is None or lang in langs)
            if chosen:
                marks[key] = source_hash(texts[source])
                chosen_keys.append(key)
            elif key in old:
                marks[key] = old[key]
    return dict(sorted(marks.items())), sorted(chosen_keys)


def write_record_marks(file: Path, marks: dict[str, str]) -> None:
    """Put `marks` in place of the file's `translations:` block (or at its end).

    Every other byte stays as it was: line endings (CRLF too), comments, blank
    lines and characters such as U+2028 that other tools take for line breaks.
    """
    text = _read(file)
    lines = text.split("\n")  # "\n" only: a "\r" stays at the end of its line
    cr = "\r" if "\r\n" in text else ""
    block = [_HEADER, *(f"  {_key(key)}: {value}" for key, value in marks.items())]
    block = [f"{line}{cr}" for line in block] if marks else []
    start, end = _marks_block(lines)
    if start is None:
        if not marks:
            return
        if lines[-1] == "":
            lines.pop()  # the file's final newline, written again after the block
        lines += [*block, ""]
    else:
        lines[start:end] = block
    _write(file, "\n".join(lines))


def _read(file: Path) -> str:
    with file.open(encoding="utf-8", newline="") as stream:  # no newline translation
        return stream.read()


def _write(file: Path, text: str) -> None:
    with file.open("w", encoding="utf-8", newline="") as stream:
        stream.write(text)


_TOP_KEY = re.compile(rf"{MARKS}:(?:[ \t]|\r?$)")


def _marks_block(lines: list[str]) -> tuple[int | None, int | None]:
    """[start, end) of the top-level `translations:` entry: its line and the indented
    lines under it, without the blank or comment lines that follow it."""
    start = next((index for index, line in enumerate(lines) if _TOP_KEY.match(line)), None)
    if start is None:
        return None, None
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip()
                               or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


def _key(key: str) -> str:
    """A mark's key as YAML: plain when it can be, quoted when it has brackets."""
    return f'"{key}"' if "[" in key else key


def mark_page(original: Path, page: Path) -> str:
    """Set the page's `translated_from` to the hash of its original; returns the hash.

    Only that line changes (it is added to the front matter, or one is added
    before the page, when missing): line endings and the rest stay as they were.
    """
    value = page_hash(original.read_text(encoding="utf-8"))
    text = _read(page)
    cr = "\r" if "\r\n" in text else ""
    mark = f"{PAGE_MARK}: {value}{cr}"
    match = FRONT_MATTER.match(text)
    if match is None:
        _write(page, f"---{cr}\n{mark}\n---{cr}\n{text}")
        return value
    lines = match.group(1).split("\n")
    old = [index for index, line in enumerate(lines) if line.startswith(f"{PAGE_MARK}:")]
    if old:
        lines[old[0]] = mark
        lines = [line for index, line in enumerate(lines) if index not in old[1:]]
    else:
        lines.append(mark)
    _write(page, text[:match.start(1)] + "\n".join(lines) + text[match.end(1):])
    return value
