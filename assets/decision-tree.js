// Decision trees (macros/decision_tree_render.py) as a one-question-at-a-time widget.
// The server-rendered markup already works without JS: every node is a <section>, every
// answer a link to the next one. This script hides all but the current node, turns answers
// into buttons and keeps the walk in the URL hash (#dt=<tree>:<answer>.<answer>…) so that
// reload, Back/Forward and shared links restore it. Text is only ever moved or copied with
// textContent; the interface strings come from the page, in its language. assets/widgets.js
// runs setup once per tree on every page load.
(function () {
  "use strict";

  var renderers = new WeakMap(); // tree root -> its render-from-the-hash function

  function hashText() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch {
      return location.hash.slice(1); // malformed %-escape: treat it as plain text
    }
  }

  function setup(root) {
    var tree = root.getAttribute("data-decision-tree");
    var prefix = "dt=" + tree;
    var start = root.getAttribute("data-dt-start");
    var trail = root.querySelector(".dt-trail");
    var controls = root.querySelector(".dt-controls");
    var live = root.querySelector(".dt-live");
    var nodes = Object.create(null);
    var path = [];

    // Index the sections by node id; answer links become buttons (same text, same target).
    root.querySelectorAll("[data-dt-node]").forEach(function (section) {
      nodes[section.getAttribute("data-dt-node")] = section;
      section.querySelectorAll("a[data-dt-next]").forEach(function (link, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = link.className;
        button.textContent = link.textContent;
        button.setAttribute("data-dt-next", link.getAttribute("data-dt-next"));
        button.setAttribute("data-dt-index", index);
        link.replaceWith(button);
      });
    });

    function answers(node) {
      return nodes[node].querySelectorAll("button[data-dt-next]");
    }

    // The node reached by a list of answer indexes, and the steps on the way; null if invalid.
    function walk(indexes) {
      var node = start;
      var steps = [];
      for (var i = 0; i < indexes.length; i++) {
        var button = answers(node)[indexes[i]];
        if (!button || !nodes[button.getAttribute("data-dt-next")]) return null;
        steps.push([nodes[node].querySelector(".dt-title").textContent, button.textContent]);
        node = button.getAttribute("data-dt-next");
      }
      return { node: node, steps: steps };
    }

    // Shortest answer path to a node, for plain #<tree>--<node> links (overview, old bookmarks).
    function pathTo(target) {
      var queue = [[start, []]];
      var seen = {};
      while (queue.length) {
        var item = queue.shift();
        if (item[0] === target) return item[1];
        if (seen[item[0]]) continue;
        seen[item[0]] = true;
        answers(item[0]).forEach(function (button, index) {
          queue.push([button.getAttribute("data-dt-next"), item[1].concat(index)]);
        });
      }
      return [];
    }

    // The path the hash asks for: [] when it is ours but malformed or stale, null when not ours.
    function fromHash() {
      var text = hashText();
      if (text === prefix) return [];
      if (text.indexOf(prefix + ":") === 0) {
        var parts = text.slice(prefix.length + 1).split(".");
        var indexes = parts.map(Number);
        var valid = parts.every(function (part) { return /^\d{1,3}$/.test(part); }) && walk(indexes);
        return valid ? indexes : [];
      }
      if (text.indexOf(tree + "--") === 0 && nodes[text.slice(tree.length + 2)]) {
        return pathTo(text.slice(tree.length + 2));
      }
      return null;
    }

    // Show the step and record it as a new history entry. pushState, not location.hash: a
    // fragment navigation would take the focus away from the new question.
    function go(indexes) {
      render(indexes, true);
      history.pushState(null, "", "#" + prefix + (path.length ? ":" + path.join(".") : ""));
    }

    function render(indexes, moveFocus) {
      var state = walk(indexes) || walk([]);
      path = state.steps.length ? indexes : [];
      Object.keys(nodes).forEach(function (node) {
        nodes[node].hidden = node !== state.node;
        nodes[node].removeAttribute("data-dt-outcome");
      });
      var current = nodes[state.node];
      if (current.hasAttribute("data-dt-leaf")) current.setAttribute("data-dt-outcome", state.node);
      var list = trail.querySelector("ol");
      list.textContent = "";
      state.steps.forEach(function (step) {
        var item = document.createElement("li");
        var question = document.createElement("span");
        question.className = "dt-trail-question";
        question.textContent = step[0];
        item.appendChild(question);
        item.appendChild(document.createTextNode(" " + step[1]));
        list.appendChild(item);
      });
      trail.hidden = controls.hidden = !path.length;
      if (moveFocus) {
        var title = current.querySelector(".dt-title");
        title.focus();
        live.textContent = title.textContent;
      }
    }

    root.addEventListener("click", function (event) {
      var target = event.target.closest("button, a");
      if (!target || !root.contains(target)) return;
      var action = target.getAttribute("data-dt-action");
      if (target.hasAttribute("data-dt-next")) {
        go(path.concat(Number(target.getAttribute("data-dt-index"))));
      } else if (action === "back") {
        go(path.slice(0, -1));
      } else if (action === "restart") {
        go([]);
      } else if (target.hash.indexOf("#" + tree + "--") === 0 && target.pathname === location.pathname) {
        // An overview link (Material makes its href absolute): walk there instead of jumping
        // to a hidden section, and keep instant navigation from handling it too.
        event.preventDefault();
        event.stopPropagation();
        go(pathTo(target.hash.slice(tree.length + 3)));
      }
    });

    // On load: whatever the hash says (or the first question). On history changes: only our
    // own hashes, and only when they differ from what is shown.
    function fromHistory(onHashChange) {
      var indexes = fromHash();
      if (!onHashChange) render(indexes || [], false);
      else if (indexes !== null && indexes.join(".") !== path.join(".")) render(indexes, true);
    }
    renderers.set(root, fromHistory);
    root.classList.add("dt-js");
    fromHistory(false);
  }

  // Back/Forward (popstate) and edited or followed #dt= links (hashchange).
  function onHistory() {
    document.querySelectorAll("[data-decision-tree]").forEach(function (root) {
      var fromHistory = renderers.get(root);
      if (fromHistory) fromHistory(true);
    });
  }
  window.addEventListener("popstate", onHistory);
  window.addEventListener("hashchange", onHistory);
  (window.handbookWidgets = window.handbookWidgets || []).push(["[data-decision-tree]", setup]);
})();
