"""JS and CSS lint: ESLint (eslint.config.js) and Stylelint (.stylelintrc.json), pinned in package.json.

ESLint runs its recommended rules over every script of the repository (the site's assets/*.js and
the Node unit tests in tests/js/); Stylelint runs stylelint-config-standard over assets/*.css with
the rules that fight Material's conventions turned off (CONTRIBUTING.en.md says why, rule by rule).
A failure shows the linter's own report. The planted defects prove each linter reads the
repository's configuration and fails on a real bug.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.site_build import REPO_ROOT

pytestmark = pytest.mark.unit

BIN = REPO_ROOT / "node_modules" / ".bin"
SCRIPTS = sorted(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "assets").glob("*.js"))
STYLES = sorted(path.relative_to(REPO_ROOT).as_posix() for path in (REPO_ROOT / "assets").glob("*.css"))


def run(tool: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    if not executable.is_file():
        pytest.fail(f"{executable.relative_to(REPO_ROOT)} is missing: run `make test` (it runs npm ci)")
    return subprocess.run(
        [str(executable), *args], cwd=REPO_ROOT, input=stdin, capture_output=True, text=True, timeout=180
    )


def eslint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run("eslint", "--max-warnings", "0", *args, stdin=stdin)


def stylelint(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run("stylelint", "--max-warnings", "0", *args, stdin=stdin)


@pytest.fixture(scope="module")
def eslint_report() -> list[dict]:
    """One ESLint run over the whole repository, as JSON (one entry per file linted)."""
    result = eslint("--format", "json", ".")
    if result.returncode not in (0, 1):  # 2: the configuration or ESLint itself failed
        pytest.fail(f"ESLint did not run:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def stylelint_report() -> list[dict]:
    result = stylelint("--formatter", "json", "assets/**/*.css")
    if result.returncode not in (0, 2):  # 2: lint problems; anything else: Stylelint failed
        pytest.fail(f"Stylelint did not run:\n{result.stdout}{result.stderr}")
    return json.loads(result.stdout or result.stderr)


def test_every_script_passes_eslint(eslint_report: list[dict]) -> None:
    problems = [
        f"{entry['filePath']}:{message.get('line')}:{message.get('column')}"
        f" {message['message']} ({message.get('ruleId')})"
        for entry in eslint_report
        for message in entry["messages"]
    ]
    assert problems == [], "ESLint (node_modules/.bin/eslint .):\n" + "\n".join(problems)


def test_every_stylesheet_passes_stylelint(stylelint_report: list[dict]) -> None:
    problems = [
        f"{entry['source']}:{warning['line']}:{warning['column']} {warning['text']}"
        for entry in stylelint_report
        for warning in entry["warnings"]
    ]
    assert problems == [], "Stylelint (node_modules/.bin/stylelint 'assets/**/*.css'):\n" + "\n".join(problems)


def test_the_linters_cover_every_script_and_stylesheet(eslint_report: list[dict], stylelint_report: list[dict]) -> None:
    linted_scripts = {Path(entry["filePath"]).relative_to(REPO_ROOT).as_posix() for entry in eslint_report}
    linted_styles = {Path(entry["source"]).relative_to(REPO_ROOT).as_posix() for entry in stylelint_report}
    assert SCRIPTS and set(SCRIPTS) <= linted_scripts
    assert STYLES and set(STYLES) <= linted_styles
    assert not any(path.startswith("node_modules/") for path in linted_scripts)


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("(function () {\n  handbookTypo();\n})();\n", "no-undef"),
        ("(function () {\n  var unused = 1;\n})();\n", "no-unused-vars"),
        ("(function () {\n  if (location.hash = '#x') history.back();\n})();\n", "no-cond-assign"),
    ],
    ids=["undefined-name", "unused-variable", "assignment-in-condition"],
)
def test_a_planted_script_defect_fails_eslint(code: str, rule: str) -> None:
    result = eslint("--stdin", "--stdin-filename", "assets/planted.js", stdin=code)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "planted.js" in result.stdout and "2:" in result.stdout and rule in result.stdout, result.stdout


def test_a_site_script_may_use_browser_globals_and_export_for_node() -> None:
    code = (
        '(function () {\n  "use strict";\n  var api = { ready: function () { return document.readyState; } };\n'
        '  if (typeof module !== "undefined" && module.exports) module.exports = api;\n'
        '  else window.HandbookExample = api;\n  localStorage.getItem("x");\n})();\n'
    )
    result = eslint("--stdin", "--stdin-filename", "assets/planted.js", stdin=code)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        (".md-typeset .x {\n  colr: red;\n}\n", "property-no-unknown"),
        (".md-typeset .x {\n  color: #ffff0;\n}\n", "declaration-property-value-no-unknown"),
        (".md-typeset .x {\n  color: red;\n  color: blue;\n}\n", "declaration-block-no-duplicate-properties"),
    ],
    ids=["unknown-property", "invalid-colour", "duplicate-property"],
)
def test_a_planted_stylesheet_defect_fails_stylelint(code: str, rule: str) -> None:
    result = stylelint("--stdin-filename", "assets/planted.css", stdin=code)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "planted.css" in output and rule in output, output


def test_material_s_conventions_pass_stylelint() -> None:
    """BEM class names and custom properties (as Material writes them) and one-line rules are allowed."""
    code = (
        "/* Material's names: block__element--modifier, --md-…--light. */\n"
        ".md-typeset .qa-chip__text--active { color: var(--md-default-fg-color--light); }\n"
        ".md-typeset .qa-chip__count { --handbook-ring__width--thin: 1px; }\n\n"
        "@media screen and (min-width: 45em) {\n  .md-typeset .qa-chip { margin: 0; padding: 0; }\n}\n"
    )
    result = stylelint("--stdin-filename", "assets/planted.css", stdin=code)
    assert result.returncode == 0, result.stdout + result.stderr
