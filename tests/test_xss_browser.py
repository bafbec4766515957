"""Record text is untrusted (issue 6): XSS payloads in every text field of a record
of each type either make the build reject the record with a clear error, or come
out as inert text. Chromium, with the Content-Security-Policy switched off so that
it cannot hide a mistake, shows that no script runs and no element is injected;
with the policy on, it also refuses a script injected at run time."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
import yaml

from compendium.fields import ListOf, Object, Str, Text
from compendium.schemas import RECORD_TYPES
from tests.browser import PageWatch, serve
from tests.conftest import FIXTURE_DATA, copy_project, run_mkdocs
from tests.helpers import LANGUAGES, PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = LANGUAGES
# Each sets window.__xss if it ever runs.
PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "\"><svg onload=\"window.__xss=1\">",
    "'><iframe src=\"javascript:window.__xss=1\"></iframe>",
    "<a href=\"javascript:window.__xss=1\">raw link</a>",
    "<a href='data:text/html,<script>window.__xss=1</script>'>data link</a>",
    "[title trick](https://ok.example.org \"a\\\" onmouseover=\\\"window.__xss=1\")",
    "<details open ontoggle=\"window.__xss=1\">x</details>",
    "</title></textarea></script><script>window.__xss=1</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<style>body{display:none}</style><b>bold</b>",
    "{{ config.site_name }} {% if true %}template{% endif %} ${window.__xss=1}",
    "&lt;script&gt;window.__xss=1&lt;/script&gt; &#x3C;script&#x3E;",
    "javascript:window.__xss=1",
]
# Markdown links to these schemes are refused by the validator (golden test
# tests/golden/unsafe-links); in plain text fields they are just text.
REJECTED_IN_MARKDOWN = [
    "[click](javascript:window.__xss=1)",
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "[spaced](  JaVaScRiPt:window.__xss=1)",
]
OFFICIAL_NAMES = {"project": "title", "organisation": "name"}
RECORDS = {"practice": "bridges", "organisation": "city-hall", "person": "ada-lovelace",
           "project": "alpha", "workshop": "alpha-kickoff"}


def _poison(field, value, payloads, markdown_ok: bool):
    """`value` with a payload in every text field the schema has, present or not."""
    if isinstance(field, Text):
        pool = payloads if (markdown_ok or not field.markdown) else None
        return {lang: next(pool or _SAFE) for lang in LANGS}
    if type(field) is Str:
        return next(payloads)
    if isinstance(field, Object) and isinstance(value, dict):
        out = dict(value)
        for key, sub in field.fields.items():
            if isinstance(sub, (Text, Str, Object, ListOf)) and key != "source_language":
                poisoned = _poison(sub, value.get(key), payloads, markdown_ok)
                if poisoned is not None:
                    out[key] = poisoned
        return out
    if isinstance(field, ListOf) and isinstance(value, list):
        return [_poison(field.item, item, payloads, markdown_ok) for item in value]
    return value


_SAFE = itertools.cycle(PAYLOADS)


def _poisoned_data(target: Path, extra: list[str] | None = None) -> Path:
    shutil.copytree(FIXTURE_DATA, target)
    payloads = itertools.cycle(PAYLOADS + (extra or []))
    for kind, slug in RECORDS.items():
        record_type = RECORD_TYPES[kind]
        file = target / record_type.folder / f"{slug}.yml"
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        record = _poison(record_type.schema, record, payloads, markdown_ok=extra is not None)
        if "results_kind" in record_type.schema.fields:  # every text is poisoned, results too
            record.setdefault("results_kind", "achieved")
        official = OFFICIAL_NAMES.get(kind)
        if official:  # one text in every language, or the validator refuses it
            original = record[official][record["source_language"]]
            record[official] = {lang: original for lang in LANGS}
        file.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("poisoned")
    root = copy_project(base / "project", data=_poisoned_data(base / "data"))
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_markdown_links_to_script_urls_are_rejected_with_a_clear_error(tmp_path):
    root = copy_project(tmp_path / "project",
                        data=_poisoned_data(tmp_path / "data", REJECTED_IN_MARKDOWN))
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    refused = [line for line in result.stderr.splitlines() if "is not allowed" in line]
    assert refused, result.stderr
    for line in refused:
        assert ".yml:" in line and "scheme" in line and "e.g. [site](https://" in line


INJECTED = """() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on')) found.push(e.tagName + '[' + a.name + ']');
      if (['href', 'src', 'action', 'formaction'].includes(a.name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        found.push(e.tagName + ' ' + a.value);
    }
  }
  for (const e of document.querySelectorAll('iframe, object, embed, math, body style, article img'))
    found.push(e.tagName);
  for (const s of document.querySelectorAll('script:not([src])')) {
    if (s.type === 'application/ld+json') {  // data, never run: it must not end itself
      if (s.textContent.includes('<')) found.push('structured data with markup');
    } else if (s.textContent.includes('__xss')) found.push('inline script');
  }
  return found;
}"""


def _pages(lang: str) -> list[str]:
    records = [f"{RECORD_TYPES[kind].folder}/{slug}/" for kind, slug in RECORDS.items()]
    catalogues = [f"{RECORD_TYPES[kind].folder}/" for kind in RECORDS]
    return [PREFIX[lang] + path for path in ["", *records, *catalogues]]


@pytest.mark.parametrize("lang", LANGS)
def test_no_payload_runs_or_injects_an_element(poisoned_site, browser, lang):
    context = browser.new_context(bypass_csp=True)  # the escaping alone must hold
    dialogs: list[str] = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(poisoned_site) as base:
        page = context.new_page()
        for path in _pages(lang):
            page.goto(f"{base}/{path}")
            for link in page.locator("article a").all()[:40]:
                link.hover(timeout=2000, trial=False) if link.is_visible() else None
            assert page.evaluate("typeof window.__xss") == "undefined", path
            assert page.evaluate(INJECTED) == [], path
        for words in ("window", "script", "xss"):  # results and snippets come from records
            page.goto(f"{base}/{PREFIX[lang]}search/?q={words}")
            page.wait_for_function("document.getElementById('cmp-search-status')"
                                   ".textContent.length > 0")
            assert page.evaluate("typeof window.__xss") == "undefined", words
            assert page.evaluate(INJECTED) == [], words
        page.goto(f"{base}/{PREFIX[lang]}practices/?q=window")
        page.wait_for_timeout(500)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate(INJECTED) == []
    context.close()
    assert dialogs == []


def test_the_payloads_are_shown_as_text(poisoned_site):
    html = (poisoned_site / "en" / "practices" / "bridges" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "{{ config.site_name }}" in html or "{{ config.site_name }}".replace(
        "{", "&#123;") in html


def test_the_content_security_policy_refuses_a_script_injected_at_run_time(
        poisoned_site, browser):
    with serve(poisoned_site) as base:
        page = browser.new_page()
        watch = PageWatch(page, base)
        page.goto(f"{base}/en/practices/bridges/")
        page.evaluate("""() => {
            document.body.insertAdjacentHTML('beforeend',
                '<img src="x" onerror="window.__xss=1">');
            const s = document.createElement('script');
            s.textContent = 'window.__xss = 2';
            document.body.appendChild(s);
        }""")
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert any("Content Security Policy" in problem for problem in watch.problems)
        page.close()
