"""Render a validated decision tree as HTML that works without JavaScript.

Every node is a <section> with an id; each answer is a link to the next section; results
link to the pages and references behind them. assets/decision-tree.js turns the same markup
into a one-question-at-a-time widget, reading the structure from data-* attributes; its words
are in the markup already (the hidden controls). The markup is macros/templates/decision-tree.html,
the words data/ui/<lang>.yml (`decision_tree`). Hrefs are computed here: MkDocs does not
rewrite links inside raw HTML.
"""

from __future__ import annotations

from typing import Any

from macros.decision_tree import DecisionTree, Question, Recommendation
from macros.doc_links import href, section_title
from macros.references import REFERENCES_PAGE, reference
from macros.templating import render
from macros.ui import strings


def section_id(tree: DecisionTree, node_id: str) -> str:
    return f"{tree.id}--{node_id}"


def ui(lang: str) -> dict[str, str]:
    """The widget's interface strings in one language (data/ui/<lang>.yml, `decision_tree`)."""
    return strings(lang, "decision_tree")


def _link(link: str, lang: str, page_url: str) -> dict[str, str]:
    return {"href": href(link, lang, page_url), "text": section_title(link, lang, page_url)}


def _question(tree: DecisionTree, node: Question, lang: str, page_url: str) -> dict[str, Any]:
    return {
        "leaf": False,
        "id": node.id,
        "section": section_id(tree, node.id),
        "title": node.question[lang],
        "why": node.why[lang],
        "answers": [
            {"section": section_id(tree, answer.next), "next": answer.next, "label": answer.label[lang]}
            for answer in node.answers
        ],
        "help": None if node.link is None else _link(node.link, lang, page_url),
    }


def _recommendation(tree: DecisionTree, node: Recommendation, lang: str, page_url: str) -> dict[str, Any]:
    refs = []
    for ref_id in node.refs:
        ref = reference(ref_id, tree.file)
        refs.append({"href": href(f"{REFERENCES_PAGE}#{ref_id}", lang, page_url), "text": ref.short(lang)})
    return {
        "leaf": True,
        "id": node.id,
        "section": section_id(tree, node.id),
        "title": node.recommendation[lang],
        "explanation": node.explanation[lang],
        "next_step": node.next_step[lang],
        "cost": None if node.cost is None else node.cost[lang],
        "cost_href": None if node.cost_link is None else href(node.cost_link, lang, page_url),
        "links": [_link(link, lang, page_url) for link in node.links],
        "refs": refs,
    }


def _node_title(tree: DecisionTree, node_id: str, lang: str) -> str:
    node = tree.nodes[node_id]
    if isinstance(node, Question):
        return node.question[lang]
    return ui(lang)["recommendation"] + node.recommendation[lang]


def _map_item(tree: DecisionTree, node_id: str, lang: str, shown: set[str], answer: str | None) -> dict[str, Any]:
    """One node of the overview: the answer that leads to it, its title, and (the first time) its subtree."""
    node = tree.nodes[node_id]
    is_question = isinstance(node, Question)
    item: dict[str, Any] = {
        "answer": answer,
        "kind": "dt-map-question" if is_question else "dt-map-result",
        "section": section_id(tree, node_id),
        "title": _node_title(tree, node_id, lang),
        "seen": is_question and node_id in shown,
        "children": [],
    }
    if node_id not in shown:
        shown.add(node_id)
        if isinstance(node, Question):
            item["children"] = [_map_item(tree, a.next, lang, shown, a.label[lang]) for a in node.answers]
    return item


def render_tree(tree: DecisionTree, lang: str, page_url: str) -> str:
    """The whole tree in one language, as raw HTML for a Markdown page (no blank lines, no indentation).

    The overview lists the whole tree as nested lists, each shared question expanded once (the
    tree is a DAG, not a tree)."""
    strings_ = ui(lang)
    nodes = [
        _question(tree, node, lang, page_url)
        if isinstance(node, Question)
        else _recommendation(tree, node, lang, page_url)
        for node in tree.nodes.values()
    ]
    return render(
        "decision-tree.html",
        ui=strings_,
        tree_id=tree.id,
        start=tree.start,
        start_section=section_id(tree, tree.start),
        title=tree.title[lang],
        intro=tree.intro[lang] if tree.intro else None,
        summary=strings_["overview"].format(questions=len(tree.questions()), results=len(tree.recommendations())),
        overview=[_map_item(tree, tree.start, lang, set(), None)],
        nodes=nodes,
    ).strip()
