"""Every internal link and #fragment in the built site resolves (both languages).

MkDocs checks links between Markdown pages; this also covers links in templates, raw HTML
and macro output, which MkDocs does not see.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

from scripts.make_pdf import PDF_FILES
from tests.support.build import html_pages
from tests.support.pages import parse_html

# Files `make pdf` adds to the site after `make build` (tests/test_pdf.py checks that it does).
MADE_BY_MAKE_PDF = frozenset(PDF_FILES.values())


@cache
def _ids(page: Path) -> frozenset[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return frozenset(str(tag["id"]) for tag in soup.find_all(id=True)) | frozenset(
        str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})
    )


def _target_file(site_dir: Path, page: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)
    target = (site_dir / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _made_by_make_pdf(site_dir: Path, page: Path, url: str) -> bool:
    target = (page.parent / unquote(urlsplit(url).path)).resolve()
    return target.is_relative_to(site_dir.resolve()) and target.relative_to(site_dir.resolve()).as_posix() in (
        MADE_BY_MAKE_PDF
    )


def broken_links(site_dir: Path) -> list[str]:
    problems = []
    for page in html_pages(site_dir):
        soup = parse_html(page)  # parsed once per session, shared with the other site checks (read-only)
        for tag in soup.find_all(["a", "link"], href=True):
            href = str(tag["href"])
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            where = f"{page.relative_to(site_dir)}: {href}"
            url, fragment = urldefrag(href)
            target = _target_file(site_dir, page, url) if url else page
            if target is None and _made_by_make_pdf(site_dir, page, url):
                continue
            if target is None:
                problems.append(f"{where} → no such file")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target):
                problems.append(f"{where} → no element with id '{unquote(fragment)}'")
    return problems


def test_every_internal_link_and_fragment_resolves(site_dir: Path) -> None:
    assert broken_links(site_dir) == []


def test_the_checker_reports_a_missing_page_and_a_missing_id(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href="missing/">x</a><a href="#nowhere">y</a><a href="#here" id="here">z</a>', encoding="utf-8"
    )
    assert broken_links(tmp_path) == [
        "index.html: missing/ → no such file",
        "index.html: #nowhere → no element with id 'nowhere'",
    ]
