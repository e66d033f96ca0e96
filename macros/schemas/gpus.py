"""Schema of data/gpus.yml: the GPU presets of the memory calculator."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from macros.schemas.base import Id, Strict, Text
from macros.schemas.models import HttpsUrl


class GpuPreset(Strict):
    id: Id
    name: Text
    memory_gb: Annotated[int, Field(gt=0, le=4096)]
    bf16_tflops: Annotated[float, Field(gt=0, le=100_000)]  # dense peak, from `source`
    source: HttpsUrl

    @model_validator(mode="after")
    def _id_names_memory(self) -> GpuPreset:
        # The DOM contract: a GPU option's value contains its memory in GB.
        if f"{self.memory_gb}gb" not in self.id:
            raise ValueError(f"id must contain the memory as '{self.memory_gb}gb'")
        return self


class GpusFile(Strict):
    gpus: Annotated[list[GpuPreset], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> GpusFile:
        seen = [gpu.id for gpu in self.gpus]
        duplicates = sorted({value for value in seen if seen.count(value) > 1})
        if duplicates:
            raise ValueError(f"duplicate id: {', '.join(duplicates)}")
        return self
