"""No third-party request at page view: every page, both languages, asks only the local server.

Every request of the browser context is recorded, and any to another host is aborted, so nothing
leaves the machine even when the gate fails. Lazy images are made eager so they count too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Request, Route

from tests.browser.built_pages import page_paths

pytestmark = pytest.mark.browser

LOCAL_SCHEMES = ("data", "blob", "about")


@dataclass
class RequestLog:
    """Every request the context made; `third_party` holds those to any origin but the site's."""

    site_origin: str
    third_party: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or f"{parts.scheme}://{parts.netloc}" == self.site_origin

    def record(self, request: Request) -> None:
        if not self.is_local(request.url):
            self.third_party.append(request.url)

    def guard(self, route: Route) -> None:
        if self.is_local(route.request.url):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")


@pytest.fixture(scope="module")
def guarded(browser: Browser, site_url: str) -> Iterator[tuple[BrowserContext, RequestLog]]:
    """One browser context that records every request and lets only the local server's through."""
    context = browser.new_context()
    log = RequestLog(site_origin=site_url)
    context.on("request", log.record)
    context.route("**/*", log.guard)
    yield context, log
    context.close()


EAGER = "() => document.querySelectorAll('[loading=lazy]').forEach((element) => { element.loading = 'eager'; })"
TABS = 4  # pages loaded side by side: most of a visit is waiting for the network to go quiet


def view(context: BrowserContext, urls: list[str]) -> None:
    """Load each page as a reader would, and wait until it has asked for everything it is going to."""
    tabs = [context.new_page() for _ in range(min(TABS, len(urls)))]
    for start in range(0, len(urls), len(tabs)):
        batch = list(zip(tabs, urls[start : start + len(tabs)], strict=False))
        for tab, url in batch:
            tab.goto(url, wait_until="commit")
        for tab, _ in batch:
            tab.wait_for_load_state("load")
            tab.evaluate(EAGER)
        for tab, _ in batch:
            tab.wait_for_load_state("networkidle")
    for tab in tabs:
        tab.close()


def test_no_page_requests_another_host(
    guarded: tuple[BrowserContext, RequestLog], site_url: str, site_dir: Path
) -> None:
    context, log = guarded
    log.third_party.clear()
    paths = page_paths(site_dir)
    assert any(path.startswith("/en/") for path in paths) and "/" in paths
    view(context, [site_url + path for path in paths])
    assert log.third_party == []


PLANTED = """<!doctype html><html lang="en"><head><title>Planted</title>
<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">
</head><body><h1>Planted</h1>
<img src="https://cdn.example.com/pixel.png" alt="pixel">
<img src="https://images.example.net/below-the-fold.png" alt="lazy" loading="lazy" style="margin-top:5000px">
</body></html>"""


def test_a_planted_third_party_request_is_caught_and_blocked(
    guarded: tuple[BrowserContext, RequestLog], site_url: str
) -> None:
    context, log = guarded
    log.third_party.clear()
    log.blocked.clear()
    context.route(site_url + "/planted/", lambda route: route.fulfill(body=PLANTED, content_type="text/html"))
    view(context, [site_url + "/planted/"])
    context.unroute(site_url + "/planted/")
    assert sorted(urlsplit(url).netloc for url in log.third_party) == [
        "cdn.example.com",
        "fonts.googleapis.com",
        "images.example.net",
    ]
    assert sorted(log.blocked) == sorted(log.third_party)
