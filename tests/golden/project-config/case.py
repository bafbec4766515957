"""compendium.yml: a language Babel does not know, a folder outside the project."""

from pathlib import Path


def prepare(root: Path) -> None:
    config = root / "compendium.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("languages: [it, en, es]", "languages: [it, en, es, xq]")
    text = text.replace("docs_dir: docs", "docs_dir: ../../docs")
    config.write_text(text, encoding="utf-8")
