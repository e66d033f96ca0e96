"""One walk of every built page per colour scheme, recording what several tests check.

Loading a page is most of what a per-page browser check costs, so the accessibility, CSP and
third-party tests share one visit of each page in each scheme instead of walking the site four,
two and one times. Each visit records, for its page: axe's violations, CSP violations, console
errors and failed requests, requests to another host (aborted, so nothing leaves the machine),
the colour scheme Material applied, and whether the scripts started. Each test asserts its own
property on the visits, so a failure still names the property and the page.

A visit: load the page (four tabs per scheme, both schemes side by side: most of a visit is
waiting for the network), make lazy images eager so they count, wait until the network is quiet
and the scheme is the emulated one, let motion settle, then run axe, in all the tabs at once.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, Route
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.axe_audit import MATERIAL_SCHEMES, axe_results, start_axe
from tests.browser.page_problems import watch_problems

SCHEMES = MATERIAL_SCHEMES
LOCAL_SCHEMES = ("data", "blob", "about")
TABS = 4

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"} at ${event.sourceFile}:${event.lineNumber}`
  );
}, true);
"""
EAGER = "() => document.querySelectorAll('[loading=lazy]').forEach((element) => { element.loading = 'eager'; })"
STATE = """() => ({
  cspMeta: document.querySelectorAll("meta[http-equiv='Content-Security-Policy']").length,
  jsClass: /(^|\\s)js(\\s|$)/.test(document.documentElement.className),
  documentObservable: typeof window.document$ === "object",
  cspViolations: window.__cspViolations || ["the securitypolicyviolation listener did not run"],
})"""
# A page without Material's scheme attribute (a planted page) has nothing to wait for.
SCHEME_APPLIED = """(scheme) => document.body && (document.body.dataset.mdColorScheme === scheme
  || !document.querySelector("[data-md-color-scheme]"))"""


@dataclass
class Visit:
    """What one page showed in one colour scheme."""

    path: str
    scheme: str
    color_scheme: str | None = None  # <body data-md-color-scheme> once the page settled
    csp_meta: int = 0
    scripts_started: bool = False  # assets/no-js.js ran (the "js" class) and so did Material's bundle
    csp_violations: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # console errors, failed requests, HTTP errors
    third_party: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)


@dataclass
class _Tab:
    page: Page
    problems: list[str]
    visit: Visit | None = None


class _Guard:
    """Records every request of the context by page, and lets only the local server's through."""

    def __init__(self, site_origin: str) -> None:
        self.site_origin = site_origin
        self.tabs: dict[Page, _Tab] = {}
        self.unattributed: list[str] = []  # a request no tab's page made (a worker's, say)
        self.blocked: list[str] = []

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or f"{parts.scheme}://{parts.netloc}" == self.site_origin

    def record(self, request: Request) -> None:
        if self.is_local(request.url):
            return
        try:
            tab = self.tabs.get(request.frame.page)
        except Exception:  # a service worker's request has no frame
            tab = None
        if tab is not None and tab.visit is not None:
            tab.visit.third_party.append(request.url)
        else:
            self.unattributed.append(request.url)

    def route(self, route: Route) -> None:
        if self.is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")


Handler = Callable[[Route], None]


def _context(browser: Browser, site_url: str, scheme: str, pages: dict[str, str]) -> tuple[BrowserContext, _Guard]:
    # A new context has empty local storage: a first visit, so Material follows the system scheme.
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    guard = _Guard(site_url)
    context.on("request", guard.record)
    # Only what is not the site's own goes through this process: routing every request would
    # make each of the site's files wait on a round trip to Python.
    context.route(re.compile("^(?!" + re.escape(site_url) + "/)"), guard.route)
    for path, html in pages.items():  # registered later, so these win over the guard for their URL
        context.route(site_url + path, _serve(html))
    context.add_init_script(LISTEN)
    return context, guard


def _serve(html: str) -> Handler:
    return lambda route: route.fulfill(body=html, content_type="text/html")


def walk(
    browser: Browser, site_url: str, paths: list[str], schemes: Iterable[str], pages: dict[str, str] | None = None
) -> SiteWalk:
    """Visit each path of the site in each emulated scheme, the schemes side by side (a context
    of TABS tabs each). `pages` serves made-up pages at some paths (the tests that plant defects)."""
    contexts: list[tuple[str, BrowserContext, _Guard, list[_Tab]]] = []
    visits: list[Visit] = []
    try:
        for scheme in schemes:
            context, guard = _context(browser, site_url, scheme, pages or {})
            tabs = []
            for _ in range(min(TABS, len(paths))):
                page = context.new_page()
                tab = _Tab(page, watch_problems(page))
                guard.tabs[page] = tab
                tabs.append(tab)
            contexts.append((scheme, context, guard, tabs))
        for start in range(0, len(paths), TABS):
            batch = [
                (tab, path, scheme)
                for scheme, _, _, tabs in contexts
                for tab, path in zip(tabs, paths[start : start + TABS], strict=False)
            ]
            for tab, path, scheme in batch:
                tab.visit = Visit(path, scheme)
                visits.append(tab.visit)
                tab.problems.clear()
                tab.page.goto(site_url + path, wait_until="commit")
            for tab, _, _ in batch:
                tab.page.wait_for_load_state("load")
                tab.page.evaluate(EAGER)
            for tab, _, scheme in batch:
                _settle(tab, SCHEMES[scheme])
                start_axe(tab.page)
            for tab, _, _ in batch:
                assert tab.visit is not None
                tab.visit.axe = axe_results(tab.page)
                tab.visit.problems = list(tab.problems)
                tab.visit = None
    finally:
        for _, context, _, _ in contexts:
            context.close()
    return SiteWalk(
        visits,
        [url for _, _, guard, _ in contexts for url in guard.unattributed],
        [url for _, _, guard, _ in contexts for url in guard.blocked],
    )


def _settle(tab: _Tab, material_scheme: str) -> None:
    """Wait until the page has asked for everything it is going to and shows the scheme; record its state."""
    visit = tab.visit
    assert visit is not None
    tab.page.wait_for_load_state("networkidle")
    with contextlib.suppress(PlaywrightTimeoutError):  # recorded below: the accessibility test names the page
        tab.page.wait_for_function(SCHEME_APPLIED, arg=material_scheme, timeout=5000)
    visit.color_scheme = tab.page.evaluate("() => document.body && document.body.dataset.mdColorScheme")
    state = tab.page.evaluate(STATE)
    visit.csp_meta = state["cspMeta"]
    visit.scripts_started = state["jsClass"] and state["documentObservable"]
    visit.csp_violations = list(state["cspViolations"])


@dataclass
class SiteWalk:
    """Every page's visit in each scheme."""

    visits: list[Visit]
    unattributed: list[str]  # third-party requests no page could be named for
    blocked: list[str]  # the third-party requests the guard aborted

    def of(self, scheme: str | None = None, language: str | None = None) -> list[Visit]:
        return [
            visit
            for visit in self.visits
            if (scheme is None or visit.scheme == scheme)
            and (language is None or visit.path.startswith("/en/") == (language == "en"))
        ]


def walk_site(browser: Browser, site_url: str, paths: list[str], pages: dict[str, str] | None = None) -> SiteWalk:
    """`walk` in both colour schemes."""
    return walk(browser, site_url, paths, SCHEMES, pages)
