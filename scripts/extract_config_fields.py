"""Write recipes/config-fields.json: the field names of the training libraries' config classes.

The libraries need torch, so they are not installed. This reads their pure-Python wheels
(downloaded with `pip download --no-deps`) with `ast` and records, per class, every dataclass
field it declares or inherits, with the wheel's name and sha256 as provenance.

    python scripts/extract_config_fields.py WHEEL_DIR
"""

from __future__ import annotations

import ast
import hashlib
import json
import sys
import zipfile
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "recipes" / "config-fields.json"
# (wheel, class, module file, base classes to follow: (module file, class) inside the same wheel)
CLASSES = [
    ("trl-1.16.0", "SFTConfig", "trl/trainer/sft_config.py"),
    ("trl-1.16.0", "DPOConfig", "trl/trainer/dpo_config.py"),
    ("trl-1.16.0", "GRPOConfig", "trl/trainer/grpo_config.py"),
    ("trl-1.16.0", "_BaseConfig", "trl/trainer/base_config.py"),
    ("peft-0.21.2", "LoraConfig", "peft/tuners/lora/config.py"),
    ("peft-0.21.2", "PeftConfig", "peft/config.py"),
    ("peft-0.21.2", "PeftConfigMixin", "peft/config.py"),
    ("transformers-5.23.0", "TrainingArguments", "transformers/training_args.py"),
]


def class_fields(source: str, name: str) -> tuple[list[str], list[str]]:
    """Annotated class-level names (dataclass fields) of class `name`, and its base names."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == name:
            fields = [
                item.target.id
                for item in node.body
                if isinstance(item, ast.AnnAssign)
                and isinstance(item.target, ast.Name)
                and not item.target.id.startswith("_")
            ]
            bases = [base.id if isinstance(base, ast.Name) else ast.unparse(base) for base in node.bases]
            return fields, bases
    raise SystemExit(f"class {name} not found")


def main(wheel_dir: Path) -> None:
    own: dict[str, tuple[list[str], list[str]]] = {}
    provenance = {}
    for wheel_stem, cls, module in CLASSES:
        wheel = wheel_dir / f"{wheel_stem}-py3-none-any.whl"
        provenance[wheel.name] = hashlib.sha256(wheel.read_bytes()).hexdigest()
        source = zipfile.ZipFile(wheel).read(module).decode()
        own[cls] = class_fields(source, cls)

    def all_fields(cls: str) -> list[str]:
        fields, bases = own[cls]
        inherited = [f for base in bases if base in own for f in all_fields(base)]
        return sorted(set(fields) | set(inherited))

    result = {
        "generated_by": "scripts/extract_config_fields.py",
        "wheels_sha256": provenance,
        "classes": {
            cls: {"source": f"{w}: {m}", "fields": all_fields(cls)}
            for w, cls, m in CLASSES
            if not cls.startswith("_") and cls not in ("PeftConfig", "PeftConfigMixin")
        },
    }
    OUTPUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
