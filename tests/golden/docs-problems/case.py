"""Hand-written pages MkDocs could not read: bad UTF-8, a front matter that would exhaust
its YAML loader, Markdown that would make it recurse until it crashed."""

from pathlib import Path


def prepare(root: Path) -> None:
    docs = root / "docs"
    (docs / "en" / "latin1.md").write_bytes("# Città\n\nIl progetto è nato.\n".encode("latin-1"))
    (docs / "es" / "deep.md").write_text("---\ntitle: " + "[" * 5_000 + "]" * 5_000
                                         + "\n---\n# Deep\n", encoding="utf-8")
    (docs / "it" / "lists.md").write_text("# Liste\n\n" + "- " * 600 + "x\n", encoding="utf-8")
