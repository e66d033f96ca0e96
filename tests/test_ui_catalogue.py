"""The interface strings: one catalogue per language (data/ui/<lang>.yml), the same keys in each,
and catalogue texts filled into templates without becoming markup (macros/ui.py, macros/templating.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from markupsafe import Markup

from macros import practice, ui
from macros.data_files import DataError
from macros.decision_tree import decision_tree
from macros.decision_tree_render import render_tree
from macros.templating import fill
from macros.ui import UI_DIR, load_catalogues


def _write(directory: Path, lang: str, text: str) -> None:
    (directory / f"{lang}.yml").write_text(text, encoding="utf-8")


def test_the_real_catalogues_have_the_same_namespaces_and_keys() -> None:
    catalogues = load_catalogues(UI_DIR)
    assert set(catalogues) == {"zh", "en"}
    assert {ns: set(texts) for ns, texts in catalogues["zh"].items()} == {
        ns: set(texts) for ns, texts in catalogues["en"].items()
    }


def test_a_key_missing_in_one_language_is_an_error_naming_the_file_and_the_key(tmp_path: Path) -> None:
    _write(tmp_path, "zh", "practice:\n  reveal: 显示答案\n  reset: 重置进度\n")
    _write(tmp_path, "en", "practice:\n  reveal: Show answer\n")
    with pytest.raises(DataError) as error:
        load_catalogues(tmp_path)
    assert error.value.path.endswith("en.yml")
    assert error.value.item == "practice.reset"
    assert "missing key" in error.value.problem and "zh.yml" in error.value.problem


def test_a_namespace_missing_in_one_language_is_an_error_naming_it(tmp_path: Path) -> None:
    _write(tmp_path, "zh", "practice:\n  reveal: 显示答案\n")
    _write(tmp_path, "en", "practice:\n  reveal: Show answer\nglossary:\n  header_abbr: Abbr.\n")
    with pytest.raises(DataError) as error:
        load_catalogues(tmp_path)
    assert error.value.path.endswith("zh.yml")
    assert error.value.item == "glossary"


def test_a_site_language_without_a_catalogue_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "zh", "practice:\n  reveal: 显示答案\n")
    with pytest.raises(DataError, match="no interface strings for language 'fr'"):
        load_catalogues(tmp_path, ("zh", "fr"))


def test_a_key_named_like_a_dict_method_is_refused(tmp_path: Path) -> None:
    # Jinja reads ui.keys as the dict's method, so the page would show "<built-in method keys ...>".
    _write(tmp_path, "zh", "practice:\n  keys: 键盘\n")
    with pytest.raises(DataError, match="dict method") as error:
        load_catalogues(tmp_path)
    assert error.value.item == "practice.keys"


def test_a_value_that_is_not_text_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "en", "practice:\n  reveal: yes\n")
    with pytest.raises(DataError, match="not text; put it in quotes") as error:
        load_catalogues(tmp_path)
    assert "en.yml: field 'practice.reveal'" in str(error.value)  # the file and the key


def test_fill_escapes_the_text_and_the_plain_values_but_keeps_markup_values() -> None:
    filled = fill("<b>{key}</b> & {name}", key=Markup("<kbd>1</kbd>"), name="<i>")
    assert filled == "&lt;b&gt;<kbd>1</kbd>&lt;/b&gt; &amp; &lt;i&gt;"


def test_fill_names_a_placeholder_that_has_no_value() -> None:
    with pytest.raises(ValueError, match=r"\{left\}"):
        fill("{left} left in this round", round="1")


def test_a_catalogue_for_a_language_the_site_does_not_have_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "zh", "practice:\n  reveal: 显示答案\n")
    _write(tmp_path, "fr", "practice:\n  reveal: Montrer\n")
    with pytest.raises(DataError, match=r"not among the languages of mkdocs\.yml") as error:
        load_catalogues(tmp_path, ("zh",))
    assert error.value.path.endswith("fr.yml")


def test_catalogue_texts_render_as_text_not_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A translator's text is escaped like data: markup in it shows as written, in every widget."""
    hostile = '<img src=x onerror="alert(1)"> {x} & "'
    for path in UI_DIR.glob("*.yml"):
        catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
        catalogue["practice"]["reveal"] = hostile
        catalogue["practice"]["shortcuts"] = "{space} " + hostile.replace("{x}", "")
        catalogue["decision_tree"]["back"] = hostile
        (tmp_path / path.name).write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(ui, "UI_DIR", tmp_path)
    deck = practice.render_deck("en", "en/practice/")
    tree = render_tree(decision_tree("should-i-fine-tune"), "zh", "when-to-fine-tune/")
    for html in (deck, tree):
        assert "<img" not in html
        assert "&lt;img src=x onerror=" in html
    assert "<kbd>Space</kbd> &lt;img" in deck
