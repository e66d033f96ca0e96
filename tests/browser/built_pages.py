"""The built site's pages as URL paths, for the browser tests that visit every page."""

from __future__ import annotations

from pathlib import Path

from tests.support.build import html_pages


def url_path(site_dir: Path, page: Path) -> str:
    """/methods/ for methods/index.html, /en/ for en/index.html, /404.html for 404.html."""
    relative = page.relative_to(site_dir).as_posix()
    return "/" + relative.removesuffix("index.html")


def page_paths(site_dir: Path, language: str | None = None) -> list[str]:
    """Every page's URL path; with language "en" only the English ones, with "zh" only the others."""
    paths = [url_path(site_dir, page) for page in html_pages(site_dir)]
    if language is None:
        return paths
    return [path for path in paths if path.startswith("/en/") == (language == "en")]
