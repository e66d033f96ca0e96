// Keep the language switcher pointing at this page's translation.
// Instant navigation replaces the page content but not the header, so after each page
// load we copy the links from the page's [data-page-translations] list (overrides/main.html).
(function () {
  "use strict";
  function refreshSwitcher() {
    var translations = document.querySelectorAll("[data-page-translations] a[hreflang]");
    translations.forEach(function (translation) {
      var lang = translation.getAttribute("hreflang");
      document.querySelectorAll(".md-select__link[hreflang='" + lang + "']").forEach(function (link) {
        link.href = translation.href;
      });
    });
  }
  if (window.document$) {
    window.document$.subscribe(refreshSwitcher);
  } else {
    document.addEventListener("DOMContentLoaded", refreshSwitcher);
  }
})();
