"""Copywriting: every page follows the house style for mixed Chinese and Latin text.

Two checks over docs/**/*.md:
- AutoCorrect with the repository's .autocorrectrc, every page (spaces between CJK and Latin,
  full-width punctuation in Chinese sentences, half-width punctuation in English ones);
- house rules AutoCorrect does not enforce: no full-width letters or digits (ＬｏＲＡ), and in
  Chinese pages full-width brackets and quotes around or next to Chinese text （）“” (AutoCorrect
  would write 模型 (LLM) where the house style writes 模型（LLM）).
"""

from __future__ import annotations

import re
from pathlib import Path

import autocorrect_py
import pytest

from tests.site_build import REPO_ROOT

DOCS = REPO_ROOT / "docs"
CONFIG = REPO_ROOT / ".autocorrectrc"
PAGES = sorted(DOCS.rglob("*.md"))

autocorrect_py.load_config(CONFIG.read_text(encoding="utf-8"))

HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER_VALUE = re.compile(r"""^[\w-]+:\s*(["']?)(?P<value>.*)\1\s*$""")
# Syntax whose quotes and brackets are not prose: block titles, macros, inline code, tags, link targets.
BLOCK_TITLE = re.compile(r'^\s*(?:!!!|\?\?\?\+?|===\+?)\s+[\w ]*"(?P<title>[^"]*)"')
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|`[^`]*`|<[^>]+>|\]\([^)]*\)|\{[:#.][^}]*\}")
FULL_WIDTH_ALPHANUMERIC = (
    re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+"),
    "use half-width letters and digits",
)
CHINESE_ONLY_RULES = [
    # Only an opening bracket after Chinese: a closing one may end a formula (C(K, 2) 对比较).
    (re.compile(rf"\([^()]*{HAN}[^()]*\)|{HAN} ?\("), "use full-width brackets （）"),
    (re.compile(rf'"[^"]*{HAN}[^"]*"|{HAN} ?"|" ?{HAN}'), "use full-width quotes “”"),
]


def _relative(page: Path) -> str:
    return str(page.relative_to(REPO_ROOT)) if page.is_relative_to(REPO_ROOT) else page.name


def autocorrect_problems(page: Path) -> list[str]:
    """AutoCorrect's findings for one Markdown file, as `file:line: 'old' → 'new'`."""
    result = autocorrect_py.lint_for(page.read_text(encoding="utf-8"), "md")
    return [f"{_relative(page)}:{line.line}: {line.old!r} → {line.new!r}" for line in result.lines]


def prose_lines(markdown: str) -> list[tuple[int, str]]:
    """(line number, text) for every line a reader sees as prose: no code, macros, tags or link targets."""
    lines = markdown.splitlines()
    in_front_matter = bool(lines) and lines[0] == "---"
    in_code = False
    prose = []
    for number, line in enumerate(lines, start=1):
        if in_front_matter:
            if number > 1 and line == "---":
                in_front_matter = False
            elif match := FRONT_MATTER_VALUE.match(line):
                prose.append((number, match["value"]))
            continue
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        if title := BLOCK_TITLE.match(line):
            line = title["title"]
        prose.append((number, NOT_PROSE.sub(" ", line)))
    return prose


def _is_chinese(page: Path) -> bool:
    return not page.name.endswith(".en.md")


def house_rule_problems(page: Path) -> list[str]:
    rules = [FULL_WIDTH_ALPHANUMERIC, *(CHINESE_ONLY_RULES if _is_chinese(page) else [])]
    problems = []
    for number, text in prose_lines(page.read_text(encoding="utf-8")):
        for pattern, advice in rules:  # the first finding per rule and line is enough to locate it
            if found := pattern.search(text):
                problems.append(f"{_relative(page)}:{number}: {found.group()!r}: {advice}")
    return problems


# --- the gates ----------------------------------------------------------------------------------


def test_both_languages_are_checked() -> None:
    names = {page.name for page in PAGES}
    assert {"index.md", "index.en.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_follows_the_autocorrect_rules(page: Path) -> None:
    assert autocorrect_problems(page) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_follows_the_house_rules_autocorrect_leaves_out(page: Path) -> None:
    assert house_rule_problems(page) == []


# --- the checks catch planted defects and leave the site's syntax alone ---------------------------

LEGITIMATE_CONSTRUCTS = """---
description: 本页示范站点里合法的写法：宏、标题 id、提示框、表格、链接与代码。
---

# 何时微调 { #when-to-fine-tune }

使用 LoRA 微调 7B 模型{{ cite("hu-2021-lora") }}，首次出现时写{{ term("sft") }}。见[训练阶段](training-stages.md#sft)。

!!! note "提示"
    运行 `make serve` 预览，按 <kbd>/</kbd> 搜索。

=== "中文"

    大语言模型（LLM）的“上下文学习”。

| 方法 | 可训练参数 |
| --- | --- |
| LoRA | 约 0.1% |

<div class="tree" markdown title="决策树">
正文
</div>

```python
print("中文abc", (1, "二"))
```
"""


def _write(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_the_site_s_own_constructs_pass_both_checks(tmp_path: Path) -> None:
    page = _write(tmp_path, LEGITIMATE_CONSTRUCTS)
    assert autocorrect_problems(page) == []
    assert house_rule_problems(page) == []


def test_missing_spaces_and_half_width_punctuation_in_chinese_are_reported(tmp_path: Path) -> None:
    page = _write(tmp_path, "# 标题\n\n使用LoRA微调7B模型,效果好.\n")
    assert autocorrect_problems(page) == [
        "page.md:3: '使用LoRA微调7B模型,效果好.' → '使用 LoRA 微调 7B 模型，效果好。'"
    ]


def test_full_width_punctuation_in_english_is_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.en.md"
    page.write_text("# Title\n\nIt works，really。\n", encoding="utf-8")
    assert autocorrect_problems(page) == ["page.en.md:3: 'It works，really。' → 'It works, really.'"]


def test_a_full_width_colon_between_latin_words_in_chinese_is_accepted(tmp_path: Path) -> None:
    page = _write(tmp_path, "# 标题\n\nGPT-3：3000 亿 token。\n")
    assert autocorrect_problems(page) == []


def test_half_width_brackets_and_quotes_around_chinese_are_reported(tmp_path: Path) -> None:
    page = _write(tmp_path, '---\ndescription: 大语言模型(LLM)\n---\n\n他说"微调"。\n\n用 (中文) 说明。\n')
    assert house_rule_problems(page) == [
        "page.md:2: '型(': use full-width brackets （）",
        "page.md:5: '说\"': use full-width quotes “”",
        "page.md:7: '用 (': use full-width brackets （）",
    ]


def test_half_width_brackets_and_quotes_are_fine_in_english_pages(tmp_path: Path) -> None:
    page = tmp_path / "page.en.md"
    page.write_text('# Title\n\nLow-rank adaptation (LoRA), or "低秩适配" in Chinese.\n', encoding="utf-8")
    assert house_rule_problems(page) == []


def test_full_width_letters_and_digits_are_reported(tmp_path: Path) -> None:
    page = _write(tmp_path, "# 标题\n\n使用 ＬｏＲＡ 微调 7B 模型。\n")
    assert house_rule_problems(page) == ["page.md:3: 'ＬｏＲＡ': use half-width letters and digits"]
