"""hooks/serve_mode.py: `mkdocs serve` skips the machine-readable text and the git page dates;
`mkdocs build` (and so `make build`, `make pdf` and the tests) never skips them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _hook(name: str):
    spec = importlib.util.spec_from_file_location(f"{name}_hook", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def clean_env(monkeypatch):
    # setenv first, so that monkeypatch also removes what on_startup writes into os.environ
    monkeypatch.setenv("HANDBOOK_SERVE", "")
    monkeypatch.delenv("HANDBOOK_SERVE")
    return monkeypatch


def _config(tmp_path: Path):
    dates = SimpleNamespace(config={"enabled": True})
    return SimpleNamespace(
        plugins={"git-revision-date-localized": dates},
        theme={"language": "zh"},
        site_url="https://example.org/",
        site_name="s",
        site_description="d",
        site_dir=str(tmp_path),
    )


def _page():
    return SimpleNamespace(url="methods/", meta={}, title="T", canonical_url="https://example.org/methods/")


def test_serve_skips_llms_text_and_git_dates(clean_env, tmp_path):
    serve_mode, llms = _hook("serve_mode"), _hook("llms_txt")
    serve_mode.on_startup(command="serve", dirty=False)
    assert serve_mode.skip_in_serve()
    config = _config(tmp_path)
    serve_mode.on_config(config)
    assert config.plugins["git-revision-date-localized"].config["enabled"] is False
    assert llms.on_page_content("<h1>T</h1><p>x</p>", _page(), config, None) == "<h1>T</h1><p>x</p>"
    assert llms._pages == {}
    llms.on_post_build(config)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_build_skips_nothing(clean_env, tmp_path, command):
    serve_mode, llms = _hook("serve_mode"), _hook("llms_txt")
    serve_mode.on_startup(command=command, dirty=False)
    assert not serve_mode.skip_in_serve()
    config = _config(tmp_path)
    serve_mode.on_config(config)
    assert config.plugins["git-revision-date-localized"].config["enabled"] is True
    llms.on_nav(SimpleNamespace(pages=[]), config, None)
    llms.on_page_content("<h1>T</h1><p>x</p>", _page(), config, None)
    llms.on_post_build(config)
    assert (tmp_path / "llms.txt").is_file() and (tmp_path / "methods" / "index.md").is_file()


def test_serve_with_handbook_serve_full_skips_nothing(clean_env, tmp_path):
    clean_env.setenv("HANDBOOK_SERVE", "full")
    serve_mode = _hook("serve_mode")
    serve_mode.on_startup(command="serve", dirty=False)
    assert not serve_mode.skip_in_serve()
    config = _config(tmp_path)
    serve_mode.on_config(config)
    assert config.plugins["git-revision-date-localized"].config["enabled"] is True


def test_serve_mode_runs_before_the_hooks_it_changes():
    hooks = [line.strip() for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()]
    listed = [line.split()[1] for line in hooks if line.startswith("- hooks/")]
    assert listed[0] == "hooks/serve_mode.py" and "hooks/llms_txt.py" in listed
