// ESLint for the hand-written scripts (tests/test_js_css_lint.py runs it in `make test`).
// The recommended rules only: they catch bugs (undefined names, unused variables, unreachable
// code), not style. Style is left to the code as it is; no formatter rules on purpose.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["node_modules/", "bench/node_modules/", "site/", ".venv/"] },
  js.configs.recommended,
  {
    // The site's scripts: classic browser scripts (one IIFE each, concatenated into
    // assets/bundle.js), which may also be loaded by Node's test runner through `module`.
    files: ["assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly" },
    },
  },
  {
    // Node's built-in test runner (tests/js/) and this file.
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
