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

from tests.support.build import REPO_ROOT

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


# What the site's scripts may do (browser globals, an export to Node), and three planted bugs, each
# on its own line: ESLint must report exactly those three.
PLANTED_SCRIPT = """(function () {
  "use strict";
  var api = { ready: function () { return document.readyState + localStorage.getItem("x"); } };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else window.HandbookExample = api;
  handbookTypo();
  var unused = 1;
  var hash; if (hash = location.hash) history.replaceState(null, "", hash);
})();
"""
PLANTED_SCRIPT_PROBLEMS = {(6, "no-undef"), (7, "no-unused-vars"), (8, "no-cond-assign")}

# Material's conventions (BEM class and custom property names, one-line rules, min-width media
# queries) and three planted bugs: Stylelint must report exactly those three.
PLANTED_STYLESHEET = """/* Material's names: block__element--modifier, --md-…--light. */
.md-typeset .qa-chip__text--active { color: var(--md-default-fg-color--light); }
.md-typeset .qa-chip__count { --handbook-ring__width--thin: 1px; }

@media screen and (min-width: 45em) {
  .md-typeset .qa-chip { margin: 0; padding: 0; }
}

.md-typeset .x {
  colr: red;
  background-color: #ffff0;
  color: red;
  color: blue;
}
"""
PLANTED_STYLESHEET_PROBLEMS = {
    (10, "property-no-unknown"),
    (11, "declaration-property-value-no-unknown"),
    (12, "declaration-block-no-duplicate-properties"),
}


def test_eslint_reports_exactly_the_planted_bugs() -> None:
    result = eslint("--format", "json", "--stdin", "--stdin-filename", "assets/planted.js", stdin=PLANTED_SCRIPT)
    assert result.returncode == 1, result.stdout + result.stderr
    [report] = json.loads(result.stdout)
    assert {(message["line"], message["ruleId"]) for message in report["messages"]} == PLANTED_SCRIPT_PROBLEMS


def test_stylelint_reports_exactly_the_planted_bugs() -> None:
    result = stylelint("--formatter", "json", "--stdin-filename", "assets/planted.css", stdin=PLANTED_STYLESHEET)
    assert result.returncode == 2, result.stdout + result.stderr
    [report] = json.loads(result.stdout or result.stderr)
    assert {(warning["line"], warning["rule"]) for warning in report["warnings"]} == PLANTED_STYLESHEET_PROBLEMS
