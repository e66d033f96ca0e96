"""The JavaScript unit tests (tests/js/*.test.js), run with Node's own test runner: `node --test tests/js/`.

They require the very files the site serves (assets/practice.js exports its scheduling functions
and assets/widgets.js its registry to Node through `module.exports`), without a browser or a DOM.
A failure shows the runner's report; a run that finds fewer test files or tests than tests/js/
holds fails too, so a test file that stops loading cannot pass by running nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.site_build import REPO_ROOT

pytestmark = pytest.mark.unit

JS_TESTS = REPO_ROOT / "tests" / "js"


def node_test(*paths: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JavaScript unit tests run in Node (tests/js/)")
    return subprocess.run(
        [node, "--test", "--test-reporter=tap", *paths], cwd=REPO_ROOT, capture_output=True, text=True, timeout=180
    )


def summary(output: str, name: str) -> int:
    found = re.search(rf"^# {name} (\d+)$", output, re.MULTILINE)
    assert found is not None, f"no '# {name}' line in the node --test report:\n{output}"
    return int(found.group(1))


@pytest.fixture(scope="module")
def run() -> subprocess.CompletedProcess[str]:
    return node_test("tests/js/")


def test_every_javascript_unit_test_passes(run: subprocess.CompletedProcess[str]) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == 0 and summary(output, "fail") == 0, f"node --test tests/js/ failed:\n{output}"


def test_every_test_file_runs_all_its_tests(run: subprocess.CompletedProcess[str]) -> None:
    files = sorted(JS_TESTS.glob("*.test.js"))
    declared = sum(len(re.findall(r"^\s*test\(", path.read_text(encoding="utf-8"), re.MULTILINE)) for path in files)
    assert {path.name for path in files} >= {"practice.test.js", "widgets.test.js"}
    # Each test( call runs at least once (a call in a loop runs once per case).
    assert summary(run.stdout, "pass") >= declared > 0, run.stdout


def test_a_failing_javascript_test_fails_the_run(tmp_path) -> None:
    planted = tmp_path / "planted.test.js"
    planted.write_text(
        'const test = require("node:test");\nconst assert = require("node:assert/strict");\n'
        'test("planted", () => assert.equal(1 + 1, 3));\n',
        encoding="utf-8",
    )
    result = node_test(str(planted))
    assert result.returncode != 0
    assert summary(result.stdout, "fail") == 1, result.stdout
