"""hooks/template_cache.py: a theme template is compiled once per process, across the fresh Jinja
environments MkDocs makes per language and per rebuild, and again when its source changes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent


def _hook():
    spec = importlib.util.spec_from_file_location("template_cache_hook", ROOT / "hooks" / "template_cache.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_each_template_compiles_once_until_it_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_TEMPLATE_CACHE", "")  # this process has no cache directory yet
    (tmp_path / "page.html").write_text("<p>{{ text }}</p>", encoding="utf-8")
    compiled: list[str] = []
    parse = jinja2.Environment._parse

    def counting_parse(self, source, name, filename):
        compiled.append(name)
        return parse(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "_parse", counting_parse)

    def render(text: str) -> str:
        # MkDocs makes a new environment for every language build and every rebuild, and reloads the hook
        env = _hook().on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path)), None, None)
        return env.get_template("page.html").render(text=text)

    assert render("a") == "<p>a</p>" and render("b") == "<p>b</p>" and render("c") == "<p>c</p>"
    assert compiled == ["page.html"]
    (tmp_path / "page.html").write_text("<div>{{ text }}</div>", encoding="utf-8")
    assert render("d") == "<div>d</div>"
    assert compiled == ["page.html", "page.html"]
