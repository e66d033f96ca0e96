"""The site's languages, read from the i18n plugin's settings in mkdocs.yml.

mkdocs.yml is the one place that lists them (plugins.i18n.languages, the default first by the
plugin's `default: true`); data validation, page file names and URLs, and the interface
catalogues (data/ui/<lang>.yml) all follow it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

MKDOCS_YML = Path(__file__).resolve().parent.parent / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' tags (!ENV, !!python/name:…) as null: only the languages matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def _languages(config_file: Path) -> tuple[tuple[str, ...], str]:
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    plugins: list[Any] = config.get("plugins") or []
    i18n = next((p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p), None)
    entries = (i18n or {}).get("languages") or []
    locales = [entry.get("locale") for entry in entries if isinstance(entry, dict)]
    if not locales or not all(isinstance(locale, str) and locale for locale in locales):
        raise ValueError(f"{config_file.name}: plugins.i18n.languages must list each language's locale")
    defaults = [entry["locale"] for entry in entries if entry.get("default")]
    if len(defaults) != 1:
        raise ValueError(f"{config_file.name}: exactly one language in plugins.i18n.languages needs default: true")
    default = defaults[0]
    return (default, *(locale for locale in locales if locale != default)), default


def site_languages(config_file: Path = MKDOCS_YML) -> tuple[str, ...]:
    """Every language of the site, the default (the source language, served at /) first."""
    return _languages(config_file)[0]


def default_language(config_file: Path = MKDOCS_YML) -> str:
    """The language whose pages are page.md and whose URLs have no /<lang>/ prefix."""
    return _languages(config_file)[1]
