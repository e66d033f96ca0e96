"""Markdown lint: markdownlint-cli2 (pinned in package.json) with the repository's .markdownlint-cli2.yaml.

The config's globs cover every page in docs/ (both languages) and the contributor guide.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT

MARKDOWNLINT = REPO_ROOT / "node_modules" / ".bin" / "markdownlint-cli2"
CONFIG = REPO_ROOT / ".markdownlint-cli2.yaml"


def markdownlint(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    if not MARKDOWNLINT.is_file():
        pytest.fail(f"{MARKDOWNLINT.relative_to(REPO_ROOT)} is missing: run `make test` (it runs npm ci)")
    return subprocess.run([str(MARKDOWNLINT), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def lint_file(page: Path) -> subprocess.CompletedProcess[str]:
    """Lint one file, anywhere, with the repository's rules (and without the config's globs)."""
    return markdownlint("--config", str(CONFIG), "--no-globs", f":{page.name}", cwd=page.parent)


@pytest.fixture(scope="module")
def site_lint() -> subprocess.CompletedProcess[str]:
    """One run over everything the config's globs select: the pages of both languages and the guide."""
    return markdownlint()


def test_every_page_passes_markdown_lint(site_lint: subprocess.CompletedProcess[str]) -> None:
    assert site_lint.returncode == 0, site_lint.stdout + site_lint.stderr


def test_the_lint_covers_every_page_in_both_languages(site_lint: subprocess.CompletedProcess[str]) -> None:
    result = site_lint
    linted = re.search(r"Linting: (\d+) file", result.stdout + result.stderr)
    pages = list((REPO_ROOT / "docs").rglob("*.md"))
    assert linted is not None
    assert int(linted.group(1)) >= len(pages)
    assert any(page.name.endswith(".en.md") for page in pages)


SITE_CONSTRUCTS = """---
description: 一页示范本站合法的 Markdown 写法。
---

# 何时微调 { #when-to-fine-tune }

一段很长的中文段落不换行，一段很长的中文段落不换行，一段很长的中文段落不换行，一段很长的中文段落不换行，一段很长的中文段落不换行。

使用 LoRA{{ cite("hu-2021-lora") }}，首次出现时写{{ term("sft") }}[^lora]。见[上文](#when-to-fine-tune)。

!!! note "提示"

    按 <kbd>/</kbd> 搜索。

=== "中文"

    标签页内容。

1. 第一步
    - 嵌套四个空格
2. 第二步

<div class="decision-tree" markdown>
**粗体**
</div>

| 方法 | 可训练参数 |
| --- | --- |
| LoRA | 约 0.1% |

```python
print("ok")
```

*[SFT]: 有监督微调

[^lora]: 低秩适配。
"""


def test_the_site_s_own_constructs_pass(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(SITE_CONSTRUCTS, encoding="utf-8")
    result = lint_file(page)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("defect", "rule"),
    [
        ("# 标题\n\n#### 跳级标题\n", "MD001"),
        ("# 标题\n\n```\nno language\n```\n", "MD040"),
        ("# 标题\n\n# 第二个 h1\n", "MD025"),
        ("# 标题\n\n[空链接]()\n", "MD042"),
        ("# 标题\n\n![](figure.png)\n", "MD045"),
        ("# 标题\n\n正文 \n", "MD009"),
    ],
    ids=["heading-jump", "code-language", "second-h1", "empty-link", "image-alt", "trailing-space"],
)
def test_a_planted_defect_is_reported(tmp_path: Path, defect: str, rule: str) -> None:
    page = tmp_path / "page.md"
    page.write_text(defect, encoding="utf-8")
    result = lint_file(page)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "page.md:3" in output and rule in output, output
