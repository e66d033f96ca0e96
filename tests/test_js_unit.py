"""The JavaScript unit tests (tests/js/*.test.js), run with Node's own test runner: `node --test tests/js/`.

They require the very files the site serves (assets/practice.js exports its scheduling functions,
assets/memory-calculator.js its formulas and assets/widgets.js its registry to Node through
`module.exports`), without a browser or a DOM. The calculator's parity test compares the script
with macros/memory.py on random inputs written here (HANDBOOK_MEMORY_CASES).
A failure shows the runner's report; a run that finds fewer test files or tests than tests/js/
holds fails too, so a test file that stops loading cannot pass by running nothing.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from macros import memory
from tests.support.build import REPO_ROOT

pytestmark = pytest.mark.unit

JS_TESTS = REPO_ROOT / "tests" / "js"
SEED = 14
CASES = 240


def random_case(rng: random.Random) -> dict[str, Any]:
    """A random input inside the calculator's limits: a preset or a custom architecture."""
    if rng.random() < 0.5:
        arch = memory.Architecture.of(rng.choice(list(memory.models().values())))
    else:
        kv = rng.choice([1, 2, 4, 8])
        heads = kv * rng.choice([1, 2, 4, 7, 8])
        head_dim = rng.choice([64, 80, 128])
        arch = memory.Architecture(
            hidden_size=heads * head_dim,
            num_hidden_layers=rng.randint(1, 96),
            num_attention_heads=heads,
            num_key_value_heads=kv,
            intermediate_size=rng.randint(64, 40_000),
            vocab_size=rng.randint(256, 260_000),
            tie_word_embeddings=rng.random() < 0.5,
            qkv_bias=rng.random() < 0.5,
            head_dim=head_dim,
        )
    seq_len = rng.choice([1, 128, 512, 1000, 2048, 4096, 8192, 32_768])
    setting = {
        "method": rng.choice(memory.METHODS),
        "optimizer": rng.choice(memory.OPTIMIZERS),
        "targets": rng.choice(memory.TARGETS),
        "seq_len": seq_len,
        "batch_size": rng.randint(1, max(1, min(64, 524_288 // seq_len))),
        "lora_rank": rng.choice([1, 4, 8, 16, 64, 256]),
        "gpus": rng.choice([1, 2, 3, 8, 64]),
        "zero_stage": rng.randint(0, 3),
        "gradient_checkpointing": rng.random() < 0.5,
    }
    return {
        "arch": asdict(arch),
        "setting": setting,
        "gpu": rng.choice(list(memory.gpus())),
        "tokens": round(rng.uniform(0.001, 5000), 3),
        "mfu": rng.choice([1, 12.5, 33.3, 40, 55, 100]),
    }


def memory_cases(path: Path) -> Path:
    """Random calculator inputs with Python's results and the coefficients, for tests/js/memory.test.js."""
    rng = random.Random(SEED)
    cases = []
    for _ in range(CASES):
        case = random_case(rng)
        setting = memory.Setting(**case["setting"])
        want = memory.estimate(
            memory.Architecture(**case["arch"]), setting, memory.gpus()[case["gpu"]], case["tokens"], case["mfu"]
        )
        cases.append(case | {"want": want})
    path.write_text(json.dumps({"c": memory.coefficients(), "cases": cases}), encoding="utf-8")
    return path


def node_test(*paths: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: the JavaScript unit tests run in Node (tests/js/)")
    return subprocess.run(
        [node, "--test", "--test-reporter=tap", *paths],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env=os.environ | (env or {}),
    )


def summary(output: str, name: str) -> int:
    found = re.search(rf"^# {name} (\d+)$", output, re.MULTILINE)
    assert found is not None, f"no '# {name}' line in the node --test report:\n{output}"
    return int(found.group(1))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    cases = memory_cases(tmp_path_factory.mktemp("js") / "memory-cases.json")
    return node_test("tests/js/", env={"HANDBOOK_MEMORY_CASES": str(cases)})


def test_every_javascript_unit_test_passes(run: subprocess.CompletedProcess[str]) -> None:
    output = run.stdout + run.stderr
    assert run.returncode == 0 and summary(output, "fail") == 0, f"node --test tests/js/ failed:\n{output}"


def test_every_test_file_runs_all_its_tests(run: subprocess.CompletedProcess[str]) -> None:
    files = sorted(JS_TESTS.glob("*.test.js"))
    declared = sum(len(re.findall(r"^\s*test\(", path.read_text(encoding="utf-8"), re.MULTILINE)) for path in files)
    assert {path.name for path in files} >= {
        "bootstrap.test.js",
        "memory.test.js",
        "practice.test.js",
        "widgets.test.js",
    }
    # Each test( call runs at least once (a call in a loop runs once per case), and none is skipped.
    assert summary(run.stdout, "pass") >= declared > 0, run.stdout
    assert summary(run.stdout, "skipped") == 0, run.stdout


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
