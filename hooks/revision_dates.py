"""Page dates when there is no git history to read them from.

mkdocs-git-revision-date-localized-plugin (configured in mkdocs.yml) gives every page its
last-updated and created dates from git. Two checkouts cannot give true dates: one without git
(a source tarball) and a shallow clone (every page would show the one fetched commit's date).
There this hook turns the plugin off, gives each page the build date instead through
`revision_date` (which Material's page footer shows), labels it as the build date on the page,
and says so once in the build log. The Pages workflow fetches the full history, so the
published site has real dates.
"""

from __future__ import annotations

import datetime
import logging
import subprocess
from pathlib import Path
from typing import Any

from babel.dates import format_date
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

PLUGIN = "git-revision-date-localized"
FALLBACK_LABEL = {"zh": "（构建日期：构建时没有 git 历史）", "en": " (build date: no git history at build time)"}
log = logging.getLogger("mkdocs.hooks.revision_dates")
_reason: str | None = None


def git_history_problem(directory: Path) -> str | None:
    """Why `directory` has no full git history to date pages by, or None when it has one."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-shallow-repository"],
            cwd=directory,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "git is not installed"
    if result.returncode != 0:
        return "the sources are not in a git repository"
    if result.stdout.strip() == "true":
        return "the git clone is shallow"
    return None


@event_priority(100)  # before the plugin's own on_config, which reads git
def on_config(config: MkDocsConfig) -> None:
    global _reason
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        return
    _reason = git_history_problem(Path(config.config_file_path).parent)
    if _reason is not None:
        plugin.config["enabled"] = False
        if not getattr(on_config, "said", False):  # i18n runs on_config once per language
            log.info("Page dates: %s, so every page shows the build date, labelled as such.", _reason)
            on_config.said = True  # type: ignore[attr-defined]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if _reason is not None:
        lang = "en" if config.theme["language"] == "en" else "zh"
        today = datetime.datetime.now(datetime.UTC).date()
        page.meta["revision_date"] = format_date(today, format="long", locale=lang) + FALLBACK_LABEL[lang]
    return markdown
