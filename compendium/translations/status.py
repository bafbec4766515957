"""What is missing or outdated in each language: record fields, vocabulary labels
and hand-written pages, each with the file and line a translator opens.

Record text: a field's text in the record's source language is the original;
every other language of the site needs a translation. A translation is
*outdated* when the record's `translations` marks do not hold the hash of the
current original (it changed since, or nobody recorded what it was made from).
Vocabulary labels: the default language is the original; they have no marks.
Hand-written pages: `docs/<default language>/` holds the originals; a page of
another language is outdated when its front matter's `translated_from` is not
the hash of the original's body.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compendium.dataset import Dataset, Record
from compendium.fields import Field, ListOf, Object, Text
from compendium.l10n import load_catalogues
from compendium.problems import ProblemLog
from compendium.project import Project
from compendium.schemas import RECORD_TYPES, VOCABULARIES
from compendium.sourcefiles import walk
from compendium.translations.hashing import page_hash, source_hash, split_front_matter
from compendium.yamlnodes import (
    MappingNode,
    Node,
    ScalarNode,
    compose_text,
    line_of,
    node_at,
)

MARKS = "translations"  # the record field that holds the marks
PAGE_MARK = "translated_from"  # the front-matter key of hand-written pages
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Gap:
    """One translation a language lacks, or that is out of date."""

    lang: str
    state: str  # "missing" or "outdated"
    file: str  # relative to the project root
    line: int
    field: str  # "description", "links[0].label"; "label" for vocabularies; "" for pages
    source: str  # the language of the original
    kind: str  # a record kind, "vocabulary" or "page"
    name: str  # record slug, "<vocabulary>/<term>" or the page's path under docs/<lang>/


@dataclass
class Status:
    languages: tuple[str, ...]
    gaps: list[Gap] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # translations each language needs

    def of(self, lang: str, state: str | None = None) -> list[Gap]:
        return [g for g in self.gaps if g.lang == lang and state in (None, g.state)]

    def done(self, lang: str) -> int:
        return self.totals.get(lang, 0) - len(self.of(lang))


def translatable(schema: Field, value: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """(path, texts) of every translatable field of a record that has some text."""
    if isinstance(schema, Text):
        if value and schema.original:  # a name's translations have no original of their own
            yield path, value
    elif isinstance(schema, Object) and isinstance(value, dict):
        for key, sub in schema.fields.items():
            yield from translatable(sub, value.get(key), f"{path}.{key}" if path else key)
    elif isinstance(schema, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from translatable(schema.item, item, f"{path}[{index}]")


def translatable_fields(schema: Field, path: str = "") -> set[str]:
    """Paths of the translatable fields a schema has, without list indices
    (`links.label`, where a record has `links[0].label`)."""
    if isinstance(schema, Text):
        return {path}
    if isinstance(schema, Object):
        return {name for key, sub in schema.fields.items()
                for name in translatable_fields(sub, f"{path}.{key}" if path else key)}
    if isinstance(schema, ListOf):
        return translatable_fields(schema.item, path)
    return set()


def record_state(record: Record, path: str, lang: str) -> str:
    """'source', 'missing', 'outdated' or 'current' for one field of a record in `lang`."""
    field = path.split(".", 1)[0].split("[", 1)[0]
    texts = _texts_at({field: record.get(field)}, path) or {}  # that field's read only
    source = record.source_language
    if lang == source:
        return "source"
    if not texts.get(lang):
        return "missing"
    mark = (record.get(MARKS) or {}).get(f"{path}.{lang}")
    return "current" if mark == source_hash(texts.get(source) or "") else "outdated"


def translation_status(project: Project, dataset: Dataset) -> Status:
    status = Status(project.languages, totals={lang: 0 for lang in project.languages})
    for kind in RECORD_TYPES:
        for record in sorted(dataset.all(kind), key=lambda r: r.path):
            if kind == "person" and not record.data.get("publish"):
                continue  # never shown: nothing to translate
            _record_gaps_kept(project, record, status)
    _vocabulary_gaps(project, dataset, status)
    _page_gaps(project, status)
    _interface_gaps(project, status)
    return status


def _interface_gaps(project: Project, status: Status) -> None:
    """Interface strings of the default language's catalogue that a language lacks."""
    catalogues, _log = load_catalogues(project)
    originals = catalogues.get(project.default_language, {})
    for lang in project.languages:
        if lang == project.default_language:
            continue
        file = project.display_path(project.locales_dir / f"{lang}.yml")
        for key in originals:
            status.totals[lang] += 1
            if key not in catalogues.get(lang, {}):
                status.gaps.append(Gap(lang, "missing", file, 0, key, project.default_language,
                                       "interface", key))


_KEPT: dict[tuple, tuple[str, dict[str, int], list[Gap]]] = {}


def _record_gaps_kept(project: Project, record: Record, status: Status) -> None:
    """`_record_gaps`, counted again only when the record's file changed: a preview
    shows the status page after every save, where one record changed."""
    key = (project.root, project.languages, record.kind, record.path)
    try:
        content = record.fingerprint + hashlib.sha256(
            (project.root / record.path).read_bytes()).hexdigest()  # lines of the gaps
    except OSError:
        content = ""
    kept = _KEPT.get(key)
    if kept is None or kept[0] != content or not content:
        alone = Status(status.languages, totals={lang: 0 for lang in status.languages})
        _record_gaps(project, record, alone)
        kept = _KEPT[key] = (content, alone.totals, alone.gaps)
    for lang, count in kept[1].items():
        status.totals[lang] = status.totals.get(lang, 0) + count
    status.gaps.extend(kept[2])


def _record_gaps(project: Project, record: Record, status: Status) -> None:
    schema = RECORD_TYPES[record.kind].schema
    nodes: list[Node | None] = []  # read for line numbers only when there is a gap
    for path, texts in translatable(schema, record.data):
        source = record.source_language
        if not texts.get(source):
            continue
        for lang in project.languages:
            if lang == source:
                continue
            status.totals[lang] += 1
            state = record_state(record, path, lang)
            if state in ("missing", "outdated"):
                nodes = nodes or [_nodes(project.root / record.path)]
                line = _line(nodes[0], path, lang if state == "outdated" else None)
                status.gaps.append(Gap(lang, state, record.path, line, path, source,
                                       record.kind, record.slug))


def _vocabulary_gaps(project: Project, dataset: Dataset, status: Status) -> None:
    source = project.default_language
    for name, terms in sorted(dataset.vocabularies.items()):
        file = project.display_path(project.data_dir / "vocabularies" / f"{name}.yml")
        nodes = _nodes(project.root / file)
        for term_id, entry in terms.items():
            for path, texts in translatable(VOCABULARIES[name], entry):
                for lang in project.languages:
                    if lang == source:
                        continue
                    status.totals[lang] += 1
                    if not texts.get(lang):
                        status.gaps.append(Gap(lang, "missing", file,
                                               _line(nodes, f"{term_id}.{path}", None), path,
                                               source, "vocabulary", f"{name}/{term_id}"))


def _page_gaps(project: Project, status: Status) -> None:
    originals = project.docs_dir / project.default_language
    for original in sorted(walk(originals, project.root, project.display_path)):
        if original.suffix != ".md":
            continue
        name = original.relative_to(originals).as_posix()
        for lang in project.languages:
            if lang == project.default_language:
                continue
            status.totals[lang] += 1
            state = page_state(project, lang, name)
            if state in ("missing", "outdated"):
                display = project.display_path(project.docs_dir / lang / name)
                status.gaps.append(Gap(lang, state, display, 1 if state == "outdated" else 0,
                                       "", project.default_language, "page", name))


def page_state(project: Project, lang: str, name: str) -> str:
    """'source', 'missing', 'outdated' or 'current' for docs/<lang>/<name>."""
    if lang == project.default_language:
        return "source"
    page = project.docs_dir / lang / name
    original = project.docs_dir / project.default_language / name
    if not page.is_file():
        return "missing"
    if not original.is_file():
        return "current"  # a page of its own, with no original to follow
    current = page_hash(original.read_text(encoding="utf-8"))
    return "current" if page_mark(page.read_text(encoding="utf-8")) == current else "outdated"


def page_mark(text: str) -> str | None:
    """The `translated_from` hash in a page's front matter, if any."""
    front, _body = split_front_matter(text)
    root = compose_text(front, "", ProblemLog()) if front else None  # bounded, no recursion
    value = node_at(root, [PAGE_MARK]) if isinstance(root, MappingNode) else None
    return value.value if isinstance(value, ScalarNode) and value is not root else None


def _texts_at(data: Any, path: str) -> Any:
    for name, index in _PART.findall(path):
        if name:
            data = data.get(name) if isinstance(data, dict) else None
        else:
            data = data[int(index)] if isinstance(data, list) and int(index) < len(data) else None
    return data


def _nodes(file: Path) -> Node | None:
    return compose_text(file.read_text(encoding="utf-8"), str(file), ProblemLog())


def _line(root: Node | None, path: str, lang: str | None) -> int:
    """Line of a field in a record file (of its `lang` entry, when given)."""
    parts = [name or int(index) for name, index in _PART.findall(path)]
    node = node_at(root, [*parts, *([lang] if lang else [])])
    return line_of(node) if node is not None else 0
