"""Builds a project several times in one process, as `mkdocs serve` does, with edits in
between; run by tests/test_incremental.py in a subprocess of its own.

    python tests/incremental_builds.py PROJECT OUT STEPS.json

STEPS.json is a list of steps, each a list of edits applied before that step's build:
["replace", file, old, new], ["write", file, text] or ["delete", file]. Build k goes to
OUT/k; OUT/k.json says how many generated pages the build reused.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def edit(root: Path, change: list[str]) -> None:
    action, name, *rest = change
    path = root / name
    if action == "replace":
        old, new = rest
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"{name}: {old!r} not found")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    elif action == "write":
        path.write_text(rest[0], encoding="utf-8")
    elif action == "delete":
        path.unlink()
    else:
        raise SystemExit(f"unknown edit {action}")


def main(root: Path, out: Path, steps: list[list[list[str]]]) -> None:
    os.chdir(root)
    logging.basicConfig(level=logging.WARNING)
    for number, edits in enumerate(steps):
        for change in edits:
            edit(root, change)
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL  # as mkdocs serve sets it
        build(config, serve_url=SERVE_URL)
        shutil.move(config.site_dir, out / str(number))  # the preview chose where to build
        reuse = sys.modules["hooks/compendium_hooks.py"]._reuse  # as mkdocs.yml names it
        (out / f"{number}.json").write_text(json.dumps({
            "fragments": reuse.fragments.reused, "pages": reuse.pages_reused}))


if __name__ == "__main__":
    try:
        main(Path(sys.argv[1]), Path(sys.argv[2]),
             json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
    finally:  # as mkdocs serve ends: the preview's folder goes
        sys.modules["hooks/compendium_preview.py"].on_shutdown()
