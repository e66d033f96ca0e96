"""Build helpers shared by the tests: copy the project, build it, collect the pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# Everything a build reads. A test that plants a defect edits a copy, never the real tree.
BUILD_INPUTS = ("mkdocs.yml", "docs", "macros", "hooks", "overrides", "assets", "data", "recipes")
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    log: str
    site_dir: Path


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


def build(project_dir: Path, site_dir: Path, site_url: str | None = None) -> BuildResult:
    """`mkdocs build --strict` of project_dir into site_dir (run from project_dir, like make)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    completed = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site_dir)


def html_pages(site_dir: Path) -> list[Path]:
    """Every built HTML page (both languages), without the search and asset folders."""
    return sorted(
        path for path in site_dir.rglob("*.html") if path.relative_to(site_dir).parts[0] not in ("assets", "search")
    )
