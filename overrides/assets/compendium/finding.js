/*
 * Keeping the reader's place, on the pages that list results (the practice
 * finder, the search page) and on record pages:
 *
 * - the language switcher leads to the same results in the other language:
 *   its links (built at build time, to the same page) get the address's
 *   query (filters, words, order), which the scripts of the page read;
 * - opening a result remembers, for this tab only (sessionStorage), where the
 *   reader came from; the record page then shows "Back to your results",
 *   leading to that very list, in its breadcrumb.
 */
(function () {
  "use strict";

  var KEY = "compendium-results";
  var results = document.getElementById("cmp-practices") ||
    document.getElementById("cmp-search-results");
  var back = document.querySelector(".cmp-back");

  function bare(url) { return url.split("#")[0]; }

  function read() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY) || "null"); } catch (e) {
      return null; // storage refused (privacy settings): no way back, nothing else lost
    }
  }

  function write(value) {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(value)); } catch (e) { /* idem */ }
  }

  /* The switcher's links carry the query of the address as it is now. */
  function syncSwitcher() {
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      if (url.search !== window.location.search) {
        url.search = window.location.search;
        link.href = url.href;
      }
    });
  }

  if (results) {
    syncSwitcher();
    /* The page's scripts rewrite the address as the reader types or filters:
       follow it before the switcher is used, however it is reached. */
    ["pointerdown", "focusin", "click", "popstate"].forEach(function (type) {
      (type === "popstate" ? window : document.querySelector(".md-header") || document)
        .addEventListener(type, syncSwitcher, true);
    });
    results.addEventListener("click", function (event) {
      var link = event.target.closest("a[href]");
      if (link) write({ to: bare(link.href), from: window.location.href });
    });
  }

  if (back) {
    var came = read();
    if (came && came.to === bare(window.location.href)) {
      back.href = came.from;
      back.hidden = false;
    }
  }
})();
