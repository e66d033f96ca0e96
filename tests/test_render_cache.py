"""hooks/render_cache.py: under `mkdocs serve` an unchanged page reuses its last HTML; the site a
rebuild writes is the one a build without the cache writes; a render that warned is not kept."""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parent.parent


def _hook():
    spec = importlib.util.spec_from_file_location("render_cache_hook", ROOT / "hooks" / "render_cache.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _project(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nSee [the other page](other.md#part-two).\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## Part one\n\nText.\n\n## Part two\n\nMore.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - toc:\n      permalink: true\nvalidation:\n  anchors: warn\n",
        encoding="utf-8",
    )
    return root / "mkdocs.yml"


def _build(config_file: Path, site: Path) -> dict[str, str]:
    build(load_config(str(config_file), site_dir=str(site)))
    pages = {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    return {path: re.sub(r"Build Date UTC : .*", "", html) for path, html in pages.items()}  # the theme's stamp


@pytest.fixture
def cache(monkeypatch):
    hook = _hook()
    hook.install()
    monkeypatch.setattr(Page, hook._CACHE, {})
    monkeypatch.setenv("HANDBOOK_SERVE", "fast")
    renders = []
    original = getattr(Page, hook._ORIGINAL)

    def counting(self, config, files):
        renders.append(self.file.src_uri)
        return original(self, config, files)

    monkeypatch.setattr(Page, hook._ORIGINAL, counting)
    return hook, renders


def test_a_rebuild_renders_only_the_changed_page_and_writes_the_same_site(cache, tmp_path) -> None:
    hook, renders = cache
    config_file = _project(tmp_path / "project")
    _build(config_file, tmp_path / "first")
    assert sorted(renders) == ["index.md", "other.md"]
    other = tmp_path / "project" / "docs" / "other.md"
    other.write_text(other.read_text(encoding="utf-8").replace("More.", "More, edited."), encoding="utf-8")
    renders.clear()
    rebuilt = _build(config_file, tmp_path / "second")
    assert renders == ["other.md"]
    getattr(Page, hook._CACHE).clear()
    fresh = _build(config_file, tmp_path / "third")
    assert rebuilt == fresh
    assert "More, edited." in rebuilt["other/index.html"]


def test_a_render_that_warned_is_not_kept_so_the_warning_comes_back(cache, tmp_path, caplog) -> None:
    _hook_module, renders = cache
    config_file = _project(tmp_path / "project")
    index = tmp_path / "project" / "docs" / "index.md"
    index.write_text("# Home\n\nA [broken link](missing.md).\n", encoding="utf-8")
    for attempt in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            _build(config_file, tmp_path / f"site{attempt}")
        assert any("missing.md" in record.getMessage() for record in caplog.records), attempt
    assert renders.count("index.md") == 2


def test_a_page_that_includes_a_snippet_is_always_rendered(cache, tmp_path) -> None:
    _hook_module, renders = cache
    config_file = _project(tmp_path / "project")
    index = tmp_path / "project" / "docs" / "index.md"
    index.write_text("# Home\n\n<!-- --8<-- would include a file -->\n", encoding="utf-8")
    _build(config_file, tmp_path / "a")
    _build(config_file, tmp_path / "b")
    assert renders.count("index.md") == 2


def test_outside_serve_every_page_is_rendered(cache, tmp_path, monkeypatch) -> None:
    _hook_module, renders = cache
    monkeypatch.delenv("HANDBOOK_SERVE")
    config_file = _project(tmp_path / "project")
    _build(config_file, tmp_path / "a")
    _build(config_file, tmp_path / "b")
    assert sorted(renders) == ["index.md", "index.md", "other.md", "other.md"]
