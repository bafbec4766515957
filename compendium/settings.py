"""What a front end tells the core about one build: settings that are not data.

MkDocs reads them from mkdocs.yml (`use_directory_urls`, `site_url`, the
site's name per language, and `extra:` settings that the environment may set,
such as `pdf: !ENV [COMPENDIUM_PDF, false]`); another generator would read them
from its own configuration. They are validated here, once for every front end,
with messages that name the setting and show a correct value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


class SettingsError(ValueError):
    """A setting has a value the core cannot use; the message names it and shows an example."""


@dataclass(frozen=True)
class BuildSettings:
    """One build's settings; the same object serves every language of the build."""

    directory_urls: bool = True  # `practices/x/` rather than `practices/x/index.html`
    site_url: str = ""  # absolute address of the site root, ending in "/"; "" when unknown
    pdf: bool = False  # make the printable compendium (WeasyPrint; slow)
    feedback_url: str = ""  # where readers report a problem; "" for none
    site_names: Mapping[str, str] = field(default_factory=dict)  # the site's name per language
    build_date: dt.date | None = None  # the date printed on the PDF's cover
    # A local preview of one language (`make serve SITE_LANG=es`): the other languages
    # get no generated pages and no search index. None: every language (any real build).
    only_language: str | None = None

    def site_name(self, lang: str, default: str = "") -> str:
        return self.site_names.get(lang, default)


def extra_settings(extra: Mapping[str, Any], where: str = "mkdocs.yml extra") -> dict[str, Any]:
    """The compendium's own settings among a front end's extra ones, checked.

    Raises SettingsError naming the setting, what was expected and an example.
    """
    return {"pdf": _flag(extra.get("pdf"), f"{where}.pdf", "COMPENDIUM_PDF=1"),
            "feedback_url": _address(extra.get("feedback_url"), f"{where}.feedback_url")}


def _flag(value: Any, name: str, example: str) -> bool:
    """A switch, which the environment sets as text (`!ENV`): true/false, 1/0, yes/no."""
    if value is None or isinstance(value, bool):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise SettingsError(f"{name}: '{value}' is not a switch (expected true or false, "
                        f"e.g. {example})")


def _address(value: Any, name: str) -> str:
    """An http(s) or mailto address, or nothing."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if (parts.scheme in ("http", "https") and parts.netloc) or parts.scheme == "mailto":
        return text
    raise SettingsError(f"{name}: '{text}' is not a web or e-mail address (expected "
                        "e.g. https://github.com/<owner>/<repo>/issues or mailto:info@example.org)")


def preview_language(value: Any, languages: tuple[str, ...],
                     name: str = "SITE_LANG") -> str | None:
    """The one language a local preview builds, if one is asked for; None for all."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if text not in languages:
        raise SettingsError(f"{name}: '{text}' is not one of the site's languages "
                            f"({', '.join(languages)}); e.g. make serve {name}={languages[-1]}")
    return text
