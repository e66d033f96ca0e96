"""Ship the hand-written files in assets/ (beside docs/, not inside it) with the site.

Keeping them out of docs/ leaves docs/ for pages only. Each widget keeps its own CSS and JS
file (one concern per file, listed in mkdocs.yml's extra_css / extra_javascript), but readers
download one stylesheet and one script: every render-blocking request costs a phone a round
trip. This hook concatenates the listed JS files, in the listed order, into assets/bundle.js,
ships any other file in assets/ as it is, and makes `mkdocs serve` reload when one changes.

Styles are bundled per page, with only the widget CSS the page uses: a listed CSS file goes into
a page's bundle when the page's HTML carries one of the classes the file's selectors name
(Material's own `md-` classes and the `js` / `no-js` document classes aside); SITE_WIDE_CSS goes
into every bundle, and so does a file whose selectors name no class of their own. A page with no
widget gets assets/bundle.css (the site-wide files only, also used by 404.html); the others get
assets/bundle.<file>.<file>.css, named after the widget files it holds, one file per set of
widgets. Material's instant navigation swaps the <link> in <head> from page to page.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
BUNDLES = {"css": "assets/bundle.css", "js": "assets/bundle.js"}
# In every page's stylesheet: links, focus rings, the footer, visually hidden text.
SITE_WIDE_CSS = ("assets/handbook.css",)
# Classes that say nothing about a page's content: Material's, and the <html> js / no-js switch.
_NOT_WIDGET_CLASS = re.compile(r"md-|(no-)?js$")

# The files each bundle is made of, as listed in mkdocs.yml. i18n runs on_config once per
# language on the same config, so the lists are read on the first call only.
_bundled: dict[str, list[str]] = {}
# Bundles are written to disk: mkdocs-static-i18n needs every file to have a source path.
_BUNDLE_DIR = Path(tempfile.mkdtemp(prefix="handbook-assets-"))
atexit.register(shutil.rmtree, _BUNDLE_DIR, ignore_errors=True)


# extra_css as on_config leaves it (the site-wide bundle), restored after each page.
_extra_css: list = []
# The stylesheet bundle of each page of the language being built, by the page's source path.
_page_css: dict[str, str] = {}


def _bundle_listed(listed: list, kind: str) -> list:
    """Replace the assets/ entries of an extra_css / extra_javascript list by their bundle."""
    paths = [str(entry) for entry in listed]
    if any(path.startswith("assets/bundle.") for path in paths):  # a later language build
        return listed
    _bundled[kind] = [path for path in paths if path.startswith("assets/")]
    others = [entry for entry, path in zip(listed, paths, strict=True) if not path.startswith("assets/")]
    return [*others, BUNDLES[kind]] if _bundled[kind] else listed


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra_css = _bundle_listed(config.extra_css, "css")
    config.extra_javascript = _bundle_listed(config.extra_javascript, "js")
    _extra_css[:] = config.extra_css
    return config


def _read(source: str) -> str:
    return (ASSETS_DIR / source.removeprefix("assets/")).read_text(encoding="utf-8")


def selector_classes(css: str) -> frozenset[str]:
    """The class names the selectors of a stylesheet use, but for Material's and js / no-js."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\"[^\"]*\"|'[^']*'|url\([^)]*\)", '""', css)  # no class names inside strings or URLs
    preludes = (text for text in re.findall(r"([^{};]+)\{", css) if not text.lstrip().startswith("@"))
    names = {name for text in preludes for name in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", text)}
    return frozenset(name for name in names if not _NOT_WIDGET_CLASS.match(name))


def html_classes(html: str) -> set[str]:
    """Every class token in the HTML's class attributes."""
    return {
        token for value in re.findall(r"""\bclass=(?:"([^"]*)"|'([^']*)')""", html) for token in " ".join(value).split()
    }


def always(source: str, classes: dict[str, frozenset[str]]) -> bool:
    """A file every page gets: site-wide, or naming no class of its own."""
    return source in SITE_WIDE_CSS or not classes[source]


def styles_for(html: str, sources: list[str], classes: dict[str, frozenset[str]]) -> list[str]:
    """The listed CSS files a page needs, in the listed order: the site-wide ones, those whose
    selectors name no class of their own, and those naming a class the page's HTML uses."""
    used = html_classes(html)
    return [source for source in sources if always(source, classes) or classes[source] & used]


def bundle_path(chosen: list[str], classes: dict[str, frozenset[str]]) -> str:
    """assets/bundle.css for the files every page gets, else assets/bundle.<widget>.<widget>.css."""
    widgets = [Path(source).stem for source in chosen if not always(source, classes)]
    return BUNDLES["css"] if not widgets else "assets/bundle." + ".".join(widgets) + ".css"


def bundle(sources: list[str]) -> str:
    """The listed files' text, in order, each headed by its name (read fresh on every build)."""
    parts = []
    for source in sources:
        parts.append(f"/* {source} */\n{_read(source).rstrip()}\n")
    return "\n".join(parts)


def _ship(files: Files, config: MkDocsConfig, path: str, text: str) -> None:
    written = _BUNDLE_DIR / Path(path).name
    written.write_text(text, encoding="utf-8")
    files.append(File.generated(config, path, abs_src_path=str(written)))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    bundled = {path for sources in _bundled.values() for path in sources}
    if _bundled.get("js"):
        _ship(files, config, BUNDLES["js"], bundle(_bundled["js"]))
    if _bundled.get("css"):
        sources = _bundled["css"]
        classes = {source: selector_classes(_read(source)) for source in sources}
        _ship(files, config, BUNDLES["css"], bundle([source for source in sources if always(source, classes)]))
    for path in sorted(ASSETS_DIR.rglob("*")):
        src_uri = "assets/" + path.relative_to(ASSETS_DIR).as_posix()
        if path.is_file() and src_uri not in bundled:
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Every page's HTML is rendered by now: give each page its stylesheet bundle, and ship each
    bundle once (before MkDocs copies the static files)."""
    sources = _bundled.get("css") or []
    _page_css.clear()
    if not sources:
        return env
    classes = {source: selector_classes(_read(source)) for source in sources}
    shipped = {BUNDLES["css"]}
    for file in files.documentation_pages():
        if file.page is None:
            continue
        chosen = styles_for(file.page.content or "", sources, classes)
        path = bundle_path(chosen, classes)
        _page_css[file.src_uri] = path
        if path not in shipped:
            shipped.add(path)
            _ship(files, config, path, bundle(chosen))
    return env


def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
    path = _page_css.get(page.file.src_uri)
    if path is not None:
        config.extra_css = [path if entry == BUNDLES["css"] else entry for entry in _extra_css]
    return context


@event_priority(100)  # before anything else reads the config again
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    config.extra_css = list(_extra_css)
    return output


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    server.watch(str(ASSETS_DIR))
    return server
