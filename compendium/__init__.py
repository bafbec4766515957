"""The compendium's core: records in, a trilingual static site out; no MkDocs here.

This is the public API that front ends use (the MkDocs hooks in hooks/, the
`compendium` command, a future generator); everything else is private to the
package and may change.

    compendium = open_compendium(root)        # validated, cached; DataError lists problems
    build = LanguageBuild(compendium, "en", BuildSettings(site_url=...))
    for spec in build.pages():                # every generated page of the language
        page = build.render(spec)             # RenderedPage: html, title, headings...
    build.handwritten_page(html, HandwrittenPage(...))   # notices, search, PDF link
    build.write_files(site_dir)               # search index, open data, PDF
    is_ignored(path)                          # editor backups, dangling links: skip them
    PreviewPages(compendium).with_failure(...)  # what a local preview adds as it serves
"""

from compendium.build import HandwrittenPage, LanguageBuild
from compendium.csp import POLICY as CSP_POLICY
from compendium.csp import allow_inline_script
from compendium.fragments import FragmentCache
from compendium.jobs import Jobs
from compendium.loader import Compendium, last_opened, open_compendium
from compendium.not_found import NotFoundPage
from compendium.pages import PageSpec
from compendium.preview import PreviewPages, is_page
from compendium.problems import DataError
from compendium.render import RenderedPage, RenderError
from compendium.settings import BuildSettings, SettingsError, extra_settings, preview_language
from compendium.sourcefiles import is_ignored
from compendium.urls import relative_url

__all__ = [
    "CSP_POLICY",
    "BuildSettings",
    "Compendium",
    "DataError",
    "FragmentCache",
    "HandwrittenPage",
    "Jobs",
    "LanguageBuild",
    "NotFoundPage",
    "PageSpec",
    "PreviewPages",
    "RenderError",
    "RenderedPage",
    "SettingsError",
    "allow_inline_script",
    "extra_settings",
    "is_ignored",
    "is_page",
    "last_opened",
    "open_compendium",
    "preview_language",
    "relative_url",
]
