"""HTML for the memory calculator page: the widget, the build-time table, the LoRA worked example.

Numbers come from macros/memory.py; markup from macros/templates/; words from data/ui/*.yml.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from macros import memory, references
from macros.data_files import DataError, relative
from macros.doc_links import href
from macros.schemas.gpus import GpuPreset
from macros.schemas.models import ModelPreset
from macros.templating import render
from macros.ui import strings

LORA_EXAMPLE_RANKS = (8, 16)
# The sources of the formulas, cited inside the widget and the tables it renders.
FORMULA_SOURCES = ("rajbhandari-2020-zero", "dettmers-2023-qlora", "korthikanti-2022-activations")


def citation(ref_ids: tuple[str, ...], lang: str, page_url: str) -> Markup:
    """An inline citation as HTML (widget markup is raw HTML, so Markdown links would stay literal)."""
    refs = [
        {
            "href": href(f"{references.REFERENCES_PAGE}#{ref_id}", lang, page_url),
            "text": references.reference(ref_id, "macros/memory_render.py").short(lang),
        }
        for ref_id in ref_ids
    ]
    return Markup(render("citation.html", ui=references.ui(lang), refs=refs))


def group_digits(value: int) -> str:
    """2048 -> '2,048': the house style groups digits the same way in both languages."""
    return f"{value:,}"


def percent(part: int, whole: int) -> str:
    """A share with two significant decimals at most: 0.53%, 2.1%, 12%."""
    share = 100 * part / whole
    text = f"{share:.2f}" if share < 1 else f"{share:.1f}" if share < 10 else f"{share:.0f}"
    return f"{text}%"


def render_lora_trainable_table(model_id: str, lang: str, page_url: str = "") -> str:
    """Per target module the shape and r(d_in + d_out), then the totals and their share of the model."""
    preset = memory.model(model_id)
    arch = memory.Architecture.of(preset)
    s = strings(lang, "calculator")
    total = memory.parameter_count(arch)
    shapes = memory.linear_shapes(arch)
    modules = [
        {
            "name": name,
            "d_in": group_digits(d_in),
            "d_out": group_digits(d_out),
            "per_layer": [group_digits(rank * (d_in + d_out)) for rank in LORA_EXAMPLE_RANKS],
        }
        for name, (d_in, d_out) in shapes.items()
    ]
    totals = []
    for targets, label in (("attention", s["attention"]), ("all-linear", s["all_linear"])):
        cells = []
        for rank in LORA_EXAMPLE_RANKS:
            count = memory.lora_parameters(arch, rank, targets)  # type: ignore[arg-type]
            cells.append({"count": group_digits(count), "share": percent(count, total)})
        totals.append({"label": label, "cells": cells})
    layers = group_digits(arch.num_hidden_layers)
    return render(
        "lora-trainable-table.html",
        s=s,
        model_id=preset.id,
        ranks=LORA_EXAMPLE_RANKS,
        modules=modules,
        totals=totals,
        cite=citation(("hu-2021-lora",), lang, page_url),
        caption=s["lora_caption"].format(model=preset.name, layers=layers, total=group_digits(total)),
        totals_caption=s["lora_totals_caption"].format(model=preset.name, layers=layers),
    )


# --- the calculator widget ----------------------------------------------------------------------

PARTS = ("weights", "gradients", "optimizer", "lora", "activations", "logits", "overhead")
CHART_WIDTH = 600
ARCH_FIELDS = (
    "hidden_size",
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "intermediate_size",
    "vocab_size",
)
NUMBER_FIELDS = (
    ("seq_len", 1),
    ("batch_size", 1),
    ("lora_rank", 1),
    ("gpus", 1),
    ("tokens_millions", "any"),
    ("mfu_percent", "any"),
)


def gigabytes(value: int) -> str:
    return f"{value / memory.GB:,.1f} GB"


def hours_text(value: float) -> str:
    return f"{value:,.1f}"


def default_setting() -> memory.Setting:
    d = memory.DEFAULTS
    return memory.Setting(
        method=d["method"],
        optimizer=d["optimizer"],
        targets=d["targets"],
        seq_len=d["seq_len"],
        batch_size=d["batch_size"],
        lora_rank=d["lora_rank"],
        gpus=d["gpus"],
        zero_stage=d["zero_stage"],
        gradient_checkpointing=d["gradient_checkpointing"],
    )


def preset_by_hf_id(hf_id: str) -> ModelPreset:
    for preset in memory.models().values():
        if preset.hf_id == hf_id:
            return preset
    raise DataError(relative(memory.MODELS_FILE), f"model '{hf_id}'", "memory.DEFAULTS names no such hf_id")


def result_context(
    arch: memory.Architecture, setting: memory.Setting, gpu: GpuPreset, s: dict[str, str]
) -> dict[str, Any]:
    """The calculator's output for one input, ready for the template (the JS fills the same slots)."""
    d = memory.DEFAULTS
    est = memory.estimate(arch, setting, gpu, d["tokens_millions"], d["mfu_percent"])
    total = est["total"]
    parts, x = [], 0.0
    for name in PARTS:
        width = CHART_WIDTH * est[name] / total
        parts.append({"name": name, "x": f"{x:.2f}", "width": f"{width:.2f}", "text": gigabytes(est[name])})
        x += width
    smallest = memory.gpus().get(est["smallest"]) if est["smallest"] else None
    verdict = s["fits"] if est["fits"] else s["does_not_fit"]
    return {
        "total": total,
        "total_text": gigabytes(total),
        "parts": parts,
        "trainable_text": group_digits(est["trainable"]),
        "fits": est["fits"],
        "verdict": verdict.format(gpu=gpu.name, memory=gpu.memory_gb),
        "smallest_text": s["smallest"].format(gpu=smallest.name) if smallest else s["none_fits"],
        "time_text": s["time"].format(
            hours=hours_text(est["hours"]), gpus=setting.gpus, gpu_hours=hours_text(est["gpu_hours"])
        ),
    }


def script_json(data: Any) -> Markup:
    """JSON for a <script type="application/json">: no '<', '>' or '&' that could end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render_calculator(lang: str, page_url: str = "") -> str:
    s = strings(lang, "calculator")
    d = memory.DEFAULTS
    preset = preset_by_hf_id(d["model"])
    arch = memory.Architecture.of(preset)
    gpu = memory.gpus()[d["gpu"]]
    limits = memory.LIMITS
    numbers = [
        {"name": name, "min": limits[name][0], "max": limits[name][1], "step": step, "value": d[name]}
        for name, step in NUMBER_FIELDS
    ]
    arch_fields = [
        {"name": name, "min": limits[name][0], "max": limits[name][1], "value": getattr(arch, name)}
        for name in ARCH_FIELDS
    ]
    return render(
        "memory-calculator.html",
        s=s,
        d=d,
        lang=lang,
        presets=list(memory.models().values()),
        gpus=list(memory.gpus().values()),
        methods=[(m, s[f"method_{m}"]) for m in memory.METHODS],
        optimizers=[(o, s["optimizer_" + o.replace("-", "_")]) for o in memory.OPTIMIZERS],
        targets=[(t, s["targets_" + t.replace("-", "_")]) for t in memory.TARGETS],
        numbers=numbers,
        arch_fields=arch_fields,
        arch=arch,
        result=result_context(arch, default_setting(), gpu, s),
        cite=citation(FORMULA_SOURCES, lang, page_url),
        data_json=script_json({"c": memory.coefficients(), "s": s, "parts": PARTS}),
    )


# --- the build-time table and single estimates --------------------------------------------------


def render_default_table(lang: str, page_url: str = "") -> str:
    """Every preset x method at the default setting (seq 2,048, batch 1, checkpointing, 1 GPU)."""
    s = strings(lang, "calculator")
    base = default_setting()
    rows = []
    for preset in memory.models().values():
        arch = memory.Architecture.of(preset)
        cells = []
        for method in memory.METHODS:
            setting = memory.Setting(**{**asdict(base), "method": method, "gpus": 1, "zero_stage": 0})
            total = memory.memory_breakdown(arch, setting).total
            smallest = memory.smallest_fitting_gpu(total)
            cells.append({"total": gigabytes(total), "gpu": smallest.name if smallest else s["table_none"]})
        rows.append({"name": preset.name, "params": f"{memory.parameter_count(arch) / 1e9:.2f}B", "cells": cells})
    return render(
        "memory-default-table.html",
        s=s,
        methods=[s[f"method_{m}"] for m in memory.METHODS],
        rows=rows,
        cite=citation(FORMULA_SOURCES, lang, page_url),
    )


def estimate_gb(model_id: str, method: str, **options: Any) -> str:
    """One estimate as text ('22.8 GB'), for the comparison with published measurements."""
    arch = memory.Architecture.of(memory.model(model_id))
    fields = {**asdict(default_setting()), "method": method, **options}
    part = fields.pop("part", "total")
    breakdown = memory.memory_breakdown(arch, memory.Setting(**fields))
    if part == "model_states":
        return gigabytes(breakdown.weights + breakdown.gradients + breakdown.optimizer + breakdown.lora)
    return gigabytes(getattr(breakdown, part))


def render_presets(lang: str) -> str:
    """The model and GPU presets with their numbers and the links they come from."""
    s = strings(lang, "calculator")
    rows = []
    for preset in memory.models().values():
        arch = memory.Architecture.of(preset)
        rows.append(
            {
                "name": preset.name,
                "config_url": preset.config_url,
                "hidden": group_digits(arch.hidden_size),
                "layers": arch.num_hidden_layers,
                "heads": f"{arch.num_attention_heads} / {arch.num_key_value_heads}",
                "intermediate": group_digits(arch.intermediate_size),
                "vocab": group_digits(arch.vocab_size),
                "tied": s["answer_yes"] if arch.tie_word_embeddings else s["answer_no"],
                "computed": f"{memory.parameter_count(arch) / 1e9:.3f}B",
                "published": f"{preset.published_parameters:g}B",
                "published_source": preset.published_source,
            }
        )
    gpu_rows = [
        {
            "name": g.name,
            "memory_gb": g.memory_gb,
            "bf16_tflops": f"{g.bf16_tflops:g}",
            "source": g.source,
            "host": urlsplit(g.source).hostname,
        }
        for g in memory.gpus().values()
    ]
    return render("memory-presets.html", s=s, models=rows, gpus=gpu_rows)
