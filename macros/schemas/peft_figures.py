"""Schemas for the two figures of docs/peft.md: the PEFT taxonomy and the LoRA diagram.

The figure files (data/figures/peft-*.yml) hold every word the figures show, in both languages,
so the figures need no strings elsewhere. Links point at headings of docs/peft.md by id; the
build's anchor validation and tests/test_peft_figures.py check that those headings exist.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from macros.schemas.base import Id, Strict, Text, Translated

# A Python identifier-like module name, as PEFT's target_modules spell them: q_proj, gate_proj.
ModuleName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


class TaxonomyMethod(Strict):
    """One method of a family: its name, the section of docs/peft.md that explains it, what it trains."""

    id: Id
    name: Translated
    anchor: Id  # a heading id of docs/peft.md
    trains: Translated  # what the method trains, one short phrase


class TaxonomyFamily(Strict):
    id: Id
    name: Translated
    marker: Text  # a symbol shown beside the family name, so families differ by more than colour
    summary: Translated  # one sentence: what the methods of this family have in common
    methods: list[TaxonomyMethod] = Field(min_length=1)


class PeftTaxonomy(Strict):
    id: Id
    title: Translated
    caption: Translated
    families: list[TaxonomyFamily] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique_ids(self) -> PeftTaxonomy:
        families = _duplicates([family.id for family in self.families])
        if families:
            raise ValueError(f"duplicate family id(s): {', '.join(families)}")
        methods = _duplicates([method.id for family in self.families for method in family.methods])
        if methods:
            raise ValueError(f"duplicate method id(s): {', '.join(methods)}")
        return self


class LoraPart(Strict):
    """One box or label of the diagram: its short label in the picture and its text alternative."""

    label: Translated  # short, drawn inside the SVG
    text: Translated  # the full sentence in the list under the picture


class ModuleGroup(Strict):
    id: Id
    name: Translated
    modules: list[ModuleName] = Field(min_length=1)


class LoraDiagram(Strict):
    id: Id
    title: Translated
    description: Translated  # the SVG's <desc>
    caption: Translated
    frozen: LoraPart  # W, frozen
    a: LoraPart  # A, r × k, random init
    b: LoraPart  # B, d × r, zero init
    scaling: LoraPart  # α / r
    rslora: LoraPart  # α / √r
    output: LoraPart  # h = W x + (α / r) B A x
    frozen_badge: Translated  # the word written on frozen boxes
    trained_badge: Translated  # the word written on trained boxes
    modules_title: Translated
    modules_note: Translated
    default_badge: Translated  # the mark on the modules PEFT targets by default
    default_modules: list[ModuleName] = Field(min_length=1)
    groups: list[ModuleGroup] = Field(min_length=1)

    @model_validator(mode="after")
    def _defaults_are_listed(self) -> LoraDiagram:
        listed = [module for group in self.groups for module in group.modules]
        repeated = _duplicates(listed)
        if repeated:
            raise ValueError(f"module(s) listed twice: {', '.join(repeated)}")
        unknown = [module for module in self.default_modules if module not in listed]
        if unknown:
            raise ValueError(f"default module(s) not in any group: {', '.join(unknown)}")
        return self
