"""The recipes under recipes/, shown on the toolchain page straight from their files.

`{{ recipe("qlora.py") }}` emits the file as a fenced code block, so the page never holds a
hand-copied version that could drift from the file the tests check (tests/test_recipes.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.data_files import REPO_ROOT, DataError

RECIPES_DIR = REPO_ROOT / "recipes"
# A bare file name in recipes/ (no directories, no dots but the extension's) and its language.
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(?P<ext>py|json|yaml)$")
_LANGUAGE = {"py": "python", "json": "json", "yaml": "yaml"}


def render_recipe(name: str, page: str, recipes_dir: Path = RECIPES_DIR) -> str:
    """The recipe file `name` as a fenced code block titled with its path.

    The fence is one backtick longer than the longest run of backticks in the file, so no line
    of the file can close it; inside the fence, Markdown and HTML are shown as written."""
    match = _NAME.match(name)
    if match is None:
        raise DataError(page, f"recipe({name!r})", "not a file name in recipes/ ending in .py, .json or .yaml")
    path = recipes_dir / name
    if not path.is_file():
        raise DataError(page, f"recipe({name!r})", f"recipes/{name} does not exist")
    text = path.read_text(encoding="utf-8").rstrip("\n")
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f'{fence} {_LANGUAGE[match["ext"]]} title="recipes/{name}"\n{text}\n{fence}'
