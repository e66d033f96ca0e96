"""The practice page: the interview questions (data/questions.yml) as flashcards.

The deck is every question with its answer, grouped by topic, so without JavaScript the page
is the plain list of questions and answers. assets/practice.js turns it into one card at a
time with spaced repetition. The controls it needs are rendered with the deck, hidden, in the
page's language (markup: macros/templates/practice-deck.html, words: data/ui/<lang>.yml
`practice`): the script shows and hides elements and fills in numbers, it never writes markup.
Loading, validation and the answers' HTML come from macros.questions, as on the question bank.
The deck is left out of the search index: the interview-questions page indexes the same text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from macros.data_files import DOCS_DIR, relative
from macros.questions import (
    DIFFICULTIES,
    QUESTIONS_FILE,
    Question,
    labels,
    question_bank,
    render_answer,
    render_difficulty,
)
from macros.templating import render
from macros.ui import strings


def ui(lang: str) -> dict[str, str]:
    """The deck's interface strings in one language (data/ui/<lang>.yml, `practice`)."""
    return strings(lang, "practice")


def _card(question: Question, lang: str, page_url: str, source: str, docs_dir: Path) -> dict[str, Any]:
    """One question and its answer; the script hides the answer until it is asked for."""
    return {
        "id": question.id,
        "topic": question.topic,
        "difficulty": question.difficulty,
        "level": Markup(render_difficulty(question, lang)),
        "question": question.question[lang],
        "answer": Markup(render_answer(question, lang, page_url, source, docs_dir, follow_ups_as="details")),
    }


def render_deck(lang: str, page_url: str, path: Path = QUESTIONS_FILE, docs_dir: Path = DOCS_DIR) -> str:
    """The practice deck in one language, as raw HTML for a Markdown page (no blank lines)."""
    bank = question_bank(path, docs_dir)
    source = relative(path)
    used = {question.difficulty for question in bank.questions}
    topics = [
        {
            "id": topic.id,
            "name": topic.name[lang],
            "cards": [_card(question, lang, page_url, source, docs_dir) for question in bank.in_topic(topic.id)],
        }
        for topic in bank.topics
        if bank.in_topic(topic.id)
    ]
    return render(
        "practice-deck.html",
        ui=ui(lang),
        version=bank.version,
        topics=topics,
        difficulties=[(level, labels(lang)[level]) for level in DIFFICULTIES if level in used],
    ).strip()
