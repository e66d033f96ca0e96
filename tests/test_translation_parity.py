"""Each English page is a translation of its Chinese twin: the words change, the skeleton does not.

For every pair docs/x.md / docs/x.en.md the Markdown sources must have:
- the same explicit heading ids, in the same order (links and the data files rely on them);
- the same number of tables and of code blocks (same comparisons, same examples);
- the same macro calls: citations of the same references, the same glossary terms, the same widgets;
- the same number of links, leading to the same pages and sections;
- the same admonitions and collapsible blocks.
Every message names both files and says exactly what differs.

That both languages hold the same page set is checked in tests/test_translations.py. The data
loaders (macros/) already require every data text in both languages; the data tests at the end
add what they cannot see: an English text that is still Chinese, and answers whose two
languages link to different sections. References need no translation: a paper keeps its title.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data_files import DATA_DIR
from tests.support.build import REPO_ROOT
from tests.support.pages import chinese_name
from tests.support.pages import page_pairs as twin_pairs

DOCS = REPO_ROOT / "docs"
DATA_FILES = (
    DATA_DIR / "questions.yml",
    DATA_DIR / "glossary.yml",
    *sorted((DATA_DIR / "decision-trees").glob("*.yml")),
)

# --- reading a page's skeleton ----------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_HEADING_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_\-]+)[^}]*\}\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_MACRO = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\((.*?)\)\s*(?:\|[^{}]*)?\}\}")  # a filter may follow: | capitalize
_MARKDOWN_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"<a\s[^>]*\bhref=\"([^\"]*)\"", re.IGNORECASE)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_ADMONITION = re.compile(r"^\s*(!!!|\?\?\?\+?)\s+([\w-]+)")
_HTML_DETAILS = re.compile(r"<details\b", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.\-]*:|//)", re.IGNORECASE)


@dataclass
class Skeleton:
    """What a translation must keep from its source page."""

    headings: list[str] = field(default_factory=list)  # ids in order; "(no id: title)" for a heading without one
    tables: int = 0
    code_blocks: int = 0
    macros: Counter[str] = field(default_factory=Counter)  # macro name → calls
    citations: Counter[str] = field(default_factory=Counter)  # reference id → times cited
    terms: Counter[str] = field(default_factory=Counter)  # glossary id → term() calls
    widgets: Counter[str] = field(default_factory=Counter)  # 'decision_tree("x")' → calls
    links: int = 0
    link_targets: set[str] = field(default_factory=set)  # internal targets as 'page.md#anchor'
    admonitions: Counter[str] = field(default_factory=Counter)  # '!!! tip' → count, '<details>' too


def prose_and_code(markdown: str) -> tuple[list[str], int]:
    """The lines outside fenced code (code lines blanked, so '# comment' is no heading) and the block count."""
    lines, blocks, fence = [], 0, None
    for line in markdown.splitlines():
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence, blocks = opening.group(1), blocks + 1
            lines.append("")
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and line.strip().strip(fence[0]) == "":
                fence = None
            lines.append("")
        else:
            lines.append(line)
    return lines, blocks


def link_target(href: str, page: str) -> str | None:
    """An internal link as 'page.md#anchor' (Chinese file name); None for an external address."""
    if _EXTERNAL.match(href):
        return None
    path, _, anchor = href.partition("#")
    path = chinese_name(path) if path else page
    return f"{path}#{anchor}" if anchor else path


def _macro_arguments(arguments: str) -> tuple[Any, ...]:
    """The positional arguments of a macro call (keyword options such as sentence_start are style)."""
    try:
        call = ast.parse(f"macro({arguments})", mode="eval").body
        assert isinstance(call, ast.Call)
        return tuple(ast.literal_eval(argument) for argument in call.args)
    except (ValueError, SyntaxError, AssertionError):
        return (arguments.strip(),)


def skeleton(markdown: str, page: str) -> Skeleton:
    """The skeleton of a page's Markdown source; `page` is its Chinese file name (for '#anchor' links)."""
    lines, code_blocks = prose_and_code(_COMMENT.sub("", _FRONT_MATTER.sub("", markdown)))
    result = Skeleton(code_blocks=code_blocks)
    for line in lines:
        heading = _HEADING.match(line)
        if heading:
            found = _HEADING_ID.search(heading.group(2))
            result.headings.append(found.group(1) if found else f"(no id: {heading.group(2)})")
        if _TABLE_RULE.match(line) and "|" in line:
            result.tables += 1
        admonition = _ADMONITION.match(line)
        if admonition:
            result.admonitions[f"{admonition.group(1).rstrip('+')} {admonition.group(2)}"] += 1
    text = "\n".join(lines)
    result.tables += len(_HTML_TABLE.findall(text))
    result.admonitions["<details>"] += len(_HTML_DETAILS.findall(text))
    for name, arguments in _MACRO.findall(text):
        values = _macro_arguments(arguments)
        result.macros[name] += 1
        if name == "cite":
            result.citations.update(str(value) for value in values)
        elif name == "term":
            result.terms.update(str(value) for value in values)
        else:
            result.widgets[f"{name}({', '.join(repr(value) for value in values)})"] += 1
    hrefs = _MARKDOWN_LINK.findall(text) + _HTML_LINK.findall(text) + _AUTOLINK.findall(text)
    result.links = len(hrefs)
    result.link_targets = {target for href in hrefs if (target := link_target(href, page)) is not None}
    result.admonitions = +result.admonitions  # drop zero counts
    return result


# --- comparing two skeletons ------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    zh: Path
    en: Path

    @property
    def name(self) -> str:
        return self.zh.name

    def skeletons(self) -> tuple[Skeleton, Skeleton]:
        return (
            skeleton(self.zh.read_text(encoding="utf-8"), self.name),
            skeleton(self.en.read_text(encoding="utf-8"), self.name),
        )

    def __str__(self) -> str:
        return f"docs/{self.en.name} vs docs/{self.zh.name}"


def page_pairs(docs: Path = DOCS) -> list[Pair]:
    """Every Chinese page that has an English twin (a missing twin is test_translations' business)."""
    return [Pair(zh, en) for zh, en in twin_pairs(docs)]


def _counter_difference(what: str, zh: Counter[str], en: Counter[str]) -> list[str]:
    """One line per key whose count differs: 'citations of X: 2 in Chinese, 1 in English'."""
    return [
        f"{what} {key}: {zh[key]} in Chinese, {en[key]} in English"
        for key in sorted(set(zh) | set(en))
        if zh[key] != en[key]
    ]


def heading_differences(zh: Skeleton, en: Skeleton) -> list[str]:
    if zh.headings == en.headings:
        return []
    position = next(
        (i for i, (a, b) in enumerate(zip(zh.headings, en.headings, strict=False)) if a != b),
        min(len(zh.headings), len(en.headings)),
    )
    zh_at = zh.headings[position] if position < len(zh.headings) else "(none)"
    en_at = en.headings[position] if position < len(en.headings) else "(none)"
    return [
        f"heading ids differ from heading {position + 1} on: Chinese has {zh_at!r}, English has {en_at!r} "
        f"({len(zh.headings)} headings in Chinese, {len(en.headings)} in English)"
    ]


def table_differences(zh: Skeleton, en: Skeleton) -> list[str]:
    return [] if zh.tables == en.tables else [f"{zh.tables} tables in Chinese, {en.tables} in English"]


def code_block_differences(zh: Skeleton, en: Skeleton) -> list[str]:
    if zh.code_blocks == en.code_blocks:
        return []
    return [f"{zh.code_blocks} code blocks in Chinese, {en.code_blocks} in English"]


def macro_differences(zh: Skeleton, en: Skeleton) -> list[str]:
    return (
        _counter_difference("calls of macro", zh.macros, en.macros)
        + _counter_difference("citations of reference", zh.citations, en.citations)
        + _counter_difference("term() calls for", zh.terms, en.terms)
        + _counter_difference("widget", zh.widgets, en.widgets)
    )


def link_differences(zh: Skeleton, en: Skeleton) -> list[str]:
    problems = [] if zh.links == en.links else [f"{zh.links} links in Chinese, {en.links} in English"]
    problems += [f"only the Chinese page links to {target}" for target in sorted(zh.link_targets - en.link_targets)]
    problems += [f"only the English page links to {target}" for target in sorted(en.link_targets - zh.link_targets)]
    return problems


def admonition_differences(zh: Skeleton, en: Skeleton) -> list[str]:
    return _counter_difference("admonitions", zh.admonitions, en.admonitions)


Check = Callable[[Skeleton, Skeleton], list[str]]
CHECKS: dict[str, Check] = {
    "heading ids": heading_differences,
    "tables": table_differences,
    "code blocks": code_block_differences,
    "macro calls": macro_differences,
    "links": link_differences,
    "admonitions": admonition_differences,
}


def pair_problems(pair: Pair, check: Check) -> list[str]:
    zh, en = pair.skeletons()
    return [f"{pair}: {problem}" for problem in check(zh, en)]


# --- the real pages ---------------------------------------------------------------------------

PAIRS = page_pairs()


def test_pages_are_paired() -> None:
    assert len(PAIRS) >= 10, f"expected every page in both languages, found pairs: {[p.name for p in PAIRS]}"


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_translation_keeps_the_heading_ids_in_order(pair: Pair) -> None:
    problems = pair_problems(pair, heading_differences)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_translation_keeps_the_tables(pair: Pair) -> None:
    problems = pair_problems(pair, table_differences)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_translation_keeps_the_code_examples(pair: Pair) -> None:
    problems = pair_problems(pair, code_block_differences)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_translation_keeps_the_citations_terms_and_widgets(pair: Pair) -> None:
    problems = pair_problems(pair, macro_differences)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_translation_keeps_the_links_and_their_targets(pair: Pair) -> None:
    problems = pair_problems(pair, link_differences)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair.name)
def test_translation_keeps_the_admonitions(pair: Pair) -> None:
    problems = pair_problems(pair, admonition_differences)
    assert not problems, "\n".join(problems)


# --- planted defects on tiny pages --------------------------------------------------------------

SAMPLE_ZH = """---
description: 示例。
---

# 示例 { #sample }

!!! tip "提示"

    先看[方法](methods.md#lora)和[本页](#part)，引用{{ cite("hu-2021-lora", "dettmers-2023-qlora") }}。

## 部分 { #part }

{{ term("sft") }}的例子见 <https://example.org/a>。

| 甲 | 乙 |
| --- | --- |
| 1 | 2 |

```python
# 不是标题
print("{{ cite('not-a-citation') }}")
```

{{ decision_tree("should-i-fine-tune") }}
"""

SAMPLE_EN = """---
description: A sample.
---

# Sample { #sample }

!!! tip "Tip"

    See [methods](methods.md#lora) and [this page](#part) {{ cite("hu-2021-lora", "dettmers-2023-qlora") }}.

## Part { #part }

An example of {{ term("sft") }} is at <https://example.org/a>.

| A | B |
| --- | --- |
| 1 | 2 |

```python
# not a heading
print("{{ cite('not-a-citation') }}")
```

{{ decision_tree("should-i-fine-tune") }}
"""


def problems_for(tmp_path: Path, en: str, zh: str = SAMPLE_ZH) -> dict[str, list[str]]:
    (tmp_path / "sample.md").write_text(zh, encoding="utf-8")
    (tmp_path / "sample.en.md").write_text(en, encoding="utf-8")
    [pair] = page_pairs(tmp_path)
    return {name: pair_problems(pair, check) for name, check in CHECKS.items() if pair_problems(pair, check)}


def test_a_faithful_sample_translation_passes(tmp_path: Path) -> None:
    assert problems_for(tmp_path, SAMPLE_EN) == {}


def test_the_sample_skeleton_is_read_correctly() -> None:
    found = skeleton(SAMPLE_ZH, "sample.md")
    assert found.headings == ["sample", "part"]
    assert (found.tables, found.code_blocks, found.links) == (1, 1, 3)
    assert found.citations == Counter({"hu-2021-lora": 1, "dettmers-2023-qlora": 1})
    assert found.terms == Counter({"sft": 1})
    assert found.widgets == Counter({"decision_tree('should-i-fine-tune')": 1})
    assert found.link_targets == {"methods.md#lora", "sample.md#part"}
    assert found.admonitions == Counter({"!!! tip": 1})


def test_a_macro_call_with_a_keyword_option_is_counted_by_its_term() -> None:
    found = skeleton('{{ term("fine-tuning", sentence_start=True) }} starts here.', "sample.md")
    assert found.terms == Counter({"fine-tuning": 1})


def test_a_renamed_heading_id_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace("{ #part }", "{ #section }")
    assert problems_for(tmp_path, en) == {
        "heading ids": [
            "docs/sample.en.md vs docs/sample.md: heading ids differ from heading 2 on: "
            "Chinese has 'part', English has 'section' (2 headings in Chinese, 2 in English)"
        ]
    }


def test_a_heading_without_id_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace("## Part { #part }", "## Part")
    [problem] = problems_for(tmp_path, en)["heading ids"]
    assert "Chinese has 'part', English has '(no id: Part)'" in problem


def test_a_dropped_table_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace("| A | B |\n| --- | --- |\n| 1 | 2 |\n", "A is 1 and B is 2.\n")
    assert problems_for(tmp_path, en) == {
        "tables": ["docs/sample.en.md vs docs/sample.md: 1 tables in Chinese, 0 in English"]
    }


def test_a_dropped_code_example_is_reported(tmp_path: Path) -> None:
    en = re.sub(r"```python.*?```\n", "", SAMPLE_EN, flags=re.DOTALL)
    assert problems_for(tmp_path, en) == {
        "code blocks": ["docs/sample.en.md vs docs/sample.md: 1 code blocks in Chinese, 0 in English"]
    }


def test_a_dropped_citation_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace('cite("hu-2021-lora", "dettmers-2023-qlora")', 'cite("hu-2021-lora")')
    assert problems_for(tmp_path, en) == {
        "macro calls": [
            "docs/sample.en.md vs docs/sample.md: "
            "citations of reference dettmers-2023-qlora: 1 in Chinese, 0 in English"
        ]
    }


def test_a_citation_of_another_reference_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace('"dettmers-2023-qlora"', '"houlsby-2019-adapters"')
    assert problems_for(tmp_path, en)["macro calls"] == [
        "docs/sample.en.md vs docs/sample.md: citations of reference dettmers-2023-qlora: 1 in Chinese, 0 in English",
        "docs/sample.en.md vs docs/sample.md: citations of reference houlsby-2019-adapters: 0 in Chinese, 1 in English",
    ]


def test_a_term_written_out_by_hand_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace('{{ term("sft") }}', "supervised fine-tuning")
    assert problems_for(tmp_path, en) == {
        "macro calls": [
            "docs/sample.en.md vs docs/sample.md: calls of macro term: 1 in Chinese, 0 in English",
            "docs/sample.en.md vs docs/sample.md: term() calls for sft: 1 in Chinese, 0 in English",
        ]
    }


def test_a_missing_widget_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace('{{ decision_tree("should-i-fine-tune") }}', "")
    assert problems_for(tmp_path, en)["macro calls"] == [
        "docs/sample.en.md vs docs/sample.md: calls of macro decision_tree: 1 in Chinese, 0 in English",
        "docs/sample.en.md vs docs/sample.md: widget decision_tree('should-i-fine-tune'): 1 in Chinese, 0 in English",
    ]


def test_a_dropped_link_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace("[this page](#part)", "this page")
    assert problems_for(tmp_path, en) == {
        "links": [
            "docs/sample.en.md vs docs/sample.md: 3 links in Chinese, 2 in English",
            "docs/sample.en.md vs docs/sample.md: only the Chinese page links to sample.md#part",
        ]
    }


def test_a_link_to_another_section_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace("methods.md#lora", "methods.en.md#qlora")
    assert problems_for(tmp_path, en) == {
        "links": [
            "docs/sample.en.md vs docs/sample.md: only the Chinese page links to methods.md#lora",
            "docs/sample.en.md vs docs/sample.md: only the English page links to methods.md#qlora",
        ]
    }


def test_a_dropped_admonition_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace('!!! tip "Tip"\n\n    See', "See")
    assert problems_for(tmp_path, en) == {
        "admonitions": ["docs/sample.en.md vs docs/sample.md: admonitions !!! tip: 1 in Chinese, 0 in English"]
    }


def test_an_admonition_of_another_kind_is_reported(tmp_path: Path) -> None:
    en = SAMPLE_EN.replace('!!! tip "Tip"', '??? note "Tip"')
    assert problems_for(tmp_path, en)["admonitions"] == [
        "docs/sample.en.md vs docs/sample.md: admonitions !!! tip: 1 in Chinese, 0 in English",
        "docs/sample.en.md vs docs/sample.md: admonitions ??? note: 0 in Chinese, 1 in English",
    ]


# --- data items -------------------------------------------------------------------------------

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DATA_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


@dataclass(frozen=True)
class Translated:
    """One text of a data item in both languages, and where it is."""

    where: str  # 'data/questions.yml: questions[3].short'
    zh: str
    en: str


def translated_texts(value: Any, where: str) -> Iterator[Translated]:
    """Every mapping with a zh and an en text: translation fields, topics, glossary names."""
    if isinstance(value, dict):
        if isinstance(value.get("zh"), str) and isinstance(value.get("en"), str):
            label = f"{where} ({value['id']})" if isinstance(value.get("id"), str) else where
            yield Translated(label, value["zh"], value["en"])
        for key, child in value.items():
            yield from translated_texts(child, f"{where}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from translated_texts(child, f"{where}[{index}]")


def data_texts(path: Path) -> list[Translated]:
    where = f"data/{path.relative_to(DATA_DIR).as_posix()}"
    return list(translated_texts(yaml.safe_load(path.read_text(encoding="utf-8")), where))


def untranslated_problems(text: Translated) -> list[str]:
    """An English text with Chinese characters, or a Chinese text without any, was not translated."""
    problems = []
    if _HAN.search(text.en):
        problems.append(f"{text.where}: the English text contains Chinese: {text.en[:60]!r}")
    if not _HAN.search(text.zh):
        problems.append(f"{text.where}: the Chinese text has no Chinese in it: {text.zh[:60]!r}")
    return problems


def data_link_problems(text: Translated) -> list[str]:
    """Both languages of a data text link to the same places."""
    zh, en = Counter(_DATA_LINK.findall(text.zh)), Counter(_DATA_LINK.findall(text.en))
    return _counter_difference(f"{text.where}: links to", zh, en)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_every_data_text_is_translated(path: Path) -> None:
    problems = [problem for text in data_texts(path) for problem in untranslated_problems(text)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_both_languages_of_a_data_text_link_to_the_same_sections(path: Path) -> None:
    problems = [problem for text in data_texts(path) for problem in data_link_problems(text)]
    assert not problems, "\n".join(problems)


def test_an_english_text_left_in_chinese_is_reported() -> None:
    [text] = translated_texts({"id": "sft", "zh": "有监督微调", "en": "有监督微调"}, "data/glossary.yml[0]")
    assert untranslated_problems(text) == [
        "data/glossary.yml[0] (sft): the English text contains Chinese: '有监督微调'"
    ]


def test_a_chinese_text_left_in_english_is_reported() -> None:
    [text] = translated_texts({"short": {"zh": "Use LoRA.", "en": "Use LoRA."}}, "data/questions.yml: questions[0]")
    assert untranslated_problems(text) == [
        "data/questions.yml: questions[0].short: the Chinese text has no Chinese in it: 'Use LoRA.'"
    ]


def test_an_answer_linking_elsewhere_in_one_language_is_reported() -> None:
    record = {"detailed": {"zh": "见[LoRA](methods.md#lora)。", "en": "See [QLoRA](methods.md#qlora)."}}
    [text] = translated_texts(record, "data/questions.yml: questions[2]")
    assert data_link_problems(text) == [
        "data/questions.yml: questions[2].detailed: links to methods.md#lora: 1 in Chinese, 0 in English",
        "data/questions.yml: questions[2].detailed: links to methods.md#qlora: 0 in Chinese, 1 in English",
    ]
