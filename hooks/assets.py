"""Ship the hand-written files in assets/ (beside docs/, not inside it) with the site.

Keeping them out of docs/ leaves docs/ for pages only; this hook adds each file to the
build as if it were at docs/assets/<name>, and makes `mkdocs serve` reload when one changes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for path in sorted(ASSETS_DIR.rglob("*")):
        if path.is_file():
            src_uri = "assets/" + path.relative_to(ASSETS_DIR).as_posix()
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    server.watch(str(ASSETS_DIR))
    return server
