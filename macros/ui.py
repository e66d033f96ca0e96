"""The interface strings of the widgets: one catalogue per language, data/ui/<lang>.yml.

Each catalogue maps a namespace (one per widget: decision_tree, questions, …) to its strings.
Every language must have the same namespaces and keys; a missing one fails the build with the
file and the key it is missing from. (Placeholders may differ: an English first mention of a
term has no {english}, the Chinese one does.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from macros.data_files import DATA_DIR, DataError, build_stamp, loading, read_yaml, relative
from macros.languages import site_languages
from macros.schemas.base import validate
from macros.schemas.ui import UiCatalogue

UI_DIR = DATA_DIR / "ui"

Catalogue = dict[str, dict[str, str]]

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
# Templates read `ui.name`, and Jinja looks a name up as an attribute first: a key called `keys`
# or `items` would print the dict's method instead of the text.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def _read_catalogue(path: Path) -> Catalogue:
    """One language's strings. Shape: macros/schemas/ui.py (namespace → {key: text}, every text a string)."""
    name = relative(path)
    with loading(name):
        data = validate(UiCatalogue, read_yaml(path) or {}, name, "namespace").root
    for namespace, texts in data.items():
        for key in texts:
            where = f"{namespace}.{key}"
            if not _KEY.match(key):
                raise DataError(name, where, "a key is lowercase letters, digits and underscores")
            if key in _DICT_ATTRIBUTES:
                raise DataError(
                    name, where, f"'{key}' is the name of a dict method, which templates would print: rename it"
                )
    return data


def _compare(catalogues: dict[str, Catalogue], directory: Path) -> None:
    """Every catalogue has every namespace and key that another one has."""
    for lang, catalogue in catalogues.items():
        name = relative(directory / f"{lang}.yml")
        for other_lang, other in catalogues.items():
            if other_lang == lang:
                continue
            other_name = relative(directory / f"{other_lang}.yml")
            for namespace, texts in other.items():
                if namespace not in catalogue:
                    raise DataError(name, namespace, f"missing namespace (it is in {other_name})")
                for key in texts:
                    if key not in catalogue[namespace]:
                        raise DataError(name, f"{namespace}.{key}", f"missing key (it is in {other_name})")


def load_catalogues(directory: Path = UI_DIR, languages: tuple[str, ...] | None = None) -> dict[str, Catalogue]:
    """Every language's catalogue, checked against each other (and against `languages`, when given)."""
    catalogues = {path.stem: _read_catalogue(path) for path in sorted(directory.glob("*.yml"))}
    if languages is not None:
        for lang in languages:
            if lang not in catalogues:
                problem = f"no interface strings for language '{lang}'"
                raise DataError(relative(directory / f"{lang}.yml"), None, problem)
        for lang in sorted(set(catalogues) - set(languages)):
            problem = f"'{lang}' is not among the languages of mkdocs.yml (plugins.i18n.languages)"
            raise DataError(relative(directory / f"{lang}.yml"), None, problem)
    _compare(catalogues, directory)
    return catalogues


@lru_cache(maxsize=1)
def _catalogues(stamp: tuple[tuple[str, float], ...]) -> dict[str, Catalogue]:
    return load_catalogues(UI_DIR, site_languages())


def strings(lang: str, namespace: str) -> dict[str, str]:
    """The strings of one widget in one language."""
    directory = UI_DIR
    catalogues = _catalogues(build_stamp(("ui", directory), lambda: directory.glob("*.yml")))
    catalogue = catalogues.get(lang)
    if catalogue is not None and namespace in catalogue:
        return catalogue[namespace]
    path = relative(UI_DIR / f"{lang}.yml")  # only for the error: resolving a path at every call is slow
    if catalogue is None:
        raise DataError(path, None, f"no interface strings for language '{lang}'")
    raise DataError(path, namespace, "no such namespace")
