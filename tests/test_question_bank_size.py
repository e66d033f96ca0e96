"""Issue 12's minimums for the question bank (data/questions.yml): at least 60 questions in at
least 8 topics, a difficulty and a link on every question, follow-ups on at least half of them,
and every claim-like number in a question cited within that question.

The checker itself is tested below on planted banks, so a failure on the real bank can only
come from the data.
"""

from __future__ import annotations

from dataclasses import replace

from bs4 import BeautifulSoup

from macros.data_files import relative
from macros.questions import (
    DIFFICULTIES,
    QUESTIONS_FILE,
    FollowUp,
    Question,
    QuestionBank,
    render_question,
)
from tests.support.citations import uncited_blocks
from tests.support.data import real_question_bank

MIN_QUESTIONS = 60
MIN_TOPICS = 8
MIN_FOLLOW_UP_SHARE = 0.5


def uncited(question: Question) -> list[str]:
    """The blocks of a question (both languages, as on its page) with a number and no citation."""
    found = []
    for lang, page_url in (("zh", "interview-questions/"), ("en", "en/interview-questions/")):
        html = render_question(question, lang, page_url, relative(QUESTIONS_FILE))
        body = BeautifulSoup(f"<article>{html}</article>", "html.parser").article
        found += [
            f"{question.id} ({lang}): {' '.join(block.get_text().split())[:120]}" for block in uncited_blocks(body)
        ]
    return found


def shortfalls(bank: QuestionBank, check_citations: bool = True) -> list[str]:
    """Every way the bank falls short of the minimums, one line each; empty when it meets them."""
    problems = []
    questions = bank.questions
    if len(questions) < MIN_QUESTIONS:
        problems.append(f"{len(questions)} questions, at least {MIN_QUESTIONS} wanted")
    topics = {question.topic for question in questions}
    if len(topics) < MIN_TOPICS:
        problems.append(f"{len(topics)} topics with questions, at least {MIN_TOPICS} wanted")
    with_follow_ups = sum(1 for question in questions if question.follow_ups)
    if with_follow_ups < MIN_FOLLOW_UP_SHARE * len(questions):
        problems.append(f"{with_follow_ups} of {len(questions)} questions have follow-ups, at least half wanted")
    problems += [f"{q.id}: difficulty {q.difficulty!r}" for q in questions if q.difficulty not in DIFFICULTIES]
    problems += [f"{q.id}: no link to the handbook" for q in questions if not q.link]
    if check_citations:
        for question in questions:
            problems += uncited(question)
    return problems


def test_the_real_bank_meets_the_minimums_of_issue_12() -> None:
    assert shortfalls(real_question_bank()) == []


# --- the checker, on planted banks -----------------------------------------------------------------

REAL = real_question_bank()
FOLLOW_UP = FollowUp(question={"zh": "追问？", "en": "Next?"}, answer={"zh": "回答。", "en": "Answer."})


def grown(count: int, topics: int, follow_up_every: int = 1) -> QuestionBank:
    """A bank of `count` copies of real questions over the first `topics` topics."""
    topic_ids = [topic.id for topic in REAL.topics[:topics]]
    questions = tuple(
        replace(
            REAL.questions[index % len(REAL.questions)],
            id=f"q-{index}",
            topic=topic_ids[index % len(topic_ids)],
            follow_ups=(FOLLOW_UP,) if index % follow_up_every == 0 else (),
        )
        for index in range(count)
    )
    return replace(REAL, questions=questions)


def test_a_bank_at_the_minimums_passes() -> None:
    assert shortfalls(grown(MIN_QUESTIONS, MIN_TOPICS), check_citations=False) == []


def test_each_shortfall_is_named() -> None:
    assert shortfalls(grown(MIN_QUESTIONS - 1, MIN_TOPICS), check_citations=False) == [
        f"{MIN_QUESTIONS - 1} questions, at least {MIN_QUESTIONS} wanted"
    ]
    assert shortfalls(grown(MIN_QUESTIONS, MIN_TOPICS - 1), check_citations=False) == [
        f"{MIN_TOPICS - 1} topics with questions, at least {MIN_TOPICS} wanted"
    ]
    assert shortfalls(grown(MIN_QUESTIONS, MIN_TOPICS, follow_up_every=3), check_citations=False) == [
        f"20 of {MIN_QUESTIONS} questions have follow-ups, at least half wanted"
    ]
    no_link = replace(REAL, questions=(replace(REAL.questions[0], link=""),))
    assert f"{REAL.questions[0].id}: no link to the handbook" in shortfalls(no_link, check_citations=False)


def test_an_uncited_number_in_a_question_is_named() -> None:
    question = replace(
        REAL.questions[0],
        id="planted",
        refs=(),
        short={"zh": "显存省了 75%。", "en": "It saves 75% of the memory."},
    )
    problems = uncited(question)
    assert [p.split(":")[0] for p in problems] == ["planted (zh)", "planted (en)"], problems
    assert uncited(REAL.questions[0]) == []  # the same question with its references cited passes
