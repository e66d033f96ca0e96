"""Write recipes/config-fields.json: the names each recipe may use, read from the libraries' source.

The libraries need torch, so they are not installed. This reads their pure-Python wheels (and
DeepSpeed's source distribution, which has no wheel), downloaded with `pip download --no-deps`,
with `ast`, and records per class the names it accepts, with each archive's sha256 and the source
file as provenance:

- a config dataclass (TRL's SFTConfig, PEFT's LoraConfig): every field it declares or inherits;
- a class whose `__init__` takes named parameters (the TRL trainers, BitsAndBytesConfig): those;
- a function (transformers' `pipeline`): its named parameters, from its definition (not an overload);
- a DeepSpeed pydantic model (the `zero_optimization` and `bf16` sections of its JSON config):
  its fields and their aliases (DeepSpeed accepts both and rejects anything else);
- DeepSpeed's top-level JSON keys: the string constants of deepspeed/runtime/constants.py
  (a superset: a few of them name keys of nested sections).

    python scripts/extract_config_fields.py ARCHIVE_DIR
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import tarfile
import zipfile
from pathlib import Path
from typing import Literal

OUTPUT = Path(__file__).resolve().parent.parent / "recipes" / "config-fields.json"
Kind = Literal["dataclass", "init", "function", "pydantic", "constants"]
# (archive, name recorded, file inside the archive, kind, class name in that file).
# A dataclass's base classes are followed when they are listed here too; names starting with
# "_" or listed in BASES_ONLY are bases only and are not written out.
CLASSES: list[tuple[str, str, str, Kind, str]] = [
    ("trl-1.16.0-py3-none-any.whl", "SFTConfig", "trl/trainer/sft_config.py", "dataclass", "SFTConfig"),
    ("trl-1.16.0-py3-none-any.whl", "DPOConfig", "trl/trainer/dpo_config.py", "dataclass", "DPOConfig"),
    ("trl-1.16.0-py3-none-any.whl", "GRPOConfig", "trl/trainer/grpo_config.py", "dataclass", "GRPOConfig"),
    ("trl-1.16.0-py3-none-any.whl", "_BaseConfig", "trl/trainer/base_config.py", "dataclass", "_BaseConfig"),
    ("trl-1.16.0-py3-none-any.whl", "SFTTrainer", "trl/trainer/sft_trainer.py", "init", "SFTTrainer"),
    ("trl-1.16.0-py3-none-any.whl", "DPOTrainer", "trl/trainer/dpo_trainer.py", "init", "DPOTrainer"),
    ("trl-1.16.0-py3-none-any.whl", "GRPOTrainer", "trl/trainer/grpo_trainer.py", "init", "GRPOTrainer"),
    ("peft-0.21.2-py3-none-any.whl", "LoraConfig", "peft/tuners/lora/config.py", "dataclass", "LoraConfig"),
    ("peft-0.21.2-py3-none-any.whl", "PeftConfig", "peft/config.py", "dataclass", "PeftConfig"),
    ("peft-0.21.2-py3-none-any.whl", "PeftConfigMixin", "peft/config.py", "dataclass", "PeftConfigMixin"),
    (
        "transformers-5.23.0-py3-none-any.whl",
        "TrainingArguments",
        "transformers/training_args.py",
        "dataclass",
        "TrainingArguments",
    ),
    (
        "transformers-5.23.0-py3-none-any.whl",
        "BitsAndBytesConfig",
        "transformers/utils/quantization_config.py",
        "init",
        "BitsAndBytesConfig",
    ),
    (
        "transformers-5.23.0-py3-none-any.whl",
        "pipeline",
        "transformers/pipelines/__init__.py",
        "function",
        "pipeline",
    ),
    (
        "deepspeed-0.19.8.tar.gz",
        "deepspeed:top-level",
        "deepspeed-0.19.8/deepspeed/runtime/constants.py",
        "constants",
        "",
    ),
    (
        "deepspeed-0.19.8.tar.gz",
        "deepspeed:zero_optimization",
        "deepspeed-0.19.8/deepspeed/runtime/zero/config.py",
        "pydantic",
        "DeepSpeedZeroConfig",
    ),
    (
        "deepspeed-0.19.8.tar.gz",
        "deepspeed:bf16",
        "deepspeed-0.19.8/deepspeed/runtime/precision_config.py",
        "pydantic",
        "DeepSpeedBF16Config",
    ),
]
BASES_ONLY = {"PeftConfig", "PeftConfigMixin"}
# Top-level sections DeepSpeed reads from other modules than constants.py.
EXTRA_TOP_LEVEL = {"zero_optimization": "deepspeed/runtime/zero/config.py: ZERO_OPTIMIZATION"}


def find_class(source: str, name: str) -> ast.ClassDef:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise SystemExit(f"class {name} not found")


def dataclass_fields(node: ast.ClassDef) -> list[str]:
    """Annotated class-level names: a dataclass's (or a pydantic model's) fields."""
    return [
        item.target.id
        for item in node.body
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) and not item.target.id.startswith("_")
    ]


def field_aliases(node: ast.ClassDef) -> list[str]:
    """`alias="…"` of every `Field(...)` default: pydantic accepts the alias as a key too."""
    aliases = []
    for item in node.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.value, ast.Call):
            aliases += [
                kw.value.value
                for kw in item.value.keywords
                if kw.arg == "alias" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str)
            ]
    return aliases


def parameters(function: ast.FunctionDef) -> list[str]:
    """Named parameters (not `self`, not `*args` or `**kwargs`)."""
    args = function.args
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs if a.arg != "self"]


def init_parameters(node: ast.ClassDef) -> list[str]:
    """The named parameters of the class's own `__init__`."""
    for item in node.body:
        if isinstance(item, ast.FunctionDef) and item.name == "__init__":
            return parameters(item)
    raise SystemExit(f"class {node.name} has no __init__")


def function_parameters(source: str, name: str) -> list[str]:
    """The named parameters of module-level function `name`, skipping its `@overload` stubs."""
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.FunctionDef)
            and node.name == name
            and not any(ast.unparse(d).endswith("overload") for d in node.decorator_list)
        ):
            return parameters(node)
    raise SystemExit(f"function {name} not found")


def string_constants(source: str) -> list[str]:
    """Values of module-level `NAME = "key"` assignments, skipping defaults and help texts."""
    keys = []
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and not node.targets[0].id.endswith(("_DEFAULT", "_FORMAT"))
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            and node.value.value.isidentifier()
        ):
            keys.append(node.value.value)
    return keys


def read_member(archive: Path, member: str) -> str:
    if archive.name.endswith(".whl"):
        return zipfile.ZipFile(archive).read(member).decode()
    with tarfile.open(archive) as sdist:
        extracted = sdist.extractfile(member)
        if extracted is None:
            raise SystemExit(f"{archive.name}: {member} is not a file")
        return extracted.read().decode()


def main(archive_dir: Path) -> None:
    own: dict[str, tuple[list[str], list[str]]] = {}
    provenance: dict[str, str] = {}
    for archive_name, name, member, kind, class_name in CLASSES:
        archive = archive_dir / archive_name
        provenance[archive.name] = hashlib.sha256(archive.read_bytes()).hexdigest()
        source = read_member(archive, member)
        if kind == "constants":
            own[name] = (string_constants(source) + list(EXTRA_TOP_LEVEL), [])
            continue
        if kind == "function":
            own[name] = (function_parameters(source, class_name), [])
            continue
        node = find_class(source, class_name)
        bases = [base.id if isinstance(base, ast.Name) else ast.unparse(base) for base in node.bases]
        if kind == "dataclass":
            own[name] = (dataclass_fields(node), bases)
        elif kind == "pydantic":
            own[name] = (dataclass_fields(node) + field_aliases(node), [])
        else:
            own[name] = (init_parameters(node), [])

    def all_fields(name: str) -> list[str]:
        fields, bases = own[name]
        inherited = [f for base in bases if base in own for f in all_fields(base)]
        return sorted(set(fields) | set(inherited))

    result = {
        "generated_by": "scripts/extract_config_fields.py",
        "wheels_sha256": provenance,
        "classes": {
            name: {
                "source": f"{archive.removesuffix('-py3-none-any.whl')}: {member}",
                "kind": kind,
                "fields": all_fields(name),
            }
            for archive, name, member, kind, _ in CLASSES
            if not name.startswith("_") and name not in BASES_ONLY
        },
    }
    OUTPUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
