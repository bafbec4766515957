"""Pages without the theme's indentation: the same page, a sixth lighter.

Material's templates indent their markup deeply and leave many blank lines;
on a record page that whitespace is about 3 KB of 20. Removing the spaces that
start a line, and blank lines, changes nothing a reader sees: in HTML a line
break is whitespace like any run of spaces, and one is always kept. Text whose
whitespace matters is left exactly as it is: `<pre>`, `<textarea>`, and
scripts and styles (whose hashes the Content-Security-Policy lists).
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# A line break and the indentation and blank lines after it: one pass, one line break.
_BREAK_AND_INDENT = re.compile(r"\n[ \t\n]*")


def compact_html(html: str) -> str:
    """`html` without line indentation and blank lines, outside pre, textarea, script
    and style elements."""
    parts = _KEEP.split(html)
    # split() with two groups yields [text, whole element, tag name, text, ...]
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BREAK_AND_INDENT.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
