"""The practice deck (macros/practice.py): what the page holds before any script runs, and the size
of the script and styles that turn it into flashcards (assets/practice.js, assets/practice.css)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from macros import practice
from tests.support.build import REPO_ROOT
from tests.support.data import real_deck_html, real_question_bank

PAGE_URL = {"zh": "practice/", "en": "en/practice/"}
BUTTONS = {"zh": ["显示答案", "记得", "还不会"], "en": ["Show answer", "Knew it", "Not yet"]}
BUDGET = 5 * 1024  # bytes, JS and CSS gzipped together


def deck(lang: str) -> Tag:
    soup = BeautifulSoup(real_deck_html(lang, PAGE_URL[lang]), "html.parser")
    root = soup.find(attrs={"data-practice": True})
    assert isinstance(root, Tag)
    return root


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_root_carries_data_practice_with_the_data_version(lang: str) -> None:
    assert deck(lang)["data-practice"] == str(real_question_bank().version)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_card_buttons_are_labelled_in_the_page_language(lang: str) -> None:
    labels = [deck(lang).find("button", attrs={"data-practice-action": action}) for action in ("reveal", "knew")]
    labels.append(deck(lang).find("button", attrs={"data-practice-action": "not-yet"}))
    assert [button.get_text() for button in labels if isinstance(button, Tag)] == BUTTONS[lang]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_question_is_a_card_with_its_question_and_answer_in_page_order(lang: str) -> None:
    bank = real_question_bank()
    in_page_order = [q for topic in bank.topics for q in bank.in_topic(topic.id)]
    cards = deck(lang).find_all("article", attrs={"data-question-id": True})
    assert [card["data-question-id"] for card in cards] == [q.id for q in in_page_order]
    for card, question in zip(cards, in_page_order, strict=True):
        assert card.find(class_="practice__question").get_text() == question.question[lang]
        assert card.find(class_="qa__short") is not None
        assert card.find(class_="qa__detailed") is not None
        assert card.find(class_="qa__more").a["href"].startswith("../")


def test_without_javascript_only_the_controls_are_hidden() -> None:
    root = deck("zh")
    hidden = {element["class"][0] for element in root.find_all(hidden=True)}
    assert hidden == {"practice__bar", "practice__actions", "practice__done"}


def test_the_deck_is_left_out_of_the_search_index() -> None:
    root = deck("en")
    assert root.name == "section"
    assert root.has_attr("data-search-exclude")
    # Material's search parser ends an exclusion at the first closing tag of the same name.
    assert root.find("section") is None


def test_the_live_region_is_polite() -> None:
    assert deck("en").find(attrs={"aria-live": "polite"}) is not None


def test_data_strings_are_escaped(tmp_path: Path) -> None:
    hostile = '<img src=x onerror="alert(1)"> & "quoted"'
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# 页面 { #page }\n", encoding="utf-8")
    (docs / "page.en.md").write_text("# Page { #page }\n", encoding="utf-8")
    bank = {
        "version": 1,
        "topics": [{"id": "basics", "zh": hostile, "en": hostile}],
        "questions": [
            {
                "id": "planted",
                "topic": "basics",
                "difficulty": "basic",
                "question": {"zh": hostile, "en": hostile},
                "short": {"zh": "短。", "en": "Short."},
                "detailed": {"zh": "长。", "en": "Long."},
                "link": "page.md",
            }
        ],
    }
    path = tmp_path / "questions.yml"
    path.write_text(yaml.safe_dump(bank, allow_unicode=True), encoding="utf-8")
    html = practice.render_deck("en", PAGE_URL["en"], path, docs)
    assert "<img" not in html
    # The topic filter's option, the topic heading and the card show the text exactly as written
    # (whichever character references the escaping uses).
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None
    places = ('option[value="basics"]', ".practice__topic-name", ".practice__question")
    assert [soup.select_one(place).get_text() for place in places] == [hostile] * 3


def test_the_script_and_styles_fit_in_5_kb_gzipped() -> None:
    files = [REPO_ROOT / "assets" / name for name in ("practice.js", "practice.css")]
    size = sum(len(gzip.compress(Path(file).read_bytes(), compresslevel=9)) for file in files)
    assert size <= BUDGET, f"{size} bytes gzipped, budget {BUDGET}"
