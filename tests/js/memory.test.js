// The memory calculator's formulas (assets/memory-calculator.js) against macros/memory.py:
// `node --test tests/js/`. tests/test_js_unit.py writes random inputs inside the calculator's
// limits, Python's results and the coefficients the build exports into a JSON file and names it
// in HANDBOOK_MEMORY_CASES; without it (node --test run by hand) the parity test is skipped.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { isDeepStrictEqual } = require("node:util");
const memory = require("../../assets/memory-calculator.js");

const CASES = process.env.HANDBOOK_MEMORY_CASES;

test("the file serves Node the formulas only", () => {
  assert.deepEqual(Object.keys(memory), ["estimate"]);
});

test("JavaScript and Python agree on random inputs", { skip: CASES ? false : "HANDBOOK_MEMORY_CASES not set: run .venv/bin/pytest tests/test_js_unit.py" }, () => {
  const { c, cases } = JSON.parse(fs.readFileSync(CASES, "utf8"));
  assert.ok(cases.length > 0);
  const mismatches = [];
  for (const k of cases) {
    // Compared as JSON, as Python sees it: no undefined fields, numbers by value.
    const got = JSON.parse(JSON.stringify(memory.estimate(c, k.arch, k.setting, k.gpu, k.tokens, k.mfu)));
    if (!isDeepStrictEqual(got, k.want)) {
      const keys = new Set([...Object.keys(k.want), ...Object.keys(got)]);
      const differ = {};
      for (const key of keys) if (!isDeepStrictEqual(got[key], k.want[key])) differ[key] = [k.want[key], got[key]];
      mismatches.push({ input: { arch: k.arch, setting: k.setting, gpu: k.gpu, tokens: k.tokens, mfu: k.mfu }, differ });
    }
  }
  assert.equal(mismatches.length, 0, `${mismatches.length} of ${cases.length} differ; first: ${JSON.stringify(mismatches[0])}`);
});
