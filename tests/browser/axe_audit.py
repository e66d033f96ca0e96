"""Run axe on a page in its settled state and report violations one line per rule."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE = Axe()

# Wait for running CSS transitions and animations (e.g. Material's header title cross-fade while
# the page scrolls): axe measures colours as they are at that instant, so a half-faded title
# would count as low contrast although no reader ever has to read it mid-fade.
SETTLE = """() => Promise.all(document.getAnimations()
  .filter((animation) => animation.effect && animation.effect.getTiming().iterations !== Infinity)
  .map((animation) => animation.finished.catch(() => null)))"""


def axe_violations(page: Page, context: str | None = None) -> list[str]:
    """axe's violations on the page (or within the `context` selector), once motion has settled."""
    page.evaluate(SETTLE)
    results = AXE.run(page, context=context)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]
