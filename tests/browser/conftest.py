"""Fixtures of the browser tests that several modules share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.browser.page_problems import watch_problems
from tests.browser.practice_deck import LANGS, Deck


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
