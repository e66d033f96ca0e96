"""Figures drawn at build time from data/figures/: the loss-masking example, the loss curves,
the PEFT taxonomy and the LoRA diagram.

Each figure is loaded through its schema (macros/schemas/figures.py), so bad data fails the build
with the file, the item and the field; the markup lives in macros/templates/, autoescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DataError, files_stamp, read_yaml, relative
from macros.schemas.base import validate
from macros.schemas.figures import LossCurve, LossCurves, MaskingExample
from macros.schemas.peft_figures import LoraDiagram, PeftTaxonomy
from macros.templating import render
from macros.ui import strings

FIGURES_DIR = DATA_DIR / "figures"
MASKING_FILE = FIGURES_DIR / "masking-example.yml"
LOSS_CURVES_FILE = FIGURES_DIR / "loss-curves.yml"
PEFT_TAXONOMY_FILE = FIGURES_DIR / "peft-taxonomy.yml"
LORA_DIAGRAM_FILE = FIGURES_DIR / "peft-lora.yml"

# The loss-curve plot area, in SVG user units (the SVG scales to its container's width).
WIDTH, HEIGHT = 320, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 12, 40


def load_masking_example(path: Path = MASKING_FILE) -> MaskingExample:
    return validate(MaskingExample, read_yaml(path), relative(path), "token")


def load_loss_curves(path: Path = LOSS_CURVES_FILE) -> LossCurves:
    return validate(LossCurves, read_yaml(path), relative(path), "curve")


@lru_cache(maxsize=2)
def _cached_masking(stamp: tuple[tuple[str, float], ...]) -> MaskingExample:
    return load_masking_example()


@lru_cache(maxsize=2)
def _cached_curves(stamp: tuple[tuple[str, float], ...]) -> LossCurves:
    return load_loss_curves()


def render_masking_figure(lang: str, example: MaskingExample | None = None) -> str:
    """The example conversation token by token, trained and masked tokens told apart by box, underline and label."""
    example = example or _cached_masking(files_stamp([MASKING_FILE]))
    tokens = example.tokens[lang]
    return render(
        "masking-figure.html",
        example=example,
        tokens=tokens,
        trained_count=sum(token.trained for token in tokens),
        lang=lang,
        ui=strings(lang, "masking_figure"),
    )


@dataclass(frozen=True)
class Series:
    kind: str  # "train" or "validation": the CSS class and the legend entry
    points: str  # the SVG polyline points
    markers: list[tuple[float, float]]
    values: list[float]


def _series(kind: str, values: list[float], top: float) -> Series:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / (len(values) - 1)
    xy = [(round(LEFT + i * step, 1), round(TOP + plot_h * (1 - v / top), 1)) for i, v in enumerate(values)]
    return Series(kind, " ".join(f"{x},{y}" for x, y in xy), xy, values)


def _axis_top(curve: LossCurve) -> float:
    highest = max([*curve.train, *(curve.validation or [])])
    return float(int(highest) + 1)


def render_loss_curve(curve: LossCurve, lang: str) -> str:
    top = _axis_top(curve)
    series = [_series("train", curve.train, top)]
    if curve.validation is not None:
        series.append(_series("validation", curve.validation, top))
    ticks = [(round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - t / top), 1), f"{t:g}") for t in range(int(top) + 1)]
    return render(
        "loss-curve.html",
        curve=curve,
        series=series,
        ticks=ticks,
        steps=list(range(1, len(curve.train) + 1)),
        box={
            "width": WIDTH,
            "height": HEIGHT,
            "left": LEFT,
            "right": WIDTH - RIGHT,
            "top": TOP,
            "bottom": HEIGHT - BOTTOM,
        },
        lang=lang,
        ui=strings(lang, "loss_curves"),
    )


def render_loss_curves(lang: str, curve_id: str, curves: LossCurves | None = None) -> str:
    """One illustrative loss curve (by id) as an inline SVG with a title, a description and its values as text."""
    curves = curves or _cached_curves(files_stamp([LOSS_CURVES_FILE]))
    by_id = {curve.id: curve for curve in curves.curves}
    if curve_id not in by_id:
        raise DataError(relative(LOSS_CURVES_FILE), f"curve '{curve_id}'", f"no such curve (known: {', '.join(by_id)})")
    return render_loss_curve(by_id[curve_id], lang)


# --- the PEFT page: the taxonomy and the LoRA diagram ---------------------------------------------


def load_peft_taxonomy(path: Path = PEFT_TAXONOMY_FILE) -> PeftTaxonomy:
    return validate(PeftTaxonomy, read_yaml(path), relative(path), "family")


def load_lora_diagram(path: Path = LORA_DIAGRAM_FILE) -> LoraDiagram:
    return validate(LoraDiagram, read_yaml(path), relative(path), "group")


@lru_cache(maxsize=2)
def _cached_taxonomy(stamp: tuple[tuple[str, float], ...]) -> PeftTaxonomy:
    return load_peft_taxonomy()


@lru_cache(maxsize=2)
def _cached_lora_diagram(stamp: tuple[tuple[str, float], ...]) -> LoraDiagram:
    return load_lora_diagram()


def render_peft_taxonomy(lang: str, taxonomy: PeftTaxonomy | None = None) -> str:
    """The PEFT families as a list of cards, each method a link to its section; no colour-only cues."""
    taxonomy = taxonomy or _cached_taxonomy(files_stamp([PEFT_TAXONOMY_FILE]))
    return render("peft-taxonomy.html", taxonomy=taxonomy, lang=lang)


def render_lora_diagram(lang: str, diagram: LoraDiagram | None = None) -> str:
    """W beside B·A as an inline SVG with a title and a description, every part listed as text,
    and the target modules of one Transformer block."""
    diagram = diagram or _cached_lora_diagram(files_stamp([LORA_DIAGRAM_FILE]))
    return render("lora-diagram.html", d=diagram, lang=lang)
