"""The recipes under recipes/ use only arguments and keys that exist in the pinned library versions.

recipes/config-fields.json lists, per config class, trainer, function and DeepSpeed config
section, the names it accepts, read from the libraries' wheels (DeepSpeed: its source
distribution) by scripts/extract_config_fields.py (provenance: each archive's sha256 and source
file). Nothing here imports or runs the libraries: no training happens.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from macros.data_files import DataError
from macros.recipes import render_recipe
from scripts import extract_config_fields as extractor

RECIPES = Path(__file__).resolve().parent.parent / "recipes"
CONFIG_FIELDS = json.loads((RECIPES / "config-fields.json").read_text(encoding="utf-8"))
FIELDS = {name: set(cls["fields"]) for name, cls in CONFIG_FIELDS["classes"].items()}
PYTHON_RECIPES = sorted(RECIPES.glob("*.py"))
JSON_RECIPES = sorted(p for p in RECIPES.glob("*.json") if p.name != "config-fields.json")
# "trl-1.16.0-py3-none-any.whl" -> ("trl", "1.16.0"); "deepspeed-0.19.8.tar.gz" -> ("deepspeed", "0.19.8")
ARCHIVE = re.compile(r"^(?P<name>[a-z_]+)-(?P<version>\d+(?:\.\d+)+)(?:-py3-none-any\.whl|\.tar\.gz)$")
PINNED = {m["name"]: m["version"] for m in map(ARCHIVE.match, CONFIG_FIELDS["wheels_sha256"]) if m}
LIBRARY_VERSION = r"[a-z_]+ \d+(?:\.\d+)+"
VERSION_LINE = re.compile(rf"^# .*Written for (?P<libs>{LIBRARY_VERSION}(?:, {LIBRARY_VERSION})*)\.")


def library(name: str) -> str:
    """The library a recorded name comes from: "trl-1.16.0: trl/…" -> "trl"."""
    return CONFIG_FIELDS["classes"][name]["source"].split("-", 1)[0]


def unknown_arguments(source: str) -> list[str]:
    """`Name.arg` for every keyword argument of a checked call that the callee does not accept."""
    problems = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FIELDS:
            problems += [f"{node.func.id}.{kw.arg}" for kw in node.keywords if kw.arg not in FIELDS[node.func.id]]
    return problems


def unknown_deepspeed_keys(config: dict[str, object]) -> list[str]:
    """Every key of a DeepSpeed JSON config that DeepSpeed does not declare, as `section.key`.

    A section (a value that is an object) must have its own list in config-fields.json:
    a section nobody checks is reported too, rather than passed."""
    problems = [key for key in config if key not in FIELDS["deepspeed:top-level"]]
    for section, value in config.items():
        if isinstance(value, dict):
            allowed = FIELDS.get(f"deepspeed:{section}")
            if allowed is None:
                problems.append(f"{section} (section not checked)")
            else:
                problems += [f"{section}.{key}" for key in value if key not in allowed]
    return problems


def version_problems(source: str) -> list[str]:
    """What is wrong with a recipe's first line "… Written for trl 1.16.0, peft 0.21.2.": a library
    at another version than config-fields.json records, or a checked name whose library it omits."""
    match = VERSION_LINE.match(source.splitlines()[0] if source else "")
    if match is None:
        return ["first line does not say 'Written for <library> <version>, ….'"]
    named = dict(lib.split(" ") for lib in match["libs"].split(", "))
    problems = [
        f"{lib} {v} (config-fields.json has {PINNED.get(lib)})" for lib, v in named.items() if PINNED.get(lib) != v
    ]
    called = {
        n.func.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    }
    problems += [
        f"{name} comes from {library(name)}, not named"
        for name in sorted(called & set(FIELDS))
        if library(name) not in named
    ]
    return problems


@pytest.mark.parametrize("recipe", PYTHON_RECIPES, ids=lambda p: p.name)
def test_python_recipe_parses(recipe: Path) -> None:
    ast.parse(recipe.read_text(encoding="utf-8"), filename=str(recipe))


@pytest.mark.parametrize("recipe", PYTHON_RECIPES, ids=lambda p: p.name)
def test_recipe_uses_only_existing_config_arguments(recipe: Path) -> None:
    assert unknown_arguments(recipe.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("recipe", PYTHON_RECIPES, ids=lambda p: p.name)
def test_recipe_first_line_names_the_recorded_library_versions(recipe: Path) -> None:
    assert version_problems(recipe.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("recipe", JSON_RECIPES, ids=lambda p: p.name)
def test_json_recipe_loads_and_uses_only_keys_deepspeed_declares(recipe: Path) -> None:
    config = json.loads(recipe.read_text(encoding="utf-8"))
    assert unknown_deepspeed_keys(config) == []


@pytest.mark.parametrize("recipe", JSON_RECIPES, ids=lambda p: p.name)
def test_json_recipe_is_used_by_a_python_recipe_that_names_deepspeed(recipe: Path) -> None:
    users = [p for p in PYTHON_RECIPES if f'"{recipe.name}"' in p.read_text(encoding="utf-8")]
    assert users, f"no recipe passes {recipe.name}"
    for user in users:
        assert f"deepspeed {PINNED['deepspeed']}" in user.read_text(encoding="utf-8").splitlines()[0], user.name


def test_a_misspelled_argument_is_reported() -> None:
    assert unknown_arguments("LoraConfig(r=8, lora_alpa=16)") == ["LoraConfig.lora_alpa"]


def test_a_misspelled_quantization_argument_is_reported() -> None:
    source = 'BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_typ="nf4")'
    assert unknown_arguments(source) == ["BitsAndBytesConfig.bnb_4bit_quant_typ"]


def test_a_trainer_argument_of_another_version_is_reported() -> None:
    # TRL renamed `tokenizer` to `processing_class`: a recipe for an older TRL fails here.
    assert unknown_arguments("SFTTrainer(model=m, tokenizer=t)") == ["SFTTrainer.tokenizer"]


def test_a_misspelled_deepspeed_key_is_reported() -> None:
    config = {"zero_optimization": {"stage": 3, "overlap_com": True}, "train_micro_batch_size": "auto"}
    assert unknown_deepspeed_keys(config) == ["train_micro_batch_size", "zero_optimization.overlap_com"]


def test_an_unchecked_deepspeed_section_is_reported() -> None:
    assert unknown_deepspeed_keys({"optimizer": {"type": "AdamW"}}) == ["optimizer (section not checked)"]


def test_a_version_other_than_the_recorded_one_is_reported() -> None:
    source = "# Written for trl 0.9.6, peft 0.21.2.\nLoraConfig(r=8)\n"
    assert version_problems(source) == [f"trl 0.9.6 (config-fields.json has {PINNED['trl']})"]


def test_a_library_missing_from_the_version_line_is_reported() -> None:
    source = "# Written for trl 1.16.0.\nLoraConfig(r=8)\n"
    assert version_problems(source) == ["LoraConfig comes from peft, not named"]


def test_every_recipe_calls_a_checked_config_class() -> None:
    for recipe in PYTHON_RECIPES:
        tree = ast.parse(recipe.read_text(encoding="utf-8"))
        called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert called & set(FIELDS), recipe.name


# --- the page shows the files, and the decision tree links to them -------------------------------

DOCS = RECIPES.parent / "docs"
TREE = RECIPES.parent / "data" / "decision-trees" / "should-i-fine-tune.yml"
# The tree's recommendations that involve training, and the recipe section each must link to.
# Rejection-sampling fine-tuning is ordinary SFT on the filtered answers: the SFT + LoRA recipe.
RECIPE_OF_LEAF = {
    "sft-lora": "recipe-sft-lora",
    "sft-qlora": "recipe-qlora",
    "sft-full": "recipe-full-fine-tuning",
    "dpo": "recipe-dpo",
    "rl-programmatic-reward": "recipe-rl-programmatic-reward",
    "rejection-sampling-ft": "recipe-sft-lora",
    "distill-into-smaller-model": "recipe-distillation",
}
RECIPE_HEADING = re.compile(r"^#{2,6} .*\{ #(?P<id>recipe-[a-z0-9-]+) \}\s*$")
RECIPE_CALL = re.compile(r"""\{\{ recipe\("(?P<name>[^"]+)"\) \}\}""")


def recipe_sections(markdown: str) -> dict[str, list[str]]:
    """Each `recipe-…` heading id of a page, with the recipe files its section shows."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in markdown.splitlines():
        if line.startswith("#"):
            match = RECIPE_HEADING.match(line)
            current = match["id"] if match else None
            if current:
                sections[current] = []
        elif current:
            sections[current] += [m["name"] for m in RECIPE_CALL.finditer(line)]
    return sections


def leaf_link_problems(nodes: list[dict[str, object]], sections: dict[str, list[str]]) -> list[str]:
    """Recipe-bearing leaves that miss their recipe link, and links to recipe sections that do not exist."""
    problems = []
    for node in nodes:
        links = [str(link) for link in node.get("links", [])]  # type: ignore[attr-defined]
        expected = RECIPE_OF_LEAF.get(str(node["id"]))
        if expected and f"toolchain.md#{expected}" not in links:
            problems.append(f"{node['id']}: no link to toolchain.md#{expected}")
        for link in links:
            page, _, anchor = link.partition("#")
            if page == "toolchain.md" and anchor.startswith("recipe-") and not sections.get(anchor):
                problems.append(f"{node['id']}: {link} is not a recipe section showing a recipe")
    return problems


@pytest.mark.parametrize("page_file", ["toolchain.md", "toolchain.en.md"])
def test_the_page_shows_every_recipe_file_through_the_macro(page_file: str) -> None:
    markdown = (DOCS / page_file).read_text(encoding="utf-8")
    shown = sorted(m["name"] for m in RECIPE_CALL.finditer(markdown))
    assert shown == sorted(p.name for p in PYTHON_RECIPES + JSON_RECIPES)
    assert "```python" not in markdown and "```json" not in markdown, "a recipe copied by hand"


def test_every_recipe_bearing_leaf_links_to_an_existing_recipe_section() -> None:
    nodes = yaml.safe_load(TREE.read_text(encoding="utf-8"))["nodes"]
    sections = recipe_sections((DOCS / "toolchain.md").read_text(encoding="utf-8"))
    assert set(RECIPE_OF_LEAF) <= {n["id"] for n in nodes}, "a leaf of RECIPE_OF_LEAF was renamed"
    assert leaf_link_problems(nodes, sections) == []


def test_every_recipe_section_is_linked_from_the_tree() -> None:
    sections = recipe_sections((DOCS / "toolchain.md").read_text(encoding="utf-8"))
    assert set(sections) == set(RECIPE_OF_LEAF.values())


def test_a_leaf_without_its_recipe_link_or_with_a_dead_one_is_reported() -> None:
    sections = {"recipe-dpo": ["dpo.py"]}
    nodes = [{"id": "dpo", "links": ["methods.md#dpo", "toolchain.md#recipe-dop"]}]
    assert leaf_link_problems(nodes, sections) == [
        "dpo: no link to toolchain.md#recipe-dpo",
        "dpo: toolchain.md#recipe-dop is not a recipe section showing a recipe",
    ]


def test_the_macro_shows_the_file_unchanged_in_a_titled_fence() -> None:
    block = render_recipe("qlora.py", "docs/toolchain.md")
    first, *body, last = block.split("\n")
    assert first == '``` python title="recipes/qlora.py"' and last == "```"
    assert "\n".join(body) == (RECIPES / "qlora.py").read_text(encoding="utf-8").rstrip("\n")


def test_the_macro_fence_outlasts_backticks_in_the_file(tmp_path: Path) -> None:
    (tmp_path / "tricky.py").write_text('doc = """\n```\n<script>x</script>\n"""\n', encoding="utf-8")
    block = render_recipe("tricky.py", "docs/toolchain.md", recipes_dir=tmp_path)
    assert block.startswith("```` python") and block.endswith("\n````")


@pytest.mark.parametrize("name", ["../mkdocs.yml", "recipes/qlora.py", "qlora.sh", "missing.py"])
def test_the_macro_refuses_anything_but_a_recipe_file_and_names_the_page(name: str) -> None:
    with pytest.raises(DataError, match=r"docs/toolchain\.md: recipe\("):
        render_recipe(name, "docs/toolchain.md")


# --- the extractor that wrote config-fields.json -------------------------------------------------


def test_config_fields_json_lists_exactly_what_the_extractor_records() -> None:
    recorded = {
        name: f"{archive.removesuffix('-py3-none-any.whl')}: {member}"
        for archive, name, member, _, _ in extractor.CLASSES
        if not name.startswith("_") and name not in extractor.BASES_ONLY
    }
    assert {name: cls["source"] for name, cls in CONFIG_FIELDS["classes"].items()} == recorded
    assert set(CONFIG_FIELDS["wheels_sha256"]) == {archive for archive, *_ in extractor.CLASSES}


def test_the_extractor_reads_dataclass_fields_init_parameters_and_pydantic_aliases() -> None:
    source = """
class Config:
    name: str = "x"
    _private: int = 0
    size: int = Field(1, alias="legacy_size")

    def __init__(self, alpha, *args, beta=1, **kwargs):
        self.gamma = 2
"""
    node = extractor.find_class(source, "Config")
    assert extractor.dataclass_fields(node) == ["name", "size"]
    assert extractor.field_aliases(node) == ["legacy_size"]
    assert extractor.init_parameters(node) == ["alpha", "beta"]


def test_the_extractor_skips_overload_stubs_and_reads_only_key_like_constants() -> None:
    source = """
@overload
def pipeline(task: str, stub_only: int) -> None: ...
def pipeline(task, model=None, **kwargs): ...
TRAIN_BATCH_SIZE = "train_batch_size"
TRAIN_BATCH_SIZE_DEFAULT = "none"
HELP_FORMAT = "two words"
"""
    assert extractor.function_parameters(source, "pipeline") == ["task", "model"]
    assert extractor.string_constants(source) == ["train_batch_size"]
