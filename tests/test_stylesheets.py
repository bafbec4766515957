"""The site's own stylesheets parse as their authors meant: a block left open swallows
every rule after it into a nested one (a merge once dropped a `}` and the preview's
failure notice and the header's icons lost their styles without any test failing)."""

from __future__ import annotations

import pytest
import tinycss2

from tests.conftest import REPO

STYLESHEETS = sorted((REPO / "overrides" / "assets").rglob("*.css"))


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_every_rule_is_closed_and_none_is_nested(path):
    rules = tinycss2.parse_stylesheet(path.read_text(encoding="utf-8"), skip_comments=True,
                                      skip_whitespace=True)
    errors = [rule for rule in rules if rule.type == "error"]
    assert errors == []
    for rule in rules:
        if rule.type != "qualified-rule":
            continue  # at-rules (@media) hold rules of their own
        nested = [token for token in rule.content if token.type == "{} block"]
        prelude = tinycss2.serialize(rule.prelude).strip()
        assert nested == [], f"{path.name}: a rule inside `{prelude}`: is a }} missing?"


def test_the_header_icons_have_their_masks():
    css = (REPO / "overrides" / "assets" / "compendium.css").read_text(encoding="utf-8")
    rules = {tinycss2.serialize(rule.prelude).strip(): tinycss2.serialize(rule.content)
             for rule in tinycss2.parse_stylesheet(css, skip_comments=True)
             if rule.type == "qualified-rule"}
    for icon in ("logo", "translate", "search"):
        assert "data:image/svg+xml" in rules[f".cmp-icon--{icon}"]
    assert "mask:" in rules[".cmp-icon"]
