"""Accessibility in a real browser: axe finds nothing on any page, and the keyboard works.

axe-core (via axe-playwright-python) runs its full default rule set (WCAG 2.x A and AA plus best
practices) on every built page, in both languages and both colour schemes. Material follows the
system colour scheme on a first visit, so each scheme is emulated with a fresh local storage.
The pages are audited during the shared site walk (tests/browser/site_walk.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe_audit import axe_violations
from tests.browser.built_pages import page_paths
from tests.browser.focus_ring import FOCUS_RING
from tests.browser.site_walk import SCHEMES, SiteWalk

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shared_page(browser: Browser) -> Iterator[Page]:
    """One browser context and tab for every page of this module: opening one per page costs more than the audit."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def first_visit(page: Page, site_url: str, scheme: str) -> None:
    """Emulate the system colour scheme and forget any palette Material stored on an earlier visit."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(site_url + "/")
    page.evaluate("localStorage.clear()")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_page_has_an_axe_violation(site_walk: SiteWalk, site_dir: Path, language: str, scheme: str) -> None:
    visits = site_walk.of(scheme, language)
    assert [visit.path for visit in visits] == page_paths(site_dir, language), "the walk missed pages"
    problems = []
    for visit in visits:
        if visit.color_scheme != SCHEMES[scheme]:
            problems.append(f"{visit.path}: shown in Material's scheme {visit.color_scheme!r}, not {SCHEMES[scheme]!r}")
        problems += [f"{visit.path}: {violation}" for violation in visit.axe]
    assert problems == []


def test_the_walk_reports_a_planted_violation_and_names_the_page(planted_walk: SiteWalk) -> None:
    assert {visit.scheme for visit in planted_walk.visits} == set(SCHEMES)
    for visit in planted_walk.visits:
        assert visit.path == "/planted/"
        assert [violation.split(" ")[0] for violation in visit.axe] == ["image-alt"], visit


def test_axe_reports_a_planted_image_without_alt_text(shared_page: Page) -> None:
    shared_page.set_content(
        '<!doctype html><html lang="en"><head><title>Planted</title></head>'
        '<body><main><h1>Planted</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    assert [violation.split(" ")[0] for violation in axe_violations(shared_page)] == ["image-alt"]


def test_axe_reports_planted_low_contrast_text_on_a_dark_page(shared_page: Page) -> None:
    shared_page.set_content(
        '<!doctype html><html lang="en"><head><title>Planted</title></head>'
        '<body style="background:#1e2129"><main><h1 style="color:#fff">Planted</h1>'
        '<p style="color:#4a4d57">faint</p></main></body></html>'
    )
    assert [violation.split(" ")[0] for violation in axe_violations(shared_page)] == ["color-contrast"]


# --- keyboard ----------------------------------------------------------------------------------

FOCUSED = """() => {
  const element = document.activeElement;
  return {
    inArticle: element.closest("article") !== null,
    isSkipLink: element.classList.contains("md-skip"),
    tag: element.tagName,
  };
}"""


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_first_tab_stop_is_a_skip_link_into_the_content(shared_page: Page, site_url: str, path: str) -> None:
    shared_page.goto(site_url + path)
    shared_page.keyboard.press("Tab")
    assert shared_page.evaluate(FOCUSED)["isSkipLink"]
    skip = shared_page.locator("a.md-skip")
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport()
    target = str(skip.get_attribute("href")).rsplit("#", 1)[1]
    shared_page.keyboard.press("Enter")
    shared_page.wait_for_function("(hash) => location.hash === hash", arg=f"#{target}")
    shared_page.keyboard.press("Tab")  # the next stop is inside the article, past the header and navigation
    assert shared_page.evaluate(FOCUSED)["inArticle"]


def _clear(ring: dict[str, object]) -> bool:
    """At least 2px wide and 3:1 against the background (WCAG 1.4.11 non-text contrast)."""
    return float(ring["outline"]) >= 2 and float(ring["contrast"]) >= 3  # type: ignore[arg-type]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_focused_link_in_the_content_shows_a_clear_focus_ring(shared_page: Page, site_url: str, scheme: str) -> None:
    first_visit(shared_page, site_url, scheme)
    shared_page.goto(site_url + "/")
    shared_page.locator("article p a[href], article li a[href], article td a[href]").first.focus()
    shared_page.keyboard.press("Shift+Tab")  # reach the link by keyboard, so :focus-visible applies
    shared_page.keyboard.press("Tab")
    ring = shared_page.evaluate(FOCUS_RING)
    assert ring is not None and ring["element"].startswith("A"), ring
    assert _clear(ring), ring


TAB_STOPS = 30  # the header, the navigation and the first links of the content


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_tab_stop_from_the_top_shows_a_clear_focus_ring(shared_page: Page, site_url: str, scheme: str) -> None:
    first_visit(shared_page, site_url, scheme)
    shared_page.goto(site_url + "/")
    faint = []
    for _ in range(TAB_STOPS):
        shared_page.keyboard.press("Tab")
        ring = shared_page.evaluate(FOCUS_RING)
        if ring is not None and not _clear(ring):
            faint.append(ring)
    assert faint == []


def test_the_focus_ring_check_reports_a_faint_ring(shared_page: Page) -> None:
    shared_page.set_content(
        '<!doctype html><html lang="en"><body style="background:#fff">'
        '<a href="#x" style="outline:1px dotted #ddd">faint</a></body></html>'
    )
    shared_page.keyboard.press("Tab")
    ring = shared_page.evaluate(FOCUS_RING)
    assert ring is not None and not _clear(ring)
