"""hooks/below_fold.py marks where a page leaves its first screen: before a top-level heading whose
top is, at the lowest estimate, FOLD_PX down; never inside an element; a short page is left alone.
(tests/browser/test_below_fold.py measures where the mark really is.)"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from hooks.below_fold import FOLD_PX, MARK, focusable_code, mark_fold, top_level_blocks
from tests.support.build import html_pages

LINE = 25  # px of one text line in the estimate


def _paragraphs(count: int) -> str:
    return "".join(f"<p>Line {index}.</p>" for index in range(count))


def test_the_mark_goes_before_the_first_heading_past_the_fold() -> None:
    lines = FOLD_PX // LINE  # one short paragraph is one line
    html = "<h1>T</h1>" + _paragraphs(lines) + '<h2 id="a">A</h2><p>x</p><table><tr><td>t</td></tr></table>'
    sized = '<p style="contain-intrinsic-size: auto 114px">x</p>'  # 1 + 1 lines of 27 px, 60 px padding
    expected = html.replace('<h2 id="a">', MARK + '<h2 id="a">').replace("<p>x</p>", sized)
    assert mark_fold(html) == expected  # the heading and the table keep their tags


def test_a_page_that_fits_the_first_screen_is_left_alone() -> None:
    html = "<h1>T</h1>" + _paragraphs(10) + "<h2>A</h2><p>x</p>"
    assert mark_fold(html) == html


def test_no_heading_below_the_fold_means_no_mark() -> None:
    html = "<h1>T</h1>" + _paragraphs(200)
    assert mark_fold(html) == html


def test_long_text_counts_as_several_lines_and_chinese_as_wider_glyphs() -> None:
    latin, chinese = list(top_level_blocks("<p>" + "a" * 1000 + "</p><p>" + "中" * 1000 + "</p>"))
    assert latin.text == 6 * 1000 and chinese.text == 16 * 1000


def test_code_lines_list_items_table_rows_and_figures_count() -> None:
    (code,) = top_level_blocks('<div class="highlight"><pre><code>a\nb\nc\n</code></pre></div>')
    assert code.pre_lines == 4  # the <pre> itself and its three line ends
    (listing,) = top_level_blocks("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>")
    assert listing.items == 3
    (table,) = top_level_blocks("<table><tr><td>1</td></tr><tr><td>2</td></tr></table>")
    assert table.items == 2
    (figure,) = top_level_blocks('<figure><svg viewBox="0 0 1 1"><g><rect/></g></svg><img src="x"></figure>')
    assert figure.figures == 2  # the svg's own elements are not more figures


def test_a_closed_details_counts_as_its_summary_only() -> None:
    closed, opened = top_level_blocks(
        "<details><summary>Q</summary>" + _paragraphs(100) + "</details>"
        "<details open><summary>Q</summary>" + _paragraphs(100) + "</details>"
    )
    assert closed.closed_details and not opened.closed_details


def test_markup_inside_attributes_scripts_and_comments_is_not_read_as_tags() -> None:
    html = (
        '<p title="a > <h2>b</h2>">x</p>'
        "<script>if (a < b) { document.write('<h2>no</h2><div>'); }</script>"
        "<!-- <h2>no</h2> <div> -->"
        "<h2>yes</h2>"
    )
    assert [block.name for block in top_level_blocks(html)] == ["p", "script", "h2"]


def test_only_top_level_headings_can_take_the_mark() -> None:
    nested = "<div>" + "<h2>inner</h2>" * 5 + "</div>"
    html = "<h1>T</h1>" + _paragraphs(FOLD_PX // LINE) + nested + "<p>x</p>"
    assert mark_fold(html) == html


_SIZE = re.compile(r' style="contain-intrinsic-size: auto \d+px"')


# Hostile or broken HTML from a page: the mark is the only change, and it sits between two
# top-level elements, so it never lands inside an element or a tag.
_piece = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<h2>",
        "</h2>",
        "<h3 id='x'>",
        "</h3>",
        "<br>",
        "<pre>",
        "</pre>",
        "\n",
        "text ",
        "中文",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        '<a title=">">',
        "</a>",
        "<",
        ">",
        "<img src=x>",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_piece, max_size=60), st.integers(min_value=0, max_value=120))
def test_any_html_comes_back_unchanged_but_for_the_mark(pieces: list[str], padding: int) -> None:
    html = _paragraphs(padding) + "".join(pieces) + "<h2>end</h2>"
    marked = mark_fold(html)
    assert _SIZE.sub("", marked.replace(MARK, "", 1)) == html
    if MARK in marked:
        assert marked.count(MARK) == 1 and marked.split(MARK)[1].startswith("<h")


def test_a_lazy_block_keeps_more_room_than_its_content_needs_on_a_phone() -> None:
    """The height a skipped block keeps is an upper bound: on a 320 px phone a line holds about
    15 Chinese characters or 30 letters; each list item, paragraph and code line adds its own."""
    long = "中" * 300  # 20 lines of 15 characters on a phone
    cases = {
        f"<p>{long}</p>": 20 * 26,
        "<ul>" + "<li><p>item</p></li>" * 12 + "</ul>": 12 * 26 + 12 * 16,
        '<div class="highlight"><pre><code>' + "x = 1\n" * 40 + "</code></pre></div>": 40 * 18.4 + 32,
        '<div class="admonition note"><p class="admonition-title">Note</p><p>' + "word " * 120 + "</p></div>": 22 * 26,
        "<details><summary>Why?</summary>" + _paragraphs(50) + "</details>": 2 * 26,
    }
    for block_html, real in cases.items():
        html = "<h1>T</h1>" + _paragraphs(FOLD_PX // LINE) + "<h2>A</h2>" + block_html
        size = int(re.search(r"contain-intrinsic-size: auto (\d+)px", mark_fold(html)).group(1))
        assert size >= real, block_html[:40]


def test_blocks_with_a_style_of_their_own_widgets_and_tables_keep_their_tags() -> None:
    kept = [
        '<p style="color: red">x</p>',
        "<div data-decision-tree>w</div>",
        "<table><tr><td>t</td></tr></table>",
        '<details class="qa question"><summary>Q</summary><p>A</p></details>',  # assets/questions.css sizes it
    ]
    html = "<h1>T</h1>" + _paragraphs(FOLD_PX // LINE) + "<h2>A</h2>" + "".join(kept)
    assert mark_fold(html).endswith("<h2>A</h2>" + "".join(kept))


def test_every_long_built_page_has_one_mark_between_top_level_blocks_before_a_heading(site_dir: Path) -> None:
    marked = 0
    for page in html_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        count = text.count('class="below-fold"')
        assert count <= 1, f"{page.relative_to(site_dir)}: {count} marks"
        if not count:
            continue
        marked += 1
        mark = BeautifulSoup(text, "html.parser").select_one(".below-fold")
        assert mark.parent.name == "article" and "md-typeset" in mark.parent["class"], page
        assert mark.has_attr("hidden") and not mark.contents, page
        following = mark.find_next_sibling()
        assert following is not None and re.fullmatch(r"h[1-6]", following.name), page
    # The long pages of both languages (the methods, PEFT, toolchain pages and more) have one.
    assert marked >= 20


def test_every_code_block_starts_keyboard_reachable() -> None:
    assert focusable_code("<pre><span></span><code>x = 1</code></pre>") == (
        '<pre><span></span><code tabindex="0">x = 1</code></pre>'
    )
    assert focusable_code('<pre class="x"><code class="language-py">y</code></pre>') == (
        '<pre class="x"><code tabindex="0" class="language-py">y</code></pre>'
    )
    kept = ['<pre><code tabindex="-1">z</code></pre>', "<p><code>inline</code></p>", "<pre><codex>w</codex></pre>"]
    assert [focusable_code(html) for html in kept] == kept
