"""The project settings in compendium.yml, and the paths derived from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from compendium.fields import INVALID, Check, ListOf, Object, Str, Url
from compendium.problems import DataError, ProblemLog
from compendium.publisher import SCHEMA as PUBLISHER_SCHEMA
from compendium.publisher import Publisher
from compendium.yamlnodes import read_nodes

CONFIG_NAME = "compendium.yml"
_LANGUAGE_RE = re.compile(r"^[a-z]{2,3}$")

_SCHEMA = Object({
    "languages": ListOf(Str(example="it"), min_items=1, required=True),
    "default_language": Str(required=True, example="it"),
    "data_dir": Str(required=True, example="data"),
    "locales_dir": Str(required=True, example="locales"),
    "templates_dir": Str(required=True, example="overrides/compendium"),
    "docs_dir": Str(example="docs"),
    "data_licence": Object({
        "name": Str(required=True, example="CC BY 4.0"),
        "url": Url(required=True, example="https://creativecommons.org/licenses/by/4.0/"),
    }),
    "publisher": PUBLISHER_SCHEMA,
})


@dataclass(frozen=True)
class Project:
    """Where things are and which languages the site speaks."""

    root: Path
    languages: tuple[str, ...]
    default_language: str
    data_dir: Path
    locales_dir: Path
    templates_dir: Path
    docs_dir: Path  # hand-written pages, one folder per language
    data_licence: dict[str, str] | None = None  # of the published open data: name, url
    publisher: Publisher = field(default_factory=Publisher)  # who publishes the site

    def display_path(self, path: Path) -> str:
        """Path as maintainers see it in messages: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @classmethod
    def load(cls, root: Path) -> Project:
        """Read compendium.yml from `root`; raise DataError listing every problem."""
        root = root.resolve()
        log = ProblemLog()
        node = read_nodes(root / CONFIG_NAME, CONFIG_NAME, log)
        if node is None:
            if not log:
                log.add(CONFIG_NAME, 0, "", "the file is empty")
            raise DataError(log)
        values = _SCHEMA.validate(node, "", Check(CONFIG_NAME, log, ()))
        if values is not INVALID and not log:
            _check_languages(values, log)
            _check_folders(root, values, log)
        if log:
            raise DataError(log)
        return cls(
            root=root,
            languages=tuple(values["languages"]),
            default_language=values["default_language"],
            data_dir=root / values["data_dir"],
            locales_dir=root / values["locales_dir"],
            templates_dir=root / values["templates_dir"],
            docs_dir=root / (values["docs_dir"] or "docs"),
            data_licence=values["data_licence"],
            publisher=Publisher.from_settings(values["publisher"]),
        )


def _check_languages(values: dict, log: ProblemLog) -> None:
    for code in values["languages"]:
        if not _LANGUAGE_RE.match(code):
            log.add(CONFIG_NAME, 0, "languages", f"'{code}' is not a language code (expected "
                    "an ISO 639-1 code in lowercase, e.g. fr)")
        elif not _babel_knows(code):
            log.add(CONFIG_NAME, 0, "languages", f"'{code}' is not a language Babel knows, so "
                    "dates, numbers and country names cannot be written in it (expected an "
                    "ISO 639-1 code such as fr, de or pt)")
    if values["default_language"] not in values["languages"]:
        log.add(CONFIG_NAME, 0, "default_language", f"'{values['default_language']}' is not "
                f"one of the languages ({', '.join(values['languages'])})")


def _babel_knows(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


_FOLDERS = ("data_dir", "locales_dir", "templates_dir", "docs_dir")


def _check_folders(root: Path, values: dict, log: ProblemLog) -> None:
    """The folders the site is built from stay inside the project: a path (or a link)
    leading elsewhere would publish whatever is there."""
    for name in _FOLDERS:
        if values.get(name) is None:
            continue
        target = (root / values[name]).resolve()
        if not target.is_relative_to(root) or target == root:
            log.add(CONFIG_NAME, 0, name, f"'{values[name]}' leads out of the project (expected "
                    "a folder next to compendium.yml, e.g. data)")


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` that holds compendium.yml."""
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    log = ProblemLog()
    log.add(CONFIG_NAME, 0, "", f"not found in {start} or any parent folder; run the command "
            "inside the project")
    raise DataError(log)
