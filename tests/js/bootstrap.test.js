// Every widget script reaches the bootstrap whatever order the scripts load in: the real files of
// assets/ (the bootstrap, every script that registers a widget, and handbook.js), run in a bare
// context (a stand-in window, document and Material's document$) in three orders. A page load
// must then look up every widget's elements.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ASSETS = path.join(__dirname, "..", "..", "assets");
const SCRIPTS = fs.readdirSync(ASSETS)
  .filter((name) => name.endsWith(".js"))
  .filter((name) => name === "widgets.js" || name === "handbook.js" ||
    fs.readFileSync(path.join(ASSETS, name), "utf8").includes("window.handbookWidgets"))
  .sort();
const WIDGETS = ["[data-decision-tree]", "[data-qa-filters]", "[data-practice]", "[data-memory-calculator]"];

// Load the scripts in this order, then emit one page load; return the selectors looked up.
function loadInOrder(names) {
  const queried = [];
  const subscribers = [];
  let emitted = false;
  const ignore = () => {};
  const context = {
    document: {
      readyState: "loading",
      documentElement: {},
      addEventListener: ignore,
      querySelectorAll: (selector) => { queried.push(selector); return []; },
      getElementById: () => null,
    },
    addEventListener: ignore,
    setTimeout: (fn) => fn(),
    document$: {
      // Material's document$ replays the current page to a late subscriber.
      subscribe: (fn) => { subscribers.push(fn); if (emitted) fn(); },
    },
  };
  context.window = context;
  vm.createContext(context);
  for (const name of names) {
    vm.runInContext(fs.readFileSync(path.join(ASSETS, name), "utf8"), context, { filename: name });
  }
  emitted = true;
  subscribers.forEach((fn) => fn());
  return { queried, window: context };
}

test("the assets hold the bootstrap and the four widgets", () => {
  for (const name of ["widgets.js", "handbook.js", "decision-tree.js", "questions.js", "practice.js", "memory-calculator.js"]) {
    assert.ok(SCRIPTS.includes(name), `${name} missing from ${SCRIPTS.join(", ")}`);
  }
});

for (const [label, order] of [["bootstrap last", [...SCRIPTS.filter((n) => n !== "widgets.js"), "widgets.js"]],
  ["bootstrap first", ["widgets.js", ...SCRIPTS.filter((n) => n !== "widgets.js")]],
  ["reverse order", [...SCRIPTS].reverse()]]) {
  test(`every widget is set up on a page load, ${label}`, () => {
    const { queried, window } = loadInOrder(order);
    for (const selector of WIDGETS) assert.ok(queried.includes(selector), `${selector} not looked up: ${queried}`);
    assert.equal(typeof window.Handbook.register, "function");
    assert.equal(typeof window.Handbook.ready, "function");
    assert.ok(!Array.isArray(window.handbookWidgets), "the queue was not taken over");
  });
}

test("nothing is set up before the page loads", () => {
  const queried = [];
  const context = {
    document: { readyState: "loading", addEventListener: () => {}, querySelectorAll: (s) => { queried.push(s); return []; } },
    addEventListener: () => {},
    document$: { subscribe: () => {} }, // never emits
  };
  context.window = context;
  vm.createContext(context);
  for (const name of SCRIPTS) vm.runInContext(fs.readFileSync(path.join(ASSETS, name), "utf8"), context);
  assert.deepEqual(queried.filter((selector) => WIDGETS.includes(selector)), []);
});
