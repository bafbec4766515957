/*
 * The map's filter by theme (overrides/compendium/map.html). The page is
 * complete without it: every place and practice is drawn at build time. This
 * script enables the theme list and then hides the markers and list entries
 * with no practice of the chosen theme (and the shading of their areas), updates the counts in the badges, the
 * link to the finder (?theme=...) and the address (?theme=..., so a filtered
 * map can be shared).
 */
(function () {
  "use strict";

  var form = document.getElementById("cmp-map-filter");
  var select = document.getElementById("cmp-map-theme");
  if (!form || !select) return;
  var finder = document.getElementById("cmp-map-finder");
  var status = document.getElementById("cmp-map-status");
  var places = Array.from(document.querySelectorAll(".cmp-map__place"));
  var entries = Array.from(document.querySelectorAll(".cmp-map__entry"));
  var themes = {}; // practice slug -> its themes, read from the lists' items
  document.querySelectorAll("li[data-practice]").forEach(function (li) {
    themes[li.dataset.practice] = (li.dataset.themes || "").split(" ").filter(Boolean);
  });

  function matches(slug, theme) {
    return !theme || (themes[slug] || []).indexOf(theme) >= 0;
  }

  function apply(theme) {
    var shown = new Set();
    places.forEach(function (place) {
      var slugs = (place.dataset.practices || "").split(" ").filter(Boolean);
      var kept = slugs.filter(function (slug) { return matches(slug, theme); });
      kept.forEach(function (slug) { shown.add(slug); });
      var count = place.querySelector(".cmp-map__count");
      if (count) count.textContent = String(kept.length);
      var projectsOnly = slugs.length === 0 && place.dataset.projects !== "0";
      var off = kept.length === 0 && !(projectsOnly && !theme);
      place.classList.toggle("cmp-map__place--off", off);
      document.querySelectorAll('path[data-place="' + place.dataset.place + '"]')
        .forEach(function (shape) { shape.classList.toggle("cmp-map__area--off", off); });
    });
    entries.forEach(function (entry) {
      var items = entry.matches("li[data-themes]") ? [entry] :
        Array.from(entry.querySelectorAll("li[data-themes]"));
      var any = false;
      items.forEach(function (li) {
        var keep = !theme || (li.dataset.themes || "").split(" ").indexOf(theme) >= 0;
        if (li !== entry) li.hidden = !keep;
        any = any || keep;
      });
      entry.hidden = items.length ? !any : Boolean(theme);
    });
    var total = form.dataset.total;
    status.textContent = theme ? form.dataset.shown.replace("{shown}", String(shown.size))
      .replace("{total}", total) : "";
    finder.href = form.dataset.finder + (theme ? "?theme=" + encodeURIComponent(theme) : "");
  }

  function fromAddress() {
    var theme = new URLSearchParams(window.location.search).get("theme") || "";
    var known = Array.from(select.options).some(function (o) { return o.value === theme; });
    select.value = known ? theme : "";
    apply(select.value);
  }

  select.disabled = false;
  select.addEventListener("change", function () {
    var params = new URLSearchParams(window.location.search);
    if (select.value) params.set("theme", select.value); else params.delete("theme");
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") +
      window.location.hash);
    apply(select.value);
  });
  window.addEventListener("popstate", fromAddress);
  fromAddress();
})();
