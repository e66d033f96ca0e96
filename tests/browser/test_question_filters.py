"""The question bank's filters in a real browser (assets/questions.js): topic and difficulty, the
counts, the state in the URL, deep links, bad URL state, keyboard, no-JS, layout, accessibility.

Expectations come from the real data (macros.questions.load_questions), so the tests hold at
any size of the bank; they need at least two topics and two difficulties to mean anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from macros.questions import DIFFICULTIES, Question
from tests.browser.axe_audit import axe_violations, expect_scheme
from tests.browser.page_problems import watch_problems
from tests.support.data import real_question_bank

pytestmark = pytest.mark.browser

PAGES = {"zh": "/interview-questions/", "en": "/en/interview-questions/"}
FORM = "[data-qa-filters]"
STATUS = {"zh": "显示 {shown} 道题，共 {total} 道。", "en": "Showing {shown} of {total} questions."}
CLEAR = {"zh": "清除筛选", "en": "Clear filters"}

BANK = real_question_bank()
QUESTIONS: list[Question] = list(BANK.questions)
TOTAL = len(QUESTIONS)
TOPICS = [topic.id for topic in BANK.topics if BANK.in_topic(topic.id)]
LEVELS = [level for level in DIFFICULTIES if any(q.difficulty == level for q in QUESTIONS)]


def ids(topic: str = "", difficulty: str = "") -> list[str]:
    """The questions the filters should show, in page order."""
    return [
        q.id for q in QUESTIONS if (not topic or q.topic == topic) and (not difficulty or q.difficulty == difficulty)
    ]


# A topic and a difficulty that overlap but differ from the whole bank, and a question outside both.
TOPIC = max(TOPICS, key=lambda topic: len({q.difficulty for q in BANK.in_topic(topic)}))
LEVEL = next(q.difficulty for q in BANK.in_topic(TOPIC))
OUTSIDE = next(q.id for q in QUESTIONS if q.topic != TOPIC)
TOPIC_NAME = next(topic.name for topic in BANK.topics if topic.id == TOPIC)


def test_the_data_can_exercise_the_filters() -> None:
    assert len(TOPICS) >= 2 and len(LEVELS) >= 2
    assert 0 < len(ids(TOPIC, LEVEL)) < len(ids(TOPIC)) or len(ids(TOPIC, LEVEL)) < len(ids("", LEVEL))


@pytest.fixture(scope="module")
def _page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def tab(_page: Page) -> Iterator[Page]:
    """A shared tab; no console error or failed request may happen while a test uses it."""
    problems = watch_problems(_page)
    yield _page
    assert problems == []


# assets/widgets.js has run the filters' setup on the page shown now.
FILTERS_READY = "() => !!window.Handbook && window.Handbook.ready(document.querySelector('[data-qa-filters]'))"


def open_bank(page: Page, site_url: str, lang: str = "en", query: str = "") -> None:
    page.goto(site_url + PAGES[lang] + query)
    page.wait_for_function(FILTERS_READY)


def shown(page: Page) -> list[str]:
    return page.evaluate(
        "() => [...document.querySelectorAll('details[data-question-id]')]"
        ".filter((item) => item.checkVisibility()).map((item) => item.dataset.questionId)"
    )


def chip(page: Page, group: str, value: str) -> Locator:
    return page.locator(f"{FORM} input[name='{group}'][value='{value}']")


def choose(page: Page, group: str, value: str) -> None:
    """Click a chip, as a reader does (the radio inside is visually hidden)."""
    chip(page, group, value).locator("xpath=..").click()


def count(page: Page, group: str, value: str) -> int:
    return int(chip(page, group, value).locator("xpath=..").locator("[data-qa-count]").inner_text())


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


# --- filtering and counts ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bar_shows_every_count_before_any_choice(tab: Page, site_url: str, lang: str) -> None:
    open_bank(tab, site_url, lang)
    expect(tab.locator(FORM)).to_be_visible()
    assert shown(tab) == ids()
    assert count(tab, "topic", "") == TOTAL
    for topic in TOPICS:
        assert count(tab, "topic", topic) == len(ids(topic)), topic
    for level in LEVELS:
        assert count(tab, "difficulty", level) == len(ids("", level)), level
    expect(tab.locator(f"{FORM} [role=status]")).to_have_text(STATUS[lang].format(shown=TOTAL, total=TOTAL))


def test_a_topic_then_a_difficulty_narrow_the_list_and_the_counts_follow(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url)
    expect(tab.get_by_role("radio", name=re.compile(re.escape(TOPIC_NAME["en"])))).to_have_count(1)
    choose(tab, "topic", TOPIC)
    assert shown(tab) == ids(TOPIC)
    assert query(tab) == {"topic": [TOPIC]}
    for level in LEVELS:  # the difficulty counts are within the topic now
        assert count(tab, "difficulty", level) == len(ids(TOPIC, level)), level
    choose(tab, "difficulty", LEVEL)
    assert shown(tab) == ids(TOPIC, LEVEL)
    assert query(tab) == {"topic": [TOPIC], "difficulty": [LEVEL]}
    for topic in TOPICS:  # and the topic counts within the difficulty
        assert count(tab, "topic", topic) == len(ids(topic, LEVEL)), topic
    # Headings of topics with nothing left are hidden with their questions.
    visible = tab.locator("article h2[id^='topic-']:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_have_attribute("id", f"topic-{TOPIC}")
    status = STATUS["en"].format(shown=len(ids(TOPIC, LEVEL)), total=TOTAL)
    expect(tab.locator(f"{FORM} [role=status]")).to_have_text(status)


def test_the_state_in_the_url_survives_a_reload_and_clear_filters_resets_it(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url, "zh", f"?topic={TOPIC}&difficulty={LEVEL}")
    assert shown(tab) == ids(TOPIC, LEVEL)
    expect(chip(tab, "topic", TOPIC)).to_be_checked()
    expect(chip(tab, "difficulty", LEVEL)).to_be_checked()
    tab.reload()
    tab.wait_for_function(FILTERS_READY)
    assert shown(tab) == ids(TOPIC, LEVEL)
    tab.get_by_role("button", name=CLEAR["zh"]).click()
    assert shown(tab) == ids()
    assert query(tab) == {}
    expect(chip(tab, "topic", "")).to_be_checked()
    expect(chip(tab, "difficulty", "")).to_be_checked()


def test_unknown_values_in_the_url_fall_back_to_all_without_an_error(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url, "en", "?topic=no-such-topic&difficulty=%3Cscript%3E&other=kept")
    assert shown(tab) == ids()
    expect(chip(tab, "topic", "")).to_be_checked()
    expect(chip(tab, "difficulty", "")).to_be_checked()
    assert query(tab) == {"other": ["kept"]}  # the bad values are dropped, anything else stays
    open_bank(tab, site_url, "en", f"?topic={TOPIC}&difficulty=hard")
    assert shown(tab) == ids(TOPIC)  # one bad value does not throw the good one away


def test_a_combination_with_no_question_says_so(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url)
    # Make TOPIC + LEVEL empty whatever the data holds: the script reads the attributes on each change.
    tab.evaluate(
        f"document.querySelectorAll('[data-topic={TOPIC}][data-difficulty={LEVEL}]')"
        ".forEach((item) => item.setAttribute('data-difficulty', 'elsewhere'))"
    )
    choose(tab, "topic", TOPIC)
    choose(tab, "difficulty", LEVEL)
    assert shown(tab) == []
    assert count(tab, "difficulty", LEVEL) == 0
    expect(tab.locator(f"{FORM} [role=status]")).to_have_text("No question matches; try another topic or difficulty.")
    expect(tab.get_by_role("button", name=CLEAR["en"])).to_be_visible()


# --- deep links ----------------------------------------------------------------------------------


def test_a_deep_link_to_a_question_the_filters_hide_clears_them(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url, "en", f"?topic={TOPIC}#q-{OUTSIDE}")
    target = tab.locator(f"#q-{OUTSIDE}")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    assert shown(tab) == ids()
    assert query(tab) == {}
    assert urlsplit(tab.url).fragment == f"q-{OUTSIDE}"


def test_following_an_in_page_link_to_a_hidden_question_clears_the_filters(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url, "en", f"?topic={TOPIC}")
    assert OUTSIDE not in shown(tab)
    tab.evaluate(f"location.hash = 'q-{OUTSIDE}'")
    expect(tab.locator(f"#q-{OUTSIDE}")).to_be_visible()
    assert shown(tab) == ids()


def test_a_deep_link_to_a_question_the_filters_show_keeps_them(tab: Page, site_url: str) -> None:
    inside = ids(TOPIC)[0]
    open_bank(tab, site_url, "en", f"?topic={TOPIC}#q-{inside}")
    assert shown(tab) == ids(TOPIC)
    expect(tab.locator(f"#q-{inside}")).to_be_in_viewport()


# --- keyboard, no JS, layout, accessibility --------------------------------------------------------

RING = """(input) => {
  const style = getComputedStyle(input.nextElementSibling);
  return style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
}"""


def test_the_keyboard_alone_filters_with_a_visible_focus_ring(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url)
    chip(tab, "topic", "").focus()
    tab.keyboard.press("Shift+Tab")  # reach the group by keyboard, so :focus-visible applies
    tab.keyboard.press("Tab")
    expect(chip(tab, "topic", "")).to_be_focused()
    assert chip(tab, "topic", "").evaluate(RING) >= 2
    tab.keyboard.press("ArrowRight")  # radios: the arrow keys choose
    expect(chip(tab, "topic", TOPICS[0])).to_be_checked()
    assert shown(tab) == ids(TOPICS[0])
    assert chip(tab, "topic", TOPICS[0]).evaluate(RING) >= 2
    tab.keyboard.press("Tab")  # into the difficulty group
    tab.keyboard.press("Tab")  # the clear button
    expect(tab.get_by_role("button", name=CLEAR["en"])).to_be_focused()
    tab.keyboard.press("Enter")
    assert shown(tab) == ids()


def test_every_control_has_a_label_and_a_group_name(tab: Page, site_url: str) -> None:
    open_bank(tab, site_url, "zh")
    expect(tab.get_by_role("group", name="主题")).to_be_visible()
    expect(tab.get_by_role("group", name="难度")).to_be_visible()
    expect(tab.get_by_role("radio", name=re.compile(r"^全部 \d+$"))).to_have_count(2)
    expect(tab.locator(FORM)).to_have_attribute("aria-label", "筛选题目")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_page_is_the_plain_list(browser: Browser, site_url: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGES[lang] + f"?topic={TOPIC}")
    expect(page.locator(FORM)).to_be_hidden()
    assert shown(page) == ids()
    expect(page.locator("details[data-question-id] .qa__difficulty")).to_have_count(TOTAL)
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_390_px_nothing_overflows_and_nothing_shifts_as_the_script_starts(
    browser: Browser, site_url: str, lang: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(
        "window.__shifts = 0; new PerformanceObserver((list) => { for (const entry of list.getEntries()) "
        "if (!entry.hadRecentInput) window.__shifts += entry.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    open_bank(page, site_url, lang)
    page.wait_for_timeout(300)  # let late shifts be reported
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(FORM).bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("window.__shifts") < 0.01
    context.close()


@pytest.mark.parametrize(("lang", "scheme"), [("zh", "light"), ("en", "dark")])
def test_axe_finds_nothing_with_filters_applied(browser: Browser, site_url: str, lang: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    open_bank(page, site_url, lang, f"?topic={TOPIC}&difficulty={LEVEL}")
    expect_scheme(page, scheme)
    chip(page, "difficulty", LEVEL).focus()
    assert axe_violations(page) == []
    context.close()
