"""The practice page in a browser, shared by tests/browser/test_practice*.py: the real deck,
the page and its labels per language, and the `deck` fixture (one tab per language)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Locator, Page, expect

from macros.questions import Question
from tests.support.data import real_question_bank

PAGES = {"zh": "/practice/", "en": "/en/practice/"}
LABELS = {
    "zh": {"reveal": "显示答案", "knew": "记得", "not-yet": "还不会", "reset": "重置进度", "next-round": "开始下一轮"},
    "en": {
        "reveal": "Show answer",
        "knew": "Knew it",
        "not-yet": "Not yet",
        "reset": "Reset progress",
        "next-round": "Start the next round",
    },
}
ROOT = "[data-practice]"
KEY = "fine-tuning-handbook:practice"
LANGS = ["zh", "en"]

BANK = real_question_bank()
# Page order: topic by topic, as the deck is rendered.
QUESTIONS: list[Question] = [q for topic in BANK.topics for q in BANK.in_topic(topic.id)]
IDS = [q.id for q in QUESTIONS]
BY_ID = {q.id: q for q in QUESTIONS}


@dataclass
class Deck:
    """The practice page in one language, and what it reported as going wrong."""

    page: Page
    lang: str
    problems: list[str] = field(default_factory=list)

    def open(self, site_url: str) -> Deck:
        self.page.goto(site_url + PAGES[self.lang])
        expect(self.page.locator(f"{ROOT}.practice--js")).to_have_count(1)
        return self

    def card(self) -> Locator:
        return self.page.locator(f"{ROOT} [data-question-id]:not([hidden])")

    def current(self) -> str | None:
        """The id of the card shown (the DOM changes synchronously on each click or key)."""
        shown = f"{ROOT} [data-question-id]:not([hidden])"
        return self.page.evaluate(f'document.querySelector("{shown}")?.dataset.questionId')

    def question(self, question_id: str) -> str:
        return BY_ID[question_id].question[self.lang]

    def button(self, action: str) -> Locator:
        """A visible button, found by its accessible name in the page's language."""
        return self.page.locator(ROOT).get_by_role("button", name=LABELS[self.lang][action], exact=True)

    def answer(self, knew: bool) -> str | None:
        """Reveal the current card and mark it with the keyboard; the id of the card answered."""
        shown = self.current()
        self.button("reveal").click()
        self.page.keyboard.press("1" if knew else "2")
        return shown

    def count(self, name: str) -> int:
        return int(self.page.locator(f"{ROOT} [data-practice-count='{name}']").inner_text())

    def stored(self) -> Any:
        return json.loads(self.page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") or "null")

    def plant(self, text: str) -> None:
        """Put `text` into the practice's storage and load the page again."""
        self.page.evaluate(f"localStorage.setItem({json.dumps(KEY)}, {json.dumps(text)})")
        self.page.reload()
        expect(self.page.locator(f"{ROOT}.practice--js")).to_have_count(1)
