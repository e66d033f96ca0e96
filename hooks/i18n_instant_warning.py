"""Drop one known-harmless warning so `strict: true` can stay on.

mkdocs-static-i18n warns on every build that its language switcher links go stale under
Material's instant navigation. Here they do not: assets/handbook.js refreshes them
after each instant page load, and overrides/partials/alternate.html makes the switch itself a
full page load. Under --strict the warning would abort the build.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig

STALE_SWITCHER_WARNING = "language switcher contextual link is not compatible"


class DropStaleSwitcherWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return STALE_SWITCHER_WARNING not in record.getMessage()


_FILTER = DropStaleSwitcherWarning()


I18N_LOGGER = "mkdocs.plugins.mkdocs_static_i18n.reconfigure"


def on_config(config: MkDocsConfig) -> None:
    # Runs before i18n's own on_config (priority -100) in every language build.
    # addFilter ignores a filter that is already attached.
    logging.getLogger(I18N_LOGGER).addFilter(_FILTER)
