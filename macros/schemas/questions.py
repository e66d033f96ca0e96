"""Schema of data/questions.yml: the interview question bank (rendered by macros/questions.py).

Plain text: topic names, questions, follow-up questions. Markdown: the short and detailed
answers, the pitfall and the follow-up answers (links only to docs pages or https://).
Checks across items (unique ids, known topics and references, topic order, links that exist)
are made by the loader, macros/questions.py.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from macros.schemas.base import DocLink, Id, Strict, Text, Translated, TranslatedMarkdown

# Reference ids of data/references/ (as references.py allows them).
REF_ID_PATTERN = r"^[a-z0-9][a-z0-9\-]*$"
RefId = Annotated[str, StringConstraints(pattern=REF_ID_PATTERN)]
Difficulty = Literal["basic", "intermediate", "advanced"]


class Topic(Strict):
    """A group of questions; its name is the group's heading on the page."""

    id: Id
    zh: Text
    en: Text


class FollowUp(Strict):
    """What an interviewer asks next (追问): the question is plain text, the answer Markdown."""

    question: Translated
    answer: TranslatedMarkdown


class QuestionRecord(Strict):
    id: Id  # never renamed once published: the anchor #q-<id> and stored progress use it
    topic: Id
    difficulty: Difficulty
    question: Translated
    short: TranslatedMarkdown
    detailed: TranslatedMarkdown
    link: DocLink
    pitfall: TranslatedMarkdown | None = None
    follow_ups: Annotated[list[FollowUp], Field(min_length=1)] | None = None
    refs: list[RefId] | None = None


class QuestionsFile(Strict):
    version: Literal[1]  # the schema version (practice mode keys stored progress on it)
    topics: Annotated[list[Topic], Field(min_length=1)]
    questions: Annotated[list[QuestionRecord], Field(min_length=1)]
