"""The Python (macros, hooks, scripts, tests) is ruff clean: lint and format, config in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.build import REPO_ROOT

RUFF = [sys.executable, "-m", "ruff"]


def ruff(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RUFF, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_ruff_check_passes() -> None:
    result = ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_every_file_unchanged() -> None:
    result = ruff("format", "--check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def _planted(tmp_path: Path, source: str) -> Path:
    """A throwaway project with the repository's ruff settings and one Python file."""
    (tmp_path / "pyproject.toml").write_text((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (tmp_path / "planted.py").write_text(source, encoding="utf-8")
    return tmp_path


def test_ruff_check_reports_a_planted_unused_import(tmp_path: Path) -> None:
    result = ruff("check", "--no-cache", ".", cwd=_planted(tmp_path, "import os\n"))
    assert result.returncode != 0
    assert "F401" in result.stdout


def test_ruff_format_reports_a_planted_badly_formatted_file(tmp_path: Path) -> None:
    result = ruff("format", "--check", "--no-cache", ".", cwd=_planted(tmp_path, "x = [1,2 ,3]\n"))
    assert result.returncode != 0
    assert "planted.py" in result.stdout
