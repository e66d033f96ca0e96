"""bench/: the report, its SVG chart and the large-content fixture, without Lighthouse or a build."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from bench import fixture, report, run

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def test_smoke_report_lists_every_page_with_plain_material_ratio_and_load(tmp_path):
    assert run.main(["--smoke", str(tmp_path)]) == 0
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| `/practice/` | zh | 93 [92, 93, 94] | 90 [89, 90, 91] | 1.03 |" in text
    assert "9.5 **under load**" in text  # the run taken under load is marked
    assert "**The machine was busy**" in text
    assert "![Lighthouse mobile performance per page" in text and "(scores.svg)" in text
    assert "FAIL  Lighthouse performance ≥ 95 (mobile, median) on every page measured — misses: /practice/ 93" in text
    assert "PASS  large fixture build ≤ 3× the real site: 2.50×" in text
    assert "FAIL  incremental rebuild" not in text and "≤ 2 s: 1.70 s (median, 1.30 s CPU)" in text
    # build ratios are judged on CPU time, with the wall-clock ratio beside them
    assert "PASS  strict build time ≤ 1.5× plain Material: 1.30× (CPU time user + sys; wall clock 1.27×)" in text
    assert "| this site | 10.50 s | 9.25 s | 10.00, 11.00 / 9.00, 9.50 |" in text
    assert "500 questions, 300 glossary terms and a 200-node decision tree" in text
    assert "Search index: `search/search_index.json`" in text


def test_chart_is_svg_with_every_value_as_text_and_a_text_alternative():
    results = report.smoke_results()
    svg = ET.fromstring(report.chart(results["lighthouse"], results["plain_lighthouse"]))
    texts = [element.text for element in svg.iter(f"{SVG}text")]
    for ours, plain in zip(results["lighthouse"], results["plain_lighthouse"], strict=True):
        assert ours["path"] in texts
        assert str(ours["scores"]["performance"]) in texts
        assert f"{plain['scores']['performance']} plain" in texts
    assert svg.find(f"{SVG}title").text.startswith("Lighthouse mobile performance")
    assert "/practice/: this site 93, plain Material 90" in svg.find(f"{SVG}desc").text
    assert svg.get("role") == "img"


def test_fixture_reaches_the_target_sizes_and_keeps_the_real_data():
    bank = yaml.safe_load((ROOT / fixture.QUESTIONS_FILE).read_text(encoding="utf-8"))
    terms = yaml.safe_load((ROOT / fixture.GLOSSARY_FILE).read_text(encoding="utf-8"))
    tree = yaml.safe_load((ROOT / fixture.TREE_FILE).read_text(encoding="utf-8"))
    grown_bank, grown_terms, grown_tree = (
        fixture.grow_questions(bank),
        fixture.grow_glossary(terms),
        fixture.grow_tree(tree),
    )
    assert len(grown_bank["questions"]) == 500 and len(grown_terms) == 300 and len(grown_tree["nodes"]) == 200
    for grown, real in ((grown_bank["questions"], bank["questions"]), (grown_terms, terms)):
        ids = [item["id"] for item in grown]
        assert len(set(ids)) == len(ids) and {item["id"] for item in real} <= set(ids)
    order = [topic["id"] for topic in bank["topics"]]
    ranks = [order.index(question["topic"]) for question in grown_bank["questions"]]
    assert ranks == sorted(ranks)  # still grouped by topic, as the loader requires
    nodes = {node["id"]: node for node in grown_tree["nodes"]}
    reached, todo = set(), [grown_tree["nodes"][0]["id"]]
    while todo:
        node = todo.pop()
        if node not in reached:
            reached.add(node)
            todo += [answer["next"] for answer in nodes[node].get("answers", [])]
    assert reached == set(nodes)  # every node reachable from the first
    assert all(len(node["answers"]) >= 2 for node in nodes.values() if "answers" in node)
    assert not any(term.get("abbr") for term in grown_terms[len(terms) :])


def test_select_pages_filters_by_url_fragment():
    pages = [("zh", "/", None), ("en", "/en/", None), ("zh", "/practice/", None), ("en", "/en/practice/", None)]
    assert run.select_pages(pages, []) == pages
    assert [page[1] for page in run.select_pages(pages, ["/"])] == ["/", "/en/"]
    assert [page[1] for page in run.select_pages(pages, ["practice"])] == ["/practice/", "/en/practice/"]


def test_build_ratio_is_judged_on_cpu_time_with_wall_time_beside_it():
    from bench import builds

    times = builds.BuildTimes(ours=[10.0, 12.0], plain=[5.0, 6.0], ours_cpu=[6.0], plain_cpu=[4.0])
    assert times.ratio == 1.5 and times.wall_ratio == 2.0
    assert builds.BuildTimes(ours=[3.0], plain=[2.0]).ratio == 1.5  # no CPU time recorded: wall clock
