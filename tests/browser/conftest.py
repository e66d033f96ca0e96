"""Fixtures of the browser tests that several modules share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.built_pages import page_paths
from tests.browser.page_problems import watch_problems
from tests.browser.practice_deck import LANGS, Deck
from tests.browser.site_walk import SiteWalk, walk_site


@pytest.fixture(scope="session")
def site_walk(browser: Browser, site_url: str, site_dir: Path) -> SiteWalk:
    """Every built page visited once per colour scheme; the accessibility, CSP and third-party
    tests each assert their property on these visits (tests/browser/site_walk.py)."""
    paths = page_paths(site_dir)
    assert any(path.startswith("/en/") for path in paths) and "/" in paths, paths
    return walk_site(browser, site_url, paths)


# One made-up page with a defect for each property the site walk records: the tests of those
# properties walk it as they walk the site, and must find their defect and name the page.
PLANTED_PATH = "/planted/"
PLANTED_PAGE = """<!doctype html><html lang="en"><head><title>Planted</title>
<meta http-equiv="Content-Security-Policy" content="script-src 'self'">
<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">
</head><body><main><h1>Planted</h1>
<img src="https://cdn.example.com/pixel.png">
<img src="https://images.example.net/below-the-fold.png" alt="lazy" loading="lazy" style="margin-top:5000px">
<script>window.__planted = true;</script>
</main></body></html>"""


@pytest.fixture(scope="session")
def planted_walk(browser: Browser, site_url: str) -> SiteWalk:
    """The site walk over PLANTED_PAGE alone: an image without alt text (axe), an inline script
    its policy refuses (CSP), and a stylesheet and two images, one lazy, from other hosts."""
    return walk_site(browser, site_url, [PLANTED_PATH], pages={PLANTED_PATH: PLANTED_PAGE})


@pytest.fixture(scope="module", params=LANGS)
def _tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Deck]:
    """One browser tab per language, shared by the tests of this module that use `deck`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    deck = Deck(context.new_page(), request.param)
    deck.problems = watch_problems(deck.page)
    yield deck
    context.close()


@pytest.fixture
def deck(_tab: Deck, site_url: str) -> Iterator[Deck]:
    """The practice page with no stored progress; no console error may occur while it is used."""
    if _tab.page.url.startswith(site_url):  # the tab's first test starts on about:blank, with nothing stored
        _tab.page.evaluate("localStorage.clear()")
    _tab.problems.clear()
    yield _tab.open(site_url)
    assert _tab.problems == []
