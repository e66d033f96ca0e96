"""Schemas for the figure data in data/figures/: the loss-masking example and the loss curves."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from macros.schemas.base import Id, Strict, Text, Translated


class MaskedToken(Strict):
    """One token of the example: its text, whether the loss counts it, and its id when it is a special token."""

    text: Annotated[str, Field(min_length=1)]
    trained: bool
    id: int | None = None


class TokenLists(Strict):
    zh: list[MaskedToken]
    en: list[MaskedToken]

    def __getitem__(self, lang: str) -> list[MaskedToken]:
        return getattr(self, lang)

    @model_validator(mode="after")
    def _both_kinds_present(self) -> TokenLists:
        for lang in ("zh", "en"):
            tokens = self[lang]
            if not any(token.trained for token in tokens) or all(token.trained for token in tokens):
                raise ValueError(f"the {lang} tokens must include both trained and masked tokens")
        return self


class MaskingExample(Strict):
    id: Id
    title: Translated
    caption: Translated
    template: Text  # the chat template the tokens follow, e.g. "ChatML (Qwen2.5)"
    tokens: TokenLists


LossValue = Annotated[float, Field(ge=0, le=10)]


class LossCurve(Strict):
    id: Id
    title: Translated
    description: Translated
    train: list[LossValue] = Field(min_length=2)
    validation: list[LossValue] | None = None

    @model_validator(mode="after")
    def _same_length(self) -> LossCurve:
        if self.validation is not None and len(self.validation) != len(self.train):
            raise ValueError(
                f"validation has {len(self.validation)} points but train has {len(self.train)}; give one per step"
            )
        return self


class LossCurves(Strict):
    illustrative: bool  # must be true: the curves are drawn by hand, not measured
    curves: list[LossCurve] = Field(min_length=1)

    @model_validator(mode="after")
    def _labelled_illustrative(self) -> LossCurves:
        if not self.illustrative:
            raise ValueError("the loss curves are hand-made; 'illustrative' must be true so the figure says so")
        ids = [curve.id for curve in self.curves]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate curve id(s): {', '.join(duplicates)}")
        return self
