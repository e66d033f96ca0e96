"""The strict build is a live gate: it passes on the real docs and fails on planted defects."""

from __future__ import annotations

from pathlib import Path

from tests.site_build import BuildResult, build, copy_project


def test_site_builds_strictly_in_both_languages(site: BuildResult) -> None:
    assert (site.site_dir / "index.html").is_file()
    assert (site.site_dir / "en" / "index.html").is_file()


def _plant(tmp_path: Path, page: str, text: str) -> BuildResult:
    project = copy_project(tmp_path / "project")
    with (project / "docs" / page).open("a", encoding="utf-8") as handle:
        handle.write(text)
    return build(project, tmp_path / "site")


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    result = _plant(tmp_path, "index.md", "\n\n[坏链接](no-such-page.md)\n")
    assert result.returncode != 0
    assert "no-such-page.md" in result.log


def test_a_broken_anchor_fails_the_build(tmp_path: Path) -> None:
    result = _plant(tmp_path, "index.en.md", "\n\n[broken anchor](index.md#no-such-heading)\n")
    assert result.returncode != 0
    assert "no-such-heading" in result.log


def test_an_unknown_macro_fails_the_build(tmp_path: Path) -> None:
    result = _plant(tmp_path, "index.md", "\n\n{{ no_such_macro() }}\n")
    assert result.returncode != 0
    assert "no_such_macro" in result.log
