"""A faster rebuild under `mkdocs serve` (`make serve`): skip what only the published site needs.

`mkdocs serve` rebuilds both languages on every save. Under it, and only under it, the build skips:
- the machine-readable text (hooks/llms_txt.py): `llms.txt`, `llms-full.txt` and each page's
  `index.md`; converting every page's HTML to Markdown is a third of a full build;
- the page dates from git (mkdocs-git-revision-date-localized-plugin, one `git log` per page and
  language): the page footers show no dates.

Pages, search, links and anchors are built as usual. `mkdocs build`, `make build`, `make pdf` and
the tests never skip anything. To serve the complete site, run `HANDBOOK_SERVE=full make serve`.

MkDocs sends the command name only once, to the first configuration (on_startup); every rebuild
reloads mkdocs.yml and its hooks as new modules, so the decision is kept in the process
environment, where the other hooks read it with `skip_in_serve()`.
"""

from __future__ import annotations

import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

ENV = "HANDBOOK_SERVE"  # "fast" (set here under `mkdocs serve`) or "full" (set by the reader)
FAST = "fast"
GIT_DATES_PLUGIN = "git-revision-date-localized"
log = logging.getLogger("mkdocs.hooks.serve_mode")


def skip_in_serve() -> bool:
    """True when this build runs under `mkdocs serve` and the reader did not ask for the full site."""
    return os.environ.get(ENV) == FAST


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve" and ENV not in os.environ:
        os.environ[ENV] = FAST
        log.info(
            "serve: skipping llms.txt, llms-full.txt, the pages' index.md and the git page dates to rebuild "
            "faster (%s=full make serve builds them).",
            ENV,
        )


@event_priority(100)  # before the git dates plugin's own on_config, which reads git
def on_config(config: MkDocsConfig) -> None:
    if skip_in_serve() and GIT_DATES_PLUGIN in config.plugins:
        config.plugins[GIT_DATES_PLUGIN].config["enabled"] = False
