"""Under `mkdocs serve`, convert to HTML only the pages whose Markdown changed since the last rebuild.

After a save, `mkdocs serve` rebuilds both languages and converts every page's Markdown (after the
macros have run) to HTML, about half of a rebuild, although one page changed. This hook keeps,
per page, what MkDocs' `Page.render` produced (the HTML, the table of contents, the title found
in the text, the anchors the page has and the links it makes to other pages' anchors) with what
it was made from: the Markdown, the page's source and output paths, the Markdown extensions and
their settings, the validation settings and the list of files with their URLs (links are checked
and rewritten against it). When all of these are unchanged, the page gets copies of the kept
results; otherwise MkDocs renders it as before. A render that logged a warning is not kept, so a
broken link is reported on every rebuild; a page that includes a file with `--8<--` (snippets)
is never kept, since the included file is not part of its Markdown.

Only under `mkdocs serve` (hooks/serve_mode.py: `skip_in_serve()`); `mkdocs build` and the tests
render every page. The cache lives on MkDocs' Page class, because `mkdocs serve` reloads this hook
as a new module on every rebuild.
"""

from __future__ import annotations

import copy
import logging
import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_ORIGINAL = "_handbook_render"
_CACHE = "_handbook_render_cache"  # (src_uri, dest_uri) -> (inputs, results)
_FILES_SIGNATURE = "_handbook_signature"
SNIPPET_MARK = "--8<--"


def _serving() -> bool:
    return os.environ.get("HANDBOOK_SERVE") == "fast"  # hooks/serve_mode.py: skip_in_serve()


def _files_signature(files: Files) -> int:
    """The files and their URLs, computed once per Files object (one per build and language)."""
    signature = getattr(files, _FILES_SIGNATURE, None)
    if signature is None:
        signature = hash(tuple(sorted((file.src_uri, file.dest_uri, file.url) for file in files)))
        setattr(files, _FILES_SIGNATURE, signature)
    return signature


def inputs(page: Page, config: MkDocsConfig, files: Files) -> tuple:
    """Everything Page.render reads, besides the source and output paths the cache is keyed by."""
    return (
        page.markdown,
        page.file.url,
        repr(config["markdown_extensions"]),
        repr(config["mdx_configs"]),
        repr(config["validation"]),
        config["use_directory_urls"],
        _files_signature(files),
    )


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _results(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "content": page.content,
        "toc": copy.deepcopy(page.toc),
        "title": page._title_from_render,
        "anchors": set(page.present_anchor_ids or ()),
        # File objects are made anew in every build: keep the linked files' paths
        "links": None if links is None else {file.src_uri: dict(to) for file, to in links.items()},
    }


def _restore(page: Page, results: dict[str, Any], files: Files) -> None:
    page.content = results["content"]
    page.toc = copy.deepcopy(results["toc"])
    page._title_from_render = results["title"]
    page.present_anchor_ids = set(results["anchors"])
    links = results["links"]
    page.links_to_anchors = (
        None if links is None else {files.get_file_from_path(src): dict(to) for src, to in links.items()}
    )


def _render(self: Page, config: MkDocsConfig, files: Files) -> None:
    original = getattr(Page, _ORIGINAL)
    if not _serving() or self.markdown is None or SNIPPET_MARK in self.markdown:
        return original(self, config, files)
    cache = getattr(Page, _CACHE)
    key = inputs(self, config, files)
    slot = (self.file.src_uri, self.file.dest_uri)
    cached = cache.get(slot)
    if cached is not None and cached[0] == key:
        _restore(self, cached[1], files)
        return None
    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        original(self, config, files)
    finally:
        logger.removeHandler(warnings)
    if warnings.count == 0:
        cache[slot] = (key, _results(self))
    else:
        cache.pop(slot, None)
    return None


def install() -> None:
    """Wrap Page.render once per process (idempotent)."""
    if not hasattr(Page, _ORIGINAL):
        setattr(Page, _ORIGINAL, Page.render)
        setattr(Page, _CACHE, {})
        Page.render = _render


def on_config(config: MkDocsConfig) -> None:
    if _serving():
        install()
