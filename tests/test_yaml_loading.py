"""Data files: a key given twice is an error (not a silent overwrite), with the line and item."""

from __future__ import annotations

import pytest
import yaml

from macros.data_files import DataError, parse_yaml


def test_a_duplicate_key_names_the_file_and_the_line() -> None:
    text = "- id: a\n  zh: 一\n  en: one\n  zh: 二\n"
    with pytest.raises(DataError) as error:
        parse_yaml(text, "data/x.yml", lambda _text, line: f"item at {line}")
    message = str(error.value)
    assert message.startswith("data/x.yml: item at 4:"), message
    assert "duplicate key 'zh'" in message


def test_the_same_key_in_different_mappings_is_fine() -> None:
    assert parse_yaml("- id: a\n- id: b\n", "data/x.yml") == [{"id": "a"}, {"id": "b"}]


def test_the_fast_c_loader_is_used_when_available() -> None:
    from macros import data_files

    if hasattr(yaml, "CSafeLoader"):
        assert issubclass(data_files._UniqueKeyLoader, yaml.CSafeLoader)


def test_yaml_stays_safe() -> None:
    with pytest.raises(DataError):
        parse_yaml("!!python/object/apply:os.system ['true']", "data/x.yml")
