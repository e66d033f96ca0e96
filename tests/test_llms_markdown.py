"""hooks/llms_txt.py converts each page's HTML to Markdown with shortcuts of its own (a tree walk
instead of CSS selectors and find_all, a direct find_parent): they must pick the same elements
as the general bs4 calls they replace, so the Markdown stays what it was."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from markdownify import MarkdownConverter

ROOT = Path(__file__).resolve().parent.parent

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


def _hook():
    spec = importlib.util.spec_from_file_location("llms_txt_hook", ROOT / "hooks" / "llms_txt.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


def _reference_markdown(html: str, page_url: str) -> str:
    """The conversion as it was written first, with bs4's general searches."""
    import re
    import urllib.parse

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


def test_the_dropped_elements_are_those_of_the_css_selector() -> None:
    llms = _hook()
    soup = BeautifulSoup(PAGE, "html.parser")
    walked = [tag for tag in soup.descendants if isinstance(tag, Tag) and llms._dropped(tag)]
    assert walked == soup.select("a.headerlink, svg, script, style, template, .md-clipboard")
    assert len(walked) > 6


def test_find_parent_is_bs4s() -> None:
    llms = _hook()
    fast = BeautifulSoup(PAGE, "html.parser", element_classes={Tag: llms._Tag})
    general = BeautifulSoup(PAGE, "html.parser")
    pairs = list(zip(fast.find_all(True), general.find_all(True), strict=True))
    for name in ("pre", "details", "table", "p", "nothing"):
        for quick, slow in pairs:
            found, expected = quick.find_parent(name), slow.find_parent(name)
            assert (found and found.name, found and found.sourceline) == (
                expected and expected.name,
                expected and expected.sourceline,
            ), (name, quick)
    assert pairs[0][0].find_parent(attrs={"class": "note"}) is None  # other queries: bs4's own search


def test_the_markdown_is_that_of_the_general_conversion() -> None:
    llms = _hook()
    url = "https://example.org/en/methods/"
    markdown = llms.html_to_markdown(PAGE, url)
    assert markdown == _reference_markdown(PAGE, url)
    assert "https://example.org/en/peft/#lora" in markdown and "▸ Folded" in markdown
    assert "¶" not in markdown and "var a" not in markdown and "hidden" not in markdown


def test_an_element_marked_data_llms_omit_is_replaced_by_its_note() -> None:
    omit = _hook().omit_marked
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
