"""A small valid decision tree and the helpers to load a damaged copy of it (the loader tests
in test_decision_tree_loader and the v2 fields in test_decision_tree_cost)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.decision_tree import DecisionTree, DecisionTreeError, parse_tree

NAME = "data/decision-trees/sample.yml"
REFS = {"known-2020-paper"}


def _text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _question(node_id: str, *targets: str) -> dict[str, Any]:
    return {
        "id": node_id,
        "question": _text(f"问题 {node_id}？", f"Question {node_id}?"),
        "why": _text("原因。", "Because."),
        "answers": [{"label": _text(f"去 {t}", f"To {t}"), "next": t} for t in targets],
    }


def _leaf(node_id: str) -> dict[str, Any]:
    return {
        "id": node_id,
        "recommendation": _text(f"建议 {node_id}", f"Advice {node_id}"),
        "explanation": _text("解释。", "Explanation."),
        "next_step": _text("下一步。", "Next step."),
        "cost": _text("成本。", "Cost."),
        "links": ["guide.md#first"],
        "refs": ["known-2020-paper"],
    }


def valid_tree() -> dict[str, Any]:
    """start → (middle | leaf-a); middle → (leaf-a | leaf-b): leaf-a is shared, so it is a DAG."""
    return {
        "title": _text("示例", "Sample"),
        "intro": _text("简介。", "Intro."),
        "nodes": [
            _question("start", "middle", "leaf-a"),
            _question("middle", "leaf-a", "leaf-b"),
            _leaf("leaf-a"),
            _leaf("leaf-b"),
        ],
    }


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A docs folder with one page in both languages: guide.md#first exists, nothing else."""
    docs = tmp_path_factory.mktemp("project") / "docs"
    docs.mkdir()
    (docs / "guide.md").write_text("# 指南 { #guide }\n\n## 第一节 { #first }\n\n正文。\n", encoding="utf-8")
    (docs / "guide.en.md").write_text("# Guide { #guide }\n\n## First { #first }\n\nText.\n", encoding="utf-8")
    return docs


def load(data: dict[str, Any] | str, docs_dir: Path) -> DecisionTree:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return parse_tree(text, NAME, "sample", docs_dir, REFS)


def error_for(data: dict[str, Any] | str, docs_dir: Path) -> str:
    with pytest.raises(DecisionTreeError) as caught:
        load(data, docs_dir)
    return str(caught.value)


def node(data: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in data["nodes"] if n["id"] == node_id)
