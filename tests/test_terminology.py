"""One term per concept: the glossary's preferred form, never a variant it lists under `avoid`.

data/glossary.yml records, per term, the variants to avoid in each language. This test reads every
page's Markdown source and every data file's prose and fails on any variant, naming the file, the
line and the preferred form. Not checked: code (fenced blocks, `inline code`, <code>), macro calls,
link targets, and the lecture transcript pages, which keep the speaker's own words. A variant is
also allowed right after the preferred form in brackets, the way a term is introduced: 词元（token）.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data_files import DATA_DIR, DOCS_DIR
from macros.glossary import GLOSSARY_FILE
from tests.support.pages import language_of

LECTURE_PAGES = {"lecture.md", "lecture.en.md"}
DATA_FILES = [DATA_DIR / "questions.yml", *sorted((DATA_DIR / "decision-trees").glob("*.yml"))]

# Recurring devices have one label too (STYLE.md: "the answer-first box has one name").
LABELS: dict[str, tuple[str, str, list[str]]] = {
    "answer-first box": ("zh", "结论先行", ["答案先行"]),
}

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`|<code>.*?</code>|\{\{.*?\}\}|\]\([^)]*\)|https?://\S+|<[^>]+>", re.S)


def _rules() -> list[tuple[str, str, str, list[str]]]:
    """(what, language, preferred form, variants) for every term with an `avoid` list, and every label."""
    rules = []
    for term in yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")):
        for lang, variants in (term.get("avoid") or {}).items():
            rules.append((f"term '{term['id']}'", lang, term[lang], variants))
    rules += [(f"label '{what}'", lang, preferred, variants) for what, (lang, preferred, variants) in LABELS.items()]
    return rules


def _variant_pattern(variant: str) -> re.Pattern[str]:
    """Latin variants match as whole words (plural allowed); CJK variants match anywhere, except as
    the tail of a different term: 无监督微调 (unsupervised), 半监督, 自监督 are not 监督微调."""
    if re.search(r"[A-Za-z]", variant):
        return re.compile(rf"(?<![A-Za-z_\-]){re.escape(variant)}s?(?![A-Za-z_\-])")
    return re.compile(rf"(?<![无半自]){re.escape(variant)}")


def prose(text: str) -> str:
    """The text without code, macros, link targets and HTML tags; line numbers are kept."""
    text = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return _CODE.sub(lambda m: " " * len(m.group(0)) if "\n" not in m.group(0) else "\n" * m.group(0).count("\n"), text)


def variants_in(text: str, lang: str, rules: list[tuple[str, str, str, list[str]]]) -> Iterator[str]:
    """'line N: variant (use preferred)' for every variant found in `text` written in `lang`."""
    for what, rule_lang, preferred, variants in rules:
        if rule_lang != lang:
            continue
        # The preferred form may contain a variant (有监督微调 ⊃ 监督微调), and a term may be introduced
        # as 词元（token）: blank those out first, keeping the length so line numbers stay right.
        masked = re.sub(rf"{re.escape(preferred)}(?:[（(][^）)\n]*[）)])?", lambda m: "□" * len(m.group(0)), text)
        for variant in variants:
            for match in _variant_pattern(variant).finditer(masked):
                line = masked.count("\n", 0, match.start()) + 1
                yield f"line {line}: '{match.group(0)}' ({what}: use '{preferred}')"


def _strings(value: Any, lang: str | None = None) -> Iterator[tuple[str, str]]:
    """Every (language, text) in a YAML document: the values under zh/en keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key if key in ("zh", "en") else lang)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, lang)
    elif isinstance(value, str) and lang:
        yield lang, value


def page_problems(rules: list[tuple[str, str, str, list[str]]], docs_dir: Path = DOCS_DIR) -> list[str]:
    problems = []
    for path in sorted(docs_dir.glob("*.md")):
        if path.name in LECTURE_PAGES:
            continue
        text = prose(path.read_text(encoding="utf-8"))
        problems += [f"docs/{path.name}: {found}" for found in variants_in(text, language_of(path.name), rules)]
    return problems


def data_problems(rules: list[tuple[str, str, str, list[str]]], files: list[Path] = DATA_FILES) -> list[str]:
    problems = []
    for path in files:
        for number, (lang, text) in enumerate(_strings(yaml.safe_load(path.read_text(encoding="utf-8")))):
            problems += [
                f"data/{path.relative_to(DATA_DIR)}: text {number + 1}: {found}"
                for found in variants_in(prose(text), lang, rules)
            ]
    return problems


def glossary_problems(rules: list[tuple[str, str, str, list[str]]]) -> list[str]:
    """Each definition must use the other terms' preferred forms (its own name may be explained)."""
    problems = []
    for term in yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")):
        others = [rule for rule in rules if rule[0] != f"term '{term['id']}'"]
        for lang, text in term["definition"].items():
            problems += [
                f"data/glossary.yml: term '{term['id']}': {found}" for found in variants_in(text, lang, others)
            ]
    return problems


def test_the_glossary_lists_variants_to_avoid_for_the_terms_that_vary() -> None:
    terms = {what for what, *_ in _rules()}
    for term_id in ("token", "reward-hacking", "icl", "sft", "peft", "lora", "base-model", "chat-model"):
        assert f"term '{term_id}'" in terms


def test_no_page_uses_a_variant_the_glossary_avoids() -> None:
    assert page_problems(_rules()) == []


def test_no_data_file_uses_a_variant_the_glossary_avoids() -> None:
    assert data_problems(_rules()) == []


def test_glossary_definitions_use_the_preferred_forms() -> None:
    assert glossary_problems(_rules()) == []


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        ("训练 2 万亿 token 的数据。", "zh", "'token'"),
        ("策略会钻空子。", "zh", "'钻空子'"),
        ("**答案先行**：先说结论。", "zh", "'答案先行'"),
        ("这叫情境学习。", "zh", "'情境学习'"),
        ("We finetune the model.", "en", "'finetune'"),
    ],
)
def test_a_planted_variant_is_reported_with_its_line_and_the_preferred_form(text: str, lang: str, found: str) -> None:
    problems = list(variants_in(prose("第一行\n" + text), lang, _rules()))
    assert len(problems) == 1 and problems[0].startswith(f"line 2: {found}") and "use '" in problems[0]


@pytest.mark.parametrize(
    "text",
    [
        "有监督微调（supervised fine-tuning）",
        "词元（token）是模型读写的单位。",
        "设置 `eos_token` 参数。",
        "```python\ntokenizer.eos_token\n```",
        '{{ cite("token-paper") }}',
        "[链接](https://example.com/token)",
    ],
)
def test_code_links_macros_and_the_preferred_form_with_its_english_name_pass(text: str) -> None:
    assert list(variants_in(prose(text), "zh", _rules())) == []
