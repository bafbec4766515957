"""What editors leave next to records is skipped; a link out of the project is refused."""

import shutil
from pathlib import Path


def prepare(root: Path) -> None:
    practices = root / "data" / "practices"
    (practices / ".#bridges.yml").symlink_to("user@host.12345:1700000000")  # Emacs' lock
    (practices / "dangling.yml").symlink_to("gone.yml")
    shutil.copy(practices / "bridges.yml", practices / "bridges.yml~")
    (practices / ".bridges.yml.swp").write_bytes(b"b0VIM 9.0\x00\x00binary")
    (practices / "#bridges.yml#").write_text("half-saved: [")
    outside = root.parent / f"{root.name}-outside.yml"
    shutil.copy(practices / "bridges.yml", outside)
    (practices / "elsewhere.yml").symlink_to(f"../../../{outside.name}")
    (root / "docs" / "en" / "escape").symlink_to("../../..")
    (practices / "inside.yml").symlink_to("../bridges.yml")  # inside the project: a record
