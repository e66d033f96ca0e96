"""Ship the hand-written files in assets/ (beside docs/, not inside it) with the site.

Keeping them out of docs/ leaves docs/ for pages only. Each widget keeps its own CSS and JS
file (one concern per file, listed in mkdocs.yml's extra_css / extra_javascript), but readers
download one stylesheet and one script: every render-blocking request costs a phone a round
trip. This hook concatenates the listed files, in the listed order, into assets/bundle.css and
assets/bundle.js, ships any other file in assets/ as it is, and makes `mkdocs serve` reload
when one changes.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
BUNDLES = {"css": "assets/bundle.css", "js": "assets/bundle.js"}

# The files each bundle is made of, as listed in mkdocs.yml. i18n runs on_config once per
# language on the same config, so the lists are read on the first call only.
_bundled: dict[str, list[str]] = {}
# Bundles are written to disk: mkdocs-static-i18n needs every file to have a source path.
_BUNDLE_DIR = Path(tempfile.mkdtemp(prefix="handbook-assets-"))
atexit.register(shutil.rmtree, _BUNDLE_DIR, ignore_errors=True)


def _bundle_listed(listed: list, kind: str) -> list:
    """Replace the assets/ entries of an extra_css / extra_javascript list by their bundle."""
    paths = [str(entry) for entry in listed]
    if BUNDLES[kind] in paths:
        return listed
    _bundled[kind] = [path for path in paths if path.startswith("assets/")]
    others = [entry for entry, path in zip(listed, paths, strict=True) if not path.startswith("assets/")]
    return [*others, BUNDLES[kind]] if _bundled[kind] else listed


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra_css = _bundle_listed(config.extra_css, "css")
    config.extra_javascript = _bundle_listed(config.extra_javascript, "js")
    return config


def bundle(sources: list[str]) -> str:
    """The listed files' text, in order, each headed by its name (read fresh on every build)."""
    parts = []
    for source in sources:
        text = (ASSETS_DIR / source.removeprefix("assets/")).read_text(encoding="utf-8")
        parts.append(f"/* {source} */\n{text.rstrip()}\n")
    return "\n".join(parts)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    bundled = {path for sources in _bundled.values() for path in sources}
    for kind, sources in _bundled.items():
        if sources:
            written = _BUNDLE_DIR / Path(BUNDLES[kind]).name
            written.write_text(bundle(sources), encoding="utf-8")
            files.append(File.generated(config, BUNDLES[kind], abs_src_path=str(written)))
    for path in sorted(ASSETS_DIR.rglob("*")):
        src_uri = "assets/" + path.relative_to(ASSETS_DIR).as_posix()
        if path.is_file() and src_uri not in bundled:
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    server.watch(str(ASSETS_DIR))
    return server
