"""llms.txt, the full text per language and each page's Markdown (hooks/llms_txt.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import decision_tree, glossary
from tests.support.build import html_pages
from tests.support.data import real_question_bank

LANGS = {"zh": ("## 中文", "llms-full.txt"), "en": ("## English", "en/llms-full.txt")}


def page_markdown_files(site_dir: Path) -> list[Path]:
    return [page.with_name("index.md") for page in html_pages(site_dir) if page.name == "index.html"]


def test_llms_txt_lists_every_page_of_both_languages_with_its_markdown(site_dir: Path) -> None:
    text = (site_dir / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# 微调手册 / Fine-tuning Handbook\n")
    links = re.findall(r"^- \[[^\]]+\]\((https?://[^)]+)\)", text, re.MULTILINE)
    listed = {link.split("/", 3)[3] for link in links}
    expected = {md.relative_to(site_dir).as_posix() for md in page_markdown_files(site_dir)}
    assert expected <= listed, f"pages missing from llms.txt: {sorted(expected - listed)}"
    assert {"llms-full.txt", "en/llms-full.txt"} <= listed
    zh, en = text.index("## 中文"), text.index("## English")
    assert "/en/" not in text[zh:en] and all("/en/" in line for line in text[en:].splitlines()[2:] if line)


def test_every_page_has_its_markdown_beside_it(site_dir: Path) -> None:
    for markdown in page_markdown_files(site_dir):
        text = markdown.read_text(encoding="utf-8")
        assert text.startswith("# "), markdown
        assert "<svg" not in text and "¶" not in text, markdown
        assert not re.search(r"\]\((?!https?://|mailto:)[^)]*\)", text), f"{markdown}: a relative link"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_full_text_holds_the_macro_output(site_dir: Path, lang: str) -> None:
    text = (site_dir / LANGS[lang][1]).read_text(encoding="utf-8")
    for question in real_question_bank().questions:
        assert question.question[lang] in text, f"question {question.id} missing"
    tree = decision_tree.decision_tree("should-i-fine-tune")
    for node in tree.questions():
        assert node.question[lang] in text, f"tree question {node.id} missing"
    for term in glossary.glossary().values():
        assert term.name(lang) in text, f"glossary term {term.id} missing"
