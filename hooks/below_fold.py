"""Mark where each page leaves its first screen, so the browser can skip the rest until it is near.

A long page costs a phone most of its loading time in style and layout work on text nobody sees
yet, and Material's script redoes that work when it starts (the colour palette and the table of
contents read the layout). assets/handbook.css gives the text blocks after the mark
`content-visibility: auto`: the browser styles, lays out and paints them only when they come near
the viewport. Find in page, the accessibility tree and links to an anchor still reach them, and
printing shows them all.

The mark is an empty `<div class="below-fold" hidden>` between two top-level blocks, inserted
before the first heading whose top is, at the lowest estimate, further down than FOLD_PX on a wide
screen. It has to be below the first screen: Material's script reads the layout before the first
frame is painted, while skipped blocks still have their placeholder height, and a block in view
then grows to its real height, which Lighthouse counts as a layout shift (it is not painted, but
it is measured). So the estimate of each block's height is a lower bound (wide lines, small
figures; see _height), and FOLD_PX is taller than a large desktop browser window.
tests/browser/test_below_fold.py measures where the mark really is.

Material's `content.lazy` (mkdocs.yml) likewise sets up a code block only when it first comes into
view; until then nothing has made a block that scrolls sideways reachable by keyboard (Material
gives it tabindex="0" when it finds it overflowing). So every code block starts with tabindex="0",
and Material takes it away from those that turn out not to overflow.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

FOLD_PX = 2000  # CSS pixels from the top of the content; a 1440p screen shows about 1250
MARK = '<div class="below-fold" hidden></div>'

# Widest text line on any screen (Material's grid is 61rem; the content column is narrower) and
# the narrowest glyphs: both make the estimate of a text's height lower than the real one.
_LINE_PX = 1000
_LINE_HEIGHT_PX = 25  # 0.8rem text (16px at Material's 125% root size) at 1.6 line height
_CJK_PX, _OTHER_PX = 16, 6
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# A start or end tag (quoted attribute values may hold ">"), a comment, or text between them.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|[^<]+|<",
    re.DOTALL,
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HEADING_PX = {"h1": 60, "h2": 50, "h3": 40}


class _Block:
    """What the height of one top-level element depends on."""

    def __init__(self, name: str, start: int) -> None:
        self.name = name
        self.start = start  # offset of its start tag in the page's HTML
        self.text = 0.0  # width of its text on one line, in px
        self.items = 0  # <li>, <tr>, <dt>: at least a line each
        self.pre_lines = 0  # lines of preformatted text
        self.figures = 0  # <svg>, <img>, <canvas> not nested in another one
        self.closed_details = False  # a <details> without `open` shows only its summary

    def add_text(self, text: str, in_pre: bool) -> None:
        if in_pre:
            self.pre_lines += text.count("\n")
            return
        cjk = len(_CJK.findall(text))
        self.text += cjk * _CJK_PX + (len(text.strip()) - cjk) * _OTHER_PX


def _height(block: _Block) -> float:
    """A lower bound of the block's height in CSS px on a wide screen (margins left out)."""
    if block.name in _HEADINGS:
        return _HEADING_PX.get(block.name, 30)
    if block.closed_details:
        return _LINE_HEIGHT_PX
    lines = max(math.ceil(block.text / _LINE_PX), block.items)
    return lines * _LINE_HEIGHT_PX + block.pre_lines * 18 + block.figures * 100


def top_level_blocks(html: str) -> Iterator[_Block]:
    """The page's top-level elements in order, with what their heights depend on; each is given
    once it is complete (when the next one starts), so a caller can stop reading the page early."""
    blocks: list[_Block] = []
    stack: list[str] = []
    pre = figure = 0  # depth inside <pre> and inside a figure element
    raw: str | None = None  # inside <script>, <style>: text up to the end tag
    for match in _TOKEN.finditer(html):
        closing, name = match.group(1), match.group(2)
        if raw is not None:
            if name and closing and name.lower() == raw:
                raw = None
                stack.pop()
            continue
        if name is None:  # text or a comment
            if not match.group(0).startswith("<!--") and blocks and stack:
                blocks[-1].add_text(match.group(0), pre > 0)
            continue
        name = name.lower()
        if not closing:
            if not stack:
                if blocks:
                    yield blocks[-1]
                blocks.append(_Block(name, match.start()))
                if name == "details" and not re.search(r"\sopen\b", match.group(3)):
                    blocks[-1].closed_details = True
            block = blocks[-1]
            if name in ("svg", "img", "canvas") and not figure:
                block.figures += 1
            if name in _VOID or match.group(3).rstrip().endswith("/"):
                continue
            stack.append(name)
            if name in ("li", "tr", "dt"):
                block.items += 1
            elif name == "pre":
                pre += 1
                block.pre_lines += 1
            elif name in ("svg", "canvas"):
                figure += 1
            if name in _RAW_TEXT:
                raw = name
        elif name in stack:  # an end tag closes everything left open inside its element
            while stack:
                opened = stack.pop()
                if opened == "pre":
                    pre -= 1
                elif opened in ("svg", "canvas"):
                    figure -= 1
                if opened == name:
                    break
    if blocks:
        yield blocks[-1]


def mark_fold(html: str) -> str:
    """The page's HTML with MARK before the first heading below FOLD_PX (unchanged if none is)."""
    top = 0.0
    for block in top_level_blocks(html):
        if block.name in _HEADINGS and top >= FOLD_PX:
            return html[: block.start] + MARK + html[block.start :]
        top += _height(block)
    return html


# A code block as Python-Markdown and the highlighter write it: <pre ...>[<span></span>]<code ...>.
_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code)(?=[\s>])(?![^>]*\stabindex=)")


def focusable_code(html: str) -> str:
    """The HTML with tabindex="0" on every code block (see the module docstring)."""
    return _CODE.sub(r'\1 tabindex="0"', html)


@event_priority(-100)  # after hooks/llms_txt.py has read the page: the mark is not part of the text
def on_page_content(html: str, page: Page, config, files) -> str:
    return focusable_code(mark_fold(html))
