"""Plain text from data files, made safe to put into Markdown or HTML.

A name, title, author, label or id from a data file is text, never markup. Macros such as
`term()` and `cite()` return their output into the page's Markdown, where it is parsed again:
escaping only `<` and `&` would leave `[x](javascript:...)` a live link and `{ onclick=... }`
an attribute (attr_list). `plain` turns every character that HTML or this site's Markdown
extensions give a meaning to into a character reference, so the text shows exactly as written.
"""

from __future__ import annotations

import html
import re

# HTML: & < > " '. Markdown: links, images, abbr and footnote definitions need [ ], emphasis
# * _, code `, escapes \, attr_list { }, tables |, and ~ ^ = for extensions. Parentheses,
# `!` and `:` do nothing without a `[`, so names such as "LoRA (low-rank)" stay readable.
_MARKDOWN = re.compile(r"[\[\]*_`\\{}|~^=]")


def plain(text: str) -> str:
    """`text` with every HTML or Markdown special character written as a numeric reference."""
    # A line break would let the rest start a new block (a heading, a definition): one line only.
    one_line = " ".join(str(text).split())
    return _MARKDOWN.sub(lambda match: f"&#{ord(match.group())};", html.escape(one_line))
