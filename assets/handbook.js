// Site-wide behaviour for every page. Material's instant navigation swaps the page content
// without a reload, so everything here runs again on each page load via Material's document$.
(function () {
  "use strict";

  // The language switcher points at this page's translation. Instant navigation replaces the
  // content but not the header, so copy the links from [data-page-translations]
  // (overrides/main.html) after each page load.
  function refreshLanguageSwitcher() {
    document.querySelectorAll("[data-page-translations] a[hreflang]").forEach(function (translation) {
      var lang = translation.getAttribute("hreflang");
      document.querySelectorAll(".md-select__link[hreflang='" + lang + "']").forEach(function (link) {
        link.href = translation.href;
      });
    });
  }

  // "Skip to content" moves keyboard focus to the content, so the next Tab starts there.
  // Handled here, before instant navigation sees the click: it treats the link as a page
  // visit and now and then left focus on <body> or in the navigation.
  function onSkipLinkClick(event) {
    var link = event.target.closest && event.target.closest("a.md-skip");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
    history.replaceState(history.state, "", link.hash);
  }

  // The drawer and search toggles are checkboxes; overrides/base.html drops Material's
  // autocomplete="off" on them (invalid HTML), so a browser restoring form state on reload or
  // back/forward must not reopen the drawer or the search: start both closed.
  function closeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click();
    });
  }

  // Material's code copy button sits in a <nav> per code block, so a page with several code
  // blocks has several unnamed navigation landmarks (axe: landmark-unique). A copy button is not
  // navigation: take the landmark role away as the buttons appear.
  function unlandmarkCodeNavs() {
    document.querySelectorAll(".md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // Below the first screen the browser renders a text block only when it comes near the viewport
  // (assets/handbook.css), so a jump to an anchor is worked out with estimated heights: the blocks
  // around the target then take their real heights and the target slides off its place (at the
  // end of a page, it stops short of the top). Put it back each frame until it stays put, for at
  // most a second, and never once the reader scrolls or types.
  function settleOnTarget() {
    var hash = window.location ? window.location.hash : "";
    var target = null;
    try {
      target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return;  // a malformed address (%E0%A4%A): no target to put in place
    }
    if (!target || !document.querySelector(".below-fold")) return;
    var frames = 0;
    var still = 0;
    var last = NaN;
    var stopped = false;
    var events = ["wheel", "touchstart", "keydown", "mousedown"];
    function stop() {
      stopped = true;
      events.forEach(function (name) { window.removeEventListener(name, stop, true); });
    }
    events.forEach(function (name) { window.addEventListener(name, stop, true); });
    (function step() {
      if (stopped) return;
      target.scrollIntoView();
      var top = target.getBoundingClientRect().top;
      still = Math.abs(top - last) < 1 ? still + 1 : 0;
      last = top;
      frames += 1;
      if (still >= 3 || frames >= 60) stop();
      else requestAnimationFrame(step);
    })();
  }

  if (window.MutationObserver) {
    new MutationObserver(unlandmarkCodeNavs).observe(document.documentElement, { childList: true, subtree: true });
  }
  window.addEventListener("pageshow", closeToggles);
  document.addEventListener("click", onSkipLinkClick, true);  // capture: runs before Material's handler
  window.addEventListener("hashchange", settleOnTarget);
  if (window.document$) {
    window.document$.subscribe(refreshLanguageSwitcher);
    window.document$.subscribe(settleOnTarget);
  } else {
    document.addEventListener("DOMContentLoaded", refreshLanguageSwitcher);
    document.addEventListener("DOMContentLoaded", settleOnTarget);
  }
})();
