/*
 * The practice finder on the practices catalogue. The page holds every
 * practice in one plain list (complete without JavaScript); this script shows
 * the form, filters the list by facets (values of one facet: any of them;
 * different facets: all of them) and by words through the search index,
 * and keeps the state in the query string (?country=IT&theme=housing&q=...),
 * so that a filtered list can be shared and the back button restores it.
 */
(function () {
  "use strict";

  var S = window.compendiumSearch;
  var strings = S.strings();
  var form = document.getElementById("cmp-finder");
  var input = document.getElementById("cmp-finder-q");
  var status = document.getElementById("cmp-finder-status");
  var none = document.getElementById("cmp-finder-none");
  var items = Array.from(document.querySelectorAll("#cmp-practices > li"));
  var facets = Array.from(form.querySelectorAll("[data-facet]"));
  var keys = facets.map(function (facet) { return facet.dataset.facet; });
  var boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
  var values = new Map(items.map(function (li) {
    var own = {};
    keys.forEach(function (key) {
      own[key] = (li.getAttribute("data-" + key) || "").split(" ").filter(Boolean);
    });
    return [li, own];
  }));
  var textRefs = null; // refs matching the words, or null when there are none
  var searched = "";
  var generation = 0;

  function stateFromForm() {
    var state = { q: input.value, facets: {} };
    keys.forEach(function (key) { state.facets[key] = []; });
    boxes.forEach(function (box) { if (box.checked) state.facets[box.name].push(box.value); });
    return state;
  }

  function stateFromAddress() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", facets: {} };
    keys.forEach(function (key) { state.facets[key] = params.getAll(key); });
    return state;
  }

  /* A facet with chosen values opens, so that the reader sees what filters the list. */
  function showInForm(state) {
    input.value = state.q;
    boxes.forEach(function (box) { box.checked = state.facets[box.name].includes(box.value); });
    facets.forEach(function (facet) {
      if (state.facets[facet.dataset.facet].length) facet.open = true;
    });
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q);
    keys.forEach(function (key) {
      state.facets[key].forEach(function (value) { params.append(key, value); });
    });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  function matches(li, state, skipKey) {
    if (textRefs && !textRefs.has(li.dataset.ref)) return false;
    var own = values.get(li);
    return keys.every(function (key) {
      var wanted = state.facets[key];
      return key === skipKey || wanted.length === 0 || wanted.some(function (value) {
        return own[key].includes(value);
      });
    });
  }

  function render(state) {
    var shown = 0;
    items.forEach(function (li) {
      li.hidden = !matches(li, state);
      if (!li.hidden) shown += 1;
    });
    boxes.forEach(function (box) {
      var count = items.filter(function (li) {
        return values.get(li)[box.name].includes(box.value) && matches(li, state, box.name);
      }).length;
      box.closest("label").querySelector("[data-count]").textContent = "(" + count + ")";
    });
    none.hidden = shown > 0;
    status.textContent = S.format(strings.status, { shown: shown, total: items.length });
  }

  function refresh(state) {
    var ticket = ++generation;
    if (state.q === searched) { render(state); return Promise.resolve(); }
    if (!state.q.trim()) {
      searched = state.q;
      textRefs = null;
      render(state);
      return Promise.resolve();
    }
    return S.search(state.q, true).then(function (found) {
      if (ticket !== generation) return;
      searched = state.q;
      textRefs = found.terms.length ? new Set(found.results.map(function (r) { return r.ref; }))
        : null;
      render(state);
    }).catch(function (error) {
      status.textContent = strings.error;
      throw error;
    });
  }

  function update(push) {
    var state = stateFromForm();
    var target = address(state);
    if (target !== window.location.pathname + window.location.search + window.location.hash) {
      window.history[push ? "pushState" : "replaceState"](null, "", target);
    }
    return refresh(state);
  }

  /* Typing words makes one history entry (its first change), not one per key. */
  var timer = null;
  var typing = false;
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") { typing = false; update(true); }
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { update(!typing); typing = true; }, 150);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    typing = false;
    window.setTimeout(function () { update(true); }, 0);
  });
  window.addEventListener("popstate", function () {
    typing = false;
    var state = stateFromAddress();
    showInForm(state);
    refresh(state);
  });

  form.hidden = false;
  var initial = stateFromAddress();
  showInForm(initial);
  refresh(initial);
})();
