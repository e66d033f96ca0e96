"""Practice mode's difficulty filter and its follow-ups, in a real browser.

The filter tests use the real site (tests/browser/test_practice.py's Deck). The follow-up test
needs a question with a pitfall and follow-ups, whatever the real data holds: it serves the built
practice page with the deck rendered from a copy of the bank whose first question has both.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from macros import practice
from macros.questions import QUESTIONS_FILE
from tests.browser.page_problems import watch_problems
from tests.browser.practice_deck import BANK, IDS, PAGES, ROOT, Deck

pytestmark = pytest.mark.browser

DIFFICULTY = f"{ROOT} select[data-practice-difficulty]"
TOPIC = f"{ROOT} select[data-practice-topic]"
LEVELS = {"zh": ["全部难度", "基础", "进阶", "深入"], "en": ["All levels", "Basic", "Intermediate", "Advanced"]}


def at(level: str, topic: str = "") -> list[str]:
    """The ids practised with these filters, in page order."""
    return [q.id for q in BANK.questions if q.difficulty == level and (not topic or q.topic == topic)]


LEVEL = max({q.difficulty for q in BANK.questions}, key=lambda level: len(at(level)))


def test_the_difficulty_filter_offers_the_levels_in_the_page_language(deck: Deck) -> None:
    used = {q.difficulty for q in BANK.questions}
    names = [
        name
        for name, level in zip(LEVELS[deck.lang], ["", "basic", "intermediate", "advanced"], strict=True)
        if not level or level in used
    ]
    expect(deck.page.locator(f"{DIFFICULTY} option")).to_have_text(names)
    label = {"zh": "难度", "en": "Difficulty"}[deck.lang]
    expect(deck.page.locator(ROOT).get_by_role("combobox", name=re.compile(f"^{label}"))).to_have_count(1)


def test_the_difficulty_filter_practises_only_that_level_and_is_remembered(deck: Deck) -> None:
    deck.page.locator(DIFFICULTY).select_option(LEVEL)
    assert deck.count("left") == len(at(LEVEL))
    assert deck.current() == at(LEVEL)[0]
    assert deck.stored()["difficulty"] == LEVEL
    deck.page.reload()
    expect(deck.page.locator(DIFFICULTY)).to_have_value(LEVEL)
    answered = [deck.answer(knew=True) for _ in at(LEVEL)]
    assert answered == at(LEVEL)
    expect(deck.button("next-round")).to_be_visible()


@pytest.mark.parametrize("_tab", ["en"], indirect=True)  # the labels are checked in both above
def test_difficulty_and_topic_filters_combine(deck: Deck) -> None:
    topic = next(q.topic for q in BANK.questions if q.difficulty == LEVEL)
    deck.page.locator(DIFFICULTY).select_option(LEVEL)
    deck.page.locator(TOPIC).select_option(topic)
    assert deck.count("left") == len(at(LEVEL, topic))
    deck.page.locator(DIFFICULTY).select_option("")
    assert deck.count("left") == len(BANK.in_topic(topic))


@pytest.mark.parametrize("_tab", ["en"], indirect=True)  # the labels are checked in both above
def test_progress_saved_before_the_filter_existed_stays_valid_and_new_questions_are_new(deck: Deck) -> None:
    # As saved before the difficulty filter: no "difficulty" field, and the last question unknown to it.
    saved = {
        "version": BANK.version,
        "round": 1,
        "boxes": {IDS[0]: [2, 2], IDS[1]: [1, 1]},
        "queue": [IDS[1], *IDS[2:-1]],
        "topic": "",
    }
    deck.plant(json.dumps(saved))
    assert deck.current() == IDS[1]
    assert (deck.count("known"), deck.count("learning"), deck.count("new")) == (1, 1, len(IDS) - 2)
    expect(deck.page.locator(DIFFICULTY)).to_have_value("")
    deck.plant(json.dumps(saved | {"difficulty": "gone"}))
    expect(deck.page.locator(DIFFICULTY)).to_have_value("")  # a level no longer offered counts as all
    assert deck.current() == IDS[1]


# --- follow-ups and the pitfall, on a copy of the project --------------------------------------------

FOLLOW_UP = {
    "question": {"zh": "那么秩该取多大？", "en": "So how large should the rank be?"},
    "answer": {"zh": "从 **8** 或 16 试起。", "en": "Start from **8** or 16."},
}
PITFALL = {"zh": "把两种方法混为一谈。", "en": "Treating the two methods as one."}


@pytest.fixture(scope="module")
def planted_bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real bank with a pitfall and two follow-ups on its first question."""
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    first = data["questions"][0]
    first["pitfall"] = PITFALL
    first["follow_ups"] = [FOLLOW_UP, copy.deepcopy(FOLLOW_UP)]
    first["follow_ups"][1]["question"] = {"zh": "第二个追问？", "en": "A second follow-up?"}
    path = tmp_path_factory.mktemp("bank") / "questions.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def serve_deck(page: Page, site_url: str, site_dir: Path, lang: str, bank: Path) -> None:
    """Serve the built practice page with its deck rendered from `bank` (no second site build)."""
    built = (site_dir / PAGES[lang].strip("/") / "index.html").read_text(encoding="utf-8")
    deck_html = practice.render_deck(lang, PAGES[lang].lstrip("/"), bank)
    start, end = built.index('<section class="practice"'), built.index("</section>") + len("</section>")
    body = built[:start] + deck_html + built[end:]
    page.route(site_url + PAGES[lang], lambda route: route.fulfill(body=body, content_type="text/html"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pitfall_and_follow_ups_come_after_the_answer_each_folded(
    browser: Browser, site_url: str, site_dir: Path, planted_bank: Path, lang: str
) -> None:
    context = browser.new_context()
    deck = Deck(context.new_page(), lang)
    problems = watch_problems(deck.page)
    serve_deck(deck.page, site_url, site_dir, lang, planted_bank)
    deck.open(site_url)
    card = deck.card()
    follow_ups = card.locator(".qa__follow-up")
    expect(follow_ups).to_have_count(2)
    expect(follow_ups.first).to_be_hidden()  # with the rest of the answer, until it is asked for
    deck.button("reveal").click()
    expect(card.locator(".qa__pitfall")).to_contain_text(PITFALL[lang])
    expect(follow_ups.first.locator("summary")).to_have_text(FOLLOW_UP["question"][lang])
    answer = follow_ups.first.locator("strong")
    expect(answer).to_be_hidden()  # try the follow-up first
    detailed, pitfall, first = (
        locator.bounding_box()
        for locator in (card.locator(".qa__detailed"), card.locator(".qa__pitfall"), follow_ups.first)
    )
    assert detailed and pitfall and first and detailed["y"] < pitfall["y"] < first["y"]
    follow_ups.first.locator("summary").focus()
    deck.page.keyboard.press("Space")  # opens the follow-up, does not count as anything
    expect(answer).to_have_text("8")
    assert deck.count("new") == len(IDS)
    deck.page.keyboard.press("1")  # the card's keys still work from inside the answer
    assert deck.count("known") == 1
    assert problems == []
    context.close()
