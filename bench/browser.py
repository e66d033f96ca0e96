"""Measurements in a real browser (Playwright driving Debian's Chromium): page weight, search."""

from __future__ import annotations

import json
import os
import re
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Request, sync_playwright

from bench.server import gzip_size

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# The screens Lighthouse emulates: its desktop preset, and its default mobile (a Moto G Power).
PROFILES = {
    "desktop": {"viewport": {"width": 1350, "height": 940}, "device_scale_factor": 1},
    "mobile": {
        "viewport": {"width": 412, "height": 823},
        "device_scale_factor": 1.75,
        "is_mobile": True,
        "has_touch": True,
    },
}
# Collects layout-shift entries, naming the elements that moved (installed before page scripts run).
_WATCH_SHIFTS = """() => {
  window.__benchShifts = [];
  const classes = node => typeof node.className === "string" ? node.className.trim().split(/\\s+/) : [];
  const describe = node => !node ? "?" : node.nodeType !== 1 ? "#text" :
    [node.tagName.toLowerCase() + (node.id ? "#" + node.id : ""), ...classes(node)].filter(Boolean).join(".");
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) window.__benchShifts.push({
      value: entry.value, at_ms: entry.startTime, had_recent_input: entry.hadRecentInput,
      elements: entry.sources.map(source => describe(source.node)),
    });
  }).observe({type: "layout-shift", buffered: true});
}"""
# Ten queries a reader might type, each in the language of the home page it is typed on.
SEARCH_QUERIES = [
    ("zh", "微调"),
    ("zh", "奖励模型"),
    ("zh", "预训练"),
    ("zh", "上下文学习"),
    ("zh", "数据"),
    ("en", "LoRA"),
    ("en", "fine-tuning"),
    ("en", "reward model"),
    ("en", "adapter"),
    ("en", "prompt engineering"),
]


@dataclass
class LayoutShift:
    value: float
    at_ms: float
    had_recent_input: bool
    elements: list[str]  # what moved, as tag#id.class


@dataclass
class PageWeight:
    lang: str
    path: str
    html_bytes: int
    html_gzip_bytes: int
    transferred_bytes: int = 0
    requests: int = 0
    failed_requests: list[str] = field(default_factory=list)
    js_bytes: int = 0
    js_transferred_bytes: int = 0
    css_bytes: int = 0
    css_transferred_bytes: int = 0
    transferred_by_type: dict[str, int] = field(default_factory=dict)
    # Layout shifts seen during the load, at Lighthouse's desktop and mobile screen sizes.
    shifts: dict[str, list[LayoutShift]] = field(default_factory=dict)
    # Main-thread CPU time of the mobile load (Chromium's thread clock, so other work on the
    # machine barely changes it), in ms, and the DOM size.
    cpu_ms: dict[str, float] = field(default_factory=dict)
    dom_nodes: int = 0


@dataclass
class SearchTiming:
    lang: str
    query: str
    milliseconds: float
    results: int


@dataclass
class SearchIndex:
    path: str
    bytes: int
    gzip_bytes: int
    documents: int


@dataclass
class SearchFigures:
    indexes: list[SearchIndex] = field(default_factory=list)
    ready_after_first_use_ms: dict[str, float] = field(default_factory=dict)
    timings: list[SearchTiming] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(timing.milliseconds for timing in self.timings)


def search_indexes(site_dir: Path) -> list[SearchIndex]:
    """Every search_index.json in the build (one shared, or one per language)."""
    indexes = []
    for file in sorted(site_dir.rglob("search/search_index.json")):
        documents = len(json.loads(file.read_text(encoding="utf-8")).get("docs", []))
        relative = file.relative_to(site_dir).as_posix()
        indexes.append(SearchIndex(relative, file.stat().st_size, gzip_size(file), documents))
    return indexes


def site_pages(site_dir: Path) -> list[tuple[str, str, Path]]:
    """(language, URL path, file) for every page of both languages, the 404 page excluded."""
    pages = []
    for file in sorted(site_dir.rglob("index.html")):
        parts = file.relative_to(site_dir).parts
        if parts[0] in ("assets", "search"):
            continue
        url_path = "/" + "".join(part + "/" for part in parts[:-1])
        pages.append(("en" if parts[0] == "en" else "zh", url_path, file))
    return pages


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _transferred(request: Request) -> tuple[int, int]:
    """(bytes on the wire: headers + encoded body, decoded body bytes) for a finished request."""
    response = request.response()
    sizes = request.sizes()
    if response is None:
        return sizes["responseHeadersSize"], 0
    # Chromium reports no encoded size for a worker's script; the server always sends Content-Length.
    encoded = int(response.headers.get("content-length", sizes["responseBodySize"]))
    try:
        decoded = len(response.body())
    except Exception:  # redirects have no body
        decoded = 0
    return sizes["responseHeadersSize"] + encoded, decoded


def page_weight(browser: Browser, base_url: str, lang: str, url_path: str, html_file: Path) -> PageWeight:
    """First load with an empty cache, until the network has been idle for 500 ms (desktop screen);
    then a second load at the mobile screen size, for its layout shifts and CPU time."""
    weight = PageWeight(lang, url_path, html_file.stat().st_size, gzip_size(html_file))
    for profile in ("desktop", "mobile"):
        load = _load(browser, base_url + url_path, profile)
        weight.shifts[profile] = load.shifts
        if profile == "desktop":
            _add_requests(weight, load.transfers, load.failed)
        else:
            weight.cpu_ms = {name: round(load.metrics[metric] * 1000, 1) for name, metric in CPU_METRICS.items()}
            weight.dom_nodes = int(load.metrics["Nodes"])
    return weight


Transfer = tuple[str, str, int, int]  # URL, resource type, bytes on the wire, decoded body bytes
# Chromium's Performance.getMetrics names, measured in thread time (timeDomain threadTicks).
CPU_METRICS = {
    "total": "TaskDuration",
    "script": "ScriptDuration",
    "layout": "LayoutDuration",
    "style": "RecalcStyleDuration",
}


@dataclass
class Load:
    transfers: list[Transfer]
    failed: list[str]
    shifts: list[LayoutShift]
    metrics: dict[str, float]


def _load(browser: Browser, url: str, profile: str) -> Load:
    """One cold load of url, followed until the network is idle."""
    context = browser.new_context(**PROFILES[profile])
    page = context.new_page()
    page.add_init_script(f"({_WATCH_SHIFTS})()")
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    finished: list[Request] = []
    failed: list[str] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    shifts = [LayoutShift(**shift) for shift in page.evaluate("() => window.__benchShifts")]
    metrics = {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}
    transfers = [(request.url, request.resource_type, *_transferred(request)) for request in finished]
    context.close()
    return Load(transfers, failed, shifts, metrics)


def _add_requests(weight: PageWeight, finished: list[Transfer], failed: list[str]) -> None:
    weight.failed_requests = sorted(set(failed))
    weight.requests = len(finished) + len(set(failed) - {url for url, *_ in finished})
    for _url, kind, wire, decoded in finished:
        weight.transferred_bytes += wire
        weight.transferred_by_type[kind] = weight.transferred_by_type.get(kind, 0) + wire
        if kind == "script":
            weight.js_bytes += decoded
            weight.js_transferred_bytes += wire
        elif kind == "stylesheet":
            weight.css_bytes += decoded
            weight.css_transferred_bytes += wire


def page_weights(
    browser: Browser, base_url: str, site_dir: Path, progress: Callable[[str], None], only: set[str] | None = None
) -> list[PageWeight]:
    """Every page of site_dir (or only those URL paths)."""
    weights = []
    for lang, url_path, html_file in site_pages(site_dir):
        if only is not None and url_path not in only:
            continue
        weights.append(page_weight(browser, base_url, lang, url_path, html_file))
        last = weights[-1]
        progress(
            f"  {url_path}: {last.transferred_bytes / 1024:.0f} KiB in {last.requests} requests, "
            f"{last.cpu_ms['total']:.0f} ms main-thread CPU"
        )
    return weights


# Records, in the page, when Material can first read the whole query (a keyup with the complete
# value: it reads the query on keyup) and when the results area last changed after that.
_INSTRUMENT = """() => {
  const input = document.querySelector("input.md-search__input");
  const results = document.querySelector("[data-md-component=search-result]");
  window.__bench = {query: null, complete: null, last: null};
  document.addEventListener("keyup", () => {
    const b = window.__bench;
    if (b.query !== null && b.complete === null && input.value === b.query) b.complete = performance.now();
  }, true);
  new MutationObserver(() => { window.__bench.last = performance.now(); })
    .observe(results, {childList: true, subtree: true, characterData: true});
}"""


def _settled(page: Page, quiet_ms: float = 400, timeout_s: float = 15) -> dict:
    """Wait until results have rendered after the complete query and nothing changed for quiet_ms."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        state = page.evaluate("() => ({...window.__bench, now: performance.now()})")
        complete, last = state["complete"], state["last"]
        if complete is not None and last is not None and last >= complete and state["now"] - last >= quiet_ms:
            return state
        time.sleep(0.05)
    raise TimeoutError(f"search results never settled: {state}")


# Records when Material replaces the "initialising search" text, i.e. when the index is ready.
_WATCH_READY = """initializer => {
  window.__benchReady = null;
  const observer = new MutationObserver(() => {
    const meta = document.querySelector(".md-search-result__meta");
    const text = meta ? meta.textContent.trim() : "";
    if (text && text !== initializer) { window.__benchReady = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, {childList: true, subtree: true, characterData: true});
}"""


def _search_initializer(html_file: Path) -> str:
    """The text Material shows in the results area until the search index is ready."""
    match = re.search(r'class="md-search-result__meta">\s*([^<]*?)\s*<', html_file.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"no search results area in {html_file}")
    return match.group(1)


def _open_search(browser: Browser, base_url: str, site_dir: Path, lang: str) -> tuple[Page, float]:
    """A fresh page with the search box focused; returns it and ms from the first click in the search
    box to the index being ready (the index and worker load on first use: assets/search-on-demand.js)."""
    home = "/en/" if lang == "en" else "/"
    initializer = _search_initializer(site_dir / home.strip("/") / "index.html")
    page = browser.new_context().new_page()
    page.add_init_script(f"({_WATCH_READY})({json.dumps(initializer)})")
    page.goto(base_url + home, wait_until="load")
    page.evaluate(_INSTRUMENT)
    clicked = page.evaluate("() => performance.now()")
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => window.__benchReady !== null")
    ready = page.evaluate("() => window.__benchReady")
    return page, ready - clicked


def search_figures(browser: Browser, base_url: str, site_dir: Path, progress: Callable[[str], None]) -> SearchFigures:
    figures = SearchFigures(indexes=search_indexes(site_dir))
    pages: dict[str, Page] = {}
    for lang, query in SEARCH_QUERIES:
        if lang not in pages:
            pages[lang], figures.ready_after_first_use_ms[lang] = _open_search(browser, base_url, site_dir, lang)
        page = pages[lang]
        box = page.locator("input.md-search__input")
        box.fill("")
        box.press("End")
        page.wait_for_timeout(300)
        page.evaluate("q => { window.__bench = {...window.__bench, query: q, complete: null, last: null}; }", query)
        box.press_sequentially(query)
        box.press("End")
        state = _settled(page)
        results = page.locator(".md-search-result__item").count()
        figures.timings.append(SearchTiming(lang, query, state["last"] - state["complete"], results))
        progress(f"  search {query!r}: {figures.timings[-1].milliseconds:.0f} ms, {results} results")
    for page in pages.values():
        page.context.close()
    return figures
