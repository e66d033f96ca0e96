"""No layout shift while the widget pages load and their scripts start (Lighthouse budget CLS = 0),
at Lighthouse's mobile and desktop sizes, with the CPU slowed down as Lighthouse's mobile preset
does, so the scripts start well after the first paint. A shift counts when something in the page
content (.md-content) moves: what the handbook's pages, widgets and styles control."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGES = ["practice/", "interview-questions/", "when-to-fine-tune/", "memory-calculator/"]
SCREENS = {
    "mobile": {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True},
    "desktop": {"viewport": {"width": 1350, "height": 940}},
}
OBSERVE = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const sources = entry.sources || [];
    const inContent = sources.some((source) => source.node && source.node.nodeType === 1
      && source.node.closest(".md-content"));
    if (entry.hadRecentInput || !inContent) continue;
    window.__shifts.push({
      value: entry.value,
      nodes: sources.map((source) => source.node && source.node.nodeType === 1
        ? source.node.tagName.toLowerCase() + "." + String(source.node.className).trim().replace(/\\s+/g, ".")
        : String(source.node)),
    });
  }
}).observe({type: "layout-shift", buffered: true});
"""


SETTLE_MS = 1500  # late shifts are reported after the load event
SETTLED = """
window.__settled = false;
addEventListener("load", () => setTimeout(() => { window.__settled = true; }, SETTLE_MS));
"""
TABS = 4  # page loads side by side, each in its own context (screen) and CPU throttling


def _url(site_url: str, path: str, lang: str) -> str:
    return f"{site_url}/{'en/' if lang == 'en' else ''}{path}"


@pytest.fixture(scope="module")
def shifts(browser: Browser, site_url: str) -> dict[tuple[str, str, str], list[dict]]:
    """Every page, language and screen loaded once, TABS at a time (each tab mostly waits out
    SETTLE_MS, so they overlap): the shifts each load reported, by (path, lang, screen)."""
    cases = [(path, lang, screen) for path in PAGES for lang in ("zh", "en") for screen in SCREENS]
    found: dict[tuple[str, str, str], list[dict]] = {}
    for start in range(0, len(cases), TABS):
        batch = []
        for case in cases[start : start + TABS]:
            path, lang, screen = case
            context = browser.new_context(**SCREENS[screen])
            page = context.new_page()
            page.add_init_script(OBSERVE + SETTLED.replace("SETTLE_MS", str(SETTLE_MS)))
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(_url(site_url, path, lang), wait_until="commit")
            batch.append((case, context, page))
        try:
            for _, _, page in batch:  # each page is watched until SETTLE_MS after its own load event
                page.wait_for_function("() => window.__settled === true", timeout=30_000)
            for case, _, page in batch:
                found[case] = page.evaluate("window.__shifts")
        finally:
            for _, context, _ in batch:
                context.close()
    return found


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_nothing_shifts_as_the_page_loads(
    shifts: dict[tuple[str, str, str], list[dict]], path: str, lang: str, screen: str
) -> None:
    found = shifts[(path, lang, screen)]
    # Lighthouse reports CLS to three decimals, so the budget "CLS = 0" is a sum under 0.0005.
    # A sub-pixel rounding shift (6e-6 was seen once, under load) stays under it; removing the
    # practice bar's reserved space (0.038 on mobile) does not.
    assert sum(shift["value"] for shift in found) < 0.0005, found
