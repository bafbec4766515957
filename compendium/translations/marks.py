"""Record that translations are current: write the hash of their original.

Records keep the marks in a `translations:` mapping at the end of the file,
pages in their front matter (`translated_from:`). Both are rewritten as text,
line by line, so that the rest of the file (comments, quoting, order) stays
exactly as its author wrote it.
"""

from __future__ import annotations

from pathlib import Path

from compendium.dataset import Record
from compendium.problems import ProblemLog
from compendium.schemas import RECORD_TYPES
from compendium.translations.hashing import page_hash, source_hash, split_front_matter
from compendium.translations.status import MARKS, PAGE_MARK, translatable
from compendium.yamlnodes import MappingNode, compose_text

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
    """Put `marks` in place of the file's `translations:` block (or at its end)."""
    text = file.read_text(encoding="utf-8")
    lines = text.splitlines()
    start, end = _marks_block(text, str(file))
    block = [_HEADER, *(f"  {_key(key)}: {value}" for key, value in marks.items())]
    if start is None:
        lines = [*lines, *block] if marks else lines
    else:
        lines[start:end] = block if marks else []
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _marks_block(text: str, display: str) -> tuple[int | None, int | None]:
    """0-based [start, end) lines of the top-level `translations:` entry, if any."""
    root = compose_text(text, display, ProblemLog())
    if not isinstance(root, MappingNode):
        return None, None
    for key, value in root.value:
        if key.value == MARKS:
            end = value.end_mark.line if value.end_mark.column == 0 else value.end_mark.line + 1
            return key.start_mark.line, end
    return None, None


def _key(key: str) -> str:
    """A mark's key as YAML: plain when it can be, quoted when it has brackets."""
    return f'"{key}"' if "[" in key else key


def mark_page(original: Path, page: Path) -> str:
    """Set the page's `translated_from` to the hash of its original; returns the hash."""
    value = page_hash(original.read_text(encoding="utf-8"))
    text = page.read_text(encoding="utf-8")
    front, body = split_front_matter(text)
    kept = [line for line in front.splitlines() if not line.startswith(f"{PAGE_MARK}:")]
    front_lines = [*kept, f"{PAGE_MARK}: {value}"]
    page.write_text("---\n" + "\n".join(front_lines) + "\n---\n" + body, encoding="utf-8")
    return value
