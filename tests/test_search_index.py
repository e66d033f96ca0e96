"""The search index serves both languages: jieba-segmented Chinese and whole English words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hooks.search_per_language import split_search_index

ZERO_WIDTH_SPACE = "\u200b"


@pytest.fixture(scope="module")
def zh_index(site_dir: Path) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def en_index(site_dir: Path) -> dict:
    return json.loads((site_dir / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))


def _tokens(text: str, separator: str) -> set[str]:
    return {token for token in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if token}


def test_chinese_text_is_segmented_into_words(zh_index: dict) -> None:
    separator = zh_index["config"]["separator"]
    assert "\\u200b" in separator, "without U+200B in the separator, jieba's segments are never split"
    assert ZERO_WIDTH_SPACE in zh_index["docs"][0]["text"]
    tokens = set().union(*(_tokens(doc["title"] + " " + doc["text"], separator) for doc in zh_index["docs"]))
    assert {"微调", "手册"} <= tokens


def test_domain_terms_stay_whole(zh_index: dict) -> None:
    # 大语言模型 is split by jieba's default dictionary; data/jieba-user-dict.txt keeps it whole.
    separator = zh_index["config"]["separator"]
    tokens = set().union(*(_tokens(doc["text"], separator) for doc in zh_index["docs"]))
    assert "大语言模型" in tokens, "the jieba user dictionary is not applied"


def test_each_language_has_its_own_index(zh_index: dict, en_index: dict) -> None:
    assert zh_index["docs"] and en_index["docs"]
    assert not any(doc["location"].startswith("en/") for doc in zh_index["docs"])
    assert not any(ZERO_WIDTH_SPACE in doc["title"] for doc in en_index["docs"])
    assert any("fine-tuning" in doc["text"].lower() for doc in en_index["docs"])


def test_english_queries_match_whole_words(en_index: dict) -> None:
    # The zh default pipeline contains the stemmer, which breaks whole-word English queries.
    assert "stemmer" not in en_index["config"]["pipeline"]


def test_split_moves_each_language_and_relativises_locations(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    docs = [
        {"location": "", "title": "首页"},
        {"location": "en/", "title": "Home"},
        {"location": "en/a/#b", "title": "B"},
    ]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    split_search_index(tmp_path, ["en"])
    zh = json.loads((tmp_path / "search" / "search_index.json").read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in zh["docs"]] == [""]
    assert [doc["location"] for doc in en["docs"]] == ["", "a/#b"]
    assert (tmp_path / "en" / "sitemap.xml").is_file()
