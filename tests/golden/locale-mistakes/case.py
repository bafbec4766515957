"""Translators' slips in locales/: a stray brace, a placeholder reaching into Python, one the
code does not pass."""

from pathlib import Path

EDITS = {
    "en.yml": [('from_to: "from {start} to {end}"', 'from_to: "from {start} to {end"'),
               ('from: "from {start}"', 'from: "from {start.__class__.__mro__}"'),
               ('until: "until {end}"', 'until: "until {end} ({when})"')],
    "es.yml": [('until: "hasta el {end}"', 'until: "hasta el\\x00 {end}"')],
}


def prepare(root: Path) -> None:
    for name, edits in EDITS.items():
        path = root / "locales" / name
        text = path.read_text(encoding="utf-8")
        for old, new in edits:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
