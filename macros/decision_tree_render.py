"""Render a validated decision tree as HTML that works without JavaScript.

Every node is a <section> with an id; each answer is a link to the next section; results
link to the pages and references behind them. assets/decision-tree.js turns the same markup
into a one-question-at-a-time widget, reading its interface strings from data-* attributes.
Hrefs are computed here: MkDocs does not rewrite links inside raw HTML.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from macros.decision_tree import DecisionTree, Question, Recommendation
from macros.doc_links import href, site_path, source_file
from macros.references import reference

UI: dict[str, dict[str, str]] = {
    "zh": {
        "back": "上一步",
        "restart": "重新开始",
        "trail": "你的回答",
        "why": "为什么问这个：",
        "recommendation": "建议：",
        "next_step": "下一步：",
        "read_more": "延伸阅读：",
        "sources": "依据：",
        "cost": "成本估计：",
        "estimate": "估算显存和成本",
        "help": "帮你回答：",
        "again": "回到第一个问题",
        "overview": "整棵决策树一览（{questions} 个问题，{results} 条建议）",
        "seen": "（见上文）",
        "list_separator": "；",
        "path_separator": " › ",
    },
    "en": {
        "back": "Back",
        "restart": "Start over",
        "trail": "Your answers",
        "why": "Why we ask: ",
        "recommendation": "Recommendation: ",
        "next_step": "Next step: ",
        "read_more": "Read more: ",
        "sources": "Sources: ",
        "cost": "Cost hint: ",
        "estimate": "estimate memory and cost",
        "help": "Help with this answer: ",
        "again": "Back to the first question",
        "overview": "The whole tree at a glance ({questions} questions, {results} recommendations)",
        "seen": " (see above)",
        "list_separator": "; ",
        "path_separator": " › ",
    },
}

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*$")
_MARKUP = re.compile(r"\{\{.*?\}\}|[*`_]")


def _e(text: str) -> str:
    return escape(text, quote=True)


def section_id(tree: DecisionTree, node_id: str) -> str:
    return f"{tree.id}--{node_id}"


def _headings(markdown_file: Path) -> tuple[str, dict[str, str]]:
    """The page title (its h1) and the text of each heading with an explicit id."""
    title, by_anchor = "", {}
    for line in markdown_file.read_text(encoding="utf-8").splitlines():
        match = _HEADING.match(line)
        if not match:
            continue
        text = _MARKUP.sub("", match.group(2)).strip()
        if match.group(1) == "#" and not title:
            title = text
        for anchor in re.findall(r"#([A-Za-z0-9_\-]+)", match.group(3) or ""):
            by_anchor[anchor] = text
    return title, by_anchor


def link_label(link: str, lang: str, page_url: str) -> str:
    """'Page title › Section' for a page.md#anchor link; just the section on the same page."""
    page, _, anchor = link.partition("#")
    title, by_anchor = _headings(source_file(page, lang))
    section = by_anchor.get(anchor, "") if anchor else ""
    if section and site_path(page, lang) == page_url:
        return section
    return f"{title}{UI[lang]['path_separator']}{section}" if section else title


def _links(node: Recommendation, lang: str, page_url: str) -> str:
    items = [
        f'<a href="{_e(href(link, lang, page_url))}">{_e(link_label(link, lang, page_url))}</a>' for link in node.links
    ]
    return UI[lang]["list_separator"].join(items)


def _refs(node: Recommendation, tree: DecisionTree, lang: str, page_url: str) -> str:
    items = []
    for ref_id in node.refs:
        ref = reference(ref_id, tree.file)
        items.append(f'<a href="{_e(href(f"references.md#{ref_id}", lang, page_url))}">{_e(ref.short(lang))}</a>')
    return UI[lang]["list_separator"].join(items)


def _question_link(node: Question, lang: str, page_url: str) -> str:
    if node.link is None:
        return ""
    label = _e(link_label(node.link, lang, page_url))
    return (
        f'<p class="dt-meta"><strong>{_e(UI[lang]["help"])}</strong>'
        f'<a href="{_e(href(node.link, lang, page_url))}">{label}</a></p>\n'
    )


def _cost(node: Recommendation, lang: str, page_url: str) -> str:
    if node.cost is None:
        return ""
    more = ""
    if node.cost_link is not None:
        more = f' <a href="{_e(href(node.cost_link, lang, page_url))}">{_e(UI[lang]["estimate"])}</a>'
    return f'<p class="dt-cost"><strong>{_e(UI[lang]["cost"])}</strong>{_e(node.cost[lang])}{more}</p>\n'


def render_question(tree: DecisionTree, node: Question, lang: str, page_url: str = "") -> str:
    ui = UI[lang]
    answers = "".join(
        f'<li><a class="dt-answer" href="#{_e(section_id(tree, answer.next))}" data-dt-next="{_e(answer.next)}">'
        f"{_e(answer.label[lang])}</a></li>"
        for answer in node.answers
    )
    return (
        f'<section class="dt-node dt-question" id="{_e(section_id(tree, node.id))}" data-dt-node="{_e(node.id)}">\n'
        f'<h3 class="dt-title" tabindex="-1">{_e(node.question[lang])}</h3>\n'
        f'<p class="dt-why"><strong>{_e(ui["why"])}</strong>{_e(node.why[lang])}</p>\n'
        f'<ul class="dt-answers">{answers}</ul>\n'
        f"{_question_link(node, lang, page_url)}"
        "</section>"
    )


def render_recommendation(tree: DecisionTree, node: Recommendation, lang: str, page_url: str) -> str:
    ui = UI[lang]
    start = section_id(tree, tree.start)
    return (
        f'<section class="dt-node dt-result" id="{_e(section_id(tree, node.id))}" data-dt-node="{_e(node.id)}"'
        " data-dt-leaf>\n"
        f'<h3 class="dt-title" tabindex="-1"><span class="dt-kicker">{_e(ui["recommendation"])}</span>'
        f"{_e(node.recommendation[lang])}</h3>\n"
        f"<p>{_e(node.explanation[lang])}</p>\n"
        f"<p><strong>{_e(ui['next_step'])}</strong>{_e(node.next_step[lang])}</p>\n"
        f"{_cost(node, lang, page_url)}"
        f'<p class="dt-meta"><strong>{_e(ui["read_more"])}</strong>{_links(node, lang, page_url)}</p>\n'
        f'<p class="dt-meta"><strong>{_e(ui["sources"])}</strong>{_refs(node, tree, lang, page_url)}</p>\n'
        f'<p class="dt-again"><a href="#{_e(start)}">{_e(ui["again"])}</a></p>\n'
        "</section>"
    )


def _node_title(tree: DecisionTree, node_id: str, lang: str) -> str:
    node = tree.nodes[node_id]
    if isinstance(node, Question):
        return node.question[lang]
    return UI[lang]["recommendation"] + node.recommendation[lang]


def _map_item(tree: DecisionTree, node_id: str, lang: str, shown: set[str], answer: str | None) -> str:
    """One node of the overview: the answer that leads to it, its title, and (the first time) its subtree."""
    node = tree.nodes[node_id]
    kind = "dt-map-question" if isinstance(node, Question) else "dt-map-result"
    lead = f'<span class="dt-map-answer">{_e(answer)}</span> → ' if answer else ""
    link = f'<a class="{kind}" href="#{_e(section_id(tree, node_id))}">{_e(_node_title(tree, node_id, lang))}</a>'
    if node_id in shown:
        return (
            f"<li>{lead}{link}{_e(UI[lang]['seen'])}</li>" if isinstance(node, Question) else f"<li>{lead}{link}</li>"
        )
    shown.add(node_id)
    children = ""
    if isinstance(node, Question):
        items = "".join(_map_item(tree, a.next, lang, shown, a.label[lang]) for a in node.answers)
        children = f"<ul>{items}</ul>"
    return f"<li>{lead}{link}{children}</li>"


def render_overview(tree: DecisionTree, lang: str) -> str:
    """The whole tree as nested lists, each shared question expanded once (it is a DAG, not a tree)."""
    summary = UI[lang]["overview"].format(questions=len(tree.questions()), results=len(tree.recommendations()))
    items = _map_item(tree, tree.start, lang, set(), None)
    return (
        f'<details class="dt-overview" data-search-exclude><summary>{_e(summary)}</summary>'
        f'<ul class="dt-map">{items}</ul></details>'
    )


def _trail(lang: str) -> str:
    """Hidden until the script runs: the answers given so far."""
    return f'<div class="dt-trail" hidden data-search-exclude><p>{_e(UI[lang]["trail"])}</p><ol></ol></div>'


def _controls(lang: str) -> str:
    """Hidden until the script runs: Back / Start over, and the live region that announces each step."""
    ui = UI[lang]
    return (
        '<div class="dt-controls" hidden data-search-exclude>'
        f'<button type="button" data-dt-action="back">{_e(ui["back"])}</button>'
        f'<button type="button" data-dt-action="restart">{_e(ui["restart"])}</button></div>\n'
        '<p class="dt-live" aria-live="polite" data-search-exclude></p>'
    )


def render_tree(tree: DecisionTree, lang: str, page_url: str) -> str:
    """The whole tree in one language, as raw HTML for a Markdown page (no blank lines, no indentation)."""
    parts = [
        f'<div class="dt" data-decision-tree="{_e(tree.id)}" data-dt-start="{_e(tree.start)}">',
        f'<p class="dt-intro"><strong>{_e(tree.title[lang])}</strong> {_e(tree.intro[lang])}</p>' if tree.intro else "",
        render_overview(tree, lang),
        _trail(lang),
    ]
    for node in tree.nodes.values():
        if isinstance(node, Question):
            parts.append(render_question(tree, node, lang, page_url))
        else:
            parts.append(render_recommendation(tree, node, lang, page_url))
    parts += [_controls(lang), "</div>"]
    return "\n".join(part for part in parts if part)
