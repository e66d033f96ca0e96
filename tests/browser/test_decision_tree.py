"""The "Should I fine-tune?" tree in a real browser: every path, history, keyboard, no-JS, accessibility."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from macros.decision_tree import TREES_DIR, DecisionTree, Question, load_tree
from tests.browser.axe_audit import TWO_FRAMES, axe_violations, expect_scheme
from tests.browser.page_problems import watch_problems

pytestmark = pytest.mark.browser

TREE_ID = "should-i-fine-tune"
PAGES = {"zh": "/when-to-fine-tune/", "en": "/en/when-to-fine-tune/"}
ROOT = f"[data-decision-tree='{TREE_ID}']"
LABELS = {"zh": ("上一步", "重新开始"), "en": ("Back", "Start over")}


@pytest.fixture(scope="module")
def tree() -> DecisionTree:
    return load_tree(TREES_DIR / f"{TREE_ID}.yml")


def _current(page: Page) -> Locator:
    return page.locator(f"{ROOT} section[data-dt-node]:not([hidden])")


def _answer(page: Page, index: int) -> Locator:
    return _current(page).locator("button[data-dt-next]").nth(index)


def _control(page: Page, lang: str, which: str) -> Locator:
    back, restart = LABELS[lang]
    return page.locator(f"{ROOT} .dt-controls").get_by_role("button", name=back if which == "back" else restart)


def _first_question(tree: DecisionTree, lang: str) -> str:
    start = tree.nodes[tree.start]
    assert isinstance(start, Question)
    return start.question[lang]


def _hash(answers: tuple[int, ...] | list[int]) -> str:
    return f"#dt={TREE_ID}" + (":" + ".".join(map(str, answers)) if answers else "")


@pytest.fixture(scope="module", params=["zh", "en"])
def widget(browser: Browser, site_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[Page, str, list[str]]]:
    """One page per language, shared by the tests that only click inside the widget."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch_problems(page)
    page.goto(site_url + PAGES[request.param])
    expect(_current(page)).to_have_count(1)
    yield page, request.param, problems
    context.close()


def _start_over(page: Page, lang: str) -> None:
    restart = _control(page, lang, "restart")
    if restart.is_visible():
        restart.click()


# --- walking the tree -------------------------------------------------------------------------------


def test_every_path_reaches_its_recommendation(widget: tuple[Page, str, list[str]], tree: DecisionTree) -> None:
    # Click events are dispatched straight to the buttons (the handler a mouse click reaches) to
    # keep 2 × 40 walks fast; the other tests use real mouse clicks and keys.
    page, _, problems = widget
    walks = tree.paths()
    restart = page.locator(f"{ROOT} button[data-dt-action=restart]")
    for walk in walks:
        restart.dispatch_event("click")
        for index in walk.answers:
            _answer(page, index).dispatch_event("click")
        shown = page.evaluate(SHOWN, ROOT)
        assert shown == {"outcome": walk.outcome, "visible": 1, "hash": _hash(walk.answers)}, walk
    assert len(walks) >= len(tree.recommendations()) and problems == []


SHOWN = """(root) => {
  const visible = [...document.querySelectorAll(root + " section[data-dt-node]")].filter(s => s.offsetParent);
  const outcome = document.querySelector(root + " [data-dt-outcome]");
  return {outcome: outcome && outcome.offsetParent ? outcome.dataset.dtOutcome : null,
          visible: visible.length, hash: location.hash};
}"""


def test_answers_are_buttons_and_one_question_shows_at_a_time(
    widget: tuple[Page, str, list[str]], tree: DecisionTree
) -> None:
    page, lang, _ = widget
    _start_over(page, lang)
    expect(_current(page).locator(".dt-title")).to_have_text(_first_question(tree, lang))
    expect(_current(page).locator("button[data-dt-next]")).to_have_count(len(tree.nodes[tree.start].answers))
    expect(page.locator(f"{ROOT} a[data-dt-next]")).to_have_count(0)
    expect(page.locator(f"{ROOT} .dt-controls")).to_be_hidden()


def test_back_returns_to_the_previous_question_and_start_over_to_the_first(
    widget: tuple[Page, str, list[str]], tree: DecisionTree
) -> None:
    page, lang, _ = widget
    _start_over(page, lang)
    _answer(page, 0).click()
    second = _current(page).locator(".dt-title").inner_text()
    _answer(page, 2).click()
    expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(2)
    _control(page, lang, "back").click()
    expect(_current(page).locator(".dt-title")).to_have_text(second)
    expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(1)
    _control(page, lang, "restart").click()
    expect(_current(page).locator(".dt-title")).to_have_text(_first_question(tree, lang))
    expect(page.locator(f"{ROOT} .dt-trail")).to_be_hidden()
    assert page.url.endswith(_hash([]))


def test_an_overview_link_walks_to_that_node(widget: tuple[Page, str, list[str]]) -> None:
    page, lang, _ = widget
    _start_over(page, lang)
    page.locator(f"{ROOT} .dt-overview summary").click()
    page.locator(f"{ROOT} .dt-overview a[href$='#{TREE_ID}--sft-qlora']").first.click()
    expect(page.locator(f"{ROOT} [data-dt-outcome]")).to_have_attribute("data-dt-outcome", "sft-qlora")
    page.locator(f"{ROOT} .dt-overview summary").click()


def test_using_the_widget_logs_no_console_errors(widget: tuple[Page, str, list[str]]) -> None:
    # The widget's page has been walked by the tests above (in this module's order); walk some more.
    page, lang, problems = widget
    _start_over(page, lang)
    for index in (0, 3, 3, 1):
        _answer(page, index).click()
    _control(page, lang, "back").click()
    _control(page, lang, "restart").click()
    assert problems == []


# --- state in the URL ------------------------------------------------------------------------------


def test_reload_restores_the_walk(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES["zh"])
    for index in (0, 3, 1, 0):
        _answer(page, index).click()
    trail = page.locator(f"{ROOT} .dt-trail li").all_inner_texts()
    page.reload()
    expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(4)
    assert page.locator(f"{ROOT} .dt-trail li").all_inner_texts() == trail


def test_a_shared_link_opens_at_the_same_step(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES["en"] + _hash([0, 2]))
    expect(page.locator(f"{ROOT} [data-dt-outcome]")).to_have_attribute("data-dt-outcome", "keep-prompting")


def test_browser_back_and_forward_restore_each_step(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES["en"])
    _answer(page, 0).click()
    _answer(page, 0).click()
    _answer(page, 1).click()
    _answer(page, 1).click()
    outcome = page.locator(f"{ROOT} [data-dt-outcome]")
    expect(outcome).to_have_attribute("data-dt-outcome", "distill-into-smaller-model")
    page.go_back()
    expect(outcome).to_have_count(0)
    expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(3)
    page.go_forward()
    expect(outcome).to_have_attribute("data-dt-outcome", "distill-into-smaller-model")


GARBAGE = [
    f"#dt={TREE_ID}:9.9.9",  # no such answer
    f"#dt={TREE_ID}:0.1.0.0",  # walks past a recommendation (a stale link)
    f"#dt={TREE_ID}:x.-1",
    f"#dt={TREE_ID}:%E0%A4%A",  # a broken %-escape
    f"#dt={TREE_ID}:" + ".".join(["0"] * 500),
    "#dt=",
]


def test_a_malformed_or_stale_hash_falls_back_to_the_first_question(
    page: Page, site_url: str, tree: DecisionTree
) -> None:
    problems = watch_problems(page)
    for garbage in GARBAGE:
        page.goto("about:blank")
        page.goto(site_url + PAGES["zh"] + garbage)
        expect(_current(page).locator(".dt-title")).to_have_text(_first_question(tree, "zh"))
        expect(page.locator(f"{ROOT} .dt-controls")).to_be_hidden()
        _answer(page, 0).click()
        expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(1)
    assert problems == []


# --- keyboard, no JS, instant navigation, errors, accessibility ----------------------------------------


def test_the_keyboard_alone_walks_to_a_result_with_focus_and_announcements(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGES["en"])
    _answer(page, 0).focus()  # the first Tab stops on the page are Material's header and navigation
    page.keyboard.press("Enter")
    title = _current(page).locator(".dt-title")
    expect(title).to_be_focused()
    expect(page.locator(f"{ROOT} .dt-live")).to_have_text(title.inner_text())
    page.keyboard.press("Tab")  # first answer: "Yes, zero-shot already meets the bar"
    page.keyboard.press("Tab")  # second answer: "Yes, but only with few-shot examples"
    page.keyboard.press("Tab")  # third answer: "No, but the prompt has not been worked on…"
    page.keyboard.press("Space")
    expect(page.locator(f"{ROOT} [data-dt-outcome]")).to_have_attribute("data-dt-outcome", "keep-prompting")
    result_title = _current(page).locator(".dt-title")
    expect(result_title).to_be_focused()
    expect(page.locator(f"{ROOT} .dt-live")).to_have_text(result_title.inner_text())
    for _ in range(20):  # Tab past the result's links to the Back button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.dtAction") == "back":
            break
    page.keyboard.press("Enter")
    expect(_current(page).locator(".dt-title")).to_be_focused()
    expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(1)


def test_without_javascript_every_question_shows_and_answer_links_navigate(
    browser: Browser, site_url: str, tree: DecisionTree
) -> None:
    context: BrowserContext = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGES["zh"])
    sections = page.locator(f"{ROOT} section[data-dt-node]")
    expect(sections).to_have_count(len(tree.nodes))
    for section in sections.all():
        expect(section).to_be_visible()
    first = page.locator(f"#{TREE_ID}--{tree.start} a[data-dt-next]").first
    target = first.get_attribute("href")
    first.click()
    assert page.url.endswith(str(target))
    expect(page.locator(str(target))).to_be_in_viewport()
    context.close()


def test_it_keeps_working_after_instant_navigation(page: Page, site_url: str) -> None:
    problems = watch_problems(page)
    page.goto(site_url + PAGES["en"])
    page.locator(".md-nav__link[href$='methods/']").first.click()  # an instant (XHR) page change
    expect(page.locator("h1")).not_to_have_text("When to fine-tune")
    page.go_back()
    expect(page.locator(f"{ROOT} button[data-dt-next]").first).to_be_visible()
    _answer(page, 0).click()
    expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(1)  # set up once: one step per click
    assert problems == []


def test_the_widget_fits_a_phone_screen(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + PAGES["zh"] + _hash([0, 3, 1, 0, 0, 2]))
    expect(page.locator(f"{ROOT} [data-dt-outcome]")).to_have_attribute("data-dt-outcome", "sft-qlora")
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('.dt, .dt *')].filter(e => e.scrollWidth > e.clientWidth + 1"
        " && getComputedStyle(e).overflowX !== 'visible').length + (document.documentElement.scrollWidth > 390)"
    )
    assert overflow == 0
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_mid_walk_and_on_a_result(
    browser: Browser, site_url: str, lang: str, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = watch_problems(page)
    # Mid-walk, the widget (answers, trail, controls); on a result, the whole page. The second
    # address differs only in its hash: the widget re-renders on hashchange and moves the focus,
    # so wait until it shows that step, in the emulated scheme, before axe measures colours.
    for answers, scope in (([0, 3], ROOT), ([0, 3, 1, 0, 1, 0], None)):
        page.goto(site_url + PAGES[lang] + _hash(answers))
        expect_scheme(page, scheme)
        expect(page.locator(f"{ROOT} .dt-trail li")).to_have_count(len(answers))
        expect(_current(page)).to_have_count(1)
        page.evaluate(TWO_FRAMES)  # the focus move's scroll reaches Material's scroll handlers
        assert axe_violations(page, context=scope) == []
    assert problems == []
    context.close()
