"""Accessibility in a real browser: axe finds nothing on any page, and the keyboard works.

axe-core (via axe-playwright-python) runs its full default rule set (WCAG 2.x A and AA plus best
practices) on every built page in both languages, in the light scheme. The dark scheme changes
colours and nothing else, so on the dark pass axe runs the rules that depend on colour: that
halves the time of the slowest gate. Material follows the system colour scheme on a first visit,
so each scheme is emulated with a fresh local storage.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.built_pages import page_paths

pytestmark = pytest.mark.browser

AXE = Axe()
SCHEMES = {"light": "default", "dark": "slate"}  # emulated colour scheme -> Material's scheme
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
RULES_PER_SCHEME: dict[str, list[str] | None] = {"light": None, "dark": COLOUR_RULES}  # None: every rule


@pytest.fixture(scope="module")
def shared_page(browser: Browser) -> Iterator[Page]:
    """One browser context and tab for every page of this module: opening one per page costs more than the audit."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """axe's violations on the loaded page, one line per rule with the elements it found."""
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = AXE.run(page, options=options)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def first_visit(page: Page, base_url: str, scheme: str) -> None:
    """Emulate the system colour scheme and forget any palette Material stored on an earlier visit."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base_url + "/")
    page.evaluate("localStorage.clear()")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_page_has_an_axe_violation(
    shared_page: Page, base_url: str, site_dir: Path, language: str, scheme: str
) -> None:
    paths = page_paths(site_dir, language)
    assert paths, f"no {language} pages in {site_dir}"
    first_visit(shared_page, base_url, scheme)
    problems = []
    for path in paths:
        shared_page.goto(base_url + path)
        expect(shared_page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
        problems += [f"{path}: {violation}" for violation in axe_violations(shared_page, RULES_PER_SCHEME[scheme])]
    assert problems == []


def test_axe_reports_a_planted_image_without_alt_text(shared_page: Page) -> None:
    shared_page.set_content(
        '<!doctype html><html lang="en"><head><title>Planted</title></head>'
        '<body><main><h1>Planted</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>'
    )
    assert [violation.split(" ")[0] for violation in axe_violations(shared_page)] == ["image-alt"]


def test_the_dark_pass_reports_planted_low_contrast_text(shared_page: Page) -> None:
    shared_page.set_content(
        '<!doctype html><html lang="en"><head><title>Planted</title></head>'
        '<body style="background:#1e2129"><main><h1 style="color:#fff">Planted</h1>'
        '<p style="color:#4a4d57">faint</p></main></body></html>'
    )
    violations = axe_violations(shared_page, RULES_PER_SCHEME["dark"])
    assert [violation.split(" ")[0] for violation in violations] == ["color-contrast"]


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
def test_the_first_tab_stop_is_a_skip_link_into_the_content(shared_page: Page, base_url: str, path: str) -> None:
    shared_page.goto(base_url + path)
    shared_page.keyboard.press("Tab")
    assert shared_page.evaluate(FOCUSED)["isSkipLink"]
    skip = shared_page.locator("a.md-skip")
    expect(skip).to_be_visible()
    expect(skip).to_be_in_viewport()
    target = str(skip.get_attribute("href")).rsplit("#", 1)[1]
    shared_page.keyboard.press("Enter")
    assert shared_page.evaluate("location.hash") == f"#{target}"
    shared_page.keyboard.press("Tab")  # the next stop is inside the article, past the header and navigation
    assert shared_page.evaluate(FOCUSED)["inArticle"]


# The focus ring of the active element: its width, and its contrast with the nearest opaque background.
FOCUS_RING = """() => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const element = document.activeElement;
  const style = getComputedStyle(element);
  let node = element, background;
  while (node) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { background = c; break; }
    node = node.parentElement;
  }
  background = background || [255, 255, 255];
  const [a, b] = [luminance(parse(style.outlineColor)), luminance(background)].sort((x, y) => y - x);
  return {
    tag: element.tagName,
    outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
    shadow: style.boxShadow !== "none",
    contrast: (a + 0.05) / (b + 0.05),
  };
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_focused_link_in_the_content_shows_a_clear_focus_ring(shared_page: Page, base_url: str, scheme: str) -> None:
    first_visit(shared_page, base_url, scheme)
    shared_page.goto(base_url + "/")
    link = shared_page.locator("article p a[href], article li a[href], article td a[href]").first
    link.focus()
    shared_page.keyboard.press("Shift+Tab")  # reach the link by keyboard, so :focus-visible applies
    shared_page.keyboard.press("Tab")
    ring = shared_page.evaluate(FOCUS_RING)
    assert ring["tag"] == "A"
    assert ring["outline"] >= 2 or ring["shadow"], ring
    assert ring["contrast"] >= 3, ring  # WCAG 1.4.11: non-text contrast


def test_a_focused_header_control_shows_a_clear_focus_ring(shared_page: Page, base_url: str) -> None:
    first_visit(shared_page, base_url, "light")
    shared_page.goto(base_url + "/")
    shared_page.keyboard.press("Tab")  # the skip link
    shared_page.keyboard.press("Tab")  # the logo, on the coloured header
    ring = shared_page.evaluate(FOCUS_RING)
    assert ring["outline"] >= 2 and ring["contrast"] >= 3, ring
