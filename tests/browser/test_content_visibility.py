"""The question bank renders its questions lazily (content-visibility: auto, assets/questions.css),
but find in page still finds the last question and printing shows every one."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

QUESTIONS = "details.qa"


def _open(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}/{'en/' if lang == 'en' else ''}interview-questions/", wait_until="load")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_questions_far_below_the_fold_are_skipped_but_found(page: Page, site_url: str, lang: str) -> None:
    _open(page, site_url, lang)
    visibility = page.eval_on_selector_all(QUESTIONS, "all => all.map(q => getComputedStyle(q).contentVisibility)")
    assert len(visibility) > 20 and set(visibility) == {"auto"}
    last = page.eval_on_selector_all(f"{QUESTIONS} > summary", "all => all[all.length - 1].textContent.trim()")
    assert page.evaluate("text => window.find(text)", last[:12])  # Chromium's find in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printing_renders_every_question(page: Page, site_url: str, lang: str) -> None:
    _open(page, site_url, lang)
    page.emulate_media(media="print")
    visibility = page.eval_on_selector_all(QUESTIONS, "all => all.map(q => getComputedStyle(q).contentVisibility)")
    assert visibility and set(visibility) == {"visible"}
    heights = page.eval_on_selector_all(QUESTIONS, "all => all.map(q => q.getBoundingClientRect().height)")
    assert min(heights) > 0
