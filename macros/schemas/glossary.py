"""Schema of data/glossary.yml: one entry per term (rendered by macros/glossary.py).

Every text here is plain text (escaped wherever it is shown). Unique ids and abbreviations and
links that exist are checked by the loader.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, RootModel, StringConstraints, model_validator

from macros.schemas.base import DocLink, Id, Strict, Text, Translated

ABBR_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.\-]*$"
# The abbreviation is matched as written in the pages (the `abbr` extension): plain letters.
Abbreviation = Annotated[str, StringConstraints(pattern=ABBR_PATTERN)]
Variants = Annotated[list[Text], Field(min_length=1)]


class Avoid(Strict):
    """Variants of a term's name not to use in prose (tests/test_terminology.py reads them)."""

    zh: Variants | None = None
    en: Variants | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Avoid:
        if self.zh is None and self.en is None:
            raise ValueError("avoid must map zh and/or en to a list of variants")
        return self


class Term(Strict):
    id: Id  # the glossary row gets the anchor #term-<id>
    zh: Text
    en: Text
    definition: Translated
    abbr: Abbreviation | None = None
    link: DocLink | None = None
    avoid: Avoid | None = None


class GlossaryFile(RootModel[Annotated[list[Term], Field(min_length=1)]]):
    """The file is a list of terms."""
