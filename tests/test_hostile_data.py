"""Hostile strings in every text field of every data file: shown as text, or a named error.

A pull request can put anything into data/. For each field of the glossary, the references and
the question bank, each hostile string below is written into a copy of the real data, which is
then loaded and rendered the way pages use it, and the output is run through the site's own
Markdown extensions. Plain-text fields (names, titles, authors, labels) must leave the HTML
structure exactly as a harmless value does; Markdown fields (answers) may add formatting but
never a script, an event handler, or a link that is not https or relative. Fields that are
checked at load time (ids, links, years, abbreviations) may instead raise a DataError that
names the file. (Macro output is not rendered again by mkdocs-macros, so `{{ }}` in data stays
text; inline output escapes the braces anyway.)
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from macros import glossary, questions, references
from macros.data_files import DATA_DIR, DOCS_DIR, DataError

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    'x" onmouseover="alert(1)',
    "[click](javascript:alert(1))",
    "[md](https://evil.example/)",
    "<javascript:alert(1)>",
    "{{ config.__class__ }}",
    "x { onclick=alert(1) }",
    "*[Q9Z]: <b>hi</b> Q9Z",
    "line\n*[Q9Z]: <b>x</b>\n\n# Q9Z",
    "**bold** _it_ `code` | cell",
]
HARMLESS = "harmless"
# The extensions of mkdocs.yml that change inline text (the rest only add block syntax).
SITE_EXTENSIONS = ["abbr", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


class _Structure(HTMLParser):
    """The tags and attribute names of a document, plus every unsafe thing in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.unsafe: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        if tag in ("script", "iframe", "object", "embed", "img", "style"):
            self.unsafe.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.unsafe.append(f"{name}= on <{tag}>")
            if name in ("href", "src") and value:
                scheme = value.split(":", 1)[0].lower() if ":" in value.split("/", 1)[0] else ""
                if scheme and scheme != "https":
                    self.unsafe.append(f"{name}={value!r} on <{tag}>")


def structure(rendered: str) -> _Structure:
    html = markdown.markdown(rendered, extensions=SITE_EXTENSIONS)
    parser = _Structure()
    parser.feed(html)
    return parser


def check(render: Callable[[Any], str], field: str, markdown_field: bool = False) -> None:
    """`render(value)` with each hostile value: same structure as HARMLESS (plain text) or safe (Markdown)."""
    try:
        baseline = structure(render(HARMLESS))
    except DataError:  # a checked field (a link, a url): every hostile value must be refused too
        baseline = None
    assert baseline is None or not baseline.unsafe, baseline.unsafe
    for value in HOSTILE:
        try:
            output = render(value)
        except DataError as error:
            assert ".yml" in str(error), f"{field}: the error does not name the file: {error}"
            continue
        assert baseline is not None, f"{field} = {value!r} was accepted where a harmless word is refused"
        result = structure(output)
        assert not result.unsafe, f"{field} = {value!r} rendered live markup: {result.unsafe}"
        if not markdown_field:
            assert result.tags == baseline.tags, f"{field} = {value!r} changed the HTML:\n{output}"


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- Glossary -------------------------------------------------------------------------

REAL_TERMS = yaml.safe_load((DATA_DIR / "glossary.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", ["zh", "en", "abbr", "definition.zh", "definition.en", "link", "id"])
def test_hostile_glossary_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    term_id = next(term["id"] for term in REAL_TERMS if term.get("abbr"))

    def render(value: str) -> str:
        terms = copy.deepcopy(REAL_TERMS)
        record = next(term for term in terms if term["id"] == term_id)
        *parents, key = field.split(".")
        target = record
        for parent in parents:
            target = target[parent]
        target[key] = value
        loaded = glossary.load_glossary(write(tmp_path, "glossary.yml", terms), DOCS_DIR)
        monkeypatch.setattr(glossary, "glossary", lambda: loaded)
        used = value if field == "id" else term_id
        parts = []
        for lang in ("zh", "en"):
            parts.append("Text " + glossary.render_term(used, lang) + " and SFT here.")
            parts.append(glossary.render_glossary_table(lang, "glossary/"))
            parts.append(glossary.abbreviation_definitions(lang))
        return "\n\n".join(parts)

    check(render, f"glossary.yml {field}")


# --- References -----------------------------------------------------------------------

REAL_REFERENCES = yaml.safe_load((DATA_DIR / "references" / "interview.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", ["id", "title", "authors", "authors.0", "venue", "url", "arxiv", "year"])
def test_hostile_reference_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    def render(value: str) -> str:
        records = copy.deepcopy(REAL_REFERENCES[:3])
        record = records[0]
        if field == "authors.0":
            record["authors"] = [value, *record["authors"][1:]]
        else:
            record[field] = value
        directory = tmp_path / "references"
        directory.mkdir(exist_ok=True)
        write(directory, "hostile.yml", records)
        loaded = references.load_references(directory)
        monkeypatch.setattr(references, "references", lambda: loaded)
        used = value if field == "id" else record["id"]
        parts = []
        for lang in ("zh", "en"):
            parts.append("A claim " + references.render_cite((used,), lang, "docs/page.md") + ".")
            parts.append(references.render_reference_list(lang))
        return "\n\n".join(parts)

    check(render, f"references {field}")


# --- Question bank --------------------------------------------------------------------

REAL_BANK = yaml.safe_load((DATA_DIR / "questions.yml").read_text(encoding="utf-8"))
QUESTION_FIELDS = [
    ("topics.0.zh", False),
    ("topics.0.en", False),
    ("question.zh", False),
    ("question.en", False),
    ("short.zh", True),
    ("detailed.en", True),
    ("pitfall.zh", True),
    ("follow_ups.0.question.en", False),
    ("follow_ups.0.answer.zh", True),
    ("link", False),
    ("id", False),
    ("difficulty", False),
    ("refs.0", False),
]


@pytest.mark.parametrize(("field", "markdown_field"), QUESTION_FIELDS)
def test_hostile_question_fields(tmp_path: Path, field: str, markdown_field: bool) -> None:
    topic = REAL_BANK["topics"][0]["id"]
    base = copy.deepcopy(REAL_BANK)
    base["topics"] = base["topics"][:1]
    base["questions"] = [q for q in base["questions"] if q["topic"] == topic][:1]
    question = base["questions"][0]
    question.setdefault("pitfall", {"zh": "易错。", "en": "A mistake."})
    question.setdefault(
        "follow_ups", [{"question": {"zh": "问？", "en": "Why?"}, "answer": {"zh": "答。", "en": "So."}}]
    )
    question.setdefault("refs", [next(iter(references.references()))])

    def render(value: str) -> str:
        bank = copy.deepcopy(base)
        *parents, key = field.split(".")
        target: Any = bank if field.startswith("topics") else bank["questions"][0]
        for parent in parents:
            target = target[int(parent)] if parent.isdigit() else target[parent]
        target[int(key) if key.isdigit() else key] = value
        path = write(tmp_path, "questions.yml", bank)
        return "\n\n".join(
            questions.render_question_bank(lang, f"{lang}/interview-questions/", path, DOCS_DIR)
            for lang in ("zh", "en")
        )

    check(render, f"questions.yml {field}", markdown_field)
