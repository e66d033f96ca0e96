"""Report every page whose HTML passes PAGE_SIZE_LIMIT bytes (500 KB).

The line is logged at INFO level on purpose: a WARNING would fail `mkdocs build --strict`, and
the large-content benchmark (bench/fixture.py) builds pages of 1-1.5 MB strictly to time them.
`make bench` collects these lines and reports them; the budget itself is checked there.
The line reads `page size: <url> is <n> KB of HTML, over the 500 KB limit`.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

PAGE_SIZE_LIMIT = 500 * 1000
log = logging.getLogger("mkdocs.hooks.page_size")


def check(url: str, html: str, limit: int = PAGE_SIZE_LIMIT) -> int | None:
    """Log and return the page's size in bytes if it passes the limit, else None."""
    size = len(html.encode("utf-8"))
    if size <= limit:
        return None
    log.info("page size: %s is %s KB of HTML, over the %s KB limit", url or "/", f"{size / 1000:,.0f}", limit // 1000)
    return size


@event_priority(-200)  # after every other hook and plugin has changed the page's HTML
def on_post_page(output: str, page: Page, config) -> str:
    check(page.url, output)
    return output
