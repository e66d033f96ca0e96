// The widgets' bootstrap (assets/widgets.js): `node --test tests/js/`. A stand-in document holds
// plain objects for the elements; `onPage` hands the test the function a page load calls.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { createRegistry } = require("../../assets/widgets.js");

// A document whose elements per selector the test sets; page() is a page load (document$).
function fixture() {
  const elements = {};
  const reported = [];
  let load = null;
  const doc = { querySelectorAll: (selector) => elements[selector] || [] };
  const registry = createRegistry(doc, (run) => { load = run; }, (error) => reported.push(error));
  return { elements, reported, registry, page: () => load() };
}

// A setup function that records the elements it ran on.
function recorder() {
  const seen = [];
  const setup = (element) => seen.push(element);
  setup.seen = seen;
  return setup;
}

test("nothing runs before the page has loaded", () => {
  const { elements, registry } = fixture();
  const setup = recorder();
  elements["[data-x]"] = [{ id: 1 }];
  registry.register("[data-x]", setup);
  assert.deepEqual(setup.seen, []);
});

test("each matching element is set up once per page load, and again only when it is new", () => {
  const { elements, registry, page } = fixture();
  const setup = recorder();
  const first = { id: 1 };
  const second = { id: 2 };
  elements["[data-x]"] = [first, second];
  registry.register("[data-x]", setup);
  page();
  assert.deepEqual(setup.seen, [first, second]);
  page(); // document$ emits again: the same elements are not set up twice
  assert.deepEqual(setup.seen, [first, second]);
  const third = { id: 3 }; // instant navigation brought a new page with a new element
  elements["[data-x]"] = [third];
  page();
  assert.deepEqual(setup.seen, [first, second, third]);
});

test("a widget registered after the page loaded sets this page up at once", () => {
  const { elements, registry, page } = fixture();
  const element = { id: 1 };
  elements["[data-late]"] = [element];
  page();
  const setup = recorder();
  registry.register("[data-late]", setup);
  assert.deepEqual(setup.seen, [element]);
  page();
  assert.deepEqual(setup.seen, [element]);
});

test("two widgets on one element each run once", () => {
  const { elements, registry, page } = fixture();
  const element = { id: 1 };
  elements["[data-a]"] = [element];
  elements["[data-b]"] = [element];
  const a = recorder();
  const b = recorder();
  registry.register("[data-a]", a);
  registry.register("[data-b]", b);
  page();
  page();
  assert.deepEqual([a.seen, b.seen], [[element], [element]]);
});

test("ready() tells whether an element was set up", () => {
  const { elements, registry, page } = fixture();
  const element = { id: 1 };
  elements["[data-x]"] = [element];
  registry.register("[data-x]", () => {});
  assert.equal(registry.ready(element), false);
  page();
  assert.equal(registry.ready(element), true);
  assert.equal(registry.ready({ id: 2 }), false);
  assert.equal(registry.ready(null), false);
});

test("nothing is stored on the elements", () => {
  const { elements, registry, page } = fixture();
  const element = {};
  elements["[data-x]"] = [element];
  registry.register("[data-x]", () => {});
  page();
  assert.deepEqual(Object.keys(element), []);
});

test("a setup that throws is reported and the other widgets still run", () => {
  const { elements, reported, registry, page } = fixture();
  const broken = { id: 1 };
  const fine = { id: 2 };
  elements["[data-broken]"] = [broken];
  elements["[data-fine]"] = [fine];
  const failure = new Error("broken widget");
  registry.register("[data-broken]", () => { throw failure; });
  const setup = recorder();
  registry.register("[data-fine]", setup);
  page();
  assert.deepEqual(reported, [failure]);
  assert.deepEqual(setup.seen, [fine]);
  page(); // not retried on the same element
  assert.deepEqual(reported, [failure]);
});

test("widgets queued before the registry loaded are taken over, later pushes register at once", () => {
  const { elements, registry, page } = fixture();
  const early = recorder();
  const late = recorder();
  const element = { id: 1 };
  elements["[data-early]"] = [element];
  elements["[data-late]"] = [element];
  const queue = registry.adopt([["[data-early]", early]]); // what window.handbookWidgets held
  page();
  queue.push(["[data-late]", late]);
  assert.deepEqual([early.seen, late.seen], [[element], [element]]);
});

test("a registration without a selector or a function is an error that says so", () => {
  const { registry } = fixture();
  assert.throws(() => registry.register("[data-x]"), /a CSS selector and a function/);
  assert.throws(() => registry.register(null, () => {}), /a CSS selector and a function/);
});
