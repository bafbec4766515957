/*
 * The search page: reads ?q= (and ?type=, ?exact=), says how many pages
 * match and, when it read the query otherwise than typed, how (a corrected
 * typo with a link to search as typed, words of another language with a link
 * to that language's search, words left out); shows the counts per page type
 * as a filter, and the results, drawn by compendiumSearch.renderResult. It
 * keeps the query in the address as the reader types, so that a search can
 * be shared. Text from the index or the query is only ever set as text.
 */
(function () {
  "use strict";

  var S = window.compendiumSearch;
  var strings = S.strings();
  var form = document.getElementById("cmp-search");
  var input = document.getElementById("cmp-search-q");
  var status = document.getElementById("cmp-search-status");
  var types = document.getElementById("cmp-search-types");
  var list = document.getElementById("cmp-search-results");
  var more = document.getElementById("cmp-search-more");
  var PAGE = 10;
  var generation = 0;
  var current = null;
  var params = new URLSearchParams(window.location.search);
  var exact = params.get("exact") === "1";
  var chosen = params.get("type") || "";

  function line(content) {
    var p = document.createElement("p");
    p.append(content);
    return p;
  }

  function emphasis(text) {
    var strong = document.createElement("strong");
    strong.textContent = text;
    return strong;
  }

  function anchor(href, text, lang) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (lang) a.lang = lang;
    return a;
  }

  function searchLink(text, extra) {
    var url = new URL(window.location.href);
    url.search = "";
    url.searchParams.set("q", text);
    Object.keys(extra || {}).forEach(function (key) { url.searchParams.set(key, extra[key]); });
    return url.href;
  }

  /* The words as searched: corrections in place of the words typed. */
  function correctedText(found) {
    var fixed = new Map(found.corrections.map(function (c) { return [c.from, c.to]; }));
    return found.query.all.map(function (item) { return fixed.get(item.word) || item.word; })
      .join(" ");
  }

  function countMessage(found, text, shown) {
    var count = found.results.length;
    var values = { count: count, query: text.trim() };
    if (found.stopwordsOnly) return S.format(strings.stopwords, values);
    if (found.onlyExcluded) return strings.only_excluded;
    if (count === 0) return S.format(strings.none, values);
    var message = S.format(count === 1 ? strings.results_one : strings.results_other, values);
    if (chosen && shown.length !== count) {
      message += " " + S.format(strings.showing, {
        shown: shown.length, count: count, type: current.labels[chosen].other });
    }
    return message;
  }

  /* What the reader is told: the count, then how the query was read. */
  function describe(found, text, shown) {
    var lines = [line(countMessage(found, text, shown))];
    if (found.corrections.length) {
      lines.push(line(S.formatNodes(strings.corrected, { corrected: emphasis(correctedText(found)) })));
      lines.push(line(anchor(searchLink(text, { exact: "1" }),
                             S.format(strings.instead, { original: text.trim() }))));
    }
    found.hints.forEach(function (hint) {
      var words = document.createElement("span");
      words.lang = hint.lang;
      words.textContent = "“" + hint.words.join(" ") + "”";
      lines.push(line(S.formatNodes(strings.other_language, { words: words, language: hint.name })));
      lines.push(line(anchor(hint.url + "?q=" + encodeURIComponent(text.trim()),
                             S.format(strings.other_language_link, { language: hint.name }))));
    });
    if (found.missing.length && shown.length) {
      lines.push(line(S.format(strings.missing, { words: found.missing.join(", ") })));
    }
    if (found.partial) lines.push(line(strings.partial));
    if (found.excluded.length && found.results.length) {
      lines.push(line(S.format(strings.excluded, { words: found.excluded.join(", ") })));
    }
    if (found.tooLong) {
      lines.push(line(S.format(strings.too_long, { count: found.query.words.length })));
    }
    status.replaceChildren.apply(status, lines);
  }

  /* Radio buttons: every type with results, with its count; "all" first. */
  function drawTypes(found) {
    var kinds = current.order.filter(function (kind) { return found.counts[kind]; });
    types.hidden = kinds.length < 2 && !chosen;
    var options = [["", strings.all, found.results.length]].concat(kinds.map(function (kind) {
      return [kind, current.labels[kind].other, found.counts[kind]];
    }));
    var legend = types.querySelector("legend");
    types.replaceChildren(legend);
    options.forEach(function (option) {
      var label = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "type";
      radio.value = option[0];
      radio.checked = option[0] === chosen;
      label.append(radio, option[1] + " ", count(option[2]));
      types.appendChild(label);
    });
  }

  function count(value) {
    var span = document.createElement("span");
    span.className = "cmp-search__count";
    span.textContent = "(" + value + ")";
    return span;
  }

  function visible() {
    return current.results.filter(function (result) { return !chosen || result.kind === chosen; });
  }

  /* The next results, in order, each drawn as soon as its fragment is here. */
  function showMore(ticket) {
    var shown = visible();
    var batch = shown.slice(list.children.length, list.children.length + PAGE);
    var pages = batch.map(function (result) { return S.page(result); });
    more.hidden = true;
    return pages.reduce(function (previous, loading, i) {
      return previous.then(function () { return loading; }).then(function (page) {
        if (ticket !== generation) return;
        list.appendChild(S.renderResult(batch[i], current.found, page, current.labels));
      });
    }, Promise.resolve()).then(function () {
      if (ticket === generation) more.hidden = list.children.length >= shown.length;
    });
  }

  function keepInAddress(text) {
    var url = new URL(window.location.href);
    if (text.trim()) url.searchParams.set("q", text); else url.searchParams.delete("q");
    if (chosen) url.searchParams.set("type", chosen); else url.searchParams.delete("type");
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }

  function clear(message) {
    list.replaceChildren();
    more.hidden = true;
    types.hidden = true;
    status.replaceChildren(line(message));
  }

  function run(text, typing) {
    var ticket = ++generation;
    keepInAddress(text);
    if (!text.trim() || !S.words(text).length) {
      clear(strings.empty);
      return Promise.resolve();
    }
    if (!list.children.length) status.replaceChildren(line(strings.loading));
    list.setAttribute("aria-busy", "true");
    return Promise.all([S.search(text, typing, { exact: exact }), S.manifest()])
      .then(function (loaded) {
        if (ticket !== generation) return;
        var found = loaded[0];
        var manifest = loaded[1];
        Object.assign(strings, manifest.strings);
        current = { found: found, results: found.results, labels: manifest.labels,
                    order: manifest.ranking.kinds, text: text };
        if (chosen && !found.counts[chosen]) chosen = "";
        keepInAddress(text);
        drawTypes(found);
        describe(found, text, visible());
        list.replaceChildren();
        return showMore(ticket);
      }).catch(function (error) {
        if (ticket === generation) clear(strings.error);
        throw error;
      }).finally(function () {
        if (ticket === generation) list.removeAttribute("aria-busy");
      });
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    exact = false;
    timer = window.setTimeout(function () { run(input.value, true); }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value, false);
  });
  types.addEventListener("change", function (event) {
    chosen = event.target.value;
    keepInAddress(current.text);
    describe(current.found, current.text, visible());
    list.replaceChildren();
    showMore(generation);
  });
  more.addEventListener("click", function () {
    var next = list.children.length;
    showMore(generation).then(function () {
      var first = list.children[next];
      if (first) first.querySelector("a").focus();
    });
  });

  /* "/" focuses the search box, as it focuses the header's on other pages. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey ||
        target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.preventDefault();
    event.stopPropagation();
    input.focus();
    input.select();
  }, true);

  var query = params.get("q") || "";
  input.value = query;
  if (query.trim()) run(query, false); else status.replaceChildren(line(strings.empty));
})();
