"""A line break in the Markdown source never shows as a space inside Chinese prose (hooks/cjk_line_breaks.py)."""

from __future__ import annotations

import re
from pathlib import Path

from hooks.cjk_line_breaks import join_lines
from tests.support.build import html_pages


def test_a_break_between_chinese_characters_or_after_full_width_punctuation_goes() -> None:
    assert join_lines("<p>先试提示工程。\n    本手册建议</p>") == "<p>先试提示工程。本手册建议</p>"
    assert join_lines("<p>全部线性\n层</p>") == "<p>全部线性层</p>"
    assert join_lines("<p>见下表：\nLoRA 的秩</p>") == "<p>见下表：LoRA 的秩</p>"


def test_a_break_next_to_latin_text_stays_a_space() -> None:
    assert join_lines("<p>使用\nLoRA 训练</p>") == "<p>使用\nLoRA 训练</p>"
    assert join_lines("<p>It works.\nNext line</p>") == "<p>It works.\nNext line</p>"


def test_code_scripts_and_form_fields_keep_their_line_breaks() -> None:
    for html in (
        "<pre><code>第一行。\n第二行</code></pre>",
        "<p>看 <code>中文。\n代码</code></p>",
        "<script>const s = '一。\\n二';\n// 三。\n四</script>",
        "<textarea>一。\n二</textarea>",
    ):
        assert join_lines(html) == html
    assert join_lines("<pre>甲。\n乙</pre><p>丙。\n丁</p>") == "<pre>甲。\n乙</pre><p>丙。丁</p>"


_CHINESE_BREAK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]\n\s*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_VERBATIM = re.compile(r"<(pre|code|script|style|textarea)\b[\s\S]*?</\1\s*>", re.IGNORECASE)


def test_no_built_page_has_a_line_break_inside_chinese_prose(site_dir: Path) -> None:
    problems = []
    for page in html_pages(site_dir):
        text = _VERBATIM.sub("", page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site_dir)}: {match.group()!r}" for match in _CHINESE_BREAK.finditer(text)]
    assert problems == []
