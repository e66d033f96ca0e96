"""The site's languages come from mkdocs.yml (plugins.i18n.languages), not from lists in macros/."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.data_files import LANGUAGES
from macros.doc_links import site_path, source_file
from macros.languages import MKDOCS_YML, default_language, site_languages

CONFIG = """\
site_name: Test
site_url: !ENV [SITE_URL, "https://example.org/"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - i18n:
      languages:
{languages}
"""


def _config(tmp_path: Path, languages: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(CONFIG.format(languages=languages), encoding="utf-8")
    return path


def test_the_real_site_has_chinese_first_then_english() -> None:
    assert site_languages(MKDOCS_YML) == ("zh", "en")
    assert default_language(MKDOCS_YML) == "zh"
    assert site_languages() == LANGUAGES


def test_a_third_language_in_mkdocs_yml_is_a_site_language_after_the_default(tmp_path: Path) -> None:
    languages = (
        "        - locale: en\n          build: true\n"
        "        - locale: zh\n          default: true\n"
        "        - locale: fr\n          name: Français\n"
    )
    config = _config(tmp_path, languages)
    assert site_languages(config) == ("zh", "en", "fr")
    assert default_language(config) == "zh"


def test_a_config_without_a_default_language_is_an_error(tmp_path: Path) -> None:
    config = _config(tmp_path, "        - locale: zh\n        - locale: en\n")
    with pytest.raises(ValueError, match="default: true"):
        site_languages(config)


def test_page_files_and_urls_follow_the_default_language() -> None:
    assert source_file("methods.md", "zh").name == "methods.md"
    assert source_file("methods.md", "en").name == "methods.en.md"
    assert site_path("methods.md", "zh") == "methods/"
    assert site_path("methods.md", "en") == "en/methods/"
    assert site_path("index.md", "en") == "en/"
