"""The practice page: the interview questions (data/questions.yml) as flashcards.

The deck is every question with its answer, grouped by topic, so without JavaScript the page
is the plain list of questions and answers. assets/practice.js turns it into one card at a
time with spaced repetition. The controls it needs are rendered here, hidden, in the page's
language: the script shows and hides elements and fills in numbers, it never writes markup.
Loading, validation and the answers' HTML come from macros.questions, as on the question bank.
The deck is left out of the search index: the interview-questions page indexes the same text.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from macros.data_files import DOCS_DIR, relative
from macros.questions import (
    DIFFICULTIES,
    QUESTIONS_FILE,
    Question,
    QuestionBank,
    Topic,
    labels,
    question_bank,
    render_answer,
    render_difficulty,
)

UI: dict[str, dict[str, str]] = {
    "zh": {
        "reveal": "显示答案",
        "knew": "记得",
        "not_yet": "还不会",
        "topic": "练习范围",
        "all_topics": "全部题目",
        "difficulty": "难度",
        "all_difficulties": "全部难度",
        "reset": "重置进度",
        "next_round": "开始下一轮",
        "summary": "第 {round} 轮，本轮还剩 {left} 题。记得 {known} 题，还不会 {learning} 题，没练过 {new} 题。",
        "done": "这一轮的题都答完了。下一轮先练最生疏的题；记得的次数越多，一道题隔的轮数越多。",
        "keys": "键盘：<kbd>空格</kbd> 显示答案，<kbd>1</kbd> 记得，<kbd>2</kbd> 还不会",
        "announce_card": "本轮还剩 {left} 题。{question}",
        "announce_reset": "进度已清空。",
        "noscript": "浏览器没有运行 JavaScript，所以下面列出全部题目和答案，可以直接阅读。",
    },
    "en": {
        "reveal": "Show answer",
        "knew": "Knew it",
        "not_yet": "Not yet",
        "topic": "Topic",
        "all_topics": "All questions",
        "difficulty": "Difficulty",
        "all_difficulties": "All levels",
        "reset": "Reset progress",
        "next_round": "Start the next round",
        "summary": "Round {round}: {left} left in this round. Knew {known}, not yet {learning}, not practiced {new}.",
        "done": "You have answered every card of this round. The next round starts with the cards you know least; "
        "the more often you knew a card, the more rounds it waits.",
        "keys": "Keys: <kbd>Space</kbd> show answer, <kbd>1</kbd> knew it, <kbd>2</kbd> not yet",
        "announce_card": "{left} left in this round. {question}",
        "announce_reset": "Progress cleared.",
        "noscript": "JavaScript is not running in this browser, so every question and answer is listed below to read.",
    },
}

# The numbers of the progress summary, filled in by the script.
_COUNT = re.compile(r"\{(round|left|known|learning|new)\}")


def _e(text: str) -> str:
    return escape(text, quote=True)


def _summary(lang: str) -> str:
    text = _e(UI[lang]["summary"])
    return _COUNT.sub(lambda match: f'<span data-practice-count="{match.group(1)}">0</span>', text)


def _toolbar(bank: QuestionBank, lang: str) -> str:
    """Hidden until the script runs: the difficulty and topic filters, the progress summary and
    the reset button. The difficulty filter comes first: the topic filter is the last control
    before the reset button, where the keyboard tests expect it."""
    ui = UI[lang]
    options = "".join(
        f'<option value="{_e(topic.id)}">{_e(topic.name[lang])}</option>'
        for topic in bank.topics
        if bank.in_topic(topic.id)
    )
    used = {question.difficulty for question in bank.questions}
    levels = "".join(
        f'<option value="{level}">{_e(labels(lang)[level])}</option>' for level in DIFFICULTIES if level in used
    )
    return (
        '<div class="practice__bar" hidden>'
        f'<label class="practice__filter">{_e(ui["difficulty"])} <select data-practice-difficulty>'
        f'<option value="">{_e(ui["all_difficulties"])}</option>{levels}</select></label>'
        f'<label class="practice__filter">{_e(ui["topic"])} '
        f'<select data-practice-topic><option value="">{_e(ui["all_topics"])}</option>{options}</select></label>'
        f'<button class="practice__reset" type="button" data-practice-action="reset">{_e(ui["reset"])}</button>'
        f'<p class="practice__summary">{_summary(lang)}</p>'
        "</div>"
    )


def _card(question: Question, lang: str, page_url: str, source: str, docs_dir: Path) -> str:
    """One question and its answer; the script hides the answer until it is asked for."""
    return (
        f'<article class="practice__card" id="q-{_e(question.id)}" data-question-id="{_e(question.id)}" '
        f'data-topic="{_e(question.topic)}" data-difficulty="{_e(question.difficulty)}">\n'
        f'<p class="practice__level">{render_difficulty(question, lang)}</p>\n'
        f'<h3 class="practice__question">{_e(question.question[lang])}</h3>\n'
        '<div class="practice__answer" tabindex="-1">\n'
        f"{render_answer(question, lang, page_url, source, docs_dir, follow_ups_as='details')}\n"
        "</div>\n</article>"
    )


def _topic(bank: QuestionBank, topic: Topic, lang: str, page_url: str, source: str, docs_dir: Path) -> str:
    cards = "\n".join(_card(question, lang, page_url, source, docs_dir) for question in bank.in_topic(topic.id))
    return (
        f'<div class="practice__topic" data-topic="{_e(topic.id)}">\n'
        f'<h2 class="practice__topic-name">{_e(topic.name[lang])}</h2>\n{cards}\n</div>'
    )


def _controls(lang: str) -> str:
    """Hidden until the script runs: the card's buttons, the end-of-round note, the live region."""
    ui = UI[lang]
    return (
        '<div class="practice__actions" hidden>'
        f'<button class="practice__button" type="button" data-practice-action="reveal">{_e(ui["reveal"])}</button>'
        f'<button class="practice__button" type="button" data-practice-action="knew" aria-keyshortcuts="1">'
        f"{_e(ui['knew'])}</button>"
        f'<button class="practice__button" type="button" data-practice-action="not-yet" aria-keyshortcuts="2">'
        f"{_e(ui['not_yet'])}</button>"
        f'<p class="practice__keys">{ui["keys"]}</p>'
        "</div>\n"
        '<div class="practice__done" hidden>'
        f"<p>{_e(ui['done'])}</p>"
        f'<button class="practice__button" type="button" data-practice-action="next-round">'
        f"{_e(ui['next_round'])}</button>"
        "</div>\n"
        '<p class="practice__live" aria-live="polite"></p>'
    )


def render_deck(lang: str, page_url: str, path: Path = QUESTIONS_FILE, docs_dir: Path = DOCS_DIR) -> str:
    """The practice deck in one language, as raw HTML for a Markdown page (no blank lines)."""
    bank = question_bank(path, docs_dir)
    source = relative(path)
    ui = UI[lang]
    # data-practice holds the data version: progress stored for another version is ignored.
    # The root is the only <section>: Material's search parser matches data-search-exclude by tag
    # name, so the exclusion would end at the first nested closing tag of the same name.
    parts = [
        f'<section class="practice" data-practice="{bank.version}" data-practice-card="{_e(ui["announce_card"])}" '
        f'data-practice-reset="{_e(ui["announce_reset"])}" data-search-exclude>',
        f'<noscript><p class="practice__noscript">{_e(ui["noscript"])}</p></noscript>',
        _toolbar(bank, lang),
        *(_topic(bank, topic, lang, page_url, source, docs_dir) for topic in bank.topics if bank.in_topic(topic.id)),
        _controls(lang),
        "</section>",
    ]
    return "\n".join(parts)
