"""The recipes under recipes/ use only arguments that exist in the pinned library versions.

recipes/config-fields.json lists each config class's fields, read from the libraries' wheels by
scripts/extract_config_fields.py (provenance: the wheels' sha256 in the file).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

RECIPES = Path(__file__).resolve().parent.parent / "recipes"
FIELDS = {
    name: set(cls["fields"])
    for name, cls in json.loads((RECIPES / "config-fields.json").read_text())["classes"].items()
}


def unknown_arguments(source: str) -> list[str]:
    """`Class.arg` for every keyword argument of a config-class call that the class does not have."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FIELDS:
            problems += [f"{node.func.id}.{kw.arg}" for kw in node.keywords if kw.arg not in FIELDS[node.func.id]]
    return problems


@pytest.mark.parametrize("recipe", sorted(RECIPES.glob("*.py")), ids=lambda p: p.name)
def test_recipe_uses_only_existing_config_arguments(recipe: Path) -> None:
    assert unknown_arguments(recipe.read_text(encoding="utf-8")) == []


def test_a_misspelled_argument_is_reported() -> None:
    assert unknown_arguments("LoraConfig(r=8, lora_alpa=16)") == ["LoraConfig.lora_alpa"]


def test_every_recipe_calls_a_checked_config_class() -> None:
    for recipe in RECIPES.glob("*.py"):
        tree = ast.parse(recipe.read_text(encoding="utf-8"))
        called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert called & set(FIELDS), recipe.name
