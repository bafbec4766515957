"""The map in a real browser (issue 14), in every language, on a desktop and a
phone: the base map is drawn, labels are at least 12 px and never overlap, each
marker's link is at least 24 px across, every practice is placed, the page works
from file://, and the theme filter hides what does not match and keeps the
choice in the address."""

from __future__ import annotations

import pytest

from tests.browser import PageWatch, serve, wait_until, watched_page
from tests.helpers import LANGUAGES, PREFIX

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = LANGUAGES
WIDTHS = {"desktop": 1280, "phone": 375}

# What a reader sees of each marker and label, measured by the browser.
MEASURE = """() => {
  const svg = document.querySelector('svg.cmp-map__svg');
  const scale = svg.getScreenCTM().a;
  const box = e => { const r = e.getBoundingClientRect();
                     return [r.left, r.top, r.right, r.bottom]; };
  return {
    land: box(svg.querySelector('.cmp-map__land')),
    svg: box(svg),
    labels: Array.from(svg.querySelectorAll('.cmp-map__label')).map(t => ({
      text: t.textContent, box: box(t),
      px: parseFloat(getComputedStyle(t).fontSize) * scale})),
    counts: Array.from(svg.querySelectorAll('.cmp-map__count')).map(t =>
      parseFloat(getComputedStyle(t).fontSize) * scale),
    links: Array.from(svg.querySelectorAll('a.cmp-map__place')).map(a => ({
      box: box(a), practices: a.dataset.practices.split(' ').filter(Boolean)})),
    listed: Array.from(document.querySelectorAll('li[data-practice]'))
      .map(li => li.dataset.practice),
  };
}"""


def _overlap(a, b, slack=0.5) -> bool:
    return (a[0] + slack < b[2] and b[0] + slack < a[2]
            and a[1] + slack < b[3] and b[1] + slack < a[3])


@pytest.fixture(scope="module")
def served(content_site):
    with serve(content_site) as base:
        yield base


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_readable_apart_and_every_practice_is_placed(served, browser, lang, width):
    page = browser.new_page(viewport={"width": WIDTHS[width], "height": 900})
    watch = PageWatch(page, served)
    page.goto(f"{served}/{PREFIX[lang]}map/")
    seen = page.evaluate(MEASURE)
    assert watch.problems == []
    land = seen["land"]
    assert land[2] - land[0] > 300 and land[3] - land[1] > 200  # outlines are drawn
    labels = seen["labels"]
    assert len(labels) >= 20
    assert min(label["px"] for label in labels) >= 12
    assert min(seen["counts"]) >= 12
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not _overlap(a["box"], b["box"]), (a["text"], b["text"])
    for link in seen["links"]:
        left, top, right, bottom = link["box"]
        assert right - left >= 24 and bottom - top >= 24
    placed = {slug for link in seen["links"] for slug in link["practices"]}
    assert placed == set(seen["listed"]) and len(placed) == 12
    # A narrow screen scrolls the map inside its frame, never the page.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()


def test_the_map_draws_from_file_with_no_request_elsewhere(content_site, browser):
    with watched_page(browser, "file://") as page:
        page.goto((content_site / "en" / "map" / "index.html").as_uri())
        seen = page.evaluate(MEASURE)
        assert seen["land"][2] - seen["land"][0] > 300


@pytest.mark.parametrize("lang", LANGS)
def test_the_theme_filter_hides_places_without_such_practices(served, browser, lang):
    page = browser.new_page()
    page.goto(f"{served}/{PREFIX[lang]}map/")
    select = page.locator("#cmp-map-theme")
    wait_until(page, "!document.getElementById('cmp-map-theme').disabled")
    themes = select.locator("option").evaluate_all("os => os.map(o => o.value)")[1:]
    visible = "document.querySelectorAll('a.cmp-map__place:not(.cmp-map__place--off)').length"
    everything = page.evaluate(visible)
    theme = themes[-1]
    select.select_option(theme)
    assert 0 < page.evaluate(visible) < everything
    assert page.evaluate("new URLSearchParams(location.search).get('theme')") == theme
    assert page.locator("#cmp-map-finder").get_attribute("href") == f"../practices/?theme={theme}"
    assert page.locator("#cmp-map-status").inner_text().strip()
    tinted = "document.querySelectorAll('path.cmp-map__country:not(.cmp-map__area--off)').length"
    assert page.evaluate(tinted) < len(page.locator("path.cmp-map__country").all())
    shown = page.evaluate("""(theme) => Array.from(
        document.querySelectorAll('li[data-practice]')).filter(li => !li.hidden
        && !li.closest('[hidden]')).every(li => li.dataset.themes.split(' ').includes(theme))""",
                          theme)
    assert shown
    page.reload()  # the address keeps the choice
    wait_until(page, f"document.getElementById('cmp-map-theme').value === '{theme}'")
    assert page.evaluate(visible) < everything
    select.select_option("")
    assert page.evaluate(visible) == everything
    page.close()
