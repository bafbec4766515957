"""Inputs that used to kill libyaml (a segfault) or load a file of any size."""

from pathlib import Path


def prepare(root: Path) -> None:
    deep = root / "data" / "practices" / "deep.yml"
    deep.write_text("source_language: it\ntitle: " + "[" * 30_000 + "]" * 30_000 + "\n")
    huge = root / "data" / "practices" / "huge.yml"
    huge.write_text("source_language: it\ntitle: {it: '" + "x" * 1_100_000 + "'}\n")
