"""Known defects of Material + i18n, each fixed in this project and pinned by a test."""

from __future__ import annotations

import logging
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from hooks.i18n_instant_warning import I18N_LOGGER, STALE_SWITCHER_WARNING, DropStaleSwitcherWarning
from tests.support.build import html_pages
from tests.support.pages import parse_html


def _soup(page: Path) -> BeautifulSoup:
    return parse_html(page)  # parsed once per session, shared with the other site checks (read-only)


def test_no_page_makes_material_fetch_a_missing_sitemap(site_dir: Path) -> None:
    # Material fetches sitemap.xml beside each hreflang link in the head, on every page view.
    for page in html_pages(site_dir):
        for link in _soup(page).select("head link[rel=alternate][hreflang]"):
            href = str(link["href"])
            directory = site_dir / href.lstrip("/") if href.startswith("/") else page.parent / href
            assert (directory / "sitemap.xml").resolve().is_file(), f"{page.relative_to(site_dir)}: {href}"


def test_sitemap_lists_each_pages_translations(site_dir: Path) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(site_dir / "sitemap.xml").getroot().findall("s:url", namespaces)
    assert urls
    for url in urls:
        languages = {link.get("hreflang") for link in url.findall("x:link", namespaces)}
        assert languages == {"zh", "en"}, url.findtext("s:loc", namespaces=namespaces)


def test_each_page_lists_its_translations_for_the_switcher(site_dir: Path) -> None:
    page = _soup(site_dir / "en" / "index.html")
    links = {a["hreflang"]: a["href"] for a in page.select("[data-page-translations] a[hreflang]")}
    assert set(links) == {"zh", "en"}


def test_search_dialog_has_an_accessible_name(site_dir: Path) -> None:
    for page in (site_dir / "index.html", site_dir / "en" / "index.html"):
        dialog = _soup(page).select_one(".md-search[role=dialog]")
        assert dialog is not None and dialog.get("aria-label"), page


def test_pages_declare_their_language(site_dir: Path) -> None:
    assert _soup(site_dir / "index.html").html["lang"] == "zh-Hans"
    assert _soup(site_dir / "en" / "index.html").html["lang"] == "en"


def test_the_instant_navigation_warning_is_dropped_and_nothing_else() -> None:
    dropper = DropStaleSwitcherWarning()

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord(I18N_LOGGER, logging.WARNING, __file__, 1, message, None, None)

    assert not dropper.filter(record(f"mkdocs-material {STALE_SWITCHER_WARNING} with theme.features"))
    assert dropper.filter(record("some other warning"))


def test_a_strict_build_with_instant_navigation_does_not_abort(site_dir: Path) -> None:
    # The session build is strict and has navigation.instant on; it reached this point.
    assert "navigation.instant" in (site_dir / "index.html").read_text(encoding="utf-8")
