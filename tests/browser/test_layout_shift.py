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


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_nothing_shifts_as_the_page_loads(browser: Browser, site_url: str, path: str, lang: str, screen: str) -> None:
    context = browser.new_context(**SCREENS[screen])
    page = context.new_page()
    page.add_init_script(OBSERVE)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{site_url}/{'en/' if lang == 'en' else ''}{path}", wait_until="load")
    page.wait_for_timeout(1500)  # late shifts are reported after the load event
    shifts = page.evaluate("window.__shifts")
    # Lighthouse reports CLS to three decimals, so the budget "CLS = 0" is a sum under 0.0005.
    # A sub-pixel rounding shift (6e-6 was seen once, under load) stays under it; removing the
    # practice bar's reserved space (0.038 on mobile) does not.
    assert sum(shift["value"] for shift in shifts) < 0.0005, shifts
    context.close()
