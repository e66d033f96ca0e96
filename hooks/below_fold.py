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
Each block after the mark that renders lazily keeps, until it is first shown, the height this hook
writes on it (`contain-intrinsic-size`): an upper bound of its real height on any screen. Kept too
small, its content would run over the blocks after it whenever a script reads its layout while it
is skipped, and axe (in Lighthouse) then measured text against the colour of the footer.
tests/browser/test_below_fold.py measures where the mark really is and that every block fits.

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
# Elements inside a block that start a line of their own.
_BREAKING = frozenset({"p", "li", "dt", "dd", "tr", "div", "pre", "blockquote", "figcaption", "summary"}) | _HEADINGS
_HEADING_PX = {"h1": 60, "h2": 50, "h3": 40}


class _Block:
    """What the height of one top-level element depends on."""

    def __init__(self, name: str, start: int, attributes: str) -> None:
        self.name = name
        self.start = start  # offset of its start tag in the page's HTML
        self.attributes = attributes  # the start tag's attributes, as written
        self.cjk = 0  # characters of text: Chinese (full width) and other
        self.other = 0
        self.summary = 0  # characters of the <summary> of a <details>
        self.items = 0  # <li>, <tr>, <dt>: at least a line each
        self.breaks = 0  # elements inside that start a new line (paragraphs, items, cells, <br>)
        self.pre_lines = 0  # lines of preformatted text
        self.figures = 0  # <svg>, <img>, <canvas> not nested in another one
        self.closed_details = False  # a <details> without `open` shows only its summary

    @property
    def text(self) -> float:
        """The width of its text on one line, in px, at the narrowest glyphs."""
        return self.cjk * _CJK_PX + self.other * _OTHER_PX

    def add_text(self, text: str, in_pre: bool, in_summary: bool) -> None:
        if in_pre:
            self.pre_lines += text.count("\n")
            return
        cjk = len(_CJK.findall(text))
        self.cjk += cjk
        self.other += len(text.strip()) - cjk
        if in_summary:
            self.summary += len(text.strip())


def _height(block: _Block) -> float:
    """A lower bound of the block's height in CSS px on a wide screen (margins left out)."""
    if block.name in _HEADINGS:
        return _HEADING_PX.get(block.name, 30)
    if block.closed_details:
        return _LINE_HEIGHT_PX
    lines = max(math.ceil(block.text / _LINE_PX), block.items)
    return lines * _LINE_HEIGHT_PX + block.pre_lines * 18 + block.figures * 100


# An upper bound, for the height a skipped block keeps until it is first shown: text as on the
# narrowest phone (lines of 240 px once list indents and admonition padding are taken off), at the
# widest glyphs, a line for every element that starts one, room for margins and padding; code lines
# and padding as on the widest screens, where Material enlarges the root font size by a fifth. A skipped
# block too short for its content would let the content, when a script reads its layout, run over
# the blocks after it as the page was laid out (axe then measures text against the footer's colour).
_NARROW_LINE_PX = 240
_WIDE_OTHER_PX = 10
_LINE_UPPER_PX = 27
_PRE_LINE_PX = 23
_FIGURE_PX = 700
_BLOCK_PADDING_PX = 60


def upper_height(block: _Block) -> int:
    """An upper bound of the block's height in CSS px on any screen (see above)."""
    width = block.cjk * _CJK_PX + block.other * _WIDE_OTHER_PX
    if block.closed_details:
        lines = math.ceil(block.summary * _CJK_PX / _NARROW_LINE_PX) + 1
        return lines * _LINE_UPPER_PX + _BLOCK_PADDING_PX
    lines = math.ceil(width / _NARROW_LINE_PX) + block.items + block.breaks + 1
    return lines * _LINE_UPPER_PX + block.pre_lines * _PRE_LINE_PX + block.figures * _FIGURE_PX + _BLOCK_PADDING_PX


def top_level_blocks(html: str) -> Iterator[_Block]:
    """The page's top-level elements in order, with what their heights depend on; each is given
    once it is complete (when the next one starts), so a caller can stop reading the page early."""
    blocks: list[_Block] = []
    stack: list[str] = []
    pre = figure = summary = 0  # depth inside <pre>, a figure element and a <summary>
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
                blocks[-1].add_text(match.group(0), pre > 0, summary > 0)
            continue
        name = name.lower()
        if not closing:
            if not stack:
                if blocks:
                    yield blocks[-1]
                blocks.append(_Block(name, match.start(), match.group(3)))
                if name == "details" and not _OPEN.search(match.group(3)):
                    blocks[-1].closed_details = True
            block = blocks[-1]
            if name in ("svg", "img", "canvas") and not figure:
                block.figures += 1
            if name == "br":
                block.breaks += 1
            if name in _VOID or match.group(3).rstrip().endswith("/"):
                continue
            stack.append(name)
            if name in _BREAKING and len(stack) > 1:
                block.breaks += 1
            if name == "summary":
                summary += 1
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
                elif opened == "summary":
                    summary -= 1
                elif opened in ("svg", "canvas"):
                    figure -= 1
                if opened == name:
                    break
    if blocks:
        yield blocks[-1]


# The blocks assets/handbook.css renders lazily (a table is left alone: Material's script moves it
# into a wrapper of its own, which would not carry its size; the question bank's questions keep the
# closed height assets/questions.css gives them).
_LAZY_TAGS = frozenset({"p", "ul", "ol", "dl", "blockquote", "details", "figure", "hr"})
_LAZY_CLASS = re.compile(r"""\sclass=(["'])(?:[^"']*\s)?(?:highlight|admonition)[\s"']""")
_OWN_RULES = re.compile(r"""\sclass=(["'])(?:[^"']*\s)?qa[\s"']|\sstyle=""")
_OPEN = re.compile(r"\sopen\b")


def _lazy(block: _Block) -> bool:
    if _OWN_RULES.search(block.attributes):
        return False
    return block.name in _LAZY_TAGS or (block.name == "div" and _LAZY_CLASS.search(block.attributes) is not None)


def mark_fold(html: str) -> str:
    """The page's HTML with MARK before the first heading below FOLD_PX (unchanged if none is),
    and on each block after it that renders lazily, the height it keeps until first shown: an
    upper bound of its real height (see upper_height), unless it has a style or rules of its own."""
    top = 0.0
    marked: int | None = None
    sized: list[tuple[int, int]] = []  # (offset just after the tag name, height)
    for block in top_level_blocks(html):
        if marked is None:
            if block.name in _HEADINGS and top >= FOLD_PX:
                marked = block.start
            else:
                top += _height(block)
                continue
        if _lazy(block):
            sized.append((block.start + 1 + len(block.name), upper_height(block)))
    if marked is None:
        return html
    parts, last = [html[:marked], MARK], marked
    for offset, height in sized:
        parts += [html[last:offset], f' style="contain-intrinsic-size: auto {height}px"']
        last = offset
    parts.append(html[last:])
    return "".join(parts)


# A code block as Python-Markdown and the highlighter write it: <pre ...>[<span></span>]<code ...>.
_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?<code)(?=[\s>])(?![^>]*\stabindex=)")


def focusable_code(html: str) -> str:
    """The HTML with tabindex="0" on every code block (see the module docstring)."""
    return _CODE.sub(r'\1 tabindex="0"', html)


@event_priority(-100)  # after hooks/llms_txt.py has read the page: the mark is not part of the text
def on_page_content(html: str, page: Page, config, files) -> str:
    return focusable_code(mark_fold(html))
