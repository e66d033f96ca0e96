"""Machine-readable text of the site, for readers' tools and language models (llmstxt.org).

After the build, the site has:
- `llms.txt`: the site's name and summary, then every page of both languages as a Markdown
  link with its description, and links to the full-text files;
- `llms-full.txt` (Chinese) and `en/llms-full.txt` (English): every page's text, in nav order;
- `<page>/index.md` beside each `<page>/index.html`: that page as Markdown.

The text is made from the rendered HTML, not the source Markdown, so macro output is in it:
the question bank, the decision tree in its no-JS form, the glossary. mkdocs-llmstxt does the
same but writes once per build, and static-i18n runs one build per language; this hook collects
both languages and writes the files after each, which is idempotent. The Markdown is written by
a walk of our own over lxml's tree that keeps markdownify's rules (bs4 and markdownify wrote it
before, for several times the CPU; tests/test_llms_markdown.py checks that the two still agree).

Under `mkdocs serve` none of this is made (hooks/serve_mode.py says why and how to get it).
"""

from __future__ import annotations

import functools
import os
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
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


# Left out of the Markdown: icons, permalinks, scripts, hidden templates, copy buttons (what
# soup.select("a.headerlink, svg, script, style, template, .md-clipboard") picked in the bs4 version).
# Before the walk each of them is renamed to _LEFT_OUT, so the walk tells them by the tag it reads
# anyway; they stay in the tree because markdownify saw the text on either side of a removed element
# as two text nodes (the whitespace of each is cleaned separately).
_DROPPED_TAGS = ("svg", "script", "style", "template")
_DROPPED_CLASSES = '//*[contains(@class, "md-clipboard") or (self::a and contains(@class, "headerlink"))]'
_LEFT_OUT = "llms-left-out"


def _leave_out(root: etree._Element) -> None:
    dropped = list(root.iter(*_DROPPED_TAGS))
    for element in root.xpath(_DROPPED_CLASSES):  # a substring, then the whole class name
        classes = element.get("class").split()
        if "md-clipboard" in classes or (element.tag == "a" and "headerlink" in classes):
            dropped.append(element)
    for element in dropped:
        element.tag = _LEFT_OUT


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


# Inside <pre> only the text counts: the highlighter's thousands of <span>s are taken out before
# parsing (entities stay encoded until the parser reads them).
_PRE = re.compile(r"(<pre\b[^>]*>)(.*?)(</pre>)", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _flatten_pre(html: str) -> str:
    return _PRE.sub(lambda match: match.group(1) + _TAG.sub("", match.group(2)) + match.group(3), html)


# The Markdown is what markdownify 1.2.0 wrote for these pages (with heading_style="ATX", bullets="-",
# strip=["img"], escape_underscores=False, escape_asterisks=False), reproduced on an lxml tree:
# building bs4's tree with html.parser and markdownify's walk over it cost about seven times what
# the whole conversion costs now. The rules below are markdownify's, in its order, so that each
# difference would show up in tests/test_llms_markdown.py, which compares the two. Only on invalid
# HTML do the two trees differ (libxml2 ends a <p> where a <div> starts, keeps the first of two
# equal attributes, closes a link at the next <a>); Python-Markdown and our templates write none.
_HTML_PARSER = etree.HTMLParser(collect_ids=False, no_network=True, default_doctype=False)

# markdownify takes the whitespace inside and around these elements for layout, not text.
_BLOCKS = frozenset(
    {"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd"}
    | {"table", "thead", "tbody", "tfoot", "tr", "td", "th"}
)
_HEADING = re.compile(r"h(\d+)")  # markdownify's test (a match, not a full match)
_WHITESPACE = re.compile(r"[\t ]+")
_ALL_WHITESPACE = re.compile(r"[\t \r\n]+")
_NEWLINE_WHITESPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
_LINE_WITH_CONTENT = re.compile(r"^(.*)", flags=re.MULTILINE)
_EXTRACT_NEWLINES = re.compile(r"^(\n*)((?:.*[^\n])?)(\n*)$", flags=re.DOTALL)
_PRE_LSTRIP = re.compile(r"^[ \n]*\n")
_PRE_RSTRIP = re.compile(r"[ \n]*$")
_BACKTICKS = re.compile(r"`+")


def _prefix_lines(text: str, prefix: str, blank: str) -> str:
    """Each line of text with prefix before it; an empty line becomes `blank` (a quote, a definition)."""
    return _LINE_WITH_CONTENT.sub(lambda match: prefix + match.group(1) if match.group(1) else blank, text)


# What markdownify tracks of an element's ancestors (its parent_tags), as bits.
_IN_PRE, _NO_FORMAT, _INLINE, _IN_LI = 1, 2, 4, 8


@dataclass(frozen=True, slots=True)
class _Kind:
    """What markdownify's rules ask of a node by its name, worked out once per name."""

    name: str
    block: bool  # markdownify's should_remove_whitespace_inside
    block_or_pre: bool  # its should_remove_whitespace_outside
    child_flags: int  # what the element adds to its children's parent_tags
    convert: Any  # its convert_<name> (None: the children's text as it is)


_TEXT = _Kind("", False, False, 0, None)  # a text node
_COMMENT = _Kind("#comment", False, False, 0, None)  # a sibling that is neither text nor an element
# An empty comment is None in a child list: bs4 counts it as no sibling at all (an empty string).
_kinds: dict[str, _Kind] = {}


def _kind(name: str) -> _Kind:
    kind = _kinds.get(name)
    if kind is None:
        heading = _HEADING.match(name)
        block = name in _BLOCKS or heading is not None
        convert = _CONVERT.get(name)
        if convert is None and heading is not None:
            convert = functools.partial(_MarkdownWriter.heading, level=int(heading.group(1)))
        child_flags = _CHILD_FLAGS.get(name, 0) | (_INLINE if heading is not None else 0)
        kind = _kinds[name] = _Kind(name, block, block or name == "pre", child_flags, convert)
    return kind


def _name(element: etree._Element) -> str:
    """The tag, with <summary> read as the paragraph it becomes."""
    tag = element.tag
    return "p" if tag == "summary" else tag


_absolute = functools.lru_cache(maxsize=4096)(urllib.parse.urljoin)  # the same links on many pages


def _chomp(text: str) -> tuple[str, str, str]:
    prefix = " " if text and text[0] == " " else ""
    suffix = " " if text and text[-1] == " " else ""
    return prefix, suffix, text.strip()


def _colspan(cell: etree._Element) -> int:
    colspan = cell.get("colspan")
    return max(1, min(1000, int(colspan))) if colspan is not None and colspan.isdigit() else 1


def _elements(siblings: Any) -> Any:
    """The elements among siblings, without comments and without the elements left out."""
    return (node for node in siblings if isinstance(tag := node.tag, str) and tag != _LEFT_OUT)


def _kept_descendants(element: etree._Element, *tags: str) -> list[etree._Element]:
    """element's descendants with those tags, except those inside an element left out."""
    found = []
    for descendant in element.iterdescendants(*tags):
        ancestor = descendant
        while ancestor is not element and ancestor.tag != _LEFT_OUT:
            ancestor = ancestor.getparent()
        if ancestor is element:
            found.append(descendant)
    return found


def _next_content_sibling(element: etree._Element) -> etree._Element | str | None:
    """The next sibling that is an element or text that is not only whitespace."""
    if element.tail and element.tail.strip():
        return element.tail
    for sibling in element.itersiblings():
        if isinstance(tag := sibling.tag, str) and tag != _LEFT_OUT:
            return sibling
        if sibling.tail and sibling.tail.strip():
            return sibling.tail
    return None


class _MarkdownWriter:
    """One page's conversion: links are made absolute against page_url."""

    def __init__(self, page_url: str) -> None:
        self.page_url = page_url
        self.positions: dict[etree._Element, int] = {}  # each item of an <ol>: how many items before it

    def position(self, item: etree._Element, parent: etree._Element) -> int:
        """markdownify's len(el.find_previous_siblings("li")), for all of parent's items at once."""
        if item not in self.positions:
            items = (child for child in _elements(parent) if _name(child) == "li")
            self.positions.update((child, position) for position, child in enumerate(items))
        return self.positions[item]

    def element(self, element: etree._Element, kind: _Kind, flags: int) -> str:
        """markdownify's process_tag: the children converted, joined, then the element's own rule."""
        nodes: list[Any] = []
        kinds: list[_Kind | None] = []
        if element.tag == "summary":
            nodes.append("▸ ")
            kinds.append(_TEXT)
        if element.text:
            nodes.append(element.text)
            kinds.append(_TEXT)
        for child in element:
            tag = child.tag
            if tag.__class__ is not str:  # a comment
                nodes.append(None)
                kinds.append(_COMMENT if child.text else None)
            elif tag != _LEFT_OUT:
                nodes.append(child)
                kinds.append(_kinds.get(tag) or _kind("p" if tag == "summary" else tag))
            tail = child.tail
            if tail:  # a separate text node, also when the element before it was left out
                nodes.append(tail)
                kinds.append(_TEXT)

        child_flags = flags | kind.child_flags
        block = kind.block
        last = len(nodes) - 1
        strings = []
        for index, node in enumerate(nodes):
            child_kind = kinds[index]
            if child_kind is _TEXT:  # markdownify's process_text, escaping nothing (the options say so)
                before = kinds[index - 1] if index else None
                after = kinds[index + 1] if index < last else None
                strip_before = (before is None and block) or (before is not None and before.block_or_pre)
                strip_after = (after is None and block) or (after is not None and after.block_or_pre)
                if (strip_before or strip_after) and not node.strip():
                    continue
                if not child_flags & _IN_PRE and ("\n" in node or "\t" in node or "\r" in node or "  " in node):
                    node = _WHITESPACE.sub(" ", _NEWLINE_WHITESPACE.sub("\n", node))
                if strip_before:
                    node = node.lstrip(" \t\r\n")
                if strip_after:
                    node = node.rstrip()
                if node:
                    strings.append(node)
            elif child_kind is not None and child_kind is not _COMMENT:
                string = self.element(node, child_kind, child_flags)
                if string:
                    strings.append(string)

        if kind.name != "pre" and not flags & _IN_PRE:  # newlines between children collapse, at most 2
            joined = []
            pending = ""  # the trailing newlines of the string before
            for string in strings:
                if string[0] != "\n" and string[-1] != "\n":
                    joined += (pending, string)
                    pending = ""
                    continue
                leading, content, trailing = _EXTRACT_NEWLINES.match(string).groups()
                if pending and leading:
                    leading = "\n" * min(2, max(len(pending), len(leading)))
                else:
                    joined.append(pending)
                joined += (leading, content)
                pending = trailing
            joined.append(pending)
            strings = joined
        text = "".join(strings)
        return text if kind.convert is None else kind.convert(self, element, text, flags)

    def document(self, element: etree._Element, text: str, flags: int) -> str:
        return text.strip("\n")

    def link(self, element: etree._Element, text: str, flags: int) -> str:
        if flags & _NO_FORMAT:
            return text
        prefix, suffix, text = _chomp(text)
        if not text:
            return ""
        href = element.get("href")
        if href is not None:
            href = _absolute(self.page_url, href)
        title = element.get("title")
        if text.replace(r"\_", "_") == href and not title:
            return f"<{href}>"
        title_part = ' "{}"'.format(title.replace('"', r"\"")) if title else ""
        return f"{prefix}[{text}]({href}{title_part}){suffix}" if href else text

    def blockquote(self, element: etree._Element, text: str, flags: int) -> str:
        text = text.strip(" \t\r\n")
        if flags & _INLINE:
            return f" {text} "
        if not text:
            return "\n"
        return f"\n{_prefix_lines(text, '> ', '>')}\n\n"

    def line_break(self, element: etree._Element, text: str, flags: int) -> str:
        return " " if flags & _INLINE else "  \n"

    def code(self, element: etree._Element, text: str, flags: int) -> str:
        if flags & _NO_FORMAT:
            return text
        prefix, suffix, text = _chomp(text)
        if not text:
            return ""
        longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
        if longest:
            text = f" {text} "
        delimiter = "`" * (longest + 1)
        return f"{prefix}{delimiter}{text}{delimiter}{suffix}"

    def division(self, element: etree._Element, text: str, flags: int) -> str:
        if flags & _INLINE:
            return f" {text.strip()} "
        text = text.strip()
        return f"\n\n{text}\n\n" if text else ""

    def definition(self, element: etree._Element, text: str, flags: int) -> str:
        text = text.strip()
        if flags & _INLINE:
            return f" {text} "
        if not text:
            return "\n"
        return f":{_prefix_lines(text, '    ', '')[1:]}\n"

    def term(self, element: etree._Element, text: str, flags: int) -> str:
        text = _ALL_WHITESPACE.sub(" ", text.strip())
        if flags & _INLINE:
            return f" {text} "
        return f"\n\n{text}\n" if text else "\n"

    def heading(self, element: etree._Element, text: str, flags: int, level: int) -> str:
        if flags & _INLINE:
            return text
        text = _ALL_WHITESPACE.sub(" ", text.strip())
        return f"\n\n{'#' * max(1, min(6, level))} {text}\n\n"

    def rule(self, element: etree._Element, text: str, flags: int) -> str:
        return "\n\n---\n\n"

    def video(self, element: etree._Element, text: str, flags: int) -> str:
        if flags & _INLINE:
            return text
        src = element.get("src") or ""
        if not src:
            sources = [source for source in _kept_descendants(element, "source") if source.get("src") is not None]
            if sources:
                src = sources[0].get("src") or ""
        poster = element.get("poster") or ""
        if src and poster:
            return f"[![{text}]({poster})]({src})"
        if src:
            return f"[{text}]({src})"
        if poster:
            return f"![{text}]({poster})"
        return text

    def list(self, element: etree._Element, text: str, flags: int) -> str:
        if flags & _IN_LI:
            return "\n" + text.rstrip()
        after = _next_content_sibling(element)
        before_paragraph = after is not None and (isinstance(after, str) or _name(after) not in ("ul", "ol"))
        return "\n\n" + text + ("\n" if before_paragraph else "")

    def item(self, element: etree._Element, text: str, flags: int) -> str:
        text = text.strip()
        if not text:
            return "\n"
        parent = element.getparent()
        if parent is not None and _name(parent) == "ol":
            start = parent.get("start")
            first = int(start) if start and start.isnumeric() else 1
            bullet = f"{first + self.position(element, parent)}. "
        else:
            bullet = "- "
        indent = " " * len(bullet)
        text = _LINE_WITH_CONTENT.sub(lambda match: indent + match.group(1) if match.group(1) else "", text)
        return f"{bullet}{text[len(bullet) :]}\n"

    def paragraph(self, element: etree._Element, text: str, flags: int) -> str:
        text = text.strip(" \t\r\n")
        if flags & _INLINE:
            return f" {text} "
        return f"\n\n{text}\n\n" if text else ""

    def preformatted(self, element: etree._Element, text: str, flags: int) -> str:
        if not text:
            return ""
        text = _PRE_RSTRIP.sub("", _PRE_LSTRIP.sub("", text))
        return f"\n\n```\n{text}\n```\n\n"

    def quotation(self, element: etree._Element, text: str, flags: int) -> str:
        return f'"{text}"'

    def nothing(self, element: etree._Element, text: str, flags: int) -> str:
        return ""

    def table(self, element: etree._Element, text: str, flags: int) -> str:
        return f"\n\n{text.strip()}\n\n"

    def caption(self, element: etree._Element, text: str, flags: int) -> str:
        return f"{text.strip()}\n\n"

    def figure_caption(self, element: etree._Element, text: str, flags: int) -> str:
        return f"\n\n{text.strip()}\n\n"

    def cell(self, element: etree._Element, text: str, flags: int) -> str:
        return " " + text.strip().replace("\n", " ") + " |" * _colspan(element)

    def row(self, element: etree._Element, text: str, flags: int) -> str:
        cells = _kept_descendants(element, "td", "th")
        parent = element.getparent()
        parent_name = _name(parent)
        first = next(_elements(element.itersiblings(preceding=True)), None) is None
        head = all(cell.tag == "th" for cell in cells) or (
            parent_name == "thead" and len(_kept_descendants(parent, "tr")) == 1
        )
        head_missing = (first and parent_name != "tbody") or (
            first and parent_name == "tbody" and not _kept_descendants(parent.getparent(), "thead")
        )
        width = sum(_colspan(cell) for cell in cells)
        overline = underline = ""
        if head and first:
            underline = "| " + " | ".join(["---"] * width) + " |\n"
        elif head_missing or (
            first
            and (
                parent_name == "table"
                or (parent_name == "tbody" and next(_elements(parent.itersiblings(preceding=True)), None) is None)
            )
        ):
            overline = "| " + " | ".join([""] * width) + " |\n" + "| " + " | ".join(["---"] * width) + " |\n"
        return f"{overline}|{text}\n{underline}"

    @staticmethod
    def inline(markup: str) -> Any:
        """markdownify's abstract_inline_conversion: the text between markup, spaces moved outside."""

        def convert(self: _MarkdownWriter, element: etree._Element, text: str, flags: int) -> str:
            if flags & _NO_FORMAT:
                return text
            prefix, suffix, text = _chomp(text)
            return f"{prefix}{markup}{text}{markup}{suffix}" if text else ""

        return convert


_CHILD_FLAGS = {"pre": _IN_PRE | _NO_FORMAT, "code": _NO_FORMAT, "kbd": _NO_FORMAT, "samp": _NO_FORMAT, "li": _IN_LI}
_CHILD_FLAGS |= {"td": _INLINE, "th": _INLINE}
_STRONG, _EMPHASIS, _DELETED, _PLAIN = (_MarkdownWriter.inline(markup) for markup in ("**", "*", "~~", ""))
# markdownify's convert_<name> methods by tag (img has none: strip=["img"]); any other element
# gives its children's text, and so does a heading, written by _MarkdownWriter.heading.
_CONVERT = {
    "[document]": _MarkdownWriter.document,
    "a": _MarkdownWriter.link,
    "b": _STRONG,
    "strong": _STRONG,
    "em": _EMPHASIS,
    "i": _EMPHASIS,
    "del": _DELETED,
    "s": _DELETED,
    "sub": _PLAIN,
    "sup": _PLAIN,
    "blockquote": _MarkdownWriter.blockquote,
    "br": _MarkdownWriter.line_break,
    "code": _MarkdownWriter.code,
    "kbd": _MarkdownWriter.code,
    "samp": _MarkdownWriter.code,
    "div": _MarkdownWriter.division,
    "article": _MarkdownWriter.division,
    "section": _MarkdownWriter.division,
    "dl": _MarkdownWriter.division,
    "dd": _MarkdownWriter.definition,
    "dt": _MarkdownWriter.term,
    "hr": _MarkdownWriter.rule,
    "video": _MarkdownWriter.video,
    "ul": _MarkdownWriter.list,
    "ol": _MarkdownWriter.list,
    "list": _MarkdownWriter.list,
    "li": _MarkdownWriter.item,
    "p": _MarkdownWriter.paragraph,
    "pre": _MarkdownWriter.preformatted,
    "q": _MarkdownWriter.quotation,
    "script": _MarkdownWriter.nothing,
    "style": _MarkdownWriter.nothing,
    "table": _MarkdownWriter.table,
    "caption": _MarkdownWriter.caption,
    "figcaption": _MarkdownWriter.figure_caption,
    "td": _MarkdownWriter.cell,
    "th": _MarkdownWriter.cell,
    "tr": _MarkdownWriter.row,
}


def html_to_markdown(html: str, page_url: str) -> str:
    """The page body as Markdown: headings, lists, tables, links, code; no icons or permalinks.

    Links become absolute (against page_url), so they still work in the full-text files.
    """
    root = etree.fromstring(f"<html><body>{_flatten_pre(omit_marked(html))}</body></html>", _HTML_PARSER)
    _leave_out(root)
    body = root.find("body")
    text = "" if body is None else _MarkdownWriter(page_url).element(body, _kind("[document]"), 0)
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
