"""Schema of data/ui/<lang>.yml: the interface strings of the widgets, one namespace per widget.

Every string is plain text (templates escape it); `{name}` placeholders are filled by the code.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, RootModel, StringConstraints

from macros.schemas.base import PATTERN_PROBLEMS

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
PATTERN_PROBLEMS.setdefault(KEY_PATTERN, "must be snake_case: lowercase letters, digits and underscores")
Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
# Kept exactly as written: a label such as "Difficulty: " ends with the space before its value.
UiText = Annotated[str, StringConstraints(min_length=1)]


class UiCatalogue(RootModel[dict[Key, dict[Key, UiText]]]):
    """namespace → {key: text}."""

    model_config = ConfigDict(strict=True, frozen=True)
