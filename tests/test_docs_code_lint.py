"""docs/ Markdown runs build-time code (mkdocs-macros renders it as Jinja): lint it like code.

A pull request that edits a page can call any macro and reach Python objects through Jinja
(`{{ config.__class__.__init__.__globals__ }}`), or add a live script. Pages need neither:
they call the project's macros with plain arguments, and widgets live in assets/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
SCRIPT = re.compile(r"<\s*script\b", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"(?:href|src)\s*=\s*[\"']?\s*(?:javascript|data|vbscript):|\]\(\s*<?\s*(?:javascript|data):", re.I)


def problems(text: str) -> list[str]:
    found = []
    for match in JINJA.finditer(text):
        if "__" in match.group():
            found.append(f"'__' inside a Jinja expression: {match.group()[:60]!r}")
    if SCRIPT.search(text):
        found.append("a raw <script> (widgets' JS belongs in assets/)")
    if EVENT_HANDLER.search(text):
        found.append("an HTML event handler attribute (on...=)")
    if JS_URL.search(text):
        found.append("a javascript:/data: URL")
    return found


@pytest.mark.parametrize(
    "text",
    [
        "{{ config.__class__ }}",
        "{% set x = cite.__globals__ %}",
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[a](javascript:alert(1))",
        '<a href="data:text/html,x">a</a>',
    ],
)
def test_the_lint_catches_each_kind(text: str) -> None:
    assert problems("# Page\n\n" + text + "\n"), text


def test_docs_call_macros_plainly_and_have_no_live_script() -> None:
    found = [
        f"{path.relative_to(DOCS.parent)}: {problem}"
        for path in sorted(DOCS.rglob("*.md"))
        for problem in problems(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)
