/*
 * The search page: reads ?q=, shows the number of results (announced by the
 * role="status" line) and a list of links with the matched words marked, and
 * keeps ?q= in the address as the reader types so that a search can be shared.
 * Text from the index is only ever set as text, never parsed as HTML.
 */
(function () {
  "use strict";

  var S = window.compendiumSearch;
  var strings = S.strings();
  var form = document.getElementById("cmp-search");
  var input = document.getElementById("cmp-search-q");
  var status = document.getElementById("cmp-search-status");
  var list = document.getElementById("cmp-search-results");
  var more = document.getElementById("cmp-search-more");
  var PAGE = 10;
  var SNIPPET_WORDS = 32;
  var generation = 0;
  var current = null;

  function marked(parts, isMatch) {
    var fragment = document.createDocumentFragment();
    parts.forEach(function (part, position) {
      if (position % 2 === 1 && isMatch(part)) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  /* Odd positions hold words, even ones what lies between them. */
  function split(text) {
    return text.split(/([\p{L}\p{N}_]+)/u);
  }

  function snippet(text, isMatch) {
    var parts = split(text.replace(/\s+/g, " "));
    var first = 1;
    for (var i = 1; i < parts.length; i += 2) {
      if (isMatch(parts[i])) { first = i; break; }
    }
    var start = Math.max(0, first - 2 * 8);
    var end = Math.min(parts.length, start + 2 * SNIPPET_WORDS);
    var piece = parts.slice(start, end);
    if (start % 2 === 1) piece.unshift("");
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    fragment.appendChild(marked(piece, isMatch));
    if (end < parts.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  }

  /* Issue 14: a record's card under its title, as the site's lists show it (summary,
     in another language with its notice, and facts); built from the fragment's
     `card` (compendium/cards.py), as text only. */
  function card(data) {
    var parts = [];
    if (data.summary) {
      var summary = document.createElement("p");
      summary.className = "cmp-card__summary";
      var words = document.createElement("span");
      words.textContent = data.summary;
      if (data.summary_lang) words.lang = data.summary_lang;
      summary.appendChild(words);
      if (data.summary_note) {
        var note = document.createElement("small");
        note.className = "cmp-notice";
        note.textContent = "(" + data.summary_note + ")";
        summary.append(" ", note);
      }
      parts.push(summary);
    }
    if (data.facts.length) {
      var facts = document.createElement("dl");
      facts.className = "cmp-card__facts";
      data.facts.forEach(function (fact) {
        var row = document.createElement("div");
        row.className = "cmp-card__fact";
        row.dataset.fact = fact[0];
        var label = document.createElement("dt");
        label.textContent = fact[1];
        var value = document.createElement("dd");
        value.textContent = fact[2];
        row.append(label, " ", value);
        facts.appendChild(row);
      });
      parts.push(facts);
    }
    return parts;
  }

  function item(doc, isMatch) {
    var li = document.createElement("li");
    li.className = "cmp-result";
    var link = document.createElement("a");
    link.href = S.root + doc.url;
    link.className = "cmp-result__title";
    link.appendChild(marked(split(doc.title), isMatch));
    var kind = document.createElement("span");
    kind.className = "cmp-result__kind";
    kind.textContent = doc.kind;
    var text = document.createElement("p");
    text.className = "cmp-result__snippet";
    text.appendChild(snippet(doc.text, isMatch));
    li.append(link, " ", kind);
    if (doc.card) li.append.apply(li, card(doc.card));
    li.appendChild(text);
    return li;
  }

  function showMore(ticket) {
    var batch = current.results.slice(list.children.length, list.children.length + PAGE);
    return Promise.all(batch.map(function (result) { return S.fragment(result.ref); }))
      .then(function (docs) {
        if (ticket !== generation) return;
        docs.forEach(function (doc) { list.appendChild(item(doc, current.isMatch)); });
        more.hidden = list.children.length >= current.results.length;
      });
  }

  function describe(found, text) {
    var count = found.results.length;
    var message = count === 0 ? strings.none
      : count === 1 ? strings.results_one : strings.results_other;
    message = S.format(message, { count: count, query: text.trim() });
    if (found.missing.length && count) {
      message += " " + S.format(strings.missing, { words: found.missing.join(", ") });
    }
    return message;
  }

  function keepInAddress(text) {
    var url = new URL(window.location.href);
    if (text.trim()) url.searchParams.set("q", text); else url.searchParams.delete("q");
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }

  function run(text) {
    var ticket = ++generation;
    keepInAddress(text);
    if (!text.trim()) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = strings.empty;
      return Promise.resolve();
    }
    status.textContent = strings.loading;
    return S.search(text, true).then(function (found) {
      return S.matcher(found.terms).then(function (isMatch) {
        if (ticket !== generation) return;
        current = { results: found.results, isMatch: isMatch };
        list.replaceChildren();
        more.hidden = true;
        return showMore(ticket).then(function () {
          if (ticket === generation) status.textContent = describe(found, text);
        });
      });
    }).catch(function (error) {
      if (ticket === generation) status.textContent = strings.error;
      throw error;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
  });
  more.addEventListener("click", function () {
    var next = list.children.length;
    showMore(generation).then(function () {
      var first = list.children[next];
      if (first) first.querySelector("a").focus();
    });
  });

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (query.trim()) run(query); else status.textContent = strings.empty;
})();
