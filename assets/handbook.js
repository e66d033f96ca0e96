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

  if (window.MutationObserver) {
    new MutationObserver(unlandmarkCodeNavs).observe(document.documentElement, { childList: true, subtree: true });
  }
  window.addEventListener("pageshow", closeToggles);
  document.addEventListener("click", onSkipLinkClick, true);  // capture: runs before Material's handler
  if (window.document$) {
    window.document$.subscribe(refreshLanguageSwitcher);
  } else {
    document.addEventListener("DOMContentLoaded", refreshLanguageSwitcher);
  }
})();
