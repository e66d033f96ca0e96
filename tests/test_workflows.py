"""The workflows and the Dependabot config pass zizmor offline; Dependabot keeps the pinned actions current."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.build import REPO_ROOT

ZIZMOR = Path(sys.executable).parent / "zizmor"


def zizmor(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_workflows_pass_zizmor() -> None:
    result = zizmor(REPO_ROOT / ".github")  # the workflows and dependabot.yml
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_a_template_injection_and_an_unpinned_action(tmp_path: Path) -> None:
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copy(REPO_ROOT / ".github" / "workflows" / "ci.yml", workflows / "ci.yml")
    text = (workflows / "ci.yml").read_text(encoding="utf-8")
    text = text.replace(
        "      - name: Test (make test)\n",
        "      - uses: actions/cache@v4\n"
        '      - name: Planted\n        run: echo "${{ github.event.pull_request.title }}"\n'
        "      - name: Test (make test)\n",
    )
    (workflows / "ci.yml").write_text(text, encoding="utf-8")
    result = zizmor(workflows)
    assert result.returncode != 0
    assert "template-injection" in result.stdout
    assert "unpinned-uses" in result.stdout


def test_dependabot_updates_the_pinned_actions() -> None:
    config = yaml.safe_load((REPO_ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert ecosystems["github-actions"]["directory"] == "/"
