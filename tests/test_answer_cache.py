"""The answers' HTML is kept between renders (macros/questions.py `_rendered`): the bank page
reuses the conversions that the loader's link check made, and `mkdocs serve` rebuilds convert
only what changed. The check itself is never skipped: a link broken by an edited page still
fails the next load, whatever the cache holds."""

from __future__ import annotations

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
    # Another page (the practice deck) has other relative links: converted once, then kept.
    questions.render_answer(bank.questions[0], "zh", "practice/", "data/questions.yml", docs)
    after_one = len(conversions)
    assert after_one > checked
    questions.render_answer(bank.questions[0], "zh", "practice/", "data/questions.yml", docs)
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
