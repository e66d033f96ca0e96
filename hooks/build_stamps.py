"""Take each data file's stamp once per build, not at every macro call (macros/data_files.py).

The loaders in macros/ check their data files' modification times (a glob and a stat each) at
every call, so that `mkdocs serve` picks up edits: the references at every citation, the interface
strings at every widget, thousands of times per build. Data files do not change while a page set
is built, so from MkDocs' pre-build to its post-build (or a failed build), each stamp is taken
once. Outside a build, as in the tests that call the loaders directly, it is taken every time.
mkdocs-static-i18n builds each language as a build of its own, so each language takes them again,
and so does every rebuild under `mkdocs serve`.

mkdocs-macros has imported the macros package by the time of on_pre_build (in its on_config).
"""

from __future__ import annotations

import sys
from typing import Any

from mkdocs.plugins import event_priority


def _data_files() -> Any:
    return sys.modules.get("macros.data_files")


@event_priority(100)  # before anything that renders
def on_pre_build(config: Any) -> None:
    module = _data_files()
    if module is not None:
        module.begin_build()


@event_priority(-100)
def on_post_build(config: Any) -> None:
    module = _data_files()
    if module is not None:
        module.end_build()


def on_build_error(error: Exception) -> None:
    module = _data_files()
    if module is not None:
        module.end_build()
