"""The decision tree loader: valid trees load; every kind of bad data fails naming the file and the node."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import autocorrect_py
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.data_files import REPO_ROOT, DataError
from macros.decision_tree import (
    TREES_DIR,
    DecisionTree,
    DecisionTreeError,
    Question,
    Text,
    load_tree,
)
from tests.support.decision_trees import (
    NAME,
    _leaf,
    docs_dir,
    error_for,
    load,
    node,
    valid_tree,
)

__all__ = ["docs_dir"]  # the fixture, imported so pytest finds it here


# --- valid trees --------------------------------------------------------------------------------


def test_a_valid_tree_loads_with_its_nodes_in_file_order(docs_dir: Path) -> None:
    tree = load(valid_tree(), docs_dir)
    assert tree.start == "start"
    assert list(tree.nodes) == ["start", "middle", "leaf-a", "leaf-b"]
    assert isinstance(tree.nodes["start"], Question)
    assert tree.nodes["middle"].answers[1].label == {"zh": "去 leaf-b", "en": "To leaf-b"}


def test_paths_lists_every_root_to_leaf_walk(docs_dir: Path) -> None:
    walks = [(walk.answers, walk.outcome) for walk in load(valid_tree(), docs_dir).paths()]
    assert walks == [((0, 0), "leaf-a"), ((0, 1), "leaf-b"), ((1,), "leaf-a")]


def test_the_error_is_a_data_error_naming_the_file(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "leaf-b")["explanation"]
    with pytest.raises(DataError) as caught:
        load(data, docs_dir)
    assert isinstance(caught.value, DecisionTreeError)
    assert str(caught.value).startswith(f"{NAME}: node 'leaf-b': ")


# --- one test per kind of bad data --------------------------------------------------------------


def test_a_yaml_syntax_error_names_the_node_it_is_in(docs_dir: Path) -> None:
    text = yaml.safe_dump(valid_tree(), allow_unicode=True, sort_keys=False)
    broken = text.replace("next: leaf-b", 'next: "leaf-b', 1)
    message = error_for(broken, docs_dir)
    assert "YAML syntax error at line" in message
    assert "node 'middle'" in message


def test_an_unknown_field_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "middle")["colour"] = "blue"
    message = error_for(data, docs_dir)
    assert "node 'middle'" in message and "unknown field(s): colour" in message


def test_a_missing_field_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "middle")["why"]
    message = error_for(data, docs_dir)
    assert "node 'middle'" in message and "missing field(s): why" in message


def test_a_missing_translation_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "leaf-a")["next_step"]["en"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "'next_step' is missing its translation: en" in message


def test_a_missing_translation_of_an_answer_label_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "start")["answers"][1]["label"]["zh"] = "  "
    message = error_for(data, docs_dir)
    assert "node 'start'" in message and "'answer 2 label' is missing its translation: zh" in message


def test_a_bare_yes_in_yaml_gets_a_hint_to_quote_it(docs_dir: Path) -> None:
    text = yaml.safe_dump(valid_tree(), allow_unicode=True, sort_keys=False).replace("en: To leaf-b", "en: Yes", 1)
    message = error_for(text, docs_dir)
    assert "node 'middle'" in message and "put it in quotes" in message


def test_a_duplicate_id_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    data["nodes"].append(_leaf("leaf-b"))
    message = error_for(data, docs_dir)
    assert "node 'leaf-b'" in message and "duplicate id" in message


def test_an_answer_leading_to_a_missing_node_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "middle")["answers"][1]["next"] = "nowhere"
    message = error_for(data, docs_dir)
    assert "node 'middle'" in message and "answer 2 leads to 'nowhere'" in message


def test_an_unreachable_node_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    data["nodes"].append(_leaf("orphan"))
    message = error_for(data, docs_dir)
    assert "node 'orphan'" in message and "unreachable" in message


def test_a_cycle_is_named_with_its_nodes(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "middle")["answers"][0]["next"] = "start"
    message = error_for(data, docs_dir)
    assert "node 'start'" in message and "cycle: start → middle → start" in message


def test_a_question_with_one_answer_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "middle")["answers"][1]
    message = error_for(data, docs_dir)
    assert "node 'middle'" in message and "at least two answers (has 1)" in message


def test_a_leaf_without_a_recommendation_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    del node(data, "leaf-a")["recommendation"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "needs a recommendation" in message


def test_a_leaf_without_a_link_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-b")["links"] = []
    message = error_for(data, docs_dir)
    assert "node 'leaf-b'" in message and "needs at least one link" in message


def test_a_link_to_a_missing_page_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-a")["links"] = ["no-such-page.md#first"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "no-such-page.md" in message and "does not exist" in message


def test_a_link_to_a_missing_anchor_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-a")["links"] = ["guide.md#no-such-section"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-a'" in message and "no heading with id 'no-such-section'" in message


def test_an_unknown_reference_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-b")["refs"] = ["unknown-1999-paper"]
    message = error_for(data, docs_dir)
    assert "node 'leaf-b'" in message and "reference 'unknown-1999-paper'" in message


def test_an_id_that_is_not_kebab_case_is_named(docs_dir: Path) -> None:
    data = valid_tree()
    node(data, "leaf-b")["id"] = "Leaf_B"
    message = error_for(data, docs_dir)
    assert "node 'Leaf_B'" in message and "kebab-case" in message


# --- random damage never escapes as another exception -------------------------------------------


def _locations(value: Any, trail: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key and index inside a nested structure of dicts and lists."""
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        yield (*trail, key)
        yield from _locations(child, (*trail, key))


_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from(["start", "middle", "leaf-a", "leaf-b", "guide.md#first", "known-2020-paper"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.sampled_from(["zh", "en", "id", "next", "x"]), st.text(max_size=5), max_size=3),
)


@st.composite
def damaged_trees(draw: st.DrawFn) -> str:
    data = copy.deepcopy(valid_tree())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        locations = list(_locations(data))
        if not locations:
            break
        *parents, key = draw(st.sampled_from(locations))
        container = data
        for step in parents:
            container = container[step]
        action = draw(st.sampled_from(["delete", "replace", "duplicate"]))
        if action == "delete":
            del container[key]
        elif action == "replace":
            container[key] = draw(_JUNK)
        elif isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):  # damage the text itself too: cut a slice, or insert characters
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=min(len(text), start + 20)))
        text = text[:start] + draw(st.text(max_size=4)) + text[end:]
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=damaged_trees())
def test_random_damage_either_loads_or_raises_the_loaders_own_error(docs_dir: Path, text: str) -> None:
    try:
        tree = load(text, docs_dir)
    except DecisionTreeError as error:
        assert str(error).startswith(NAME)
    else:
        assert tree.paths()


# --- the real tree --------------------------------------------------------------------------------

REAL_TREE = TREES_DIR / "should-i-fine-tune.yml"
FINE_TUNING = {
    "sft-full",
    "sft-lora",
    "sft-qlora",
    "dpo",
    "rm-ppo",
    "rl-programmatic-reward",
    "rejection-sampling-ft",
    "raise-pass-rate",  # supervised fine-tuning on demonstrations before any RL
}


@pytest.fixture(scope="module")
def real_tree() -> DecisionTree:
    return load_tree(REAL_TREE)


def _answers_on(tree: DecisionTree, answers: tuple[int, ...]) -> list[tuple[str, str]]:
    """(question id, English answer label) for each step of a walk."""
    steps, node_id = [], tree.start
    for index in answers:
        question = tree.nodes[node_id]
        assert isinstance(question, Question)
        steps.append((node_id, question.answers[index].label["en"]))
        node_id = question.answers[index].next
    return steps


def _outcomes_through(tree: DecisionTree, question: str, label_start: str) -> set[str]:
    return {
        walk.outcome
        for walk in tree.paths()
        if any(q == question and label.startswith(label_start) for q, label in _answers_on(tree, walk.answers))
    }


def test_the_real_tree_loads_and_reaches_every_recommendation(real_tree: DecisionTree) -> None:
    assert {walk.outcome for walk in real_tree.paths()} == {leaf.id for leaf in real_tree.recommendations()}


@pytest.mark.parametrize(
    ("scenario", "question", "answer", "allowed"),
    [
        ("a complex task where in-context learning falls short", "gap-kind", "A complex task", FINE_TUNING),
        ("poor zero-shot and few-shot results", "strongest-model", "No, even after", {*FINE_TUNING, "use-rag"}),
        ("a specialized domain", "gap-kind", "A specialized domain", {*FINE_TUNING, "use-rag"}),
        ("style, persona or terminology", "gap-kind", "Style and format", FINE_TUNING),
    ],
)
def test_each_lecture_scenario_leads_to_fine_tuning_or_its_prerequisite(
    real_tree: DecisionTree, scenario: str, question: str, answer: str, allowed: set[str]
) -> None:
    outcomes = _outcomes_through(real_tree, question, answer)
    assert outcomes, f"no walk answers {answer!r} at {question!r}"
    # Without enough data the advice is to collect it first: the prerequisite of fine-tuning.
    assert outcomes <= {*allowed, "collect-data"}, scenario
    assert outcomes & FINE_TUNING, scenario


def _texts(tree: DecisionTree) -> list[Text]:
    texts = [tree.title, *([tree.intro] if tree.intro else [])]
    for each in tree.nodes.values():
        if isinstance(each, Question):
            texts += [each.question, each.why, *(answer.label for answer in each.answers)]
        else:
            texts += [each.recommendation, each.explanation, each.next_step, *([each.cost] if each.cost else [])]
    return texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_real_trees_text_follows_the_house_style(real_tree: DecisionTree, lang: str) -> None:
    autocorrect_py.load_config((REPO_ROOT / ".autocorrectrc").read_text(encoding="utf-8"))
    texts = [text[lang] for text in _texts(real_tree)]
    result = autocorrect_py.lint_for("\n\n".join(texts), "md")
    assert [(line.old, line.new) for line in result.lines] == []
    if lang == "zh":  # full-width brackets and quotes in Chinese sentences
        assert [t for t in texts if re.search(r'[()"]', t)] == []
