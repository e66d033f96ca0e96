"""Schema of data/references/*.yml: the bibliography (rendered by macros/references.py).

Every field is plain text. Ids unique across all the files are checked by the loader.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, RootModel, StringConstraints, model_validator

from macros.schemas.base import HTTPS_PATTERN, PATTERN_PROBLEMS, Strict, Text
from macros.schemas.questions import REF_ID_PATTERN, RefId

ARXIV_PATTERN = r"^\d{4}\.\d{4,5}$"
PATTERN_PROBLEMS.setdefault(REF_ID_PATTERN, "must be lowercase letters, digits and hyphens")
PATTERN_PROBLEMS.setdefault(ARXIV_PATTERN, "must be an arXiv id like 2106.09685 (quote it in YAML)")


def _one_or_more(value: Any) -> Any:
    """`authors: Jane Doe` is one author."""
    return [value] if isinstance(value, str) else value


class Reference(Strict):
    id: RefId
    title: Text
    authors: Annotated[
        list[Text],
        Field(min_length=1),
        BeforeValidator(_one_or_more, json_schema_input_type=Text | list[Text]),
    ]
    # How short citations name the first author when its last word is not the surname: an
    # organisation ("Hugging Face", "Qwen Team") or a surname of two words ("Ben Zaken").
    cite_as: Text | None = None
    year: Annotated[int, Field(ge=1900, le=2100)]
    venue: Text | None = None
    url: Annotated[str, StringConstraints(pattern=HTTPS_PATTERN)] | None = None
    arxiv: Annotated[str, StringConstraints(pattern=ARXIV_PATTERN)] | None = None

    @model_validator(mode="after")
    def _somewhere_to_read_it(self) -> Reference:
        if not self.url and not self.arxiv:
            raise ValueError("needs an arxiv id or a url")
        return self


class ReferencesFile(RootModel[list[Reference]]):
    """A file of data/references/ is a list of references."""
