"""Load every record and vocabulary under data/, validate them, resolve references.

All problems of all files are collected before anyone decides to fail, so a
maintainer sees the whole list at once. Loading is language-neutral: the same
`Dataset` serves every language of the site, and is cached by the files'
sizes and modification times so that a multi-language build reads the data
once.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compendium.fields import INVALID, MAX_SLUG, Check, Reference, is_slug, slug_suggestion
from compendium.problems import Problem, ProblemLog
from compendium.project import Project
from compendium.reads import note
from compendium.schemas import RECORD_TYPES, VOCABULARIES, RecordType
from compendium.sourcefiles import files_in, refuse_outside, walk
from compendium.yamlnodes import MAX_FILE_BYTES, MappingNode, ScalarNode, read_nodes

VOCABULARY_FOLDER = "vocabularies"
_SUFFIXES = (".yml", ".yaml")


class _NotedData:
    """A Record's `data`: every read is noted (compendium.reads), so that a page rendered
    from records can be reused until one of them changes."""

    def __get__(self, record: Record | None, owner: type | None = None) -> dict[str, Any]:
        if record is None:
            raise AttributeError("Record.data has no default")  # for @dataclass
        note(record)
        return record.__dict__["_data"]

    def __set__(self, record: Record, value: dict[str, Any]) -> None:
        record.__dict__["_data"] = value


@dataclass(frozen=True, eq=False)
class Record:
    """One validated record; `data` holds the fields as the schema returned them.

    Records compare by identity: (kind, slug) is unique within a dataset.
    """

    kind: str
    slug: str
    path: str
    data: dict[str, Any] = _NotedData()  # type: ignore[assignment]

    @property
    def fingerprint(self) -> str:
        """A digest of the record's content: equal fingerprints, equal records."""
        return self.field_fingerprint(None)

    def field_fingerprint(self, name: str | None) -> str:
        """A digest of one field's value (of the whole record for None)."""
        prints = self.__dict__.setdefault("_fingerprints", {})
        found = prints.get(name)
        if found is None:
            data = self.__dict__["_data"]
            value = (self.kind, self.slug, data) if name is None else data.get(name)
            found = prints[name] = hashlib.sha256(repr(value).encode()).hexdigest()
        return found

    def __getitem__(self, key: str) -> Any:
        note(self, key)
        return self.__dict__["_data"][key]

    def get(self, key: str, default: Any = None) -> Any:
        note(self, key)
        value = self.__dict__["_data"].get(key)
        return default if value is None else value

    def __getattr__(self, name: str) -> Any:
        """Fields as attributes, for templates: `record.title`; typos still fail."""
        data = self.__dict__.get("_data", {})  # none while unpickling (a worker's copy)
        if name in data:
            note(self, name)
            return data[name]
        raise AttributeError(f"{self.__dict__.get('kind', 'these')} records have no field "
                             f"'{name}'")

    @property
    def source_language(self) -> str:
        return self["source_language"]


@dataclass
class Dataset:
    """All records by kind and slug, and all vocabularies by name and id."""

    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def get(self, kind: str, slug: str) -> Record | None:
        return self.records.get(kind, {}).get(slug)

    def all(self, kind: str) -> list[Record]:
        return list(self.records.get(kind, {}).values())

    def term(self, vocabulary: str, term_id: str) -> dict[str, Any] | None:
        return self.vocabularies.get(vocabulary, {}).get(term_id)


def load_dataset(project: Project) -> tuple[Dataset, ProblemLog]:
    """Read and validate everything; the log is empty when the data is sound."""
    log = ProblemLog()
    dataset = Dataset()
    references: list[Reference] = []
    if not project.data_dir.is_dir():
        log.add(project.display_path(project.data_dir), 0, "", "the data folder is missing")
        return dataset, log
    _check_layout(project, log)
    for name, schema in VOCABULARIES.items():
        path = project.data_dir / VOCABULARY_FOLDER / f"{name}.yml"
        dataset.vocabularies[name] = _load_vocabulary(project, path, schema, log)
    for record_type in RECORD_TYPES.values():
        dataset.records[record_type.kind] = _load_records(project, record_type, references, log)
    _resolve(references, dataset, log)
    _check_workshops(dataset, references, log)
    return dataset, log


def fingerprint(folder: Path) -> tuple:
    """Sizes and modification times of every file under `folder`, to detect changes
    (the files every reader reads: see compendium.sourcefiles)."""
    stats = []
    for path in walk(folder, folder.resolve(), str):
        try:
            info = path.stat()
        except OSError:  # removed or broken since it was listed
            continue
        stats.append((path.as_posix(), info.st_mtime_ns, info.st_size))
    return tuple(stats)


def _check_layout(project: Project, log: ProblemLog) -> None:
    """Report files and folders under data/ that nothing would read (typos, strays)."""
    known = {t.folder for t in RECORD_TYPES.values()} | {VOCABULARY_FOLDER}
    for path in files_in(project.data_dir, project.root, project.display_path, log):
        if path.name in known and not path.is_dir():
            log.add(project.display_path(path), 0, "", "expected a folder of records, found "
                    "a file; move it aside and create the folder")
        if path.name in known:
            continue
        log.add(project.display_path(path), 0, "", "unknown file or folder, nothing reads it "
                f"(expected one of: {', '.join(sorted(known))})")
    vocab_folder = project.data_dir / VOCABULARY_FOLDER
    if vocab_folder.is_dir():
        for path in files_in(vocab_folder, project.root, project.display_path):
            if path.stem not in VOCABULARIES:
                log.add(project.display_path(path), 0, "", "unknown vocabulary (expected one "
                        f"of: {', '.join(f'{name}.yml' for name in VOCABULARIES)})")


def _load_vocabulary(project: Project, path: Path, schema: Any,
                     log: ProblemLog) -> dict[str, dict[str, Any]]:
    display = project.display_path(path)
    if refuse_outside(path, project.root, project.display_path, log):
        return {}
    if not path.is_file():
        log.add(display, 0, "", "the vocabulary file is missing (expected a mapping of ids "
                "to entries, e.g. employment: {label: {it: Lavoro}})")
        return {}
    node = _read_mapping(path, display, log)
    if node is None:
        return {}
    check = Check(display, log, project.languages, source_language=project.default_language)
    terms: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for key_node, value_node in node.value:
        term_id = key_node.value if isinstance(key_node, ScalarNode) else ""
        if term_id in seen:
            check.error(key_node, term_id, f"duplicate id '{term_id}'; keep only one of them")
            continue
        seen.add(term_id)
        if not is_slug(term_id):
            check.error(key_node, "", f"'{term_id[:60]}' is not a valid id (expected lowercase "
                        f"letters, digits and hyphens, at most {MAX_SLUG} characters, e.g. "
                        f"{slug_suggestion(term_id)})")
            continue
        value = schema.validate(value_node, term_id, check)
        if value is not INVALID:
            terms[term_id] = value
    return terms


def _read_mapping(path: Path, display: str, log: ProblemLog) -> MappingNode | None:
    node = read_nodes(path, display, log)
    if node is None:
        if not any(problem.file == display for problem in log):
            log.add(display, 0, "", "the file is empty (expected a mapping of fields, "
                    "e.g. source_language: it)")
        return None
    if not isinstance(node, MappingNode):
        log.add(display, node.start_mark.line + 1, "", "expected a mapping of fields "
                "(key: value lines), e.g. source_language: it")
        return None
    return node


def _record_files(project: Project, record_type: RecordType,
                  log: ProblemLog) -> Iterator[Path]:
    folder = project.data_dir / record_type.folder
    yield from files_in(folder, project.root, project.display_path, log)


def _load_records(project: Project, record_type: RecordType, references: list[Reference],
                  log: ProblemLog) -> dict[str, Record]:
    records: dict[str, Record] = {}
    paths_by_slug: dict[str, str] = {}
    for path in _record_files(project, record_type, log):
        display = project.display_path(path)
        if path.suffix not in _SUFFIXES or not path.is_file():
            log.add(display, 0, "", f"not a record file (expected <slug>.yml files in "
                    f"{project.display_path(path.parent)}/)")
            continue
        slug = path.stem
        if not is_slug(slug):
            log.add(display, 0, "", f"the file name is not a valid slug (expected lowercase "
                    f"letters, digits and hyphens, at most {MAX_SLUG} characters, e.g. "
                    f"{slug_suggestion(slug)}.yml)")
            continue
        if slug in paths_by_slug:
            log.add(display, 0, "", f"duplicate slug '{slug}' (also {paths_by_slug[slug]}); "
                    "rename or remove one of them")
            continue
        paths_by_slug[slug] = display
        data = _validate_record(project, record_type, path, display, references, log)
        if data is not None:
            records[slug] = _record(record_type.kind, slug, display, data)
    return records


_Validated = tuple[bytes, dict[str, Any] | None, list[Reference], list[Problem]]
_VALIDATED: dict[tuple[str, str, tuple[str, ...]], _Validated] = {}


def _validate_record(project: Project, record_type: RecordType, path: Path, display: str,
                     references: list[Reference], log: ProblemLog) -> dict[str, Any] | None:
    """A record file's fields, read and checked again only when its bytes change: a
    preview rebuilds after every save, where one file changed and a thousand did not."""
    try:
        small = path.stat().st_size <= MAX_FILE_BYTES  # else read_nodes refuses it
        digest = hashlib.sha256(path.read_bytes()).digest() if small else b""
    except OSError:
        digest = b""  # read_nodes reports it
    key = (str(path), record_type.kind, project.languages)
    cached = _VALIDATED.get(key)
    if cached is None or cached[0] != digest or not digest:
        file_log, file_references = ProblemLog(), []
        data = _check_record(project, record_type, path, display, file_references, file_log)
        cached = _VALIDATED[key] = (digest, data, file_references, list(file_log))
    references.extend(cached[2])
    for problem in cached[3]:
        log.add(problem.file, problem.line, problem.field, problem.message)
    return cached[1]


_RECORDS: dict[tuple[str, str, str], Record] = {}


def _record(kind: str, slug: str, display: str, data: dict[str, Any]) -> Record:
    """The record of the last load when its file has not changed (the same validated
    data): its fingerprints, computed once, serve every later build of a preview."""
    key = (kind, slug, display)
    found = _RECORDS.get(key)
    if found is None or found.__dict__["_data"] is not data:
        found = _RECORDS[key] = Record(kind, slug, display, data)
    return found


def _check_record(project: Project, record_type: RecordType, path: Path, display: str,
                  references: list[Reference], log: ProblemLog) -> dict[str, Any] | None:
    node = _read_mapping(path, display, log)
    if node is None:
        return None
    check = Check(display, log, project.languages, source_language=_source_language(node,
                  project.languages))
    data = record_type.schema.validate(node, "", check)
    references.extend(check.references)
    return None if data is INVALID else data


def _source_language(node: MappingNode, languages: tuple[str, ...]) -> str | None:
    """Peek at source_language first, so that every Text field can require that language."""
    for key_node, value_node in node.value:
        if key_node.value == "source_language" and isinstance(value_node, ScalarNode):
            return value_node.value if value_node.value in languages else None
    return None


def _resolve(references: list[Reference], dataset: Dataset, log: ProblemLog) -> None:
    for ref in references:
        if ref.is_vocabulary:
            known = dataset.vocabularies.get(ref.target, {})
            where = f"data/{VOCABULARY_FOLDER}/{ref.target}.yml"
            what = f"unknown id '{ref.slug}' (expected an id from {where}"
        else:
            known = dataset.records.get(ref.target, {})
            folder = RECORD_TYPES[ref.target].folder
            what = (f"there is no {ref.target} '{ref.slug}' (expected the slug of a file in "
                    f"data/{folder}/")
        if ref.slug in known:
            continue
        log.add(ref.file, ref.line, ref.path, what + _suggestion(ref.slug, known) + ")")


def _suggestion(slug: str, known: dict[str, Any]) -> str:
    close = difflib.get_close_matches(slug, list(known), n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    if known:
        return f", e.g. {next(iter(known))}"
    return ", and there are none yet"


def _check_workshops(dataset: Dataset, references: list[Reference], log: ProblemLog) -> None:
    """A practice presented at a workshop belongs to the project that held it: the pages
    list it under both, and a slip here would credit the practice to the wrong project."""
    lines = {(ref.file, ref.path): ref.line for ref in references if ref.target == "workshop"}
    for practice in dataset.all("practice"):
        workshop = dataset.get("workshop", practice.get("workshop") or "")
        project = practice.get("project")
        if workshop is None or workshop.project == project:
            continue
        line = lines.get((practice.path, "workshop"), 0)
        if project is None:
            log.add(practice.path, line, "workshop", f"the workshop '{workshop.slug}' belongs to "
                    f"the project '{workshop.project}', but the practice names no project "
                    f"(expected project: {workshop.project})")
        else:
            log.add(practice.path, line, "workshop", f"the workshop '{workshop.slug}' belongs to "
                    f"the project '{workshop.project}', not to this practice's project "
                    f"'{project}' (expected a workshop of '{project}', or project: "
                    f"{workshop.project})")
