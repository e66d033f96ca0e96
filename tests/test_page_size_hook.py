"""hooks/page_size.py: a page over 500 KB of HTML is named in the build log; smaller ones are not."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _hook():
    spec = importlib.util.spec_from_file_location("page_size_hook", ROOT / "hooks" / "page_size.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_big_page_is_named_with_its_size(caplog):
    hook = _hook()
    big = "<p>" + "微调" * 90_000 + "</p>"  # 540 KB in UTF-8
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.page_size"):
        assert hook.check("practice/", big) == len(big.encode())
    assert "page size: practice/ is 540 KB of HTML, over the 500 KB limit" in caplog.text
    assert all(record.levelno == logging.INFO for record in caplog.records)  # --strict must not fail on it


def test_a_page_under_the_limit_is_not_named(caplog):
    hook = _hook()
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.page_size"):
        assert hook.check("index.html", "x" * hook.PAGE_SIZE_LIMIT) is None
    assert caplog.text == ""


def test_the_hook_is_registered_and_runs_last():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "hooks/page_size.py" in text
    hook = _hook()
    assert hook.on_post_page("<p>x</p>", type("P", (), {"url": "a/"})(), None) == "<p>x</p>"
