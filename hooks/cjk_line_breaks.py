"""Join the lines of Chinese prose that the Markdown source wraps.

A line break inside a paragraph becomes a space in the browser, and Chromium and Firefox keep
that space between Chinese characters: "结论。⏎本手册" reads "结论。 本手册". This hook removes
a line break (and the indentation after it) where the character before it is Chinese or
full-width punctuation and the character after it is Chinese or full-width punctuation, or where
the character before it is full-width punctuation ("。⏎LoRA" has no space either). A break
between a Chinese character and a Latin letter or a digit stays a space, which is the spacing
STYLE.md asks for anyway. Code (<pre>, <code>), scripts, styles and <textarea> keep their
line breaks.
"""

from __future__ import annotations

import re

from mkdocs.structure.pages import Page

# CJK punctuation, kana, unified ideographs (+ extension A) and full-width forms.
_CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_PUNCTUATION = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_BREAK = re.compile(
    rf"(?<=[{_CJK}])[ \t]*\n[ \t]*(?=[{_CJK}])"  # between two Chinese characters
    rf"|(?<=[{_PUNCTUATION}])[ \t]*\n[ \t]*(?=\S)"  # after full-width punctuation
)
# Elements whose text keeps its line breaks; one alternation so nested tags are skipped whole.
_VERBATIM = re.compile(r"(<(pre|code|script|style|textarea)\b[\s\S]*?</\2\s*>)", re.IGNORECASE)


def join_lines(html: str) -> str:
    """The HTML with the line breaks inside Chinese prose removed (see the module docstring)."""
    parts = _VERBATIM.split(html)
    # split() with two groups yields: text, whole element, tag name, text, ...
    out = []
    for index in range(0, len(parts), 3):
        out.append(_BREAK.sub("", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def on_page_content(html: str, page: Page, config, files) -> str:
    return join_lines(html)
