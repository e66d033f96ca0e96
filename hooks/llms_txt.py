"""Machine-readable text of the site, for readers' tools and language models (llmstxt.org).

After the build, the site has:
- `llms.txt`: the site's name and summary, then every page of both languages as a Markdown
  link with its description, and links to the full-text files;
- `llms-full.txt` (Chinese) and `en/llms-full.txt` (English): every page's text, in nav order;
- `<page>/index.md` beside each `<page>/index.html`: that page as Markdown.

The text is made from the rendered HTML, not the source Markdown, so macro output is in it:
the question bank, the decision tree in its no-JS form, the glossary. mkdocs-llmstxt does the
same but writes once per build, and static-i18n runs one build per language; this hook collects
both languages and writes the files after each, which is idempotent.

Under `mkdocs serve` none of this is made (hooks/serve_mode.py says why and how to get it).
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
FULL_TEXT = {"zh": "llms-full.txt", "en": "en/llms-full.txt"}


@dataclass
class PageText:
    lang: str
    title: str
    url: str  # the page's address, e.g. https://…/en/methods/
    url_path: str  # e.g. en/methods/
    markdown_path: str  # where its Markdown is written, e.g. en/methods/index.md
    description: str
    markdown: str


_pages: dict[str, PageText] = {}  # by markdown_path; a rebuild (serve) replaces entries
_nav_order: dict[str, int] = {}  # page url -> position in its language's nav
_site: dict[str, dict[str, str]] = {}  # language -> name, description


def _skipped() -> bool:
    """Under `mkdocs serve`, unless HANDBOOK_SERVE=full (hooks/serve_mode.py sets the variable)."""
    return os.environ.get("HANDBOOK_SERVE") == "fast"


# Left out of the Markdown: icons, permalinks, scripts, hidden templates, copy buttons. A walk over
# the tree, in document order like soup.select("a.headerlink, svg, script, style, template,
# .md-clipboard") and with the same result, but without a CSS engine matching every element.
_DROPPED_TAGS = frozenset({"svg", "script", "style", "template"})


def _dropped(tag: Tag) -> bool:
    if tag.name in _DROPPED_TAGS:
        return True
    classes = tag.get("class") or ()
    if isinstance(classes, str):  # html_to_markdown's soup keeps attribute values whole
        classes = classes.split()
    return "md-clipboard" in classes or (tag.name == "a" and "headerlink" in classes)


class _Tag(Tag):
    """A tag whose find_parent(name) walks up the tree directly. markdownify asks every element
    for find_parent("pre"), and bs4's general search builds a new matcher for each call (a sixth
    of the conversion); any other query goes to bs4 as before."""

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Any:
        if not isinstance(name, str) or attrs or kwargs:
            return super().find_parent(name, attrs, **kwargs)
        parent = self.parent
        while parent is not None and parent.name != name:
            parent = parent.parent
        return parent


# An element that says `data-llms-omit="text"` is left out of the Markdown and replaced by that
# text: the practice deck repeats the whole question bank. It is cut from the HTML string before
# parsing, which is most of what converting that page would cost.
_OMIT = re.compile(r'<([a-z][a-z0-9]*)\b[^>]*?\sdata-llms-omit="([^"]*)"[^>]*>')
_OMIT_ATTRIBUTE = re.compile(r'\sdata-llms-omit="[^"]*"')


def omit_marked(html: str) -> str:
    """The HTML with every element marked data-llms-omit replaced by a paragraph of its text."""
    while match := _OMIT.search(html):
        name, note = match.group(1), match.group(2)
        tags = re.compile(rf"<(/?){name}\b[^>]*>", re.IGNORECASE)
        depth, end = 1, len(html)  # an element left open runs to the end
        for tag in tags.finditer(html, match.end()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = tag.end()
                break
        html = f"{html[: match.start()]}<p>{note}</p>{html[end:]}"
    return html


# Inside <pre> markdownify keeps only the text: the highlighter's thousands of <span>s are taken
# out before parsing, with the same Markdown (entities stay encoded until the parser reads them).
_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _flatten_pre(html: str) -> str:
    return _PRE.sub(lambda match: match.group(1) + _TAG.sub("", match.group(2)) + match.group(3), html)


def html_to_markdown(html: str, page_url: str) -> str:
    """The page body as Markdown: headings, lists, tables, links, code; no icons or permalinks.

    Links become absolute (against page_url), so they still work in the full-text files.
    """
    soup = BeautifulSoup(
        _flatten_pre(omit_marked(html)), "html.parser", element_classes={Tag: _Tag}, multi_valued_attributes=None
    )
    for tag in [tag for tag in soup.descendants if isinstance(tag, Tag) and _dropped(tag)]:
        tag.decompose()
    tags = [tag for tag in soup.descendants if isinstance(tag, Tag)]  # one walk, not one per find_all
    for link in [tag for tag in tags if tag.name == "a" and tag.get("href") is not None]:
        link["href"] = urllib.parse.urljoin(page_url, link["href"])
    for summary in [tag for tag in tags if tag.name == "summary"]:
        summary.name = "p"
        summary.insert(0, "▸ ")
    # convert_soup reuses the tree parsed above: markdownify(str(soup)) would parse the page a second time
    # (html.parser is the slowest part of the build).
    text = MarkdownConverter(
        heading_style="ATX", bullets="-", strip=["img"], escape_underscores=False, escape_asterisks=False
    ).convert_soup(soup)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _with_source(markdown: str, page: Page) -> str:
    """The page's Markdown with its address under the title (the first line when it is the h1)."""
    title, newline, rest = markdown.partition("\n")
    if not title.startswith("# "):
        title, rest = f"# {page.title}", markdown
    return f"{title}\n\n> {page.canonical_url or ''}\n{newline}{rest}"


def _language(config: MkDocsConfig) -> str:
    return "en" if config.theme["language"] == "en" else "zh"


def on_nav(nav: Any, config: MkDocsConfig, files: Any) -> Any:
    for index, page in enumerate(nav.pages):
        _nav_order[page.url] = index
    _site[_language(config)] = {"name": config.site_name, "description": config.site_description or ""}
    return nav


@event_priority(-50)  # after macros and Material have produced the page's HTML
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Any) -> str:
    if _skipped():
        return _OMIT_ATTRIBUTE.sub("", html)
    lang = _language(config)
    url_path = page.url  # e.g. "en/methods/" or "" for the home page
    markdown_path = f"{url_path}index.md"
    base = config.site_url or "/"
    description = (page.meta.get("description") or config.site_description or "").strip()
    _pages[markdown_path] = PageText(
        lang=lang,
        title=page.title or "",
        url=base.rstrip("/") + "/" + url_path,
        url_path=url_path,
        markdown_path=markdown_path,
        description=description,
        markdown=_with_source(html_to_markdown(html, page.canonical_url or base), page),
    )
    return _OMIT_ATTRIBUTE.sub("", html)  # the mark is for this hook only


def llms_txt(pages: list[PageText], config: MkDocsConfig, site: dict[str, dict[str, str]]) -> str:
    base = (config.site_url or "/").rstrip("/") + "/"
    langs = [lang for lang in LANGUAGE_NAMES if lang in site]
    lines = [f"# {' / '.join(site[lang]['name'] for lang in langs)}", ""]
    lines += [f"> {site[lang]['description']}" for lang in langs if site[lang]["description"]]
    lines += [""]
    lines += [
        "The same handbook in Chinese (default) and English. Each page is also available as Markdown at",
        "its address followed by index.md; the full text of each language is in one file:",
        "",
    ]
    lines += [f"- [{LANGUAGE_NAMES[lang]}]({base}{FULL_TEXT[lang]})" for lang in LANGUAGE_NAMES]
    for lang, name in LANGUAGE_NAMES.items():
        lines += ["", f"## {name}", ""]
        for page in (page for page in pages if page.lang == lang):
            note = f": {page.description}" if page.description else ""
            lines.append(f"- [{page.title}]({base}{page.markdown_path}){note}")
    return "\n".join(lines) + "\n"


@event_priority(-200)  # after i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    if _skipped():
        return
    site_dir = Path(config.site_dir)
    pages = sorted(_pages.values(), key=lambda page: (page.lang != "zh", _nav_order.get(page.url_path, 999)))
    for page in pages:
        target = site_dir / page.markdown_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for lang, path in FULL_TEXT.items():
        own = [page.markdown for page in pages if page.lang == lang]
        if own:
            (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / path).write_text("\n\n---\n\n".join(own), encoding="utf-8")
    (site_dir / "llms.txt").write_text(llms_txt(pages, config, _site), encoding="utf-8")
