"""One end-to-end build with planted defects, shared by the tests that need a fresh-process build.

A strict `mkdocs build` (tests.support.build.build) of a copy of the project, outside any git
repository, with three plants:
- a link to a page that does not exist (index.md) and a link to a missing anchor (index.en.md):
  each is a WARNING, and under --strict MkDocs fails a build on any WARNING it logs (its counter
  sees every record of the `mkdocs` logger). mkdocs-static-i18n builds English inside the
  Chinese build, so the English build's "Aborted with 1 warnings in strict mode!" is the one
  printed, and the Chinese warning is counted by the outer build;
- a front-matter description that tries to break out of its <meta> attributes (methods.en.md):
  it must produce no warning and stay inside the attribute.
The missing git history must produce no warning either. MkDocs writes every page before it aborts,
so the pages of this one build serve the description and the no-git tests as well: one build
instead of four. Each test asserts its own part; test_build checks that the two planted links are
the only warnings, which is what "the rest of the build passes" means under --strict.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.support.build import BuildResult, PendingBuild, copy_project

BROKEN_LINK = "no-such-page.md"
BROKEN_ANCHOR = "no-such-heading"
HOSTILE_DESCRIPTION = '"><script>alert(1)</script><meta x="'
DESCRIPTION_PAGE = "methods.en.md"  # built at en/methods/
PLANTED_WARNINGS = 2  # one per planted link


def _append(page: Path, text: str) -> None:
    with page.open("a", encoding="utf-8") as handle:
        handle.write(text)


def start_planted_build(workdir: Path) -> PendingBuild:
    project = copy_project(workdir / "project")  # outside any git repository, like a source tarball
    docs = project / "docs"
    _append(docs / "index.md", f"\n\n[坏链接]({BROKEN_LINK})\n")
    _append(docs / "index.en.md", f"\n\n[broken anchor](index.md#{BROKEN_ANCHOR})\n")
    page = docs / DESCRIPTION_PAGE
    text = page.read_text(encoding="utf-8")
    planted = re.sub(r"(?m)^description: .*$", f"description: '{HOSTILE_DESCRIPTION}'", text, count=1)
    assert planted != text, f"docs/{DESCRIPTION_PAGE} has no description line to replace"
    page.write_text(planted, encoding="utf-8")
    return PendingBuild(project, workdir / "site")


def unplanted_warnings(result: BuildResult) -> list[str]:
    """The warnings of the planted build that are not about the two planted links."""
    return [line for line in result.warnings() if BROKEN_LINK not in line and BROKEN_ANCHOR not in line]
