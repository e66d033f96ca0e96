"""hooks/search_cache.py: under `mkdocs serve` a page whose inputs are unchanged gets copies of its
last search entries instead of being parsed and segmented again; any change to what Material reads
indexes it afresh; outside serve every page is indexed as before."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

ROOT = Path(__file__).resolve().parent.parent


def _hook():
    spec = importlib.util.spec_from_file_location("search_cache_hook", ROOT / "hooks" / "search_cache.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _page(content: str = '<h1 id="t">标题</h1><p>参数高效微调的文本</p>', url: str = "peft/", **meta):
    return SimpleNamespace(content=content, url=url, title="标题", meta=meta, toc=[])


@pytest.fixture
def counted(monkeypatch):
    """The hook installed, with a counter of the pages Material itself indexed."""
    hook = _hook()
    hook.install()
    monkeypatch.setattr(SearchIndex, hook._CACHE, {})
    calls = []
    original = getattr(SearchIndex, hook._ORIGINAL)

    def counting(self, page):
        calls.append(page.url)
        return original(self, page)

    monkeypatch.setattr(SearchIndex, hook._ORIGINAL, counting)
    return hook, calls


def _entries(page) -> list[dict]:
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries


def test_under_serve_an_unchanged_page_reuses_its_entries(counted, monkeypatch) -> None:
    _hook_module, calls = counted
    monkeypatch.setenv("HANDBOOK_SERVE", "fast")
    first = _entries(_page())
    second = _entries(_page())
    assert second == first and first
    assert calls == ["peft/"]  # indexed once
    second[0]["text"] = "changed by a later step"
    assert _entries(_page()) == first  # copies, not the cached objects


@pytest.mark.parametrize(
    "changed",
    [
        {"content": '<h1 id="t">标题</h1><p>改过的文本</p>'},
        {"search": {"exclude": True}},
        {"search": {"boost": 2}},
        {"tags": ["LoRA"]},
        {"title": "另一个标题"},
    ],
)
def test_any_input_change_indexes_the_page_again(counted, monkeypatch, changed) -> None:
    hook, calls = counted
    monkeypatch.setenv("HANDBOOK_SERVE", "fast")
    _entries(_page())
    content = changed.pop("content", None)
    page = _page(content, **changed) if content else _page(**changed)
    expected = getattr(SearchIndex, hook._ORIGINAL)
    fresh = SearchIndex()
    calls_before = len(calls)
    result = _entries(page)
    assert len(calls) == calls_before + 1, "the changed page was not indexed again"
    expected(fresh, page)
    assert result == fresh.entries


def test_a_changed_table_of_contents_indexes_the_page_again(counted, monkeypatch) -> None:
    _hook_module, calls = counted
    monkeypatch.setenv("HANDBOOK_SERVE", "fast")
    _entries(_page())
    page = _page()
    page.toc = [SimpleNamespace(id="t", url="#t", title="标题", children=[])]
    _entries(page)
    assert calls == ["peft/", "peft/"]


def test_outside_serve_every_page_is_indexed(counted, monkeypatch) -> None:
    _hook_module, calls = counted
    monkeypatch.delenv("HANDBOOK_SERVE", raising=False)
    _entries(_page())
    _entries(_page())
    assert calls == ["peft/", "peft/"]
