"""Copywriting: every page follows the house style for mixed Chinese and Latin text.

The checks live in scripts/check_copywriting.py (also the pre-commit hook): AutoCorrect with the
repository's .autocorrectrc, plus the house rules AutoCorrect leaves out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.check_copywriting import PAGES, REPO_ROOT, autocorrect_problems, house_rule_problems, main


def _page_id(page: Path) -> str:
    return page.relative_to(REPO_ROOT).as_posix()


# --- the gates ----------------------------------------------------------------------------------


def test_both_languages_are_checked() -> None:
    names = {page.name for page in PAGES}
    assert {"index.md", "index.en.md"} <= names


@pytest.mark.parametrize("source", PAGES, ids=_page_id)
def test_page_follows_the_autocorrect_rules(source: Path) -> None:
    assert autocorrect_problems(source) == []


@pytest.mark.parametrize("source", PAGES, ids=_page_id)
def test_page_follows_the_house_rules_autocorrect_leaves_out(source: Path) -> None:
    assert house_rule_problems(source) == []


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


def test_the_command_line_reports_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path, '# 标题\n\n他说"微调"。\n')
    assert main([str(page)]) == 1
    assert "use full-width quotes" in capsys.readouterr().out
    assert main([str(_write(tmp_path, "# 标题\n\n他说“微调”。\n"))]) == 0
