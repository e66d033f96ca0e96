"""The real data files, loaded once per test session.

Loading the question bank renders every answer's Markdown (about a second); a dozen modules read
the same bank, so they share one load. The loader's own behaviour is tested on planted banks in
test_questions; these are read-only views of the real data (the dataclasses are frozen).
"""

from __future__ import annotations

from functools import cache

from macros.questions import QuestionBank, load_questions


@cache
def real_question_bank() -> QuestionBank:
    """data/questions.yml, loaded and validated (as the build does) once per session."""
    return load_questions()


@cache
def real_deck_html(lang: str, page_url: str) -> str:
    """The practice deck of the real bank, rendered once per language and URL (read-only: parse it)."""
    from macros import practice

    return practice.render_deck(lang, page_url)
