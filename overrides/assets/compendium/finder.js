/*
 * The practice finder on the practices catalogue. The page holds every
 * practice as a card in one plain list, and the form, all drawn at build
 * time (complete without JavaScript, and nothing moves when this starts).
 * This script filters the cards by facets (values of one facet: any of them;
 * different facets: all of them) and by words through the search index,
 * sorts them (relevance when words are given, title, newest), shows every
 * active filter as a chip that removes it, and keeps the state in the query
 * string (?country=IT&theme=housing&q=...&sort=newest), so that a filtered
 * list can be shared and the back button restores it. Values in the address
 * are read case-insensitively (?country=it); one that no practice has is
 * named and left out instead of silently emptying the list.
 */
(function () {
  "use strict";

  var S = window.compendiumSearch;
  var strings = S.strings();
  var form = document.getElementById("cmp-finder");
  var input = document.getElementById("cmp-finder-q");
  var sortBox = document.getElementById("cmp-finder-sort");
  var status = document.getElementById("cmp-finder-status");
  var chips = document.getElementById("cmp-finder-chips");
  var clear = document.getElementById("cmp-finder-clear");
  var unknownNote = document.getElementById("cmp-finder-unknown");
  var none = document.getElementById("cmp-finder-none");
  var list = document.getElementById("cmp-practices");
  var own = JSON.parse(chips.parentElement.dataset.strings);
  var items = Array.from(list.children);
  var titleOrder = new Map(items.map(function (li, index) { return [li, index]; }));
  var facets = Array.from(form.querySelectorAll("[data-facet]"));
  var keys = facets.map(function (facet) { return facet.dataset.facet; });
  var facetNames = {};
  facets.forEach(function (facet) {
    facetNames[facet.dataset.facet] = facet.querySelector("summary").textContent.trim();
  });
  var boxes = Array.from(form.querySelectorAll("input[type=checkbox]"));
  var canonical = {}; // facet key -> lower-case value -> the value as the page has it
  keys.forEach(function (key) { canonical[key] = new Map(); });
  boxes.forEach(function (box) { canonical[box.name].set(box.value.toLowerCase(), box); });
  var values = new Map(items.map(function (li) {
    var mine = {};
    keys.forEach(function (key) {
      mine[key] = (li.getAttribute("data-" + key) || "").split(" ").filter(Boolean);
    });
    return [li, mine];
  }));
  var SORTS = ["relevance", "title", "newest"];
  var textRefs = null; // refs matching the words, or null when there are none
  var ranks = new Map(); // ref -> rank of relevance, for the words searched
  var searched = "";
  var generation = 0;

  function emptyState() {
    var state = { q: "", facets: {}, sort: "" };
    keys.forEach(function (key) { state.facets[key] = []; });
    return state;
  }

  function stateFromForm() {
    var state = emptyState();
    state.q = input.value;
    boxes.forEach(function (box) { if (box.checked) state.facets[box.name].push(box.value); });
    state.sort = sortBox.dataset.chosen || "";
    return state;
  }

  /* The address as a state, and what in it matches nothing ([key, value] pairs). */
  function stateFromAddress() {
    var params = new URLSearchParams(window.location.search);
    var state = emptyState();
    var unknown = [];
    state.q = params.get("q") || "";
    keys.forEach(function (key) {
      params.getAll(key).forEach(function (value) {
        var box = canonical[key].get(value.toLowerCase());
        if (!box) unknown.push([key, value]);
        else if (!state.facets[key].includes(box.value)) state.facets[key].push(box.value);
      });
    });
    var sort = (params.get("sort") || "").toLowerCase();
    state.sort = SORTS.includes(sort) ? sort : "";
    return { state: state, unknown: unknown };
  }

  function defaultSort(q) { return q.trim() ? "relevance" : "title"; }

  function sortOf(state) {
    if (!state.sort || (state.sort === "relevance" && !state.q.trim())) return defaultSort(state.q);
    return state.sort;
  }

  function isFiltered(state) {
    return Boolean(state.q.trim()) || keys.some(function (key) {
      return state.facets[key].length > 0;
    });
  }

  /* The chips say what filters the list (facets stay as the reader left them: opening
     them would move the page); shown at once, before the words are searched. */
  function showInForm(state) {
    input.value = state.q;
    boxes.forEach(function (box) { box.checked = state.facets[box.name].includes(box.value); });
    sortBox.dataset.chosen = state.sort;
    showSort(state);
    showChips(state);
  }

  function showSort(state) {
    sortBox.querySelector("option[value=relevance]").disabled = !state.q.trim();
    sortBox.value = sortOf(state);
  }

  function address(state) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q);
    keys.forEach(function (key) {
      state.facets[key].forEach(function (value) { params.append(key, value); });
    });
    if (state.sort && state.sort !== defaultSort(state.q) && sortOf(state) === state.sort) {
      params.set("sort", state.sort);
    }
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  function matches(li, state, skipKey) {
    if (textRefs && !textRefs.has(li.dataset.ref)) return false;
    var mine = values.get(li);
    return keys.every(function (key) {
      var wanted = state.facets[key];
      return key === skipKey || wanted.length === 0 || wanted.some(function (value) {
        return mine[key].includes(value);
      });
    });
  }

  function compare(sort) {
    function byTitle(a, b) { return titleOrder.get(a) - titleOrder.get(b); }
    if (sort === "newest") {
      return function (a, b) {
        return (Number(b.dataset.newest || 0) - Number(a.dataset.newest || 0)) || byTitle(a, b);
      };
    }
    if (sort === "relevance") {
      return function (a, b) {
        var ra = ranks.has(a.dataset.ref) ? ranks.get(a.dataset.ref) : Infinity;
        var rb = ranks.has(b.dataset.ref) ? ranks.get(b.dataset.ref) : Infinity;
        return (ra === rb ? 0 : ra < rb ? -1 : 1) || byTitle(a, b);
      };
    }
    return byTitle;
  }

  function order(state) {
    var sorted = items.slice().sort(compare(sortOf(state)));
    var current = Array.from(list.children);
    if (sorted.some(function (li, index) { return current[index] !== li; })) {
      list.append.apply(list, sorted);
    }
  }

  function chip(text, remove) {
    var li = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cmp-chip";
    button.setAttribute("aria-label", S.format(own.remove, { filter: text }));
    var label = document.createElement("span");
    label.textContent = text;
    var cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.className = "cmp-chip__x";
    cross.textContent = "×";
    button.append(label, cross);
    button.addEventListener("click", function () {
      var position = Array.from(chips.children).indexOf(li);
      remove();
      update(true);
      /* Focus stays in the chips (the one now in this place), else goes to the words. */
      var left = chips.children;
      (left.length ? left[Math.min(position, left.length - 1)].querySelector("button") : input)
        .focus();
    });
    li.appendChild(button);
    return li;
  }

  function showChips(state) {
    var made = [];
    if (state.q.trim()) {
      made.push(chip(own.words + ": " + state.q.trim(), function () { input.value = ""; }));
    }
    keys.forEach(function (key) {
      state.facets[key].forEach(function (value) {
        var box = canonical[key].get(value.toLowerCase());
        made.push(chip(facetNames[key] + ": " + box.dataset.label, function () {
          box.checked = false;
        }));
      });
    });
    chips.replaceChildren.apply(chips, made);
    chips.hidden = made.length === 0;
    clear.hidden = !isFiltered(state);
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
    order(state);
    showSort(state);
    showChips(state);
    none.hidden = shown > 0;
    status.textContent = S.format(strings.status, { shown: shown, total: items.length });
  }

  function refresh(state) {
    var ticket = ++generation;
    if (state.q === searched) { render(state); return Promise.resolve(); }
    if (!state.q.trim()) {
      searched = state.q;
      textRefs = null;
      ranks = new Map();
      render(state);
      return Promise.resolve();
    }
    return S.search(state.q, true).then(function (found) {
      if (ticket !== generation) return;
      searched = state.q;
      textRefs = found.terms.length ? new Set(found.results.map(function (r) { return r.ref; }))
        : null;
      ranks = new Map(found.results.map(function (r, index) { return [r.ref, index]; }));
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
    unknownNote.hidden = true;
    return refresh(state);
  }

  function showUnknown(unknown) {
    unknownNote.replaceChildren.apply(unknownNote, unknown.map(function (pair, index) {
      var text = S.format(own.unknown, { facet: facetNames[pair[0]], value: pair[1] });
      return document.createTextNode((index ? " " : "") + text);
    }));
    unknownNote.hidden = unknown.length === 0;
  }

  /* The address as the page reads it: canonical values, nothing unknown. */
  function fromAddress() {
    var read = stateFromAddress();
    showInForm(read.state);
    showUnknown(read.unknown);
    var target = address(read.state);
    if (target !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", target);
    }
    return refresh(read.state);
  }

  /* Typing words makes one history entry (its first change), not one per key. */
  var timer = null;
  var typing = false;
  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") { typing = false; update(true); }
  });
  /* Choosing the default order (relevance with words, else title) leaves it to the
     words: typing words later sorts by relevance again. */
  sortBox.addEventListener("change", function () {
    typing = false;
    sortBox.dataset.chosen = sortBox.value === defaultSort(input.value) ? "" : sortBox.value;
    update(true);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { update(!typing); typing = true; }, 150);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  clear.addEventListener("click", function () {
    typing = false;
    input.value = "";
    boxes.forEach(function (box) { box.checked = false; });
    update(true).then(function () { input.focus(); });
  });
  window.addEventListener("popstate", function () {
    typing = false;
    fromAddress();
  });

  fromAddress();
})();
