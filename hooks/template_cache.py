"""Compile each theme template once per process, not once per language and rebuild.

MkDocs makes a new Jinja environment for the theme on every build, and mkdocs-static-i18n runs
one build per language, so Material's templates (about 45 files) were compiled twice per
`mkdocs build` and twice more on every rebuild under `mkdocs serve` (about a tenth of a rebuild).
This hook gives the theme's environment a bytecode cache in a directory that lives as long as
the process. Jinja stores each template's source checksum with its bytecode and recompiles
when the source changes, so an edited override is picked up as before.

The directory is kept in the process environment (HANDBOOK_TEMPLATE_CACHE) because `mkdocs
serve` reloads the hooks as new modules on every rebuild; it is removed when the process exits.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig

ENV = "HANDBOOK_TEMPLATE_CACHE"


def _directory() -> str:
    owner, _, path = os.environ.get(ENV, "").partition(":")
    if owner == str(os.getpid()) and os.path.isdir(path):
        return path
    path = tempfile.mkdtemp(prefix="handbook-templates-")
    os.environ[ENV] = f"{os.getpid()}:{path}"  # a child process makes its own
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def on_env(env: Any, config: MkDocsConfig, files: Any) -> Any:
    env.bytecode_cache = FileSystemBytecodeCache(_directory())
    return env
