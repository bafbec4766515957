/*
 * The 404 page (overrides/404.html, compendium/not_found.py): one file serves
 * every missing URL of the site, in every language. The page is the default
 * language's; every other language's visible part (header, navigation,
 * message, footer) waits in a <template>. Put in place the one of the
 * language the URL belongs to (its prefix after the site root: "en/", "es/",
 * none for the default language), then show only that language's message.
 * Runs before Material's script, which then finds the page as it will stay.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-cmp-root]");
  if (!box) return;
  var root = box.getAttribute("data-cmp-root").replace(/\/?$/, "/");
  var path = location.pathname.indexOf(root) === 0 ? location.pathname.slice(root.length) : "";
  var templates = Array.prototype.slice.call(
    document.querySelectorAll("body > template[data-cmp-prefix]"));

  var chosen = templates.filter(function (template) {
    var prefix = template.getAttribute("data-cmp-prefix");
    return prefix && path.indexOf(prefix) === 0;
  })[0];

  if (chosen) {
    // The default language's visible part is everything before the first template.
    var body = document.body;
    while (body.firstChild && body.firstChild !== templates[0]) body.removeChild(body.firstChild);
    body.insertBefore(document.importNode(chosen.content, true), templates[0]);
    document.documentElement.lang = chosen.getAttribute("lang");
    document.title = chosen.getAttribute("data-cmp-title");
  }

  var lang = document.documentElement.lang;
  Array.prototype.forEach.call(document.querySelectorAll(".cmp-not-found [lang]"), function (section) {
    if (section.parentNode.classList.contains("cmp-not-found")) section.hidden = section.lang !== lang;
  });
})();
