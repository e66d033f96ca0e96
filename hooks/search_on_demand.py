"""Load the search index and start the search worker when the reader first uses search.

Material's bundle requests search/search_index.json (and parses it on the main thread) and starts
its search worker on every page view. Material has no setting for this: the bundle does it as soon
as the page has a search form, except for file:// pages. assets/search-on-demand.js holds both back
until the reader reaches for search; it has to run before the bundle, so this hook puts its
<script> just before the bundle's, on every page and on 404.html. It is not part of
extra_javascript (hooks/assets.py bundles those after Material's scripts) and stays a file of its
own, so a Content-Security-Policy allowing same-origin scripts covers it.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SCRIPT = "assets/search-on-demand.js"
BUNDLE = re.compile(r'<script src="(?P<prefix>[^"]*)assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')


def add_script(html: str, where: str) -> str:
    """The page with the on-demand script just before Material's bundle; an error if the bundle is missing."""
    found = list(BUNDLE.finditer(html))
    if len(found) != 1:
        raise PluginError(
            f"hooks/search_on_demand.py: {where}: expected one <script> of Material's bundle, found {len(found)} "
            "(did Material's base.html change?)"
        )
    match = found[0]
    tag = f'<script src="{match["prefix"]}{SCRIPT}"></script>'
    return html[: match.start()] + tag + html[match.start() :]


@event_priority(50)
def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    return add_script(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        return add_script(output_content, template_name)
    return output_content
