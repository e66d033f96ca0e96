"""The question bank's filter bar and the practice deck's difficulty filter, as rendered at build
time (macros/questions.py render_filters, macros/practice.py, macros/templates/), without a browser.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import practice, questions
from macros.data_files import DATA_DIR
from macros.questions import DIFFICULTIES
from tests.support.data import real_deck_html, real_question_bank

BANK = real_question_bank()
PAGE_URL = {"zh": "interview-questions/", "en": "en/interview-questions/"}


@cache
def bank_html(lang: str, path: Path = questions.QUESTIONS_FILE) -> str:
    return questions.render_question_bank(lang, PAGE_URL[lang], path)


def bank_page(lang: str, path: Path = questions.QUESTIONS_FILE) -> BeautifulSoup:
    return BeautifulSoup(bank_html(lang, path), "html.parser")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_filter_bar_carries_every_count_in_the_html(lang: str) -> None:
    form = bank_page(lang).find("form", attrs={"data-qa-filters": True})
    counts = {
        (radio["name"], radio["value"]): int(radio.find_next_sibling().find(attrs={"data-qa-count": True}).get_text())
        for radio in form.find_all("input", type="radio")
    }
    expected = {("topic", ""): len(BANK.questions), ("difficulty", ""): len(BANK.questions)}
    expected |= {("topic", t.id): len(BANK.in_topic(t.id)) for t in BANK.topics if BANK.in_topic(t.id)}
    for level in DIFFICULTIES:
        if any(q.difficulty == level for q in BANK.questions):
            expected[("difficulty", level)] = sum(q.difficulty == level for q in BANK.questions)
    assert counts == expected
    assert [radio["value"] for radio in form.find_all("input", checked=True)] == ["", ""]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_filter_bar_is_labelled_and_left_out_of_search(lang: str) -> None:
    html = bank_page(lang)
    form = html.find("form", attrs={"data-qa-filters": True})
    assert form.has_attr("data-search-exclude") and form["aria-label"]
    assert [legend.get_text() for legend in form.find_all("legend")] == (
        ["主题", "难度"] if lang == "zh" else ["Topic", "Difficulty"]
    )
    assert all(radio.find_parent("label") for radio in form.find_all("input"))
    assert form.find(attrs={"role": "status"}).get_text()
    assert "{shown}" in form["data-qa-status"] and "{total}" in form["data-qa-status"]
    assert "\n\n" not in str(form)  # raw HTML in Markdown: a blank line would end the block


def test_data_in_the_filter_bar_is_escaped(tmp_path: Path) -> None:
    data = yaml.safe_load(questions.QUESTIONS_FILE.read_text(encoding="utf-8"))
    data["topics"][0]["en"] = '<img src=x onerror="alert(1)"> & co'
    path = tmp_path / "questions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    html = questions.render_question_bank("en", PAGE_URL["en"], path)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; &amp; co" in html


def test_follow_ups_are_a_list_on_the_bank_and_folded_on_the_practice_cards(tmp_path: Path) -> None:
    data = yaml.safe_load(questions.QUESTIONS_FILE.read_text(encoding="utf-8"))
    follow_up = {"question": {"zh": "追问<b>？", "en": "Next <b>?"}, "answer": {"zh": "**是**。", "en": "**Yes**."}}
    data["questions"][0]["follow_ups"] = [follow_up, copy.deepcopy(follow_up)]
    path = tmp_path / "questions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    first = f"q-{data['questions'][0]['id']}"
    on_bank = bank_page("en", path).find(id=first)
    assert [dt.get_text() for dt in on_bank.select(".qa__follow-ups dt")] == ["Next <b>?", "Next <b>?"]
    assert on_bank.select(".qa__follow-ups dd strong")[0].get_text() == "Yes"
    deck = BeautifulSoup(practice.render_deck("en", "en/practice/", path), "html.parser").find(id=first)
    folded = deck.select(".qa__follow-ups > details.qa__follow-up")
    assert [item.summary.get_text() for item in folded] == ["Next <b>?", "Next <b>?"]
    assert folded[0].find("strong").get_text() == "Yes"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_practice_cards_carry_their_difficulty_and_the_deck_offers_the_used_levels(lang: str) -> None:
    deck = BeautifulSoup(real_deck_html(lang, f"{'en/' if lang == 'en' else ''}practice/"), "html.parser")
    for card in deck.select("[data-question-id]"):
        question = next(q for q in BANK.questions if q.id == card["data-question-id"])
        assert card["data-difficulty"] == question.difficulty
        assert (
            card.select_one(".practice__level .qa__difficulty")
            .get_text()
            .endswith(questions.labels(lang)[question.difficulty])
        )
    select = deck.find("select", attrs={"data-practice-difficulty": True})
    used = [level for level in DIFFICULTIES if any(q.difficulty == level for q in BANK.questions)]
    assert [option["value"] for option in select.find_all("option")] == ["", *used]
    assert select.find_parent("div")["hidden"] is not None  # hidden until the script runs


def test_the_interface_catalogues_have_the_same_question_strings() -> None:
    catalogues = {
        lang: yaml.safe_load((DATA_DIR / "ui" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in ("zh", "en")
    }
    assert set(catalogues["zh"]["questions"]) == set(catalogues["en"]["questions"])
    for key, text in catalogues["zh"]["questions"].items():
        placeholders = sorted(part.split("}")[0] for part in text.split("{")[1:])
        other = catalogues["en"]["questions"][key]
        assert placeholders == sorted(part.split("}")[0] for part in other.split("{")[1:]), key
