"""Every built page (both languages) is well-formed for readers and assistive technology.

Each check is a small function from a parsed page to a list of problems, so the same code runs
over the real site and over tiny pages with a planted defect.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.support.build import html_pages
from tests.support.pages import h1_problems, parse_html

CHINESE = "zh-Hans"
ENGLISH = "en"
# Labelled controls name their own icons; an <svg> inside one needs no name of its own.
LABELLED_CONTROLS = ["a", "button", "label"]


@cache
def _soup(page: Path) -> BeautifulSoup:
    return parse_html(page)  # parsed once per session, shared with the other site checks (read-only)


def _parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def expected_language(relative: Path) -> str:
    """zh-Hans for Chinese pages (and the shared, bilingual 404 page), en under /en/."""
    if relative.parts[0] == "en":
        return ENGLISH
    return CHINESE


def language_problems(soup: BeautifulSoup, expected: str) -> list[str]:
    html = soup.find("html")
    lang = html.get("lang") if isinstance(html, Tag) else None
    return [] if lang == expected else [f"lang={lang!r}, expected {expected!r}"]


def duplicate_id_problems(soup: BeautifulSoup) -> list[str]:
    counts = Counter(str(tag["id"]) for tag in soup.find_all(id=True))
    return [f"id {name!r} used {count} times" for name, count in sorted(counts.items()) if count > 1]


def _decorative(tag: Tag) -> bool:
    return tag.get("aria-hidden") == "true" or tag.get("role") in ("presentation", "none")


def image_alt_problems(soup: BeautifulSoup) -> list[str]:
    """Every <img> has alt text (alt="" only when marked decorative); every content <svg> has a name."""
    problems = [
        f"<img src={img.get('src')!r}> has no alt text"
        for img in soup.find_all("img")
        if not str(img.get("alt") or "").strip() and not (img.has_attr("alt") and _decorative(img))
    ]
    for svg in soup.select("article svg"):
        hidden = svg.find_parent(attrs={"aria-hidden": "true"}) is not None  # hidden with its container
        if _decorative(svg) or hidden or svg.find_parent(LABELLED_CONTROLS) is not None:
            continue
        named = svg.get("aria-label") or svg.get("aria-labelledby") or svg.find("title")
        if svg.get("role") != "img" or not named:
            problems.append('content <svg> needs role="img" and a name (aria-label or <title>)')
    return problems


def _accessible_name(link: Tag) -> str:
    images = " ".join(str(img.get("alt") or "") for img in link.find_all("img"))
    svg_titles = " ".join(title.get_text() for title in link.select("svg title"))
    parts = [link.get_text(), str(link.get("aria-label") or ""), str(link.get("title") or ""), images, svg_titles]
    return " ".join(parts).strip()


def empty_link_problems(soup: BeautifulSoup) -> list[str]:
    return [
        f"<a href={link['href']!r}> has no text, aria-label or title"
        for link in soup.find_all("a", href=True)
        if not _accessible_name(link) and not link.get("aria-labelledby")
    ]


def skip_link_problems(soup: BeautifulSoup) -> list[str]:
    """Material's skip link is the first link in the body and jumps to the article's first heading."""
    skip = soup.select_one("a.md-skip[href^='#']")
    if skip is None:
        return ["no skip link"]
    target = soup.find(id=str(skip["href"])[1:])
    if target is None or target.find_parent("article") is None:
        return [f"skip link {skip['href']!r} does not lead into the article"]
    return []


def _site_problems(site_dir: Path, check: Callable[[Path, BeautifulSoup], list[str]]) -> list[str]:
    problems = []
    for page in html_pages(site_dir):
        relative = page.relative_to(site_dir)
        problems += [f"{relative}: {problem}" for problem in check(relative, _soup(page))]
    return problems


def _content_pages(site_dir: Path) -> list[Path]:
    return [page for page in html_pages(site_dir) if page.name == "index.html"]


# --- the gates, over every built page ---------------------------------------------------------


def test_the_site_has_pages_in_both_languages(site_dir: Path) -> None:
    pages = [page.relative_to(site_dir) for page in _content_pages(site_dir)]
    chinese = [page for page in pages if page.parts[0] != "en"]
    english = [page for page in pages if page.parts[0] == "en"]
    assert chinese and len(chinese) == len(english)


def test_every_page_declares_its_language(site_dir: Path) -> None:
    assert _site_problems(site_dir, lambda rel, soup: language_problems(soup, expected_language(rel))) == []


def test_every_page_has_exactly_one_h1(site_dir: Path) -> None:
    assert _site_problems(site_dir, lambda rel, soup: h1_problems(soup)) == []


def test_ids_are_unique_within_every_page(site_dir: Path) -> None:
    assert _site_problems(site_dir, lambda rel, soup: duplicate_id_problems(soup)) == []


def test_every_image_has_alt_text(site_dir: Path) -> None:
    assert _site_problems(site_dir, lambda rel, soup: image_alt_problems(soup)) == []


def test_no_link_is_empty(site_dir: Path) -> None:
    assert _site_problems(site_dir, lambda rel, soup: empty_link_problems(soup)) == []


def test_every_content_page_has_a_skip_link_into_the_article(site_dir: Path) -> None:
    problems = [
        f"{page.relative_to(site_dir)}: {problem}"
        for page in _content_pages(site_dir)
        for problem in skip_link_problems(_soup(page))
    ]
    assert problems == []


# --- each check catches a planted defect -------------------------------------------------------

GOOD_PAGE = """<html lang="zh-Hans"><body><a class="md-skip" href="#top-heading">跳转至</a>
<article><h1 id="top-heading">标题</h1><img src="a.png" alt="示意图">
<svg role="img" aria-label="流程图"></svg><a href="x/">链接</a><a href="y/" title="编辑"><svg></svg></a>
</article></body></html>"""


def test_a_clean_page_passes_every_check() -> None:
    soup = _parse(GOOD_PAGE)
    checks = [
        language_problems(soup, CHINESE),
        h1_problems(soup),
        duplicate_id_problems(soup),
        image_alt_problems(soup),
        empty_link_problems(soup),
        skip_link_problems(soup),
    ]
    assert checks == [[], [], [], [], [], []]


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("index.html", CHINESE),
        ("404.html", CHINESE),
        ("methods/index.html", CHINESE),
        ("en/methods/index.html", ENGLISH),
    ],
)
def test_the_expected_language_follows_the_url(relative: str, expected: str) -> None:
    assert expected_language(Path(relative)) == expected


def test_a_wrong_language_is_reported() -> None:
    assert language_problems(_parse('<html lang="en"></html>'), CHINESE) == ["lang='en', expected 'zh-Hans'"]
    assert language_problems(_parse("<html></html>"), ENGLISH) == ["lang=None, expected 'en'"]


def test_a_missing_or_second_h1_is_reported() -> None:
    assert h1_problems(_parse("<h2>x</h2>")) == ["0 <h1> elements, expected exactly one"]
    assert h1_problems(_parse("<h1>a</h1><h1>b</h1>")) == ["2 <h1> elements, expected exactly one"]


def test_a_duplicate_id_is_reported() -> None:
    assert duplicate_id_problems(_parse('<p id="a"></p><p id="a"></p><p id="b"></p>')) == ["id 'a' used 2 times"]


def test_an_image_without_alt_is_reported() -> None:
    assert image_alt_problems(_parse('<img src="a.png"><img src="b.png" alt="">')) == [
        "<img src='a.png'> has no alt text",
        "<img src='b.png'> has no alt text",
    ]
    assert image_alt_problems(_parse('<img src="c.png" alt="" role="presentation">')) == []


def test_an_unnamed_content_svg_is_reported() -> None:
    assert image_alt_problems(_parse('<article><svg role="img"></svg></article>')) == [
        'content <svg> needs role="img" and a name (aria-label or <title>)'
    ]
    assert image_alt_problems(_parse('<article><svg aria-hidden="true"></svg></article>')) == []


def test_an_empty_link_is_reported() -> None:
    soup = _parse('<a href="a/"></a><a href="b/"><svg></svg></a><a href="c/" aria-label="C"></a><a name="d"></a>')
    assert empty_link_problems(soup) == [
        "<a href='a/'> has no text, aria-label or title",
        "<a href='b/'> has no text, aria-label or title",
    ]


def test_a_missing_or_misdirected_skip_link_is_reported() -> None:
    assert skip_link_problems(_parse("<article><h1 id='t'>x</h1></article>")) == ["no skip link"]
    misdirected = '<a class="md-skip" href="#nav">skip</a><nav id="nav"></nav><article><h1>x</h1></article>'
    assert skip_link_problems(_parse(misdirected)) == ["skip link '#nav' does not lead into the article"]
