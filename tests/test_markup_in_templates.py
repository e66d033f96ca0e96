"""Widget markup lives in autoescaped templates (macros/templates/), not in Python strings.

An HTML tag in a string literal of macros/ (an f-string included) is markup built by hand, where
one forgotten escape() turns data into live HTML. Docstrings and regex group names are not markup.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from macros.templating import TEMPLATES_DIR, environment
from tests.support.build import REPO_ROOT

MACROS = REPO_ROOT / "macros"
# "<div", "</p>", "<br/>"; not "(?P<name>" in a regular expression, nor "a < b".
_TAG = re.compile(r"(?<!\?P)</?[a-z][a-z0-9]*(?=[\s/>])")


def _markup_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and ast.get_docstring(node, clean=False) is not None
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _TAG.search(node.value)
    ]


@pytest.mark.parametrize("path", sorted(MACROS.rglob("*.py")), ids=lambda path: path.relative_to(MACROS).as_posix())
def test_no_html_is_written_in_python_strings(path: Path) -> None:
    found = _markup_literals(path)
    assert not found, f"{path.relative_to(REPO_ROOT)}: HTML in Python strings, move it to macros/templates/: {found}"


def test_the_markup_finder_sees_an_html_f_string(tmp_path: Path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('def f(x):\n    """<p> in a docstring is fine."""\n    return f"<p>{x}</p>"\n', encoding="utf-8")
    assert {line for line, _ in _markup_literals(planted)} == {3}


def test_templates_never_switch_escaping_off() -> None:
    """Markup reaches a template only as Markup built in Python (rendered Markdown, other templates)."""
    assert environment().autoescape is True
    for template in sorted(TEMPLATES_DIR.iterdir()):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false", text), f"{template.name} switches escaping off"
