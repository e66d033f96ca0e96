// Practice mode (macros/practice.py): the interview questions as flashcards.
// Without JS the deck lists every question with its answer. This script shows one card at a
// time, hides the answer until asked and schedules the cards with Leitner boxes. Progress is kept
// in localStorage (one key, this browser only) with the version of data/questions.yml, per
// question id: progress that does not parse or is for another version is ignored, and questions
// no longer on the page are dropped. Interface strings come from the page; text goes in only
// with textContent.
//
// Scheduling (pure functions, run in Node by tests/js/practice.test.js):
// - a card's box: 0 never answered, 1 "not yet", 2 to 5 known (one box up each time);
// - a round shows every card that is due, least known first (lower box, then page order);
// - "not yet": box 1, and the card comes back after two other cards (sooner if fewer are left);
// - "knew it": one box up and out of the round, due again 1, 2, 4 or 8 rounds later (box 2-5);
// - the round ends when every card in it was known; the next round is the first with cards due.
(function () {
  "use strict";

  var KEY = "fine-tuning-handbook:practice";
  var TOP = 5; // the highest box
  var AGAIN = 2; // a card not known comes back after this many other cards

  function fresh(version) {
    return { version: version, round: 1, boxes: {}, queue: null, topic: "" };
  }

  function copy(state, changes) {
    var next = {};
    Object.keys(state).forEach(function (key) { next[key] = state[key]; });
    Object.keys(changes).forEach(function (key) { next[key] = changes[key]; });
    return next;
  }

  function box(state, id) {
    return state.boxes[id] ? state.boxes[id][0] : 0;
  }

  function due(state, id) {
    return state.boxes[id] ? state.boxes[id][1] : 0;
  }

  // The cards of ids (in page order) due in the current round, least known first.
  function schedule(state, ids) {
    return ids
      .filter(function (id) { return due(state, id) <= state.round; })
      .map(function (id, index) { return [box(state, id), index, id]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (item) { return item[2]; });
  }

  // The state after answering the first card of the queue.
  function mark(state, knew) {
    var id = state.queue[0];
    var queue = state.queue.slice(1);
    var boxes = copy(state.boxes, {});
    if (knew) {
      var next = Math.min(Math.max(box(state, id), 1) + 1, TOP);
      boxes[id] = [next, state.round + Math.pow(2, next - 2)];
    } else {
      boxes[id] = [1, state.round];
      queue.splice(Math.min(AGAIN, queue.length), 0, id);
    }
    return copy(state, { boxes: boxes, queue: queue });
  }

  // The next round: the first one in which any of ids is due, with its cards.
  function nextRound(state, ids) {
    var first = Math.min.apply(null, ids.map(function (id) { return due(state, id); }));
    var next = copy(state, { round: Math.max(state.round + 1, first) });
    next.queue = schedule(next, ids);
    return next;
  }

  function count(value) {
    return typeof value === "number" && value % 1 === 0 && value >= 0 && value < 1e9;
  }

  // Stored progress for this data version, keeping only the questions in ids; anything that
  // does not parse or fit (corrupt, another site's, an older version) gives a fresh start.
  function restore(text, version, ids) {
    var state = fresh(version);
    var data;
    try {
      data = JSON.parse(text);
    } catch {
      return state;
    }
    if (!data || data.version !== version || !count(data.round) || !data.round || !data.boxes ||
        typeof data.boxes !== "object" || !Array.isArray(data.queue)) return state;
    ids.forEach(function (id) {
      var saved = data.boxes[id];
      if (Array.isArray(saved) && count(saved[0]) && saved[0] <= TOP && count(saved[1])) {
        state.boxes[id] = [saved[0], saved[1]];
      }
    });
    state.round = data.round;
    state.queue = data.queue.filter(function (id, index) {
      return ids.indexOf(id) >= 0 && data.queue.indexOf(id) === index;
    });
    state.topic = typeof data.topic === "string" ? data.topic : "";
    if (typeof data.difficulty === "string") state.difficulty = data.difficulty; // saved since the filter exists
    return state;
  }

  // Cards never answered, answered "not yet" last, and known, among ids.
  function tally(state, ids) {
    var counts = { new: 0, learning: 0, known: 0 };
    ids.forEach(function (id) {
      counts[["new", "learning"][box(state, id)] || "known"]++;
    });
    return counts;
  }

  var scheduling = {
    fresh: fresh, schedule: schedule, mark: mark, nextRound: nextRound, restore: restore, tally: tally
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = scheduling; // Node (the unit tests): the pure functions, no page
    return;
  }
  window.HandbookPractice = scheduling;

  var keyHandlers = new WeakMap(); // deck root -> its keyboard handler

  // Run once per deck on every page load (assets/widgets.js).
  function setup(root) {
    var version = Number(root.getAttribute("data-practice"));
    var cards = {};
    var order = [];
    root.querySelectorAll("[data-question-id]").forEach(function (card) {
      cards[card.getAttribute("data-question-id")] = card;
      order.push(card.getAttribute("data-question-id"));
    });
    // The filters: the state's field, the select and the card attribute share a name.
    var filters = ["topic", "difficulty"];
    var selects = {};
    filters.forEach(function (name) { selects[name] = root.querySelector("[data-practice-" + name + "]"); });
    var live = root.querySelector(".practice__live");
    var buttons = {};
    root.querySelectorAll("[data-practice-action]").forEach(function (button) {
      buttons[button.getAttribute("data-practice-action")] = button;
    });
    var revealed = false;
    var state;
    try {
      state = restore(localStorage.getItem(KEY), version, order);
    } catch {
      state = fresh(version); // storage blocked: practise without saving
    }
    filters.forEach(function (name) {
      var listed = [].some.call(selects[name].options, function (option) { return option.value === state[name]; });
      selects[name].value = state[name] = listed ? state[name] : "";
    });

    function deck() {
      return order.filter(function (id) {
        return filters.every(function (name) {
          return !state[name] || cards[id].getAttribute("data-" + name) === state[name];
        });
      });
    }

    function choose() {
      filters.forEach(function (name) { state[name] = selects[name].value; });
    }
    if (state.queue) {
      var ids = deck();
      state.queue = state.queue.filter(function (id) { return ids.indexOf(id) >= 0; });
    } else {
      state.queue = schedule(state, deck());
    }

    function save() {
      try {
        localStorage.setItem(KEY, JSON.stringify(state));
      } catch {
        // storage full or blocked: progress lasts until the page is left
      }
    }

    function fill(template, values) {
      return template.replace(/\{(\w+)\}/g, function (match, name) { return values[name]; });
    }

    function render(announce, focus) {
      var current = state.queue[0];
      var section = current && cards[current].parentNode;
      root.querySelectorAll(".practice__topic").forEach(function (topic) {
        topic.hidden = topic !== section;
      });
      order.forEach(function (id) {
        cards[id].hidden = id !== current;
        cards[id].querySelector(".practice__answer").hidden = !revealed;
      });
      buttons.reveal.hidden = revealed;
      buttons.knew.hidden = buttons["not-yet"].hidden = !revealed;
      root.querySelector(".practice__actions").hidden = !current;
      root.querySelector(".practice__done").hidden = !!current;
      root.classList.toggle("practice--revealed", revealed);
      var counts = tally(state, deck());
      counts.round = state.round;
      counts.left = state.queue.length;
      root.querySelectorAll("[data-practice-count]").forEach(function (number) {
        number.textContent = counts[number.getAttribute("data-practice-count")];
      });
      if (announce !== undefined) {
        live.textContent = announce + (current ? fill(root.getAttribute("data-practice-card"), {
          left: counts.left,
          question: cards[current].querySelector(".practice__question").textContent
        }) : root.querySelector(".practice__done p").textContent);
      }
      if (focus) {
        if (section && !revealed) section.scrollIntoView({ block: "nearest" });
        focus.focus({ preventScroll: revealed });
      }
    }

    function act(action) {
      if (action === "reveal") {
        revealed = true;
        render(undefined, cards[state.queue[0]].querySelector(".practice__answer"));
        return;
      }
      if (action === "knew" || action === "not-yet") {
        state = mark(state, action === "knew");
      } else if (action === "next-round") {
        state = nextRound(state, deck());
      } else if (action === "reset") {
        state = fresh(version);
        choose();
        state.queue = schedule(state, deck());
      } else {
        choose();
        state.queue = schedule(state, deck());
      }
      revealed = false;
      save();
      var said = action === "reset" ? root.getAttribute("data-practice-reset") + " " : "";
      var next = state.queue.length ? buttons.reveal : buttons["next-round"];
      render(said, action === "reset" || action === "topic" ? null : next); // keep the focus on those controls
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-practice-action]");
      if (button) act(button.getAttribute("data-practice-action"));
    });
    filters.forEach(function (name) {
      selects[name].addEventListener("change", function () { act("topic"); });
    });

    // Space reveals (unless a button or link has the focus: it clicks them), 1 and 2 mark.
    keyHandlers.set(root, function (event) {
      if (event.key === " " && !revealed && state.queue.length && !event.target.closest("a, button, summary")) {
        event.preventDefault();
        act("reveal");
      } else if ((event.key === "1" || event.key === "2") && revealed) {
        event.preventDefault();
        act(event.key === "1" ? "knew" : "not-yet");
      }
    });
    root.querySelector(".practice__bar").hidden = false;
    root.classList.add("practice--js");
    render();
  }

  // One listener for the page's lifetime; it finds the deck of the page shown now.
  document.addEventListener("keydown", function (event) {
    var root = document.querySelector("[data-practice]");
    var target = event.target;
    var onKey = root && keyHandlers.get(root);
    if (!onKey || event.repeat || event.altKey || event.ctrlKey || event.metaKey) return;
    if (target !== document.body && !root.contains(target)) return; // e.g. typing a search
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) || target.isContentEditable) return;
    onKey(event);
  });
  (window.handbookWidgets = window.handbookWidgets || []).push(["[data-practice]", setup]);
})();
