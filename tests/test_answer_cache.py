"""The answers' HTML is kept between renders (macros/questions.py `_rendered`): the bank page
reuses the conversions that the loader's link check made, and `mkdocs serve` rebuilds convert
only what changed. The check itself is never skipped: a link broken by an edited page still
fails the next load, whatever the cache holds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from macros import questions
from macros.data_files import DATA_DIR, DOCS_DIR, DataError


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    docs = tmp_path / "docs"
    shutil.copytree(DOCS_DIR, docs)
    bank = tmp_path / "questions.yml"
    shutil.copy(DATA_DIR / "questions.yml", bank)
    return bank, docs


@pytest.fixture
def conversions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = questions._markdown_to_html

    def counting(text: str, *args: Any) -> str:
        seen.append(text)
        return original(text, *args)

    monkeypatch.setattr(questions, "_markdown_to_html", counting)
    return seen


def test_the_bank_page_reuses_the_conversions_of_the_check(copies, conversions: list[str]) -> None:
    bank_file, docs = copies
    bank = questions.load_questions(bank_file, docs)
    checked = len(conversions)
    assert checked > 100  # every answer, pitfall and follow-up, in both languages
    for lang in ("zh", "en"):
        url = "interview-questions/" if lang == "zh" else "en/interview-questions/"
        html = [questions.render_question(q, lang, url, "data/questions.yml", docs) for q in bank.questions]
        assert all(html)
    assert len(conversions) == checked
    # The practice deck is as deep as the bank page: its links resolve to the same hrefs, so every
    # answer's conversion is shared.
    deck = [questions.render_answer(q, "zh", "practice/", "data/questions.yml", docs) for q in bank.questions]
    assert all(deck) and len(conversions) == checked
    # A page at another depth has other relative links: a text with a docs link is converted once
    # for it, then kept; a text without links is shared still.
    linking = next(q for q in bank.questions if "methods.md#lora" in q.detailed["zh"])
    questions.render_answer(linking, "zh", "", "data/questions.yml", docs)
    after_one = len(conversions)
    assert linking.detailed["zh"] in conversions[checked:] and linking.short["zh"] not in conversions[checked:]
    questions.render_answer(linking, "zh", "", "data/questions.yml", docs)
    assert len(conversions) == after_one


def test_a_link_broken_by_an_edited_page_still_fails_the_load(copies) -> None:
    bank_file, docs = copies
    questions.load_questions(bank_file, docs)  # the cache now holds the answer linking to methods.md#lora
    assert any("methods.md#lora" in key[0] for key in questions._rendered)
    for page in ("methods.md", "methods.en.md"):
        path = docs / page
        path.write_text(path.read_text(encoding="utf-8").replace("{ #lora }", "{ #low-rank }"), encoding="utf-8")
    # full-vs-peft links to methods.md#lora inside its answer only (its `link` is methods.md#peft).
    with pytest.raises(DataError, match=r"question 'full-vs-peft'.*methods\.md#lora"):
        questions.load_questions(bank_file, docs)


def test_the_html_depends_on_the_page_it_is_on(copies) -> None:
    bank_file, docs = copies
    bank = questions.load_questions(bank_file, docs)
    linking = next(q for q in bank.questions if "methods.md#lora" in q.detailed["en"])
    top = questions.render_answer(linking, "en", "en/interview-questions/", "data/questions.yml", docs)
    home = questions.render_answer(linking, "en", "en/", "data/questions.yml", docs)
    assert 'href="../methods/#lora"' in top and 'href="methods/#lora"' in home


# --- the bank is kept across `mkdocs serve` rebuilds while what its load checked is unchanged ---


@pytest.fixture
def real_bank(copies, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, list[Path]]:
    """The copies as the real bank and docs, and every read of the bank file."""
    bank_file, docs = copies
    monkeypatch.setattr(questions, "QUESTIONS_FILE", bank_file)
    monkeypatch.setattr(questions, "DOCS_DIR", docs)
    reads: list[Path] = []
    original = questions.read_yaml

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        reads.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(questions, "read_yaml", counting)
    questions._cached_bank.cache_clear()
    yield bank_file, docs, reads
    questions._cached_bank.cache_clear()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_editing_a_pages_text_keeps_the_bank(real_bank) -> None:
    bank_file, docs, reads = real_bank
    first = questions.question_bank(bank_file, docs)
    for page in ("methods.md", "methods.en.md", "when-to-fine-tune.md"):
        _edit(docs / page, "\n## ", "\nOne more paragraph.\n\n## ")
    assert questions.question_bank(bank_file, docs) is first
    assert reads == [bank_file]


def test_renaming_a_linked_heading_loads_the_bank_again_and_fails(real_bank) -> None:
    bank_file, docs, reads = real_bank
    questions.question_bank(bank_file, docs)
    for page in ("methods.md", "methods.en.md"):
        _edit(docs / page, "{ #lora }", "{ #low-rank }")
    with pytest.raises(DataError, match=r"question 'full-vs-peft'.*methods\.md#lora"):
        questions.question_bank(bank_file, docs)
    assert len(reads) == 2


def test_deleting_a_linked_page_loads_the_bank_again_and_fails(real_bank) -> None:
    bank_file, docs, _ = real_bank
    questions.question_bank(bank_file, docs)
    (docs / "methods.en.md").unlink()
    with pytest.raises(DataError, match=r"methods\.en\.md does not exist"):
        questions.question_bank(bank_file, docs)


def test_editing_the_bank_file_loads_it_again(real_bank) -> None:
    bank_file, docs, reads = real_bank
    first = questions.question_bank(bank_file, docs)
    _edit(bank_file, "questions:\n", "questions:\n# a comment\n")
    assert questions.question_bank(bank_file, docs) is not first
    assert len(reads) == 2
