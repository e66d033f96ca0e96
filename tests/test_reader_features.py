"""What readers of the best documentation sites expect, on every content page of the built site:
page dates (with a labelled fallback when there is no git history), sharing cards, a link to
report a problem, and the code copy button."""

from __future__ import annotations

import json
import re
import struct
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from tests.support.build import REPO_ROOT, BuildResult, html_pages
from tests.support.pages import parse_html
from tests.support.planted import HOSTILE_DESCRIPTION, unplanted_warnings

CONFIG = load_config(str(REPO_ROOT / "mkdocs.yml"))
REPO_URL = CONFIG["repo_url"].rstrip("/")
DATE = {
    "zh": (
        re.compile(r"^最后更新：\s*\d{4}年\d{1,2}月\d{1,2}日"),
        re.compile(r"^创建日期：\s*\d{4}年\d{1,2}月\d{1,2}日"),
    ),
    "en": (
        re.compile(r"^Last update:\s*[A-Z][a-z]+ \d{1,2}, \d{4}"),
        re.compile(r"^Created:\s*[A-Z][a-z]+ \d{1,2}, \d{4}"),
    ),
}
LOCALE = {"zh": "zh_CN", "en": "en_US"}


def content_pages(site_dir: Path) -> list[tuple[str, Path]]:
    """(language, file) for every page made from docs/ (not the 404 page)."""
    pages = [page for page in html_pages(site_dir) if page.name == "index.html"]
    return [("en" if page.relative_to(site_dir).parts[0] == "en" else "zh", page) for page in pages]


def soup_of(page: Path) -> BeautifulSoup:
    return parse_html(page)  # parsed once per session, shared with the other site checks (read-only)


def meta(soup: BeautifulSoup, key: str) -> str:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    assert tag is not None, f"no <meta> {key}"
    return tag["content"]


def test_every_content_page_is_checked(site_dir: Path) -> None:
    pages = content_pages(site_dir)
    assert len(pages) >= 20
    assert {lang for lang, _ in pages} == {"zh", "en"}


def test_every_page_shows_localised_updated_and_created_dates(site_dir: Path) -> None:
    for lang, page in content_pages(site_dir):
        facts = [fact.get_text(" ", strip=True) for fact in soup_of(page).select(".md-source-file__fact")]
        assert len(facts) == 2, f"{page}: expected an updated and a created date, got {facts}"
        assert all(form.match(fact) for form, fact in zip(DATE[lang], facts, strict=True)), f"{page}: {facts}"


def test_every_page_has_open_graph_and_twitter_tags_in_its_language(site_dir: Path) -> None:
    for lang, page in content_pages(site_dir):
        soup = soup_of(page)
        assert meta(soup, "og:locale") == LOCALE[lang], page
        assert meta(soup, "og:url") == soup.find("link", rel="canonical")["href"], page
        assert meta(soup, "og:description") == soup.find("meta", attrs={"name": "description"})["content"], page
        assert meta(soup, "og:title").startswith(soup.title.get_text().split(" - ")[0]), page
        assert meta(soup, "twitter:card") == "summary_large_image", page
        image = meta(soup, "og:image")
        assert image == meta(soup, "twitter:image")
        parsed = urllib.parse.urlparse(image)
        assert parsed.scheme in ("http", "https") and parsed.netloc, f"{page}: og:image is not absolute: {image}"
        assert parsed.path.endswith(f"/assets/social/card-{lang}.png"), page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_images_are_1200_by_630_pngs_shipped_with_the_site(site_dir: Path, lang: str) -> None:
    data = (site_dir / "assets" / "social" / f"card-{lang}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def test_every_page_links_to_a_prefilled_new_issue_beside_edit(site_dir: Path) -> None:
    for lang, page in content_pages(site_dir):
        soup = soup_of(page)
        link = soup.select_one("[data-report-problem]")
        assert link is not None, f"{page}: no report-a-problem link"
        assert link.find_previous_sibling("a", rel="edit") is not None, f"{page}: not beside 'edit this page'"
        url = urllib.parse.urlparse(link["href"])
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
        query = urllib.parse.parse_qs(url.query)
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical in query["body"][0], page
        if page.parent not in (site_dir, site_dir / "en"):  # the home page's <title> is the site name
            title = soup.title.get_text().rsplit(" - ", 1)[0]
            assert query["title"][0].endswith(title), page
        assert link["aria-label"] == ("Report a problem with this page" if lang == "en" else "报告本页的问题")


def test_code_blocks_get_a_copy_button(site_dir: Path) -> None:
    soup = soup_of(site_dir / "index.html")
    settings = json.loads(soup.find(id="__config").get_text())
    assert "content.code.copy" in settings["features"]


# The next two read the one planted build (tests.support.planted): a copy outside git whose
# methods.en.md has a hostile description; its only warnings are two planted broken links.


def test_a_hostile_description_stays_inside_its_attributes(planted_site: BuildResult) -> None:
    assert unplanted_warnings(planted_site) == [], planted_site.log
    soup = soup_of(planted_site.site_dir / "en" / "methods" / "index.html")
    assert soup.head.find("script", string=re.compile("alert")) is None
    assert meta(soup, "description") == HOSTILE_DESCRIPTION  # overrides/main.html's <meta name="description">
    assert meta(soup, "og:description") == HOSTILE_DESCRIPTION
    assert meta(soup, "twitter:description") == HOSTILE_DESCRIPTION


def test_without_git_history_pages_show_the_build_date_and_say_so(planted_site: BuildResult) -> None:
    assert unplanted_warnings(planted_site) == [], planted_site.log
    assert "Page dates: the sources are not in a git repository" in planted_site.log
    zh = soup_of(planted_site.site_dir / "methods" / "index.html").select_one(".md-source-file__fact")
    en = soup_of(planted_site.site_dir / "en" / "methods" / "index.html").select_one(".md-source-file__fact")
    assert "构建日期" in zh.get_text()
    assert "build date" in en.get_text()
