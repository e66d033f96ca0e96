"""Links from data files into the pages: validate them, and turn them into URLs.

Data files link to a page section as `page.md#anchor` (the Chinese source file name; the
English page has the same name with .en.md and the same explicit heading ids).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from mkdocs.utils import get_relative_url

from macros.data_files import DOCS_DIR, DataError
from macros.languages import default_language, site_languages
from macros.ui import strings

# Explicit ids: `## 标题 { #anchor }`, `{: #anchor }`, or id="anchor" in raw HTML.
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
# What a heading's source has that its text does not: macro calls and Markdown emphasis or code.
_HEADING_MARKUP = re.compile(r"\{\{.*?\}\}|[*`_]")
# A heading id (anchor), as pages write it: the one pattern for reading them.
ANCHOR = r"[A-Za-z0-9_\-]+"
_EXPLICIT_ID = re.compile(rf"\{{:?\s*[^}}]*?#({ANCHOR})[^}}]*\}}|\bid=\"({ANCHOR})\"")


@cache
def _anchors_in(markdown_file: Path, mtime: float) -> frozenset[str]:
    text = markdown_file.read_text(encoding="utf-8")
    return frozenset(a or b for a, b in _EXPLICIT_ID.findall(text))


def anchors_in(markdown_file: Path) -> frozenset[str]:
    return _anchors_in(markdown_file, markdown_file.stat().st_mtime)


def source_file(page: str, lang: str, docs_dir: Path = DOCS_DIR) -> Path:
    """docs/page.md in the default language (Chinese), docs/page.<lang>.md in the others."""
    stem = page[: -len(".md")]
    return docs_dir / (f"{stem}.md" if lang == default_language() else f"{stem}.{lang}.md")


def check_link(path: Path | str, item: str, link: str, docs_dir: Path = DOCS_DIR) -> str:
    """Fail unless `link` is `page.md` or `page.md#anchor` and exists in every language."""
    page, _, anchor = link.partition("#")
    if not page.endswith(".md") or page.startswith(("/", "http:", "https:")):
        raise DataError(path, item, f"link '{link}' must be a docs page like 'page.md#section'")
    for lang in site_languages():
        target = source_file(page, lang, docs_dir)
        if not target.is_file():
            raise DataError(path, item, f"link '{link}': page {target.relative_to(docs_dir.parent)} does not exist")
        if anchor and anchor not in anchors_in(target):
            raise DataError(
                path, item, f"link '{link}': no heading with id '{anchor}' in {target.relative_to(docs_dir.parent)}"
            )
    return link


def site_path(page: str, lang: str) -> str:
    """The built URL path of a docs page in a language, e.g. 'en/glossary/'."""
    stem = page[: -len(".md")]
    path = "" if stem == "index" else f"{stem}/"
    if stem.endswith("/index"):
        path = stem[: -len("index")]
    return path if lang == default_language() else f"{lang}/{path}"


def href(link: str, lang: str, from_page_url: str) -> str:
    """A relative href from the page being rendered to `page.md#anchor` in `lang`."""
    page, _, anchor = link.partition("#")
    url = get_relative_url(site_path(page, lang) or ".", from_page_url or ".")
    if url in ("", "."):
        url = "./"
    elif not url.endswith("/"):
        url += "/"  # every page is a directory URL (use_directory_urls)
    return f"{url}#{anchor}" if anchor else url


@cache
def _headings(markdown_file: Path, mtime: float) -> tuple[str, dict[str, str]]:
    """The page title (its h1) and the text of each heading with an explicit id."""
    title, by_anchor = "", {}
    for line in markdown_file.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if not match:
            continue
        text = _HEADING_MARKUP.sub("", match.group(2)).strip()
        if match.group(1) == "#" and not title:
            title = text
        for anchor in re.findall(rf"#({ANCHOR})", match.group(3) or ""):
            by_anchor.setdefault(anchor, text)
    return title, by_anchor


def section_title(link: str, lang: str, page_url: str | None = None, docs_dir: Path = DOCS_DIR) -> str:
    """'Page title › Section title' for a page.md#anchor link, in `lang`, as link text.

    A link to a page is its title; a link to a section of the page being rendered (`page_url`)
    is the section alone. The separator is the catalogue's links.section_separator."""
    page, _, anchor = link.partition("#")
    target = source_file(page, lang, docs_dir)
    if not target.is_file():
        return link
    title, by_anchor = _headings(target, target.stat().st_mtime)
    section = by_anchor.get(anchor, "") if anchor else ""
    if section and (section == title or (page_url is not None and site_path(page, lang) == page_url)):
        return section
    if section and title:
        return f"{title}{strings(lang, 'links')['section_separator']}{section}"
    return section or title or link
