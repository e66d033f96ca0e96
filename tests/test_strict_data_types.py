"""YAML turns `yes` into True and `2022` into a number: where text is expected, that is an error."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros import glossary, references
from macros.data_files import DATA_DIR, DOCS_DIR, DataError

REFERENCE = yaml.safe_load((DATA_DIR / "references" / "interview.yml").read_text(encoding="utf-8"))[0]
TERM = yaml.safe_load((DATA_DIR / "glossary.yml").read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize(("field", "value"), [("year", True), ("venue", 2022), ("id", 123), ("title", True)])
def test_a_reference_field_of_the_wrong_type_is_refused(tmp_path: Path, field: str, value: Any) -> None:
    record = copy.deepcopy(REFERENCE)
    record[field] = value
    (tmp_path / "x.yml").write_text(yaml.safe_dump([record], allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"x\.yml: reference"):
        references.load_references(tmp_path)


@pytest.mark.parametrize(("field", "value"), [("zh", True), ("en", 2022), ("id", 123)])
def test_a_glossary_field_of_the_wrong_type_is_refused(tmp_path: Path, field: str, value: Any) -> None:
    record = copy.deepcopy(TERM)
    record[field] = value
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump([record], allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError, match=r"glossary\.yml: term"):
        glossary.load_glossary(path, DOCS_DIR)
