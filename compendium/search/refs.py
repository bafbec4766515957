"""Compact ids of indexed pages: every posting of the index repeats one."""

from __future__ import annotations

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def ref_of(position: int) -> str:
    """The id of the page at `position` in the index: base 36, so `1000` is `rs`."""
    text = ""
    while True:
        position, digit = divmod(position, 36)
        text = _DIGITS[digit] + text
        if position == 0:
            return text
