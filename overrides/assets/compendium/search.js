/*
 * The compendium's search engine in the browser: loads the prebuilt lunr index
 * of the page's language, shard by shard, only when the reader searches.
 *
 * Every data file is a script calling compendiumSearch.receive(kind, key, data)
 * (see compendium/search/bundle.py): scripts load from file:// where fetch()
 * of JSON is refused, so the offline copy searches like the online site.
 *
 * Query words are split and lowercased as the Python side splits text, and go
 * through the index's own pipeline (stop words, stemmer, accent folding). All
 * words must match (AND); a word found nowhere is reported and left out.
 */
(function () {
  "use strict";

  var config = document.getElementById("cmp-search-config");
  var received = new Map();
  var loads = new Map();
  var indexes = new Map();
  var ready = null;

  /* Accent folding, registered under the name the index's pipeline uses. */
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "");
  }

  function words(text) {
    return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}_]+/gu) || [];
  }

  function loadScript(src, key) {
    if (!loads.has(src)) {
      loads.set(src, new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = false; // vendored scripts must run in order
        script.onload = function () {
          if (!key) return resolve();
          if (received.has(key)) return resolve(received.get(key));
          reject(new Error("no data in " + src));
        };
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        document.head.appendChild(script);
      }));
    }
    return loads.get(src);
  }

  /* The manifest, lunr and the language's stemmer: once per page. */
  function prepare() {
    if (!ready) {
      ready = loadScript(config.dataset.index + "manifest.js", "manifest:manifest")
        .then(function (manifest) {
          return Promise.all(manifest.scripts.map(function (name) {
            return loadScript(config.dataset.vendor + name);
          })).then(function () {
            lunr.Pipeline.registerFunction(function (token) {
              return token.update(fold);
            }, "compendium-fold");
            manifest.queryPipeline = lunr.Pipeline.load(manifest.pipeline);
            return manifest;
          });
        });
    }
    return ready;
  }

  /*
   * Shards hold sorted ranges of terms: [[where a range starts, file], ...]. A
   * term is in the last range starting at or before it; a prefix may run on
   * into the ranges that start with it.
   */
  function shardsFor(manifest, term, prefix) {
    var ranges = manifest.shards;
    var low = 0;
    var high = ranges.length - 1;
    var found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (ranges[middle][0] <= term) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    var names = found >= 0 ? [ranges[found][1]] : [];
    if (prefix) {
      for (var next = found + 1; next < ranges.length && ranges[next][0].startsWith(term); next++) {
        names.push(ranges[next][1]);
      }
    }
    return names;
  }

  function loadShard(manifest, name) {
    return loadScript(config.dataset.index + name, "shard:" + name).then(function (data) {
      if (!indexes.has(name)) indexes.set(name, lunr.Index.load(data));
      return indexes.get(name);
    });
  }

  /* [word, term] for each word of a text; term is null for a stop word. */
  function analyze(text) {
    return prepare().then(function (manifest) {
      return words(text).map(function (word) {
        var out = manifest.queryPipeline.runString(word);
        return [word, out.length && out[0] ? out[0] : null];
      });
    });
  }

  /* Scores of one term in the shards that may hold it: ref -> score. */
  function termScores(manifest, item) {
    var names = shardsFor(manifest, item.term, item.prefix);
    return Promise.all(names.map(function (name) { return loadShard(manifest, name); }))
      .then(function (shards) {
        var scores = new Map();
        shards.forEach(function (index) {
          index.query(function (query) {
            query.term(item.term, { usePipeline: false, boost: 10 });
            if (item.prefix) {
              query.term(item.term, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
            }
          }).forEach(function (result) {
            scores.set(result.ref, (scores.get(result.ref) || 0) + result.score);
          });
        });
        return scores;
      });
  }

  /* AND of the terms' scores; a term found nowhere is reported as missing. */
  function combine(terms, perTerm) {
    var combined = null;
    var missing = [];
    perTerm.forEach(function (scores, position) {
      if (scores.size === 0) { missing.push(terms[position].word); return; }
      if (combined === null) { combined = scores; return; }
      var next = new Map();
      combined.forEach(function (score, ref) {
        if (scores.has(ref)) next.set(ref, score + scores.get(ref));
      });
      combined = next;
    });
    var results = Array.from((combined || new Map()).entries(), function (entry) {
      return { ref: entry[0], score: entry[1] };
    });
    results.sort(function (a, b) {
      return b.score - a.score || parseInt(a.ref, 36) - parseInt(b.ref, 36);
    });
    return { terms: terms, missing: missing, results: results };
  }

  /*
   * Search for `text`. With `asYouType`, the last word also matches as a prefix.
   * Resolves to {terms, missing, results: [{ref, score}]}, best first.
   */
  function search(text, asYouType) {
    return Promise.all([prepare(), analyze(text)]).then(function (loaded) {
      var manifest = loaded[0];
      var analyzed = loaded[1];
      var terms = [];
      analyzed.forEach(function (pair, position) {
        if (pair[1] === null) return;
        var prefix = asYouType && position === analyzed.length - 1 && pair[1].length > 1;
        terms.push({ word: pair[0], term: pair[1], prefix: prefix });
      });
      return Promise.all(terms.map(function (item) { return termScores(manifest, item); }))
        .then(function (perTerm) { return combine(terms, perTerm); });
    });
  }

  /* URL, title, kind and text of one indexed page. */
  function fragment(ref) {
    return prepare().then(function (manifest) {
      var src = config.dataset.index + manifest.fragments + "/" + ref + ".js";
      return loadScript(src, "doc:" + ref);
    });
  }

  /* Whether a word of a text matches one of the searched terms. */
  function matcher(terms) {
    return prepare().then(function (manifest) {
      return function (word) {
        var out = manifest.queryPipeline.runString(word.toLowerCase());
        var term = out.length ? out[0] : null;
        var plain = fold(word.toLowerCase());
        return terms.some(function (item) {
          if (!term && !plain) return false;
          if (item.prefix) return (term && term.startsWith(item.term)) || plain.startsWith(item.term);
          return term === item.term || plain === item.term;
        });
      };
    });
  }

  function strings() {
    return config ? JSON.parse(config.dataset.strings) : {};
  }

  /* "{count} results" -> "3 results", with values given by name. */
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  window.compendiumSearch = {
    receive: function (kind, key, data) { received.set(kind + ":" + key, data); },
    search: search,
    analyze: analyze,
    fragment: fragment,
    matcher: matcher,
    strings: strings,
    format: format,
    root: config ? config.dataset.root : "./",
    lang: config ? config.dataset.lang : document.documentElement.lang,
  };
})();
