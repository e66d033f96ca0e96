// Practice mode's scheduling (assets/practice.js), on its pure functions: `node --test tests/js/`
// (tests/test_js_unit.py runs it in `make test`). The script exports them to Node through
// module.exports and stops before it touches a page, so this loads the very file the site serves.
// State: {version, round, boxes: {id: [box, due round]}, queue: [ids of this round, current first], topic}.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../../assets/practice.js");

const IDS = ["a", "b", "c", "d", "e"];

// A state: version 1, round 1, no boxes, the given fields on top.
function state(fields) {
  return Object.assign({ version: 1, round: 1, boxes: {}, queue: [], topic: "" }, fields);
}

// The cards seen when answering with `answers` ("k" knew it, "n" not yet), one per card shown.
function walk(start, answers) {
  let s = start;
  const seen = [];
  for (const answer of answers) {
    seen.push(s.queue[0]);
    s = P.mark(s, answer === "k");
  }
  return { seen, left: s.queue };
}

// A plain JSON copy, as the old Python bridge compared values (undefined fields drop out).
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

test("the file serves Node the pure functions only", () => {
  assert.deepEqual(Object.keys(P).sort(), ["fresh", "mark", "nextRound", "restore", "schedule", "tally"]);
});

// --- the order of a round -------------------------------------------------------------------------

test("a first round shows every card in page order", () => {
  assert.deepEqual(P.schedule(P.fresh(1), IDS), IDS);
});

test("cards least known come first and ties keep page order", () => {
  const boxes = { a: [3, 1], b: [2, 1], c: [1, 1], e: [2, 1] };
  assert.deepEqual(P.schedule(state({ boxes }), IDS), ["d", "c", "b", "e", "a"]);
});

test("cards not yet due wait for a later round", () => {
  const boxes = { a: [2, 2], b: [3, 3], c: [2, 1] };
  assert.deepEqual(P.schedule(state({ round: 2, boxes }), IDS), ["d", "e", "a", "c"]);
});

// --- answering -----------------------------------------------------------------------------------------

test("a card not known comes back after two other cards", () => {
  const result = walk(state({ queue: IDS }), "nkk");
  assert.deepEqual(result.seen, ["a", "b", "c"]);
  assert.deepEqual(result.left, ["a", "d", "e"]);
});

test("a card not known comes back sooner when fewer cards are left", () => {
  assert.deepEqual(walk(state({ queue: ["d", "e"] }), "nknn").seen, ["d", "e", "d", "d"]);
});

test("a card not known goes to box 1, due this round", () => {
  const after = P.mark(state({ round: 4, boxes: { a: [4, 4] }, queue: ["a"] }), false);
  assert.deepEqual(after.boxes.a, [1, 4]);
});

test("a card known leaves the round one box up", () => {
  const after = P.mark(state({ queue: ["a", "b"] }), true);
  assert.deepEqual(after.queue, ["b"]);
  assert.deepEqual(after.boxes.a, [2, 2]); // box 2, due in the next round
});

test("each time a card is known the wait doubles, up to eight rounds", () => {
  let s = P.fresh(1);
  const waits = [];
  for (let i = 0; i < 6; i++) {
    s.queue = ["a"];
    const next = P.mark(s, true);
    waits.push(next.boxes.a[1] - s.round);
    s = Object.assign({}, next, { round: next.boxes.a[1] });
  }
  assert.deepEqual(waits, [1, 2, 4, 8, 8, 8]);
});

test("marking returns a new state and leaves the old one alone", () => {
  const before = state({ queue: ["a", "b", "c"] });
  const kept = plain(before);
  P.mark(before, false);
  P.mark(before, true);
  assert.deepEqual(plain(before), kept);
});

test("a round ends when every card in it was known", () => {
  const result = walk(state({ queue: ["a", "b", "c"] }), "nnkkk");
  assert.deepEqual(result.seen, ["a", "b", "c", "a", "b"]);
  assert.deepEqual(result.left, []);
});

// --- the next round --------------------------------------------------------------------------------

test("the next round shows the cards then due", () => {
  const boxes = { a: [2, 2], b: [3, 3], c: [2, 2], d: [4, 5], e: [2, 2] };
  const after = P.nextRound(state({ boxes }), IDS);
  assert.deepEqual([after.round, after.queue], [2, ["a", "c", "e"]]);
});

test("the next round skips ahead when no card is due", () => {
  const boxes = { a: [4, 5], b: [3, 4] };
  const after = P.nextRound(state({ boxes }), ["a", "b"]);
  assert.deepEqual([after.round, after.queue], [4, ["b"]]);
});

test("the tally counts new, not-yet and known cards", () => {
  const boxes = { a: [1, 1], b: [2, 2], c: [5, 9] };
  assert.deepEqual(P.tally(state({ boxes }), IDS), { new: 2, learning: 1, known: 2 });
});

// --- stored progress -----------------------------------------------------------------------------------

const SAVED = { version: 1, round: 3, boxes: { a: [2, 4], b: [1, 3] }, queue: ["b", "c"], topic: "methods" };
const FRESH = { version: 1, round: 1, boxes: {}, queue: null, topic: "" };

function restore(text, ids) {
  return plain(P.restore(text, 1, ids || IDS));
}

function saved(changes) {
  return JSON.stringify(Object.assign({}, SAVED, changes));
}

test("saved progress is restored", () => {
  assert.deepEqual(restore(JSON.stringify(SAVED)), SAVED);
});

test("nothing saved gives a fresh start", () => {
  assert.deepEqual(restore(null), FRESH);
});

const CORRUPT = {
  garbage: "{not json",
  empty: "",
  null: "null",
  number: "42",
  string: '"text"',
  array: "[1, 2]",
  "foreign object": JSON.stringify({ theme: "dark" }),
  "older version": saved({ version: 0 }),
  "version as text": saved({ version: "1" }),
  "negative round": saved({ round: -1 }),
  "round zero": saved({ round: 0 }),
  "no boxes": saved({ boxes: null }),
  "queue not a list": saved({ queue: "b,c" }),
};

for (const [name, text] of Object.entries(CORRUPT)) {
  test(`corrupt, foreign or old progress gives a fresh start: ${name}`, () => {
    assert.deepEqual(restore(text), FRESH);
  });
}

test("a question removed from the data leaves the boxes and the queue", () => {
  const restored = restore(JSON.stringify(SAVED), ["a", "c", "d"]);
  assert.deepEqual(restored.boxes, { a: [2, 4] });
  assert.deepEqual(restored.queue, ["c"]);
});

test("malformed boxes are dropped one by one", () => {
  const boxes = { a: [9, 1], b: ["2", 1], c: [2.5, 1], d: [2], e: [3, 7] };
  assert.deepEqual(restore(saved({ boxes })).boxes, { e: [3, 7] });
});

test("a queue keeps each known question once", () => {
  assert.deepEqual(restore(saved({ queue: ["c", 7, "c", null, "zz", "a"] })).queue, ["c", "a"]);
});
