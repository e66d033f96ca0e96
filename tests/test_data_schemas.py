"""The data schemas: schemas/*.json are a fresh export of macros/schemas/, every data file names
its schema on its first line, and the strict models refuse what YAML would silently coerce."""

from __future__ import annotations

import copy
import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from macros.data_files import DATA_DIR, REPO_ROOT, DataError
from macros.schemas.base import unsafe_url, validate
from macros.schemas.questions import QuestionsFile


def _export_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("export_schemas", REPO_ROOT / "scripts" / "export_schemas.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


EXPORT = _export_script()


@pytest.mark.parametrize("name", sorted(EXPORT.SCHEMAS))
def test_the_committed_schema_is_a_fresh_export(name: str) -> None:
    committed = EXPORT.schema_file(name)
    assert committed.is_file(), f"{committed.name} is missing: run `make schemas`"
    assert committed.read_text(encoding="utf-8") == EXPORT.schema_text(name), (
        f"schemas/{committed.name} is out of date with macros/schemas/: run `make schemas`"
    )


def test_there_is_no_schema_without_a_model() -> None:
    exported = {path.name for path in EXPORT.SCHEMAS_DIR.glob("*.json")}
    assert exported == {EXPORT.schema_file(name).name for name in EXPORT.SCHEMAS}


def test_every_data_file_has_a_schema() -> None:
    described = set(EXPORT.data_files())
    every = {path for path in DATA_DIR.rglob("*.yml")}
    assert sorted(str(path.relative_to(REPO_ROOT)) for path in every - described) == [], (
        "add the file's model to SCHEMAS in scripts/export_schemas.py"
    )


@pytest.mark.parametrize("path", sorted(EXPORT.data_files()), ids=lambda path: str(path.relative_to(DATA_DIR)))
def test_every_data_file_names_its_schema_on_its_first_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    expected = EXPORT.header(path, EXPORT.data_files()[path])
    assert first == expected
    target = (path.parent / first.removeprefix(EXPORT.HEADER_PREFIX)).resolve()
    assert target.is_file(), f"{path}: the header points to {target}, which does not exist"
    assert json.loads(target.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")


def test_the_check_mode_fails_on_a_stale_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in EXPORT.SCHEMAS_DIR.glob("*.json"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(EXPORT, "SCHEMAS_DIR", tmp_path)
    assert EXPORT.main(["--check"]) == 0
    stale = tmp_path / "glossary.schema.json"
    stale.write_text(stale.read_text(encoding="utf-8").replace('"minLength": 1', '"minLength": 0', 1), encoding="utf-8")
    assert EXPORT.main(["--check"]) == 1
    assert EXPORT.main([]) == 0 and EXPORT.main(["--check"]) == 0  # the export repairs it


def test_the_export_writes_a_missing_or_outdated_header(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    monkeypatch.setattr(EXPORT, "DATA_DIR", data)
    original = (data / "gpus.yml").read_text(encoding="utf-8")
    body = original.split("\n", 1)[1]
    (data / "gpus.yml").write_text(body, encoding="utf-8")
    (data / "glossary.yml").write_text(
        "# yaml-language-server: $schema=old.json\n"
        + (DATA_DIR / "glossary.yml").read_text(encoding="utf-8").split("\n", 1)[1],
        encoding="utf-8",
    )
    assert EXPORT.main(["--check"]) == 1
    assert EXPORT.main([]) == 0 and EXPORT.main(["--check"]) == 0
    assert (data / "gpus.yml").read_text(encoding="utf-8").split("\n", 1)[1] == body
    assert "old.json" not in (data / "glossary.yml").read_text(encoding="utf-8")


def test_the_schema_documents_which_fields_are_markdown() -> None:
    schema = json.loads(EXPORT.schema_file("questions").read_text(encoding="utf-8"))
    question = schema["$defs"]["QuestionRecord"]["properties"]
    assert question["short"]["$ref"].endswith("/TranslatedMarkdown")
    assert question["question"]["$ref"].endswith("/Translated")
    markdown = schema["$defs"]["TranslatedMarkdown"]["properties"]["zh"]
    assert markdown["contentMediaType"] == "text/markdown"
    assert "contentMediaType" not in schema["$defs"]["Translated"]["properties"]["zh"]


# --- strict types: what YAML coerces is refused, every problem at once ----------------------------

BANK = yaml.safe_load((DATA_DIR / "questions.yml").read_text(encoding="utf-8"))


def _bank_errors(change: Any) -> list[str]:
    bank = copy.deepcopy(BANK)
    change(bank)
    with pytest.raises(DataError) as caught:
        validate(QuestionsFile, bank, "data/questions.yml", "question")
    return str(caught.value).splitlines()


def test_a_bare_yes_is_not_text() -> None:
    errors = _bank_errors(lambda bank: bank["questions"][0]["question"].update(zh=True))
    assert len(errors) == 1 and "put it in quotes" in errors[0], errors
    assert errors[0].startswith(f"data/questions.yml: question '{BANK['questions'][0]['id']}': field 'question.zh'")


def test_a_number_is_not_an_id() -> None:
    errors = _bank_errors(lambda bank: bank["topics"][0].update(id=123))
    assert errors == ["data/questions.yml: topic #1: field 'id' must be text, got the number 123 (put it in quotes)"]


def test_every_problem_of_the_file_is_reported_at_once() -> None:
    def damage(bank: dict[str, Any]) -> None:
        bank["questions"][0].pop("short")
        bank["questions"][1]["difficulty"] = "hard"
        bank["questions"][2]["hint"] = "x"
        bank["questions"][3]["follow_ups"] = [{"question": {"zh": "问？", "en": "Q?"}, "answer": {"zh": "答。"}}]

    errors = _bank_errors(damage)
    ids = [question["id"] for question in BANK["questions"][:4]]
    assert len(errors) == 4, errors
    assert f"question '{ids[0]}': missing field(s): short" in errors[0]
    assert f"question '{ids[1]}': difficulty must be one of basic, intermediate, advanced, got 'hard'" in errors[1]
    assert f"question '{ids[2]}': field 'hint' not allowed here: unknown field(s): hint (allowed: id," in errors[2]
    assert f"question '{ids[3]}': follow-up #1: field 'answer' is missing its translation: en" in errors[3]


# --- Markdown fields refuse links that run code ---------------------------------------------------

UNSAFE = [
    "[x](javascript:alert(1))",
    "[x]( JavaScript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](jav&#x61;script:alert(1))",
    "[x](<java\tscript:alert(1)>)",
    "<vbscript:msgbox(1)>",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '<a href="javascript:alert(1)">x</a>',
    "<img src='data:text/html,x'>",
]
SAFE = [
    "See [the section](peft.md#lora) and <https://arxiv.org/abs/2106.09685>.",
    "Training data: 1,000 examples; javascript: is a word here, not a link.",
    "[x](https://example.org/a_(b))",
]


@pytest.mark.parametrize("text", UNSAFE)
def test_a_markdown_field_refuses_a_script_or_data_link(text: str) -> None:
    assert unsafe_url(text) is not None
    errors = _bank_errors(lambda bank: bank["questions"][0]["detailed"].update(en=text))
    assert len(errors) == 1 and "field 'detailed.en': link" in errors[0] and "is refused" in errors[0], errors


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_markdown_passes(text: str) -> None:
    assert unsafe_url(text) is None


def test_a_plain_text_field_is_not_checked_as_markdown() -> None:
    """Plain text is escaped when shown, so a javascript: link in it is only text."""
    bank = copy.deepcopy(BANK)
    bank["questions"][0]["question"]["en"] = "What does [x](javascript:alert(1)) do?"
    validate(QuestionsFile, bank, "data/questions.yml", "question")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_interface_strings_are_kept_exactly_as_written(lang: str) -> None:
    """A label such as "Difficulty: " keeps its trailing space (UI text is not stripped)."""
    from macros.schemas.ui import UiCatalogue

    raw = yaml.safe_load((DATA_DIR / "ui" / f"{lang}.yml").read_text(encoding="utf-8"))
    assert validate(UiCatalogue, raw, f"data/ui/{lang}.yml").root == raw
