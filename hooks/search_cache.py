"""Under `mkdocs serve`, index for search only the pages that changed since the last rebuild.

Material's search plugin parses every page's HTML and segments its Chinese text with jieba on
every build, a quarter of a rebuild, although a save changes one page. This hook keeps, per page
address, the search entries of the last rebuild and the inputs they were made from: the page's
HTML, title, table of contents and front matter, and the jieba user dictionary (its path and
modification time). A page whose inputs are all unchanged gets copies of its entries; any other
page is indexed by Material as before. The index is therefore the one a full indexing would
write.

Only under `mkdocs serve` (hooks/serve_mode.py: `skip_in_serve()`); `mkdocs build` and the tests
index every page. The cache lives on Material's SearchIndex class, because `mkdocs serve` reloads
this hook as a new module on every rebuild.
"""

from __future__ import annotations

import copy
import os
from typing import Any

from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig

_ORIGINAL = "_handbook_add_entry_from_context"
_CACHE = "_handbook_search_cache"  # page url -> (inputs, entries)


def _serving() -> bool:
    return os.environ.get("HANDBOOK_SERVE") == "fast"  # hooks/serve_mode.py: skip_in_serve()


def _toc(items: Any) -> tuple:
    return tuple((item.id, item.url, item.title, _toc(item.children)) for item in items)


def _dictionary(config: dict) -> tuple:
    path = config.get("jieba_dict_user") or ""
    try:
        return path, os.stat(path).st_mtime_ns if path else 0
    except OSError:
        return path, None


def inputs(index: SearchIndex, page: Any) -> tuple:
    """Everything Material's add_entry_from_context reads from the page and its settings."""
    meta = page.meta
    return (
        page.content,
        str(page.title),
        repr(meta.get("title")),
        repr(meta.get("search")),
        repr(meta.get("tags")),
        _toc(page.toc),
        _dictionary(index.config),
    )


def _add_entry_from_context(self: SearchIndex, page: Any) -> None:
    original = getattr(SearchIndex, _ORIGINAL)
    if not _serving():
        return original(self, page)
    cache = getattr(SearchIndex, _CACHE)
    key = inputs(self, page)
    cached = cache.get(page.url)
    if cached is not None and cached[0] == key:
        self.entries.extend(copy.deepcopy(cached[1]))
        return None
    start = len(self.entries)
    original(self, page)
    cache[page.url] = (key, copy.deepcopy(self.entries[start:]))
    return None


def install() -> None:
    """Wrap SearchIndex.add_entry_from_context once per process (idempotent)."""
    if not hasattr(SearchIndex, _ORIGINAL):
        setattr(SearchIndex, _ORIGINAL, SearchIndex.add_entry_from_context)
        setattr(SearchIndex, _CACHE, {})
        SearchIndex.add_entry_from_context = _add_entry_from_context


def on_config(config: MkDocsConfig) -> None:
    if _serving():
        install()
