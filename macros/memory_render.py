"""HTML for the memory calculator page: the LoRA worked example (more widgets join it later).

Numbers come from macros/memory.py; markup from macros/templates/; words from data/ui/*.yml.
"""

from __future__ import annotations

from macros import memory
from macros.templating import render
from macros.ui import strings

LORA_EXAMPLE_RANKS = (8, 16)


def group_digits(value: int) -> str:
    """2048 -> '2,048': the house style groups digits the same way in both languages."""
    return f"{value:,}"


def percent(part: int, whole: int) -> str:
    """A share with two significant decimals at most: 0.53%, 2.1%, 12%."""
    share = 100 * part / whole
    text = f"{share:.2f}" if share < 1 else f"{share:.1f}" if share < 10 else f"{share:.0f}"
    return f"{text}%"


def render_lora_trainable_table(model_id: str, lang: str) -> str:
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
        caption=s["lora_caption"].format(model=preset.name, layers=layers, total=group_digits(total)),
        totals_caption=s["lora_totals_caption"].format(model=preset.name, layers=layers),
    )
