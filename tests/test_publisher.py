"""Who publishes the site and where readers report a problem (issue 17): settings
in compendium.yml (`publisher:`), listed by `compendium validate` while unset
(a note, not an error), used by the privacy notice (the controller, GDPR Art.
13), the accessibility statement (contact, enforcement body) and the report
address, which falls back from FEEDBACK_URL to the publisher's contact; pages
say in a neutral way what is not set yet, and never promise a link the build
does not have."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import compendium
from compendium.cli import main
from tests.conftest import REPO, copy_project, run_mkdocs
from tests.helpers import LANGUAGES, page, text

PUBLISHER = """publisher:
  name: Comune di Esempio
  email: compendium@example.org
  enforcement_body:
    name: Autorità di esempio
    url: https://enforcement.example.org/
"""
FEEDBACK_URL = "https://github.com/owner/compendium/issues"
MARKED = ("privacy/", "accessibility/", "contributing/")  # pages with publisher parts


def _strings(lang: str) -> dict:
    return yaml.safe_load((REPO / "locales" / f"{lang}.yml").read_text(encoding="utf-8"))


def _with_publisher(root: Path, block: str = PUBLISHER) -> Path:
    config = root / "compendium.yml"
    text_ = config.read_text(encoding="utf-8")
    config.write_text(text_[: text_.index("publisher:")] + block, encoding="utf-8")
    return root


def test_validate_lists_the_unset_publisher_settings_as_notes(tmp_path, capsys):
    root = copy_project(tmp_path / "project")
    assert main(["validate", "--root", str(root)]) == 0  # notes, not errors
    notes = [line for line in capsys.readouterr().out.splitlines() if line.startswith("note:")]
    assert [note.split(": ")[2] for note in notes] == [
        "publisher.name", "publisher.email", "publisher.enforcement_body.name"]
    assert notes[0] == (
        "note: compendium.yml: publisher.name: not set yet; used by the privacy notice and the "
        "accessibility statement, where it reads as not yet set until it is (e.g. name: "
        "Comune di Esempio)")


def test_validate_has_no_note_once_the_publisher_is_set(tmp_path, capsys):
    root = _with_publisher(copy_project(tmp_path / "project"))
    assert main(["validate", "--root", str(root)]) == 0
    assert "note:" not in capsys.readouterr().out


def test_a_malformed_publisher_setting_is_an_error_naming_file_line_field_and_example(
        tmp_path, capsys):
    root = _with_publisher(copy_project(tmp_path / "project"), PUBLISHER.replace(
        "compendium@example.org", "compendium-at-example.org").replace(
        "https://enforcement.example.org/", "enforcement.example.org"))
    assert main(["validate", "--root", str(root)]) == 1
    lines = [line.split(":", 2)[2] for line in capsys.readouterr().err.splitlines()]
    assert lines == [
        " publisher.email: 'compendium-at-example.org' is not a valid e-mail address (expected "
        "an e-mail address, e.g. compendium@example.org)",
        " publisher.enforcement_body.url: 'enforcement.example.org' is not a valid web address "
        "(expected a web address starting with https:// or http://, e.g. "
        "https://enforcement.example.org)"]


def _build(root: Path, lang: str, **settings) -> compendium.LanguageBuild:
    return compendium.LanguageBuild(compendium.open_compendium(root), lang,
                                    compendium.BuildSettings(**settings))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_readers_report_to_the_feedback_address_else_the_publishers_contact(tmp_path, lang):
    label = _strings(lang)["footer"]["feedback"]
    unset = copy_project(tmp_path / "unset")
    links = _build(unset, lang).footer(lambda target: target)["links"]
    assert label not in [link["text"] for link in links]  # nowhere to report: no link
    named = _with_publisher(copy_project(tmp_path / "named"))
    links = _build(named, lang).footer(lambda target: target)["links"]
    assert {"text": label, "url": "mailto:compendium@example.org"} in links
    links = _build(named, lang, feedback_url=FEEDBACK_URL).footer(lambda t: t)["links"]
    assert {"text": label, "url": FEEDBACK_URL} in links


def test_a_page_naming_an_unknown_part_stops_the_build_naming_the_page(tmp_path):
    build = _build(copy_project(tmp_path / "project"), "en")
    page_ = compendium.HandwrittenPage("en/privacy/index.html", "Privacy", "en")
    with pytest.raises(compendium.RenderError, match=r"en/privacy/index.html: <!-- "
                       r"compendium:publsher --> names no part \(expected one of: publisher, "):
        build.handwritten_page("<p>x</p>\n<!-- compendium:publsher -->", page_)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_while_unset_the_pages_say_so_and_promise_no_report_link(content_site, lang):
    strings = _strings(lang)
    publisher, report = strings["publisher"], strings["report"]
    privacy = text(page(content_site, lang, "privacy/").select_one("article"))
    assert publisher["unnamed"] in privacy and publisher["no_contact"] in privacy
    statement = text(page(content_site, lang, "accessibility/").select_one("article"))
    assert publisher["by_unset"] in statement and publisher["no_enforcement"] in statement
    for path in MARKED:
        soup = page(content_site, lang, path)
        article = text(soup.select_one("article"))
        assert report["none"] in article, path
        promise = report["address"].split("{link}")[0]
        assert promise not in article, path
        footer = [text(a) for a in soup.select(".cmp-footer-links a")]
        assert strings["footer"]["feedback"] not in footer


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> Path:
    """The real site of a publisher who set every setting, deployed with FEEDBACK_URL."""
    root = _with_publisher(copy_project(tmp_path_factory.mktemp("published") / "project",
                                        data=REPO / "data", docs=REPO / "docs"))
    result = run_mkdocs(root, "build", "--strict", env={"FEEDBACK_URL": FEEDBACK_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_once_set_the_pages_name_the_publisher_contact_body_and_report_address(
        published_site, lang):
    strings = _strings(lang)
    privacy = page(published_site, lang, "privacy/").select_one("article")
    assert strings["publisher"]["named"].format(name="Comune di Esempio") in text(privacy)
    assert privacy.select_one("a[href='mailto:compendium@example.org']") is not None
    statement = page(published_site, lang, "accessibility/").select_one("article")
    assert strings["publisher"]["by"].format(name="Comune di Esempio") in text(statement)
    body = statement.select_one("a[href='https://enforcement.example.org/']")
    assert text(body) == "Autorità di esempio"
    for path in MARKED:
        soup = page(published_site, lang, path)
        article = soup.select_one("article")
        assert article.select_one(f"a[href='{FEEDBACK_URL}']") is not None, path
        assert strings["report"]["none"] not in text(article)
        footer = {text(a): a["href"] for a in soup.select(".cmp-footer-links a")}
        assert footer[strings["footer"]["feedback"]] == FEEDBACK_URL
