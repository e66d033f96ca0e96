"""The search index and the search worker load when the reader first uses search, not on every
page view (assets/search-on-demand.js, placed by hooks/search_on_demand.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

INDEX = "search/search_index.json"
WORKER = "/workers/search."


def _watch(browser: Browser):
    context = browser.new_context(viewport={"width": 1350, "height": 940})
    page = context.new_page()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    return context, page, requested


@pytest.mark.parametrize("path", ["/", "/en/methods/"])
def test_a_page_view_loads_neither_the_index_nor_the_worker(browser: Browser, site_url: str, path: str) -> None:
    context, page, requested = _watch(browser)
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if INDEX in url or WORKER in url], requested
    assert page.workers == []
    context.close()


@pytest.mark.parametrize(("path", "query"), [("/", "微调"), ("/en/", "LoRA")])
def test_searching_loads_them_and_finds_results(browser: Browser, site_url: str, path: str, query: str) -> None:
    context, page, requested = _watch(browser)
    page.goto(site_url + path, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    box.press("End")  # Material reads the query on keyup
    expect(page.locator(".md-search-result__item > a").first).to_be_visible()
    index = [url for url in requested if INDEX in url]
    assert len(index) == 1 and ("/en/search/" in index[0]) == path.startswith("/en/"), index
    assert len(page.workers) == 1
    context.close()


def test_a_search_term_in_the_address_is_highlighted_at_once(browser: Browser, site_url: str) -> None:
    context, page, requested = _watch(browser)
    page.goto(site_url + "/en/methods/?h=fine", wait_until="networkidle")
    expect(page.locator("article mark").first).to_be_visible()
    assert [url for url in requested if INDEX in url]
    context.close()
