"""Every content page, in both languages, is finished: one h1, a description, in the nav, no
placeholder text, no empty section.

The docs pages, where each is built and its text come from tests.support.pages, shared with the
other content checks. Each check is a small function from a page (or a snippet) to a list of
problems, so the same code runs over the real site and over a tiny sample with a planted defect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from mkdocs.config import load_config

from tests.support.build import REPO_ROOT
from tests.support.pages import (
    DOCS,
    LANGUAGES,
    PAGES,
    Page,
    article,
    built,
    h1_problems,
    meta_description,
    normalize,
    page_for,
    text_of,
)


def title_of(soup: BeautifulSoup) -> str:
    return normalize(soup.title.get_text()) if soup.title else ""


def front_matter(markdown: str) -> dict[str, Any] | None:
    """The YAML between the leading `---` lines, or None when the page has none."""
    match = re.match(r"---\n(.*?)\n---\n", markdown, re.DOTALL)
    if not match:
        return None
    data = yaml.safe_load(match.group(1))
    return data if isinstance(data, dict) else {}


def _ids(pages: Iterable[Page]) -> list[str]:
    return [page.source for page in pages]


# --- checks -----------------------------------------------------------------------------------

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Elements that are content even without text (a diagram, a table of images, code).
CONTENT_ELEMENTS = {"img", "svg", "table", "pre", "iframe", "video", "figure", "canvas", "math", "input"}
# Unfinished-work markers, both languages. Word boundaries keep e.g. "todos" or "TBDx" out of it.
PLACEHOLDERS = re.compile(
    r"\b(?:TODO|TBD|FIXME)\b|placeholder|\blorem\b|being written|coming soon|正在编写|待补充|待完善|敬请期待",
    re.IGNORECASE,
)


def description_problems(markdown: str) -> list[str]:
    """The front matter gives a non-empty one-line `description:` in the page's language."""
    data = front_matter(markdown)
    if data is None:
        return ["no front matter (--- description: ... ---)"]
    description = data.get("description")
    if description is None:
        return ["no description in the front matter"]
    if not isinstance(description, str) or not description.strip():
        return ["the description in the front matter is empty"]
    return []


def meta_description_problems(soup: BeautifulSoup, markdown: str) -> list[str]:
    """The built page's <meta name="description"> is the page's own, not the site's fallback."""
    expected = normalize(str((front_matter(markdown) or {}).get("description") or ""))
    found = meta_description(soup)
    if found is None:
        return ['no <meta name="description">']
    if normalize(found) != expected:
        return [f"meta description {found!r} is not the front matter's {expected!r}"]
    return []


def placeholder_problems(text: str) -> list[str]:
    return [f"placeholder text {found!r}" for found in sorted({m.group() for m in PLACEHOLDERS.finditer(text)})]


def _hidden(node: Tag | NavigableString) -> bool:
    return any(parent.has_attr("hidden") for parent in node.parents if isinstance(parent, Tag))


def _heading_title(heading: Tag) -> str:
    """The heading's text without Material's permalink (¶)."""
    parts = [str(s) for s in heading.find_all(string=True) if s.find_parent("a", class_="headerlink") is None]
    return normalize("".join(parts))


def _outline(body: Tag) -> list[tuple[int, str] | None]:
    """The body in document order: (level, title) for a heading, None for any piece of content."""
    events: list[tuple[int, str] | None] = []
    for node in body.descendants:
        if isinstance(node, Tag) and node.name in HEADINGS:
            events.append((int(node.name[1]), _heading_title(node)))
            continue
        if node.find_parent(HEADINGS) is not None or _hidden(node):
            continue
        is_content_element = isinstance(node, Tag) and node.name in CONTENT_ELEMENTS
        # Comments, CDATA and doctypes are strings too, but no reader sees them.
        is_text = isinstance(node, NavigableString) and not isinstance(node, PreformattedString) and bool(node.strip())
        if is_content_element or is_text:
            events.append(None)
    return events


def empty_section_problems(body: Tag) -> list[str]:
    """A heading followed directly by a heading of the same or a higher level, or by nothing."""
    events = _outline(body)
    problems = []
    for index, event in enumerate(events):
        if event is None:
            continue
        level, title = event
        following = events[index + 1] if index + 1 < len(events) else "end"
        if following == "end":
            problems.append(f"section {title!r} (h{level}) is empty: nothing follows it")
        elif following is not None and following[0] <= level:
            problems.append(f"section {title!r} (h{level}) is empty: the next heading, {following[1]!r}, follows it")
    return problems


def nav_files(nav: Any) -> set[str]:
    """Every docs file named in a MkDocs nav (nested sections included)."""
    if isinstance(nav, str):
        return {nav} if nav.endswith(".md") else set()
    if isinstance(nav, dict):
        return set().union(*(nav_files(value) for value in nav.values()))
    if isinstance(nav, list):
        return set().union(*(nav_files(item) for item in nav))
    return set()


def pages_missing_from_nav(pages: Iterable[Page], nav: Any) -> list[str]:
    """Pages whose Chinese file (the one the nav names for both languages) is not in the nav."""
    listed = nav_files(nav)
    return [str(page) for page in pages if page.twin not in listed]


def built_nav_urls(soup: BeautifulSoup, page_url: str) -> set[str]:
    """The site-root paths the primary navigation of a built page links to (this page included)."""
    nav = soup.select_one("nav.md-nav--primary")
    if nav is None:
        return set()
    base = "/" + page_url
    urls = {urlsplit(urljoin(base, str(a["href"]))).path for a in nav.select("a[href]")}
    return {url.removeprefix("/") for url in urls}


# --- the gates, over every page in both languages -----------------------------------------------


@pytest.mark.parametrize("doc", PAGES, ids=_ids(PAGES))
def test_page_has_exactly_one_h1(doc: Page, site_dir: Path) -> None:
    assert h1_problems(built(doc, site_dir)) == [], doc


@pytest.mark.parametrize("doc", PAGES, ids=_ids(PAGES))
def test_page_has_a_description_in_its_front_matter(doc: Page) -> None:
    assert description_problems((DOCS / doc.source).read_text(encoding="utf-8")) == [], doc


@pytest.mark.parametrize("doc", PAGES, ids=_ids(PAGES))
def test_page_meta_description_is_its_own(doc: Page, site_dir: Path) -> None:
    markdown = (DOCS / doc.source).read_text(encoding="utf-8")
    assert meta_description_problems(built(doc, site_dir), markdown) == [], doc


def test_every_page_is_in_the_mkdocs_nav() -> None:
    # load_config, not yaml.safe_load: mkdocs.yml uses !ENV tags.
    config = load_config(config_file=str(REPO_ROOT / "mkdocs.yml"))
    assert pages_missing_from_nav(PAGES, config["nav"]) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_in_the_built_nav_of_its_language(language: str, site_dir: Path) -> None:
    pages = [doc for doc in PAGES if doc.language == language]
    home = next(doc for doc in pages if doc.twin == "index.md")
    linked = built_nav_urls(built(home, site_dir), home.url)
    assert [str(doc) for doc in pages if doc.url not in linked] == []


@pytest.mark.parametrize("doc", PAGES, ids=_ids(PAGES))
def test_page_has_no_placeholder_text(doc: Page, site_dir: Path) -> None:
    soup = built(doc, site_dir)
    shown = " ".join([title_of(soup), meta_description(soup) or "", text_of(article(soup))])
    source = (DOCS / doc.source).read_text(encoding="utf-8")  # also catches <!-- TODO --> comments
    assert placeholder_problems(shown) + placeholder_problems(source) == [], doc


@pytest.mark.parametrize("doc", PAGES, ids=_ids(PAGES))
def test_page_has_no_empty_section(doc: Page, site_dir: Path) -> None:
    assert empty_section_problems(article(built(doc, site_dir))) == [], doc


# --- each check catches a planted defect ---------------------------------------------------------


def _html(body: str) -> BeautifulSoup:
    return BeautifulSoup(
        f'<html><head><title>T</title></head><body><article class="md-content__inner">{body}</article></body></html>',
        "html.parser",
    )


GOOD_MARKDOWN = "---\ndescription: 本页说明何时需要微调。\n---\n\n# 何时需要微调 { #when }\n\n正文。\n"
GOOD_BODY = """<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1><p>导语。</p>
<h2 id="a">一<a class="headerlink" href="#a">¶</a></h2><h3 id="a1">一之一</h3><p>内容。</p>
<h2 id="b">二</h2><figure><svg role="img" aria-label="图"></svg></figure>
<h2 id="c">三</h2><div><p>嵌套的内容也算。</p></div>
<ul data-page-translations hidden><li><a href="../en/">English</a></li></ul>"""


def test_a_finished_page_passes_every_check() -> None:
    soup = _html(GOOD_BODY)
    assert h1_problems(soup) == []
    assert description_problems(GOOD_MARKDOWN) == []
    assert placeholder_problems(text_of(article(soup)) + GOOD_MARKDOWN) == []
    assert empty_section_problems(article(soup)) == []


def test_a_page_without_an_h1_or_with_two_is_reported() -> None:
    assert h1_problems(_html("<h2>小标题</h2><p>正文</p>")) == ["0 <h1> elements, expected exactly one"]
    assert h1_problems(_html("<h1>一</h1><p>x</p><h1>二</h1>")) == ["2 <h1> elements, expected exactly one"]


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        ("# 标题\n\n正文。\n", "no front matter (--- description: ... ---)"),
        ("---\ntitle: 标题\n---\n\n# 标题\n", "no description in the front matter"),
        ("---\ndescription: ''\n---\n\n# 标题\n", "the description in the front matter is empty"),
        ("---\ndescription:\n---\n\n# 标题\n", "no description in the front matter"),
    ],
)
def test_a_missing_or_empty_description_is_reported(markdown: str, problem: str) -> None:
    assert description_problems(markdown) == [problem]


def test_a_page_showing_the_site_description_instead_of_its_own_is_reported() -> None:
    soup = BeautifulSoup('<html><head><meta name="description" content="站点简介"></head></html>', "html.parser")
    assert meta_description_problems(soup, GOOD_MARKDOWN) == [
        "meta description '站点简介' is not the front matter's '本页说明何时需要微调。'"
    ]


def test_a_page_left_out_of_the_nav_is_reported() -> None:
    nav = [{"首页": "index.md"}, {"微调": [{"方法": "methods.md"}, {"外链": "https://example.org/"}]}]
    pages = [page_for(name) for name in ("index.md", "methods.md", "methods.en.md", "orphan.md", "orphan.en.md")]
    assert pages_missing_from_nav(pages, nav) == ["docs/orphan.md", "docs/orphan.en.md"]


def test_the_built_nav_links_are_resolved_from_the_page() -> None:
    soup = BeautifulSoup(
        '<nav class="md-nav md-nav--primary"><a href="./">本页</a><a href="../methods/#lora">方法</a>'
        '<a href="../">首页</a></nav>',
        "html.parser",
    )
    assert built_nav_urls(soup, "en/lecture/") == {"en/lecture/", "en/methods/", "en/"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("本节 TODO：补上例子。", "TODO"),
        ("Numbers TBD.", "TBD"),
        ("fixme later", "fixme"),
        ("This is a placeholder.", "placeholder"),
        ("Lorem ipsum dolor sit amet.", "Lorem"),
        ("This section is being written.", "being written"),
        ("本页正在编写中。", "正在编写"),
        ("例子待补充。", "待补充"),
    ],
)
def test_placeholder_text_is_reported(text: str, found: str) -> None:
    assert placeholder_problems(text) == [f"placeholder text {found!r}"]


def test_ordinary_words_are_not_mistaken_for_placeholders() -> None:
    assert placeholder_problems("Todos los modelos; a TBDX token; 补充数据；编写提示词。") == []


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            "<h1>页</h1><p>导语</p><h2>空</h2><h2>有</h2><p>x</p>",
            "section '空' (h2) is empty: the next heading, '有', follows it",
        ),
        (
            "<h1>页</h1><p>导语</p><h2>有</h2><h3>空</h3><h2>后</h2><p>x</p>",
            "section '空' (h3) is empty: the next heading, '后', follows it",
        ),
        ("<h1>页</h1><p>导语</p><h2>结尾</h2>", "section '结尾' (h2) is empty: nothing follows it"),
        (
            "<h1>页</h1><p>导语</p><h2>注释</h2><!-- 以后再写 --><h2>末</h2><p>y</p>",
            "section '注释' (h2) is empty: the next heading, '末', follows it",
        ),
        (
            "<h1>页</h1><p>导语</p><h2>结尾</h2><ul hidden><li>English</li></ul>",
            "section '结尾' (h2) is empty: nothing follows it",
        ),
        (
            '<h1>页<a class="headerlink" href="#x">¶</a></h1><h2>章</h2><p>x</p><h2 id="e">空<a class="headerlink" '
            'href="#e">¶</a></h2><h2>末</h2><p>y</p>',
            "section '空' (h2) is empty: the next heading, '末', follows it",
        ),
    ],
)
def test_an_empty_section_is_reported(body: str, problem: str) -> None:
    assert empty_section_problems(article(_html(body))) == [problem]
