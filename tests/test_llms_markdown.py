"""hooks/llms_txt.py converts each page's HTML to Markdown with a walk of its own over an lxml tree,
following markdownify's rules: for every kind of element our pages have (and the odd cases around
them: whitespace, entities, backticks, Chinese text next to tags, nesting), its Markdown must be what
bs4 and markdownify 1.2.0 wrote, which is kept here as the reference."""

from __future__ import annotations

import importlib.util
import re
import sys
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdownify import MarkdownConverter

ROOT = Path(__file__).resolve().parent.parent
URL = "https://example.org/en/methods/"

# What Material and our macros put in a page: permalinks, icons, copy buttons, scripts,
# templates, nested code, folded details, links with and without href.
PAGE = """
<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1>
<p>Text with <a href="../peft/#lora">a link</a>, <a name="x">no href</a>, <a href="">empty</a>
and <span class="twemoji"><svg viewBox="0 0 1 1"><path d="M0"/></svg></span> an icon.</p>
<div class="highlight"><pre><span></span><code><span class="n">x</span> = 1
<b>kept</b>

y = 2</code></pre><button class="md-clipboard md-icon" title="Copy"></button></div>
<details class="note"><summary>Folded <em>title</em></summary><p>Inside.</p>
<pre><code>a

b</code></pre></details>
<script>var a = 1;</script><style>p {}</style><template><p>hidden</p></template>
<table><thead><tr><th>A</th></tr></thead>
<tbody><tr><td><code>c</code> <a class="headerlink" href="#c">x</a></td></tr></tbody></table>
<p class="MD-CLIPBOARD">capitals are another class</p>
"""

# Each a case where markdownify's rules are easy to get wrong.
SNIPPETS = {
    "nested lists in a table": (
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td><ul><li>one<ul><li>two</li>"
        "</ul></li></ul></td><td><ol><li>x</li><li>y</li></ol></td></tr></tbody></table>"
    ),
    "a table without a head": (
        "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>"
    ),
    "a table of rows only": "<table>\n<tr><th>h</th></tr>\n<tr><td>v</td></tr>\n</table>",
    "a table whose first body row is headers": "<table><tbody><tr><th>a</th></tr><tr><td>b|c</td></tr></tbody></table>",
    "a table with two header rows": (
        "<table><thead><tr><th>a</th></tr><tr><th>b</th></tr></thead><tbody><tr><td>c</td></tr></tbody></table>"
    ),
    "a table with colspan and a caption": (
        '<table><caption>Cap <em>tion</em></caption><thead><tr><th colspan="2">wide</th><th colspan="x">x</th>'
        '</tr></thead><tbody><tr><td>1</td><td>2</td><td colspan="0">3</td></tr></tbody></table>'
    ),
    "a table inside a table": (
        "<table><tr><td><table><tr><th>in</th></tr></table></td><td>out</td></tr><tr><td>2</td></tr></table>"
    ),
    "cells with blocks, breaks and headings": (
        "<table><thead><tr><th><h3>Head</h3></th></tr></thead><tbody><tr><td><p>one</p><p>two<br>three</p>"
        "<div>four</div><blockquote>five</blockquote><dl><dt>t</dt><dd>d</dd></dl></td></tr></tbody></table>"
    ),
    "code with entities": "<pre><code>a &lt; b &amp;&amp; c &gt; d\n  &quot;q&quot; &#95;x&#95;</code></pre>",
    "highlighted code": (
        '<div class="language-python highlight"><pre><span></span><code><span class="k">if</span> a &lt; 1:\n'
        '    <span class="n">x</span> = "&lt;b&gt;"\n\n\n</code></pre></div>'
    ),
    "code that starts with newlines and spaces": "<pre>\n\n   indented\n</pre><pre> </pre><pre></pre>",
    "inline code with backticks": "<p><code>a`b</code>, <code>``x``</code>, <code> spaced </code>, <code></code>.</p>",
    "inline code with entities": "<p><code>&lt;div&gt; &amp; *x* _y_</code> and <kbd>Ctrl</kbd>+<samp>out</samp></p>",
    "links": (
        '<p><a href="">empty</a> <a href="#x"></a> <a href="https://e.org/">https://e.org/</a> <a>none</a> '
        '<a href="../a/" title="say &quot;hi&quot;"> spaced </a><a href="b.md"><code>code</code></a> '
        '<a href="mailto:x@e.org">mail</a> <a href="/abs/">abs</a></p>'
    ),
    "whitespace around inline tags": (
        "<p>a <strong> b </strong>c<em>d </em> e <b>\n f\n</b>  <i>\tg</i></p>\n<p>\n  text\n  <b>x</b>\n</p>"
    ),
    "Chinese next to inline tags": (
        '<p>使用<strong>LoRA</strong>微调<code>7B</code>模型，见<a href="../peft/">参数高效微调</a>。'
        "<em>强调</em>：<abbr title='x'>SFT</abbr>（有监督）</p>"
    ),
    "ordered lists": (
        '<ol start="3"><li>a</li><li>b<ol><li>c</li><li>d</li></ol></li></ol><ol start="x"><li>e</li></ol>'
    ),
    "lists with paragraphs": (
        "<ul>\n<li><p>para1</p>\n<p>para2</p></li>\n<li>x</li>\n</ul>\n<p>after</p><ul><li></li></ul>"
    ),
    "lists next to lists and text": "<ul><li>a</li></ul><ol><li>b</li></ol>tail<ul><li>c</li></ul> <!-- c --> text",
    "a deep list": "<ul><li>1<ul><li>2<ol><li>3<ul><li>4\n<p>para</p></li></ul></li></ol></li></ul></li></ul>",
    "definition lists": "<dl><dt>Term <em>x</em>\n two</dt><dd><p>Def one</p><p>two</p></dd><dt></dt><dd></dd></dl>",
    "blockquotes": (
        "<blockquote><p>q1</p><blockquote><p>q2</p>\n<p>q3</p></blockquote></blockquote><blockquote> </blockquote>"
    ),
    "breaks and rules": "<p>line<br>two<br/>three</p><hr><p>x</p><br>",
    "headings": "<h2>Two <em>em</em>\n  wrapped</h2><h4>Four</h4><h6>Six</h6><li><h3>in item</h3></li>",
    "inline formatting": (
        "<p><em>em</em> <strong>strong</strong> <del>del</del> <s>s</s> x<sup>2</sup> H<sub>2</sub>O "
        "<q>quote</q> <strong> </strong> <em></em> <strong><em>both</em></strong></p>"
    ),
    "details": (
        "<details><summary> Folded <em>t</em></summary><p>In</p></details><details><summary></summary></details>"
    ),
    "dropped icons between words": (
        '<p>a <span class="twemoji"><svg><path d="M0"/></svg></span> b <svg></svg> c<svg></svg>d</p>'
        '<h2 id="x">Title<a class="headerlink" href="#x">¶</a></h2><p><button class="md-clipboard">x</button>y</p>'
    ),
    "comments": "<p>a <!-- c --> b</p><ul><!-- x --><li>y</li></ul><!----> <p>z</p>",
    "non-breaking spaces": "<p>&nbsp;</p><p>a&nbsp; b &nbsp;</p><td>&nbsp;</td>",
    "Markdown characters in text": (
        "<p>&lt;tag&gt; &amp; *stars* _under_ # hash 1. item - dash [x](y) `tick` | pipe</p>"
    ),
    "divisions": "<div>text<div>inner</div>tail</div><section><article> a </article></section> <div></div>",
    "figures": "<figure><svg></svg><figcaption>Fig <strong>1</strong></figcaption></figure><img src='a.png' alt='A'>",
    "text at the top level": "  loose text <b>bold</b>\n\n<p>p</p>  more\n",
    "forms": (
        '<form><fieldset><legend>L</legend><label>Difficulty <select><option value="">All</option>'
        "<option>Two</option></select></label><input type='checkbox'> <button>Go</button></fieldset></form>"
    ),
}


def _hook():
    spec = importlib.util.spec_from_file_location("llms_txt_hook", ROOT / "hooks" / "llms_txt.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


def _reference_markdown(html: str, page_url: str) -> str:
    """The conversion as it was written first: bs4's html.parser tree, bs4's searches, markdownify."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("a.headerlink, svg, script, style, template, .md-clipboard"):
        tag.decompose()
    for link in soup.find_all("a", href=True):
        link["href"] = urllib.parse.urljoin(page_url, link["href"])
    for summary in soup.find_all("summary"):
        summary.name = "p"
        summary.insert(0, "▸ ")
    text = MarkdownConverter(
        heading_style="ATX", bullets="-", strip=["img"], escape_underscores=False, escape_asterisks=False
    ).convert_soup(soup)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


LLMS = _hook()


def test_the_markdown_of_a_page_is_markdownifys() -> None:
    markdown = LLMS.html_to_markdown(PAGE, URL)
    assert markdown == _reference_markdown(PAGE, URL)
    assert "https://example.org/en/peft/#lora" in markdown and "▸ Folded" in markdown
    assert "¶" not in markdown and "var a" not in markdown and "hidden" not in markdown


@pytest.mark.parametrize("html", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_the_markdown_of_each_tricky_snippet_is_markdownifys(html: str) -> None:
    assert LLMS.html_to_markdown(html, URL) == _reference_markdown(html, URL)


# Random pages made of the same pieces, nested the way valid HTML nests them (where the HTML is
# invalid, html.parser and lxml build different trees, and neither tree is the page's).
_WORDS = st.sampled_from(
    ["word", "两个字", " ", "  ", "\n", "\n  ", "a b", "&lt;x&gt;", "&amp;", "&nbsp;", "`", "*", "_", "1.", "|", "微调"]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=3).map("".join)
_LINK_TEXT = st.one_of(_TEXT, _TEXT.map("<code>{}</code>".format), _TEXT.map("x<strong>{}</strong>".format))


def _inline_content() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        piece = st.one_of(
            inner,
            st.tuples(st.sampled_from(["strong", "em", "code", "del", "sup", "span", "abbr", "kbd"]), inner).map(
                lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0]}>"
            ),
            _LINK_TEXT.map(lambda text: f'<a href="../x/#{len(text)}">{text}</a>'),  # no link in a link
            st.just("<br>"),
            st.just('<span class="twemoji"><svg><path d="M0"/></svg></span>'),
        )
        return st.lists(piece, min_size=1, max_size=3).map("".join)

    return st.recursive(_TEXT, extend, max_leaves=6)


_INLINE = _inline_content()


def _blocks(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    flow = st.one_of(inner, _INLINE)
    items = st.lists(flow, min_size=1, max_size=3)
    block = st.one_of(
        _INLINE.map(lambda text: f"<p>{text}</p>"),
        st.tuples(st.sampled_from(["h2", "h3"]), _INLINE).map(lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0]}>"),
        st.tuples(st.sampled_from(["div", "blockquote", "section"]), flow).map(
            lambda pair: f"<{pair[0]}>{pair[1]}</{pair[0]}>"
        ),
        st.tuples(st.sampled_from(["ul", "ol"]), items).map(
            lambda pair: f"<{pair[0]}>" + "\n".join(f"<li>{item}</li>" for item in pair[1]) + f"</{pair[0]}>"
        ),
        st.lists(st.tuples(_INLINE, flow), min_size=1, max_size=2).map(
            lambda pairs: "<dl>" + "".join(f"<dt>{term}</dt><dd>{text}</dd>" for term, text in pairs) + "</dl>"
        ),
        st.tuples(st.lists(_INLINE, min_size=1, max_size=2), st.lists(items, min_size=1, max_size=2)).map(
            lambda pair: (
                "<table><thead><tr>"
                + "".join(f"<th>{head}</th>" for head in pair[0])
                + "</tr></thead><tbody>\n"
                + "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in pair[1])
                + "</tbody></table>"
            )
        ),
        _TEXT.map(lambda text: f"<pre><code>{text}</code></pre>"),
        st.tuples(_INLINE, flow).map(lambda pair: f"<details><summary>{pair[0]}</summary>{pair[1]}</details>"),
        st.just("<hr>"),
    )
    return st.lists(st.one_of(block, _WORDS), min_size=1, max_size=3).map("".join)


_PAGES = st.recursive(_INLINE.map(lambda text: f"<p>{text}</p>"), _blocks, max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGES)
def test_the_markdown_of_generated_pages_is_markdownifys(html: str) -> None:
    assert LLMS.html_to_markdown(html, URL) == _reference_markdown(html, URL)


def test_an_element_marked_data_llms_omit_is_replaced_by_its_note() -> None:
    omit = LLMS.omit_marked
    html = (
        '<p>Before.</p><section class="deck" data-llms-omit="See the bank." data-x="1">'
        "<section><p>Nested answer</p></section><p>Another answer</p></section><p>After.</p>"
    )
    assert omit(html) == "<p>Before.</p><p>See the bank.</p><p>After.</p>"
    two = '<div data-llms-omit="one"><div>a</div></div><b>keep</b><div data-llms-omit="two">b</div>'
    assert omit(two) == "<p>one</p><b>keep</b><p>two</p>"
    assert omit("<p>Nothing marked.</p>") == "<p>Nothing marked.</p>"


def test_the_practice_deck_is_left_out_of_the_markdown_and_its_mark_out_of_the_page(site_dir: Path) -> None:
    from tests.support.data import real_question_bank

    bank = real_question_bank()
    for markdown, lang in (("practice/index.md", "zh"), ("en/practice/index.md", "en")):
        text = (site_dir / markdown).read_text(encoding="utf-8")
        assert not [q.id for q in bank.questions if q.question[lang] in text], f"{markdown} repeats the bank"
        assert "interview-questions" in text, f"{markdown} no longer points to the question bank"
    for page in ("practice/index.html", "en/practice/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert "data-llms-omit" not in html
        assert html.count('class="practice__card"') == len(bank.questions), f"{page} lost its cards"
