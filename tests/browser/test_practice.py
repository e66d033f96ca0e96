"""Practice mode in a real browser: one card at a time, spaced repetition kept in localStorage,
topic filter, keyboard, no-JS fallback, accessibility; in both languages.

The scheduling order itself is specified in tests/js/practice.test.js (node --test).
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.axe_audit import axe_violations, expect_scheme
from tests.browser.focus_ring import FOCUS_RING
from tests.browser.page_problems import watch_problems
from tests.browser.practice_deck import BANK, IDS, LANGS, PAGES, QUESTIONS, ROOT, Deck

pytestmark = pytest.mark.browser


# --- one card at a time ----------------------------------------------------------------------------


def test_the_first_card_shows_the_first_question_with_its_answer_hidden(deck: Deck) -> None:
    expect(deck.card()).to_have_count(1)
    assert deck.current() == IDS[0]
    expect(deck.card().locator(".practice__question")).to_have_text(deck.question(IDS[0]))
    expect(deck.card().locator(".practice__answer")).to_be_hidden()
    expect(deck.button("reveal")).to_be_visible()
    expect(deck.button("knew")).to_have_count(0)
    expect(deck.button("not-yet")).to_have_count(0)


def test_show_answer_reveals_the_short_then_the_detailed_answer_with_its_link(deck: Deck) -> None:
    deck.button("reveal").click()
    answer = deck.card().locator(".practice__answer")
    for part in (".qa__short", ".qa__detailed", ".qa__more a"):
        expect(answer.locator(part)).to_be_visible()
    short, detailed = (answer.locator(part).bounding_box() for part in (".qa__short", ".qa__detailed"))
    assert short and detailed and short["y"] < detailed["y"]
    expect(deck.button("reveal")).to_have_count(0)
    expect(deck.button("knew")).to_be_visible()
    expect(deck.button("not-yet")).to_be_visible()


def test_the_buttons_move_on_and_count_the_card_as_known(deck: Deck) -> None:
    deck.button("reveal").click()
    deck.button("knew").click()
    assert deck.current() == IDS[1]
    expect(deck.card().locator(".practice__answer")).to_be_hidden()
    assert (deck.count("known"), deck.count("new"), deck.count("left")) == (1, len(IDS) - 1, len(IDS) - 1)


def test_a_card_not_known_comes_back_after_two_other_cards(deck: Deck) -> None:
    seen = [deck.answer(knew=False), deck.answer(knew=True), deck.answer(knew=True)]
    assert seen == IDS[:3]
    assert deck.current() == IDS[0]
    assert deck.count("learning") == 1


def test_the_live_region_announces_the_next_card(deck: Deck) -> None:
    live = deck.page.locator(f"{ROOT} [aria-live='polite']")
    deck.answer(knew=True)
    expect(live).to_contain_text(deck.question(IDS[1]))
    expect(live).to_contain_text(str(len(IDS) - 1))


def test_progress_persists_across_a_reload(deck: Deck) -> None:
    deck.answer(knew=False)
    deck.answer(knew=True)
    deck.page.reload()
    assert deck.current() == IDS[2]
    assert (deck.count("known"), deck.count("learning"), deck.count("left")) == (1, 1, len(IDS) - 1)
    assert deck.stored()["queue"][:3] == [IDS[2], IDS[0], IDS[3]]


def test_reset_forgets_the_progress_and_starts_again(deck: Deck) -> None:
    deck.button("reveal").click()
    deck.button("not-yet").click()
    deck.answer(knew=True)
    deck.button("reset").click()
    assert deck.current() == IDS[0]
    assert (deck.count("known"), deck.count("learning"), deck.count("new")) == (0, 0, len(IDS))
    assert deck.stored()["boxes"] == {}
    deck.page.reload()
    assert deck.current() == IDS[0]


def test_a_whole_round_ends_and_the_next_one_begins(deck: Deck) -> None:
    not_yet = {1, 4, 7, 10, 13}  # five answers are "not yet": those cards come back within the round
    answered = [deck.answer(knew=index not in not_yet) for index in range(len(IDS) + len(not_yet))]
    assert sorted(set(answered)) == sorted(IDS)
    expect(deck.page.locator(f"{ROOT} .practice__done")).to_be_visible()
    expect(deck.button("next-round")).to_be_focused()
    expect(deck.card()).to_have_count(0)
    assert (deck.count("known"), deck.count("left")) == (len(IDS), 0)
    deck.button("next-round").click()
    assert deck.count("round") == 2
    assert deck.count("left") == len(IDS)  # every card was in box 2: all due again in round 2
    assert deck.current() == IDS[0]


# --- topic filter ------------------------------------------------------------------------------------


def test_the_topic_filter_practises_only_that_topic_and_is_remembered(deck: Deck) -> None:
    topic = BANK.topics[1].id
    in_topic = [q.id for q in BANK.in_topic(topic)]
    deck.page.locator(f"{ROOT} select[data-practice-topic]").select_option(topic)
    assert deck.count("left") == len(in_topic)
    assert deck.count("new") == len(in_topic)
    deck.page.reload()
    expect(deck.page.locator(f"{ROOT} select[data-practice-topic]")).to_have_value(topic)
    answered = [deck.answer(knew=True) for _ in in_topic]
    assert answered == in_topic
    expect(deck.button("next-round")).to_be_visible()
    deck.page.locator(f"{ROOT} select[data-practice-topic]").select_option("")
    assert deck.count("left") == len(IDS) - len(in_topic)
    assert deck.current() == IDS[0]


# --- stored progress that cannot be used ---------------------------------------------------------------

UNUSABLE = {
    "garbage JSON": "{garbage",
    "a foreign object": json.dumps({"theme": "slate", "queue": "x"}),
    "a foreign array": json.dumps([1, 2, 3]),
    "an older data version": json.dumps(
        {"version": 0, "round": 3, "boxes": {IDS[0]: [2, 9]}, "queue": [IDS[5]], "topic": ""}
    ),
}


def test_unusable_stored_progress_is_ignored_without_an_error(deck: Deck) -> None:
    for case, text in UNUSABLE.items():
        deck.plant(text)
        fresh = (deck.current(), deck.count("known"), deck.count("new"))
        assert fresh == (IDS[0], 0, len(IDS)), case
        deck.answer(knew=True)
        assert deck.stored()["version"] == BANK.version, case  # replaced by usable progress


def test_a_question_removed_from_the_data_disappears_from_the_deck(deck: Deck) -> None:
    removed = "a-question-no-longer-in-the-data"
    saved = {
        "version": BANK.version,
        "round": 1,
        "boxes": {removed: [1, 1], IDS[0]: [2, 2]},
        "queue": [removed, IDS[3], IDS[4]],
        "topic": "",
    }
    deck.plant(json.dumps(saved))
    assert deck.current() == IDS[3]
    expect(deck.page.locator(f"[data-question-id='{removed}']")).to_have_count(0)
    assert deck.count("known") + deck.count("learning") + deck.count("new") == len(IDS)
    assert (deck.count("known"), deck.count("left")) == (1, 2)
    deck.answer(knew=True)
    assert removed not in json.dumps(deck.stored())


# --- keyboard ----------------------------------------------------------------------------------------


def _focus_ring(page: Page) -> None:
    ring = page.evaluate(FOCUS_RING)
    assert ring["outline"] >= 2 and ring["contrast"] >= 3, ring


def test_the_keyboard_alone_reveals_and_marks_with_visible_focus(deck: Deck) -> None:
    page = deck.page
    page.locator(f"{ROOT} select[data-practice-topic]").focus()
    page.keyboard.press("Tab")  # the reset button
    page.keyboard.press("Tab")  # past the hidden cards and their links: Show answer
    expect(deck.button("reveal")).to_be_focused()
    _focus_ring(page)
    page.keyboard.press("Space")
    expect(deck.card().locator(".practice__answer")).to_be_visible()
    expect(deck.card().locator(".practice__answer")).to_be_focused()
    for _ in range(15):  # through the answer's links to the first button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.practiceAction") == "knew":
            break
    expect(deck.button("knew")).to_be_focused()
    _focus_ring(page)
    page.keyboard.press("Enter")
    assert deck.current() == IDS[1]
    expect(deck.button("reveal")).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("2")
    assert deck.current() == IDS[2]
    page.keyboard.press("Space")
    page.keyboard.press("1")
    assert deck.current() == IDS[3]
    assert (deck.count("known"), deck.count("learning")) == (2, 1)


def test_space_reveals_when_nothing_is_focused_and_keys_do_nothing_before_that(deck: Deck) -> None:
    deck.page.keyboard.press("1")
    deck.page.keyboard.press("2")
    assert deck.count("new") == len(IDS)
    deck.page.keyboard.press("Space")
    expect(deck.card().locator(".practice__answer")).to_be_visible()
    deck.page.keyboard.press("2")
    assert deck.count("learning") == 1


def test_typing_in_the_search_box_does_not_answer_cards(deck: Deck) -> None:
    deck.page.locator("input.md-search__input").click()
    deck.page.keyboard.type(" 12")
    assert deck.count("new") == len(IDS)
    expect(deck.card().locator(".practice__answer")).to_be_hidden()


def test_it_is_set_up_once_after_instant_navigation(deck: Deck) -> None:
    deck.page.locator(".md-nav__link[href$='interview-questions/']").first.click()
    expect(deck.page.locator(ROOT)).to_have_count(0)
    deck.page.go_back()
    expect(deck.button("reveal")).to_be_visible()
    deck.page.keyboard.press("Space")
    deck.page.keyboard.press("1")
    assert (deck.current(), deck.count("known")) == (IDS[1], 1)  # one step per key press


# --- without JavaScript ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_question_and_answer_is_listed(browser: Browser, site_url: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGES[lang])
    cards = page.locator(f"{ROOT} [data-question-id]")
    assert cards.evaluate_all("cards => cards.map(card => card.dataset.questionId)") == IDS
    for card, question in zip(cards.all(), QUESTIONS, strict=True):
        expect(card.locator(".practice__question")).to_have_text(question.question[lang])
        expect(card.locator(".qa__short")).to_be_visible()
        expect(card.locator(".qa__detailed")).to_be_visible()
    expect(page.locator(f"{ROOT} button")).to_have_count(5)
    for button in page.locator(f"{ROOT} button").all():
        expect(button).to_be_hidden()
    expect(page.locator(f"{ROOT} select[data-practice-topic]")).to_be_hidden()
    context.close()


# --- accessibility -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_card_its_answer_and_the_end_of_a_round(
    browser: Browser, site_url: str, lang: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    deck = Deck(context.new_page(), lang)
    problems = watch_problems(deck.page)
    deck.open(site_url)
    expect_scheme(deck.page, scheme)
    assert axe_violations(deck.page, context=ROOT) == []  # the whole page is audited by test_accessibility.py
    deck.button("reveal").click()
    assert axe_violations(deck.page, context=ROOT) == []
    topic = BANK.topics[-1].id
    deck.page.locator(f"{ROOT} select[data-practice-topic]").select_option(topic)
    for _ in BANK.in_topic(topic):
        deck.answer(knew=True)
    expect(deck.button("next-round")).to_be_visible()
    assert axe_violations(deck.page, context=ROOT) == []
    assert problems == []
    context.close()
