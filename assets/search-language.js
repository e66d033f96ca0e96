// English pages look for their own search index and sitemap under en/
// (hooks/search_per_language.py). overrides/main.html loads this file right after Material's
// #__config and before Material's bundle reads it, with the language in data-language.
(function (script, element) {
  "use strict";
  var language = script && script.getAttribute("data-language");
  if (!language || !element) return;
  var settings = JSON.parse(element.textContent);
  settings.base = settings.base.replace(/\/?$/, "/" + language + "/");
  element.textContent = JSON.stringify(settings);
})(document.currentScript, document.getElementById("__config"));
