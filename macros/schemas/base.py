"""Shared parts of the data schemas: strict models, translated text, and errors as DataError.

Models are strict: YAML's `yes` stays a boolean and is refused where text is expected, `123`
is refused where an id is expected, and an unknown field is an error. `validate` reports
every problem of a file at once, each naming the file, the item (by its id when it has one)
and the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from macros.data_files import DataError

# Text that is not empty once surrounding whitespace is stripped.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Lowercase letters and digits joined by single hyphens: question ids, node ids, term ids.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Translated(Strict):
    """A text in every language of the site."""

    zh: Text
    en: Text

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class DataErrors(DataError):
    """Several problems in one data file, reported together (one line each)."""

    def __init__(self, errors: Sequence[DataError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.item, first.problem)
        self.args = ("\n".join(str(error) for error in self.errors),)


M = TypeVar("M", bound=BaseModel)

_KINDS = {"questions": "question", "topics": "topic", "nodes": "node", "terms": "term", "models": "model"}


def _item_and_field(data: Any, loc: tuple[int | str, ...], default_kind: str) -> tuple[str | None, str]:
    """Split a pydantic error location into the item it belongs to and the field inside it."""
    item, field_start, node, kind = None, 0, data, default_kind
    for index, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            label = node.get("id") if isinstance(node, dict) else None
            item = f"{kind} '{label}'" if isinstance(label, str) else f"{kind} #{part + 1}"
            field_start = index + 1
        elif isinstance(node, dict) and part in node:
            kind = _KINDS.get(str(part), default_kind)
            node = node[part]
        else:
            break
    field = ".".join(str(part) for part in loc[field_start:])
    return item, field


def validate(model: type[M], data: Any, file: str, item_kind: str = "item", item: str | None = None) -> M:
    """`data` as a `model`, or DataErrors listing every problem (file, item, field and what is wrong)."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            found, field = _item_and_field(data, tuple(detail["loc"]), item_kind)
            where = f"field '{field}': " if field else ""
            problems.append(DataError(file, found or item, where + detail["msg"]))
        raise DataErrors(problems) from None
