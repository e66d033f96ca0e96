"""Interview questions (data/questions.yml): validation and the question bank page.

Answers are Markdown written by contributors. They are rendered here rather than by MkDocs
because they end up inside raw HTML (`<details>`), which MkDocs leaves alone: so raw HTML in
the data is disabled (it shows as text), and links are checked and rewritten per language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import get_args
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
    build_stamp,
    loading,
    read_yaml,
    relative,
)
from macros.doc_links import anchors_in, check_link, href, section_title, site_path, source_file
from macros.schemas.base import raise_all, validate
from macros.schemas.questions import Difficulty, QuestionRecord, QuestionsFile
from macros.templating import render
from macros.ui import strings

QUESTIONS_FILE = DATA_DIR / "questions.yml"
QUESTIONS_PAGE = "interview-questions.md"
REFERENCES_PAGE = references.REFERENCES_PAGE
SCHEMA_VERSION = 1  # the only version macros/schemas/questions.py accepts

_DOC_LINK = re.compile(r"^[A-Za-z0-9_\-/]+\.md(?:#[A-Za-z0-9_\-]+)?$")
_ITEM_ID_LINE = re.compile(r"^\s*-\s+id:\s*[\"']?([A-Za-z0-9_\-]+)")
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)


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


def _question(record: QuestionRecord) -> Question:
    return Question(
        id=record.id,
        topic=record.topic,
        question=record.question.as_dict(),
        short=record.short.as_dict(),
        detailed=record.detailed.as_dict(),
        link=record.link,
        refs=tuple(record.refs or ()),
        difficulty=record.difficulty,
        pitfall=record.pitfall.as_dict() if record.pitfall else None,
        follow_ups=tuple(
            FollowUp(question=item.question.as_dict(), answer=item.answer.as_dict()) for item in record.follow_ups or ()
        ),
    )


def _check_question(name: str, question: Question, docs_dir: Path, known_refs: Collection[str]) -> list[DataError]:
    """The checks of one question that look outside it: its link, its references, links in its answers."""
    label = f"question '{question.id}'"
    errors: list[DataError] = []
    try:
        _check_link(name, label, question.link, docs_dir)
    except DataError as error:
        errors.append(error)
    errors += [
        DataError(name, label, f"unknown reference '{ref}': no such id in data/references/")
        for ref in question.refs
        if ref not in known_refs
    ]
    # Rendering the answers once checks the links written inside them.
    for lang in LANGUAGES:
        from_url = site_path(QUESTIONS_PAGE, lang)
        resolve = _link_resolver(name, label, lang, from_url, docs_dir)
        for text in _markdown_fields(question, lang):
            try:
                # Always converted here (the check), and kept for the question bank page.
                _convert(text, lang, docs_dir, resolve)
            except DataError as error:
                errors.append(error)
    return errors


def _markdown_fields(question: Question, lang: str) -> list[str]:
    """Every Markdown text of a question in one language: answers, pitfall, follow-up answers."""
    texts = [question.short[lang], question.detailed[lang]]
    if question.pitfall:
        texts.append(question.pitfall[lang])
    texts.extend(follow_up.answer[lang] for follow_up in question.follow_ups)
    return texts


def load_questions(path: Path = QUESTIONS_FILE, docs_dir: Path = DOCS_DIR) -> QuestionBank:
    """Read and validate the question bank (schema: macros/schemas/questions.py). Bad data raises
    DataErrors naming the file and the question, every problem of the file at once."""
    with loading(relative(path)):
        return _load_questions(path, docs_dir)


# The pages (page.md) whose links the load being run checks; None when no load is recording.
_recording: set[str] | None = None


def _check_link(source: str, item: str, link: str, docs_dir: Path) -> str:
    if _recording is not None:
        _recording.add(link.partition("#")[0])
    return check_link(source, item, link, docs_dir)


_Anchors = tuple[tuple[Path, frozenset[str]], ...]


def _linked_anchors(pages: Collection[str], docs_dir: Path) -> _Anchors | None:
    """The heading ids of every language's file of these pages; None when one of them is gone."""
    files = [source_file(page, lang, docs_dir) for page in sorted(pages) for lang in LANGUAGES]
    if not all(path.is_file() for path in files):
        return None
    return tuple((path, anchors_in(path)) for path in files)


class _BankCache:
    """The real bank, kept while its file and the reference files are unchanged and the pages
    its links point into still have the same heading ids: what the load checks of the pages.
    So a `mkdocs serve` rebuild after an edit to a page's text does not load it again, while an
    edit that removes or renames a linked heading (or deletes the page) does, and fails."""

    def __init__(self) -> None:
        self.entry: tuple[object, frozenset[str], _Anchors, QuestionBank] | None = None

    def cache_clear(self) -> None:
        self.entry = None

    def __call__(self, stamp: object) -> QuestionBank:
        global _recording
        if self.entry is not None:
            cached_stamp, cached_pages, cached_anchors, cached_bank = self.entry
            if cached_stamp == stamp and _linked_anchors(cached_pages, DOCS_DIR) == cached_anchors:
                return cached_bank
        self.entry, pages = None, set()
        _recording = pages
        try:
            bank = load_questions(QUESTIONS_FILE, DOCS_DIR)
        finally:
            _recording = None
        anchors = _linked_anchors(pages, DOCS_DIR)
        if anchors is not None:
            self.entry = (stamp, frozenset(pages), anchors, bank)
        return bank


_cached_bank = _BankCache()


def question_bank(path: Path = QUESTIONS_FILE, docs_dir: Path = DOCS_DIR) -> QuestionBank:
    """The question bank for rendering. The real one is loaded once per build (the bank page and
    the practice deck, in each language, share it) and again when the file or a reference file
    changes, or a heading id its links need (so `make serve` picks up edits: see _BankCache);
    any other file is loaded afresh."""
    if path != QUESTIONS_FILE or docs_dir != DOCS_DIR:
        return load_questions(path, docs_dir)
    refs = references.REFERENCES_DIR
    return _cached_bank(build_stamp(("questions", path, refs), lambda: [path, *refs.glob("*.yml")]))


def _load_questions(path: Path, docs_dir: Path) -> QuestionBank:
    name = relative(path)
    data = read_yaml(path, locate=_enclosing_item)
    if not isinstance(data, Mapping):
        raise DataError(name, None, "expected a mapping with version, topics and questions")
    bank = validate(QuestionsFile, data, name, "question")
    errors: list[DataError] = []
    order: dict[str, int] = {}
    for topic in bank.topics:
        if topic.id in order:
            errors.append(DataError(name, f"topic '{topic.id}'", "duplicate topic id"))
        order.setdefault(topic.id, len(order))
    known_refs = references.references().keys()
    questions: list[Question] = []
    seen: set[str] = set()
    for record in bank.questions:
        label = f"question '{record.id}'"
        question = _question(record)
        if question.id in seen:
            errors.append(DataError(name, label, "duplicate id"))
        seen.add(question.id)
        if question.topic not in order:
            known = ", ".join(sorted(order))
            errors.append(DataError(name, label, f"unknown topic '{question.topic}' (known topics: {known})"))
        elif questions and questions[-1].topic in order and order[question.topic] < order[questions[-1].topic]:
            errors.append(
                DataError(
                    name,
                    label,
                    f"topic '{question.topic}' comes after '{questions[-1].topic}': keep the questions grouped by "
                    "topic, in the order of the topics list",
                )
            )
        errors += _check_question(name, question, docs_dir, known_refs)
        questions.append(question)
    raise_all(errors)
    topics = tuple(Topic(id=topic.id, name={"zh": topic.zh, "en": topic.en}) for topic in bank.topics)
    return QuestionBank(version=bank.version, topics=topics, questions=tuple(questions))


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
            _check_link(source, item, target, docs_dir)
            return href(target, lang, from_url)
        raise DataError(
            source, item, f"link '{target}' in an answer must be a docs page (page.md#section) or an https:// address"
        )

    return resolve


@lru_cache(maxsize=1)
def _answer_markdown() -> tuple[markdown.Markdown, _LinkRewriter]:
    """The one Markdown converter for answers, and its link rewriter (whose `resolve` each call sets).

    Making a converter loads and configures every extension: at thousands of texts per build that
    was most of the answers' rendering time, so one instance is reused and reset between texts."""
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    # Data is text, not HTML: without these, <script> or &nbsp; in a YAML answer would pass through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    rewriter = _LinkRewriter(md, _no_links)
    md.treeprocessors.register(rewriter, "doc_links", 5)  # after inline links exist
    return md, rewriter


def _no_links(target: str) -> str:
    raise AssertionError("the answers' converter was used without a link resolver")


def _markdown_to_html(text: str, resolve: Callable[[str], str]) -> str:
    md, rewriter = _answer_markdown()
    rewriter.resolve = resolve
    try:
        return md.reset().convert(text)
    finally:
        rewriter.resolve = _no_links
        md.reset()  # a text that failed (a bad link) leaves no state behind for the next one


# An answer's HTML by (Markdown, language, docs directory), in one or more variants. The HTML depends
# on the page it is on only through the hrefs its links resolve to (relative to that page), so each
# variant keeps the (target, href) pairs its conversion asked for, and a page whose resolver gives
# the same hrefs reuses it: the bank page and the practice deck, at the same depth, share one
# conversion of each answer. Reusing a variant resolves its links again, which checks them again.
# A text whose links are broken raises and is not kept. The links are checked whenever the bank is
# loaded, which happens again whenever a page or a data file it depends on changes, before any page
# renders it: so the bank page reuses the conversions of the check, and under `mkdocs serve` a
# rebuild converts only the texts that changed.
_Links = tuple[tuple[str, str], ...]
_rendered: dict[tuple[str, str, Path], list[tuple[_Links, str]]] = {}
_RENDERED_LIMIT = 50_000  # texts; past it the cache starts again (a long `mkdocs serve` session)


def _convert(text: str, lang: str, docs_dir: Path, resolve: Callable[[str], str]) -> str:
    """Convert the text (always) and keep the result with the links it resolved."""
    asked: list[tuple[str, str]] = []

    def recording(target: str) -> str:
        result = resolve(target)
        asked.append((target, result))
        return result

    html = _markdown_to_html(text, recording)
    if len(_rendered) >= _RENDERED_LIMIT:
        _rendered.clear()
    variants = _rendered.setdefault((text, lang, docs_dir), [])
    variant = (tuple(asked), html)
    if variant not in variants:  # each load of the bank converts every text again
        variants.append(variant)
    return html


def _answer_html(text: str, lang: str, docs_dir: Path, resolve: Callable[[str], str]) -> str:
    for links, html in _rendered.get((text, lang, docs_dir), ()):
        if all(resolve(target) == href for target, href in links):
            return html
    return _convert(text, lang, docs_dir, resolve)


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
        return Markup(_answer_html(text, lang, docs_dir, resolve))

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
    bank = question_bank(path, docs_dir)
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
