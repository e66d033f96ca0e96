"""Schema of data/models.yml: the model presets of the memory calculator."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from macros.schemas.base import Id, Strict, Text

# Links in data files are https only: they end up as href attributes on the site.
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[A-Za-z0-9.-]+(/[^\s<>\"'`]*)?$")]
# Model ids may contain a dot (qwen2.5-7b), unlike the other ids of the site.
ModelId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")]
HfId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
Positive = Annotated[int, Field(gt=0, le=1_048_576)]


class ModelPreset(Strict):
    id: ModelId
    hf_id: HfId
    name: Text
    config_url: HttpsUrl
    hidden_size: Positive
    num_hidden_layers: Annotated[int, Field(gt=0, le=1024)]
    num_attention_heads: Annotated[int, Field(gt=0, le=1024)]
    num_key_value_heads: Annotated[int, Field(gt=0, le=1024)]
    intermediate_size: Positive
    vocab_size: Positive
    tie_word_embeddings: bool
    qkv_bias: bool
    head_dim: Positive | None = None
    published_parameters: Annotated[float, Field(gt=0, le=10_000)]  # billions, as on the model card
    published_source: HttpsUrl

    @model_validator(mode="after")
    def _heads_divide(self) -> ModelPreset:
        if self.num_attention_heads % self.num_key_value_heads:
            raise ValueError("num_attention_heads must be a multiple of num_key_value_heads")
        if self.head_dim is None and self.hidden_size % self.num_attention_heads:
            raise ValueError("hidden_size must be a multiple of num_attention_heads (or give head_dim)")
        return self


class ModelsFile(Strict):
    models: Annotated[list[ModelPreset], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> ModelsFile:
        for key in ("id", "hf_id"):
            seen = [getattr(model, key) for model in self.models]
            duplicates = sorted({value for value in seen if seen.count(value) > 1})
            if duplicates:
                raise ValueError(f"duplicate {key}: {', '.join(duplicates)}")
        return self


__all__ = ["HttpsUrl", "Id", "ModelPreset", "ModelsFile"]
