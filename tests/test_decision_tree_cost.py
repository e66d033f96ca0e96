"""Decision tree v2 fields: every leaf's cost hint, an optional cost link, an optional help link on a question."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from macros.decision_tree import TREES_DIR, load_tree
from macros.decision_tree_render import render_tree
from tests.support.decision_trees import docs_dir, error_for, load, node, valid_tree

__all__ = ["docs_dir"]  # the fixture, imported so pytest finds it here


def test_a_leaf_without_a_cost_hint_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "leaf-b")["cost"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-b'" in message and "needs a cost hint" in message


def test_a_cost_hint_needs_both_languages(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "leaf-a")["cost"]["en"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "'cost' is missing its translation: en" in message


def test_a_cost_link_to_a_missing_section_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-a")["cost_link"] = "guide.md#calculator"
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "calculator" in message


def test_a_cost_link_must_be_a_docs_page(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-a")["cost_link"] = "https://example.com/calc"
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "cost_link" in message and "page.md#section" in message


def test_a_question_may_link_to_a_section_that_helps_answer_it(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "start")["link"] = "guide.md#nowhere"
    message = error_for(data, docs_dir)
    assert "node 'start'" in message and "nowhere" in message
    node(data, "start")["link"] = "guide.md#first"
    assert load(data, docs_dir).nodes["start"].link == "guide.md#first"


def test_a_question_cannot_carry_a_cost_hint(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "start")["cost"] = {"zh": "贵。", "en": "Dear."}
    assert "either a question" in error_for(data, docs_dir)


def test_every_result_card_of_the_real_tree_shows_its_cost_hint() -> None:
    tree = load_tree(TREES_DIR / "should-i-fine-tune.yml")
    for lang, label in (("zh", "成本估计："), ("en", "Cost hint: ")):
        soup = BeautifulSoup(render_tree(tree, lang, "when-to-fine-tune/"), "html.parser")
        for leaf in tree.recommendations():
            cost = soup.select_one(f"section[data-dt-node='{leaf.id}'] .dt-cost")
            assert cost is not None, leaf.id
            assert cost.get_text().startswith(f"{label}{leaf.cost[lang]}"), leaf.id
