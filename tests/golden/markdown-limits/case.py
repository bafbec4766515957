"""Markdown that made Python-Markdown recurse until it crashed, or take minutes."""

from pathlib import Path

FIELDS = {
    "nested": "- " * 600 + "x",
    "indented": "".join(" " * (4 * level) + "- x\n" for level in range(100)),
    "brackets": "[" * 10_000,
    "long-block": "=\n" * 300,
    "too-long": "word " * 7_000,
    "blank-lines": "a" + "\n" * 20_000 + "b",  # accepted: rendered in linear time
}


def prepare(root: Path) -> None:
    for name, body in FIELDS.items():
        quoted = body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        (root / "data" / "practices" / f"md-{name}.yml").write_text(
            "source_language: it\ntitle: {it: Test}\npromoters: [city-hall]\n"
            "subject: {it: Test}\n"
            f'description: {{it: "{quoted}"}}\n'
            "provenance: {source: fixture-source, location: {it: scheda 9}}\n",
            encoding="utf-8")
