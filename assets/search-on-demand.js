/* Search on demand: Material's bundle starts its search worker, then downloads and parses the
   search index, on every page view, whether or not the reader searches. hooks/search_on_demand.py
   puts this script just before the bundle; it holds both back until the reader first reaches for
   search (focuses or clicks the search box, opens it on a phone, or presses a search shortcut,
   which focuses the box), or arrives with a search term to highlight (?h=).
   Only the search index request and the search worker are held back; nothing else changes. */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.json$/;
  var WORKER = /\/assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/;
  var wanted = false;
  var waiting = [];

  function want() {
    if (wanted) {
      return;
    }
    wanted = true;
    document.documentElement.setAttribute("data-search-loaded", "");
    waiting.splice(0).forEach(function (start) {
      start();
    });
  }

  function later(start) {
    if (wanted) {
      start();
    } else {
      waiting.push(start);
    }
  }

  function path(url) {
    try {
      return new URL(String(url), location.href).pathname;
    } catch {
      return "";
    }
  }

  // Material requests the index with XMLHttpRequest: hold back its send() until search is wanted.
  var held = new WeakSet();
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(path(url))) {
      held.add(this);
    } else {
      held.delete(this);
    }
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (held.has(request)) {
      later(function () {
        send.apply(request, args);
      });
      return undefined;
    }
    return send.apply(request, args);
  };

  // The search worker: a stand-in that queues messages and starts the real worker when wanted.
  var RealWorker = window.Worker;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    var OnDemandWorker = function (url, options) {
      if (!WORKER.test(path(url))) {
        return new RealWorker(url, options);
      }
      var stand = new EventTarget();
      var queue = [];
      var worker = null;
      stand.postMessage = function (message) {
        if (worker) {
          worker.postMessage(message);
        } else {
          queue.push(message);
        }
      };
      stand.terminate = function () {
        queue = [];
        if (worker) {
          worker.terminate();
        }
      };
      later(function () {
        worker = new RealWorker(url, options);
        ["message", "messageerror", "error"].forEach(function (type) {
          worker.addEventListener(type, function (event) {
            var copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
            stand.dispatchEvent(copy);
          });
        });
        queue.splice(0).forEach(function (message) {
          worker.postMessage(message);
        });
      });
      return stand;
    };
    OnDemandWorker.prototype = RealWorker.prototype;
    window.Worker = OnDemandWorker;
  }

  if (/[?&]h=/.test(location.search)) {
    want();
    return;
  }
  function reached(event) {
    var target = event.target;
    if (target && target.closest && target.closest(".md-search, [for='__search'], #__search")) {
      want();
    }
  }
  document.addEventListener("focusin", reached);
  document.addEventListener("pointerdown", reached, { passive: true });
  document.addEventListener("change", reached);
})();
