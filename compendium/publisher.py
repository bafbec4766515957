"""Who publishes the site, and where readers report a problem.

The privacy notice must name the controller and how to reach them (GDPR
Art. 13), and the accessibility statement a contact and the national body that
enforces Directive (EU) 2016/2102. These are facts about whoever publishes a
copy of the compendium, not about its data, so they are settings in
compendium.yml (`publisher:`) that nobody may guess: while one is unset, the
pages say so in a neutral sentence and `compendium validate` lists it as a note
(not an error: a site without them still builds, strictly).

Readers report a problem at the first address known: the build's feedback
address (FEEDBACK_URL, the repository's issues in the deploy workflow), else
the publisher's e-mail or web page; a build with none says that too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compendium.fields import Email, Object, Str, Url

SCHEMA = Object({
    "name": Str(example="Comune di Esempio"),
    "email": Email(example="compendium@example.org"),
    "url": Url(example="https://www.example.org/contacts/"),
    "enforcement_body": Object({
        "name": Str(example="Autorità nazionale di esempio"),
        "url": Url(example="https://www.example.org/enforcement/"),
    }),
})

# Where each setting is used, for the notes of `compendium validate`.
_USES = {
    "name": "the privacy notice and the accessibility statement",
    "email": "the privacy notice, the accessibility statement and the footer's "
             "\"Report a problem\" link (when FEEDBACK_URL is not set)",
    "enforcement_body.name": "the accessibility statement",
}


@dataclass(frozen=True)
class Publisher:
    """compendium.yml's `publisher:`; every value may be unset (None)."""

    name: str | None = None
    email: str | None = None
    url: str | None = None
    enforcement_body: str | None = None
    enforcement_url: str | None = None

    @classmethod
    def from_settings(cls, values: dict[str, Any] | None) -> Publisher:
        values = values or {}
        body = values.get("enforcement_body") or {}
        return cls(values.get("name"), values.get("email"), values.get("url"),
                   body.get("name"), body.get("url"))

    @property
    def contact(self) -> str:
        """The publisher's address for readers (mailto: or a web page), or ''."""
        if self.email:
            return f"mailto:{self.email}"
        return self.url or ""

    def unset(self) -> list[str]:
        """The settings still to write, as notes naming each one and what uses it."""
        values = {"name": self.name, "email": self.email or self.url,
                  "enforcement_body.name": self.enforcement_body}
        notes = []
        for path, use in _USES.items():
            if not values[path]:
                example = _example(path)
                notes.append(f"publisher.{path}: not set yet; used by {use}, "
                             f"where it reads as not yet set until it is (e.g. {example})")
        return notes


def _example(path: str) -> str:
    if path == "email":
        return "email: compendium@example.org, or url: https://www.example.org/contacts/"
    field: Any = SCHEMA
    for part in path.split("."):
        field = field.fields[part]
    return f"{path.split('.')[-1]}: {field.example}"


def report_address(feedback_url: str, publisher: Publisher) -> str:
    """Where readers report a problem: the build's feedback address, else the
    publisher's contact; '' when the build knows neither."""
    return feedback_url or publisher.contact
