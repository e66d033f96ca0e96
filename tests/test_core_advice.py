"""The handbook's core advice: one position across when-to-fine-tune, the decision tree and the questions.

Each test guards one defect that a senior reviewer found (issue 11): the lecture's rule is
"either", not "both"; RAG is only for knowledge gaps; the tree tries the strongest model first,
offers cheaper fixes before distillation, checks the pass rate before RL, asks about data before
full fine-tuning, and gives every leaf a next step, references and a cost hint.
"""

from __future__ import annotations

import re

import pytest
import yaml

from macros.data_files import DATA_DIR, DOCS_DIR
from macros.decision_tree import TREES_DIR, DecisionTree, Question, Recommendation, load_tree

PAGE = {"zh": DOCS_DIR / "when-to-fine-tune.md", "en": DOCS_DIR / "when-to-fine-tune.en.md"}
QUESTIONS = DATA_DIR / "questions.yml"
BOTH_RULE = {
    "zh": re.compile(r"同时满足|两点都|两条都要|都满足"),
    "en": re.compile(r"\bboth hold\b|\bonly when both\b", re.I),
}
EITHER = {"zh": "任何一个", "en": "either one"}
HANDBOOK = {"zh": "本手册", "en": "this handbook"}


@pytest.fixture(scope="module")
def tree() -> DecisionTree:
    return load_tree(TREES_DIR / "should-i-fine-tune.yml")


def _section(text: str, anchor: str) -> str:
    """The Markdown from the heading with `{ #anchor }` to the next heading of the same or higher level."""
    match = re.search(rf"^(#+) .*\{{ #{anchor} \}}$", text, re.M)
    assert match, f"no heading {{ #{anchor} }}"
    level = len(match.group(1))
    rest = text[match.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def _abstract(text: str) -> str:
    match = re.search(r"^!!! abstract .*\n((?:    .*\n|\n)+)", text, re.M)
    assert match, "no abstract box"
    return match.group(1)


def _walks_through(tree: DecisionTree, outcome: str) -> list[list[str]]:
    """The question ids on every walk that ends at `outcome`."""
    walks = []
    for walk in tree.paths():
        if walk.outcome != outcome:
            continue
        node_id, visited = tree.start, []
        for index in walk.answers:
            visited.append(node_id)
            node = tree.nodes[node_id]
            assert isinstance(node, Question)
            node_id = node.answers[index].next
        walks.append(visited)
    assert walks, f"no walk reaches {outcome}"
    return walks


# --- the page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_abstract_states_the_lectures_either_or_rule_and_labels_the_handbooks_advice(lang: str) -> None:
    box = _abstract(PAGE[lang].read_text(encoding="utf-8"))
    assert EITHER[lang] in box.lower() and HANDBOOK[lang] in box.lower()
    assert not BOTH_RULE[lang].search(box)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_two_criteria_section_says_either_one_is_enough(lang: str) -> None:
    section = _section(PAGE[lang].read_text(encoding="utf-8"), "two-criteria")
    assert EITHER[lang] in section.lower()
    assert not BOTH_RULE[lang].search(section)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_or_question_says_fine_tune_only_when_both_criteria_hold(lang: str) -> None:
    suffix = ".en.md" if lang == "en" else ".md"
    pages = [p for p in DOCS_DIR.glob(f"*{suffix}") if lang == "en" or not p.name.endswith(".en.md")]
    offenders = [p.name for p in pages if BOTH_RULE[lang].search(p.read_text(encoding="utf-8"))]
    for question in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]:
        if question["topic"] == "when":
            text = " ".join(str(question[field][lang]) for field in ("short", "detailed"))
            if BOTH_RULE[lang].search(text):
                offenders.append(f"questions.yml: {question['id']}")
    assert offenders == []


@pytest.mark.parametrize(
    ("lang", "rag_only_for_knowledge"), [("zh", "仅当缺知识"), ("en", "only for missing knowledge")]
)
def test_the_ladders_rag_rung_applies_only_to_a_knowledge_gap(lang: str, rag_only_for_knowledge: str) -> None:
    ladder = _section(PAGE[lang].read_text(encoding="utf-8"), "ladder")
    rag_row = next(line for line in ladder.splitlines() if line.startswith("| 3."))
    assert rag_only_for_knowledge in rag_row
    for gap in {"zh": ("风格", "格式", "人设", "延迟"), "en": ("style", "format", "persona", "latency")}[lang]:
        assert gap in ladder, f"the ladder does not say RAG cannot fix {gap}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("anchor", ["strongest-model-first", "cheaper-fixes", "evaluation-methods"])
def test_the_handbooks_own_sections_say_they_are_the_handbooks_advice(lang: str, anchor: str) -> None:
    section = _section(PAGE[lang].read_text(encoding="utf-8"), anchor)
    assert re.search(r"本手册|the handbook", section, re.I)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_when_question_agrees_with_the_page(lang: str) -> None:
    question = next(
        q for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"] if q["id"] == "when-to-fine-tune"
    )
    assert EITHER[lang] in question["short"][lang].lower()
    assert HANDBOOK[lang] in question["detailed"][lang].lower()


# --- the tree ----------------------------------------------------------------------------------


def test_the_strongest_model_is_tried_before_any_gap_is_diagnosed(tree: DecisionTree) -> None:
    first = tree.nodes[tree.start]
    assert isinstance(first, Question) and "strongest-model" in {a.next for a in first.answers}
    for leaf in tree.recommendations():
        if leaf.id != "build-an-evaluation-set":
            assert all("strongest-model" in walk for walk in _walks_through(tree, leaf.id)), leaf.id


def test_distillation_comes_only_after_the_cheaper_fixes(tree: DecisionTree) -> None:
    assert all("cheaper-fixes" in walk for walk in _walks_through(tree, "distill-into-smaller-model"))
    assert {a.next for a in tree.nodes["cheaper-fixes"].answers} >= {"try-cheaper-fixes", "distill-into-smaller-model"}


def test_the_dpo_leaf_does_not_ask_for_gold_answers_the_reader_said_they_cannot_write(tree: DecisionTree) -> None:
    dpo = tree.nodes["dpo"]
    assert isinstance(dpo, Recommendation)
    for lang, gold in (("zh", "标准答案"), ("en", "gold answer")):
        assert gold not in dpo.next_step[lang] + dpo.explanation[lang] + dpo.recommendation[lang]
    assert "instruct" in dpo.recommendation["en"] and "chosen" in dpo.explanation["en"]


@pytest.mark.parametrize("leaf", ["rejection-sampling-ft", "rl-programmatic-reward"])
def test_programmatic_rewards_check_the_pass_rate_and_the_gpu_budget_first(tree: DecisionTree, leaf: str) -> None:
    assert all({"pass-rate", "rl-gpu-budget"} <= set(walk) for walk in _walks_through(tree, leaf))


def test_a_near_zero_pass_rate_leads_away_from_reinforcement_learning(tree: DecisionTree) -> None:
    near_zero = tree.nodes["pass-rate"].answers[0]
    assert near_zero.label["en"].startswith("Close to zero") and near_zero.next == "raise-pass-rate"


def test_online_rl_starts_with_rejection_sampling_and_holds_up_no_671b_model(tree: DecisionTree) -> None:
    rl = tree.nodes["rl-programmatic-reward"]
    assert isinstance(rl, Recommendation)
    assert "methods.md#rejection-sampling" in rl.links and "rejection-sampling" in rl.recommendation[
        "en"
    ].lower().replace(" ", "-")
    texts = [
        str(getattr(node, field, "")) for node in tree.nodes.values() for field in ("explanation", "next_step", "why")
    ]
    assert not [t for t in texts if re.search(r"671B|R1-Zero", t)]


def test_full_fine_tuning_needs_enough_data_as_well_as_budget(tree: DecisionTree) -> None:
    assert all({"gpu-budget", "data-size"} <= set(walk) for walk in _walks_through(tree, "sft-full"))


def test_every_leaf_gives_a_next_step_references_and_a_cost_hint(tree: DecisionTree) -> None:
    for leaf in tree.recommendations():
        assert leaf.next_step["zh"] and leaf.refs and leaf.links, leaf.id
        assert leaf.cost is not None and leaf.cost["zh"] and leaf.cost["en"], leaf.id


def test_the_tree_points_to_the_new_sections(tree: DecisionTree) -> None:
    links = {link for leaf in tree.recommendations() for link in leaf.links}
    assert {
        "when-to-fine-tune.md#strongest-model-first",
        "when-to-fine-tune.md#cheaper-fixes",
        "when-to-fine-tune.md#evaluation-methods",
        "methods.md#rejection-sampling",
        "methods.md#dpo-variants",
    } <= links


def test_the_tree_says_the_rules_come_from_the_lecture_or_the_handbook(tree: DecisionTree) -> None:
    assert "讲座" in tree.nodes["success-criterion"].why["zh"] and "本手册" in tree.nodes["success-criterion"].why["zh"]
    assert "本手册" in tree.nodes["strongest-model"].why["zh"]


# --- one definition, one ratio ---------------------------------------------------------------------


def _lines() -> list[tuple[str, str]]:
    sources = [*DOCS_DIR.glob("*.md"), QUESTIONS, DATA_DIR / "glossary.yml", TREES_DIR / "should-i-fine-tune.yml"]
    return [
        (f"{path.name}:{n}", line) for path in sources for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
    ]


def test_the_grpo_baseline_is_the_group_mean_and_standard_deviation_everywhere() -> None:
    mentions_baseline = re.compile(r"平均|均值|基线|average|mean|baseline", re.I)
    offenders = [
        where
        for where, line in _lines()
        if "GRPO" in line and mentions_baseline.search(line) and not re.search(r"标准差|standard deviation", line)
    ]
    assert offenders == []


def test_instructgpts_parameter_ratio_is_about_1_in_135() -> None:
    offenders = [where for where, line in _lines() if re.search(r"约百分之一|100 times fewer|100× fewer", line)]
    assert offenders == []


def test_the_gpu_budget_questions_and_gpu_bound_leaves_link_to_the_memory_calculator(tree: DecisionTree) -> None:
    calculator = "memory-calculator.md#calculator"
    assert tree.nodes["gpu-budget"].link == calculator and tree.nodes["rl-gpu-budget"].link == calculator
    for leaf in (
        "sft-full",
        "sft-lora",
        "sft-qlora",
        "dpo",
        "rm-ppo",
        "rejection-sampling-ft",
        "rl-programmatic-reward",
    ):
        assert tree.nodes[leaf].cost_link == calculator, leaf
