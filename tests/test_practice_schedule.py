"""The practice mode's scheduling (assets/practice.js), run in Node on its pure functions.

The script exposes window.HandbookPractice and stops before touching the page when there is no
document, so Node can load the very file the site serves. State: {version, round, boxes:
{id: [box, due round]}, queue: [ids of this round, current first], topic}.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.build import REPO_ROOT

SCRIPT = REPO_ROOT / "assets" / "practice.js"
# One Node process for the whole module: it answers one expression per line of input.
RUNNER = """
const fs = require("fs"), vm = require("vm"), readline = require("readline");
const window = {};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { window });
const P = window.HandbookPractice;
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let reply;
  try {
    const value = (0, eval)("(P) => " + JSON.parse(line))(P);
    reply = { value: value === undefined ? null : value };
  } catch (error) {
    reply = { error: String(error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\\n");
});
"""
IDS = ["a", "b", "c", "d", "e"]
Js = Callable[[str], Any]


@pytest.fixture(scope="module")
def js() -> Iterator[Js]:
    """Evaluate a JavaScript expression in which P is window.HandbookPractice; return its JSON value."""
    executable = shutil.which("node")
    if executable is None:
        pytest.fail("node is not installed: the practice scheduling tests run assets/practice.js in Node")
    node = subprocess.Popen(
        [executable, "-e", RUNNER, str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    stdin, stdout = node.stdin, node.stdout
    assert stdin is not None and stdout is not None

    def evaluate(expression: str) -> Any:
        stdin.write(json.dumps(expression) + "\n")
        stdin.flush()
        reply = json.loads(stdout.readline())
        assert "error" not in reply, reply["error"]
        return reply["value"]

    yield evaluate
    stdin.close()
    node.wait(timeout=10)


def state(**fields: Any) -> str:
    """A state as a JavaScript literal: version 1, round 1, no boxes, the given fields on top."""
    base: dict[str, Any] = {"version": 1, "round": 1, "boxes": {}, "queue": [], "topic": ""}
    return json.dumps(base | fields)


def walk(js: Js, start: str, answers: str) -> dict[str, list[str]]:
    """The cards seen when answering with `answers` ("k" knew it, "n" not yet), one per card shown."""
    return js(
        f"(() => {{ let s = {start}; const seen = [];"
        f" for (const answer of {json.dumps(answers)}) {{ seen.push(s.queue[0]); s = P.mark(s, answer === 'k'); }}"
        " return {seen, left: s.queue}; })()"
    )


# --- the order of a round -------------------------------------------------------------------------


def test_a_first_round_shows_every_card_in_page_order(js: Js) -> None:
    assert js(f"P.schedule(P.fresh(1), {json.dumps(IDS)})") == IDS


def test_cards_least_known_come_first_and_ties_keep_page_order(js: Js) -> None:
    boxes = {"a": [3, 1], "b": [2, 1], "c": [1, 1], "e": [2, 1]}
    assert js(f"P.schedule({state(boxes=boxes)}, {json.dumps(IDS)})") == ["d", "c", "b", "e", "a"]


def test_cards_not_yet_due_wait_for_a_later_round(js: Js) -> None:
    boxes = {"a": [2, 2], "b": [3, 3], "c": [2, 1]}
    assert js(f"P.schedule({state(round=2, boxes=boxes)}, {json.dumps(IDS)})") == ["d", "e", "a", "c"]


# --- answering ---------------------------------------------------------------------------------------


def test_a_card_not_known_comes_back_after_two_other_cards(js: Js) -> None:
    result = walk(js, state(queue=IDS), "nkk")
    assert result["seen"] == ["a", "b", "c"]
    assert result["left"] == ["a", "d", "e"]


def test_a_card_not_known_comes_back_sooner_when_fewer_cards_are_left(js: Js) -> None:
    assert walk(js, state(queue=["d", "e"]), "nknn")["seen"] == ["d", "e", "d", "d"]


def test_a_card_not_known_goes_to_box_1_due_this_round(js: Js) -> None:
    after = js(f"P.mark({state(round=4, boxes={'a': [4, 4]}, queue=['a'])}, false)")
    assert after["boxes"]["a"] == [1, 4]


def test_a_card_known_leaves_the_round_one_box_up(js: Js) -> None:
    after = js(f"P.mark({state(queue=['a', 'b'])}, true)")
    assert after["queue"] == ["b"]
    assert after["boxes"]["a"] == [2, 2]  # box 2, due in the next round


def test_each_time_a_card_is_known_the_wait_doubles_up_to_eight_rounds(js: Js) -> None:
    waits = js(
        "(() => { let s = P.fresh(1); const waits = [];"
        " for (let i = 0; i < 6; i++) { s.queue = ['a']; const next = P.mark(s, true);"
        " waits.push(next.boxes.a[1] - s.round); s = Object.assign({}, next, {round: next.boxes.a[1]}); }"
        " return waits; })()"
    )
    assert waits == [1, 2, 4, 8, 8, 8]


def test_marking_returns_a_new_state_and_leaves_the_old_one_alone(js: Js) -> None:
    before = state(queue=["a", "b", "c"])
    assert js(f"(() => {{ const s = {before}; P.mark(s, false); P.mark(s, true); return s; }})()") == json.loads(before)


def test_a_round_ends_when_every_card_in_it_was_known(js: Js) -> None:
    result = walk(js, state(queue=["a", "b", "c"]), "nnkkk")
    assert result["seen"] == ["a", "b", "c", "a", "b"]
    assert result["left"] == []


# --- the next round ---------------------------------------------------------------------------------


def test_the_next_round_shows_the_cards_then_due(js: Js) -> None:
    boxes = {"a": [2, 2], "b": [3, 3], "c": [2, 2], "d": [4, 5], "e": [2, 2]}
    after = js(f"P.nextRound({state(boxes=boxes)}, {json.dumps(IDS)})")
    assert (after["round"], after["queue"]) == (2, ["a", "c", "e"])


def test_the_next_round_skips_ahead_when_no_card_is_due(js: Js) -> None:
    boxes = {"a": [4, 5], "b": [3, 4]}
    after = js(f"P.nextRound({state(boxes=boxes)}, ['a', 'b'])")
    assert (after["round"], after["queue"]) == (4, ["b"])


def test_the_tally_counts_new_not_yet_and_known_cards(js: Js) -> None:
    boxes = {"a": [1, 1], "b": [2, 2], "c": [5, 9]}
    assert js(f"P.tally({state(boxes=boxes)}, {json.dumps(IDS)})") == {"new": 2, "learning": 1, "known": 2}


# --- stored progress -----------------------------------------------------------------------------------

SAVED = {"version": 1, "round": 3, "boxes": {"a": [2, 4], "b": [1, 3]}, "queue": ["b", "c"], "topic": "methods"}


def restore(js: Js, text: str | None, ids: list[str] = IDS) -> dict[str, Any]:
    return js(f"P.restore({json.dumps(text)}, 1, {json.dumps(ids)})")


FRESH = {"version": 1, "round": 1, "boxes": {}, "queue": None, "topic": ""}


def test_saved_progress_is_restored(js: Js) -> None:
    assert restore(js, json.dumps(SAVED)) == SAVED


def test_nothing_saved_gives_a_fresh_start(js: Js) -> None:
    assert restore(js, None) == FRESH


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "",
        "null",
        "42",
        '"text"',
        "[1, 2]",
        json.dumps({"theme": "dark"}),
        json.dumps(SAVED | {"version": 0}),
        json.dumps(SAVED | {"version": "1"}),
        json.dumps(SAVED | {"round": -1}),
        json.dumps(SAVED | {"round": 0}),
        json.dumps(SAVED | {"boxes": None}),
        json.dumps(SAVED | {"queue": "b,c"}),
    ],
    ids=[
        "garbage",
        "empty",
        "null",
        "number",
        "string",
        "array",
        "foreign object",
        "older version",
        "version as text",
        "negative round",
        "round zero",
        "no boxes",
        "queue not a list",
    ],
)
def test_corrupt_foreign_or_old_progress_gives_a_fresh_start(js: Js, text: str) -> None:
    assert restore(js, text) == FRESH


def test_a_question_removed_from_the_data_leaves_the_boxes_and_the_queue(js: Js) -> None:
    restored = restore(js, json.dumps(SAVED), ids=["a", "c", "d"])
    assert restored["boxes"] == {"a": [2, 4]}
    assert restored["queue"] == ["c"]


def test_malformed_boxes_are_dropped_one_by_one(js: Js) -> None:
    boxes = {"a": [9, 1], "b": ["2", 1], "c": [2.5, 1], "d": [2], "e": [3, 7]}
    assert restore(js, json.dumps(SAVED | {"boxes": boxes}))["boxes"] == {"e": [3, 7]}


def test_a_queue_keeps_each_known_question_once(js: Js) -> None:
    assert restore(js, json.dumps(SAVED | {"queue": ["c", 7, "c", None, "zz", "a"]}))["queue"] == ["c", "a"]
