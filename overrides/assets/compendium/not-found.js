/*
 * The 404 page: one file serves every missing URL of the site, in every
 * language. Show the message of the language the URL belongs to (its prefix
 * after the site root: "en/", "es/", none for the default language), hide the
 * others, and point the header's search box at that language's search page.
 * The rest of the page stays in the default language, as <html lang> says.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-cmp-root]");
  if (!box) return;
  var sections = Array.prototype.slice.call(box.querySelectorAll("[data-cmp-prefix]"));
  var root = box.getAttribute("data-cmp-root").replace(/\/?$/, "/");
  var path = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";

  function prefixOf(section) { return section.getAttribute("data-cmp-prefix"); }

  var shown = sections.filter(function (s) {
    return prefixOf(s) && path.indexOf(prefixOf(s)) === 0;
  })[0] || sections.filter(function (s) { return !prefixOf(s); })[0];
  if (!shown) return;

  sections.forEach(function (section) { section.hidden = section !== shown; });
  document.title = shown.getAttribute("data-cmp-title");

  var form = shown.querySelector("form");
  var header = document.querySelector(".cmp-header-search");
  if (form && header) {
    header.action = form.action;
    header.lang = shown.lang;
    header.setAttribute("aria-label", form.getAttribute("aria-label"));
    var input = header.querySelector("input");
    var label = header.querySelector("label");
    if (label) label.textContent = form.getAttribute("aria-label");
    if (input) input.placeholder = form.getAttribute("data-cmp-placeholder");
  }
})();
