"""Search finds the page a reader is looking for, in both languages.

tests/data/search_queries.yml lists queries a reader would type and, for each, the page that
answers it. Each query is entered into Material's search box (filled in, then a keyup), and the
expected page must be one of the first three results (a result item is a page with its
sections). recall@3, the share of queries that pass, is printed per language and must be 100%.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from macros.doc_links import site_path, source_file
from tests.support.build import REPO_ROOT

pytestmark = pytest.mark.browser

QUERIES_FILE = REPO_ROOT / "tests" / "data" / "search_queries.yml"
LANGUAGES = ("zh", "en")
MINIMUM_QUERIES = 20
TOP = 3
SEARCH_BOX = "input.md-search__input"
RESULT_ITEMS = "li.md-search-result__item"


@dataclass(frozen=True)
class Query:
    text: str
    page: str  # the docs page that answers it, by its Chinese file name: "methods.md"
    language: str

    @property
    def expected_path(self) -> str:
        """Where the answer is served: "methods/" or "en/methods/"."""
        return site_path(self.page, self.language)


def load_queries(path: Path = QUERIES_FILE, docs: Path = REPO_ROOT / "docs") -> dict[str, list[Query]]:
    """The queries per language; a malformed entry or a page that does not exist fails loudly."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == set(LANGUAGES), f"{path.name}: expected the keys zh and en"
    queries: dict[str, list[Query]] = {}
    for language in LANGUAGES:
        queries[language] = []
        for index, entry in enumerate(data[language]):
            where = f"{path.name}: {language}[{index}]"
            assert isinstance(entry, dict) and set(entry) == {"query", "page"}, f"{where}: needs query and page"
            assert source_file(entry["page"], language, docs).is_file(), f"{where}: no page {entry['page']}"
            queries[language].append(Query(str(entry["query"]), entry["page"], language))
    return queries


QUERIES = load_queries()


def test_each_language_has_enough_distinct_queries() -> None:
    for language, queries in QUERIES.items():
        texts = [query.text for query in queries]
        assert len(texts) >= MINIMUM_QUERIES, f"{language}: {len(texts)} queries, expected at least {MINIMUM_QUERIES}"
        assert len(texts) == len(set(texts)), f"{language}: a query is listed twice"


# --- searching like a reader ------------------------------------------------------------------


def _result_pages(page: Page) -> list[str]:
    """The page each result item links to, as a path from the site root ("en/methods/")."""
    hrefs = page.locator(RESULT_ITEMS).evaluate_all(
        "items => items.map(item => item.querySelector('a.md-search-result__link')?.href ?? '')"
    )
    return [urlsplit(urljoin(page.url, href)).path.removeprefix("/") for href in hrefs]


# Counts the search worker's queries and answers (Material's message types: 2 a query, 3 its
# results; the worker answers every query, in order). Installed before the page's scripts, so
# assets/search-on-demand.js and Material's bundle start this Worker.
COUNT_SEARCHES = """
(() => {
  const NativeWorker = window.Worker;
  const searches = window.__searches = {sent: 0, answered: 0, last: null};
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 3) searches.answered += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) {
        searches.sent += 1;
        searches.last = message.data;
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
"""
# The worker has answered the query for the text in the box (and every query before it).
ANSWERED = """(box) => {
  const searches = window.__searches;
  return searches.sent > 0 && searches.answered === searches.sent
    && searches.last === document.querySelector(box).value;
}"""
TWO_FRAMES = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))"


def _settled(page: Page) -> list[str]:
    """The results once the worker has answered the whole query (each keyup starts a search)
    and its answer has been shown."""
    page.wait_for_function(ANSWERED, arg=SEARCH_BOX, timeout=10_000)
    page.evaluate(TWO_FRAMES)
    return _result_pages(page)


def search(page: Page, text: str) -> list[str]:
    """Clear the box, enter `text` and return the result pages in order."""
    box = page.locator(SEARCH_BOX)
    box.click()
    box.fill("")
    box.press("End")  # an empty query clears the previous results
    page.wait_for_function(f"() => document.querySelectorAll('{RESULT_ITEMS}').length === 0")
    box.fill(text)  # the whole query at once: typing it key by key only adds a search per key
    box.press("End")  # Material reads the query on keyup
    return _settled(page)


@dataclass(frozen=True)
class Outcome:
    query: Query
    results: list[str]

    @property
    def hit(self) -> bool:
        return self.query.expected_path in self.results[:TOP]

    def __str__(self) -> str:
        found = ", ".join(self.results[:TOP]) or "no results"
        return f"{self.query.text!r}: expected {self.query.expected_path}, top {TOP} were {found}"


@pytest.fixture(scope="module")
def outcomes(browser: Browser, site_url: str) -> Iterator[dict[str, list[Outcome]]]:
    """Every query's results: one browser page per language, reused for all its queries."""
    found: dict[str, list[Outcome]] = {}
    for language in LANGUAGES:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.add_init_script(COUNT_SEARCHES)
        try:
            page.goto(f"{site_url}/{site_path('index.md', language)}")
            found[language] = [Outcome(query, search(page, query.text)) for query in QUERIES[language]]
        finally:
            page.close()
    yield found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_listed_query_finds_its_page_in_the_top_three(language: str, outcomes: dict[str, list[Outcome]]) -> None:
    results = outcomes[language]
    hits = sum(outcome.hit for outcome in results)
    print(f"\nrecall@{TOP} {language}: {hits}/{len(results)} = {hits / len(results):.1%}")
    misses = [str(outcome) for outcome in results if not outcome.hit]
    assert not misses, f"recall@{TOP} {language} is {hits}/{len(results)}; missed:\n" + "\n".join(misses)
