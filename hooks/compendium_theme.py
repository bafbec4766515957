"""What the theme's templates need beyond a page's own content: the header's search
box, the footer's links, a page's versions in every language (hreflang), and the
404 page's and the sitemap's contents, which cover every language at once.

Helpers of compendium_hooks.py (MkDocs puts this folder on the import path while
it loads a hook); they take the compendium and the language explicitly and keep
no state between builds.
"""

from __future__ import annotations

from mkdocs.structure.files import File, Files

from compendium.loader import Compendium
from compendium.site import relative_url, site_url_of

FOOTER_PAGES = ("accessibility", "privacy")  # hand-written, in docs/<lang>/


def footer(compendium: Compendium, lang: str, link, config) -> dict:
    """The footer's links in a language: `link` turns an output path into an href."""
    t = compendium.renderer.localizers[lang].t
    site = compendium.site
    links = [{"text": t(f"footer.{name}"),
              "url": link(site.handwritten_dest(lang, name, config.use_directory_urls))}
             for name in FOOTER_PAGES]
    links.append({"text": t("footer.open_data"), "url": link(site.open_data_dest(lang))})
    links.append({"text": t("footer.translations"), "url": link(site.translations_dest(lang))})
    feedback = (config.extra or {}).get("feedback_url")
    if feedback:
        links.append({"text": t("footer.feedback"), "url": feedback})
    return {"label": t("footer.label"), "links": links, "made_with": t("footer.made_with"),
            "and": t("footer.and")}


def alternates(compendium: Compendium, file: File, config) -> list[dict[str, str]]:
    """Absolute URLs of a page in every language, and x-default (the default language).

    Search engines want them on every page (hreflang) and in the sitemap.
    """
    versions = getattr(file, "alternates", {})
    if not versions or not config.site_url:
        return []
    project = compendium.project
    links = [{"hreflang": lang, "href": _absolute(config, versions[lang].url)}
             for lang in project.languages if lang in versions]
    default = project.default_language
    if default in versions:
        links.append({"hreflang": "x-default",
                      "href": _absolute(config, versions[default].url)})
    return links


def _absolute(config, url: str) -> str:
    """A site URL ('en/practices/x/', or './' for the home page) made absolute."""
    return config.site_url + ("" if url == "./" else url)


def not_found(compendium: Compendium, base_url: str, config) -> list[dict]:
    """The 404 page's text in every language, with absolute links.

    One 404.html serves every missing URL of the site (GitHub Pages), at any
    depth: its links start from the site root, and a script shows the
    language of the URL's prefix (see assets/compendium/not-found.js).
    """
    site = compendium.site
    root = base_url.rstrip("/") + "/"
    sections = []
    for lang in site.project.languages:
        t = compendium.renderer.localizers[lang].t
        search = root + site_url_of(site.search_dest(lang), config.use_directory_urls)
        sections.append({
            "lang": lang, "prefix": site.prefix(lang), "site_name": site_name(config, lang),
            "title": t("not_found.title"),
            "text": t("not_found.text"), "home_label": t("not_found.home"),
            "home": root + site.prefix(lang),
            "search": {"url": search, "label": t("search.label"),
                       "placeholder": t("search.placeholder"), "submit": t("search.submit")},
        })
    return sections


def site_name(config, lang: str) -> str:
    """The site's name in a language, as mkdocs.yml gives it to static-i18n."""
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages if i18n is not None else []:
        if language.locale == lang and language.site_name:
            return language.site_name
    return config.site_name


def sitemap(compendium: Compendium, files: Files | None, config) -> list[dict]:
    """Every page of every language, each with its alternates (hreflang and x-default).

    static-i18n's own sitemap lists only hand-written pages; this one is built
    from the default language's files, whose alternates name every language.
    """
    if files is None or not config.site_url:
        return []
    entries = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.dest_uri):
        versions = alternates(compendium, file, config)
        for link in versions:
            if link["hreflang"] != "x-default":
                entries.append({"loc": link["href"], "alternates": versions})
    return entries


def search_box(compendium: Compendium, lang: str, dest_uri: str, config) -> dict[str, str]:
    """What the header's search box needs: the search page of this language, and its words."""
    t = compendium.renderer.localizers[lang].t
    target = compendium.site.search_dest(lang)
    return {"url": relative_url(dest_uri, target, config.use_directory_urls),
            "label": t("search.label"), "placeholder": t("search.placeholder"),
            "submit": t("search.submit")}
