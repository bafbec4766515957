"""A record folder replaced by a file: its records are not silently gone."""

import shutil
from pathlib import Path


def prepare(root: Path) -> None:
    workshops = root / "data" / "workshops"
    shutil.rmtree(workshops)
    workshops.write_text("alpha-kickoff\n", encoding="utf-8")
