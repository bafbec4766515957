"""The translation status as translators read it (text) or tools read it (JSON)."""

from __future__ import annotations

import json

from compendium.translations.status import Gap, Status


def _where(gap: Gap) -> str:
    return f"{gap.file}:{gap.line}" if gap.line else gap.file


def _what(gap: Gap) -> str:
    if gap.kind == "interface":
        return f"interface string {gap.name} (original in locales/{gap.source}.yml)"
    if gap.kind == "page":
        original = f"docs/{gap.source}/{gap.name}"
        if gap.state == "outdated":
            return (f"page {gap.name} (the original {original} changed since it was "
                    "translated, or it was never marked)")
        return f"page {gap.name} (original: {original})"
    field = f"{gap.field}.{gap.lang}"
    if gap.state == "outdated":
        return (f"{gap.kind} {gap.name}: {field} (the {gap.source} original changed since it "
                "was translated, or it was never marked)")
    return f"{gap.kind} {gap.name}: {field} (original in {gap.source})"


def text_report(status: Status, langs: list[str]) -> str:
    lines = []
    for lang in langs:
        missing, outdated = status.of(lang, "missing"), status.of(lang, "outdated")
        lines.append(f"{lang}: {status.done(lang)} of {status.totals.get(lang, 0)} current; "
                     f"{len(missing)} missing, {len(outdated)} outdated")
        for gap in status.of(lang):
            lines.append(f"  {gap.state:<8}  {_where(gap)}  {_what(gap)}")
    missing = sum(len(status.of(lang, "missing")) for lang in langs)
    outdated = sum(len(status.of(lang, "outdated")) for lang in langs)
    lines.append(f"total: {missing} missing, {outdated} outdated")
    return "\n".join(lines)


def json_report(status: Status, langs: list[str]) -> str:
    report = {
        lang: {
            "total": status.totals.get(lang, 0),
            "current": status.done(lang),
            "missing": len(status.of(lang, "missing")),
            "outdated": len(status.of(lang, "outdated")),
            "items": [{"state": g.state, "file": g.file, "line": g.line, "kind": g.kind,
                       "name": g.name, "field": g.field, "source": g.source}
                      for g in status.of(lang)],
        }
        for lang in langs
    }
    return json.dumps({"languages": report}, ensure_ascii=False, indent=2)
