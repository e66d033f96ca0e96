"""Keep the site's one 404 page in the default language.

mkdocs-static-i18n builds every language into the same site directory, so each language
build renders 404.html at the root and the last one (English) wins. overrides/404.html is
bilingual already; only the default-language build should write it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-150)  # after i18n's on_config (-100), which sets up the language being built
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # The same theme object serves every language build (and every rebuild under `serve`).
    if config.plugins["i18n"].is_default_language_build:
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    return config
