"""The short hash that identifies a source text: a translation stores the hash of
the text it was made from, so an outdated translation is found without git."""

from __future__ import annotations

import hashlib
import re

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def source_hash(text: str) -> str:
    """8 hex characters of SHA-256; whitespace at the ends and line endings do not count."""
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter without its fences, body) of a Markdown page."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return "", text
    return match.group(1), text[match.end():]


def page_hash(text: str) -> str:
    """The hash of a hand-written page: its body, front matter left out."""
    return source_hash(split_front_matter(text)[1])
