// Loaded in <head>, before the first paint: Material swaps <html class="no-js"> for "js" only
// once its bundle runs at the end of <body>, and its CSS hides the search box until then, so
// the header shifted on every page. A file, not an inline script: the Content-Security-Policy
// (hooks/csp.py) allows no inline script of ours.
document.documentElement.classList.replace("no-js", "js");
