"""Run axe on a page in its settled state and report violations one line per rule.

`start_axe` and `axe_results` split one run in two, so that several tabs audit at the same time
(the site walk, tests/browser/site_walk.py); `axe_violations` is both in one call.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

AXE = Axe()
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}  # emulated colour scheme -> Material's scheme
OPTIONS = {"resultTypes": ["violations"]}

# Wait for running CSS transitions and animations (e.g. Material's header title cross-fade while
# the page scrolls, or links fading to the dark scheme's colours): axe measures colours as they
# are at that instant, so a half-faded title would count as low contrast although no reader ever
# has to read it mid-fade. getAnimations() brings styles up to date first, so a transition that
# the last step set off is counted; checked again until none is left running. (No waiting for
# animation frames here: in tabs side by side they come slowly, about a second a page.)
SETTLE = """async () => {
  for (let round = 0; round < 10; round += 1) {
    const running = document.getAnimations().filter((animation) => animation.effect
      && animation.effect.getTiming().iterations !== Infinity && animation.playState !== "finished");
    if (running.length === 0) return;
    await Promise.all(running.map((animation) => animation.finished.catch(() => null)));
  }
}"""
TWO_FRAMES = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))"

# Started without waiting for it: axe_results waits for it.
_START = """([context, options]) => {
  window.__handbookAxe = axe.run(context === null ? document : context, options);
}"""
_RESULTS = "() => window.__handbookAxe"


def expect_scheme(page: Page, scheme: str) -> None:
    """Wait until Material shows the emulated colour scheme (`light` or `dark`): on a first visit
    <body> carries the default scheme until Material's bundle applies the emulated one, and axe
    must not measure colours before that."""
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEMES[scheme])


def start_axe(page: Page, context: str | None = None) -> None:
    """Once motion has settled, start axe on the page (or within the `context` selector)."""
    page.evaluate(SETTLE)
    page.evaluate(AXE.axe_script)
    page.evaluate(_START, [context, OPTIONS])


def axe_results(page: Page) -> list[str]:
    """The violations of the run `start_axe` started on this page."""
    response = page.evaluate(_RESULTS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in response["violations"]
    ]


def axe_violations(page: Page, context: str | None = None) -> list[str]:
    """axe's violations on the page (or within the `context` selector), once motion has settled."""
    start_axe(page, context)
    return axe_results(page)
