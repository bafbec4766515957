"""`compendium new`: a new record with every field of its type written out, each
with its help, whether it is required, and an example, ready to fill in.

Required fields are left empty on purpose: the validator then lists exactly
what is still to write (with lines), and the build refuses the record until it
is done, so a half-written record never reaches the site.
"""

from __future__ import annotations

import textwrap

from compendium.fields import Bool, Field, Language, ListOf, Object, Text, TranslationMarks
from compendium.project import Project
from compendium.schemas import RecordType

_INDENT = "  "


def skeleton(record_type: RecordType, project: Project) -> str:
    lines = [
        f"# A new {record_type.kind}. Fill in the fields and delete the ones that do not apply;",
        "# lines starting with # are comments. Check it with `compendium validate`.",
        "# Translatable texts have one line per language: write the source language's,",
        "# and leave a language empty (or ~) while it is not translated yet.",
        "",
    ]
    for name, field in record_type.schema.fields.items():
        lines += _field(name, field, project, depth=0)
    return "\n".join(lines) + "\n"


def _comment(field: Field, depth: int) -> list[str]:
    what = [field.help] if field.help else []
    what.append(("Required; " if field.required else "Optional; ") + field.describe() + ".")
    pad = f"{_INDENT * depth}# "
    return textwrap.wrap(" ".join(what), width=92, initial_indent=pad, subsequent_indent=pad,
                         break_long_words=False, break_on_hyphens=False)


def _held(line: str) -> str:
    """A line commented out where it stands: removing "# " restores it."""
    body = line.lstrip()
    if not body or body.startswith("#"):
        return line
    return f"{line[:len(line) - len(body)]}# {body}"


def _field(name: str, field: Field, project: Project, depth: int) -> list[str]:
    pad = _INDENT * depth
    if isinstance(field, TranslationMarks):
        return []  # written by `compendium translations mark`
    lines = _comment(field, depth)
    if isinstance(field, Text):
        # An empty optional text is simply absent; its languages wait, commented
        # out, for whoever fills it in. A required one is spelt out, to be filled.
        lines.append(f"{pad}{name}:")
        hold = "" if field.required else "# "
        lines += [f"{pad}{_INDENT}{hold}{lang}:" for lang in project.languages]
    elif isinstance(field, Object):
        lines.append(f"{pad}{name}:")
        inner = [line for sub_name, sub in field.fields.items()
                 for line in _field(sub_name, sub, project, depth + 1)]
        if not field.required:  # as for texts: uncomment to fill in
            inner = [_held(line) for line in inner]
        lines += inner
    elif isinstance(field, ListOf):
        lines.append(f"{pad}{name}: []")
    elif isinstance(field, Language):
        lines.append(f"{pad}{name}: {project.default_language}")
    elif isinstance(field, Bool):
        lines.append(f"{pad}{name}: false")
    else:
        lines.append(f"{pad}{name}:")
    return lines + ([""] if depth == 0 else [])
