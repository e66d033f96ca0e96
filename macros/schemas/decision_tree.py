"""Schema of data/decision-trees/<tree id>.yml (loaded by macros/decision_tree.py).

A tree is a list of nodes; a node is a question (its answers lead to other nodes) or a
recommendation (a leaf). Every text is plain text: the renderer escapes it. Checks across
nodes (unique ids, answers that lead to nodes, no cycles, every node reachable, links and
references that exist) are made by the loader.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, Discriminator, Field, StringConstraints, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from macros.schemas.base import PATTERN_PROBLEMS, Id, Strict, Translated
from macros.schemas.questions import RefId

TREE_LINK_PATTERN = r"^[a-z0-9][a-z0-9\-/]*\.md(?:#[A-Za-z0-9_\-]+)?$"
PATTERN_PROBLEMS.setdefault(TREE_LINK_PATTERN, "must be a docs page like 'page.md#section'")
TreeLink = Annotated[str, StringConstraints(pattern=TREE_LINK_PATTERN)]
LEAF_ONLY = ("recommendation", "links", "refs", "cost", "cost_link")


def _one_or_more(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class Answer(Strict):
    label: Translated  # the answer as the reader sees it
    next: Id  # the node it leads to


class QuestionNode(Strict):
    id: Id
    question: Translated
    why: Translated  # "why we ask": what the answer changes
    answers: Annotated[list[Answer], Field(min_length=2)]
    link: TreeLink | None = None  # a section that helps answer, e.g. the memory calculator

    @field_validator("answers", mode="before")
    @classmethod
    def _two_or_more(cls, value: Any) -> Any:
        count = len(value) if isinstance(value, list) else 0
        if count < 2:
            problem = "a question needs at least two answers (has {count})"
            raise PydanticCustomError("too_few_answers", problem, {"count": count})
        return value


_LEAF_NEEDS = {
    "recommendation": "a leaf (a node without answers) needs a recommendation",
    "links": "a leaf needs at least one link to the pages that explain its recommendation",
    "cost": "a leaf needs a cost hint: what following the recommendation roughly costs",
}


class RecommendationNode(Strict):
    id: Id
    recommendation: Translated  # the advice in a few words (the result card's title)
    explanation: Translated
    next_step: Translated
    cost: Translated  # what following the advice roughly costs
    links: Annotated[list[TreeLink], Field(min_length=1), BeforeValidator(_one_or_more)]
    refs: Annotated[list[RefId], Field(min_length=1), BeforeValidator(_one_or_more)]
    cost_link: TreeLink | None = None  # where to estimate the cost, e.g. the memory calculator

    @model_validator(mode="before")
    @classmethod
    def _a_leaf_needs(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            for field, problem in _LEAF_NEEDS.items():
                if data.get(field) in (None, "", []):
                    raise PydanticCustomError("leaf_needs", problem)
        return data


def _node_kind(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return ":recommendation"  # the leaf schema then says what a node must be
    if "question" in value or "answers" in value:
        return None if any(field in value for field in LEAF_ONLY) else ":question"
    return ":recommendation"


# Tags start with ":" so that error messages can tell them from field names (base.TAG_PREFIX).
Node = Annotated[
    Annotated[QuestionNode, Tag(":question")] | Annotated[RecommendationNode, Tag(":recommendation")],
    Discriminator(
        _node_kind,
        custom_error_type="node_kind",
        custom_error_message="a node is either a question (question, answers) or a recommendation, not both",
    ),
]


class TreeFile(Strict):
    title: Translated
    intro: Translated | None = None  # shown above the first question
    nodes: Annotated[list[Node], Field(min_length=1)]  # the first node is where readers start
