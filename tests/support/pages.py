"""The docs pages, where each is built, and the text a reader sees: shared by the content checks.

Every page is a Chinese source `x.md` (served at /x/) with an English twin `x.en.md` (/en/x/);
the Chinese file name is how the nav, the links and the data files name a page in both languages.
Each check in the tests is a small function from a page (or a snippet) to a list of problems, so
the same code runs over the real site and over a tiny sample with a planted defect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from macros.doc_links import site_path
from tests.support.build import REPO_ROOT

EN_SUFFIX = ".en.md"


def language_of(source: str) -> str:
    """methods.en.md → "en"; methods.md → "zh"."""
    return "en" if source.endswith(EN_SUFFIX) else "zh"


def chinese_name(source: str) -> str:
    """methods.en.md → methods.md; a Chinese file name stays as it is."""
    return source.removesuffix(EN_SUFFIX) + ".md" if source.endswith(EN_SUFFIX) else source


def english_name(source: str) -> str:
    """methods.md → methods.en.md; an English file name stays as it is."""
    return source if source.endswith(EN_SUFFIX) else source.removesuffix(".md") + EN_SUFFIX


def twin_name(source: str) -> str:
    """The file name of the page's other language."""
    return chinese_name(source) if language_of(source) == "en" else english_name(source)


def missing_twins(docs: Path) -> list[str]:
    """'a.md has no English twin a.en.md' for every page of one language only."""
    problems = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        twin = twin_name(relative)
        if not (docs / twin).exists():
            other = "Chinese" if language_of(relative) == "en" else "English"
            problems.append(f"{relative} has no {other} twin {twin}")
    return problems


def page_pairs(docs: Path) -> list[tuple[Path, Path]]:
    """(Chinese, English) for every Chinese page that has an English twin (a missing twin is
    missing_twins' business)."""
    pairs = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if language_of(relative) == "zh" and (docs / english_name(relative)).is_file():
            pairs.append((path, docs / english_name(relative)))
    return pairs


DOCS = REPO_ROOT / "docs"
LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Page:
    """One docs source file and where the build puts it."""

    source: str  # path under docs/: "methods.md", "methods.en.md"
    language: str  # "zh" or "en"
    url: str  # path of the built page from the site root: "methods/", "en/methods/", ""

    @property
    def twin(self) -> str:
        """The Chinese file name, which the nav and the data files use for both languages."""
        return chinese_name(self.source)

    def html_file(self, site_dir: Path) -> Path:
        return site_dir / self.url / "index.html"

    def __str__(self) -> str:
        return f"docs/{self.source}"


def page_for(source: str) -> Page:
    language = language_of(source)
    return Page(source=source, language=language, url=site_path(chinese_name(source), language))


def docs_pages(docs_dir: Path = DOCS) -> list[Page]:
    """Every Markdown page under docs/, both languages."""
    return [page_for(path.relative_to(docs_dir).as_posix()) for path in sorted(docs_dir.rglob("*.md"))]


PAGES = docs_pages()


@cache
def parse_html(path: Path) -> BeautifulSoup:
    """A built page, parsed once per session and shared by every site check: read it, never change it."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built(page: Page, site_dir: Path) -> BeautifulSoup:
    path = page.html_file(site_dir)
    assert path.is_file(), f"{page}: no built page at {path.relative_to(site_dir)}"
    return parse_html(path)


def article(soup: BeautifulSoup) -> Tag:
    """The page body Material renders from the Markdown (no header, nav or footer)."""
    found = soup.select_one("article.md-content__inner") or soup.find("article") or soup
    assert isinstance(found, Tag | BeautifulSoup)
    return found


def normalize(text: str) -> str:
    """Search-ready text: Material's U+200B (jieba word breaks) removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.replace("\u200b", "")).strip()


# Block elements: their text never runs on into the next block's (table cells, list items).
# fmt: off
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}
# fmt: on
INVISIBLE = {"script", "style", "template", "noscript"}


def text_of(element: Tag) -> str:
    """The text a reader sees, normalized, with a space between blocks (get_text() would glue cells)."""
    parts = []
    for node in element.descendants:
        if isinstance(node, Tag) and node.name in BLOCKS:
            parts.append(" ")
        elif (
            isinstance(node, NavigableString)
            and not isinstance(node, PreformattedString)
            and not any(parent.name in INVISIBLE for parent in node.parents)
        ):
            parts.append(str(node))
    return normalize("".join(parts))


def meta_description(soup: BeautifulSoup) -> str | None:
    meta = soup.find("meta", attrs={"name": "description"})
    return str(meta.get("content", "")) if isinstance(meta, Tag) else None


def h1_problems(soup: BeautifulSoup) -> list[str]:
    """A page has exactly one <h1> (test_html over every built file, test_pages per docs page)."""
    count = len(soup.find_all("h1"))
    return [] if count == 1 else [f"{count} <h1> elements, expected exactly one"]
