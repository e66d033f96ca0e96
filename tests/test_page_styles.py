"""hooks/assets.py: each page links one stylesheet with only the widget CSS it uses, and never
misses the styles of a widget it shows; the print document (make pdf) gets every page's styles."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.config import load_config

from scripts.make_pdf import load_pages, nav_files, print_document
from tests.support.build import REPO_ROOT

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*assets/bundle[^"]*\.css)">')


def _hook():
    spec = importlib.util.spec_from_file_location("assets_hook", REPO_ROOT / "hooks" / "assets.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _listed_css() -> list[str]:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return [str(entry) for entry in config.extra_css if str(entry).startswith("assets/")]


def _pages(site_dir: Path) -> dict[str, str]:
    return {
        "/" + path.parent.relative_to(site_dir).as_posix().removeprefix(".") + "/": path.read_text(encoding="utf-8")
        for path in sorted(site_dir.rglob("index.html"))
    }


def _bundle_of(site_dir: Path, url: str, html: str) -> tuple[str, str]:
    links = STYLESHEET.findall(html)
    assert len(links) == 1, f"{url}: expected one stylesheet bundle, got {links}"
    path = urljoin(url, links[0]).lstrip("/")
    bundle = site_dir / path
    assert bundle.is_file(), f"{url} links {path}, which the build did not write"
    return path, bundle.read_text(encoding="utf-8")


def test_selector_classes_ignore_material_strings_urls_and_comments():
    hook = _hook()
    css = """
    /* .in-a-comment */
    .md-typeset .widget__part, html.js .widget--js > a { background: url(icon.svg) }
    [data-md-color-scheme="slate"] .md-typeset .other::after { content: ".in-a-string" }
    @media (max-width: 44.9375em) { .narrow { margin: 0.5rem } }
    .no-js .fallback {}
    """
    assert hook.selector_classes(css) == {"widget__part", "widget--js", "other", "narrow", "fallback"}


def test_a_page_gets_the_site_wide_css_and_the_widgets_it_uses():
    hook = _hook()
    sources = ["assets/handbook.css", "assets/tree.css", "assets/calc.css", "assets/plain.css"]
    classes = {
        "assets/handbook.css": frozenset({"headerlink"}),
        "assets/tree.css": frozenset({"dt-node"}),
        "assets/calc.css": frozenset({"mc-form"}),
        "assets/plain.css": frozenset(),  # names no class of its own: on every page
    }
    html = "<div class=\"dt dt-node\"><p class='x'>a</p></div>"
    chosen = hook.styles_for(html, sources, classes)
    assert chosen == ["assets/handbook.css", "assets/tree.css", "assets/plain.css"]
    assert hook.bundle_path(chosen, classes) == "assets/bundle.tree.css"
    plain = hook.styles_for("<p>text</p>", sources, classes)
    assert hook.bundle_path(plain, classes) == "assets/bundle.css"


def test_pages_without_a_widget_do_not_load_its_css(site_dir: Path):
    calculator = (REPO_ROOT / "assets" / "memory-calculator.css").read_text(encoding="utf-8").strip()
    tree = (REPO_ROOT / "assets" / "decision-tree.css").read_text(encoding="utf-8").strip()
    for url, html in _pages(site_dir).items():
        _, bundle = _bundle_of(site_dir, url, html)
        assert ("data-memory-calculator" in html) == (calculator in bundle), url
        assert ("data-decision-tree" in html) == (tree in bundle), url
    home = _bundle_of(site_dir, "/", (site_dir / "index.html").read_text(encoding="utf-8"))[0]
    assert home == "assets/bundle.css"


def test_every_page_has_the_css_of_every_class_it_uses(site_dir: Path):
    hook = _hook()
    sources = _listed_css()
    texts = {source: (REPO_ROOT / source).read_text(encoding="utf-8").strip() for source in sources}
    for url, html in _pages(site_dir).items():
        _, bundle = _bundle_of(site_dir, url, html)
        used = hook.html_classes(html)
        for source, text in texts.items():
            classes = hook.selector_classes(text)
            needed = source in hook.SITE_WIDE_CSS or not classes or classes & used
            assert not needed or text in bundle, f"{url}: its stylesheet lacks {source}"


def test_the_404_page_links_the_site_wide_bundle(site_dir: Path):
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    assert STYLESHEET.findall(html) == ["/assets/bundle.css"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_print_document_links_every_pages_styles(site_dir: Path, lang: str):
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    pages = load_pages(site_dir, nav_files(config["nav"]), lang)
    document = print_document(pages, lang, config)
    for page in pages:
        for link in page.soup.find_all("link", rel="stylesheet"):
            assert f'href="{urljoin(page.url, link["href"])}"' in document, (page.url, link["href"])
    assert re.search(r'href="[^"]*bundle\.decision-tree\.css"', document)
