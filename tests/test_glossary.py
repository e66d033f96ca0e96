"""The glossary: data/glossary.yml validates, and term(), the tooltips and the table render per language."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from macros import glossary
from macros.data_files import DataError

# The house style's table of terms (../shared/STYLE.md): each must be in the glossary.
STYLE_GUIDE_TERMS = [
    "pretraining",
    "sft",
    "reward-model",
    "rlhf",
    "ppo",
    "dpo",
    "icl",
    "prompt-engineering",
    "zero-shot",
    "few-shot",
    "rag",
    "peft",
    "lora",
    "base-model",
    "chat-model",
    "catastrophic-forgetting",
]

# --- the real data --------------------------------------------------------------------


def test_the_real_glossary_validates() -> None:
    assert len(glossary.load_glossary()) >= 25


def test_every_term_of_the_style_guide_is_in_the_glossary() -> None:
    assert set(STYLE_GUIDE_TERMS) <= set(glossary.load_glossary())


def test_every_real_term_links_to_the_page_that_explains_it() -> None:
    assert all(term.link for term in glossary.load_glossary().values())


# --- planted defects ------------------------------------------------------------------

VALID_TERMS: list[dict[str, Any]] = [
    {
        "id": "sft",
        "zh": "有监督微调",
        "en": "supervised fine-tuning",
        "abbr": "SFT",
        "definition": {"zh": "用标注样本继续训练。", "en": "Further training on labeled examples."},
        "link": "page.md#sft",
    },
    {
        "id": "lora",
        "zh": "低秩适配",
        "en": "low-rank adaptation",
        "abbr": "LoRA",
        "definition": {"zh": "训练低秩增量。", "en": "Training a low-rank update."},
    },
]


@pytest.fixture
def docs_dir(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# 页面 { #page }\n\n## 有监督微调 { #sft }\n", encoding="utf-8")
    (docs / "page.en.md").write_text("# Page { #page }\n\n## Supervised fine-tuning { #sft }\n", encoding="utf-8")
    return docs


def load_error(tmp_path: Path, docs_dir: Path, terms: list[dict[str, Any]]) -> str:
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as error:
        glossary.load_glossary(path, docs_dir)
    return str(error.value)


def test_the_small_glossary_is_valid(tmp_path: Path, docs_dir: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(VALID_TERMS, allow_unicode=True), encoding="utf-8")
    assert list(glossary.load_glossary(path, docs_dir)) == ["sft", "lora"]


def test_a_duplicate_id_names_the_file_and_the_term(tmp_path: Path, docs_dir: Path) -> None:
    terms = copy.deepcopy(VALID_TERMS)
    terms[1].update(id="sft", abbr="SFT2")
    message = load_error(tmp_path, docs_dir, terms)
    assert "glossary.yml" in message
    assert "term 'sft'" in message
    assert "duplicate id" in message


def test_a_duplicate_abbreviation_names_the_file_and_the_term(tmp_path: Path, docs_dir: Path) -> None:
    terms = copy.deepcopy(VALID_TERMS)
    terms[1]["abbr"] = "SFT"
    message = load_error(tmp_path, docs_dir, terms)
    assert "glossary.yml" in message
    assert "term 'lora'" in message
    assert "abbreviation 'SFT' is already used by term 'sft'" in message


def test_a_missing_translation_names_the_file_and_the_term(tmp_path: Path, docs_dir: Path) -> None:
    terms = copy.deepcopy(VALID_TERMS)
    del terms[1]["definition"]["en"]
    message = load_error(tmp_path, docs_dir, terms)
    assert "glossary.yml" in message
    assert "term 'lora'" in message
    assert "missing its translation: en" in message


def test_a_missing_name_names_the_file_and_the_term(tmp_path: Path, docs_dir: Path) -> None:
    terms = copy.deepcopy(VALID_TERMS)
    del terms[1]["en"]
    message = load_error(tmp_path, docs_dir, terms)
    assert "term 'lora'" in message
    assert "missing field(s): en" in message


def test_a_bad_link_names_the_file_and_the_term(tmp_path: Path, docs_dir: Path) -> None:
    terms = copy.deepcopy(VALID_TERMS)
    terms[0]["link"] = "page.md#nowhere"
    message = load_error(tmp_path, docs_dir, terms)
    assert "glossary.yml" in message
    assert "term 'sft'" in message
    assert "no heading with id 'nowhere'" in message


# --- term() and the tooltips, from the real glossary ----------------------------------


def test_term_renders_the_house_style_first_mention_in_chinese() -> None:
    assert glossary.render_term("sft", "zh") == "有监督微调（supervised fine-tuning，SFT）"


def test_term_renders_the_first_mention_in_english() -> None:
    assert glossary.render_term("sft", "en") == "supervised fine-tuning (SFT)"


def test_term_at_a_sentence_start_capitalizes_only_the_first_letter() -> None:
    assert glossary.render_term("sft", "en", sentence_start=True) == "Supervised fine-tuning (SFT)"


def test_term_without_an_abbreviation_renders_the_english_name_alone() -> None:
    assert glossary.render_term("base-model", "zh") == "基座模型（base model）"
    assert glossary.render_term("base-model", "en") == "base model"


def test_an_unknown_term_fails_naming_it() -> None:
    with pytest.raises(DataError, match="term 'no-such-term'"):
        glossary.render_term("no-such-term", "zh")


@pytest.mark.parametrize(
    ("lang", "line"),
    [("zh", "*[LoRA]: 低秩适配（low-rank adaptation）"), ("en", "*[LoRA]: low-rank adaptation")],
)
def test_tooltips_expand_abbreviations_in_the_page_language(lang: str, line: str) -> None:
    assert line in glossary.abbreviation_definitions(lang).splitlines()


@pytest.mark.parametrize(
    ("built_file", "title"),
    [("lecture/index.html", "提示工程（prompt engineering）"), ("en/lecture/index.html", "prompt engineering")],
)
def test_built_pages_show_abbreviation_tooltips(site_dir: Path, built_file: str, title: str) -> None:
    soup = BeautifulSoup((site_dir / built_file).read_text(encoding="utf-8"), "html.parser")
    assert soup.find("abbr", string="PE", title=title) is not None


# --- the glossary table ---------------------------------------------------------------


def table(lang: str) -> BeautifulSoup:
    """The real glossary's table as rendered on the glossary page of `lang`."""
    page_url = "glossary/" if lang == "zh" else "en/glossary/"
    return BeautifulSoup(glossary.render_glossary_table(lang, page_url), "html.parser")


def test_the_table_has_one_row_per_term_with_its_anchor() -> None:
    rows = table("zh").tbody.find_all("tr")
    assert {row["id"] for row in rows} == {f"term-{term_id}" for term_id in glossary.load_glossary()}


def test_the_table_is_sorted_by_english_name() -> None:
    names = [row.find_all("td")[1].get_text() for row in table("en").tbody.find_all("tr")]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize(("lang", "column", "name"), [("zh", 0, "有监督微调"), ("en", 1, "supervised fine-tuning")])
def test_the_name_in_the_page_language_links_to_the_explaining_section(lang: str, column: int, name: str) -> None:
    row = table(lang).find("tr", id="term-sft")
    link = row.find_all("td")[column].a
    assert link.get_text() == name
    assert link["href"] == "../training-stages/#sft"


@pytest.mark.parametrize(("lang", "header"), [("zh", "中文"), ("en", "Chinese")])
def test_the_table_headers_are_in_the_page_language(lang: str, header: str) -> None:
    assert table(lang).thead.th.get_text() == header


def test_the_table_escapes_html_in_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = glossary.Term(
        id="x",
        zh="<b>粗</b>",
        en='"quoted" & <script>',
        abbr="<i>",
        definition={"zh": "<script>alert(1)</script>", "en": "A & B"},
        link=None,
    )
    monkeypatch.setattr(glossary, "glossary", lambda: {"x": hostile})
    html = glossary.render_glossary_table("zh", "glossary/")
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;quoted&quot; &amp; &lt;script&gt;" in html
