"""Load the YAML data files under data/ and report bad data by file and item."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from macros.languages import site_languages

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DOCS_DIR = REPO_ROOT / "docs"
LANGUAGES = site_languages()  # from mkdocs.yml, the default language first


class DataError(ValueError):
    """Bad content in a data file. The message names the file and the item."""

    def __init__(self, path: Path | str, item: str | None, problem: str) -> None:
        self.path = str(path)
        self.item = item
        self.problem = problem
        where = f"{self.path}: {item}" if item else self.path
        super().__init__(f"{where}: {problem}")


@contextmanager
def loading(name: str, error: type[DataError] = DataError) -> Iterator[None]:
    """Load a data file: an unexpected exception (a bug, or data no check foresaw) still names the file."""
    try:
        yield
    except DataError:
        raise
    except Exception as unexpected:
        problem = f"unexpected {type(unexpected).__name__} while loading: {unexpected}"
        raise error(name, None, problem) from unexpected


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml parses ~10x faster when present


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML that refuses a key given twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}' (a second value would silently win)", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str, name: str, locate: Callable[[str, int], str | None] | None = None) -> Any:
    """Parse YAML text. A syntax error becomes a DataError naming the file, the line and, when
    `locate(text, line)` finds it, the item (question, node, …) the line belongs to."""
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as error:
        # context_mark is where the broken construct began: an unclosed quote, say, is only
        # noticed at the end of the file, but it lies in the item where it was opened.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        item = locate(text, line) if locate and line else None
        where = f" at line {line}" if line else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(name, item, f"YAML syntax error{where}: {problem}") from error


def read_yaml(path: Path, locate: Callable[[str, int], str | None] | None = None) -> Any:
    """Read and parse a data file (see parse_yaml); errors name the file relative to the repository."""
    name = relative(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(name, None, f"cannot read file ({error.strerror})") from error
    return parse_yaml(text, name, locate)


def check_fields(
    path: Path | str,
    item: str,
    record: Any,
    required: Iterable[str],
    optional: Iterable[str] = (),
) -> Mapping[str, Any]:
    """Require a mapping with every required field and no field outside the two lists."""
    if not isinstance(record, Mapping):
        raise DataError(path, item, f"expected a mapping of fields, got {type(record).__name__}")
    required, optional = list(required), list(optional)
    missing = [name for name in required if name not in record or record[name] in (None, "")]
    if missing:
        raise DataError(path, item, f"missing field(s): {', '.join(missing)}")
    unknown = sorted(set(record) - set(required) - set(optional))
    if unknown:
        allowed = ", ".join(required + optional)
        raise DataError(path, item, f"unknown field(s): {', '.join(unknown)} (allowed: {allowed})")
    return record


def check_translations(path: Path | str, item: str, field: str, value: Any) -> dict[str, str]:
    """Require a {zh: ..., en: ...} mapping of non-empty strings."""
    if not isinstance(value, Mapping):
        raise DataError(path, item, f"field '{field}' must map each language (zh, en) to text")
    missing = [lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        raise DataError(path, item, f"field '{field}' is missing its translation: {', '.join(missing)}")
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise DataError(path, item, f"field '{field}' has unknown language(s): {', '.join(unknown)}")
    return {lang: value[lang].strip() for lang in LANGUAGES}


def files_stamp(paths: Iterable[Path]) -> tuple[tuple[str, float], ...]:
    """A cache key that changes when one of the files changes, appears or goes (for `make serve`)."""
    return tuple((str(path), path.stat().st_mtime) for path in sorted(paths))


# Stamps taken during the current build, by key; None outside a build. The loaders ask for their
# stamp at every macro call (the references at every citation, the interface strings at every
# widget: thousands of globs and stats per build), but the data files do not change while one
# language is built, so each stamp is taken once per build: hooks/build_stamps.py starts a build at
# MkDocs' pre-build (every language, every `mkdocs serve` rebuild) and ends it at post-build.
_build_stamps: dict[object, tuple[tuple[str, float], ...]] | None = None


def begin_build() -> None:
    global _build_stamps
    _build_stamps = {}


def end_build() -> None:
    global _build_stamps
    _build_stamps = None


def build_stamp(key: object, paths: Callable[[], Iterable[Path]]) -> tuple[tuple[str, float], ...]:
    """files_stamp(paths()), taken once per build for `key` (outside a build: every time)."""
    if _build_stamps is None:
        return files_stamp(paths())
    stamp = _build_stamps.get(key)
    if stamp is None:
        stamp = _build_stamps[key] = files_stamp(paths())
    return stamp


def relative(path: Path) -> str:
    """A path as contributors see it: relative to the repository root."""
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)
