"""Corrections to Material's page output where its templates offer no block.

Material writes its two hidden toggles (the navigation drawer and its search)
at the top of <body>, outside any template block, with `autocomplete="off"`,
which HTML allows only on text-like inputs: two Nu Html Checker errors on every
page. They are checkboxes; the attribute goes. (Material uses it so Firefox
does not restore an open drawer on going back; the drawer still closes on
navigation.) Pure text in, text out: no MkDocs here.
"""

from __future__ import annotations

import re

_TOGGLE_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+")'
    r' autocomplete="off">')


def drop_toggle_autocomplete(html: str) -> str:
    return _TOGGLE_AUTOCOMPLETE.sub(r"\1>", html)
