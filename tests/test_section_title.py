"""One helper names a link to a page section, for the decision tree and the question answers alike
(macros/doc_links.py section_title)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.doc_links import section_title


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    (tmp_path / "methods.md").write_text(
        "# 微调方法 { #methods }\n\n## 低秩适配 **LoRA** { #lora }\n\n## 微调方法 { #same }\n", encoding="utf-8"
    )
    (tmp_path / "methods.en.md").write_text(
        "# Fine-tuning methods { #methods }\n\n## Low-rank `adaptation` { #lora }\n\n"
        "## Fine-tuning methods { #same }\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", "微调方法 › 低秩适配 LoRA"), ("en", "Fine-tuning methods › Low-rank adaptation")]
)
def test_a_section_link_is_the_page_title_and_the_section_without_markup(docs: Path, lang: str, expected: str) -> None:
    assert section_title("methods.md#lora", lang, docs_dir=docs) == expected


def test_a_page_link_is_the_page_title(docs: Path) -> None:
    assert section_title("methods.md", "en", docs_dir=docs) == "Fine-tuning methods"


def test_a_link_into_the_page_being_rendered_is_the_section_alone(docs: Path) -> None:
    assert section_title("methods.md#lora", "zh", "methods/", docs_dir=docs) == "低秩适配 LoRA"
    assert section_title("methods.md#lora", "en", "en/methods/", docs_dir=docs) == "Low-rank adaptation"


def test_a_section_named_like_its_page_is_not_repeated(docs: Path) -> None:
    assert section_title("methods.md#same", "en", docs_dir=docs) == "Fine-tuning methods"
