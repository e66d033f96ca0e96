"""Each template override differs from the installed Material only by its recorded, documented
change (scripts/override_diffs.py explains the records in tests/data/override-diffs/)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT

_spec = importlib.util.spec_from_file_location("override_diffs", REPO_ROOT / "scripts" / "override_diffs.py")
assert _spec and _spec.loader
override_diffs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(override_diffs)

COPIED = [name for name in override_diffs.overrides() if name not in override_diffs.OWN]


def test_there_are_overrides_to_guard() -> None:
    assert {"main.html", "base.html", "partials/nav-item.html", "partials/search.html"} <= set(COPIED)


@pytest.mark.parametrize("name", COPIED)
def test_the_override_differs_from_material_only_as_recorded(name: str) -> None:
    recorded = override_diffs.record_path(name)
    assert recorded.is_file(), f"overrides/{name} has no record: run scripts/override_diffs.py --update after review"
    assert override_diffs.record(name) == recorded.read_text(encoding="utf-8"), (
        f"overrides/{name} no longer differs from Material {override_diffs.UPSTREAM.parent.name} as recorded in "
        f"{recorded.relative_to(REPO_ROOT)}: Material changed upstream, or the override changed. Review the "
        "difference, keep the override's header comment true, then run scripts/override_diffs.py --update."
    )


@pytest.mark.parametrize("name", sorted(override_diffs.OWN))
def test_our_own_partials_do_not_shadow_a_material_file(name: str) -> None:
    assert (REPO_ROOT / "overrides" / name).is_file()
    assert not (override_diffs.UPSTREAM / name).exists(), f"Material now has {name}: ours would shadow it"


def test_a_changed_upstream_line_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    upstream = tmp_path / "templates"
    (upstream / "partials").mkdir(parents=True)
    original = (override_diffs.UPSTREAM / "partials" / "search.html").read_text(encoding="utf-8")
    (upstream / "partials" / "search.html").write_text(original.replace("md-search__inner", "md-search__body"))
    monkeypatch.setattr(override_diffs, "UPSTREAM", upstream)
    recorded = override_diffs.record_path("partials/search.html").read_text(encoding="utf-8")
    assert override_diffs.record("partials/search.html") != recorded


def test_a_changed_upstream_block_of_base_html_is_caught(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    upstream = tmp_path / "templates"
    upstream.mkdir()
    original = (override_diffs.UPSTREAM / "base.html").read_text(encoding="utf-8")
    (upstream / "base.html").write_text(original.replace('<meta charset="utf-8">', '<meta charset="UTF-8">'))
    monkeypatch.setattr(override_diffs, "UPSTREAM", upstream)
    recorded = override_diffs.record_path("main.html").read_text(encoding="utf-8")
    assert override_diffs.record("main.html") != recorded


def test_an_override_without_its_explaining_comment_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "search.html").write_text("<div>no comment</div>\n", encoding="utf-8")
    monkeypatch.setattr(override_diffs, "OVERRIDES", tmp_path / "overrides")
    with pytest.raises(ValueError, match="must start with a"):
        override_diffs.record("partials/search.html")
