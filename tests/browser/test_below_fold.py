"""Below the first screen the text blocks render lazily (hooks/below_fold.py, assets/handbook.css):
the mark is really below any first screen, each skipped block keeps at least the room its content
takes on any screen, the blocks are found by find in page, printing shows them all, and a jump to an
anchor lands on its target."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from hooks.below_fold import FOLD_PX
from tests.browser.built_pages import page_paths

pytestmark = pytest.mark.browser

# Where the mark is, in CSS px from the top of the document, and what follows it.
MARK_TOP = """() => {
  const mark = document.querySelector('.md-typeset > .below-fold');
  if (!mark) return null;
  const next = mark.nextElementSibling;
  return next.getBoundingClientRect().top + scrollY;
}"""
# The clip margin of the block holding the first link after the mark, and the room a focused link's ring takes.
ROOM_FOR_RING = """selector => {
  const link = document.querySelector(selector + ' a[href]');
  link.focus({ focusVisible: true });
  const ring = getComputedStyle(link);
  const block = getComputedStyle(link.closest('.md-typeset > *'));
  return [parseFloat(block.overflowClipMargin) || 0, parseFloat(ring.outlineWidth) + parseFloat(ring.outlineOffset)];
}"""
LAZY = ":is(p, ul, ol, dl, blockquote, .highlight, .admonition, details, figure, hr):not(.qa)"


def _marked_pages(site_dir: Path) -> list[str]:
    return [
        path
        for path in page_paths(site_dir)
        if path.endswith("/")
        and 'class="below-fold"' in (site_dir / path.lstrip("/") / "index.html").read_text("utf-8")
    ]


def test_the_mark_is_below_the_first_screen_of_the_widest_layout(
    browser: Browser, site_url: str, site_dir: Path
) -> None:
    """The estimate is a lower bound: on the widest layout (the shortest page) the first lazily
    rendered block still starts FOLD_PX or more down, below any browser window's first screen."""
    paths = _marked_pages(site_dir)
    assert len(paths) >= 20
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    tops = {}
    for path in paths:
        page.goto(site_url + path, wait_until="load")
        tops[path] = page.evaluate(MARK_TOP)
    context.close()
    assert {path: top for path, top in tops.items() if top is None or top < FOLD_PX} == {}


# Each block that keeps a size until it is shown, rendered: blocks whose content needs more room.
TOO_SMALL = """() => [...document.querySelectorAll('.md-typeset > .below-fold ~ [style*="contain-intrinsic-size"]')]
  .map((block) => {
    block.style.contentVisibility = 'visible';
    const kept = parseFloat(block.style.containIntrinsicSize.split(' ').pop());
    return [block.tagName + '.' + block.className, kept, block.getBoundingClientRect().height];
  })
  .filter(([, kept, height]) => !(height <= kept))"""


@pytest.mark.parametrize("width", [320, 2560])
def test_each_skipped_block_keeps_room_for_its_content(browser: Browser, site_url: str, site_dir: Path, width) -> None:
    """Kept too small, a block's content would run over the blocks after it whenever a script reads
    its layout before it is shown (axe then measures text against the footer's colour): on the
    narrowest phone (most lines) and the widest screen (Material's largest font) it fits."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems, sized = {}, 0
    for path in _marked_pages(site_dir):
        page.goto(site_url + path, wait_until="load")
        sized += page.eval_on_selector_all(
            '.md-typeset > .below-fold ~ [style*="contain-intrinsic-size"]', "a => a.length"
        )
        if found := page.evaluate(TOO_SMALL):
            problems[path] = found
    context.close()
    assert sized > 300 and problems == {}


@pytest.mark.parametrize("path", ["/en/toolchain/", "/peft/"])
def test_blocks_after_the_mark_are_skipped_until_near_yet_found_and_printed(
    page: Page, site_url: str, path: str
) -> None:
    page.set_viewport_size({"width": 412, "height": 823})
    page.goto(site_url + path, wait_until="load")
    selector = f".md-typeset > .below-fold ~ {LAZY}"
    styles = page.eval_on_selector_all(selector, "all => all.map(e => getComputedStyle(e).contentVisibility)")
    assert len(styles) > 20 and set(styles) == {"auto"}
    last = page.eval_on_selector_all(selector, "all => all.filter(e => e.tagName === 'P').pop().textContent")
    words = re.sub(r"\s+", " ", last).strip()[:16]
    assert page.evaluate("text => window.find(text)", words)  # Chromium's find in page reaches it
    # Each block clips what it draws outside its box: a focused link's ring has to fit in the margin.
    room = page.evaluate(ROOM_FOR_RING, selector)
    assert room[1] > 0 and room[0] >= room[1]
    page.emulate_media(media="print")
    printed = page.eval_on_selector_all(selector, "all => all.map(e => getComputedStyle(e).contentVisibility)")
    assert set(printed) == {"visible"}


# The last heading of a long page (most estimated blocks above it, little content below) and one
# in the middle, at both Lighthouse sizes; then a jump within the page, as a table-of-contents link does.
ANCHORS = [("/en/peft/", "comparison"), ("/toolchain/", "how-recipes-are-checked"), ("/en/methods/", None)]


def _heading_top(page: Page, anchor: str) -> float:
    page.wait_for_function(
        """id => { const el = document.getElementById(id); const top = el.getBoundingClientRect().top;
           const same = window.__lastTop !== undefined && Math.abs(window.__lastTop - top) < 1;
           window.__lastTop = top; return same; }""",
        arg=anchor,
        polling=250,
    )
    return page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)


@pytest.mark.parametrize("size", [(412, 823), (1350, 940)], ids=["mobile", "desktop"])
@pytest.mark.parametrize(("path", "anchor"), ANCHORS)
def test_a_jump_to_an_anchor_lands_on_it(page: Page, site_url: str, site_dir: Path, size, path: str, anchor) -> None:
    html = (site_dir / path.strip("/") / "index.html").read_text(encoding="utf-8")
    below = html.split('class="below-fold"', 1)[1]
    ids = re.findall(r'<h2 id="([^"]+)"', below)
    anchor = anchor or ids[len(ids) // 2]
    assert anchor in ids, f"{path}#{anchor} is not a heading below the mark"
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{site_url}{path}#{anchor}", wait_until="load")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    assert header <= _heading_top(page, anchor) <= header + 40
    other = ids[0] if ids[0] != anchor else ids[-1]
    page.evaluate("id => { window.__lastTop = undefined; location.hash = id; }", other)
    assert header <= _heading_top(page, other) <= header + 40
