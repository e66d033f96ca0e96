"""The decision tree's HTML: data shown as text, a working page without JS, links computed per language."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data_files import DOCS_DIR, REPO_ROOT
from macros.decision_tree import TREES_DIR, DecisionTree, load_tree, parse_tree
from macros.decision_tree_render import render_tree, ui
from macros.references import references

HOSTILE = "<script>alert('x')</script> \"quoted\" & 'single' </p>"
ROOT_REF = "ouyang-2022-instructgpt"  # in data/references/ since the foundation
REAL_TREE = TREES_DIR / "should-i-fine-tune.yml"


def _text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def hostile_tree() -> DecisionTree:
    """A small tree whose every text contains markup, quotes and ampersands; it links to the home page."""
    leaf = {
        "recommendation": _text(f"建议 {HOSTILE}", f"Advice {HOSTILE}"),
        "explanation": _text(HOSTILE, HOSTILE),
        "next_step": _text(HOSTILE, HOSTILE),
        "cost": _text(HOSTILE, HOSTILE),
        "cost_link": "index.md",
        "links": ["index.md"],
        "refs": [ROOT_REF],
    }
    data = {
        "title": _text(HOSTILE, HOSTILE),
        "intro": _text(HOSTILE, HOSTILE),
        "nodes": [
            {
                "id": "start",
                "question": _text(f"问题 {HOSTILE}", f"Question {HOSTILE}"),
                "why": _text(HOSTILE, HOSTILE),
                "link": "index.md",
                "answers": [
                    {"label": _text(f"甲 {HOSTILE}", f"A {HOSTILE}"), "next": "leaf-a"},
                    {"label": _text(f"乙 {HOSTILE}", f"B {HOSTILE}"), "next": "leaf-b"},
                ],
            },
            {"id": "leaf-a", **leaf},
            {"id": "leaf-b", **leaf},
        ],
    }
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return parse_tree(text, "data/decision-trees/hostile.yml", "hostile", DOCS_DIR, references().keys())


def _soup(tree: DecisionTree, lang: str, page_url: str = "when-to-fine-tune/") -> BeautifulSoup:
    return BeautifulSoup(render_tree(tree, lang, page_url), "html.parser")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_quotes_and_ampersands_in_the_data_render_as_text(lang: str) -> None:
    html = render_tree(hostile_tree(), lang, "when-to-fine-tune/")
    soup = BeautifulSoup(html, "html.parser")
    assert "<script>" not in html
    assert soup.find("script") is None
    answers = [a.get_text() for a in soup.select("section a.dt-answer")]
    assert answers == [f"{'甲' if lang == 'zh' else 'A'} {HOSTILE}", f"{'乙' if lang == 'zh' else 'B'} {HOSTILE}"]
    assert soup.select_one("section h3").get_text() == ("问题 " if lang == "zh" else "Question ") + HOSTILE
    assert soup.select_one(".dt-why").get_text().endswith(HOSTILE)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_question_is_a_section_with_an_id_and_its_answers_link_to_the_next_section(lang: str) -> None:
    soup = _soup(hostile_tree(), lang)
    ids = {section["id"] for section in soup.select("section.dt-node")}
    assert ids == {"hostile--start", "hostile--leaf-a", "hostile--leaf-b"}
    hrefs = [a["href"] for a in soup.select("#hostile--start a.dt-answer")]
    assert hrefs == ["#hostile--leaf-a", "#hostile--leaf-b"]


def test_every_section_of_the_real_tree_is_reachable_by_an_answer_link() -> None:
    tree = load_tree(REAL_TREE)
    soup = _soup(tree, "zh")
    targets = {a["href"][1:] for a in soup.select("section a.dt-answer")}
    sections = {section["id"] for section in soup.select("section.dt-node")}
    assert sections - targets == {f"{tree.id}--{tree.start}"}


@pytest.mark.parametrize(
    ("lang", "page_url", "home", "refs"),
    [
        ("zh", "when-to-fine-tune/", "../", "../references/"),
        ("en", "en/when-to-fine-tune/", "../", "../references/"),
        ("en", "en/", "./", "references/"),
    ],
)
def test_links_in_a_result_are_relative_to_the_page_in_its_language(
    lang: str, page_url: str, home: str, refs: str
) -> None:
    result = _soup(hostile_tree(), lang, page_url).select_one("#hostile--leaf-a")
    hrefs = [a["href"] for a in result.select(".dt-meta a")]
    assert hrefs == [home, f"{refs}#{ROOT_REF}"]


def test_a_result_link_is_labelled_with_the_page_and_section_it_leads_to() -> None:
    tree = load_tree(REAL_TREE)
    zh = _soup(tree, "zh", "methods/").select_one(f"#{tree.id}--use-rag .dt-meta a")
    en = _soup(tree, "en", "en/methods/").select_one(f"#{tree.id}--use-rag .dt-meta a")
    assert zh.get_text() == "何时需要微调 › 检索增强生成"
    assert en.get_text().startswith("When to ") and " › " in en.get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_interface_speaks_the_pages_language(lang: str) -> None:
    soup = _soup(hostile_tree(), lang)
    labels = [button.get_text() for button in soup.select(".dt-controls button")]
    assert labels == [ui(lang)["back"], ui(lang)["restart"]]
    assert labels == (["上一步", "重新开始"] if lang == "zh" else ["Back", "Start over"])


def test_the_controls_wait_hidden_for_the_script() -> None:
    soup = _soup(hostile_tree(), "zh")
    assert soup.select_one(".dt-controls").has_attr("hidden")
    assert soup.select_one(".dt-trail").has_attr("hidden")
    assert soup.select_one(".dt-live")["aria-live"] == "polite"


def test_the_overview_expands_each_node_once_and_links_to_every_section() -> None:
    tree = load_tree(REAL_TREE)
    overview = _soup(tree, "en").select_one(".dt-overview")
    expanded = [a["href"] for a in overview.select("a.dt-map-question") if a.find_next_sibling("ul")]
    assert sorted(expanded) == sorted(f"#{tree.id}--{q.id}" for q in tree.questions())
    linked = {a["href"] for a in overview.select("a")}
    assert linked == {f"#{tree.id}--{node_id}" for node_id in tree.nodes}


def test_the_root_carries_the_tree_id_for_the_script_and_other_tests() -> None:
    root = _soup(hostile_tree(), "en").select_one("[data-decision-tree]")
    assert root["data-decision-tree"] == "hostile"
    assert root["data-dt-start"] == "start"


# --- in the built site ----------------------------------------------------------------------------


@pytest.mark.parametrize("built_file", ["when-to-fine-tune/index.html", "en/when-to-fine-tune/index.html"])
def test_the_page_embeds_the_tree_with_every_node(site_dir: Path, built_file: str) -> None:
    tree = load_tree(REAL_TREE)
    soup = BeautifulSoup((site_dir / built_file).read_text(encoding="utf-8"), "html.parser")
    root = soup.select_one("#decision-tree ~ [data-decision-tree]")
    assert root is not None and root["data-decision-tree"] == tree.id
    assert [s["data-dt-node"] for s in root.select("section[data-dt-node]")] == list(tree.nodes)


def _indexed_text(site_dir: Path, lang: str, page: str) -> str:
    """The search text of a page: English may have its own index under en/search/ (locations relative to en/)."""
    own_index = site_dir / lang / "search" / "search_index.json"
    index_file, location = (
        (own_index, page)
        if own_index.is_file()
        else (site_dir / "search" / "search_index.json", page if lang == "zh" else f"{lang}/{page}")
    )
    index = json.loads(index_file.read_text(encoding="utf-8"))
    return " ".join(d["text"] for d in index["docs"] if d["location"].startswith(location)).replace("\u200b", "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_trees_text_is_in_the_search_index(site_dir: Path, lang: str) -> None:
    tree = load_tree(REAL_TREE)
    text = _indexed_text(site_dir, lang, "when-to-fine-tune/")
    for leaf in tree.recommendations():
        assert leaf.recommendation[lang] in text
    for question in tree.questions():
        assert question.question[lang] in text


def test_the_widgets_script_and_styles_fit_in_5_kb_gzipped() -> None:
    assets = [REPO_ROOT / "assets" / "decision-tree.js", REPO_ROOT / "assets" / "decision-tree.css"]
    size = sum(len(gzip.compress(path.read_bytes(), compresslevel=9)) for path in assets)
    assert size <= 5 * 1024, f"{size} bytes gzipped"
