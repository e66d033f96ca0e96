"""Every page under its Content-Security-Policy (hooks/csp.py) in a real browser.

A `securitypolicyviolation` listener is installed before any page script runs; a page that
breaks the policy (an inline script without its hash, an inline event handler, a <style>
element, a request to another origin) fails the test, as does any console error (Chromium
logs each refusal there too). Search and every widget must still work under the policy, also
after Material's instant navigation, which adds the next page's <head> to the current one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.built_pages import page_paths
from tests.browser.page_problems import watch_problems
from tests.browser.site_walk import LISTEN, SiteWalk

pytestmark = pytest.mark.browser


class Tab:
    """A browser tab that records CSP violations and console errors."""

    def __init__(self, page: Page) -> None:
        self.page = page
        page.add_init_script(LISTEN)
        self.problems = watch_problems(page)

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations")

    def assert_clean(self, where: str) -> None:
        found = self.violations() + self.problems
        assert found == [], f"{where}: {found}"


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Tab(context.new_page())
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_loads_under_the_policy_without_a_violation(site_walk: SiteWalk, site_dir: Path, lang: str) -> None:
    """In both colour schemes, from the shared site walk (tests/browser/site_walk.py)."""
    visits = site_walk.of(language=lang)
    paths = page_paths(site_dir, lang)
    assert len(paths) >= 10, paths
    assert sorted({visit.path for visit in visits}) == sorted(paths), "the walk missed pages"
    found = []
    for visit in visits:
        where = f"{visit.path} ({visit.scheme})"
        if visit.csp_meta != 1:
            found.append(f"{where}: {visit.csp_meta} Content-Security-Policy <meta> elements, expected 1")
        if not visit.scripts_started:
            found.append(f"{where}: the scripts did not start (no 'js' class on <html> or no document$)")
        found += [f"{where}: {problem}" for problem in visit.csp_violations + visit.problems]
    assert found == []


def test_the_walk_reports_a_planted_inline_script_and_names_the_page(planted_walk: SiteWalk) -> None:
    assert {visit.scheme for visit in planted_walk.visits} == {"light", "dark"}
    for visit in planted_walk.visits:
        assert visit.path == "/planted/" and visit.csp_meta == 1
        assert [violation.split(" at ")[0] for violation in visit.csp_violations] == [
            "script-src-elem blocked inline"
        ], visit


def test_the_policy_is_enforced_and_a_violation_would_be_seen(tab: Tab, site_url: str) -> None:
    tab.page.goto(site_url + "/en/")
    ran = tab.page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.head.append(script);
          return window.__injected === true;
        }"""
    )
    assert ran is False, "an injected inline script ran: the policy is not in force"
    # A function, not an expression: Playwright polls an expression with eval, which the policy blocks.
    tab.page.wait_for_function("() => window.__cspViolations.length > 0")
    assert tab.violations()[0].startswith("script-src-elem blocked inline"), tab.violations()


@pytest.mark.parametrize(("lang", "query", "expected"), [("zh", "微调", "微调"), ("en", "LoRA", "LoRA")])
def test_search_works_under_the_policy(tab: Tab, site_url: str, lang: str, query: str, expected: str) -> None:
    tab.page.goto(site_url + ("/" if lang == "zh" else "/en/"))
    box = tab.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # Material reads the query on keyup
    results = tab.page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    titles = [title.replace("\u200b", "") for title in results.locator("h1, h2").all_inner_texts()]
    assert any(expected in title for title in titles), titles
    tab.assert_clean(f"search {query!r}")


PREFIX = {"zh": "", "en": "/en"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_widgets_start_under_the_policy(tab: Tab, site_url: str, lang: str) -> None:
    page = tab.page
    page.goto(site_url + PREFIX[lang] + "/when-to-fine-tune/")
    expect(page.locator("[data-decision-tree].dt-js button[data-dt-next]").first).to_be_visible()

    page.goto(site_url + PREFIX[lang] + "/practice/")
    expect(page.locator("[data-practice].practice--js")).to_have_count(1)

    page.goto(site_url + PREFIX[lang] + "/interview-questions/")
    page.wait_for_function(
        "() => !!window.Handbook && window.Handbook.ready(document.querySelector('[data-qa-filters]'))"
    )

    page.goto(site_url + PREFIX[lang] + "/memory-calculator/")
    total = page.locator("[data-memory-calculator] [data-mc-total]")
    before = total.get_attribute("data-bytes")
    page.locator("[data-memory-calculator] input[name=seq_len]").fill("8192")
    expect(total).not_to_have_attribute("data-bytes", str(before))
    tab.assert_clean(lang)


def test_instant_navigation_keeps_one_policy_and_no_violation(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link[href$='when-to-fine-tune/']").first.click()
    expect(page).to_have_url(site_url + "/when-to-fine-tune/")
    expect(page.locator("[data-decision-tree].dt-js button[data-dt-next]").first).to_be_visible()
    page.locator(".md-nav__link[href$='references/']").first.click()
    expect(page).to_have_url(site_url + "/references/")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did not handle the clicks"
    expect(page.locator("meta[http-equiv='Content-Security-Policy']")).to_have_count(1)
    tab.assert_clean("after instant navigation")
