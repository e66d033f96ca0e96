"""Export a JSON Schema per data file into schemas/, from the pydantic models in macros/schemas/.

    make schemas                                  # write schemas/*.schema.json, add missing headers
    .venv/bin/python scripts/export_schemas.py --check   # exit 1 if schemas/ is out of date

Each data file names its schema on its first line, so editors with the YAML language server
(VS Code's YAML extension, for one) validate it while you type:

    # yaml-language-server: $schema=../schemas/questions.schema.json

tests/test_data_schemas.py fails when a committed schema differs from a fresh export, or when a
data file lacks that line. The schemas describe the shape of each file; checks across items
(unique ids, links that exist, …) are made by the loaders at build time only.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pydantic import BaseModel

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: macros/ is beside scripts/
from macros.schemas.decision_tree import TreeFile  # noqa: E402
from macros.schemas.figures import LossCurves, MaskingExample  # noqa: E402
from macros.schemas.glossary import GlossaryFile  # noqa: E402
from macros.schemas.gpus import GpusFile  # noqa: E402
from macros.schemas.hosts import AllowedHostsFile  # noqa: E402
from macros.schemas.models import ModelsFile  # noqa: E402
from macros.schemas.peft_figures import LoraDiagram, PeftTaxonomy  # noqa: E402
from macros.schemas.questions import QuestionsFile  # noqa: E402
from macros.schemas.references import ReferencesFile  # noqa: E402
from macros.schemas.ui import UiCatalogue  # noqa: E402

SCHEMAS_DIR = REPO_ROOT / "schemas"
DATA_DIR = REPO_ROOT / "data"
# schema name → (model, the data files it describes, as globs under data/, what the file is)
SCHEMAS: dict[str, tuple[type[BaseModel], tuple[str, ...], str]] = {
    "questions": (QuestionsFile, ("questions.yml",), "The interview question bank"),
    "glossary": (GlossaryFile, ("glossary.yml",), "The glossary"),
    "references": (ReferencesFile, ("references/*.yml",), "A file of the bibliography"),
    "decision-tree": (TreeFile, ("decision-trees/*.yml",), "A decision tree"),
    "ui": (UiCatalogue, ("ui/*.yml",), "The interface strings of one language"),
    "models": (ModelsFile, ("models.yml",), "The model presets of the memory calculator"),
    "gpus": (GpusFile, ("gpus.yml",), "The GPU presets of the memory calculator"),
    "masking-example": (MaskingExample, ("figures/masking-example.yml",), "The loss-masking figure"),
    "loss-curves": (LossCurves, ("figures/loss-curves.yml",), "The illustrative loss curves"),
    "peft-taxonomy": (PeftTaxonomy, ("figures/peft-taxonomy.yml",), "The PEFT taxonomy figure"),
    "peft-lora": (LoraDiagram, ("figures/peft-lora.yml",), "The LoRA diagram"),
    "allowed-external-hosts": (AllowedHostsFile, ("allowed-external-hosts.yml",), "Hosts the site may link to"),
}
HEADER_PREFIX = "# yaml-language-server: $schema="


def schema_file(name: str) -> Path:
    return SCHEMAS_DIR / f"{name}.schema.json"


def schema_text(name: str) -> str:
    model, globs, description = SCHEMAS[name]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{description} (data/{', data/'.join(globs)})",
        "description": f"Generated from {model.__module__}.{model.__name__} by scripts/export_schemas.py; "
        "do not edit by hand.",
        **{key: value for key, value in model.model_json_schema().items() if key not in ("title", "description")},
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def data_files() -> dict[Path, str]:
    """Every data file that has a schema → the schema's name."""
    found: dict[Path, str] = {}
    for name, (_model, globs, _description) in SCHEMAS.items():
        for pattern in globs:
            for path in sorted(DATA_DIR.glob(pattern)):
                found[path] = name
    return found


def header(data_file: Path, name: str) -> str:
    """The first line of `data_file`: its schema, relative to the file's folder."""
    target = REPO_ROOT / "schemas" / f"{name}.schema.json"
    return HEADER_PREFIX + Path(os.path.relpath(target, data_file.parent)).as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is out of date; exit 1 if anything is")
    args = parser.parse_args(argv)
    stale = []
    SCHEMAS_DIR.mkdir(exist_ok=True)
    for name in SCHEMAS:
        path, text = schema_file(name), schema_text(name)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(f"{SCHEMAS_DIR.name}/{path.name}")
            if not args.check:
                path.write_text(text, encoding="utf-8")
    for path in SCHEMAS_DIR.glob("*.schema.json"):
        if path.name.removesuffix(".schema.json") not in SCHEMAS:
            stale.append(f"{SCHEMAS_DIR.name}/{path.name} (no model: remove it)")
    for path, name in data_files().items():
        text = path.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        if first != header(path, name):
            shown = f"data/{path.relative_to(DATA_DIR).as_posix()}"
            stale.append(f"{shown}: first line must be {header(path, name)}")
            if not args.check:  # put the header in (replacing an outdated one)
                body = rest if first.startswith(HEADER_PREFIX) else text
                path.write_text(f"{header(path, name)}\n{body}", encoding="utf-8")
    if stale:
        verb = "out of date" if args.check else "updated"
        print(f"{verb}:\n  " + "\n  ".join(stale), file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
