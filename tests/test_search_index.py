"""The search index serves both languages: jieba-segmented Chinese and whole English words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ZERO_WIDTH_SPACE = "\u200b"


@pytest.fixture(scope="module")
def search_index(site_dir: Path) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def _tokens(text: str, separator: str) -> set[str]:
    return {token for token in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if token}


def test_chinese_text_is_segmented_into_words(search_index: dict) -> None:
    separator = search_index["config"]["separator"]
    assert "\\u200b" in separator, "without U+200B in the separator, jieba's segments are never split"
    zh_docs = [doc for doc in search_index["docs"] if not doc["location"].startswith("en/")]
    tokens = set().union(*(_tokens(doc["title"] + " " + doc["text"], separator) for doc in zh_docs))
    assert ZERO_WIDTH_SPACE in zh_docs[0]["text"]
    assert {"微调", "手册", "大语言模型"} <= tokens


def test_domain_terms_stay_whole(search_index: dict) -> None:
    separator = search_index["config"]["separator"]
    texts = " ".join(doc["text"] for doc in search_index["docs"] if not doc["location"].startswith("en/"))
    assert "大语言模型" in _tokens(texts, separator), "the jieba user dictionary is not applied"


def test_english_pages_are_indexed(search_index: dict) -> None:
    en_docs = [doc for doc in search_index["docs"] if doc["location"].startswith("en/")]
    assert en_docs
    assert any("fine-tuning" in doc["text"].lower() for doc in en_docs)


def test_english_queries_match_whole_words(search_index: dict) -> None:
    # The zh default pipeline contains the stemmer, which breaks whole-word English queries.
    assert "stemmer" not in search_index["config"]["pipeline"]
