"""Unexpected exceptions name the file (loaders) or the page and the call (macros), and the
question bank is read once per build however many pages render it."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from pydantic import model_validator

import macros
from macros import decision_tree, glossary, questions, references
from macros.data_files import DATA_DIR, DOCS_DIR, DataError
from macros.schemas.base import Strict, validate

# --- loaders --------------------------------------------------------------------------------------


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise TypeError("planted")


def test_an_unexpected_exception_in_the_question_loader_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(questions, "_question", _boom)
    with pytest.raises(DataError, match=r"^data/questions\.yml: unexpected TypeError while loading: planted"):
        questions.load_questions()


def test_an_unexpected_exception_in_the_glossary_loader_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary, "check_link", _boom)
    with pytest.raises(DataError, match=r"^data/glossary\.yml: unexpected TypeError while loading: planted"):
        glossary.load_glossary()


def test_an_unexpected_exception_in_the_references_loader_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(references, "Reference", _boom)
    with pytest.raises(DataError, match=r"^data/references/\S+\.yml: unexpected TypeError while loading: planted"):
        references.load_references()


def test_an_unexpected_exception_in_the_tree_loader_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decision_tree, "_check_cycles", _boom)
    with pytest.raises(decision_tree.DecisionTreeError, match=r"^data/decision-trees/should-i-fine-tune\.yml: unex"):
        decision_tree.load_tree(decision_tree.tree_file("should-i-fine-tune"))


class _Buggy(Strict):
    x: int

    @model_validator(mode="after")
    def _bug(self) -> _Buggy:
        return {}["missing"]  # type: ignore[no-any-return]  # a KeyError pydantic does not catch


def test_a_validator_bug_names_the_file() -> None:
    with pytest.raises(DataError, match=r"^data/x\.yml: unexpected KeyError while validating: 'missing'"):
        validate(_Buggy, {"x": 1}, "data/x.yml")


# --- macros ---------------------------------------------------------------------------------------


class _Env:
    """What define_env uses of mkdocs-macros' env: a macro registry and the page being rendered."""

    def __init__(self) -> None:
        self.macros: dict[str, Any] = {"builtin": lambda: "untouched"}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri="peft.en.md"), url="en/peft/", meta={})
        self.conf = {"theme": {"language": "en"}}
        self.variables: dict[str, Any] = {}

    def macro(self, function: Any, name: str = "") -> Any:
        self.macros[name or function.__name__] = function
        return function


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> _Env:
    monkeypatch.setattr(macros, "page_language", lambda _env: "en")
    monkeypatch.setattr(macros, "page_url", lambda _env: "en/peft/")
    env = _Env()
    macros.define_env(env)
    return env


def test_a_key_error_inside_a_macro_names_the_page_and_the_call(env: _Env, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> str:
        raise KeyError("en")

    monkeypatch.setattr(glossary, "render_term", broken)
    with pytest.raises(macros.MacroError) as caught:
        env.macros["term"]("lora", sentence_start=True)
    assert str(caught.value) == "docs/peft.en.md: {{ term('lora', sentence_start=True) }}: KeyError: 'en'"


def test_a_wrong_argument_to_a_macro_names_the_page_and_the_call(env: _Env) -> None:
    with pytest.raises(macros.MacroError, match=r"^docs/peft\.en\.md: \{\{ loss_curve\(\) \}\}: TypeError"):
        env.macros["loss_curve"]()


def test_a_data_error_inside_a_macro_passes_unchanged(env: _Env) -> None:
    with pytest.raises(DataError, match=r"data/glossary\.yml: term 'no-such-term'"):
        env.macros["term"]("no-such-term")


def test_every_macro_of_the_site_is_guarded_and_builtins_are_left_alone(env: _Env) -> None:
    ours = set(env.macros) - {"builtin"}
    assert {"term", "cite", "question_bank", "decision_tree", "memory_calculator"} <= ours
    assert all(hasattr(env.macros[name], "__wrapped__") for name in ours)
    assert not hasattr(env.macros["builtin"], "__wrapped__")


# --- the question bank is read once ---------------------------------------------------------------


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    original = questions.read_yaml

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        seen.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(questions, "read_yaml", counting)
    questions._cached_bank.cache_clear()
    yield seen
    questions._cached_bank.cache_clear()


def test_the_real_bank_is_read_once_for_every_page_that_renders_it(reads: list[Path]) -> None:
    from macros import practice

    for lang in ("zh", "en"):
        questions.render_question_bank(lang, f"{lang}/interview-questions/")
        practice.render_deck(lang, f"{lang}/practice/")
    assert reads == [questions.QUESTIONS_FILE]


def test_the_bank_is_read_again_when_the_file_changes(
    reads: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "questions.yml"
    copy.write_text((DATA_DIR / "questions.yml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(questions, "QUESTIONS_FILE", copy)
    first = questions.question_bank(copy, DOCS_DIR)
    assert questions.question_bank(copy, DOCS_DIR) is first
    assert len(reads) == 1
    data = yaml.safe_load(copy.read_text(encoding="utf-8"))
    data["questions"] = data["questions"][:1]
    copy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert len(questions.question_bank(copy, DOCS_DIR).questions) == 1
    assert len(reads) == 2


def test_another_file_is_never_served_from_the_cache(reads: list[Path], tmp_path: Path) -> None:
    copy = tmp_path / "questions.yml"
    copy.write_text((DATA_DIR / "questions.yml").read_text(encoding="utf-8"), encoding="utf-8")
    questions.question_bank(copy, DOCS_DIR)
    questions.question_bank(copy, DOCS_DIR)
    assert reads == [copy, copy]
