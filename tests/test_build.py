"""The strict build is a live gate: it passes on the real docs and fails on planted defects.

The broken link and the broken anchor are planted together in one fresh-process build (the
`planted_site` fixture, tests.support.planted); the unknown macro aborts at its page, so it runs
in-process, where the build needs no new interpreter.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.build import BuildResult, build_in_process, copy_project
from tests.support.planted import BROKEN_ANCHOR, BROKEN_LINK, PLANTED_WARNINGS, unplanted_warnings


def test_site_builds_strictly_in_both_languages(site: BuildResult) -> None:
    assert (site.site_dir / "index.html").is_file()
    assert (site.site_dir / "en" / "index.html").is_file()


def test_a_broken_link_fails_the_build(planted_site: BuildResult) -> None:
    assert planted_site.returncode != 0
    assert any(BROKEN_LINK in line for line in planted_site.warnings()), planted_site.log


def test_a_broken_anchor_fails_the_build(planted_site: BuildResult) -> None:
    assert planted_site.returncode != 0
    assert any(BROKEN_ANCHOR in line for line in planted_site.warnings()), planted_site.log


def test_each_planted_link_alone_is_what_fails_the_build(planted_site: BuildResult) -> None:
    # Two warnings, one per planted link, and no other: strict mode fails on any warning, so each
    # planted link alone would fail the build, and nothing else in the planted build (the hostile
    # description, the missing git history) warns.
    assert unplanted_warnings(planted_site) == []
    assert len(planted_site.warnings()) == PLANTED_WARNINGS, planted_site.log
    assert "warnings in strict mode!" in planted_site.log


def test_an_unknown_macro_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as handle:
        handle.write("\n\n{{ no_such_macro() }}\n")
    result = build_in_process(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no_such_macro" in result.log
