// One bootstrap for the widgets (the decision tree, the question filters, practice mode, the
// memory calculator). Each widget script registers its setup function for a selector:
//
//   (window.handbookWidgets = window.handbookWidgets || []).push(["[data-decision-tree]", setup]);
//
// and this file runs it once for every matching element on every page load: Material's document$
// emits again after each instant navigation (without Material: once the DOM is ready). An element
// that was set up is remembered in a WeakMap, so nothing is stored on the DOM nodes and a
// replaced page lets its elements go. Scripts may load in any order: a widget loaded before this
// file leaves its entry in the array, and this file takes the array over. A setup that throws is
// reported (as an uncaught error) without stopping the other widgets.
(function () {
  "use strict";

  // A registry over a document; `onPage(run)` calls run on every page load. Pure enough to run in
  // Node with a stand-in document (tests/js/widgets.test.js).
  function createRegistry(doc, onPage, report) {
    var widgets = [];
    var done = new WeakMap(); // element -> the setup functions already run on it
    var loaded = false;

    function run(widget) {
      doc.querySelectorAll(widget.selector).forEach(function (element) {
        var setups = done.get(element);
        if (!setups) done.set(element, (setups = []));
        if (setups.indexOf(widget.setup) >= 0) return;
        setups.push(widget.setup);
        try {
          widget.setup(element);
        } catch (error) {
          report(error);
        }
      });
    }

    function runAll() {
      loaded = true;
      widgets.forEach(run);
    }

    function register(selector, setup) {
      if (typeof selector !== "string" || typeof setup !== "function") {
        throw new TypeError("Handbook.register(selector, setup): a CSS selector and a function");
      }
      var widget = { selector: selector, setup: setup };
      widgets.push(widget);
      if (loaded) run(widget); // registered after the page loaded: set this page up now
    }

    // Has a widget been set up on this element (on this page)?
    function ready(element) {
      return done.has(element);
    }

    // The command queue: entries pushed before this file ran, then every later push.
    function adopt(queue) {
      (Array.isArray(queue) ? queue : []).forEach(function (entry) { register(entry[0], entry[1]); });
      return {
        push: function () {
          [].forEach.call(arguments, function (entry) { register(entry[0], entry[1]); });
        }
      };
    }

    onPage(runAll);
    return { register: register, ready: ready, adopt: adopt };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { createRegistry: createRegistry };
    return;
  }

  // Material's document$ replays the current page to a late subscriber and emits on every
  // instant navigation; if it is missing (no Material, or its bundle not loaded yet), fall back to
  // the DOM being ready, and take document$ then if it has appeared.
  function onPage(run) {
    function start() {
      if (window.document$) window.document$.subscribe(function () { run(); });
      else run();
    }
    if (window.document$ || document.readyState !== "loading") start();
    else document.addEventListener("DOMContentLoaded", start, { once: true });
  }

  function report(error) {
    setTimeout(function () { throw error; });
  }

  var registry = createRegistry(document, onPage, report);
  var handbook = (window.Handbook = window.Handbook || {});
  handbook.register = registry.register;
  handbook.ready = registry.ready;
  window.handbookWidgets = registry.adopt(window.handbookWidgets);
})();
