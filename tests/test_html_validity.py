"""Every built page is valid HTML by the Nu HTML Checker (vnu.jar, pinned in package.json), theme included."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT, html_pages

VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(*paths: Path) -> list[dict]:
    """The checker's errors for the given files or folders (warnings and info are not errors)."""
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `make test` (npm ci installs it)")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java not found: run `make test` (scripts/ensure-tools.sh installs it)")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    return [message for message in messages if message["type"] == "error" or message.get("subType") == "fatal"]


PLANTED = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>'
    '<input type="checkbox" id="a" autocomplete="off"><label for="a" tabindex="">x</label></body></html>'
)


@pytest.fixture(scope="module")
def checked(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], Path]:
    """One run of the checker (one Java start) over the built site and the planted page."""
    planted = tmp_path_factory.mktemp("vnu") / "planted.html"
    planted.write_text(PLANTED, encoding="utf-8")
    return vnu(site_dir, planted), planted


def _about(errors: list[dict], page: Path) -> list[dict]:
    return [error for error in errors if error.get("url", "").endswith("/" + page.name)]


def test_every_built_page_has_no_html_errors(site_dir: Path, checked: tuple[list[dict], Path]) -> None:
    assert len(html_pages(site_dir)) >= 20
    all_errors, planted = checked
    errors = [error for error in all_errors if error not in _about(all_errors, planted)]
    report = "\n".join(
        f"{error['url'].split(str(site_dir))[-1]}:{error.get('lastLine')}: {error['message']}" for error in errors[:20]
    )
    assert not errors, f"{len(errors)} HTML errors:\n{report}"


def test_the_checker_finds_the_theme_defects_the_overrides_fix(checked: tuple[list[dict], Path]) -> None:
    all_errors, planted = checked
    messages = " ".join(error["message"] for error in _about(all_errors, planted))
    assert "tabindex" in messages
    assert "autocomplete" in messages
