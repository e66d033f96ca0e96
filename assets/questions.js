// Question bank filters (macros/templates/question_filters.html): by topic and by difficulty.
// Without JS the page is the plain list grouped by topic and the filter bar stays hidden. The
// bar, its counts and its status line are rendered at build time; this script only hides and
// shows questions, fills in numbers and text (textContent), and keeps the filters in the query
// string (?topic=lora&difficulty=advanced), so the hash stays free for #q-<id> deep links.
// A value the page does not offer (an old or mistyped link) counts as "all". A deep link to a
// question or topic the filters hide clears the filters, so the link always shows its target.
// assets/widgets.js runs setup once per form on every page load.
(function () {
  "use strict";

  var KEYS = ["topic", "difficulty"];
  var reveals = new WeakMap(); // filter form -> its show-the-deep-link's-target function

  function setup(form) {
    var items = [].slice.call(document.querySelectorAll("details[data-question-id]"));
    var status = form.querySelector("[role=status]");

    function offered(key, value) {
      return [].some.call(form.elements[key], function (radio) { return radio.value === value; });
    }

    // Does item match state, ignoring the filter `except` (for the counts of that filter)?
    function matches(item, state, except) {
      return KEYS.every(function (key) {
        return key === except || !state[key] || item.getAttribute("data-" + key) === state[key];
      });
    }

    function apply(state) {
      var shown = items.filter(function (item) {
        item.hidden = !matches(item, state);
        return !item.hidden;
      });
      // A topic heading is shown while any of its questions is.
      [].forEach.call(form.elements.topic, function (radio) {
        var heading = radio.value && document.getElementById("topic-" + radio.value);
        if (heading) {
          heading.hidden = !shown.some(function (item) { return item.getAttribute("data-topic") === radio.value; });
        }
      });
      KEYS.forEach(function (key) {
        [].forEach.call(form.elements[key], function (radio) {
          var choice = {};
          choice[key] = radio.value;
          radio.checked = radio.value === (state[key] || "");
          radio.parentNode.querySelector("[data-qa-count]").textContent = items.filter(function (item) {
            return matches(item, choice) && matches(item, state, key);
          }).length;
        });
      });
      var said = shown.length ? form.getAttribute("data-qa-status")
        .replace("{shown}", shown.length).replace("{total}", items.length) : form.getAttribute("data-qa-none");
      if (status.textContent !== said) status.textContent = said; // the live region speaks on changes only
      var query = new URLSearchParams(location.search);
      KEYS.forEach(function (key) {
        if (state[key]) query.set(key, state[key]); else query.delete(key);
      });
      var hash = hidden(location.hash) ? "" : location.hash; // a hash to a hidden question would clear the filters on reload
      var search = query.toString();
      history.replaceState(history.state, "", location.pathname + (search ? "?" + search : "") + hash);
    }

    function chosen() {
      var state = {};
      KEYS.forEach(function (key) { state[key] = form.elements[key].value; });
      return state;
    }

    function hidden(hash) {
      var target = hash.length > 1 && document.getElementById(decodeURIComponent(hash.slice(1)));
      return !!target && target.closest("[hidden]") !== null && form.parentNode.contains(target);
    }

    // Show the target of a deep link even if the filters hide it.
    function reveal(hash) {
      if (!hidden(hash)) return;
      history.replaceState(history.state, "", location.pathname + location.search + hash);
      apply({});
      document.getElementById(decodeURIComponent(hash.slice(1))).scrollIntoView();
    }
    reveals.set(form, reveal);

    var query = new URLSearchParams(location.search);
    var state = {};
    KEYS.forEach(function (key) {
      var value = query.get(key) || "";
      state[key] = offered(key, value) ? value : "";
    });
    form.addEventListener("change", function () { apply(chosen()); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      apply({});
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var hash = location.hash; // apply() drops a hash whose target it hides
    apply(state);
    reveal(hash);
  }

  // One listener for the page's lifetime: in-page links (the table of contents, answers).
  window.addEventListener("hashchange", function () {
    var form = document.querySelector("[data-qa-filters]");
    var reveal = form && reveals.get(form);
    if (reveal) reveal(location.hash);
  });
  (window.handbookWidgets = window.handbookWidgets || []).push(["[data-qa-filters]", setup]);
})();
