"""Interview questions (data/questions.yml): validation and the question bank page.

Answers are Markdown written by contributors. They are rendered here rather than by MkDocs
because they end up inside raw HTML (`<details>`), which MkDocs leaves alone: so raw HTML in
the data is disabled (it shows as text), and links are checked and rewritten per language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from macros import references
from macros.data_files import (
    DATA_DIR,
    DOCS_DIR,
    LANGUAGES,
    DataError,
    check_fields,
    check_translations,
    read_yaml,
    relative,
)
from macros.doc_links import check_link, href, section_title, site_path
from macros.templating import render
from macros.ui import strings

QUESTIONS_FILE = DATA_DIR / "questions.yml"
QUESTIONS_PAGE = "interview-questions.md"
REFERENCES_PAGE = references.REFERENCES_PAGE
SCHEMA_VERSION = 1

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOC_LINK = re.compile(r"^[A-Za-z0-9_\-/]+\.md(?:#[A-Za-z0-9_\-]+)?$")
_ITEM_ID_LINE = re.compile(r"^\s*-\s+id:\s*[\"']?([A-Za-z0-9_\-]+)")
DIFFICULTIES = ("basic", "intermediate", "advanced")


@dataclass(frozen=True)
class Topic:
    id: str
    name: dict[str, str]


@dataclass(frozen=True)
class FollowUp:
    question: dict[str, str]
    answer: dict[str, str]


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    question: dict[str, str]
    short: dict[str, str]
    detailed: dict[str, str]
    link: str
    refs: tuple[str, ...]
    difficulty: str = "basic"
    pitfall: dict[str, str] | None = None
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class QuestionBank:
    version: int
    topics: tuple[Topic, ...]
    questions: tuple[Question, ...]

    def in_topic(self, topic_id: str) -> list[Question]:
        return [question for question in self.questions if question.topic == topic_id]


# --- Loading and validation -----------------------------------------------------------


def _enclosing_item(text: str, line: int) -> str | None:
    """The topic or question whose YAML block holds `line` (1-based), found by its `- id:` line."""
    lines = text.splitlines()
    questions_start = next((i for i, row in enumerate(lines) if row.startswith("questions:")), len(lines))
    for index in range(min(line - 1, len(lines) - 1), -1, -1):
        match = _ITEM_ID_LINE.match(lines[index])
        if match:
            kind = "question" if index > questions_start else "topic"
            return f"{kind} '{match.group(1)}'"
    return None


def _load_topics(name: str, records: Any) -> tuple[Topic, ...]:
    if not isinstance(records, list) or not records:
        raise DataError(name, "topics", "expected a non-empty list of topics")
    topics: dict[str, Topic] = {}
    for index, record in enumerate(records):
        label = f"topic '{record['id']}'" if isinstance(record, dict) and "id" in record else f"topic #{index + 1}"
        check_fields(name, label, record, ["id", *LANGUAGES])
        if not isinstance(record["id"], str) or not _ID.match(record["id"]):
            raise DataError(name, label, "id must be kebab-case: lowercase letters and digits joined by hyphens")
        if record["id"] in topics:
            raise DataError(name, label, "duplicate topic id")
        for lang in LANGUAGES:
            if not isinstance(record[lang], str) or not record[lang].strip():
                raise DataError(name, label, f"the topic name is missing its translation: {lang}")
        topics[record["id"]] = Topic(id=record["id"], name={lang: record[lang].strip() for lang in LANGUAGES})
    return tuple(topics.values())


def _check_refs(name: str, label: str, refs: Any) -> tuple[str, ...]:
    if refs is None:
        return ()
    if not isinstance(refs, list) or not all(isinstance(ref, str) for ref in refs):
        raise DataError(name, label, "field 'refs' must be a list of reference ids")
    known = references.references()
    for ref in refs:
        if ref not in known:
            raise DataError(name, label, f"unknown reference '{ref}': no such id in data/references/")
    return tuple(refs)


def _load_follow_ups(name: str, label: str, records: Any) -> tuple[FollowUp, ...]:
    if records is None:
        return ()
    if not isinstance(records, list) or not records:
        raise DataError(name, label, "field 'follow_ups' must be a non-empty list of {question, answer}")
    follow_ups = []
    for index, record in enumerate(records):
        where = f"{label}: follow-up #{index + 1}"
        check_fields(name, where, record, ["question", "answer"])
        follow_ups.append(
            FollowUp(
                question=check_translations(name, where, "question", record["question"]),
                answer=check_translations(name, where, "answer", record["answer"]),
            )
        )
    return tuple(follow_ups)


def _load_question(name: str, label: str, record: Any, topic_ids: set[str], docs_dir: Path, seen: set[str]) -> Question:
    check_fields(
        name,
        label,
        record,
        ["id", "topic", "difficulty", "question", "short", "detailed", "link"],
        ["pitfall", "follow_ups", "refs"],
    )
    question_id = record["id"]
    if not isinstance(question_id, str) or not _ID.match(question_id):
        raise DataError(name, label, "id must be kebab-case: lowercase letters and digits joined by hyphens")
    if question_id in seen:
        raise DataError(name, label, "duplicate id")
    if record["topic"] not in topic_ids:
        known = ", ".join(sorted(topic_ids))
        raise DataError(name, label, f"unknown topic '{record['topic']}' (known topics: {known})")
    if record["difficulty"] not in DIFFICULTIES:
        raise DataError(
            name, label, f"difficulty must be one of {', '.join(DIFFICULTIES)}, got {record['difficulty']!r}"
        )
    pitfall = record.get("pitfall")
    question = Question(
        id=question_id,
        topic=record["topic"],
        question=check_translations(name, label, "question", record["question"]),
        short=check_translations(name, label, "short", record["short"]),
        detailed=check_translations(name, label, "detailed", record["detailed"]),
        link=check_link(name, label, str(record["link"]), docs_dir),
        refs=_check_refs(name, label, record.get("refs")),
        difficulty=record["difficulty"],
        pitfall=None if pitfall is None else check_translations(name, label, "pitfall", pitfall),
        follow_ups=_load_follow_ups(name, label, record.get("follow_ups")),
    )
    # Rendering the answers once checks the links written inside them.
    for lang in LANGUAGES:
        resolve = _link_resolver(name, label, lang, site_path(QUESTIONS_PAGE, lang), docs_dir)
        for text in _markdown_fields(question, lang):
            _markdown_to_html(text, resolve)
    return question


def _markdown_fields(question: Question, lang: str) -> list[str]:
    """Every Markdown text of a question in one language: answers, pitfall, follow-up answers."""
    texts = [question.short[lang], question.detailed[lang]]
    if question.pitfall:
        texts.append(question.pitfall[lang])
    texts.extend(follow_up.answer[lang] for follow_up in question.follow_ups)
    return texts


def load_questions(path: Path = QUESTIONS_FILE, docs_dir: Path = DOCS_DIR) -> QuestionBank:
    """Read and validate the question bank. Bad data raises DataError naming the file and question."""
    name = relative(path)
    data = read_yaml(path, locate=_enclosing_item)
    if not isinstance(data, Mapping):
        raise DataError(name, None, "expected a mapping with version, topics and questions")
    check_fields(name, "top level", data, ["version", "topics", "questions"])
    if data["version"] != SCHEMA_VERSION:
        raise DataError(name, "top level", f"version must be {SCHEMA_VERSION}, got {data['version']!r}")
    topics = _load_topics(name, data["topics"])
    records = data["questions"]
    if not isinstance(records, list) or not records:
        raise DataError(name, "questions", "expected a non-empty list of questions")
    topic_ids = {topic.id for topic in topics}
    order = {topic.id: index for index, topic in enumerate(topics)}
    questions: list[Question] = []
    seen: set[str] = set()
    for index, record in enumerate(records):
        label = f"question #{index + 1}"
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            label = f"question '{record['id']}'"
        question = _load_question(name, label, record, topic_ids, docs_dir, seen)
        if questions and order[question.topic] < order[questions[-1].topic]:
            raise DataError(
                name,
                label,
                f"topic '{question.topic}' comes after '{questions[-1].topic}': keep the questions grouped by "
                "topic, in the order of the topics list",
            )
        seen.add(question.id)
        questions.append(question)
    return QuestionBank(version=data["version"], topics=topics, questions=tuple(questions))


# --- Markdown in answers --------------------------------------------------------------


class _LinkRewriter(Treeprocessor):
    """Send every link through `resolve` (check it, make it relative); refuse images."""

    def __init__(self, md: markdown.Markdown, resolve: Callable[[str], str]) -> None:
        super().__init__(md)
        self.resolve = resolve

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                self.resolve("")  # images are not allowed: report it like a bad link
            if element.tag == "a":
                element.set("href", self.resolve(element.get("href", "")))


def _link_resolver(source: str, item: str, lang: str, from_url: str, docs_dir: Path) -> Callable[[str], str]:
    def resolve(target: str) -> str:
        if target.startswith("https://"):
            return target
        if _DOC_LINK.match(target):
            check_link(source, item, target, docs_dir)
            return href(target, lang, from_url)
        raise DataError(
            source, item, f"link '{target}' in an answer must be a docs page (page.md#section) or an https:// address"
        )

    return resolve


def _markdown_to_html(text: str, resolve: Callable[[str], str]) -> str:
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    # Data is text, not HTML: without these, <script> or &nbsp; in a YAML answer would pass through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.treeprocessors.register(_LinkRewriter(md, resolve), "doc_links", 5)  # after inline links exist
    return md.convert(text)


# --- Rendering ------------------------------------------------------------------------


def labels(lang: str) -> dict[str, str]:
    """The question bank's interface strings in one language (data/ui/<lang>.yml, `questions`)."""
    return strings(lang, "questions")


def _references(question: Question, lang: str, page_url: str) -> list[dict[str, str]]:
    known = references.references()
    return [
        {"href": href(f"{REFERENCES_PAGE}#{ref}", lang, page_url), "text": known[ref].short(lang)}
        for ref in question.refs
    ]


def difficulty_label(question: Question, lang: str) -> str:
    return labels(lang)[question.difficulty]


def render_difficulty(question: Question, lang: str) -> str:
    """The difficulty tag (基础 / 进阶 / 深入), with "Difficulty:" for screen readers."""
    return render("question_difficulty.html", difficulty=question.difficulty, ui=labels(lang))


def render_answer(
    question: Question,
    lang: str,
    page_url: str,
    source: str,
    docs_dir: Path = DOCS_DIR,
    follow_ups_as: str = "list",
) -> str:
    """A question's answer as HTML: short answer, fuller answer, pitfall, follow-ups, read-more
    link, references (a question without references has no references line).

    Shared by the question bank and the practice deck (macros/practice.py), which folds each
    follow-up answer under its question (follow_ups_as="details").
    """
    resolve = _link_resolver(source, f"question '{question.id}'", lang, page_url, docs_dir)

    def html_of(text: str) -> Markup:
        return Markup(_markdown_to_html(text, resolve))

    return render(
        "question_answer.html",
        ui=labels(lang),
        short=html_of(question.short[lang]),
        detailed=html_of(question.detailed[lang]),
        pitfall=html_of(question.pitfall[lang]) if question.pitfall else None,
        follow_ups=[
            {"question": item.question[lang], "answer": html_of(item.answer[lang])} for item in question.follow_ups
        ],
        follow_ups_as=follow_ups_as,
        more_href=href(question.link, lang, page_url),
        more_text=section_title(question.link, lang, docs_dir=docs_dir),
        refs=_references(question, lang, page_url),
    ).strip()


def render_question(question: Question, lang: str, page_url: str, source: str, docs_dir: Path = DOCS_DIR) -> str:
    """One question as a <details> element: question, difficulty, then its answer."""
    answer = Markup(render_answer(question, lang, page_url, source, docs_dir))
    return render(
        "question.html", question=question, lang=lang, ui=labels(lang), difficulty=question.difficulty, answer=answer
    ).strip()


def render_filters(bank: QuestionBank, lang: str) -> str:
    """The filter bar: one radio per topic with questions and per difficulty, with their counts."""
    ui = labels(lang)
    total = len(bank.questions)
    topics = [("", ui["all"], total)]
    topics += [
        (topic.id, topic.name[lang], len(bank.in_topic(topic.id))) for topic in bank.topics if bank.in_topic(topic.id)
    ]
    difficulties = [("", ui["all"], total)]
    for difficulty in DIFFICULTIES:
        count = sum(1 for question in bank.questions if question.difficulty == difficulty)
        if count:
            difficulties.append((difficulty, ui[difficulty], count))
    status = ui["filter_status"].format(shown=total, total=total)
    return render("question_filters.html", ui=ui, topics=topics, difficulties=difficulties, status=status).strip()


def render_question_bank(lang: str, page_url: str, path: Path = QUESTIONS_FILE, docs_dir: Path = DOCS_DIR) -> str:
    """The interview-questions page body: a count, the filters, then one h2 per topic with its questions.

    It is Markdown (macros/templates/question-bank.md): the topic headings are Markdown headings,
    so they get MkDocs' anchors, the table of contents and search sections."""
    bank = load_questions(path, docs_dir)
    source = relative(path)
    used_topics = [topic for topic in bank.topics if bank.in_topic(topic.id)]
    topics = [
        {
            "id": topic.id,
            "name": topic.name[lang],
            "questions": [
                Markup(render_question(q, lang, page_url, source, docs_dir)) for q in bank.in_topic(topic.id)
            ],
        }
        for topic in used_topics
    ]
    return (
        render(
            "question-bank.md",
            ui=labels(lang),
            total=len(bank.questions),
            topic_count=len(used_topics),
            filters=Markup(render_filters(bank, lang)),
            topics=topics,
        ).strip()
        + "\n"
    )
