"""Record (or check) how each file in overrides/ differs from the installed Material theme.

A template override is a copy of a Material file with a documented change; when Material is
upgraded, the copy silently keeps the old upstream code. tests/test_overrides_drift.py diffs
every override against the installed Material and compares the result with the diff recorded
in tests/data/override-diffs/ (made by this script), so an upstream change, or an undocumented
local one, fails the tests until a person has looked at it.

- A copied file (overrides/partials/search.html ...): the recorded diff is the unified diff
  from Material's file to ours, without the header comments (Material's "automatically
  generated" note and our `{#- ... -#}` explanation, which every override must start with).
- overrides/main.html extends base.html and replaces some of its blocks: the record is the
  upstream text of each replaced block, so a change to one of them upstream is noticed.
- Files that are ours alone (not in Material) are listed in OWN and must not exist upstream.

After reviewing an upgrade:  .venv/bin/python scripts/override_diffs.py --update
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

import material

REPO_ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = REPO_ROOT / "overrides"
UPSTREAM = Path(material.__file__).resolve().parent / "templates"
RECORDS = REPO_ROOT / "tests" / "data" / "override-diffs"
EXTENDS = {"main.html": "base.html"}  # overrides that extend a Material template instead of copying it
OWN = {"partials/social-meta.html", "partials/report-problem.html"}  # not Material files

_UPSTREAM_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
_OWN_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)
_BLOCK = re.compile(r"{%-?\s*block\s+(\w+)\s*-?%}")


def overrides() -> list[str]:
    return sorted(path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html"))


def _body(text: str, header: re.Pattern[str] | str, name: str) -> str:
    if isinstance(header, str):
        return text.removeprefix(header)
    match = header.match(text)
    if not match:
        raise ValueError(f"overrides/{name} must start with a {{#- ... -#}} comment saying what it changes and why")
    return text[match.end() :]


def block_text(template: str, block: str) -> str:
    """The text of `{% block name %}...{% endblock %}` in template, nested blocks included."""
    start = re.search(r"{%-?\s*block\s+" + re.escape(block) + r"\s*-?%}", template)
    if not start:
        raise ValueError(f"no block '{block}'")
    depth, position = 1, start.end()
    for tag in re.finditer(r"{%-?\s*(block\s+\w+|endblock)\b[^%]*-?%}", template[position:]):
        depth += 1 if tag.group(1).startswith("block") else -1
        if depth == 0:
            return template[start.start() : position + tag.end()]
    raise ValueError(f"block '{block}' is not closed")


def record(name: str) -> str:
    """What tests/data/override-diffs/<name>.diff should hold for overrides/<name> today."""
    ours = (OVERRIDES / name).read_text(encoding="utf-8")
    if name in EXTENDS:
        upstream = (UPSTREAM / EXTENDS[name]).read_text(encoding="utf-8")
        own_blocks = [match.group(1) for match in _BLOCK.finditer(ours)]
        top = [block for block in own_blocks if block in {m.group(1) for m in _BLOCK.finditer(upstream)}]
        return "".join(f"--- upstream {EXTENDS[name]} block {block}\n{block_text(upstream, block)}\n" for block in top)
    upstream_file = UPSTREAM / name
    if not upstream_file.is_file():
        raise ValueError(f"overrides/{name} has no counterpart in Material: list it in OWN if it is ours alone")
    before = _body(upstream_file.read_text(encoding="utf-8"), _UPSTREAM_HEADER, name).splitlines(keepends=True)
    after = _body(ours, _OWN_HEADER, name).splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"material/{name}", f"overrides/{name}", n=1))


def record_path(name: str) -> Path:
    return RECORDS / f"{name}.diff"


def main() -> int:
    update = "--update" in sys.argv
    problems = []
    for name in overrides():
        if name in OWN:
            continue
        current = record(name)
        path = record_path(name)
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(current, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != current:
            problems.append(name)
    for name in problems:
        print(f"overrides/{name}: differs from its record; review, then run with --update")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
