"""Copywriting check for the pages: the house style for mixed Chinese and Latin text.

    .venv/bin/python scripts/check_copywriting.py [FILE.md ...]   # default: docs/ and CONTRIBUTING

Two checks (tests/test_copywriting.py runs both on every page; the pre-commit hook on staged pages):
- AutoCorrect with the repository's .autocorrectrc (spaces between CJK and Latin, full-width
  punctuation in Chinese sentences, half-width punctuation in English ones);
- house rules AutoCorrect does not enforce: no full-width letters or digits (ＬｏＲＡ), and in
  Chinese pages full-width brackets and quotes around or next to Chinese text （）“” (AutoCorrect
  would write 模型 (LLM) where the house style writes 模型（LLM）).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import autocorrect_py

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCS = REPO_ROOT / "docs"
CONFIG = REPO_ROOT / ".autocorrectrc"
# The pages, and the contributor guide (it states the house style, so it follows it).
PAGES = sorted(DOCS.rglob("*.md")) + sorted(REPO_ROOT.glob("CONTRIBUTING*.md"))

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


def page_problems(page: Path) -> list[str]:
    return autocorrect_problems(page) + house_rule_problems(page)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    pages = [Path(argument).resolve() for argument in arguments] or PAGES
    problems = [problem for page in pages for problem in page_problems(page)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
