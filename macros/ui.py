"""The interface strings of the widgets: one catalogue per language, data/ui/<lang>.yml.

Each catalogue maps a namespace (one per widget: decision_tree, questions, …) to its strings.
Every language must have the same namespaces and keys; a missing one fails the build.
"""

from __future__ import annotations

from functools import lru_cache

from macros.data_files import DATA_DIR, DataError, files_stamp, loading, read_yaml, relative
from macros.schemas.base import validate
from macros.schemas.ui import UiCatalogue

UI_DIR = DATA_DIR / "ui"


@lru_cache(maxsize=1)
def _catalogues(stamp: tuple[tuple[str, float], ...]) -> dict[str, dict[str, dict[str, str]]]:
    catalogues = {}
    for path in sorted(UI_DIR.glob("*.yml")):
        # Schema: macros/schemas/ui.py (namespace → {key: text}, every text a string).
        with loading(relative(path)):
            catalogues[path.stem] = validate(UiCatalogue, read_yaml(path), relative(path), "namespace").root
    return catalogues


def strings(lang: str, namespace: str) -> dict[str, str]:
    """The strings of one widget in one language."""
    catalogues = _catalogues(files_stamp(UI_DIR.glob("*.yml")))
    path = relative(UI_DIR / f"{lang}.yml")
    if lang not in catalogues:
        raise DataError(path, None, f"no interface strings for language '{lang}'")
    if namespace not in catalogues[lang]:
        raise DataError(path, namespace, "no such namespace")
    return catalogues[lang][namespace]
